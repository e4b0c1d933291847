"""The follow-up policy: decide(now, situation) -> intents (policy.md P1-P6).

Level-triggered and pure: given the stored state of one interview's follow-ups, it returns
what should happen now. The engine applies each intent's state change in the same
transaction as its outbox row (WriteThankYou: pending -> drafted; RewindThankYou: drafted
-> pending, its draft deleted; SkipThankYou -> skipped; Suggest -> suggested; Withdraw ->
withdrawn; WriteCheckIn: approved -> drafted; DeleteDraft: drafted -> withdrawn), so the
next call does not repeat it; if it ever does, the idempotency key stops a second draft.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from providers.model import Person, ReplyTarget
from service.compose.render import Letter, fingerprint, render_check_in, render_thank_you

from .company import CompanySide, company_side, is_no_reply
from .facts import InterviewFacts, MailFact, Note, Situation
from .intents import (
    DeleteDraft,
    Intent,
    ReplyKind,
    RewindThankYou,
    SkipThankYou,
    Suggest,
    UpdateDraft,
    Withdraw,
    WriteCheckIn,
    WriteThankYou,
)
from .keys import idempotency_key
from .signals import (
    decision_mails,
    decision_statements,
    earlier_in_loop,
    follow_ups_sent,
    later_interviews,
    replies,
)
from .timing import check_in_due, suggestion_time

LATE_CONNECT = timedelta(hours=24)  # P1.3: connected later than this after the end: none
# A thank-you not written this long after the end (the service was down, or the event
# reached us late) would be late: it is skipped, like a late connection.
THANK_YOU_STALE = timedelta(hours=72)
# A check-in is suggested within 72 hours of its due moment (P3.3); one missed by more (an
# outage, a mailbox connected long after the interview, a decision date learned late) is not
# suggested any more: it would be late, like a thank-you after a late connection (P1.3).
CHECK_IN_STALE = timedelta(hours=72)
FOLLOW_UP_LIMIT = 2  # P4.3

_CLOSED_CHECK_IN = ("sent", "deleted", "withdrawn", "dismissed", "edited")


@dataclass(frozen=True)
class CheckInPlan:
    """When and to whom the check-in would go, and what stops it (for decide, the dashboard
    and the scheduler)."""

    due: datetime
    suggest_at: datetime
    decision_date: date | None
    recipient: Person | None
    blocked_by: str | None  # why no check-in: reply, progress, limit, status, dismissal
    reply_blocks: bool  # a reply exists (an untouched check-in draft is then deleted)


# --- public API -----------------------------------------------------------------------------


def decide(now: datetime, situation: Situation) -> list[Intent]:
    """Everything that should happen now for one interview (``now`` aware)."""
    side = company_side(situation.interview, situation.owner.email)
    intents: list[Intent] = []
    intents += _thank_you_intents(now, situation, side)
    intents += _check_in_intents(now, situation, side)
    return intents


def plan_check_in(situation: Situation) -> CheckInPlan:
    side = company_side(situation.interview, situation.owner.email)
    return _plan(situation, side)


def next_wakeup(now: datetime, situation: Situation) -> datetime | None:
    """The next moment decide() may answer differently without any new fact (an end, a
    suggestion time, a snooze end): the scheduler may sleep until then."""
    interview = situation.interview
    moments: list[datetime] = []
    if interview.status == "scheduled" and interview.end > now:
        moments.append(interview.end)
    check_in = situation.check_in
    state = check_in.state if check_in else "waiting"
    if state == "waiting" and interview.status == "scheduled":
        plan = plan_check_in(situation)
        if plan.blocked_by is None and plan.suggest_at > now:
            moments.append(plan.suggest_at)
    if state == "snoozed" and check_in and check_in.snooze_until and check_in.snooze_until > now:
        moments.append(check_in.snooze_until)
    return min(moments) if moments else None


def validate_recipient(situation: Situation, address: str) -> str | None:
    """Why ``address`` may not receive the check-in (None: it may): it must be someone on
    the company side, never the owner (P3.4, owner's change of recipient)."""
    address = address.strip().lower()
    if "@" not in address or any(ch.isspace() for ch in address):
        return "not an email address"
    if address == situation.owner.email.strip().lower():
        return "that is your own address"
    if not company_side(situation.interview, situation.owner.email).contains(address):
        return "not on the company side of this interview"
    return None


def thank_you_letter(situation: Situation, recipient: Person) -> Letter:
    """The thank-you to one interviewer as it should read now (notes applied)."""
    interview = situation.interview
    side = company_side(interview, situation.owner.email)
    email = recipient.email.lower()
    notes = _notes_for(situation.notes, email)
    owner = situation.owner
    return render_thank_you(
        interview.stage,
        recipient=recipient,
        company=interview.company,
        job_title=interview.job_title,
        topic=notes.topic,
        group_topic=notes.group_topic,
        insight=notes.insight,
        strengths=notes.strengths or owner.strengths,
        signature=owner.signature or owner.name,
        variant=_place_in_loop(situation, side, email),
        colleagues=[p for p in _thank_you_recipients(situation) if p.email != email],
        loop_colleagues=[p for other in earlier_in_loop(situation, side)
                         if other.status == "scheduled" and _same_day(situation, other)
                         for p in other.interviewers if p.email.strip().lower() != email],
    )


# --- thank-yous -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _DraftNotes:
    topic: str | None  # the latest topic noted for this interviewer
    group_topic: str | None  # the latest topic noted for everyone
    insight: str | None
    strengths: str | None  # overrides the owner's profile for this interview


def _notes_for(notes: tuple[Note, ...], email: str) -> _DraftNotes:
    """What the owner noted for one interviewer: for each field the latest note naming them,
    else the latest note for everyone (the topic says which, so that a note for everyone is
    framed as the group's discussion)."""
    ordered = sorted(notes, key=lambda n: n.at)

    def latest(field: str, *, own: bool) -> str | None:
        found = [getattr(n, field) for n in ordered if getattr(n, field)
                 and (n.interviewer is not None and n.interviewer.strip().lower() == email
                      if own else not n.interviewer)]
        value = (found or [None])[-1]
        return value if isinstance(value, str) else None

    def either(field: str) -> str | None:
        return latest(field, own=True) or latest(field, own=False)

    return _DraftNotes(topic=latest("topic", own=True), group_topic=latest("topic", own=False),
                       insight=either("insight"), strengths=either("strengths"))


def _place_in_loop(situation: Situation, side: CompanySide, email: str) -> int:
    """This draft's variant: its place among all the thank-yous of the company's loop (the
    interviewers of its earlier interviews first, then this one's in address order), from
    where the company's variants start."""
    earlier = earlier_in_loop(situation, side)
    order = sorted(p.email for p in _thank_you_recipients(situation))
    place = sum(len(other.interviewers) for other in earlier)
    return _loop_seed(situation, earlier) + place + (order.index(email) if email in order else 0)


def _loop_seed(situation: Situation, earlier: list[InterviewFacts]) -> int:
    """Where a company's variants start, from its name (or its loop's first event): so that
    the drafts to different companies do not all open with the same words."""
    first = earlier[0] if earlier else situation.interview
    key = (first.company or first.event_id).casefold().encode("utf-8")
    return int.from_bytes(hashlib.sha256(key).digest()[:4], "big") % 4096


def _same_day(situation: Situation, other: InterviewFacts) -> bool:
    zone = situation.owner.zone
    return other.start.astimezone(zone).date() == situation.interview.start.astimezone(zone).date()


def _thank_you_recipients(situation: Situation) -> list[Person]:
    owner = situation.owner.email.strip().lower()
    seen: set[str] = set()
    people = []
    for person in situation.interview.interviewers:
        email = person.email.strip().lower()
        if email and email != owner and email not in seen:
            seen.add(email)
            people.append(Person(email=email, name=person.name))
    return people


def _invite_addresses(situation: Situation) -> set[str]:
    interview = situation.interview
    found = {p.email.strip().lower() for p in interview.invitees}
    if interview.organizer is not None:
        found.add(interview.organizer.email.strip().lower())
    return found


def _rewinds(situation: Situation) -> list[RewindThankYou]:
    """P1.4: thank-yous decided before the interview's present end (it moved to a later
    time after they were written: the conversation did not take place) start again. Only
    untouched drafts: one the owner changed, sent or deleted is theirs; a skip is final."""
    interview = situation.interview
    people = {p.email: p for p in _thank_you_recipients(situation)}
    return [RewindThankYou(key=t.key, event_id=interview.event_id,
                           recipient=people.get(t.recipient.strip().lower(),
                                                Person(email=t.recipient.strip().lower())),
                           reason="the interview moved to a later time")
            for t in situation.thank_yous
            if t.key and t.state == "drafted" and t.created_at is not None
            and t.created_at < interview.end]


def _thank_you_intents(now: datetime, situation: Situation, side: CompanySide) -> list[Intent]:
    interview = situation.interview
    if interview.status != "scheduled":
        return []  # P1.4: not cancelled, not declined
    rewinds = _rewinds(situation)
    if rewinds or now < interview.end:
        return list(rewinds)  # P1.4: written after the (new) end, not before
    stored = {t.recipient.strip().lower(): t for t in situation.thank_yous}
    invite = _invite_addresses(situation)
    owner = situation.owner
    intents: list[Intent] = []
    for person in _thank_you_recipients(situation):
        facts = stored.get(person.email)
        state = facts.state if facts else "pending"
        if state == "pending":
            reason = None
            if person.email not in invite or not side.contains(person.email):
                reason = "not a company-side person on the invite"
            elif owner.connected_at - interview.end > LATE_CONNECT:
                reason = "the mailbox was connected more than 24 hours after the interview"
            elif now - interview.end > THANK_YOU_STALE:
                reason = "more than 72 hours after the interview: it would be late"
            if reason:
                intents.append(SkipThankYou(event_id=interview.event_id, recipient=person,
                                            reason=reason))
                continue
            letter = thank_you_letter(situation, person)
            intents.append(WriteThankYou(
                key=idempotency_key(owner.account_id, interview.event_id, person.email,
                                    "thank_you"),
                event_id=interview.event_id, recipient=person,
                subject=letter.subject, body=letter.body))
        elif state == "drafted" and facts is not None and facts.key \
                and facts.rendered_fingerprint is not None:
            # P2.6: untouched drafts follow the notes; edited/sent/deleted ones are left alone
            letter = thank_you_letter(situation, person)
            if fingerprint(letter.body) != facts.rendered_fingerprint:
                intents.append(UpdateDraft(key=facts.key, event_id=interview.event_id,
                                           kind="thank_you", recipient=person,
                                           subject=letter.subject, body=letter.body))
    return intents


# --- the check-in ---------------------------------------------------------------------------


def _person(situation: Situation, email: str, fallback_name: str | None = None) -> Person:
    interview = situation.interview
    people = [*interview.interviewers, *interview.invitees]
    if interview.organizer is not None:
        people.append(interview.organizer)
    for person in people:
        if person.email.strip().lower() == email and person.name:
            return Person(email=email, name=person.name)
    return Person(email=email, name=fallback_name)


def _recipient(situation: Situation, side: CompanySide) -> Person | None:
    """P3.4: the sender of the (latest) decision-date email, a team mailbox such as
    recruiting@ too, since the check-in replies in that thread; not a no-reply address.
    Else the organizer when a person at the company; else the first interviewer."""
    for mail in reversed(decision_mails(situation, side)):
        if not is_no_reply(mail.sender.email):
            return _person(situation, mail.sender.email.lower(), mail.sender.name)
    organizer = situation.interview.organizer
    if organizer is not None and side.is_person(organizer.email):
        return _person(situation, organizer.email.strip().lower(), organizer.name)
    interviewers = _thank_you_recipients(situation)
    if interviewers:
        return interviewers[0]
    return None


def _plan(situation: Situation, side: CompanySide) -> CheckInPlan:
    interview = situation.interview
    zone = situation.owner.zone
    statements = decision_statements(situation, side)
    decision = statements[-1].day if statements else None
    due = check_in_due(interview.end, decision, zone)
    stored = situation.check_in
    recipient = stored.recipient if stored and stored.recipient else _recipient(situation, side)
    reply = replies(situation, side)
    blocked: str | None = None
    if interview.status != "scheduled":
        blocked = {"cancelled": "the interview was cancelled",
                   "declined": "you declined the interview"}.get(
            interview.status, "no longer an interview on the calendar")
    elif stored is not None and stored.state == "dismissed":
        blocked = "you dismissed it"
    elif reply:
        blocked = f"{reply[0].sender.email} replied on {reply[0].date.date().isoformat()}"
    elif later_interviews(situation, side):
        blocked = "another interview with the same company is on the calendar"
    elif follow_ups_sent(situation, side) >= FOLLOW_UP_LIMIT:
        blocked = "you have already followed up twice"
    elif recipient is None:
        blocked = "nobody on the company side to write to"
    owner = situation.owner
    suggest_at = suggestion_time(due, zone, owner.working_days, owner.day_starts, owner.day_ends)
    return CheckInPlan(due=due, suggest_at=suggest_at, decision_date=decision,
                       recipient=recipient, blocked_by=blocked, reply_blocks=bool(reply))


def _reply_target(situation: Situation, side: CompanySide, email: str
                  ) -> tuple[ReplyTarget | None, ReplyKind | None]:
    """P5.1: the owner's sent thank-you to that person for this interview; else the
    decision-date email when they sent it; else a new thread."""
    sent: list[MailFact] = [t.sent_message for t in situation.thank_yous
                            if t.sent_message is not None
                            and t.recipient.strip().lower() == email]
    if sent:
        return max(sent, key=lambda m: m.date).reply_target(), "thank_you"
    theirs = [m for m in decision_mails(situation, side) if m.sender.email.lower() == email]
    if theirs:
        return theirs[-1].reply_target(), "company_mail"
    return None, None


def _suggest(situation: Situation, side: CompanySide, plan: CheckInPlan, recipient: Person,
             due: datetime) -> Suggest:
    target, _ = _reply_target(situation, side, recipient.email)
    if plan.decision_date is not None:
        reason = f"the decision date {plan.decision_date.isoformat()} has passed without news"
    else:
        reason = "a week has passed since the interview without news"
    return Suggest(event_id=situation.interview.event_id, recipient=recipient, due=due,
                   reason=reason, reply_target=target, decision_date=plan.decision_date)


def _write_check_in(situation: Situation, side: CompanySide, recipient: Person
                    ) -> WriteCheckIn:
    interview = situation.interview
    owner = situation.owner
    target, kind = _reply_target(situation, side, recipient.email)
    interviewers = {p.email for p in _thank_you_recipients(situation)}
    statements = decision_statements(situation, side)
    stated = statements[-1] if statements else None  # the one plan_check_in goes by
    earlier = earlier_in_loop(situation, side)
    letter = render_check_in(
        recipient=recipient,
        company=interview.company,
        job_title=interview.job_title,
        interview_day=interview.start.astimezone(owner.zone).date(),
        recipient_was_interviewer=recipient.email in interviewers,
        signature=owner.signature or owner.name,
        thread_subject=target.subject if target is not None else None,
        decision_day=stated.day if stated else None,
        decision_stated_by_recipient=stated is not None and stated.mail is not None
        and stated.mail.sender.email.lower() == recipient.email.lower(),
        variant=_loop_seed(situation, earlier) + len(earlier),
    )
    return WriteCheckIn(
        key=idempotency_key(owner.account_id, interview.event_id, recipient.email, "check_in"),
        event_id=interview.event_id, recipient=recipient, subject=letter.subject,
        body=letter.body, reply_target=target, reply_to_kind=kind)


def _check_in_intents(now: datetime, situation: Situation, side: CompanySide) -> list[Intent]:
    stored = situation.check_in
    state = stored.state if stored else "waiting"
    if state in _CLOSED_CHECK_IN:
        return []
    event_id = situation.interview.event_id
    plan = _plan(situation, side)
    if state == "drafted":
        if plan.reply_blocks and stored is not None and stored.key:
            return [DeleteDraft(key=stored.key, event_id=event_id, kind="check_in",
                                reason=plan.blocked_by or "a reply arrived")]
        return []
    if state in ("suggested", "snoozed", "approved"):
        if plan.blocked_by is not None:
            return [Withdraw(event_id=event_id, reason=plan.blocked_by)]
        if plan.recipient is None:
            return []
        if state == "approved":
            return [_write_check_in(situation, side, plan.recipient)]
        if state == "snoozed" and stored is not None and stored.snooze_until is not None \
                and now >= stored.snooze_until:
            return [_suggest(situation, side, plan, plan.recipient, stored.snooze_until)]
        return []
    # waiting: suggest once due (P3.3), unless something stops it (P4)
    if plan.blocked_by is not None or plan.recipient is None:
        return []
    if plan.suggest_at <= now <= plan.due + CHECK_IN_STALE:
        return [_suggest(situation, side, plan, plan.recipient, plan.due)]
    return []
