"""What the pages show, read from the database into plain values.

Every text here may come from a stranger (an invite's title, a name, a subject): the templates
escape it; this module only shortens what lists show and formats times in the owner's zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from service import actions, follow_ups
from service.owners import WEEKDAYS
from service.policy.company import company_side
from service.store import models
from service.store.facts import LIVE_FOR, interview_facts
from service.web.history import sentence

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
PROMPT = re.compile(r"\[[^\[\]\n]{2,120}\]")  # a bracketed prompt left for the owner
OTHER_EVENTS_BACK = timedelta(days=14)
OTHER_EVENTS_AHEAD = timedelta(days=30)
OTHER_EVENTS_LIMIT = 40
# Personal Microsoft accounts read mail at outlook.live.com; work and school ones at
# outlook.office.com.
CONSUMER_OUTLOOK = re.compile(r"(outlook|hotmail|live|msn|passport)\.[a-z.]+")
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


# -- shared pieces ---------------------------------------------------------------------------

def draft_link(provider: str, mailbox: str, message_id: str | None) -> str | None:
    """Where the owner opens a draft in the provider's web mail (None: not written yet)."""
    if not message_id:
        return None
    if provider == "gmail":
        # the compose view of a draft is keyed by its message id; /u/<address>/ picks the
        # account when the browser is signed in to several
        return (f"https://mail.google.com/mail/u/{quote(mailbox, safe='@')}/#drafts"
                f"?compose={quote(message_id, safe='')}")
    consumer = CONSUMER_OUTLOOK.fullmatch(mailbox.rpartition("@")[2].lower())
    base = "https://outlook.live.com/mail/0" if consumer else "https://outlook.office.com/mail"
    return f"{base}/drafts/id/{quote(message_id, safe='')}"


@dataclass(frozen=True)
class UndoView:
    interview_id: int
    text: str  # "Check-in to Jane Doe approved"
    until: str  # local time the offer ends


def _undo(session: Session, interview: models.Interview, now: datetime, tz: ZoneInfo
          ) -> UndoView | None:
    decision = actions.undoable_decision(session, interview, now)
    if decision is None:
        return None
    names = {i.email: i.name for i in interview.interviewers}
    who = names.get(decision.recipient) or decision.recipient or "the company"
    text = (f"Check-in to {who} approved" if decision.action == "approved"
            else "Check-in dismissed")
    return UndoView(interview.id, text, decision.until.astimezone(tz).strftime("%H:%M"))


def _heading(interview: models.Interview) -> str:
    heading = " – ".join(part for part in (clip(interview.company, 120),
                                           clip(interview.job_title, 120)) if part)
    return heading or clip(interview.title, 120) or "Interview"


@dataclass(frozen=True)
class SnoozeChoice:
    value: str  # the form's preset value
    label: str  # "2 days (Sun Jun 14)"


def snooze_choices(now: datetime, timezone: str, day_starts: time) -> tuple[SnoozeChoice, ...]:
    presets = actions.snooze_presets(now, timezone, day_starts)
    return (SnoozeChoice("two_days", f"2 days ({day(presets['two_days'].date())})"),
            SnoozeChoice("next_monday", f"Next Monday ({day(presets['next_monday'].date())})"))


# -- the dashboard -------------------------------------------------------------------------

@dataclass(frozen=True)
class MailboxView:
    id: int
    provider: str
    provider_label: str
    email: str
    name: str
    needs_reauth: bool
    status_reason: str
    last_sync: str


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
    mailbox: str


@dataclass(frozen=True)
class CheckInItem:
    """A suggested check-in, with what its forms need."""

    interview_id: int
    heading: str
    recipient: str
    reason: str
    version: str
    snooze: tuple[SnoozeChoice, ...]
    earliest_snooze: str


@dataclass(frozen=True)
class PromptItem:
    interview_id: int
    heading: str
    recipient: str
    prompts: tuple[str, ...]
    link: str | None


