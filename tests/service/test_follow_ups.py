"""The one home of follow-up state: its transition table, the fate rules built on what every
mail client keeps (thread and recipient), and the audit entry each transition writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from providers.model import DraftMark, DraftRef, DraftState, MailMessage, Person
from service import follow_ups
from service.follow_ups import TRANSITIONS, CheckInState, Happening, ThankYouState
from service.store import models

NOW = datetime(2026, 5, 14, 15, 0, tzinfo=UTC)
WRITTEN = NOW - timedelta(days=2)
JANE = "jane@acme.com"
OWNER = "alex.kim@gmail.com"


def test_every_state_is_reachable_and_the_final_ones_are_final() -> None:
    reached: set[tuple[str, str]] = {("thank_you", ThankYouState.PENDING),
                                     ("check_in", CheckInState.WAITING)}
    reached |= {(kind, after) for (kind, _, _), after in TRANSITIONS.items()}
    assert {state for kind, state in reached if kind == "thank_you"} == set(ThankYouState)
    assert {state for kind, state in reached if kind == "check_in"} == set(CheckInState)
    finals = {("thank_you", ThankYouState.SENT), ("thank_you", ThankYouState.DELETED),
              ("thank_you", ThankYouState.SKIPPED), ("check_in", CheckInState.SENT),
              ("check_in", CheckInState.DELETED), ("check_in", CheckInState.DISMISSED)}
    # only the owner's undo (for a few minutes) reopens a dismissal
    undo = (Happening.UNDO, Happening.RESET)
    assert not {(kind, before) for kind, before, happening in TRANSITIONS
                if happening not in undo} & finals


@pytest.mark.parametrize(("kind", "state", "happening", "after"), [
    ("thank_you", "pending", Happening.WRITE, "drafted"),
    ("thank_you", "drafted", Happening.CHANGED, "edited"),
    ("thank_you", "edited", Happening.SENT, "sent"),
    ("thank_you", "edited", Happening.CHANGED, None),  # never written to again anyway
    ("thank_you", "sent", Happening.DELETED, None),
    ("thank_you", "drafted", Happening.RESCHEDULED, "pending"),  # P1.4: written again
    ("thank_you", "edited", Happening.RESCHEDULED, None),  # the owner's now
    ("thank_you", "pending", Happening.CHANGED, "edited"),  # edited before it was deleted
    ("thank_you", "skipped", Happening.RESCHEDULED, None),
    ("check_in", "waiting", Happening.DISMISS, "dismissed"),  # in advance
    ("check_in", "snoozed", Happening.SUGGEST, "suggested"),
    ("check_in", "approved", Happening.WRITE, "drafted"),
    ("check_in", "drafted", Happening.WITHDRAW, "withdrawn"),  # a reply before it was sent
    ("check_in", "withdrawn", Happening.SENT, "sent"),  # the owner had kept their version
    ("check_in", "drafted", Happening.DISMISS, None),
    ("check_in", "sent", Happening.SUGGEST, None),
])
def test_transitions(kind: follow_ups.Kind, state: str, happening: Happening,
                     after: str | None) -> None:
    assert follow_ups.next_state(kind, state, happening) == after


def _interview(session: Session) -> models.Interview:
    account = models.Account(provider="gmail", email=OWNER, timezone="UTC",
                             display_name="Alex Kim", sealed_tokens=b"sealed",
                             connected_at=NOW - timedelta(days=10))
    interview = models.Interview(
        account=account, event_id="ev1", title="Interview", start=WRITTEN - timedelta(hours=1),
        end=WRITTEN, status="done", stage="interview", company="Acme", job_title="Engineer",
        invite=[JANE], reasons=[], first_seen_at=NOW - timedelta(days=10), updated_at=NOW)
    session.add(account)
    session.flush()
    return interview


def _thank_you(session: Session, interview: models.Interview) -> models.FollowUp:
    row = models.FollowUp(kind="thank_you", recipient_email=JANE, recipient_name="Jane",
                          state="drafted", idempotency_key="key-1", subject="Thank you",
                          body="Hi Jane,\n\nThanks.", written_subject="Thank you",
                          written_body="Hi Jane,\n\nThanks.", findings=[],
                          provider_draft_id="d1", provider_message_id="m1",
                          provider_thread_id="t1", created_at=WRITTEN, drafted_at=WRITTEN)
    interview.follow_ups.append(row)
    session.flush()
    return row


def _ref(thread: str = "t1", message: str = "m1") -> DraftRef:
    return DraftRef(draft_id="d1", message_id=message, thread_id=thread,
                    mark=DraftMark("key-1"))


def _sent(message_id: str, thread: str, to: str, date: datetime) -> MailMessage:
    return MailMessage(id=message_id, thread_id=thread, folder="sent", sender=Person(OWNER),
                       to=(Person(to),), cc=(), date=date, subject="Thank you",
                       message_id_header=None, in_reply_to=None)


def _audit(session: Session) -> list[tuple[str, str]]:
    return [(row.action, row.cause) for row in session.scalars(
        select(models.AuditEntry).order_by(models.AuditEntry.id))]


def test_a_draft_gone_with_the_owners_message_in_its_thread_was_sent(
        db_session: Session) -> None:
    row = _thank_you(db_session, _interview(db_session))
    reading = DraftState(ref=_ref(), fate="gone", thread_messages=(
        _sent("before", "t1", JANE, WRITTEN - timedelta(minutes=5)),  # older: not the draft
        _sent("other-person", "t1", "rita@acme.com", NOW),
        _sent("copy", "t1", JANE, NOW - timedelta(hours=1))))
    assert follow_ups.observe_draft(db_session, row, reading, NOW, "read back") == \
        Happening.SENT
    assert row.state == "sent" and row.provider_message_id == "copy"
    assert row.sent_at == NOW - timedelta(hours=1)
    assert _audit(db_session) == [("thank_you.sent", "read back: the owner sent it")]


def test_a_draft_gone_without_such_a_message_was_deleted(db_session: Session) -> None:
    row = _thank_you(db_session, _interview(db_session))
    reading = DraftState(ref=_ref(), fate="gone", thread_messages=(
        _sent("elsewhere", "t9", JANE, NOW),))  # another thread: not this draft
    assert follow_ups.observe_draft(db_session, row, reading, NOW, "read back") == \
        Happening.DELETED
    assert row.state == "deleted" and row.state_reason == "read back: the owner deleted it"


def test_the_owners_message_already_synced_counts_too(db_session: Session) -> None:
    interview = _interview(db_session)
    row = _thank_you(db_session, interview)
    db_session.add(models.MailMessage(
        account_id=interview.account_id, provider_message_id="synced", thread_id="t1",
        direction="out", sender_email=OWNER, recipients=[JANE], sent_at=NOW, subject="x",
        references=[], timeline_only=False, seen_at=NOW))
    follow_ups.observe_draft(db_session, row, DraftState(ref=_ref(), fate="gone"), NOW, "sync")
    assert (row.state, row.provider_message_id) == ("sent", "synced")


@pytest.mark.parametrize(("recipients", "subject", "body", "changed"), [
    ((JANE,), "Thank you", "Hi  Jane,\n\nThanks.\n", False),  # white space is no edit
    ((JANE, "boss@acme.com"), "Thank you", "Hi Jane,\n\nThanks.", True),
    ((JANE,), "Thanks, Jane!", "Hi Jane,\n\nThanks.", True),
    ((JANE,), "Thank you", "Hi Jane,\n\nThanks a lot.", True),
])
def test_a_draft_changed_by_the_owner(db_session: Session, recipients: tuple[str, ...],
                                      subject: str, body: str, changed: bool) -> None:
    row = _thank_you(db_session, _interview(db_session))
    reading = DraftState(ref=_ref(thread="t2", message="m2"), fate="draft", subject=subject,
                         body=body, recipients=recipients)
    happening = follow_ups.observe_draft(db_session, row, reading, NOW, "read back")
    assert (happening == Happening.CHANGED) == changed
    assert row.state == ("edited" if changed else "drafted")
    # the new ids are kept after every read (Gmail: every edit; a new subject: new thread)
    assert (row.provider_message_id, row.provider_thread_id) == ("m2", "t2")


def test_a_check_in_has_one_state_and_its_draft_none(db_session: Session) -> None:
    interview = _interview(db_session)
    assert follow_ups.check_in_state(interview) == CheckInState.WAITING
    for happening in (Happening.SUGGEST, Happening.APPROVE, Happening.WRITE):
        assert follow_ups.check_in(db_session, interview, happening, NOW, "cause") is not None
    assert follow_ups.check_in(db_session, interview, Happening.APPROVE, NOW, "again") is None
    draft = models.FollowUp(kind="check_in", recipient_email=JANE, idempotency_key="key-ci",
                            subject="Re: Thank you", body="Hi", written_subject="Re: Thank you",
                            written_body="Hi", findings=[], provider_draft_id="d2",
                            provider_message_id="m2", provider_thread_id="t1",
                            created_at=NOW, drafted_at=NOW)
    interview.follow_ups.append(draft)
    db_session.flush()
    assert draft.state == "" and follow_ups.draft_open(draft)
    later = NOW + timedelta(hours=2)
    follow_ups.observe_draft(db_session, draft, DraftState(
        ref=DraftRef("d2", "m2", "t1", DraftMark("key-ci")), fate="gone",
        thread_messages=(_sent("ci", "t1", JANE, later),)), later, "read back")
    assert follow_ups.check_in_state(interview) == CheckInState.SENT and draft.state == ""
    assert [action for action, _ in _audit(db_session)] == [
        "check_in.suggested", "check_in.approved", "check_in.drafted", "check_in.sent"]
