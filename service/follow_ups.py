"""One home for the state of follow-ups: the thank-you to each interviewer, and the one
check-in of an interview (architecture.md, "Follow-up states").

Everything else reports what happened (a :class:`Happening`): policy decided to write or
skip a draft or to suggest a check-in, the owner approved or dismissed it, the outbox or the
read-back found a draft changed, sent or gone. This module alone decides the new state, by
one transition table, and writes the audit entry with its cause. A check-in has one state,
``Suggestion.status`` (its FollowUp row holds the draft's text and ids only, its ``state``
is empty).

The fate rules live here too, built on what every mail client keeps of a sent draft: its
thread (Gmail threadId, Outlook conversationId) and its recipient. A draft that left Drafts
was **sent** when a message from the owner to that recipient appeared in that thread after
the draft was written, **deleted** when no such message did. A draft was **changed by the
owner** when its recipients, subject or body differ from what the service last wrote; it is
never written to again.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from providers.model import DraftState
from service.engine.audit import audit
from service.store import models

log = logging.getLogger(__name__)

Kind = Literal["thank_you", "check_in"]


class ThankYouState(StrEnum):
    PENDING = "pending"  # the interview has not ended
    DRAFTED = "drafted"  # decided, written (or being written) to Drafts, untouched
    EDITED = "edited"  # the owner changed it: left alone from now on
    SENT = "sent"
    DELETED = "deleted"  # by the owner: never written again
    SKIPPED = "skipped"  # too late, not applicable, or it could not be written


class CheckInState(StrEnum):
    WAITING = "waiting"  # not due yet (no row, or a dismissal in advance)
    SUGGESTED = "suggested"
    SNOOZED = "snoozed"  # back to suggested at the snooze's end
    APPROVED = "approved"  # the draft is being written
    DRAFTED = "drafted"
    EDITED = "edited"
    SENT = "sent"
    DELETED = "deleted"
    WITHDRAWN = "withdrawn"  # a reply, progress, the limit, a cancellation
    DISMISSED = "dismissed"


class Happening(StrEnum):
    """What was reported, by whom it does not matter."""

    WRITE = "write"  # policy: the draft is due (the outbox writes it)
    SKIP = "skip"  # policy: no thank-you to this person, ever
    SUGGEST = "suggest"  # policy: the check-in is due
    APPROVE = "approve"  # the owner
    SNOOZE = "snooze"  # the owner
    DISMISS = "dismiss"  # the owner
    WITHDRAW = "withdraw"  # policy: a reply, progress, the limit, a cancellation
    CHANGED = "changed"  # the draft differs from what the service last wrote
    SENT = "sent"  # it left Drafts and the owner's message is in its thread
    DELETED = "deleted"  # it left Drafts, and no such message
    UNWRITABLE = "unwritable"  # the outbox gave up writing it
    RESCHEDULED = "rescheduled"  # policy: the interview moved later; thank it after the new end
    UNDO = "undo"  # the owner took back an approval or a dismissal (a written draft goes)
    RESET = "reset"  # the owner took back a dismissal made before anything was suggested


_T, _C, _H = ThankYouState, CheckInState, Happening
_PENDING_CHECK_IN = (_C.SUGGESTED, _C.SNOOZED)

TRANSITIONS: dict[tuple[Kind, str, Happening], str] = {
    ("thank_you", _T.PENDING, _H.WRITE): _T.DRAFTED,
    ("thank_you", _T.PENDING, _H.SKIP): _T.SKIPPED,
    ("thank_you", _T.DRAFTED, _H.CHANGED): _T.EDITED,
    ("thank_you", _T.DRAFTED, _H.SENT): _T.SENT,
    ("thank_you", _T.EDITED, _H.SENT): _T.SENT,
    ("thank_you", _T.DRAFTED, _H.DELETED): _T.DELETED,
    ("thank_you", _T.EDITED, _H.DELETED): _T.DELETED,
    ("thank_you", _T.DRAFTED, _H.UNWRITABLE): _T.SKIPPED,
    # P1.4: moved to a later time after it was decided; its untouched draft is being deleted
    ("thank_you", _T.DRAFTED, _H.RESCHEDULED): _T.PENDING,
    # ... and what the outbox found when it went to delete it: the owner was quicker
    ("thank_you", _T.PENDING, _H.CHANGED): _T.EDITED,
    ("thank_you", _T.PENDING, _H.SENT): _T.SENT,
    ("thank_you", _T.PENDING, _H.DELETED): _T.DELETED,
    ("check_in", _C.WAITING, _H.SUGGEST): _C.SUGGESTED,
    ("check_in", _C.SNOOZED, _H.SUGGEST): _C.SUGGESTED,
    **{("check_in", state, _H.APPROVE): _C.APPROVED for state in _PENDING_CHECK_IN},
    **{("check_in", state, _H.SNOOZE): _C.SNOOZED for state in _PENDING_CHECK_IN},
    **{("check_in", state, _H.DISMISS): _C.DISMISSED
       for state in (_C.WAITING, *_PENDING_CHECK_IN, _C.APPROVED)},
    **{("check_in", state, _H.WITHDRAW): _C.WITHDRAWN
       for state in (*_PENDING_CHECK_IN, _C.APPROVED, _C.DRAFTED)},
    ("check_in", _C.APPROVED, _H.WRITE): _C.DRAFTED,
    ("check_in", _C.DRAFTED, _H.CHANGED): _C.EDITED,
    # withdrawn with its draft still there (the owner had changed it): they may send it
    **{("check_in", state, _H.SENT): _C.SENT
       for state in (_C.DRAFTED, _C.EDITED, _C.WITHDRAWN)},
    ("check_in", _C.DRAFTED, _H.DELETED): _C.DELETED,
    ("check_in", _C.EDITED, _H.DELETED): _C.DELETED,
    ("check_in", _C.DRAFTED, _H.UNWRITABLE): _C.WITHDRAWN,
    **{("check_in", state, _H.UNDO): _C.SUGGESTED
       for state in (_C.DISMISSED, _C.APPROVED, _C.DRAFTED)},
    ("check_in", _C.DISMISSED, _H.RESET): _C.WAITING,
}
# A draft the service watches for its fate: written, and not yet sent or deleted.
OPEN_DRAFT = (_T.DRAFTED, _T.EDITED)


class Refused(ValueError):
    """The happening does not apply in this state; one line for the owner."""


def next_state(kind: Kind, state: str, happening: Happening) -> str | None:
    """The state after ``happening`` (None: it changes nothing in this state)."""
    return TRANSITIONS.get((kind, state, happening))


# --- applying -----------------------------------------------------------------------------


def thank_you(session: Session, follow_up: models.FollowUp, happening: Happening,
              at: datetime, cause: str, **detail: Any) -> bool:
    """Apply a happening to a thank-you; False when it changes nothing."""
    after = next_state("thank_you", follow_up.state or _T.PENDING, happening)
    if after is None:
        log.debug("thank-you %s: %s changes nothing in %s", follow_up.id, happening,
                  follow_up.state)
        return False
    follow_up.state = after
    if after in (_T.SKIPPED, _T.DELETED):
        follow_up.state_reason = cause[:500]
    detail.setdefault("to", follow_up.recipient_email)
    audit(session, follow_up.interview.account_id, at, f"thank_you.{after}",
          follow_up.idempotency_key, cause, **detail)
    return True


def check_in_row(interview: models.Interview) -> models.Suggestion | None:
    return next(iter(interview.suggestions), None)


def check_in_state(interview: models.Interview) -> CheckInState:
    row = check_in_row(interview)
    return CheckInState(row.status) if row is not None else _C.WAITING


def check_in(session: Session, interview: models.Interview, happening: Happening,
             at: datetime, cause: str, **detail: Any) -> models.Suggestion | None:
    """Apply a happening to the interview's check-in (its row is made when it leaves
    "waiting"); the row, or None when it changes nothing."""
    row = check_in_row(interview)
    after = next_state("check_in", row.status if row is not None else _C.WAITING, happening)
    if after is None:
        log.debug("check-in of %s: %s changes nothing", interview.id, happening)
        return None
    if row is None:
        row = models.Suggestion(kind="check_in", status=after, status_at=at)
        interview.suggestions.append(row)
    row.status = after
    row.status_at = at
    row.reason = cause[:500]
    detail.setdefault("to", row.recipient_email or "")
    audit(session, interview.account_id, at, f"check_in.{after}", interview.event_id, cause,
          **detail)
    return row


def about_draft(session: Session, follow_up: models.FollowUp, happening: Happening,
                at: datetime, cause: str) -> None:
    """A happening to a follow-up's draft: the thank-you's own state, or its interview's
    check-in."""
    if follow_up.kind == "check_in":
        check_in(session, follow_up.interview, happening, at, cause)
    else:
        thank_you(session, follow_up, happening, at, cause)


def draft_wanted(follow_up: models.FollowUp) -> bool:
    """Whether the follow-up still wants its draft written (decided, nothing since)."""
    if follow_up.kind == "check_in":
        return check_in_state(follow_up.interview) == _C.DRAFTED
    return follow_up.state == _T.DRAFTED


def state_of(follow_up: models.FollowUp) -> str:
    """The state of the follow-up: a thank-you's own, or its interview's check-in."""
    if follow_up.kind == "check_in":
        return check_in_state(follow_up.interview)
    return follow_up.state


def draft_open(follow_up: models.FollowUp) -> bool:
    """Whether the service watches this follow-up's draft for its fate."""
    return state_of(follow_up) in OPEN_DRAFT and follow_up.provider_draft_id is not None


