"""What the owner does, as service functions: the dashboard and the simulator both call these.

Each function changes stored facts only, a check-in's state through :mod:`service.follow_ups`
(which writes the audit entry); the engine's next pass (woken at once) turns them into
drafts through policy.

Check-in decisions the dashboard adds on top of policy's transitions:
- a form acts on the state it was shown (:func:`check_in_version`, :class:`StaleForm`);
- approve and dismiss can be undone for :data:`UNDO_WINDOW` (:func:`undoable_decision`,
  :func:`undo_check_in_decision`); the state before the decision is kept in its audit row;
- snooze presets (:func:`snooze_presets`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from service import follow_ups
from service.detection import Detection
from service.engine import outbox, verdicts
from service.engine.audit import audit
from service.engine.ingest import detection_owner, interview_status, store_interview
from service.errors import UsageError
from service.follow_ups import CheckInState, Happening
from service.policy import actions as policy_actions
from service.policy.facts import CheckInFacts, Situation, owner_zone
from service.store import models
from service.store.facts import (
    check_in_facts,
    interview_facts,
    owner_profile,
)

MAX_NOTE_CHARS = 2000
UNDO_WINDOW = timedelta(minutes=5)
OWNER = "the owner"  # the cause of every audit row an owner action writes
# "While you wait": the guide's habits after an interview, ticked per interview.
CHECKLIST = (
    ("questions", "Write down the questions you were asked"),
    ("next_round", "Prepare for the next round"),
    ("resume", "Update your résumé with what you talked about"),
    ("keep_applying", "Keep applying: one interview is not an offer"),
)
# How far ahead a decision date can reasonably be, after the interview's day.
DECISION_DATE_HORIZON = timedelta(days=365)


class ActionRefused(UsageError):
    """The action does not apply now (e.g. no pending suggestion); nothing was changed."""


class StaleForm(ActionRefused):
    """The form was made for a state that has changed since (another tab, the service)."""


@dataclass(frozen=True)
class NoteInput:
    topic: str | None = None
    interviewer: str | None = None
    decision_date: date | None = None
    insight: str | None = None
    strengths: str | None = None  # "what I bring to this role", for this interview only


def _clean(text: str | None, what: str = "A note") -> str | None:
    """Whitespace folded; too long is refused, never cut."""
    if text is None:
        return None
    cleaned = " ".join(text.split())
    if len(cleaned) > MAX_NOTE_CHARS:
        raise ActionRefused(f"{what}: at most {MAX_NOTE_CHARS} characters "
                            f"(this has {len(cleaned)})")
    return cleaned or None


def find_interview(session: Session, account_id: int, event_id: str) -> models.Interview:
    interview = session.scalar(select(models.Interview).where(
        models.Interview.account_id == account_id, models.Interview.event_id == event_id))
    if interview is None:
        raise ActionRefused(f"no interview for event {event_id!r}")
    return interview


def _checked_note(interview: models.Interview, note: NoteInput
                  ) -> tuple[str | None, dict[str, str | None]]:
    interviewer = note.interviewer.strip().lower() if note.interviewer else None
    if interviewer and interviewer not in {i.email for i in interview.interviewers}:
        raise ActionRefused(f"{interviewer} is not an interviewer of this interview")
    if note.decision_date is not None:
        day = interview.start.astimezone(owner_zone(interview.account.local_timezone)).date()
        if note.decision_date < day:
            raise ActionRefused(f"Decision date: {note.decision_date:%b %-d, %Y} is before "
                                "the interview")
        if note.decision_date > day + DECISION_DATE_HORIZON:
            raise ActionRefused("Decision date: more than a year after the interview")
    texts = {"topic": _clean(note.topic, "What was discussed"),
             "insight": _clean(note.insight, "The extra thought"),
             "strengths": _clean(note.strengths, "What you bring to this role")}
    if not any(texts.values()) and note.decision_date is None:
        raise ActionRefused("the note is empty: write what was discussed, a thought, what "
                            "you bring, or a decision date")
    return interviewer, texts


def add_note(session: Session, interview: models.Interview, note: NoteInput,
             now: datetime) -> models.Note:
    interviewer, texts = _checked_note(interview, note)
    row = models.Note(interview=interview, interviewer_email=interviewer,
                      decision_date=note.decision_date, created_at=now, **texts)
    session.add(row)
    _wake(interview, now)
    audit(session, interview.account_id, now, "note.added", interview.event_id, OWNER,
          interviewer=interviewer, decision_date=str(note.decision_date or ""))
    session.flush()
    return row


def _note(interview: models.Interview, note_id: int) -> models.Note:
    found = next((n for n in interview.notes if n.id == note_id), None)
    if found is None:
        raise ActionRefused("that note is gone (deleted in another tab?)")
    return found


def edit_note(session: Session, interview: models.Interview, note_id: int, note: NoteInput,
              now: datetime) -> models.Note:
    """Rewrite a note; untouched drafts follow it (P2.6) at the next pass."""
    row = _note(interview, note_id)
    interviewer, texts = _checked_note(interview, note)
    row.interviewer_email = interviewer
    row.decision_date = note.decision_date
    row.topic, row.insight, row.strengths = texts["topic"], texts["insight"], texts["strengths"]
    row.updated_at = now
    _wake(interview, now)
    audit(session, interview.account_id, now, "note.edited", interview.event_id, OWNER,
          interviewer=interviewer, decision_date=str(note.decision_date or ""))
    session.flush()
    return row


def delete_note(session: Session, interview: models.Interview, note_id: int,
                now: datetime) -> None:
    row = _note(interview, note_id)
    interview.notes.remove(row)
    _wake(interview, now)
    audit(session, interview.account_id, now, "note.deleted", interview.event_id, OWNER,
          interviewer=row.interviewer_email)
    session.flush()


def _check_in(interview: models.Interview
              ) -> tuple[models.Suggestion | None, CheckInFacts | None]:
    return next(iter(interview.suggestions), None), check_in_facts(interview)


def has_pending_check_in(interview: models.Interview) -> bool:
    return follow_ups.check_in_state(interview) in policy_actions.PENDING


def _store(session: Session, interview: models.Interview, facts: CheckInFacts, now: datetime,
           happening: Happening | None) -> models.Suggestion:
    """Keep what the owner chose; a change of state goes through follow_ups, whose audit
    row keeps the state before it (what undo goes back to)."""
    if happening is not None:
        before = follow_ups.check_in_row(interview)
        suggestion = follow_ups.check_in(
            session, interview, happening, now, OWNER,
            before=before.status if before is not None else CheckInState.WAITING,
            snooze_until=before.snooze_until.isoformat()
            if before is not None and before.snooze_until else "")
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
              OWNER, to=suggestion.recipient_email or "")
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
    draft = _check_in_draft(interview)
    if draft is not None and outbox.pending(session, draft, "delete"):
        raise ActionRefused("the draft you took back is still being removed from Drafts; "
                            "approve again in a moment")
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


# -- forms made for one state, undo, snooze presets ------------------------------------------

def check_in_version(interview: models.Interview) -> str:
    """What a check-in form was made for: the state and when it last changed."""
    suggestion = next(iter(interview.suggestions), None)
    if suggestion is None:
        return "waiting"
    return f"{suggestion.status}@{suggestion.status_at.timestamp():.6f}"


STATE_WORDS = {
    "waiting": "not suggested yet", "suggested": "waiting for your decision",
    "snoozed": "snoozed", "approved": "approved", "drafted": "approved and in your Drafts",
    "edited": "edited by you in your mailbox", "sent": "sent",
    "deleted": "deleted from your Drafts", "withdrawn": "withdrawn",
    "dismissed": "dismissed",
}


def expect_check_in(interview: models.Interview, shown: str) -> None:
    """Refuse a form made for another state of the check-in than the present one."""
    if shown != check_in_version(interview):
        _, facts = _check_in(interview)
        state = facts.state if facts is not None else "waiting"
        raise StaleForm(f"Nothing was changed: the check-in is now {STATE_WORDS[state]} "
                        "(changed in another tab or by the service since this page was "
                        "shown).")


@dataclass(frozen=True)
class Decision:
    """The owner's latest approve or dismiss of a check-in, while it can be undone."""

    action: Literal["approved", "dismissed"]
    at: datetime
    until: datetime  # when undo stops being offered
    before: str  # the check-in's state before it
    snooze_until: datetime | None
    recipient: str


