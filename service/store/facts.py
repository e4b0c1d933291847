"""Rows to facts: what policy, the dashboard and the owner's actions read of a mailbox, as
the pure :mod:`service.policy.facts` dataclasses (policy never sees a row)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from providers.model import Person
from service import follow_ups
from service.compose.render import fingerprint
from service.follow_ups import CheckInState, ThankYouState
from service.policy.company import CompanySide
from service.policy.facts import (
    CheckInFacts,
    InterviewFacts,
    MailFact,
    Note,
    OwnerProfile,
    Situation,
    ThankYouFacts,
)
from service.store import models

# Interviews this long past their end have nothing more to decide (check-ins are stale by
# then); they stay on the dashboard but policy stops loading them.
LIVE_FOR = timedelta(days=45)
INTERVIEW_STATUS = {"scheduled": "scheduled", "done": "scheduled", "cancelled": "cancelled",
                    "declined": "declined", "not_interview": "removed"}


def owner_profile(account: models.Account) -> OwnerProfile:
    """The mailbox with its owner's settings (the owner's time zone, else the mailbox's)."""
    owner = account.owner
    return OwnerProfile(account_id=str(account.id), email=account.email,
                        timezone=account.local_timezone,
                        connected_at=account.connected_at,
                        name=owner.name or account.display_name, signature=owner.signature,
                        strengths=owner.strengths,
                        working_days=tuple(owner.working_days or ()) or (1, 2, 3, 4, 5),
                        day_starts=owner.day_starts, day_ends=owner.day_ends)


def interview_facts(interview: models.Interview) -> InterviewFacts:
    organizer = (Person(interview.organizer_email, interview.organizer_name)
                 if interview.organizer_email else None)
    names = {i.email: i.name for i in interview.interviewers}
    return InterviewFacts(
        event_id=interview.event_id,
        stage=interview.stage,  # type: ignore[arg-type]
        company=interview.company,
        job_title=interview.job_title,
        start=interview.start,
        end=interview.end,
        status=INTERVIEW_STATUS.get(interview.status, "removed"),  # type: ignore[arg-type]
        interviewers=tuple(Person(i.email, i.name) for i in interview.interviewers),
        organizer=organizer,
        invitees=tuple(Person(email, names.get(email)) for email in interview.invite),
        company_side=CompanySide.from_json(interview.company_side),
    )


def mail_fact(row: models.MailMessage) -> MailFact:
    return MailFact(
        message_id=row.provider_message_id, thread_id=row.thread_id,
        direction="out" if row.direction == "out" else "in",
        sender=Person(row.sender_email or "", row.sender_name),
        recipients=tuple(row.recipients), date=row.sent_at, subject=row.subject,
        message_id_header=row.message_id_header, references=tuple(row.references),
        decision_date=row.decision_date, timeline_only=row.timeline_only,
    )


def check_in_facts(interview: models.Interview) -> CheckInFacts | None:
    """The interview's check-in as policy sees it (None: nothing suggested or decided yet)."""
    suggestion = follow_ups.check_in_row(interview)
    if suggestion is None:
        return None
    draft = next((f for f in interview.follow_ups if f.kind == "check_in"), None)
    return CheckInFacts(
        state=CheckInState(suggestion.status),
        recipient=(Person(suggestion.recipient_email, suggestion.recipient_name)
                   if suggestion.recipient_email else None),
        due=suggestion.due_at, suggested_at=suggestion.suggested_at,
        snooze_until=suggestion.snooze_until,
        key=draft.idempotency_key if draft else None)


def situation_for(interview: models.Interview, owner: OwnerProfile,
                  mails: Sequence[MailFact], others: Sequence[InterviewFacts],
                  thank_you_messages: frozenset[str] = frozenset()) -> Situation:
    facts = interview_facts(interview)
    by_id = {m.message_id: m for m in mails if m.direction == "out"}
    sent_ids = follow_ups.sent_message_ids(interview.follow_ups)
    thank_yous = tuple(
        ThankYouFacts(recipient=f.recipient_email, state=ThankYouState(f.state),
                      key=f.idempotency_key,
                      rendered_fingerprint=fingerprint(f.body) if f.body else None,
                      created_at=f.drafted_at or f.created_at,
                      sent_message=by_id.get(sent_ids.get(f.idempotency_key, "")),
                      sent_message_id=sent_ids.get(f.idempotency_key))
        for f in interview.follow_ups if f.kind == "thank_you")
    check_in = check_in_facts(interview)
    notes = tuple(Note(at=n.created_at, interviewer=n.interviewer_email, topic=n.topic,
                       insight=n.insight, decision_date=n.decision_date,
                       strengths=n.strengths)
                  for n in interview.notes)
    return Situation(owner=owner, interview=facts, notes=notes,
                     mails=tuple(m for m in mails if m.date >= facts.start - timedelta(days=1)),
                     thank_yous=thank_yous, check_in=check_in,
                     other_interviews=tuple(o for o in others if o.event_id != facts.event_id),
                     thank_you_messages=thank_you_messages)


def live_interviews(session: Session, account: models.Account, now: datetime
                    ) -> list[models.Interview]:
    return list(session.scalars(
        select(models.Interview)
        .where(models.Interview.account_id == account.id,
               models.Interview.end >= now - LIVE_FOR)
        .order_by(models.Interview.start)))


@dataclass(frozen=True)
class MailboxFacts:
    """What policy reads of one mailbox, loaded once per pass: its live interviews, the
    owner, the mail since the earliest of them, and the sent copies of thank-yous."""

    interviews: list[models.Interview]
    owner: OwnerProfile
    mails: list[MailFact]
    others: list[InterviewFacts]
    thanked: frozenset[str]  # sent copies of thank-yous, any interview

    def situation(self, interview: models.Interview) -> Situation:
        return situation_for(interview, self.owner, self.mails, self.others, self.thanked)


def load_mailbox(session: Session, account: models.Account, now: datetime) -> MailboxFacts | None:
    interviews = live_interviews(session, account, now)
    if not interviews:
        return None
    since = min(i.start for i in interviews) - timedelta(days=1)
    mails = [mail_fact(row) for row in session.scalars(
        select(models.MailMessage)
        .where(models.MailMessage.account_id == account.id,
               models.MailMessage.sent_at >= since)
        .order_by(models.MailMessage.sent_at))]
    thanked = frozenset(sent for i in interviews for sent in follow_ups.sent_message_ids(
        f for f in i.follow_ups if f.kind == "thank_you").values())
    return MailboxFacts(interviews, owner_profile(account), mails,
                   [interview_facts(i) for i in interviews], thanked)
