"""``followup run``: the scheduler (APScheduler wakes the engine), the workers and the web app.

All due times live in the database (accounts' next poll and wake-up, outbox rows), so the
scheduler itself holds nothing worth keeping: a restart loses nothing and, through the
outbox's idempotency keys, does nothing twice. With PostgreSQL several processes run this side
by side; accounts and outbox rows are claimed with short leases under a stable worker name
(:mod:`service.worker_identity`).

The scheduler does not wait for passes: it claims what the engine's pool has room for and
goes back to sleep until the next due moment the database knows (capped by the tick); each
finished pass asks for more. A slow mailbox holds one thread, not the loop.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine as DatabaseEngine
from sqlalchemy.orm import Session, sessionmaker

from providers.clock import Clock, SystemClock
from service.config import Settings
from service.engine.connectors import Connectors
from service.engine.runner import Engine, PassReport
from service.logs import Outage
from service.metrics import Metrics
from service.store.db import make_engine, session_factory, unreachable, upgrade
from service.token_vault import vault_for
from service.web.ops import Operations
from service.worker_identity import WorkerIdentity, worker_identity

log = logging.getLogger(__name__)

TICK_SECONDS = 15  # the longest the scheduler sleeps between looks at the due accounts
SOONEST_SECONDS = 0.2  # the shortest: a due moment already past is another worker's lease


@dataclass
class Runtime:
    settings: Settings
    clock: Clock
    database: DatabaseEngine
    factory: sessionmaker[Session]
    connectors: Connectors
    engine: Engine
    scheduler: BackgroundScheduler
    _tick_lock: threading.Lock
    metrics: Metrics
    tick_seconds: float = TICK_SECONDS
    identity: WorkerIdentity | None = None
    database_outage: Outage = field(default_factory=lambda: Outage("the database", log))
    _last_tick: float = field(default_factory=time.monotonic)

    def tick(self) -> None:
        """Every due account once, waiting for the passes; never two at once in this
        process (tests and tools; the scheduler calls :meth:`pump`)."""
        self._last_tick = time.monotonic()
        if not self._tick_lock.acquire(blocking=False):
            return
        try:
            reports = self.engine.tick()
        except Exception as exc:  # the loop must survive anything one pass throws
            self._failed(exc)
        else:
            self.database_outage.recovered()
            for report in reports:
                self._heard(report)
        finally:
            self._tick_lock.release()

    def pump(self) -> None:
        """Start what is due and the pool has room for, then sleep until the next due
        moment (or the tick, whichever is first)."""
        self._last_tick = time.monotonic()
        # waits its turn (a pump is short): the last pass's call must not be lost
        if not self._tick_lock.acquire(timeout=5):
            return
        try:
            if self.engine.pump() == 0 and not self.engine.holding():
                # nothing running: no finished pass will ask again, so sleep until the
                # next due moment (while passes run, each end pumps)
                self._wake_at_next_due()
        except Exception as exc:
            self._failed(exc)
        finally:
            self._tick_lock.release()

    def _wake_at_next_due(self) -> None:
        due = self.engine.next_due()
        if due is None or not self.scheduler.running:
            return
        delay = (due - self.clock.now()).total_seconds()
        if delay >= self.tick_seconds:
            return  # the tick comes first
        # APScheduler keeps real time, whatever clock the service runs on
        self.scheduler.add_job(self.pump, "date", id="next-due", replace_existing=True,
                               run_date=SystemClock().now() + timedelta(
                                   seconds=max(delay, SOONEST_SECONDS)))

    def _pass_done(self, outcome: PassReport | BaseException) -> None:
        """A pass the scheduler started ended (on a pool thread)."""
        if isinstance(outcome, BaseException):
            self._failed(outcome)
            return
        self.database_outage.recovered()
        self._heard(outcome)
        if self.scheduler.running:
            self.wake_now()  # room in the pool: more may be due

    def _failed(self, error: BaseException) -> None:
        if unreachable(error):
            self.database_outage.failed(type(error).__name__)
        else:
            log.error("a pass failed (%s); the next tick tries again", type(error).__name__,
                      exc_info=error if self.engine.debug_tracebacks else None)

    @staticmethod
    def _heard(report: PassReport) -> None:
        if report.error and report.error != "leased" \
                and report.error_code != "unreachable":  # an outage: logged once
            log.info("account %s: %s", report.account_id, report.error)

    def scheduler_healthy(self) -> bool:
        """The scheduler runs and still wakes the loop (a tick is never more than a few
        intervals away, even while a long pass holds the previous one)."""
        late = time.monotonic() - self._last_tick > 3 * self.tick_seconds + 5
        return bool(self.scheduler.running) and not late

    def operations(self, metrics_token: str | None, with_scheduler: bool) -> Operations:
        return Operations(self.factory, self.metrics,
                          self.scheduler_healthy if with_scheduler else None, metrics_token)

    def wake_now(self) -> None:
        """Look for due work at once (after an owner action, a new connection, a pass)."""
        self.scheduler.add_job(self.pump, id="wake-now", replace_existing=True)

    def start_scheduler(self) -> None:
        self.engine.on_pass_done = self._pass_done
        # APScheduler keeps real time, whatever clock the service runs on
        self.scheduler.add_job(self.pump, "interval", seconds=self.tick_seconds, id="tick",
                               max_instances=1, coalesce=True,
                               next_run_time=SystemClock().now())
        self._last_tick = time.monotonic()
        self.scheduler.start()

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        self.engine.on_pass_done = None
        self.engine.close()  # running passes end first, then their shared clients close
        self.connectors.close()
        self.database.dispose()
        if self.identity is not None:
            self.identity.release()


class ProviderOutages:
    """One line when a provider stops answering at all (no HTTP answer), one when a pass
    on it succeeds again; a pass observer."""

    def __init__(self) -> None:
        self._outages: dict[str, Outage] = {}
        self._lock = threading.Lock()  # passes end on several threads

    def pass_finished(self, report: PassReport, seconds: float) -> None:
        if report.provider is None or report.error == "leased":
            return
        with self._lock:
            outage = self._outages.setdefault(report.provider,
                                              Outage(f"the {report.provider} API", log))
            if report.error_code == "unreachable":
                outage.failed("no answer")
            elif report.synced:
                outage.recovered()


def build_runtime(settings: Settings, clock: Clock | None = None,
                  tick_seconds: float = TICK_SECONDS) -> Runtime:
    clock = clock or SystemClock()
    vault = vault_for(settings)
    # a server may restart under a pooled connection (tested at each checkout); a SQLite
    # file cannot, and the test would be one more statement per transaction
    database = make_engine(settings.database, threads=settings.worker_threads,
                           pool_pre_ping=settings.database.get_backend_name() != "sqlite")
    upgrade(database)
    factory = session_factory(database)
    connectors = Connectors(settings, clock)
    identity = worker_identity(settings)
    engine = Engine(factory, vault, clock, connectors.mailbox,
                    timedelta(seconds=settings.poll_interval_seconds), worker_id=identity.name,
                    concurrency=settings.worker_threads,
                    naive_sync=settings.sync_strategy == "naive")
    scheduler = BackgroundScheduler(timezone="UTC")
    metrics = Metrics(factory, clock)
    engine.observers += [metrics, ProviderOutages()]
    return Runtime(settings, clock, database, factory, connectors, engine, scheduler,
                   threading.Lock(), metrics, tick_seconds, identity)
