"""What the policy reads: plain, frozen facts the engine loads from storage.

Every datetime is timezone-aware (stored in UTC); the owner's zone is applied only for
calendar days and text. Email addresses are lower-cased by the engine (and again here).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from providers.model import MailMessage, Person, ReplyTarget
from service.detection.side import CompanySide

# The states live in service.follow_ups, with their transitions (re-exported for policy).
from service.follow_ups import CheckInState as CheckInState
from service.follow_ups import ThankYouState as ThankYouState

from .decision_dates import extract_decision_date, is_timeline_only

Stage = Literal["phone_screen", "interview", "panel", "final_round"]
# "removed": deleted from the calendar, or detection no longer calls it an interview.
InterviewStatus = Literal["scheduled", "cancelled", "declined", "removed"]
Direction = Literal["in", "out"]


def owner_zone(name: str) -> tzinfo:
    """The owner's zone; an unknown name falls back to UTC rather than failing a pass."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@dataclass(frozen=True)
class OwnerProfile:
    account_id: str  # goes into idempotency keys
    email: str
    timezone: str  # IANA name
    connected_at: datetime  # when the mailbox was connected (P1.3)
    name: str | None = None
    signature: str | None = None  # under the sign-off; default: name
    strengths: str | None = None  # "a skill or project" that shows the fit, if the owner gave one
    # when suggestions may appear (P3.3 "a weekday morning", as the owner set it):
    # ISO weekdays (1 = Monday) and the local working hours
    working_days: tuple[int, ...] = (1, 2, 3, 4, 5)
    day_starts: time = time(9, 0)
    day_ends: time = time(18, 0)

    @property
    def zone(self) -> tzinfo:
        return owner_zone(self.timezone)


@dataclass(frozen=True)
class InterviewFacts:
    event_id: str
    stage: Stage
    company: str | None
    job_title: str | None
    start: datetime
    end: datetime
    status: InterviewStatus
    interviewers: tuple[Person, ...]  # from detection, in its order
    organizer: Person | None
    invitees: tuple[Person, ...]  # attendees (rooms left out) and the organizer
    # as detection worked it out when it stored the interview; None for older rows
    company_side: CompanySide | None = None


@dataclass(frozen=True)
class Note:
    """What the owner told the dashboard about an interview."""

    at: datetime
    interviewer: str | None = None  # None: the note is for every interviewer
    topic: str | None = None
    insight: str | None = None  # final round: one added thought
    decision_date: date | None = None  # applies to the whole interview
    strengths: str | None = None  # "what I bring to this role": overrides the owner's profile


@dataclass(frozen=True)
class MailFact:
    """Headers of one inbound or sent message, with what policy needs from its body."""

    message_id: str
    thread_id: str
    direction: Direction  # "out": the owner sent it
    sender: Person
    recipients: tuple[str, ...]  # to + cc
    date: datetime
    subject: str
    message_id_header: str | None = None
    references: tuple[str, ...] = ()
    decision_date: dt.date | None = None  # stated in the body (extract_decision_date)
    timeline_only: bool = False  # the body's only news is that date (is_timeline_only)

    @classmethod
    def from_message(cls, message: MailMessage, owner_email: str, timezone: str) -> MailFact:
        """Read one inbox or sent message; the body is analysed here and not kept. Drafts
        are not mail facts (an unsent draft is no follow-up)."""
        if message.folder == "drafts":
            raise ValueError(f"message {message.id} is a draft, not mail")
        owner = owner_email.strip().lower()
        sender = message.sender or Person(email="")
        direction: Direction = (
            "out" if message.folder == "sent" or sender.email.lower() == owner else "in")
        body = message.body_text or ""
        stated = extract_decision_date(body, message.date, owner_zone(timezone)) if body else None
        return cls(
            message_id=message.id,
            thread_id=message.thread_id,
            direction=direction,
            sender=Person(email=sender.email.lower(), name=sender.name),
            recipients=tuple(p.email.lower() for p in (*message.to, *message.cc)),
            date=message.date,
            subject=message.subject,
            message_id_header=message.message_id_header,
            references=message.references,
            decision_date=stated.day if stated else None,
            timeline_only=bool(stated) and is_timeline_only(body),
        )

    def reply_target(self) -> ReplyTarget:
        refs = self.references
        if self.message_id_header and self.message_id_header not in refs:
            refs = (*refs, self.message_id_header)
        return ReplyTarget(message_id=self.message_id, thread_id=self.thread_id,
                           message_id_header=self.message_id_header, references=refs,
                           subject=self.subject)


@dataclass(frozen=True)
class ThankYouFacts:
    """The thank-you to one interviewer of one interview, as stored."""

    recipient: str
    state: ThankYouState
    key: str | None = None
    rendered_fingerprint: str | None = None  # compose.fingerprint() of the body last written
    created_at: datetime | None = None
    sent_message: MailFact | None = None  # the sent copy, once the owner sent it (if synced)
    sent_message_id: str | None = None  # its provider id, synced or not


@dataclass(frozen=True)
class CheckInFacts:
    """The one check-in of an interview, as stored."""

    state: CheckInState
    recipient: Person | None = None
    due: datetime | None = None
    suggested_at: datetime | None = None
    snooze_until: datetime | None = None
    key: str | None = None  # of the check-in draft, once written


@dataclass(frozen=True)
class Situation:
    """Everything decide() reads about one interview of one mailbox."""

    owner: OwnerProfile
    interview: InterviewFacts
    notes: tuple[Note, ...] = ()
    mails: tuple[MailFact, ...] = ()  # the mailbox's mail since (at least) the interview start
    thank_yous: tuple[ThankYouFacts, ...] = ()
    check_in: CheckInFacts | None = None
    other_interviews: tuple[InterviewFacts, ...] = ()  # the owner's other interviews
    # The sent copies of the owner's thank-yous for any interview: an onsite split into
    # several events is thanked for once (P4.3).
    thank_you_messages: frozenset[str] = frozenset()