def undoable_decision(session: Session, interview: models.Interview, now: datetime
                      ) -> Decision | None:
    row = session.scalars(
        select(models.AuditEntry)
        .where(models.AuditEntry.account_id == interview.account_id,
               models.AuditEntry.subject == interview.event_id,
               models.AuditEntry.action.startswith("check_in."),
               models.AuditEntry.cause == OWNER)
        .order_by(models.AuditEntry.at.desc(), models.AuditEntry.id.desc()).limit(1)).first()
    if row is None or row.action not in ("check_in.approved", "check_in.dismissed"):
        return None
    if not now - UNDO_WINDOW <= row.at <= now:
        return None
    _, facts = _check_in(interview)
    state = facts.state if facts is not None else "waiting"
    action: Literal["approved", "dismissed"] = (
        "approved" if row.action == "check_in.approved" else "dismissed")
    if action == "dismissed" and state != "dismissed":
        return None
    if action == "approved" and not (state == "approved" or (
            state == "drafted" and _check_in_draft(interview) is not None)):
        return None
    detail = row.detail if isinstance(row.detail, dict) else {}
    snoozed = detail.get("snooze_until") or None
    return Decision(action=action, at=row.at, until=row.at + UNDO_WINDOW,
                    before=str(detail.get("before") or "suggested"),
                    snooze_until=datetime.fromisoformat(snoozed) if snoozed else None,
                    recipient=str(detail.get("to") or ""))


