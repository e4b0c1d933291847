"""``followup run``: the scheduler (APScheduler wakes the engine), the workers and the web app.

All due times live in the database (accounts' next poll and wake-up, outbox rows), so the
scheduler itself holds nothing worth keeping: a restart loses nothing and, through the
outbox's idempotency keys, does nothing twice. With PostgreSQL several processes run this side
by side; accounts and outbox rows are claimed with leases.
"""

from __future__ import annotations

import logging
import os
import socket
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

log = logging.getLogger(__name__)

TICK_SECONDS = 15  # how often the scheduler looks for due accounts (a cheap query)


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
    database_outage: Outage = field(default_factory=lambda: Outage("the database", log))
    _last_tick: float = field(default_factory=time.monotonic)

    def tick(self) -> None:
        """One look at the due accounts; never two at once in this process."""
        self._last_tick = time.monotonic()
        if not self._tick_lock.acquire(blocking=False):
            return
        try:
            reports = self.engine.tick()
        except Exception as exc:  # the loop must survive anything one pass throws
            if unreachable(exc):
                self.database_outage.failed(type(exc).__name__)
            else:
                log.exception("a pass failed; the next tick tries again")
        else:
            self.database_outage.recovered()
            for report in reports:
                if report.error and report.error != "leased" \
                        and report.error_code != "unreachable":  # an outage: logged once
                    log.info("account %s: %s", report.account_id, report.error)
        finally:
            self._tick_lock.release()

    def scheduler_healthy(self) -> bool:
        """The scheduler runs and still wakes the loop (a tick is never more than a few
        intervals away, even while a long pass holds the previous one)."""
        late = time.monotonic() - self._last_tick > 3 * self.tick_seconds + 5
        return bool(self.scheduler.running) and not late

    def operations(self, metrics_token: str | None, with_scheduler: bool) -> Operations:
        return Operations(self.factory, self.metrics,
                          self.scheduler_healthy if with_scheduler else None, metrics_token)

    def wake_now(self) -> None:
        """Run a pass at once (after an owner action or a new connection)."""
        self.scheduler.add_job(self.tick, id="wake-now", replace_existing=True)

    def start_scheduler(self) -> None:
        # APScheduler keeps real time, whatever clock the service runs on
        self.scheduler.add_job(self.tick, "interval", seconds=self.tick_seconds, id="tick",
                               max_instances=1, coalesce=True,
                               next_run_time=SystemClock().now())
        self._last_tick = time.monotonic()
        self.scheduler.start()

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        self.connectors.close()
        self.database.dispose()


class ProviderOutages:
    """One line when a provider stops answering at all (no HTTP answer), one when a pass
    on it succeeds again; a pass observer."""

    def __init__(self) -> None:
        self._outages: dict[str, Outage] = {}

    def pass_finished(self, report: PassReport, seconds: float) -> None:
        if report.provider is None or report.error == "leased":
            return
        outage = self._outages.setdefault(report.provider, Outage(f"the {report.provider} API",
                                                                  log))
        if report.error_code == "unreachable":
            outage.failed("no answer")
        elif report.synced:
            outage.recovered()


def build_runtime(settings: Settings, clock: Clock | None = None,
                  tick_seconds: float = TICK_SECONDS) -> Runtime:
    clock = clock or SystemClock()
    vault = vault_for(settings)
    database = make_engine(settings.database, pool_pre_ping=True)
    upgrade(database)
    factory = session_factory(database)
    connectors = Connectors(settings, clock)
    worker = f"{socket.gethostname()}-{os.getpid()}"
    engine = Engine(factory, vault, clock, connectors.mailbox,
                    timedelta(seconds=settings.poll_interval_seconds), worker_id=worker,
                    naive_sync=settings.sync_strategy == "naive")
    scheduler = BackgroundScheduler(timezone="UTC")
    metrics = Metrics(factory, clock)
    engine.observers += [metrics, ProviderOutages()]
    return Runtime(settings, clock, database, factory, connectors, engine, scheduler,
                   threading.Lock(), metrics, tick_seconds)
