"""Builders for policy facts: one small interview world the tests vary."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from providers.model import Person
from service.policy.facts import (
    CheckInFacts,
    InterviewFacts,
    MailFact,
    Note,
    OwnerProfile,
    Situation,
    ThankYouFacts,
)
from service.policy.keys import idempotency_key

NY = ZoneInfo("America/New_York")
OWNER = "alex.kim@gmail.com"
JANE = Person("jane.doe@acme.com", "Jane Doe")
RITA = Person("rita.ruiz@acme.com", "Rita Ruiz")
BOB = Person("bob.stone@acme.com", "Bob Stone")
START = datetime(2026, 5, 6, 10, 0, tzinfo=NY)  # a Wednesday
END = datetime(2026, 5, 6, 11, 0, tzinfo=NY)


def owner(**changes: object) -> OwnerProfile:
    base = OwnerProfile(account_id="acct-1", email=OWNER, timezone="America/New_York",
                        connected_at=datetime(2026, 5, 4, 8, 0, tzinfo=NY), name="Alex Kim",
                        signature="Alex Kim")
    return replace(base, **changes)  # type: ignore[arg-type]


def interview(**changes: object) -> InterviewFacts:
    base = InterviewFacts(
        event_id="ev-acme-1", stage="interview", company="Acme",
        job_title="Senior Data Engineer", start=START, end=END, status="scheduled",
        interviewers=(JANE,), organizer=RITA,
        invitees=(Person(OWNER, "Alex Kim"), JANE, RITA))
    return replace(base, **changes)  # type: ignore[arg-type]


def situation(**changes: object) -> Situation:
    base = Situation(owner=owner(), interview=interview())
    return replace(base, **changes)  # type: ignore[arg-type]


def at(days: float = 0, hours: float = 0, base: datetime = END) -> datetime:
    return base + timedelta(days=days, hours=hours)


def mail_in(sender: Person, when: datetime, *, subject: str = "Hello",
            decision: date | None = None, timeline_only: bool = False,
            message_id: str | None = None) -> MailFact:
    mid = message_id or f"in-{sender.email}-{when.isoformat()}"
    return MailFact(message_id=mid, thread_id=f"t-{mid}", direction="in", sender=sender,
                    recipients=(OWNER,), date=when, subject=subject,
                    message_id_header=f"<{mid}@mail>", decision_date=decision,
                    timeline_only=timeline_only)


def mail_out(to: str, when: datetime, *, subject: str = "Hi",
             message_id: str | None = None) -> MailFact:
    mid = message_id or f"out-{to}-{when.isoformat()}"
    return MailFact(message_id=mid, thread_id=f"t-{mid}", direction="out",
                    sender=Person(OWNER, "Alex Kim"), recipients=(to,), date=when,
                    subject=subject, message_id_header=f"<{mid}@mail>")


def note(when: datetime, **fields: object) -> Note:
    return Note(at=when, **fields)  # type: ignore[arg-type]


def thank_you(recipient: str, state: str, **fields: object) -> ThankYouFacts:
    return ThankYouFacts(recipient=recipient, state=state,  # type: ignore[arg-type]
                         key=idempotency_key("acct-1", "ev-acme-1", recipient, "thank_you"),
                         **fields)  # type: ignore[arg-type]


def sent_thank_yous(*mails: MailFact) -> tuple[ThankYouFacts, ...]:
    """The thank-yous these messages of the owner's are the sent copies of."""
    return tuple(thank_you(mail.recipients[0], "sent", sent_message=mail,
                           sent_message_id=mail.message_id) for mail in mails)


def check_in(state: str, **fields: object) -> CheckInFacts:
    return CheckInFacts(state=state, **fields)  # type: ignore[arg-type]