def open_drafts(session: Session, account_id: int, since: datetime) -> list[models.FollowUp]:
    """The drafts written since ``since`` whose fate is not known yet."""
    rows = session.scalars(
        select(models.FollowUp).join(models.Interview)
        .where(models.Interview.account_id == account_id,
               models.FollowUp.provider_draft_id.is_not(None),
               models.FollowUp.drafted_at >= since))
    return [row for row in rows if draft_open(row)]


# --- the fate rules -----------------------------------------------------------------------


def normalised(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def changed_by_owner(reading: DraftState, recipient: str, written_subject: str | None,
                     written_body: str | None) -> bool:
    """The draft's recipients, subject or body differ from what the service last wrote (to
    ``recipient``; a subject of None: written before subjects were kept)."""
    if reading.fate != "draft":
        return False
    recipients = {address.strip().lower() for address in reading.recipients}
    if recipients and recipients != {recipient.strip().lower()}:
        return True
    if written_subject is not None and normalised(reading.subject) != normalised(
            written_subject):
        return True
    return normalised(reading.body) != normalised(written_body)


@dataclass(frozen=True)
class OwnerMessage:
    """A message the owner sent, as far as the fate rule needs it."""

    message_id: str
    thread_id: str
    recipients: tuple[str, ...]
    date: datetime


def sent_copy(follow_up: models.FollowUp, thread_ids: Iterable[str],
              candidates: Iterable[OwnerMessage]) -> OwnerMessage | None:
    """The owner's message that is the sent draft: in one of its threads, to its recipient,
    after it was written (the earliest such)."""
    threads = {thread for thread in thread_ids if thread}
    written = follow_up.drafted_at
    recipient = follow_up.recipient_email.lower()
    found = [m for m in candidates
             if m.thread_id in threads and recipient in m.recipients
             and (written is None or m.date >= written)]
    return min(found, key=lambda m: (m.date, m.message_id)) if found else None


def stored_owner_mail(session: Session, account_id: int, thread_ids: Iterable[str]
                      ) -> list[OwnerMessage]:
    threads = [thread for thread in thread_ids if thread]
    if not threads:
        return []
    rows = session.scalars(select(models.MailMessage).where(
        models.MailMessage.account_id == account_id, models.MailMessage.direction == "out",
        models.MailMessage.thread_id.in_(threads)))
    return [OwnerMessage(row.provider_message_id, row.thread_id, tuple(row.recipients),
                         row.sent_at) for row in rows]


def observe_draft(session: Session, follow_up: models.FollowUp, reading: DraftState,
                  at: datetime, how: str) -> Happening | None:
    """What a read-back of the draft (by reconciliation or the outbox, ``how``) means: keep
    the ids it has now, judge its fate, apply it. Returns the happening, if any."""
    account_id = follow_up.interview.account_id
    threads = [follow_up.provider_thread_id or "", reading.ref.thread_id]
    happening: Happening | None = None
    if reading.fate == "draft":
        # Gmail gives every edit a new message id, and a new subject a new thread.
        follow_up.provider_message_id = reading.ref.message_id or follow_up.provider_message_id
        follow_up.provider_thread_id = reading.ref.thread_id or follow_up.provider_thread_id
        if changed_by_owner(reading, follow_up.recipient_email, follow_up.written_subject,
                            follow_up.written_body):
            happening = Happening.CHANGED
            cause = f"{how}: the owner changed the draft"
    else:
        found = [OwnerMessage(m.id, m.thread_id,
                              tuple(p.email for p in (*m.to, *m.cc)), m.date)
                 for m in reading.thread_messages]
        found += stored_owner_mail(session, account_id, threads)
        copy = sent_copy(follow_up, threads, found)
        if copy is not None:
            happening = Happening.SENT
            cause = f"{how}: the owner sent it"
            follow_up.sent_at = follow_up.sent_at or copy.date
            follow_up.provider_message_id = copy.message_id
            follow_up.provider_thread_id = copy.thread_id
        else:
            happening = Happening.DELETED
            cause = f"{how}: the owner deleted it"
    if happening is None:
        return None
    about_draft(session, follow_up, happening, at, cause)
    return happening


def sent_message_ids(follow_ups: Iterable[models.FollowUp]) -> dict[str, str]:
    """The provider id of each sent follow-up's copy, by idempotency key."""
    return {f.idempotency_key: f.provider_message_id for f in follow_ups
            if f.provider_message_id and f.sent_at is not None}
