"""The owner's actions through the forms: CSRF first, then one transaction, then the account's
pass at once. Every form posts to its page's own address; a refusal or a bad field is one line
on that page, at that address, with what was typed kept, and changes nothing."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from service import actions
from service.store import models
from service.store.db import transaction
from tests.service.web.conftest import Site
from tests.service.web.seeding import MARCUS, NOW, PRIYA

ALERT = re.compile(r'role="alert">([^<]*)</p>')
STATUS = re.compile(r'role="status">([^<]*)</p>')


def _notes(site: Site) -> list[models.Note]:
    with transaction(site.factory) as session:
        return list(session.scalars(select(models.Note).order_by(models.Note.id)))


def _suggestion(site: Site) -> models.Suggestion:
    with transaction(site.factory) as session:
        found = session.scalar(select(models.Suggestion).where(
            models.Suggestion.interview_id == site.seeded.done_id))
        assert found is not None
        return found


def _audit_count(site: Site) -> int:
    with transaction(site.factory) as session:
        return session.scalar(select(func.count()).select_from(models.AuditEntry)) or 0


def _page(site: Site) -> str:
    return f"/interviews/{site.seeded.done_id}"


def _shown(site: Site) -> str:
    with transaction(site.factory) as session:
        return actions.check_in_version(session.get_one(models.Interview, site.seeded.done_id))


def _check_in(site: Site, do: str, **fields: str) -> dict[str, str]:
    return {"do": do, "shown": _shown(site), **fields}


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(site: Site) -> None:
    site.client.get("/")  # the browser has its cookie; the forged form does not have the field
    for data in ({"do": "note_add", "topic": "forged"}, _check_in(site, "approve"),
                 _check_in(site, "dismiss"), _check_in(site, "snooze", preset="two_days"),
                 _check_in(site, "recipient", recipient=PRIYA), {"do": "checklist"}):
        answer = site.post(_page(site), data, csrf=False)
        assert answer.status_code == 403
        assert "did not come from this dashboard" in answer.text
    assert _notes(site) == []
    assert _suggestion(site).status == "suggested"
    assert site.changes == [] and site.passes == []


def test_a_token_from_another_browser_or_a_forged_one_is_refused(site: Site) -> None:
    token = site.csrf(_page(site))
    site.client.cookies.delete("followup_csrf")  # another browser: no cookie, or its own
    answer = site.client.post(_page(site), data={"do": "note_add", "topic": "x",
                                                 "csrf": token})
    assert answer.status_code == 403
    site.client.cookies.set("followup_csrf", "A" * 43)
    answer = site.client.post(_page(site), data={"do": "note_add", "topic": "x",
                                                 "csrf": "A" * 43})
    assert answer.status_code == 403
    assert _notes(site) == []


def test_adding_a_note_stores_it_and_runs_the_accounts_pass_at_once(site: Site) -> None:
    answer = site.post(_page(site), {"do": "note_add", "interviewer": MARCUS,
                                     "topic": "  the design\nsystem  ",
                                     "strengths": "ten years of design systems",
                                     "decision_date": "2026-06-19"}, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == _page(site)
    [note] = _notes(site)
    assert (note.interviewer_email, note.topic) == (MARCUS, "the design system")
    assert note.strengths == "ten years of design systems"
    assert note.decision_date is not None and note.decision_date.isoformat() == "2026-06-19"
    assert site.passes == [site.seeded.account_id] and site.changes == ["changed"]
    page = site.client.get(answer.headers["location"])
    assert STATUS.findall(page.text) == ["Note added: drafts you have not changed now use it."]
    assert "the design system" in page.text and "ten years of design systems" in page.text
    assert "Fri Jun 19, 2026" in page.text
    # the message is shown once
    assert "Note added" not in site.client.get(answer.headers["location"]).text


def test_a_note_is_edited_and_deleted(site: Site) -> None:
    site.post(_page(site), {"do": "note_add", "topic": "the roadmap"})
    [note] = _notes(site)
    form = site.client.get(f"{_page(site)}?edit={note.id}").text
    assert "Edit the note" in form and 'value="note_save"' in form
    assert f'name="note_id" value="{note.id}"' in form and ">the roadmap</textarea>" in form
    answer = site.post(_page(site), {"do": "note_save", "note_id": str(note.id),
                                     "interviewer": PRIYA, "topic": "the hiring plan"})
    assert "Note saved" in answer.text
    [edited] = _notes(site)
    assert (edited.id, edited.topic, edited.interviewer_email) == (note.id, "the hiring plan",
                                                                  PRIYA)
    assert edited.updated_at == NOW
    answer = site.post(_page(site), {"do": "note_delete", "note_id": str(note.id)})
    assert "Note deleted" in answer.text
    assert _notes(site) == []
    assert site.passes == [site.seeded.account_id] * 3
    gone = site.post(_page(site), {"do": "note_delete", "note_id": str(note.id)})
    assert gone.status_code == 409 and "that note is gone" in gone.text


def test_bad_notes_are_refused_at_the_pages_own_address_with_the_text_kept(site: Site) -> None:
    before = _audit_count(site)
    long_text = "word " * 401  # 2004 characters: over the limit, and never cut
    cases = [
        ({"topic": "  ", "decision_date": ""}, 400, "the note is empty"),
        ({"topic": "kept text", "decision_date": "next friday"}, 400,
         "Decision date: not a date (use YYYY-MM-DD)"),
        ({"topic": "kept text", "decision_date": "2026-05-01"}, 409,
         "Decision date: May 1, 2026 is before the interview"),
        ({"topic": "kept text", "decision_date": "2031-01-01"}, 409,
         "Decision date: more than a year after the interview"),
        ({"topic": "kept text", "interviewer": "stranger@elsewhere.com"}, 409,
         "stranger@elsewhere.com is not an interviewer of this interview"),
        ({"topic": long_text}, 400, "What was discussed: at most 2000 characters (this has"),
    ]
    for data, status, message in cases:
        answer = site.post(_page(site), {"do": "note_add", **data})
        assert answer.status_code == status, message
        assert answer.url.path == _page(site)  # the page's own address, not an action's
        [alert] = ALERT.findall(answer.text)
        assert message in html.unescape(alert)
        if data["topic"].strip():
            assert f">{html.escape(data['topic'])}</textarea>" in answer.text  # kept, whole
    assert _notes(site) == []
    assert _audit_count(site) == before
    assert site.changes == [] and site.passes == []


def test_approving_the_check_in_then_undoing_it(site: Site) -> None:
    answer = site.post(_page(site), _check_in(site, "approve"))
    assert answer.status_code == 200  # after the redirect
    assert STATUS.findall(answer.text)[0].startswith(
        "Check-in approved: the draft to marcus.lee@globex.com")
    assert _suggestion(site).status == "approved"
    assert 'value="approve"' not in answer.text
    assert "Check-in to Marcus Lee approved." in answer.text and 'value="undo"' in answer.text
    assert site.passes == [site.seeded.account_id]
    undone = site.post(_page(site), {"do": "undo"})
    assert "You took back the approval" in undone.text
    assert _suggestion(site).status == "suggested"
    assert 'value="approve"' in undone.text
    history = undone.text.split('id="audit-heading"')[1]
    assert "You approved the check-in to Marcus Lee" in history
    assert "You took back the approval of the check-in" in history


def test_undo_lasts_a_few_minutes(site: Site) -> None:
    site.post(_page(site), _check_in(site, "dismiss"))
    assert _suggestion(site).status == "dismissed"
    board = site.client.get("/").text
    assert "Check-in dismissed." in board and 'value="undo"' in board
    site.clock.advance(actions.UNDO_WINDOW + timedelta(seconds=1))
    assert 'value="undo"' not in site.client.get("/").text
    late = site.post(_page(site), {"do": "undo"})
    assert late.status_code == 409
    assert "there is nothing to undo any more (undo lasts 5 minutes)" in late.text
    assert _suggestion(site).status == "dismissed"


def test_a_stale_tab_cannot_dismiss_a_check_in_approved_meanwhile(site: Site) -> None:
    stale = _check_in(site, "dismiss")
    site.post(_page(site), _check_in(site, "approve"))  # in another tab
    answer = site.post(_page(site), stale)
    assert answer.status_code == 409
    [alert] = ALERT.findall(answer.text)
    assert alert.startswith("Nothing was changed: the check-in is now approved")
    assert _suggestion(site).status == "approved"


def test_check_in_actions_from_the_dashboard_answer_on_the_dashboard(site: Site) -> None:
    answer = site.post("/", {**_check_in(site, "dismiss"),
                             "interview": str(site.seeded.done_id)})
    assert answer.url.path == "/"
    assert "Check-in dismissed" in answer.text
    stale = site.post("/", {"do": "approve", "shown": "suggested@1.000000",
                            "interview": str(site.seeded.done_id)})
    assert stale.status_code == 409 and stale.url.path == "/"
    assert "the check-in is now dismissed" in stale.text
    undo = site.post("/", {"do": "undo", "interview": str(site.seeded.done_id)})
    assert "You took back the dismissal" in undo.text
    assert _suggestion(site).status == "suggested"


def test_snoozing_with_the_presets_or_a_date(site: Site) -> None:
    chicago = ZoneInfo("America/Chicago")  # NOW is Friday Jun 12, 15:00 there
    answer = site.post(_page(site), _check_in(site, "snooze", preset="two_days"))
    assert "Check-in snoozed until Sun Jun 14, 2026." in answer.text
    assert _suggestion(site).snooze_until == datetime(2026, 6, 14, 9, 0, tzinfo=chicago)
    assert ">snoozed</span>" in answer.text
    with transaction(site.factory) as session:
        suggestion = session.get_one(models.Suggestion, _suggestion(site).id)
        suggestion.status = "suggested"
    site.post(_page(site), _check_in(site, "snooze", preset="next_monday"))
    assert _suggestion(site).snooze_until == datetime(2026, 6, 15, 9, 0, tzinfo=chicago)
    with transaction(site.factory) as session:
        session.get_one(models.Suggestion, _suggestion(site).id).status = "suggested"
    site.post(_page(site), _check_in(site, "snooze", until="2026-06-18"))
    assert _suggestion(site).snooze_until == datetime(2026, 6, 18, 9, 0, tzinfo=chicago)


def test_snoozing_into_the_past_or_without_a_date_is_refused(site: Site) -> None:
    answer = site.post(_page(site), _check_in(site, "snooze", until="2026-06-01"))
    assert answer.status_code == 409
    assert "snooze until a moment in the future" in answer.text
    answer = site.post(_page(site), _check_in(site, "snooze", until=""))
    assert answer.status_code == 400
    assert "Snooze until: choose 2 days, next Monday, or a date" in answer.text
    assert _suggestion(site).status == "suggested"


def test_changing_the_recipient(site: Site) -> None:
    answer = site.post(_page(site), _check_in(site, "recipient", recipient=PRIYA))
    assert "The check-in will go to priya.shah@globex.com." in answer.text
    suggestion = _suggestion(site)
    assert (suggestion.recipient_email, suggestion.recipient_name) == (PRIYA, "Priya Shah")
    assert f'<option value="{PRIYA}" selected>' in answer.text


def test_a_recipient_off_the_company_side_is_refused(site: Site) -> None:
    for address, reason in (("friend@gmail.com", "not on the company side"),
                            ("sam.patel@example.org", "that is your own address")):
        answer = site.post(_page(site), _check_in(site, "recipient", recipient=address))
        assert answer.status_code == 409
        assert reason in answer.text
    assert _suggestion(site).recipient_email == MARCUS


def test_the_checklist_is_ticked_and_kept(site: Site) -> None:
    answer = site.post(_page(site), {"do": "checklist", "item": "questions"})
    assert "Checklist saved." in answer.text
    assert 'id="check-questions" name="item" value="questions" checked' in answer.text
    token = site.csrf(_page(site))
    site.client.post(_page(site), data={"csrf": token, "do": "checklist",
                                        "item": ["resume", "keep_applying"]})
    with transaction(site.factory) as session:
        ticked = set(session.scalars(select(models.ChecklistTick.item)))
    assert ticked == {"resume", "keep_applying"}
    odd = site.post(_page(site), {"do": "checklist", "item": "rob_a_bank"})
    assert odd.status_code == 409


def test_marking_an_event_as_not_an_interview_and_back(site: Site) -> None:
    answer = site.post(_page(site), {"do": "not_interview"})
    assert "Marked as not an interview" in answer.text
    with transaction(site.factory) as session:
        interview = session.get_one(models.Interview, site.seeded.done_id)
        assert interview.status == "not_interview"
        verdict = session.scalar(select(models.EventVerdict))
        assert verdict is not None and verdict.event_id == "ev-globex"
        assert verdict.is_interview is False
    board = site.client.get("/").text
    assert "(you marked it as not an interview)" in board
    back = site.post(_page(site), {"do": "is_interview"})
    assert "Taken as an interview again" in back.text
    with transaction(site.factory) as session:
        assert session.get_one(models.Interview, site.seeded.done_id).status == "done"
        assert session.scalar(select(models.EventVerdict.is_interview)) is True


def test_actions_on_an_unknown_or_another_owners_interview_are_404(site: Site) -> None:
    for interview_id in (424242, 10**30):
        answer = site.post(f"/interviews/{interview_id}",
                           {"do": "approve", "shown": "suggested@0"})
        assert answer.status_code == 404
    assert "There is no such interview." in answer.text
    answer = site.post("/", {"do": "approve", "shown": "x", "interview": "424242"})
    assert answer.status_code == 404


def test_an_oversized_or_odd_form_is_refused(site: Site) -> None:
    token = site.csrf(_page(site))
    answer = site.client.post(_page(site), data={"do": "note_add", "topic": "x" * 70_000,
                                                 "csrf": token})
    assert answer.status_code == 413
    answer = site.client.post(_page(site), files={"topic": ("a.txt", b"x")},
                              data={"csrf": token})
    assert answer.status_code == 400
    assert "not sent as a web form" in answer.text
    answer = site.post(_page(site), {"do": "launch_rockets"})
    assert answer.status_code == 400
    assert _notes(site) == []


def test_only_its_own_host_names_are_answered(site: Site) -> None:
    # a rebinding attacker's page reaches 127.0.0.1 with its own domain in Host
    answer = site.client.get("/", headers={"host": "attacker.example"})
    assert answer.status_code == 400
    assert site.client.get("/", headers={"host": "localhost:8400"}).status_code == 200


def test_signing_out_ends_the_session(site: Site) -> None:
    cookie = site.client.cookies.get("followup_session")
    token = site.csrf(_page(site))
    answer = site.post("/signout", {})
    assert "Signed out." in answer.text and "Sign in with Google" in answer.text
    # the old cookie is dead on the server too, not only forgotten by the browser
    assert cookie is not None
    site.client.cookies.set("followup_session", cookie)
    assert "Sign in with Google" in site.client.get("/").text
    answer = site.client.post(_page(site), data={"do": "note_add", "topic": "x",
                                                 "csrf": token})
    assert answer.status_code == 403 and "You are signed out" in answer.text
    assert _notes(site) == []