@dataclass(frozen=True)
class OtherEventView:
    account_id: int
    event_id: str
    when: str
    title: str
    mailbox: str
    marked: bool  # the owner said it is not an interview


@dataclass(frozen=True)
class Dashboard:
    owner_name: str
    paused: bool
    timezone: str
    mailboxes: tuple[MailboxView, ...]
    many_mailboxes: bool
    check_ins: tuple[CheckInItem, ...]
    prompts: tuple[PromptItem, ...]
    reconnect: tuple[MailboxView, ...]
    undo: tuple[UndoView, ...]
    upcoming: tuple[InterviewRow, ...]
    recent: tuple[InterviewRow, ...]
    other_events: tuple[OtherEventView, ...]

    @property
    def needs_you(self) -> bool:
        return bool(self.check_ins or self.prompts or self.reconnect or self.undo)


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
        parts.append(f"check-in: {follow_ups.check_in_state(interview)}")
    return "; ".join(parts), pending


def _row(interview: models.Interview, now: datetime, tz: ZoneInfo) -> InterviewRow:
    summary, pending = _follow_up_summary(interview)
    return InterviewRow(
        id=interview.id, when=moment(interview.start, tz),
        stage=STAGE_LABELS.get(interview.stage, interview.stage),
        company=clip(interview.company, LIST_TEXT), job_title=clip(interview.job_title, LIST_TEXT),
        title=clip(interview.title, LIST_TEXT),
        interviewers=tuple(clip(i.name or i.email, LIST_TEXT) for i in interview.interviewers),
        status=interview_status(interview, now), follow_ups=summary, needs_you=pending,
        mailbox=interview.account.email)


def _mailbox(account: models.Account, tz: ZoneInfo) -> MailboxView:
    return MailboxView(
        id=account.id, provider=account.provider,
        provider_label=PROVIDER_LABELS.get(account.provider, account.provider),
        email=account.email, name=clip(account.display_name, LIST_TEXT),
        needs_reauth=account.status == "needs_reauth",
        status_reason=clip(account.status_reason, 200), last_sync=moment(account.last_sync_at, tz))


def owner_zone_name(owner: models.Owner) -> str:
    first = owner.accounts[0].timezone if owner.accounts else "UTC"
    return owner.timezone or first


