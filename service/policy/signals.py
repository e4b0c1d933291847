"""What the mailbox and calendar say after an interview: replies, decision statements,
the owner's own follow-ups, and progress (policy P3.1, P3.4, P4.1-P4.3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .company import CompanySide
from .facts import InterviewFacts, MailFact, Situation


@dataclass(frozen=True)
class DecisionStatement:
    """A decision date stated by the owner's note or a company-side email."""

    day: date
    at: datetime
    mail: MailFact | None  # None: from a note


def _unique(mails: tuple[MailFact, ...]) -> list[MailFact]:
    seen: dict[str, MailFact] = {}
    for mail in mails:
        seen.setdefault(mail.message_id, mail)
    return sorted(seen.values(), key=lambda m: (m.date, m.message_id))


def is_decision_mail(mail: MailFact) -> bool:
    """A company mail whose only news is a dated timeline: not a reply (P4.1)."""
    return mail.timeline_only and mail.decision_date is not None


def company_mail_since_start(situation: Situation, side: CompanySide) -> list[MailFact]:
    start = situation.interview.start
    return [m for m in _unique(situation.mails)
            if m.direction == "in" and m.date >= start and side.contains(m.sender.email)]


def replies(situation: Situation, side: CompanySide) -> list[MailFact]:
    """Company-side mail received after the interview started, timeline-only mail aside."""
    return [m for m in company_mail_since_start(situation, side) if not is_decision_mail(m)]


def decision_mails(situation: Situation, side: CompanySide) -> list[MailFact]:
    return [m for m in company_mail_since_start(situation, side) if is_decision_mail(m)]


def decision_statements(situation: Situation, side: CompanySide) -> list[DecisionStatement]:
    """Every stated decision date, oldest first; the last one wins (P3.1)."""
    found = [DecisionStatement(day=n.decision_date, at=n.at, mail=None)
             for n in situation.notes if n.decision_date is not None]
    found += [DecisionStatement(day=m.decision_date, at=m.date, mail=m)
              for m in decision_mails(situation, side) if m.decision_date is not None]
    return sorted(found, key=lambda s: (s.at, s.mail is not None))


def follow_ups_sent(situation: Situation, side: CompanySide) -> int:
    """The owner's follow-ups since the interview started (P4.3): all thank-you notes
    together count as one; every other message to the company side counts as one more."""
    start = situation.interview.start
    thank_you_ids = {t.sent_message_id for t in situation.thank_yous if t.sent_message_id}
    thank_you_ids |= {t.sent_message.message_id for t in situation.thank_yous
                      if t.sent_message is not None}
    # the sent thank-yous of any interview: an onsite split into several events is thanked
    # for once; another company's thank-you is no follow-up here (the loop asks the side)
    thank_you_ids |= situation.thank_you_messages
    thanked = any(t.state == "sent" for t in situation.thank_yous)
    others = 0
    for mail in _unique(situation.mails):
        if mail.direction != "out" or mail.date < start:
            continue
        if not any(side.contains(address) for address in mail.recipients):
            continue
        if mail.message_id in thank_you_ids:
            thanked = True
        else:
            others += 1
    return int(thanked) + others


def _company_key(interview: InterviewFacts) -> str | None:
    if not interview.company:
        return None
    key = "".join(ch for ch in interview.company.casefold() if ch.isalnum())
    return key or None


def same_company(situation: Situation, side: CompanySide, other: InterviewFacts) -> bool:
    """Whether another interview is with this interview's company: the same company name, or
    an interviewer or organizer of it on this interview's company side."""
    name = _company_key(situation.interview)
    if name is not None and _company_key(other) == name:
        return True
    people = [p.email for p in other.interviewers]
    if other.organizer is not None:
        people.append(other.organizer.email)
    return any(side.contains(address) for address in people)


def later_interviews(situation: Situation, side: CompanySide) -> list[InterviewFacts]:
    """Other scheduled interviews with the same company that start after this one (P4.2)."""
    this = situation.interview
    return [other for other in situation.other_interviews
            if other.event_id != this.event_id and other.status == "scheduled"
            and other.start > this.start and same_company(situation, side, other)]


# Drafts vary across one company's loop: the interviews with it that started at most this
# long before this one (a split onsite, a few rounds). A bounded window keeps an interview's
# place stable while its drafts can still change (older interviews leave the live set).
LOOP_WINDOW = timedelta(days=14)


def earlier_in_loop(situation: Situation, side: CompanySide) -> list[InterviewFacts]:
    """The same company's interviews that came before this one in its loop, oldest first
    (for wording only: drafts one company receives must not read alike)."""
    this = situation.interview
    found = [other for other in situation.other_interviews
             if other.event_id != this.event_id
             and this.start - LOOP_WINDOW <= other.start
             and (other.start, other.event_id) < (this.start, this.event_id)
             and same_company(situation, side, other)]
    return sorted(found, key=lambda o: (o.start, o.event_id))
