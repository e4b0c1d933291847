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
