"""``followup simulate``: the real service on a virtual clock against the emulator.

The clock starts at the scenario's ``connected_at``. At each step every external happening
that has come (calendar changes, mail, the owner's actions) is applied first, then the
service does what it would do at that moment. Steps follow the poll grid (``connected_at`` +
k x poll interval); stretches where nothing external happens and nothing is due are jumped,
since a poll there finds nothing new (a week at most: see ``MAX_QUIET``).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from providers.clock import Clock, VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import DraftRecord, MailboxControl
from providers.emulator.server import EmulatorServer
from providers.model import DraftMark, ProviderName
from service import actions
from service.config import Settings, load_settings
from service.engine.connectors import Connectors, emulator_settings
from service.engine.runner import Engine
from service.simulate.scenario import (
    DraftSelector,
    EditDraft,
    MailIn,
    MoveMail,
    NoteAction,
    Scenario,
    SendOwn,
    TimelineEntry,
    apply_change,
)
from service.store.db import make_engine, session_factory, transaction, upgrade
from service.store.models import FollowUp, Interview, Suggestion
from service.token_vault import TokenVault

log = logging.getLogger(__name__)

MIN_STEP = timedelta(minutes=1)
LIVE_MIN_STEP = timedelta(seconds=1)
# Even a quiet mailbox is polled now and then: a real one is every few minutes, and months
# without a single pass would let its tokens and sync cursors lapse as a running service's
# never do.
MAX_QUIET = timedelta(days=7)


@dataclass(order=True)
class Happening:
    at: datetime
    order: int
    apply: Callable[[], bool] = field(compare=False)  # False: skipped
    raw: dict[str, Any] | None = field(compare=False, default=None)  # timeline entries only


def _iso(moment: datetime | None, tz: ZoneInfo) -> str | None:
    return moment.astimezone(tz).isoformat() if moment is not None else None


class Simulation:
    def __init__(self, scenario: Scenario, provider: ProviderName, settings: Settings,
                 server: EmulatorServer, clock: Clock) -> None:
        self.scenario = scenario
        self.provider = provider
        self.clock = clock
        self.tz = ZoneInfo(scenario.timezone)
        self.owner = scenario.owner_email
        self.settings = settings
        self.control: MailboxControl = server.emulator.control(provider)
        self.emulator = server.emulator  # both halves (the demo seeds the other one too)
        engine = make_engine(settings.database)
        upgrade(engine)
        self.db_engine = engine
        self.factory = session_factory(engine)
        self.connectors = Connectors(settings, clock)
        self.engine = Engine(self.factory, TokenVault(settings.secret_key()), clock,
                             self.connectors.mailbox, timedelta(
                                 seconds=settings.poll_interval_seconds))
        self.account_id = 0
        self.delivered: list[tuple[MailIn, str]] = []  # what arrived, with its message id
        self.skipped: list[dict[str, Any]] = []
        self.steps = 0

    # -- set-up --------------------------------------------------------------------------------
    def _events_at_start(self) -> list[Happening]:
        later: list[Happening] = []
        start = self.scenario.connected_at
        for order, event in enumerate(self.scenario.events):
            spec = event.spec
            pending = []
            for change in event.changes:
                if change.at <= max(start, event.created_at):
                    spec = apply_change(spec, change, self.tz)
                else:
                    pending.append(change)
            if event.created_at <= start:
                self.control.put_event(self.owner, spec)
            else:
                later.append(Happening(event.created_at, order, self._put(spec)))
            current = spec
            for change in pending:
                current = apply_change(current, change, self.tz)
                later.append(Happening(change.at, order, self._put(current)))
        return later

    def _put(self, spec: Any) -> Callable[[], bool]:
        def put() -> bool:
            self.control.put_event(self.owner, spec)
            return True
        return put

    def connect(self) -> None:
        connection = self.connectors.connect_with_grant(self.provider, self.control, self.owner)
        self.account_id = self.engine.add_account(self.provider, connection,
                                                  signature=self.scenario.signature,
                                                  strengths=self.scenario.strengths)

    # -- the owner and the outside world -----------------------------------------------------
    def _timeline(self, entry: TimelineEntry) -> Callable[[], bool]:
        action = entry.action
        if isinstance(action, NoteAction):
            return lambda: self._note(action)
        if isinstance(action, MailIn):
            return lambda: self._mail_in(action)
        if isinstance(action, SendOwn):
            return lambda: bool(self.control.owner_send_own(self.owner, action.to,
                                                            action.subject, action.body))
        if isinstance(action, EditDraft):
            return lambda: self._edit_draft(action)
        if isinstance(action, MoveMail):
            return lambda: self._move_mail(action)
        name, target = action
        if name in ("send_draft", "delete_draft"):
            assert isinstance(target, DraftSelector)
            return lambda: self._draft_action(name, target)
        assert isinstance(target, str)
        return lambda: self._check_in_action(name, target)

    def _note(self, note: NoteAction) -> bool:
        now = self.clock.now()
        with transaction(self.factory) as session:
            try:
                interview = actions.find_interview(session, self.account_id, note.event)
                actions.add_note(session, interview, actions.NoteInput(
                    topic=note.topic, interviewer=note.interviewer,
                    decision_date=note.decision_date, insight=note.insight), now)
            except actions.ActionRefused as exc:
                log.info("note skipped: %s", exc)
                return False
        return True

    def _check_in_action(self, name: str, event_id: str) -> bool:
        now = self.clock.now()
        with transaction(self.factory) as session:
            try:
                interview = actions.find_interview(session, self.account_id, event_id)
            except actions.ActionRefused:
                return False
            if not actions.has_pending_check_in(interview):
                return False
            if name == "approve_check_in":
                actions.approve_check_in(session, interview, now)
            else:
                actions.dismiss_check_in(session, interview, now)
        return True

    def _kinds(self) -> dict[str, tuple[str, str]]:
        """(kind, event id) of the service's follow-ups, by the key their drafts carry."""
        with transaction(self.factory) as session:
            return {f.idempotency_key: (f.kind, f.interview.event_id)
                    for f in session.scalars(select(FollowUp).join(Interview).where(
                        Interview.account_id == self.account_id))}

    @staticmethod
    def _key(record: DraftRecord) -> str | None:
        mark = DraftMark.of(record.mark)
        return mark.key if mark else None

    def _open_draft(self, selector: DraftSelector) -> DraftRecord | None:
        kinds = self._kinds()
        found = [d for d in self.control.drafts(self.owner)
                 if d.fate == "open" and selector.to in (a.lower() for a in d.to)
                 and kinds.get(self._key(d) or "", ("", ""))[0] == selector.kind]
        return found[-1] if found else None

    def _draft_action(self, name: str, selector: DraftSelector) -> bool:
        draft = self._open_draft(selector)
        if draft is None:
            return False
        if name == "send_draft":
            self.control.owner_send_draft(self.owner, draft.draft_id)
        else:
            self.control.owner_delete_draft(self.owner, draft.draft_id)
        return True

    def _edit_draft(self, edit: EditDraft) -> bool:
        draft = self._open_draft(edit.draft)
        if draft is None:
            return False
        self.control.owner_edit_draft(self.owner, draft.draft_id,
                                      edit.body if edit.body is not None else draft.body,
                                      edit.subject)
        return True

    def _move_mail(self, move: MoveMail) -> bool:
        for mail, message_id in reversed(self.delivered):
            if mail.subject.strip().lower() == move.subject.strip().lower() and (
                    move.sender is None or mail.sender.email == move.sender):
                self.control.owner_move_mail(self.owner, message_id, move.folder)
                return True
        return False

    def _mail_in(self, mail: MailIn) -> bool:
        reply_to = None
        if mail.in_reply_to is not None:
            drafts = {d.draft_id: d for d in self.control.drafts(self.owner)}
            kinds = self._kinds()
            for sent in reversed(self.control.sent(self.owner)):
                draft = drafts.get(sent.from_draft_id or "")
                kind = kinds.get(self._key(draft) or "", ("", ""))[0] if draft else None
                if kind == mail.in_reply_to.kind \
                        and mail.in_reply_to.to in (a.lower() for a in sent.to):
                    reply_to = sent.message_id
                    break
        message_id = self.control.deliver_mail(self.owner, mail.sender, mail.to, mail.subject,
                                               mail.body, in_reply_to_message_id=reply_to)
        self.delivered.append((mail, message_id))
        return True

    # -- the run ---------------------------------------------------------------------------
    def run(self, on_step: Callable[[Simulation], None] | None = None,
            every_poll: bool = False) -> dict[str, Any]:
        """Run from connected_at to until. On a virtual clock quiet stretches are jumped
        (unless ``every_poll``); on a real clock (the live demo) the loop waits, polling every
        poll interval."""
        self.control.add_mailbox(self.owner, self.scenario.owner_name, self.scenario.timezone)
        later = self._events_at_start()
        self.connect()
        happenings = sorted(
            later + [Happening(e.at, 10_000 + e.index, self._timeline(e), e.raw)
                     for e in self.scenario.timeline])
        start, until = self.scenario.connected_at, self.scenario.until
        poll = timedelta(seconds=self.settings.poll_interval_seconds)
        live = not isinstance(self.clock, VirtualClock)
        now = start
        index = 0
        while True:
            if live and self.steps:
                # not before the first pass: the owner's first actions (the live demo's note,
                # a minute in) are on interviews that pass stores, however long the start took
                self.clock.sleep((now - self.clock.now()).total_seconds())
                now = self.clock.now()
            while index < len(happenings) and happenings[index].at <= now:
                happening = happenings[index]
                index += 1
                if isinstance(self.clock, VirtualClock):
                    # each happening carries its own moment (a mail's date, an approval's)
                    self.clock.set(max(happening.at, self.clock.now()))
                if not happening.apply() and happening.raw is not None:
                    self.skipped.append(happening.raw)
            if isinstance(self.clock, VirtualClock):
                self.clock.set(now)
            self.engine.tick()
            self.steps += 1
            if on_step is not None:
                on_step(self)
            if now >= until:
                break
            candidates = [until, now + poll] if live or every_poll else [until, now + MAX_QUIET]
            if index < len(happenings):
                if live:
                    candidates.append(happenings[index].at)
                else:  # a change is seen at the first poll after it
                    polls = -(-(happenings[index].at - start) // poll)
                    candidates.append(start + polls * poll)
            wake = self.engine.next_wake()
            if wake is not None:
                candidates.append(wake)
            now = min(max(min(candidates), now + (LIVE_MIN_STEP if live else MIN_STEP)), until)
        return self.output()

    # -- the output ------------------------------------------------------------------------
    def output(self) -> dict[str, Any]:
        tz = self.tz
        until = self.scenario.until
        drafts = self.control.drafts(self.owner)
        by_draft_id = {d.draft_id: d for d in drafts}
        with transaction(self.factory) as session:
            follow_ups = {f.idempotency_key: f for f in session.scalars(
                select(FollowUp).join(Interview).where(Interview.account_id == self.account_id))}
            interviews = list(session.scalars(select(Interview).where(
                Interview.account_id == self.account_id).order_by(Interview.start)))
            interview_out = [self._interview(i, until) for i in interviews
                             if i.status != "not_interview"]
            suggestions = [(i.event_id, s) for i in interviews for s in i.suggestions
                           if s.suggested_at is not None]
            suggestion_out = [self._suggestion(event_id, s) for event_id, s in suggestions]
        draft_out = []
        kinds = self._kinds()
        for draft in drafts:
            key = self._key(draft) or ""
            follow_up = follow_ups.get(key)
            kind, event = kinds.get(key, (None, None))
            draft_out.append({
                "kind": kind,
                "event": event,
                "to": list(draft.to), "cc": list(draft.cc), "bcc": list(draft.bcc),
                "subject": draft.subject, "body": draft.body,
                "created_at": _iso(draft.created_at, tz),
                "updated_at": [_iso(t, tz) for t in draft.updated_at],
                "fate": draft.fate, "fate_at": _iso(draft.fate_at, tz),
                "deleted_by": draft.deleted_by,
                "thread": draft.thread_id,
                "reply_to_kind": follow_up.reply_to_kind if follow_up else None,
            })
        sent_out = []
        for sent in self.control.sent(self.owner):
            source = by_draft_id.get(sent.from_draft_id or "")
            kind, event = kinds.get(self._key(source) or "", (None, None)) if source \
                else (None, None)
            sent_out.append({
                "to": list(sent.to), "subject": sent.subject, "sent_at": _iso(sent.sent_at, tz),
                "thread": sent.thread_id, "kind": kind or "own", "event": event,
                "by": sent.by,
            })
        calls = self.control.api_calls(self.owner)
        return {
            "scenario": self.scenario.name,
            "provider": self.provider,
            "steps": self.steps,
            "interviews": interview_out,
            "drafts": draft_out,
            "suggestions": suggestion_out,
            "sent": sent_out,
            "skipped": self.skipped,
            "api_calls": {"total": sum(calls.values()), "by_method": dict(sorted(calls.items()))},
        }

    def _interview(self, interview: Interview, until: datetime) -> dict[str, Any]:
        status = interview.status
        if status in ("scheduled", "done"):
            status = "done" if interview.end <= until else "scheduled"
        return {
            "event": interview.event_id, "stage": interview.stage,
            "company": interview.company, "job_title": interview.job_title,
            "status": status,
            "interviewers": [{"email": i.email, "name": i.name}
                             for i in interview.interviewers],
        }

    def _suggestion(self, event_id: str, suggestion: Suggestion) -> dict[str, Any]:
        public = {"suggested": "pending", "snoozed": "pending", "withdrawn": "withdrawn",
                  "dismissed": "dismissed"}.get(suggestion.status, "approved")
        return {
            "kind": "check_in", "event": event_id,
            "to": [suggestion.recipient_email] if suggestion.recipient_email else [],
            "created_at": _iso(suggestion.suggested_at, self.tz),
            "status": public,
            "status_at": _iso(suggestion.status_at, self.tz) if public != "pending" else None,
        }


@contextmanager
def running(provider: ProviderName, scenario: Scenario, database_url: str | None = None,
            clock: Clock | None = None, **overrides: Any) -> Iterator[Simulation]:
    """The emulator serving, the service configured against it, the scenario loaded."""
    clock = clock if clock is not None else VirtualClock(scenario.connected_at)
    with tempfile.TemporaryDirectory(prefix="followup-simulate-") as scratch, \
            EmulatorServer(Emulator(clock)) as server:
        settings = load_settings(
            data_dir=Path(scratch),
            database_url=database_url or f"sqlite:///{Path(scratch) / 'simulate.db'}",
            **{**emulator_settings(server), **overrides})
        simulation = Simulation(scenario, provider, settings, server, clock)
        try:
            yield simulation
        finally:
            simulation.db_engine.dispose()


def simulate(scenario: Scenario, provider: ProviderName, database_url: str | None = None,
             every_poll: bool = False) -> dict[str, Any]:
    with running(provider, scenario, database_url) as simulation:
        return simulation.run(every_poll=every_poll)
