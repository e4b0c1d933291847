"""The owner's actions through the forms: CSRF first, then one transaction; a refusal or a
bad field is one line on the page and changes nothing."""

from __future__ import annotations

import html
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from service.store import models
from service.store.db import transaction
from tests.service.web.conftest import Site
from tests.service.web.seeding import MARCUS, PRIYA

ALERT = re.compile(r'role="alert">([^<]*)</p>')


def _notes(site: Site) -> list[models.Note]:
    with transaction(site.factory) as session:
        return list(session.scalars(select(models.Note)))


def _suggestion(site: Site) -> models.Suggestion:
    with transaction(site.factory) as session:
        found = session.scalar(select(models.Suggestion).where(
            models.Suggestion.interview_id == site.seeded.done_id))
        assert found is not None
        return found


def _audit_count(site: Site) -> int:
    with transaction(site.factory) as session:
        return session.scalar(select(func.count()).select_from(models.AuditEntry)) or 0


def _path(site: Site, action: str) -> str:
    return f"/interviews/{site.seeded.done_id}/{action}"


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(site: Site) -> None:
    site.client.get("/")  # the browser has its cookie; the forged form does not have the field
    for action, data in (("notes", {"topic": "forged"}), ("check-in/approve", {}),
                         ("check-in/dismiss", {}), ("check-in/snooze", {"until": "2026-07-01"}),
                         ("check-in/recipient", {"recipient": PRIYA})):
        answer = site.post(_path(site, action), data, csrf=False)
        assert answer.status_code == 403
        assert "did not come from this dashboard" in answer.text
    assert _notes(site) == []
    assert _suggestion(site).status == "suggested"
    assert site.changes == []


def test_a_token_from_another_browser_or_a_forged_one_is_refused(site: Site) -> None:
    token = site.csrf()
    site.client.cookies.clear()  # another browser: no cookie, or its own
    answer = site.client.post(_path(site, "notes"), data={"topic": "x", "csrf": token})
    assert answer.status_code == 403
    site.client.cookies.set("followup_csrf", "A" * 43)
    answer = site.client.post(_path(site, "notes"), data={"topic": "x", "csrf": "A" * 43})
    assert answer.status_code == 403
    assert _notes(site) == []


