"""What the owner does, as service functions: the dashboard and the simulator both call these.

Each function changes stored facts only, a check-in's state through :mod:`service.follow_ups`
(which writes the audit entry); the engine's next pass (woken at once) turns them into
drafts through policy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import follow_ups
from service.engine.audit import audit
from service.engine.policy_runner import check_in_facts, interview_facts, owner_profile
from service.errors import UsageError
from service.follow_ups import CheckInState, Happening
from service.policy import actions as policy_actions
from service.policy.facts import CheckInFacts, Situation
from service.store import models

MAX_NOTE_CHARS = 2000


class ActionRefused(UsageError):
    """The action does not apply now (e.g. no pending suggestion); nothing was changed."""


@dataclass(frozen=True)
class NoteInput:
    topic: str | None = None
    interviewer: str | None = None
    decision_date: date | None = None
    insight: str | None = None


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = " ".join(text.split())[:MAX_NOTE_CHARS]
    return cleaned or None


def find_interview(session: Session, account_id: int, event_id: str) -> models.Interview:
    interview = session.scalar(select(models.Interview).where(
        models.Interview.account_id == account_id, models.Interview.event_id == event_id))
    if interview is None:
        raise ActionRefused(f"no interview for event {event_id!r}")
    return interview


def add_note(session: Session, interview: models.Interview, note: NoteInput,
             now: datetime) -> models.Note:
    interviewer = note.interviewer.strip().lower() if note.interviewer else None
    if interviewer and interviewer not in {i.email for i in interview.interviewers}:
        raise ActionRefused(f"{interviewer} is not an interviewer of this interview")
    row = models.Note(interview=interview, interviewer_email=interviewer,
                      topic=_clean(note.topic), insight=_clean(note.insight),
                      decision_date=note.decision_date, created_at=now)
    session.add(row)
    _wake(interview, now)
    audit(session, interview.account_id, now, "note.added", interview.event_id, "the owner",
          interviewer=interviewer, decision_date=str(note.decision_date or ""))
    session.flush()
    return row


def _check_in(interview: models.Interview
              ) -> tuple[models.Suggestion | None, CheckInFacts | None]:
    return next(iter(interview.suggestions), None), check_in_facts(interview)


def has_pending_check_in(interview: models.Interview) -> bool:
    return follow_ups.check_in_state(interview) in policy_actions.PENDING


def _store(session: Session, interview: models.Interview, facts: CheckInFacts, now: datetime,
           happening: Happening | None) -> models.Suggestion:
    """Keep what the owner chose; a change of state goes through follow_ups."""
    if happening is not None:
        suggestion = follow_ups.check_in(session, interview, happening, now, "the owner")
    else:
        suggestion = follow_ups.check_in_row(interview)
    if suggestion is None:  # a transition the pure check allowed cannot fail here
        raise ActionRefused("that cannot be done now")
    suggestion.snooze_until = facts.snooze_until
    if facts.recipient is not None:
        suggestion.recipient_email = facts.recipient.email
        suggestion.recipient_name = facts.recipient.name
    if happening is None:
        audit(session, interview.account_id, now, "check_in.recipient", interview.event_id,
              "the owner", to=suggestion.recipient_email or "")
    _wake(interview, now)
    session.flush()
    return suggestion


def _refusing(transition: Callable[[], CheckInFacts]) -> CheckInFacts:
    try:
        return transition()
    except policy_actions.ActionRefused as exc:
        raise ActionRefused(str(exc)) from None


def approve_check_in(session: Session, interview: models.Interview, now: datetime
                     ) -> models.Suggestion:
    _, facts = _check_in(interview)
    return _store(session, interview, _refusing(lambda: policy_actions.approve(facts)), now,
                  Happening.APPROVE)


def dismiss_check_in(session: Session, interview: models.Interview, now: datetime
                     ) -> models.Suggestion:
    _, facts = _check_in(interview)
    return _store(session, interview, _refusing(lambda: policy_actions.dismiss(facts)), now,
                  Happening.DISMISS)


def snooze_check_in(session: Session, interview: models.Interview, until: datetime,
                    now: datetime) -> models.Suggestion:
    _, facts = _check_in(interview)
    return _store(session, interview,
                  _refusing(lambda: policy_actions.snooze(facts, until, now)), now,
                  Happening.SNOOZE)


def change_check_in_recipient(session: Session, interview: models.Interview, email: str,
                              now: datetime) -> models.Suggestion:
    _, facts = _check_in(interview)
    account = interview.account
    situation = Situation(owner=owner_profile(account), interview=interview_facts(interview))
    name = next((i.name for i in interview.interviewers if i.email == email.strip().lower()),
                None)
    changed = _refusing(lambda: policy_actions.change_recipient(facts, situation, email, name))
    if follow_ups.check_in_row(interview) is None:  # chosen before it was even suggested
        interview.suggestions.append(models.Suggestion(
            kind="check_in", status=CheckInState.WAITING, status_at=now))
    suggestion = _store(session, interview, changed, now, None)
    suggestion.reply_to_message_id = None
    return suggestion


def _wake(interview: models.Interview, now: datetime) -> None:
    """Owner actions take effect at once, not at the next poll."""
    account = interview.account
    if account.wake_at is None or account.wake_at > now:
        account.wake_at = now