def load_dashboard(session: Session, owner_id: int, now: datetime) -> Dashboard | None:
    owner = session.get(models.Owner, owner_id)
    if owner is None:
        return None
    zone_name = owner_zone_name(owner)
    tz = zone(zone_name)
    accounts = [a for a in owner.accounts if a.status != "removed"]
    mailboxes = tuple(_mailbox(a, tz) for a in accounts)
    account_ids = [a.id for a in accounts]
    base = (select(models.Interview)
            .where(models.Interview.account_id.in_(account_ids),
                   models.Interview.status != "not_interview")
            .options(selectinload(models.Interview.account),
                     selectinload(models.Interview.interviewers),
                     selectinload(models.Interview.follow_ups),
                     selectinload(models.Interview.suggestions)))
    upcoming = list(session.scalars(base.where(models.Interview.end > now)
                                    .order_by(models.Interview.start).limit(UPCOMING_LIMIT)))
    recent = list(session.scalars(base.where(models.Interview.end <= now)
                                  .order_by(models.Interview.start.desc()).limit(RECENT_LIMIT)))
    live = [i for i in recent if i.end >= now - LIVE_FOR]
    check_ins = []
    prompts = []
    undo = []
    for interview in sorted(live, key=lambda i: i.end):
        suggestion = next(iter(interview.suggestions), None)
        heading = _heading(interview)
        if suggestion is not None and follow_ups.check_in_state(interview) == "suggested":
            recipient = Person(suggestion.recipient_email or "", suggestion.recipient_name)
            check_ins.append(CheckInItem(
                interview_id=interview.id, heading=heading,
                recipient=recipient.short if recipient.email else "not chosen yet",
                reason=clip(suggestion.reason, 300),
                version=actions.check_in_version(interview),
                snooze=snooze_choices(now, zone_name, owner.day_starts),
                earliest_snooze=(now.astimezone(tz).date() + timedelta(days=1)).isoformat()))
        if suggestion is not None and suggestion.status_at >= now - actions.UNDO_WINDOW:
            offer = _undo(session, interview, now, tz)
            if offer is not None:
                undo.append(offer)
        for draft in interview.follow_ups:
            found = (PROMPT.findall(draft.body or "")
                     if follow_ups.state_of(draft) == "drafted" else [])
            if found:
                prompts.append(PromptItem(
                    interview_id=interview.id, heading=heading,
                    recipient=Person(draft.recipient_email, draft.recipient_name).short,
                    prompts=tuple(dict.fromkeys(clip(p, 120) for p in found)),
                    link=draft_link(interview.account.provider, interview.account.email,
                                    draft.provider_message_id)))
    return Dashboard(
        owner_name=clip(owner.name, LIST_TEXT) or (accounts[0].email if accounts else ""),
        paused=owner.paused, timezone=zone_name, mailboxes=mailboxes,
        many_mailboxes=len(mailboxes) > 1, check_ins=tuple(check_ins), prompts=tuple(prompts),
        reconnect=tuple(m for m in mailboxes if m.needs_reauth), undo=tuple(undo),
        upcoming=tuple(_row(i, now, tz) for i in upcoming),
        recent=tuple(_row(i, now, tz) for i in recent),
        other_events=_other_events(session, accounts, now, tz))


def _other_events(session: Session, accounts: Sequence[models.Account], now: datetime,
                  tz: ZoneInfo) -> tuple[OtherEventView, ...]:
    emails = {a.id: a.email for a in accounts}
    ids = list(emails)
    since, until = now - OTHER_EVENTS_BACK, now + OTHER_EVENTS_AHEAD
    kept = session.scalars(
        select(models.OtherEvent)
        .where(models.OtherEvent.account_id.in_(ids), models.OtherEvent.end >= since,
               models.OtherEvent.start <= until)
        .order_by(models.OtherEvent.start).limit(OTHER_EVENTS_LIMIT))
    marked = session.scalars(
        select(models.Interview)
        .where(models.Interview.account_id.in_(ids),
               models.Interview.status == "not_interview", models.Interview.end >= since,
               models.Interview.start <= until)
        .order_by(models.Interview.start).limit(OTHER_EVENTS_LIMIT))
    views = [OtherEventView(e.account_id, e.event_id, moment(e.start, tz),
                            clip(e.title, LIST_TEXT) or "(no title)", emails[e.account_id],
                            False) for e in kept]
    views += [OtherEventView(i.account_id, i.event_id, moment(i.start, tz),
                             clip(i.title, LIST_TEXT) or "(no title)", emails[i.account_id],
                             True) for i in marked]
    return tuple(views[:OTHER_EVENTS_LIMIT])


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
    link: str | None  # open it in Gmail / Outlook on the web
    link_label: str


@dataclass(frozen=True)
class NoteView:
    id: int
    at: str
    interviewer: str
    interviewer_email: str
    topic: str
    insight: str
    strengths: str
    decision_date: str
    decision_iso: str


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
    version: str
    snooze: tuple[SnoozeChoice, ...]


@dataclass(frozen=True)
class AuditView:
    at: str
    text: str


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    ticked: bool


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
    ended: bool
    not_interview: bool
    organizer: Person | None
    interviewers: tuple[Person, ...]
    mailbox: str
    reasons: tuple[str, ...]
    thank_yous: tuple[DraftView, ...]
    check_in_draft: DraftView | None
    notes: tuple[NoteView, ...]
    check_in: CheckInView | None
    undo: UndoView | None
    checklist: tuple[ChecklistItem, ...]
    audit: tuple[AuditView, ...]
    earliest_snooze: str  # ISO date: tomorrow in the owner's zone
    interview_day: str  # ISO date: the earliest decision date that makes sense
    note_limit: int


