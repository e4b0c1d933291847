"""The owner's actions (shared by the dashboard and the simulator), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from service import actions
from service.store import models

NOW = datetime(2026, 5, 14, 15, 0, tzinfo=UTC)


def interview_with_suggestion(session: Session, status: str = "suggested") -> models.Interview:
    account = models.Account(provider="gmail", email="alex.kim@gmail.com", timezone="UTC",
                             display_name="Alex Kim", sealed_tokens=b"sealed",
                             connected_at=NOW - timedelta(days=10))
    interview = models.Interview(
        account=account, event_id="ev1", title="Interview", start=NOW - timedelta(days=8),
        end=NOW - timedelta(days=8) + timedelta(hours=1), status="done", stage="interview",
        company="Acme", job_title="Data Engineer", organizer_email="rita@acme.com",
        organizer_name="Rita Ruiz", invite=["jane@acme.com", "rita@acme.com"], reasons=[],
        first_seen_at=NOW - timedelta(days=10), updated_at=NOW)
    interview.interviewers.append(models.Interviewer(email="jane@acme.com", name="Jane Doe",
                                                     position=0))
    interview.suggestions.append(models.Suggestion(
        kind="check_in", status=status, recipient_email="jane@acme.com",
        recipient_name="Jane Doe", due_at=NOW - timedelta(days=1),
        suggested_at=NOW - timedelta(hours=5), status_at=NOW - timedelta(hours=5)))
    session.add(account)
    session.flush()
    return interview


def test_a_note_is_stored_cleaned_and_wakes_the_account(db_session: Session) -> None:
    interview = interview_with_suggestion(db_session)
    note = actions.add_note(db_session, interview, actions.NoteInput(
        topic="  the\nbilling   service ", interviewer="JANE@acme.com",
        decision_date=date(2026, 5, 20)), NOW)
    db_session.commit()
    assert note.topic == "the billing service"
    assert note.interviewer_email == "jane@acme.com"
    assert interview.account.wake_at == NOW
    assert db_session.scalars(select(models.AuditEntry.action)).all() == ["note.added"]


def test_a_note_for_someone_else_is_refused(db_session: Session) -> None:
    interview = interview_with_suggestion(db_session)
    with pytest.raises(actions.ActionRefused, match="not an interviewer"):
        actions.add_note(db_session, interview,
                         actions.NoteInput(topic="x", interviewer="stranger@evil.com"), NOW)


def test_approve_then_nothing_is_pending(db_session: Session) -> None:
    interview = interview_with_suggestion(db_session)
    assert actions.has_pending_check_in(interview)
    actions.approve_check_in(db_session, interview, NOW)
    db_session.commit()
    assert interview.suggestions[0].status == "approved"
    assert not actions.has_pending_check_in(interview)
    with pytest.raises(actions.ActionRefused):
        actions.approve_check_in(db_session, interview, NOW)


def test_snooze_and_change_recipient(db_session: Session) -> None:
    interview = interview_with_suggestion(db_session)
    with pytest.raises(actions.ActionRefused, match="future"):
        actions.snooze_check_in(db_session, interview, NOW - timedelta(hours=1), NOW)
    actions.snooze_check_in(db_session, interview, NOW + timedelta(days=2), NOW)
    assert interview.suggestions[0].status == "snoozed"
    actions.change_check_in_recipient(db_session, interview, "rita@acme.com", NOW)
    assert interview.suggestions[0].recipient_email == "rita@acme.com"
    with pytest.raises(actions.ActionRefused, match="company side"):
        actions.change_check_in_recipient(db_session, interview, "someone@gmail.com", NOW)
    with pytest.raises(actions.ActionRefused):
        actions.change_check_in_recipient(db_session, interview, "alex.kim@gmail.com", NOW)


def test_dismiss_ends_it(db_session: Session) -> None:
    interview = interview_with_suggestion(db_session)
    actions.dismiss_check_in(db_session, interview, NOW)
    assert interview.suggestions[0].status == "dismissed"
    with pytest.raises(actions.ActionRefused):
        actions.approve_check_in(db_session, interview, NOW)


def _written_check_in(session: Session, interview: models.Interview) -> models.FollowUp:
    """What the engine leaves after an approval: the check-in draft written."""
    draft = models.FollowUp(kind="check_in", recipient_email="jane@acme.com", state="",
                            idempotency_key="key-check-in", subject="Following up",
                            body="Hi Jane", written_body="Hi Jane", findings=[],
                            provider_draft_id="d1", provider_message_id="m1",
                            created_at=NOW, drafted_at=NOW)
    interview.follow_ups.append(draft)
    interview.suggestions[0].status = "drafted"
    session.flush()
    return draft


def test_undoing_an_approval_removes_its_draft_and_a_new_approval_writes_anew(
        db_session: Session) -> None:
    from providers.model import Person
    from service.engine.policy_runner import apply_intent
    from service.policy.intents import WriteCheckIn

    interview = interview_with_suggestion(db_session)
    actions.approve_check_in(db_session, interview, NOW)
    draft = _written_check_in(db_session, interview)
    decision = actions.undoable_decision(db_session, interview, NOW + timedelta(minutes=1))
    assert decision is not None and decision.action == "approved"
    actions.undo_check_in_decision(db_session, interview, NOW + timedelta(minutes=1))
    assert interview.suggestions[0].status == "suggested"
    [delete] = db_session.scalars(select(models.OutboxItem)).all()
    assert (delete.operation, delete.op_key) == ("delete", "key-check-in:delete:0")
    # the draft is still being removed: approving again waits for it
    with pytest.raises(actions.ActionRefused, match="still being removed"):
        actions.approve_check_in(db_session, interview, NOW + timedelta(minutes=2))
    delete.status = "done"  # the outbox removed the draft
    actions.approve_check_in(db_session, interview, NOW + timedelta(minutes=3))
    apply_intent(db_session, interview.account, interview, WriteCheckIn(
        key="key-check-in", event_id="ev1", recipient=Person("jane@acme.com", "Jane Doe"),
        subject="Following up", body="Hi Jane, again", reply_target=None,
        reply_to_kind=None), NOW + timedelta(minutes=3))
    assert interview.suggestions[0].status == "drafted"
    assert draft.provider_draft_id is None  # written anew
    ops = sorted(db_session.scalars(select(models.OutboxItem.op_key)).all())
    assert ops == ["key-check-in:create:0", "key-check-in:delete:0"]


def test_undo_restores_a_snoozed_check_in_and_lasts_five_minutes(db_session: Session) -> None:
    interview = interview_with_suggestion(db_session)
    until = NOW + timedelta(days=2)
    actions.snooze_check_in(db_session, interview, until, NOW)
    actions.dismiss_check_in(db_session, interview, NOW)
    assert actions.undoable_decision(db_session, interview, NOW + timedelta(minutes=6)) is None
    with pytest.raises(actions.ActionRefused, match="nothing to undo"):
        actions.undo_check_in_decision(db_session, interview, NOW + timedelta(minutes=6))
    actions.undo_check_in_decision(db_session, interview, NOW + timedelta(minutes=4))
    assert interview.suggestions[0].status == "snoozed"
    assert interview.suggestions[0].snooze_until == until


def test_a_form_for_another_state_is_refused(db_session: Session) -> None:
    interview = interview_with_suggestion(db_session)
    shown = actions.check_in_version(interview)
    actions.expect_check_in(interview, shown)
    actions.approve_check_in(db_session, interview, NOW)
    with pytest.raises(actions.StaleForm, match="the check-in is now approved"):
        actions.expect_check_in(interview, shown)


def test_notes_too_long_or_dated_nonsensically_are_refused_never_cut(
        db_session: Session) -> None:
    interview = interview_with_suggestion(db_session)
    with pytest.raises(actions.ActionRefused, match="at most 2000 characters"):
        actions.add_note(db_session, interview, actions.NoteInput(topic="x" * 2001), NOW)
    with pytest.raises(actions.ActionRefused, match="before the interview"):
        actions.add_note(db_session, interview,
                         actions.NoteInput(decision_date=date(2026, 4, 1)), NOW)
    assert interview.notes == []
