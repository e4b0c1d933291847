"""What decide() asks the engine to do. Each is a frozen value; draft-writing intents carry
the deterministic idempotency key the executor puts in the draft's mark."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from providers.model import DraftKind, Person, ReplyTarget

ReplyKind = Literal["thank_you", "company_mail"]


@dataclass(frozen=True)
class WriteThankYou:
    """Create the thank-you draft to one interviewer (state pending -> drafted)."""

    key: str
    event_id: str
    recipient: Person
    subject: str
    body: str


@dataclass(frozen=True)
class UpdateDraft:
    """Rewrite an untouched draft in place (a note arrived after it was written, P2.6)."""

    key: str
    event_id: str
    kind: DraftKind
    recipient: Person
    subject: str
    body: str


@dataclass(frozen=True)
class DeleteDraft:
    """Delete an untouched draft of ours (a check-in overtaken by a reply, P4.5)."""

    key: str
    event_id: str
    kind: DraftKind
    reason: str


@dataclass(frozen=True)
class RewindThankYou:
    """The interview moved to a later time after this thank-you was decided (the
    conversation did not take place, P1.4): delete its untouched draft, if there is one,
    and write it again after the new end (state drafted -> pending). The key stays:
    it is the same thank-you, not a second copy (P1.6)."""

    key: str
    event_id: str
    recipient: Person
    reason: str


@dataclass(frozen=True)
class SkipThankYou:
    """No thank-you to this person, ever (state pending -> skipped); the dashboard may list
    it with the reason."""

    event_id: str
    recipient: Person
    reason: str


@dataclass(frozen=True)
class Suggest:
    """Show the owner one check-in suggestion (state waiting|snoozed -> suggested)."""

    event_id: str
    recipient: Person
    due: datetime
    reason: str
    reply_target: ReplyTarget | None
    decision_date: date | None


@dataclass(frozen=True)
class Withdraw:
    """Take back a pending (suggested, snoozed or approved-not-yet-written) check-in
    (state -> withdrawn; final)."""

    event_id: str
    reason: str


@dataclass(frozen=True)
class WriteCheckIn:
    """Create the approved check-in draft (state approved -> drafted). ``reply_target`` is
    the message it answers (its thread), None for a new thread."""

    key: str
    event_id: str
    recipient: Person
    subject: str
    body: str
    reply_target: ReplyTarget | None
    reply_to_kind: ReplyKind | None


Intent = (WriteThankYou | UpdateDraft | DeleteDraft | RewindThankYou | SkipThankYou | Suggest
          | Withdraw | WriteCheckIn)