def _draft(follow_up: models.FollowUp, account: models.Account, tz: ZoneInfo) -> DraftView:
    states = THANK_YOU_STATES if follow_up.kind == "thank_you" else CHECK_IN_STATES
    state = follow_ups.state_of(follow_up)
    link = (draft_link(account.provider, account.email, follow_up.provider_message_id)
            if follow_ups.draft_open(follow_up) else None)
    return DraftView(
        kind=follow_up.kind,
        recipient=Person(follow_up.recipient_email, follow_up.recipient_name),
        state=state, state_text=states.get(state, ""),
        reason=clip(follow_up.state_reason, 500), subject=clip(follow_up.subject, 500),
        body=(follow_up.body or "")[:BODY_TEXT],
        findings=tuple(clip(str(f), 300) for f in (follow_up.findings or [])),
        written=moment(follow_up.updated_at or follow_up.drafted_at, tz), link=link,
        link_label=f"Open in {PROVIDER_LABELS.get(account.provider, 'your mail')}")


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


def _check_in(interview: models.Interview, tz: ZoneInfo, now: datetime
              ) -> CheckInView | None:
    suggestion = next(iter(interview.suggestions), None)
    if suggestion is None:
        return None
    state = follow_ups.check_in_state(interview)
    recipient = (Person(suggestion.recipient_email, suggestion.recipient_name)
                 if suggestion.recipient_email else None)
    candidates = company_people(interview)
    if recipient is not None and recipient.email not in {p.email for p in candidates}:
        candidates = (recipient, *candidates)
    owner = interview.account.owner
    return CheckInView(
        state=state, state_text=CHECK_IN_STATES.get(state, ""), recipient=recipient,
        due=moment(suggestion.due_at, tz), decision_date=day(suggestion.decision_date),
        reason=clip(suggestion.reason, 500),
        snooze_until=moment(suggestion.snooze_until, tz) if state == "snoozed" else "",
        pending=actions.has_pending_check_in(interview), candidates=candidates,
        version=actions.check_in_version(interview),
        snooze=snooze_choices(now, interview.account.local_timezone, owner.day_starts))


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
    follow_ups = {f.idempotency_key: (f.kind, f.recipient_email) for f in interview.follow_ups}
    people = {i.email: i.name for i in interview.interviewers}
    if interview.organizer_email:
        people.setdefault(interview.organizer_email, interview.organizer_name)

    def name_of(email: str | None) -> str:
        if not email:
            return "the company"
        return clip(people.get(email) or email, LIST_TEXT)

    return tuple(AuditView(
        at=moment(row.at, tz),
        text=clip(sentence(row.action, row.subject, row.cause,
                           row.detail if isinstance(row.detail, dict) else {},
                           follow_ups.get, name_of), 400))
        for row in reversed(rows))


def _notes(notes: Iterable[models.Note], people: dict[str, Person], tz: ZoneInfo
           ) -> tuple[NoteView, ...]:
    return tuple(NoteView(
        id=note.id, at=moment(note.updated_at or note.created_at, tz),
        interviewer=(people[note.interviewer_email].label if note.interviewer_email in people
                     else note.interviewer_email or "all interviewers"),
        interviewer_email=note.interviewer_email or "",
        topic=note.topic or "", insight=note.insight or "", strengths=note.strengths or "",
        decision_date=day(note.decision_date),
        decision_iso=note.decision_date.isoformat() if note.decision_date else "")
        for note in notes)


def find_interview(session: Session, owner_id: int, interview_id: int
                   ) -> models.Interview | None:
    """The owner's interview by id; another owner's is the same as none (a 404)."""
    if interview_id > 2**63 - 1:
        return None
    interview = session.get(models.Interview, interview_id)
    if interview is None or interview.account.status == "removed" \
            or interview.account.owner_id != owner_id:
        return None
    return interview