def _check_in_draft(interview: models.Interview) -> models.FollowUp | None:
    return next((f for f in interview.follow_ups if f.kind == "check_in"), None)


def undo_check_in_decision(session: Session, interview: models.Interview, now: datetime
                           ) -> Decision:
    """Take back an approve or a dismiss: the check-in is as it was before. An approved
    check-in whose draft was written has the draft removed from Drafts (unless the owner
    edited or sent it already: then there is nothing to undo)."""
    decision = undoable_decision(session, interview, now)
    if decision is None:
        raise ActionRefused("there is nothing to undo any more (undo lasts "
                            f"{UNDO_WINDOW.seconds // 60} minutes)")
    draft = _check_in_draft(interview)
    if decision.action == "approved" and draft is not None:
        outbox.enqueue_delete(session, draft, interview.account, now,
                              "you took back the approval",
                              revision=outbox.count(session, draft, "delete"))
    row = follow_ups.check_in_row(interview)
    never_suggested = (decision.before == CheckInState.WAITING and row is not None
                       and row.suggested_at is None)  # dismissed in advance
    undo = Happening.RESET if never_suggested else Happening.UNDO
    suggestion = follow_ups.check_in(session, interview, undo, now, OWNER,
                                     undid=decision.action, to=decision.recipient)
    if suggestion is None:
        raise ActionRefused("there is nothing to undo any more")
    suggestion.snooze_until = None
    if decision.before == CheckInState.SNOOZED and decision.snooze_until is not None \
            and decision.snooze_until > now:
        follow_ups.check_in(session, interview, Happening.SNOOZE, now, "undo: snoozed again")
        suggestion.snooze_until = decision.snooze_until
    _wake(interview, now)
    session.flush()
    return decision


SnoozePreset = Literal["two_days", "next_monday"]


def snooze_presets(now: datetime, timezone: str, day_starts: time
                   ) -> dict[SnoozePreset, datetime]:
    """"2 days" and "next Monday", at the start of the owner's working day."""
    zone = owner_zone(timezone)
    today = now.astimezone(zone).date()
    monday = today + timedelta(days=7 - today.weekday())
    return {"two_days": datetime.combine(today + timedelta(days=2), day_starts, zone),
            "next_monday": datetime.combine(monday, day_starts, zone)}


# -- the checklist, and the owner's word on events ---------------------------------------

def set_checklist(session: Session, interview: models.Interview, ticked: set[str],
                  now: datetime) -> None:
    known = {key for key, _ in CHECKLIST}
    unknown = ticked - known
    if unknown:
        raise ActionRefused(f"not on the checklist: {sorted(unknown)[0][:40]}")
    for tick in list(interview.checklist):
        if tick.item not in ticked:
            interview.checklist.remove(tick)
    have = {t.item for t in interview.checklist}
    for item in sorted(ticked - have):
        interview.checklist.append(models.ChecklistTick(item=item, ticked_at=now))
    session.flush()


def mark_not_interview(session: Session, interview: models.Interview, now: datetime) -> None:
    """The owner says this event is no interview: remembered across syncs; policy then
    treats it as gone (untouched drafts and a pending check-in are withdrawn)."""
    if interview.status == "not_interview":
        raise ActionRefused("it is already marked as not an interview")
    verdicts.record(session, interview.account_id, interview.event_id, False, now)
    interview.status = "not_interview"
    interview.updated_at = now
    audit(session, interview.account_id, now, "interview.not_interview", interview.event_id,
          OWNER)
    _wake(interview, now)
    session.flush()


def mark_interview(session: Session, account: models.Account, event_id: str,
                   now: datetime) -> models.Interview:
    """The owner says this event is an interview (one detection passed over, or one they
    marked as not an interview before)."""
    verdicts.record(session, account.id, event_id, True, now)
    interview = session.scalar(select(models.Interview).where(
        models.Interview.account_id == account.id, models.Interview.event_id == event_id))
    kept = session.scalar(select(models.OtherEvent).where(
        models.OtherEvent.account_id == account.id, models.OtherEvent.event_id == event_id))
    if kept is not None:
        event = verdicts.as_calendar_event(kept)
        mine = verdicts.own_addresses(account)
        detection = verdicts.apply(Detection(is_interview=False), True, event,
                                   detection_owner(account))
        interview = store_interview(session, account, event, detection,
                                    interview_status(event, account.email, now), now,
                                    interview, mine)
        verdicts.forget_other_event(session, account.id, event_id)
    elif interview is not None and interview.status == "not_interview":
        interview.status = "done" if interview.end <= now else "scheduled"
        interview.updated_at = now
    if interview is None:
        raise ActionRefused("that event is no longer on your calendar")
    audit(session, account.id, now, "interview.marked", event_id, OWNER)
    _wake(interview, now)
    session.flush()
    return interview


def _wake(interview: models.Interview, now: datetime) -> None:
    """Owner actions take effect at once, not at the next poll: the interview is due now."""
    interview.due_at = now
    account = interview.account
    if account.wake_at is None or account.wake_at > now:
        account.wake_at = now