def test_adding_a_note_stores_it_and_wakes_the_scheduler(site: Site) -> None:
    answer = site.post(_path(site, "notes"), {"interviewer": MARCUS, "topic": "  the design\n"
                                              "system  ", "decision_date": "2026-06-19"},
                       follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/interviews/{site.seeded.done_id}"
    [note] = _notes(site)
    assert (note.interviewer_email, note.topic) == (MARCUS, "the design system")
    assert note.decision_date is not None and note.decision_date.isoformat() == "2026-06-19"
    assert site.changes == ["changed"]
    page = site.client.get(answer.headers["location"])
    assert "Note added" in page.text
    assert "the design system" in page.text
    assert "Fri Jun 19, 2026" in page.text
    # the message is shown once
    assert "Note added" not in site.client.get(answer.headers["location"]).text


def test_note_for_all_interviewers(site: Site) -> None:
    site.post(_path(site, "notes"), {"interviewer": "", "topic": "the roadmap"})
    [note] = _notes(site)
    assert note.interviewer_email is None
    assert "all interviewers" in site.client.get(_path(site, "")[:-1]).text


def test_bad_notes_come_back_as_one_line_and_keep_what_was_typed(site: Site) -> None:
    before = _audit_count(site)
    cases = [
        ({"topic": "  ", "decision_date": ""}, 400, "the note is empty"),
        ({"topic": "kept text", "decision_date": "next friday"}, 400,
         "Decision date: not a date (use YYYY-MM-DD)"),
        ({"topic": "kept text", "interviewer": "stranger@elsewhere.com"}, 409,
         "stranger@elsewhere.com is not an interviewer of this interview"),
        ({"topic": "x" * 2001}, 400, "Topic: at most 2000 characters"),
    ]
    for data, status, message in cases:
        answer = site.post(_path(site, "notes"), data)
        assert answer.status_code == status, message
        [alert] = ALERT.findall(answer.text)
        assert message in html.unescape(alert)
        if data["topic"] == "kept text":
            assert 'value="kept text"' in answer.text
    assert _notes(site) == []
    assert _audit_count(site) == before
    assert site.changes == []


def test_approving_the_check_in(site: Site) -> None:
    answer = site.post(_path(site, "check-in/approve"), {})
    assert answer.status_code == 200  # after the redirect
    assert "Check-in approved: the draft to marcus.lee@globex.com" in answer.text
    assert _suggestion(site).status == "approved"
    assert "check-in/approve" not in answer.text
    assert site.changes == ["changed"]
    again = site.post(_path(site, "check-in/approve"), {})
    assert again.status_code == 409
    assert "no pending check-in suggestion (it is approved)" in again.text
    assert again.text.count('role="alert"') == 1


def test_dismissing_the_check_in(site: Site) -> None:
    answer = site.post(_path(site, "check-in/dismiss"), {})
    assert "Check-in dismissed" in answer.text
    assert _suggestion(site).status == "dismissed"


def test_snoozing_the_check_in_until_a_morning(site: Site) -> None:
    answer = site.post(_path(site, "check-in/snooze"), {"until": "2026-06-16"})
    assert "Check-in snoozed until Tue Jun 16, 2026." in answer.text
    suggestion = _suggestion(site)
    assert suggestion.status == "snoozed"
    assert suggestion.snooze_until == datetime(2026, 6, 16, 9, 0,
                                               tzinfo=ZoneInfo("America/Chicago"))
    assert ">snoozed</span>" in answer.text


def test_snoozing_into_the_past_or_without_a_date_is_refused(site: Site) -> None:
    answer = site.post(_path(site, "check-in/snooze"), {"until": "2026-06-01"})
    assert answer.status_code == 409
    assert "snooze until a moment in the future" in answer.text
    answer = site.post(_path(site, "check-in/snooze"), {"until": ""})
    assert answer.status_code == 400
    assert "Snooze until: choose a date" in answer.text
    assert _suggestion(site).status == "suggested"


def test_changing_the_recipient(site: Site) -> None:
    answer = site.post(_path(site, "check-in/recipient"), {"recipient": PRIYA})
    assert "The check-in will go to priya.shah@globex.com." in answer.text
    suggestion = _suggestion(site)
    assert (suggestion.recipient_email, suggestion.recipient_name) == (PRIYA, "Priya Shah")
    assert f'<option value="{PRIYA}" selected>' in answer.text


def test_a_recipient_off_the_company_side_is_refused(site: Site) -> None:
    for address, reason in (("friend@gmail.com", "not on the company side"),
                            ("sam.patel@example.org", "that is your own address")):
        answer = site.post(_path(site, "check-in/recipient"), {"recipient": address})
        assert answer.status_code == 409
        assert reason in answer.text
    assert _suggestion(site).recipient_email == MARCUS


def test_actions_on_an_unknown_interview_are_404(site: Site) -> None:
    for interview_id in (424242, 10**30):
        answer = site.post(f"/interviews/{interview_id}/check-in/approve", {})
        assert answer.status_code == 404
    assert "There is no such interview." in answer.text


def test_an_oversized_or_odd_form_is_refused(site: Site) -> None:
    token = site.csrf()
    answer = site.client.post(_path(site, "notes"),
                              data={"topic": "x" * 70_000, "csrf": token})
    assert answer.status_code == 413
    answer = site.client.post(_path(site, "notes"), files={"topic": ("a.txt", b"x")},
                              data={"csrf": token})
    assert answer.status_code == 400
    assert "not sent as a web form" in answer.text
    assert _notes(site) == []


def test_only_its_own_host_names_are_answered(site: Site) -> None:
    # a rebinding attacker's page reaches 127.0.0.1 with its own domain in Host
    answer = site.client.get("/", headers={"host": "attacker.example"})
    assert answer.status_code == 400
    assert site.client.get("/", headers={"host": "localhost:8400"}).status_code == 200


def test_get_is_not_an_action(site: Site) -> None:
    assert site.client.get(_path(site, "check-in/approve")).status_code == 405
    assert _suggestion(site).status == "suggested"
