from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from providers.model import MailMessage, Person
from service.follow_ups import CheckInState as C
from service.policy import actions
from service.policy.actions import ActionRefused
from service.policy.company import company_side
from service.policy.facts import CheckInFacts, MailFact
from service.policy.keys import idempotency_key

from .situations import JANE, NY, OWNER, RITA, interview, situation

FRIDAY = datetime(2026, 5, 8, 11, 0, tzinfo=NY)


def message(**changes: object) -> MailMessage:
    fields: dict[str, object] = dict(
        id="m1", thread_id="t1", folder="inbox", sender=Person("Jared.Dunn@acme.com", "Jared"),
        to=(Person(OWNER),), cc=(Person("rita.ruiz@acme.com"),), date=FRIDAY,
        subject="Update", message_id_header="<m1@acme>", in_reply_to=None,
        body_text="We will be making decisions by next Friday.")
    fields.update(changes)
    return MailMessage(**fields)  # type: ignore[arg-type]


def test_mail_fact_reads_direction_and_the_decision() -> None:
    fact = MailFact.from_message(message(), OWNER, "America/New_York")
    assert fact.direction == "in" and fact.sender.email == "jared.dunn@acme.com"
    assert fact.decision_date == date(2026, 5, 15) and fact.timeline_only
    assert fact.recipients == (OWNER, "rita.ruiz@acme.com")
    target = fact.reply_target()
    assert target.thread_id == "t1" and target.references == ("<m1@acme>",)


def test_mail_fact_of_a_sent_message_is_the_owners() -> None:
    fact = MailFact.from_message(message(folder="sent", sender=Person(OWNER), body_text=None),
                                 OWNER, "America/New_York")
    assert fact.direction == "out" and fact.decision_date is None


def test_a_reply_with_a_next_step_is_not_timeline_only() -> None:
    body = "We decide by Friday. Could you send your availability for a call?"
    fact = MailFact.from_message(message(body_text=body), OWNER, "America/New_York")
    assert not fact.timeline_only


def test_drafts_are_not_mail() -> None:
    with pytest.raises(ValueError, match="draft"):
        MailFact.from_message(message(folder="drafts"), OWNER, "America/New_York")


def test_company_side() -> None:
    side = company_side(interview(invitees=(Person(OWNER), JANE, RITA,
                                            Person("room-4@resource.calendar.google.com"),
                                            Person("no-reply@greenhouse.io"),
                                            Person("sue@gmail.com"))), OWNER)
    assert side.contains("anyone@acme.com") and side.contains("JANE.DOE@ACME.COM")
    assert side.contains("sue@gmail.com") and not side.contains("bob@gmail.com")
    assert not side.contains("x@greenhouse.io") and not side.contains("x@app.greenhouse.io")
    assert not side.contains("room-9@resource.calendar.google.com")
    assert not side.contains(OWNER)
    assert side.is_person("jane.doe@acme.com") and not side.is_person("careers@acme.com")


def test_the_owner_domain_is_not_the_company() -> None:
    iv = interview(invitees=(Person("pat@vandelay.com"), Person("art@vandelay.com"),
                             Person("cosmo@kramerica.com")))
    side = company_side(iv, "pat@vandelay.com")
    assert side.contains("cosmo@kramerica.com") and side.contains("art@vandelay.com")
    assert not side.contains("george@vandelay.com")


def test_keys_are_deterministic_and_distinct() -> None:
    key = idempotency_key("a", "ev", "Jane.Doe@acme.com", "thank_you")
    assert key == idempotency_key("a", "ev", "jane.doe@acme.com ", "thank_you")
    assert len({key, idempotency_key("a", "ev", "jane.doe@acme.com", "check_in"),
                idempotency_key("a", "ev2", "jane.doe@acme.com", "thank_you"),
                idempotency_key("b", "ev", "jane.doe@acme.com", "thank_you"),
                idempotency_key("a,ev", "", "jane.doe@acme.com", "thank_you")}) == 5


def test_approve_dismiss_snooze() -> None:
    suggested = CheckInFacts(state=C.SUGGESTED, recipient=RITA)
    assert actions.approve(suggested).state == "approved"
    assert actions.dismiss(suggested).state == "dismissed"
    assert actions.dismiss(None).state == "dismissed"  # in advance
    snoozed = actions.snooze(suggested, FRIDAY + timedelta(days=2), FRIDAY)
    assert snoozed.state == "snoozed" and snoozed.snooze_until == FRIDAY + timedelta(days=2)
    assert actions.approve(snoozed).snooze_until is None
    with pytest.raises(ActionRefused):
        actions.approve(None)
    with pytest.raises(ActionRefused):
        actions.approve(CheckInFacts(state=C.WITHDRAWN))
    with pytest.raises(ActionRefused):
        actions.dismiss(CheckInFacts(state=C.DRAFTED))
    with pytest.raises(ActionRefused):
        actions.snooze(suggested, FRIDAY - timedelta(hours=1), FRIDAY)


def test_change_recipient() -> None:
    suggested = CheckInFacts(state=C.SUGGESTED, recipient=RITA)
    changed = actions.change_recipient(suggested, situation(), " Jane.Doe@Acme.com ", "Jane")
    assert changed.recipient == Person("jane.doe@acme.com", "Jane")
    with pytest.raises(ActionRefused, match="company side"):
        actions.change_recipient(suggested, situation(), "friend@gmail.com")
    with pytest.raises(ActionRefused):
        actions.change_recipient(CheckInFacts(state=C.SENT), situation(), JANE.email)
