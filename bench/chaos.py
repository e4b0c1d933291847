"""Chaos run: the emulator (in this process, on a virtual clock) and ``followup run --no-web
--clock emulator`` workers as separate processes on one database, while this process

- SIGKILLs workers at random moments, and right after a write: the emulator holds the
  answer of a committed write (``Faults.hold_writes``) and the workers are killed while it
  is held; the owner then deletes or sends that very draft before they are back;
- injects 429/500/503 answers into every mailbox and hands out short-lived access tokens;
- revokes one mailbox's access;
- kills the workers' database connections (PostgreSQL: ``pg_terminate_backend``);
- acts as the owners meanwhile: deletes and sends drafts the service wrote.

At the end it reads the mailboxes: every expected thank-you draft exactly once (none
missing, none twice), none the owner deleted written again, none sent by the service, no
OAuth token in the database or the workers' logs.

    followup bench chaos [--full] [--sqlite]
    python -m bench.chaos [--full] [--sqlite]

The small form (a pytest test runs it) takes about a minute; ``--full`` is 50+ kills and
200+ interviews.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from sqlalchemy import MetaData, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, Faults, PersonSpec
from providers.emulator.server import EmulatorServer
from providers.model import DraftMark, ProviderName
from service.config import load_settings
from service.engine.connectors import Connectors, emulator_settings
from service.engine.outbox import UNCERTAIN_WRITE
from service.engine.runner import Engine
from service.store.db import make_engine, session_factory, transaction, upgrade
from service.store.models import Account, AuditEntry, FollowUp, Interview, OutboxItem
from service.token_vault import TokenVault

START = datetime(2026, 6, 1, 13, 0, tzinfo=UTC)
# where a scratch database is made (and dropped) for the run
POSTGRES_ADMIN_URL = os.environ.get("FOLLOWUP_CHAOS_POSTGRES_URL",
                                    "postgresql+psycopg://postgres@127.0.0.1:5432/test")
COMPANIES = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka",
             "Tyrell", "Cyberdyne")


@dataclass(frozen=True)
class ChaosConfig:
    gmail_mailboxes: int
    outlook_mailboxes: int
    interviews_per_mailbox: int
    virtual_hours: int
    workers: int
    postgres: bool = True
    kill_chance: float = 0.06  # per virtual minute
    held_write_every: int = 12  # virtual minutes between "kill right after a write" setups
    owner_action_chance: float = 0.08  # per virtual minute
    error_rate: float = 0.10
    token_lifetime_seconds: int = 300
    revoke_one: bool = True
    connection_kills: int = 3
    # seconds the scratch database refuses every connection once (a restart's outage);
    # 0: none (SQLite, and the small forms that make test runs)
    database_outage_seconds: float = 0.0
    seed: int = 14
    tick_seconds: float = 0.2


SMALL = ChaosConfig(gmail_mailboxes=3, outlook_mailboxes=1, interviews_per_mailbox=2,
                    virtual_hours=1, workers=2, kill_chance=0.12, held_write_every=10,
                    connection_kills=2)
SMALL_SQLITE = ChaosConfig(gmail_mailboxes=2, outlook_mailboxes=1, interviews_per_mailbox=2,
                           virtual_hours=1, workers=1, postgres=False, kill_chance=0.12,
                           held_write_every=10, connection_kills=0, revoke_one=False)
FULL = ChaosConfig(gmail_mailboxes=22, outlook_mailboxes=8, interviews_per_mailbox=7,
                   virtual_hours=8, workers=3, kill_chance=0.07, held_write_every=8,
                   connection_kills=4, database_outage_seconds=8.0)


@dataclass
class ChaosReport:
    database: str
    mailboxes: int
    interviews: int
    expected_drafts: int = 0
    service_drafts: int = 0
    kills: int = 0
    kills_right_after_writes: int = 0
    owner_deletes: int = 0
    owner_sends: int = 0
    owner_actions_during_crashes: int = 0
    # written, answer lost, then sent/deleted by the owner: what the retry found and recorded
    found_sent_after_uncertain_write: int = 0
    found_deleted_after_uncertain_write: int = 0
    connection_kills: int = 0
    database_outage_seconds: float = 0.0
    revoked_mailboxes: int = 0
    injected: dict[str, int] = field(default_factory=dict)
    held_answers: int = 0
    api_requests: int = 0
    duplicates: int = 0
    losses: int = 0
    deleted_written_again: int = 0
    sent_by_service: int = 0
    tokens_leaked: int = 0
    state_mismatches: int = 0
    tracebacks_in_logs: int = 0
    virtual_minutes: int = 0
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """What broke a promise (empty: the run held)."""
        found = [f"{name}: {getattr(self, name)}"
                 for name in ("duplicates", "losses", "deleted_written_again",
                              "sent_by_service", "tokens_leaked", "state_mismatches")
                 if getattr(self, name)]
        if self.expected_drafts == 0:
            found.append("no draft was expected: the scenario tested nothing")
        return found

    def figures(self) -> dict[str, float]:
        plain = asdict(self)
        plain.pop("details")
        plain.pop("database")
        injected = plain.pop("injected")
        figures = {key: float(value) for key, value in plain.items()}
        figures.update({f"injected_{status}": float(n) for status, n in injected.items()})
        return figures


@dataclass(frozen=True)
class _Mailbox:
    provider: ProviderName
    address: str
    name: str


class _Workers:
    """``followup run --no-web --clock emulator`` processes, each logging to its own file."""

    def __init__(self, count: int, env: dict[str, str], logs: Path, tick: float) -> None:
        self._env = env
        self._logs = logs
        self._tick = tick
        self._procs: list[subprocess.Popen[bytes] | None] = [None] * count
        self._files: list[IO[bytes]] = []
        self._started = 0

    def start(self, index: int) -> None:
        self._started += 1
        log = (self._logs / f"worker-{index}-{self._started}.log").open("wb")
        self._files.append(log)
        self._procs[index] = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "run", "--no-web", "--clock", "emulator",
             "--tick-seconds", str(self._tick)],
            env=self._env, stdout=log, stderr=subprocess.STDOUT)

    def start_all(self) -> None:
        for index in range(len(self._procs)):
            self.start(index)

    def kill(self, index: int) -> None:
        proc = self._procs[index]
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        self._procs[index] = None

    def count(self) -> int:
        return len(self._procs)

    def check_alive(self) -> None:
        for index, proc in enumerate(self._procs):
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"worker {index} exited by itself ({proc.returncode}): see "
                                   f"{self._logs}")

    def stop_all(self) -> None:
        for proc in self._procs:
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for index, proc in enumerate(self._procs):
            if proc is not None:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    self.kill(index)
        for log in self._files:
            log.close()


def _poll(condition: Callable[[], bool], least: float, most: float) -> None:
    """Return once ``condition`` holds and ``least`` seconds passed, or after ``most``."""
    began = time.monotonic()
    while True:
        elapsed = time.monotonic() - began
        if elapsed >= most or (elapsed >= least and condition()):
            return
        time.sleep(0.05)


@contextmanager
def _database(config: ChaosConfig, work: Path, given: str | None) -> Iterator[str]:
    if not config.postgres:
        yield f"sqlite:///{work}/chaos.db"
        return
    if given is not None:
        yield given
        return
    admin = make_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"followup_chaos_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(
            hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _interview(mailbox: _Mailbox, index: int, end: datetime) -> EventSpec:
    company = COMPANIES[index % len(COMPANIES)]
    domain = f"{company.lower()}.com"
    return EventSpec(
        id=f"ev{index}", title=f"Interview: {mailbox.name} / Data Engineer ({company})",
        start=end - timedelta(hours=1), end=end,
        organizer=PersonSpec(f"rita.ruiz@{domain}", "Rita Ruiz"),
        attendees=(AttendeeSpec(mailbox.address, mailbox.name, "accepted"),
                   AttendeeSpec(f"jane.doe@{domain}", "Jane Doe", "accepted")))


def run_chaos(config: ChaosConfig, work: Path | None = None,
              postgres_url: str | None = None) -> ChaosReport:
    """One chaos run; the report's :meth:`ChaosReport.problems` says whether it held.
    ``postgres_url``: an empty database to use (else one is made and dropped)."""
    if work is None:
        with tempfile.TemporaryDirectory(prefix="followup-chaos-") as scratch:
            return run_chaos(config, Path(scratch), postgres_url)
    began = time.monotonic()
    rng = random.Random(config.seed)
    clock = VirtualClock(START)
    emulator = Emulator(clock)
    mailboxes = [_Mailbox("gmail", f"owner{n}@gmail.com", "Alex Kim")
                 for n in range(config.gmail_mailboxes)]
    mailboxes += [_Mailbox("outlook", f"owner{n}@outlook.com", "Sam Lee")
                  for n in range(config.outlook_mailboxes)]
    report = ChaosReport(database="postgresql" if config.postgres else "sqlite",
                         mailboxes=len(mailboxes),
                         interviews=len(mailboxes) * config.interviews_per_mailbox)
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    span = timedelta(hours=config.virtual_hours)
    with _database(config, work, postgres_url) as url, EmulatorServer(emulator,
                                                        tls_directory=work / "tls") as server:
        settings = load_settings(data_dir=work, database_url=url, **emulator_settings(server))
        database = make_engine(settings.database)
        upgrade(database)
        factory = session_factory(database)
        connectors = Connectors(settings, clock)
        engine = Engine(factory, TokenVault(settings.secret_key()), clock, connectors.mailbox,
                        timedelta(minutes=5))
        calm = Faults(access_token_lifetime_seconds=config.token_lifetime_seconds,
                      seed=config.seed)
        emulator.faults.set(calm)
        for number, mailbox in enumerate(mailboxes):
            control = emulator.control(mailbox.provider)
            control.add_mailbox(mailbox.address, mailbox.name, "America/New_York")
            for index in range(config.interviews_per_mailbox):
                end = START + span * (index + 1) / (config.interviews_per_mailbox + 1) \
                    + timedelta(minutes=3 * (number % 10))
                control.put_event(mailbox.address, _interview(mailbox, index, end))
            engine.add_account(mailbox.provider, connectors.connect_with_grant(
                mailbox.provider, control, mailbox.address), signature=mailbox.name)
        stormy = Faults(error_rate=config.error_rate, error_statuses=(429, 500, 503),
                        retry_after_seconds=1,
                        access_token_lifetime_seconds=config.token_lifetime_seconds,
                        seed=config.seed)
        emulator.faults.set(stormy)

        env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
        env |= {f"FOLLOWUP_{k.upper()}": str(v) for k, v in emulator_settings(server).items()}
        env |= {"FOLLOWUP_DATA_DIR": str(work), "FOLLOWUP_DATABASE_URL": url,
                "FOLLOWUP_LOG_FORMAT": "json"}
        workers = _Workers(config.workers, env, logs, config.tick_seconds)
        workers.start_all()
        chaos = _Chaos(config, rng, emulator, mailboxes, workers, factory, report, url)
        try:
            chaos.run(span)
        finally:
            workers.stop_all()
            report.seconds = round(time.monotonic() - began, 1)
            report.virtual_minutes = int((clock.now() - START).total_seconds() // 60)
        counts = emulator.faults.counts()
        report.injected = dict(counts["injected"])
        report.held_answers = int(counts["held"])
        report.api_requests = sum(emulator.meter.calls().values())
        _check(report, emulator, mailboxes, factory, chaos, logs, database)
        database.dispose()
    return report


class _Chaos:
    def __init__(self, config: ChaosConfig, rng: random.Random, emulator: Emulator,
                 mailboxes: list[_Mailbox], workers: _Workers,
                 factory: sessionmaker[Session], report: ChaosReport, url: str) -> None:
        self.config = config
        self.rng = rng
        self.emulator = emulator
        self.clock = emulator.clock
        assert isinstance(self.clock, VirtualClock)
        self.mailboxes = mailboxes
        self.workers = workers
        self.factory = factory
        self.report = report
        self.url = url
        self.revoked: set[str] = set()
        self.owner_deleted: dict[str, set[str]] = {}  # address -> mark keys
        self.storms = 0
        self.holding = False  # the next write's answer is to be held
        self.holding_since = 0
        self.next_hold = 0
        gmail = [m for m in mailboxes if m.provider == "gmail"]
        self.revoke_target = gmail[-1] if gmail and config.revoke_one else None

    # -- the loop --------------------------------------------------------------------------

    def run(self, span: timedelta) -> None:
        minutes = int(span.total_seconds() // 60) + 20
        revoke_at = minutes * 2 // 5 if self.config.revoke_one else -1
        connection_kills = {minutes * (n + 1) // (self.config.connection_kills + 1)
                            for n in range(self.config.connection_kills)}
        outage_at = minutes // 2 if self.config.database_outage_seconds else -1
        for minute in range(minutes):
            self._advance()
            self.workers.check_alive()
            if minute == revoke_at:
                self._revoke()
            if minute == outage_at:
                self._database_outage(self.config.database_outage_seconds)
            if minute in connection_kills:
                self._kill_connections()
            if self.rng.random() < self.config.kill_chance:
                self._kill_one()
            if self.holding and minute - self.holding_since > 15:
                self._stop_holding()  # no write came
            if not self.holding and minute >= self.next_hold:
                self._hold_next_write(minute)
            self._after_held_write(minute)
            if self.rng.random() < self.config.owner_action_chance:
                self._owner_acts(self.rng.choice(self._live_mailboxes()), during_crash=False)
        self._stop_holding()
        self._settle()

    def _advance(self) -> None:
        assert isinstance(self.clock, VirtualClock)
        self.clock.advance(timedelta(minutes=1))
        # give the workers a few ticks, more while outbox rows are due
        _poll(self._nothing_due, least=self.config.tick_seconds * 1.5, most=1.5)

    def _nothing_due(self) -> bool:
        try:
            with transaction(self.factory) as session:
                return session.scalar(select(OutboxItem.id).where(
                    OutboxItem.status == "pending",
                    OutboxItem.not_before <= self.clock.now()).limit(1)) is None
        except Exception:  # the connection was just killed: try again next round
            return False

    def _settle(self) -> None:
        """After the last interview: time for retries, then until nothing is left to do."""
        assert isinstance(self.clock, VirtualClock)
        for _ in range(240):
            self.clock.advance(timedelta(minutes=1))
            _poll(self._nothing_due, least=self.config.tick_seconds * 1.5, most=1.5)
            if self._all_done():
                break
        _poll(self._all_done, least=0, most=30)

    def _all_done(self) -> bool:
        """Nothing left to write, and the service has seen what the owners did."""
        try:
            with transaction(self.factory) as session:
                pending = session.scalar(select(OutboxItem.id).where(
                    OutboxItem.status == "pending").limit(1))
                undecided = session.scalar(
                    select(FollowUp.id).join(Interview).join(Account)
                    .where(FollowUp.kind == "thank_you", FollowUp.state == "pending",
                           Interview.end <= self.clock.now(), Account.status == "active")
                    .limit(1))
        except Exception:  # the connection was just killed
            return False
        return pending is None and undecided is None and not _mismatches(self)

    # -- chaos -----------------------------------------------------------------------------

    def _live_mailboxes(self) -> list[_Mailbox]:
        return [m for m in self.mailboxes if m.address not in self.revoked]

    def _kill_one(self) -> None:
        index = self.rng.randrange(self.workers.count())
        self.workers.kill(index)
        self.report.kills += 1
        self.workers.start(index)

    def _storm(self, hold_writes: int = 0) -> Faults:
        self.storms += 1  # a new seed each time: setting faults restarts their random draws
        return Faults(error_rate=self.config.error_rate, error_statuses=(429, 500, 503),
                      retry_after_seconds=1,
                      access_token_lifetime_seconds=self.config.token_lifetime_seconds,
                      seed=self.config.seed * 1000 + self.storms, hold_writes=hold_writes)

    def _hold_next_write(self, minute: int) -> None:
        """Hold the answer of the next write, in whichever mailbox it comes."""
        self.emulator.faults.set(self._storm(hold_writes=1))
        self.holding = True
        self.holding_since = minute

    def _stop_holding(self) -> None:
        self.next_hold = self.holding_since + self.config.held_write_every
        if self.holding:
            self.emulator.faults.set(self._storm())
            self.holding = False

    def _after_held_write(self, minute: int) -> None:
        """A write done and its answer held: every worker dies now; the owner then acts on
        that draft before they are back."""
        if not self.holding:
            return
        counts = self.emulator.faults.counts()
        if counts["held_now"] == 0:
            return
        for index in range(self.workers.count()):
            self.workers.kill(index)
            self.report.kills += 1
            self.report.kills_right_after_writes += 1
        mailbox = next((m for m in self._live_mailboxes() if m.address == counts["last_held"]),
                       None)
        if mailbox is not None:
            self._owner_acts(mailbox, during_crash=True, newest=True)
        self.holding = False
        self.next_hold = minute + self.config.held_write_every
        self.workers.start_all()

    def _owner_acts(self, mailbox: _Mailbox, during_crash: bool, newest: bool = False) -> None:
        control = self.emulator.control(mailbox.provider)
        drafts = [d for d in control.drafts(mailbox.address)
                  if d.fate == "open" and d.created_by == "service"]
        if not drafts:
            return
        draft = drafts[-1] if newest else self.rng.choice(drafts)
        mark = DraftMark.of(draft.mark)
        if self.rng.random() < 0.5:
            control.owner_delete_draft(mailbox.address, draft.draft_id)
            self.report.owner_deletes += 1
            if mark is not None:
                self.owner_deleted.setdefault(mailbox.address, set()).add(mark.key)
        else:
            control.owner_send_draft(mailbox.address, draft.draft_id)
            self.report.owner_sends += 1
        if during_crash:
            self.report.owner_actions_during_crashes += 1

    def _revoke(self) -> None:
        mailbox = self.revoke_target
        if mailbox is None:
            return
        self.emulator.control(mailbox.provider).revoke(mailbox.address)
        self.revoked.add(mailbox.address)
        self.report.revoked_mailboxes += 1

    def _database_outage(self, seconds: float) -> None:
        """The scratch database refuses every connection for ``seconds`` and loses the ones
        it had, as in a restart (the server itself is shared, so it is not restarted); the
        workers keep running their ticks meanwhile."""
        if not self.config.postgres:
            return
        name = make_url(self.url).database
        admin = make_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        began = time.monotonic()
        try:
            with admin.connect() as connection:
                connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
                try:
                    connection.execute(text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name"), {"name": name})
                    time.sleep(seconds)  # the outage itself, not a wait for something
                finally:
                    connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
            self.report.database_outage_seconds += round(time.monotonic() - began, 1)
        finally:
            admin.dispose()

    def _kill_connections(self) -> None:
        if not self.config.postgres:
            return
        name = make_url(self.url).database
        admin = make_engine(self.url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                killed = connection.execute(text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": name}).scalar()
            self.report.connection_kills += int(killed or 0)
        finally:
            admin.dispose()


_STATES_OF_FATE = {"open": ("drafted", "edited"), "sent": ("sent",), "deleted": ("deleted",)}


def _thank_yous(factory: sessionmaker[Session]) -> dict[tuple[str, str], tuple[str, str]]:
    """(mailbox, event id) -> (mark key, state) of every thank-you the service decided."""
    with transaction(factory) as session:
        return {(f.interview.account.email, f.interview.event_id): (f.idempotency_key,
                                                                    f.state or "")
                for f in session.scalars(select(FollowUp).where(
                    FollowUp.kind == "thank_you"))}


def _mismatches(chaos: _Chaos) -> list[str]:
    """Thank-yous whose state does not say what became of their draft in the mailbox."""
    found: list[str] = []
    states = {key: state for key, state in _thank_yous(chaos.factory).values()}
    for mailbox in chaos._live_mailboxes():
        for record in chaos.emulator.control(mailbox.provider).drafts(mailbox.address):
            mark = DraftMark.of(record.mark)
            if record.created_by != "service" or mark is None or mark.key not in states:
                continue
            if states[mark.key] not in _STATES_OF_FATE[record.fate]:
                found.append(f"{mailbox.address}: draft {record.fate}, "
                             f"follow-up {states[mark.key]}")
    return found


def _check(report: ChaosReport, emulator: Emulator, mailboxes: list[_Mailbox],
           factory: sessionmaker[Session], chaos: _Chaos, logs: Path, database: Any) -> None:
    follow_ups = _thank_yous(factory)
    with transaction(factory) as session:
        causes = list(session.scalars(select(AuditEntry.action).where(
            AuditEntry.cause.like(f"{UNCERTAIN_WRITE}%"))))
    report.found_sent_after_uncertain_write = sum(a.endswith(".sent") for a in causes)
    report.found_deleted_after_uncertain_write = sum(a.endswith(".deleted") for a in causes)
    mismatches = _mismatches(chaos)
    report.state_mismatches = len(mismatches)
    report.details += mismatches
    for mailbox in mailboxes:
        control = emulator.control(mailbox.provider)
        records = [d for d in control.drafts(mailbox.address) if d.created_by == "service"]
        report.service_drafts += len(records)
        by_key = Counter(m.key for d in records if (m := DraftMark.of(d.mark)) is not None)
        for key, copies in by_key.items():
            if copies > 1:
                report.duplicates += copies - 1
                report.details.append(f"{mailbox.address}: {copies} drafts for {key}")
        for key in chaos.owner_deleted.get(mailbox.address, set()):
            if by_key.get(key, 0) > 1:
                report.deleted_written_again += 1
        report.sent_by_service += sum(1 for s in control.sent(mailbox.address)
                                      if s.by == "service")
        if mailbox.address in chaos.revoked:
            continue
        for index in range(chaos.config.interviews_per_mailbox):
            report.expected_drafts += 1
            found = follow_ups.get((mailbox.address, f"ev{index}"))
            if found is None or found[0] not in by_key:
                report.losses += 1
                report.details.append(f"{mailbox.address} ev{index}: no draft "
                                      f"(follow-up {found})")
                continue
    tokens = emulator.issued_tokens()
    dump = _dump(database)
    texts = [dump] + [path.read_text(errors="replace") for path in sorted(logs.glob("*.log"))]
    report.tokens_leaked = sum(1 for token in tokens if any(token in body for body in texts))
    for path in logs.glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            with suppress(ValueError):
                if "Traceback" in str(json.loads(line).get("exc_info", "")) or \
                        "Traceback" in line:
                    report.tracebacks_in_logs += 1


def _dump(database: Any) -> str:
    """Every row of every table as text (what a database dump would show)."""
    metadata = MetaData()
    metadata.reflect(database)
    parts: list[str] = []
    with database.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(table.select()):
                parts.append(repr(tuple(row)))
    return "\n".join(parts)


def run_chaos_benchmark(full: bool = False, sqlite: bool = False) -> dict[str, float]:
    config = FULL if full else (SMALL_SQLITE if sqlite else SMALL)
    if sqlite and full:
        config = ChaosConfig(**{**asdict(FULL), "postgres": False, "workers": 1,
                                "connection_kills": 0, "database_outage_seconds": 0.0})
    report = run_chaos(config)
    for line in report.details[:20]:
        print(f"  ! {line}", file=sys.stderr)
    figures = report.figures()
    figures["held"] = 0.0 if report.problems() else 1.0
    return figures


def main(argv: list[str]) -> int:
    figures = run_chaos_benchmark(full="--full" in argv, sqlite="--sqlite" in argv)
    print(json.dumps(figures, indent=2))
    return 0 if figures["held"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
