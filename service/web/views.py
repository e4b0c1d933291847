"""What the pages show, read from the database into plain values.

Every text here may come from a stranger (an invite's title, a name, a subject): the templates
escape it; this module only shortens what lists show and formats times in the owner's zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from service import actions
from service.engine.policy_runner import check_in_state, interview_facts
from service.policy.company import company_side
from service.store import models

PROVIDER_LABELS = {"gmail": "Gmail", "outlook": "Outlook"}
STAGE_LABELS = {"phone_screen": "Phone screen", "interview": "Interview", "panel": "Panel",
                "final_round": "Final round"}
THANK_YOU_STATES = {
    "pending": "written when the interview ends",
    "drafted": "in your Drafts folder",
    "edited": "you edited it: the service leaves it alone",
    "sent": "you sent it",
    "deleted": "you deleted it: it will not be written again",
    "skipped": "not written",
}
CHECK_IN_STATES = {
    "waiting": "not due yet",
    "suggested": "waiting for your decision",
    "snoozed": "snoozed",
    "approved": "approved: the draft is being written",
    "drafted": "in your Drafts folder",
    "edited": "you edited the draft",
    "sent": "you sent it",
    "deleted": "the draft was deleted",
    "withdrawn": "withdrawn",
    "dismissed": "dismissed: nothing more will be suggested",
}
LIST_TEXT = 80  # characters of a field shown in a list
TITLE_TEXT = 300  # characters of an invite title shown on its page
BODY_TEXT = 20_000
UPCOMING_LIMIT = 100
RECENT_LIMIT = 50
AUDIT_LIMIT = 300


def clip(text: str | None, limit: int) -> str:
    """One line, at most ``limit`` characters (an ellipsis marks the cut)."""
    if not text:
        return ""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def day(value: date | None) -> str:
    return f"{value:%a %b} {value.day}, {value.year}" if value is not None else ""


def moment(value: datetime | None, tz: ZoneInfo) -> str:
    if value is None:
        return ""
    local = value.astimezone(tz)
    return f"{day(local.date())} · {local:%H:%M %Z}"


def span(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    first, last = start.astimezone(tz), end.astimezone(tz)
    if first.date() == last.date():
        return f"{day(first.date())} · {first:%H:%M}–{last:%H:%M %Z}"
    return f"{moment(start, tz)} – {moment(end, tz)}"


@dataclass(frozen=True)
class Person:
    email: str
    name: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email

    @property
    def short(self) -> str:
        return self.name or self.email


def interview_status(interview: models.Interview, now: datetime) -> str:
    if interview.status in ("cancelled", "declined"):
        return interview.status
    if interview.status == "not_interview":
        return "no longer an interview"
    if interview.end <= now:
        return "done"
    return "in progress" if interview.start <= now else "scheduled"


# -- the dashboard -------------------------------------------------------------------------

@dataclass(frozen=True)
class MailboxView:
    provider: str
    provider_label: str
    email: str
    name: str
    needs_reauth: bool
    status_reason: str
    last_sync: str
    timezone: str


@dataclass(frozen=True)
class InterviewRow:
    id: int
    when: str
    stage: str
    company: str
    job_title: str
    title: str
    interviewers: tuple[str, ...]
    status: str
    follow_ups: str
    needs_you: bool


@dataclass(frozen=True)
class Dashboard:
    mailboxes: tuple[MailboxView, ...]
    upcoming: tuple[InterviewRow, ...]
    recent: tuple[InterviewRow, ...]


def _follow_up_summary(interview: models.Interview) -> tuple[str, bool]:
    counts: dict[str, int] = {}
    for follow_up in interview.follow_ups:
        if follow_up.kind == "thank_you":
            counts[follow_up.state] = counts.get(follow_up.state, 0) + 1
    parts = []
    if counts:
        parts.append("thank-you: " + ", ".join(f"{n} {state}" for state, n in counts.items()))
    suggestion = next(iter(interview.suggestions), None)
    pending = actions.has_pending_check_in(interview)
    if suggestion is not None and suggestion.suggested_at is not None:
        parts.append(f"check-in: {check_in_state(suggestion, interview)}")
    return "; ".join(parts), pending


def _row(interview: models.Interview, now: datetime) -> InterviewRow:
    tz = zone(interview.account.timezone)
    summary, pending = _follow_up_summary(interview)
    return InterviewRow(
        id=interview.id, when=moment(interview.start, tz),
        stage=STAGE_LABELS.get(interview.stage, interview.stage),
        company=clip(interview.company, LIST_TEXT), job_title=clip(interview.job_title, LIST_TEXT),
        title=clip(interview.title, LIST_TEXT),
        interviewers=tuple(clip(i.name or i.email, LIST_TEXT) for i in interview.interviewers),
        status=interview_status(interview, now), follow_ups=summary, needs_you=pending)


def load_dashboard(session: Session, now: datetime) -> Dashboard:
    accounts = session.scalars(select(models.Account).where(models.Account.status != "removed")
                               .order_by(models.Account.id))
    mailboxes = tuple(
        MailboxView(provider=a.provider, provider_label=PROVIDER_LABELS.get(a.provider, a.provider),
                    email=a.email, name=clip(a.display_name, LIST_TEXT),
                    needs_reauth=a.status == "needs_reauth",
                    status_reason=clip(a.status_reason, 200),
                    last_sync=moment(a.last_sync_at, zone(a.timezone)), timezone=a.timezone)
        for a in accounts)
    base = (select(models.Interview).join(models.Account)
            .where(models.Account.status != "removed",
                   models.Interview.status != "not_interview")
            .options(selectinload(models.Interview.account),
                     selectinload(models.Interview.interviewers),
                     selectinload(models.Interview.follow_ups),
                     selectinload(models.Interview.suggestions)))
    upcoming = session.scalars(base.where(models.Interview.end > now)
                               .order_by(models.Interview.start).limit(UPCOMING_LIMIT))
    recent = session.scalars(base.where(models.Interview.end <= now)
                             .order_by(models.Interview.start.desc()).limit(RECENT_LIMIT))
    return Dashboard(mailboxes=mailboxes,
                     upcoming=tuple(_row(i, now) for i in upcoming),
                     recent=tuple(_row(i, now) for i in recent))


# -- one interview -------------------------------------------------------------------------

@dataclass(frozen=True)
class DraftView:
    kind: str  # thank_you | check_in
    recipient: Person
    state: str
    state_text: str
    reason: str
    subject: str
    body: str
    findings: tuple[str, ...]
    written: str


@dataclass(frozen=True)
class NoteView:
    at: str
    interviewer: str
    topic: str
    insight: str
    decision_date: str


@dataclass(frozen=True)
class CheckInView:
    state: str
    state_text: str
    recipient: Person | None
    due: str
    decision_date: str
    reason: str
    snooze_until: str
    pending: bool
    candidates: tuple[Person, ...]  # company-side people the owner may pick instead


@dataclass(frozen=True)
class AuditView:
    at: str
    action: str
    cause: str
    detail: str


@dataclass(frozen=True)
class InterviewPage:
    id: int
    heading: str
    title: str
    when: str
    timezone: str
    stage: str
    is_final_round: bool
    company: str
    job_title: str
    status: str
    organizer: Person | None
    interviewers: tuple[Person, ...]
    mailbox: str
    reasons: tuple[str, ...]
    thank_yous: tuple[DraftView, ...]
    check_in_draft: DraftView | None
    notes: tuple[NoteView, ...]
    check_in: CheckInView | None
    audit: tuple[AuditView, ...]
    earliest_snooze: str  # ISO date: tomorrow in the owner's zone


def _draft(follow_up: models.FollowUp, tz: ZoneInfo) -> DraftView:
    states = THANK_YOU_STATES if follow_up.kind == "thank_you" else CHECK_IN_STATES
    return DraftView(
        kind=follow_up.kind,
        recipient=Person(follow_up.recipient_email, follow_up.recipient_name),
        state=follow_up.state, state_text=states.get(follow_up.state, ""),
        reason=clip(follow_up.state_reason, 500), subject=clip(follow_up.subject, 500),
        body=(follow_up.body or "")[:BODY_TEXT],
        findings=tuple(clip(str(f), 300) for f in (follow_up.findings or [])),
        written=moment(follow_up.updated_at or follow_up.drafted_at, tz))


def company_people(interview: models.Interview) -> tuple[Person, ...]:
    """Who may receive the check-in: people on the company side of the invite."""
    side = company_side(interview_facts(interview), interview.account.email)
    names = {i.email: i.name for i in interview.interviewers}
    if interview.organizer_email:
        names.setdefault(interview.organizer_email, interview.organizer_name)
    ordered = [i.email for i in interview.interviewers]
    ordered += [interview.organizer_email or "", *interview.invite]
    seen: set[str] = set()
    people = []
    for email in ordered:
        if email and email not in seen and side.is_person(email):
            seen.add(email)
            people.append(Person(email, names.get(email)))
    return tuple(people)


def _check_in(interview: models.Interview, tz: ZoneInfo) -> CheckInView | None:
    suggestion = next(iter(interview.suggestions), None)
    if suggestion is None:
        return None
    state = check_in_state(suggestion, interview)
    recipient = (Person(suggestion.recipient_email, suggestion.recipient_name)
                 if suggestion.recipient_email else None)
    candidates = company_people(interview)
    if recipient is not None and recipient.email not in {p.email for p in candidates}:
        candidates = (recipient, *candidates)
    return CheckInView(
        state=state, state_text=CHECK_IN_STATES.get(state, ""), recipient=recipient,
        due=moment(suggestion.due_at, tz), decision_date=day(suggestion.decision_date),
        reason=clip(suggestion.reason, 500),
        snooze_until=moment(suggestion.snooze_until, tz) if state == "snoozed" else "",
        pending=actions.has_pending_check_in(interview), candidates=candidates)


def _detail(detail: object) -> str:
    if not isinstance(detail, dict):
        return ""
    return clip(", ".join(f"{key}: {value}" for key, value in detail.items()
                          if value not in ("", None)), 300)


def _audit(session: Session, interview: models.Interview, tz: ZoneInfo) -> tuple[AuditView, ...]:
    keys = [f.idempotency_key for f in interview.follow_ups]
    subjects = or_(models.AuditEntry.subject.in_([interview.event_id, *keys]),
                   *(models.AuditEntry.subject.startswith(f"{key}:", autoescape=True)
                     for key in keys))
    rows = list(session.scalars(
        select(models.AuditEntry)
        .where(models.AuditEntry.account_id == interview.account_id, subjects)
        .order_by(models.AuditEntry.at.desc(), models.AuditEntry.id.desc())
        .limit(AUDIT_LIMIT)))
    return tuple(AuditView(at=moment(row.at, tz), action=row.action, cause=clip(row.cause, 300),
                           detail=_detail(row.detail)) for row in reversed(rows))


def _notes(notes: Iterable[models.Note], people: dict[str, Person], tz: ZoneInfo
           ) -> tuple[NoteView, ...]:
    return tuple(NoteView(
        at=moment(note.created_at, tz),
        interviewer=(people[note.interviewer_email].label if note.interviewer_email in people
                     else note.interviewer_email or "all interviewers"),
        topic=note.topic or "", insight=note.insight or "",
        decision_date=day(note.decision_date)) for note in notes)


def load_interview(session: Session, interview_id: int, now: datetime) -> InterviewPage | None:
    interview = session.get(models.Interview, interview_id)
    if interview is None or interview.account.status == "removed":
        return None
    account = interview.account
    tz = zone(account.timezone)
    interviewers = tuple(Person(i.email, i.name) for i in interview.interviewers)
    drafts: Sequence[models.FollowUp] = interview.follow_ups
    check_in_draft = next((f for f in drafts if f.kind == "check_in"), None)
    heading = " – ".join(part for part in (clip(interview.company, 120),
                                           clip(interview.job_title, 120)) if part)
    return InterviewPage(
        id=interview.id, heading=heading or clip(interview.title, 120) or "Interview",
        title=clip(interview.title, TITLE_TEXT),
        when=span(interview.start, interview.end, tz), timezone=account.timezone,
        stage=STAGE_LABELS.get(interview.stage, interview.stage),
        is_final_round=interview.stage == "final_round",
        company=clip(interview.company, 200), job_title=clip(interview.job_title, 200),
        status=interview_status(interview, now),
        organizer=(Person(interview.organizer_email, interview.organizer_name)
                   if interview.organizer_email else None),
        interviewers=interviewers,
        mailbox=f"{account.email} ({PROVIDER_LABELS.get(account.provider, account.provider)})",
        reasons=tuple(clip(r, 200) for r in interview.reasons or []),
        thank_yous=tuple(_draft(f, tz) for f in drafts if f.kind == "thank_you"),
        check_in_draft=_draft(check_in_draft, tz) if check_in_draft is not None else None,
        notes=_notes(interview.notes, {p.email: p for p in interviewers}, tz),
        check_in=_check_in(interview, tz),
        audit=_audit(session, interview, tz),
        earliest_snooze=(now.astimezone(tz).date() + timedelta(days=1)).isoformat())
