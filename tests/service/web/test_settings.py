"""The first-run step and the settings page: what they store, what they refuse (with what was
typed kept), pausing, and "disconnect and delete my data"."""

from __future__ import annotations

import re
from datetime import time, timedelta

from sqlalchemy import func, select

from service.store import models
from service.store.db import transaction
from tests.service.web.conftest import Site
from tests.service.web.seeding import NOW
from tests.service.web.seeding import add_account as seed_account

ALERT = re.compile(r'role="alert">([^<]*)</p>')


def _owner(site: Site) -> models.Owner:
    with transaction(site.factory) as session:
        owner = session.get_one(models.Owner, site.seeded.owner_id)
        session.expunge(owner)
        return owner


def test_a_new_owner_is_sent_to_the_first_run_step_once(site: Site) -> None:
    with transaction(site.factory) as session:
        session.get_one(models.Owner, site.seeded.owner_id).set_up_at = None
    answer = site.client.get("/", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/welcome"
    page = site.client.get("/welcome").text
    assert "one minute to set up" in page and 'value="America/Chicago"' in page
    answer = site.post("/welcome", {"do": "welcome", "name": "Sam Patel",
                                    "signature": "Sam Patel\nProduct designer",
                                    "strengths": "design systems used by 40 engineers",
                                    "timezone": "Europe/Lisbon"})
    assert answer.url.path == "/" and "All set" in answer.text
    owner = _owner(site)
    assert owner.set_up_at == NOW and owner.timezone == "Europe/Lisbon"
    assert owner.signature == "Sam Patel\nProduct designer"
    assert owner.strengths == "design systems used by 40 engineers"
    assert site.passes == [site.seeded.account_id]  # the drafts are rewritten at once
    assert site.client.get("/", follow_redirects=False).status_code == 200


def test_the_owners_time_zone_is_where_days_and_times_are_told(site: Site) -> None:
    site.post("/settings", {"do": "profile", "name": "Sam", "signature": "",
                            "strengths": "", "timezone": "Europe/Lisbon"})
    page = site.client.get("/").text
    assert "Sun Jun 14, 2026 · 21:00 WEST" in page  # 20:00 UTC in Lisbon (summer time)


def test_bad_settings_are_refused_with_what_was_typed(site: Site) -> None:
    answer = site.post("/settings", {"do": "profile", "name": "Sam", "signature": "x",
                                     "strengths": "kept words", "timezone": "Mars/Olympus"})
    assert answer.status_code == 409 and answer.url.path == "/settings"
    [alert] = ALERT.findall(answer.text)
    assert alert.startswith("Time zone: &#39;Mars/Olympus&#39; is not a time zone")
    assert ">kept words</textarea>" in answer.text and 'value="Mars/Olympus"' in answer.text
    long = site.post("/settings", {"do": "profile", "signature": "s" * 501, "timezone": ""})
    assert long.status_code == 409
    assert "Signature: at most 500 characters (this has 501)" in long.text
    assert _owner(site).signature is None
    hours = site.post("/settings", {"do": "hours", "day_starts": "18:00", "day_ends": "09:00",
                                    "day": "1"})
    assert hours.status_code == 409
    assert "Working hours: the day must end after it starts" in hours.text
    assert 'value="18:00"' in hours.text
    none = site.post("/settings", {"do": "hours", "day_starts": "09:00", "day_ends": "17:00"})
    assert "Working days: choose at least one day" in none.text
    bad = site.post("/settings", {"do": "addresses", "other_addresses": "me at home"})
    assert bad.status_code == 409 and "is not an email address" in bad.text
    assert ">me at home</textarea>" in bad.text


def test_working_days_and_hours_and_other_addresses_are_stored(site: Site) -> None:
    token = site.csrf("/settings")
    site.client.post("/settings", data={"csrf": token, "do": "hours", "day": ["2", "4"],
                                        "day_starts": "10:30", "day_ends": "16:00"})
    site.post("/settings", {"do": "addresses",
                            "other_addresses": "Sam.Home@gmail.com\nsam.patel@example.org"})
    owner = _owner(site)
    assert owner.working_days == [2, 4]
    assert (owner.day_starts, owner.day_ends) == (time(10, 30), time(16, 0))
    # the connected mailbox itself is not "another" address
    assert owner.other_addresses == ["sam.home@gmail.com"]
    page = site.client.get("/settings").text
    assert 'id="day-2" name="day" value="2" checked' in page
    assert 'id="day-1" name="day" value="1">' in page


def test_pausing_stops_the_passes_until_resumed(site: Site) -> None:
    from service.engine.runner import Engine

    engine = Engine(site.factory, site.vault, site.clock, lambda *_: None,  # type: ignore[arg-type]
                    timedelta(minutes=5))
    with transaction(site.factory) as session:
        session.get_one(models.Account, site.seeded.account_id).next_sync_at = NOW
    assert engine.due_accounts(NOW) == [site.seeded.account_id]
    answer = site.post("/settings", {"do": "pause"})
    assert "Paused: nothing is read or written" in answer.text
    assert engine.due_accounts(NOW) == []
    assert "Everything is paused" in site.client.get("/").text
    site.post("/settings", {"do": "resume"})
    assert engine.due_accounts(NOW) == [site.seeded.account_id]


def test_deleting_my_data_needs_the_box_ticked(site: Site) -> None:
    answer = site.post("/settings", {"do": "delete"})
    assert answer.status_code == 400
    assert "Tick the box to confirm" in answer.text
    with transaction(site.factory) as session:
        assert session.get(models.Owner, site.seeded.owner_id) is not None


def test_deleting_my_data_deletes_every_row_of_mine_and_nobody_elses(site: Site) -> None:
    other = seed_account(site.factory, site.vault, "robin@outlook.com", "outlook")
    # an Outlook mailbox of mine too: Microsoft offers no revocation
    seed_account(site.factory, site.vault, "sam@outlook.com", "outlook",
                 owner_id=site.seeded.owner_id)
    site.post(f"/interviews/{site.seeded.done_id}", {"do": "note_add", "topic": "x"})
    answer = site.post("/settings", {"do": "delete", "confirm": "yes"})
    assert answer.status_code == 200 and answer.url.path == "/settings"
    text = answer.text
    assert "Your data is deleted" in text
    assert "sam.patel@example.org (gmail), sam@outlook.com (outlook)" in text
    for line in ("2 mailboxes", "2 interviews", "1 notes", "1 check-ins", "1 signed-in sessions"):
        assert f"<li>{line}" in text
    # this test's Google endpoints are not served: the page says where to revoke by hand
    assert "Google could not be reached to revoke the access to sam.patel@example.org" in text
    assert "https://myaccount.google.com/permissions" in text
    assert "Microsoft offers no way for an app to revoke its own access" in text
    assert "account.live.com/consent/Manage" in text
    assert "followup_session=" in answer.headers["set-cookie"]
    with transaction(site.factory) as session:
        assert session.get(models.Owner, site.seeded.owner_id) is None
        assert [a.id for a in session.scalars(select(models.Account))] == [other]
        for model in (models.Interview, models.Note, models.FollowUp, models.Suggestion,
                      models.OwnerSession):
            assert session.scalar(select(func.count()).select_from(model)) == 0
        assert session.scalar(select(func.count()).select_from(models.AuditEntry).where(
            models.AuditEntry.account_id.is_(None))) == 0
    assert "Sign in with Google" in site.client.get("/").text