def load_interview(session: Session, owner_id: int, interview_id: int, now: datetime
                   ) -> InterviewPage | None:
    interview = find_interview(session, owner_id, interview_id)
    if interview is None:
        return None
    account = interview.account
    tz = zone(account.local_timezone)
    interviewers = tuple(Person(i.email, i.name) for i in interview.interviewers)
    drafts: Sequence[models.FollowUp] = interview.follow_ups
    check_in_draft = next((f for f in drafts if f.kind == "check_in"), None)
    ticked = {t.item for t in interview.checklist}
    return InterviewPage(
        id=interview.id, heading=_heading(interview),
        title=clip(interview.title, TITLE_TEXT),
        when=span(interview.start, interview.end, tz), timezone=account.local_timezone,
        stage=STAGE_LABELS.get(interview.stage, interview.stage),
        is_final_round=interview.stage == "final_round",
        company=clip(interview.company, 200), job_title=clip(interview.job_title, 200),
        status=interview_status(interview, now), ended=interview.end <= now,
        not_interview=interview.status == "not_interview",
        organizer=(Person(interview.organizer_email, interview.organizer_name)
                   if interview.organizer_email else None),
        interviewers=interviewers,
        mailbox=f"{account.email} ({PROVIDER_LABELS.get(account.provider, account.provider)})",
        reasons=tuple(clip(r, 200) for r in interview.reasons or []),
        thank_yous=tuple(_draft(f, account, tz) for f in drafts if f.kind == "thank_you"),
        check_in_draft=(_draft(check_in_draft, account, tz) if check_in_draft is not None
                        else None),
        notes=_notes(interview.notes, {p.email: p for p in interviewers}, tz),
        check_in=_check_in(interview, tz, now),
        undo=_undo(session, interview, now, tz),
        checklist=tuple(ChecklistItem(key, label, key in ticked)
                        for key, label in actions.CHECKLIST),
        audit=_audit(session, interview, tz),
        earliest_snooze=(now.astimezone(tz).date() + timedelta(days=1)).isoformat(),
        interview_day=interview.start.astimezone(tz).date().isoformat(),
        note_limit=actions.MAX_NOTE_CHARS)


# -- settings ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SettingsPage:
    name: str
    signature: str
    strengths: str
    timezone: str
    mailbox_timezone: str
    working_days: tuple[tuple[int, str, bool], ...]  # (ISO weekday, name, chosen)
    day_starts: str
    day_ends: str
    other_addresses: str  # one a line
    paused: bool
    mailboxes: tuple[MailboxView, ...]
    set_up: bool


def all_timezones() -> tuple[str, ...]:
    return tuple(sorted(z for z in available_timezones() if "/" in z and
                        not z.startswith(("Etc/", "SystemV/", "posix/", "right/"))))


def load_settings(session: Session, owner_id: int) -> SettingsPage | None:
    owner = session.get(models.Owner, owner_id)
    if owner is None:
        return None
    tz = zone(owner_zone_name(owner))
    days = set(owner.working_days or ())
    return SettingsPage(
        name=owner.name or "", signature=owner.signature or "", strengths=owner.strengths or "",
        timezone=owner_zone_name(owner),
        mailbox_timezone=owner.accounts[0].timezone if owner.accounts else "UTC",
        working_days=tuple((n, WEEKDAYS[n - 1], n in days) for n in range(1, 8)),
        day_starts=owner.day_starts.strftime("%H:%M"), day_ends=owner.day_ends.strftime("%H:%M"),
        other_addresses="\n".join(owner.other_addresses or ()), paused=owner.paused,
        mailboxes=tuple(_mailbox(a, tz) for a in owner.accounts),
        set_up=owner.set_up_at is not None)
