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
from dataclasses import dataclass
from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine as DatabaseEngine
from sqlalchemy.orm import Session, sessionmaker

from providers.clock import Clock, SystemClock
from service.config import Settings
from service.engine.connectors import Connectors
from service.engine.runner import Engine
from service.store.db import make_engine, session_factory, upgrade
from service.token_vault import vault_for

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

    def tick(self) -> None:
        """One look at the due accounts; never two at once in this process."""
        if not self._tick_lock.acquire(blocking=False):
            return
        try:
            for report in self.engine.tick():
                if report.error and report.error != "leased":
                    log.info("account %s: %s", report.account_id, report.error)
        except Exception:  # the loop must survive anything one pass throws
            log.exception("a pass failed; the next tick tries again")
        finally:
            self._tick_lock.release()

    def wake_now(self) -> None:
        """Run a pass at once (after an owner action or a new connection)."""
        self.scheduler.add_job(self.tick, id="wake-now", replace_existing=True)

    def start_scheduler(self) -> None:
        self.scheduler.add_job(self.tick, "interval", seconds=TICK_SECONDS, id="tick",
                               max_instances=1, coalesce=True,
                               next_run_time=self.clock.now())
        self.scheduler.start()

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        self.database.dispose()


def build_runtime(settings: Settings, clock: Clock | None = None) -> Runtime:
    clock = clock or SystemClock()
    vault = vault_for(settings)
    database = make_engine(settings.database, pool_pre_ping=True)
    upgrade(database)
    factory = session_factory(database)
    connectors = Connectors(settings, clock)
    worker = f"{socket.gethostname()}-{os.getpid()}"
    engine = Engine(factory, vault, clock, connectors.mailbox,
                    timedelta(seconds=settings.poll_interval_seconds), worker_id=worker)
    scheduler = BackgroundScheduler(timezone="UTC")
    return Runtime(settings, clock, database, factory, connectors, engine, scheduler,
                   threading.Lock())
