"""`followup run`'s runtime on the real clock: APScheduler wakes the engine, which writes the
thank-you of an interview that just ended into the (emulated) mailbox."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from providers.clock import SystemClock
from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, PersonSpec
from providers.emulator.server import EmulatorServer
from service.config import load_settings
from service.engine.connectors import emulator_settings
from service.runtime import build_runtime

OWNER = "pat.doe@gmail.com"


def _thank_you_drafts(tmp_path: Path, ends_in: timedelta, tick_seconds: float | None = None
                      ) -> tuple[list[Any], datetime, str]:
    """Run the runtime until the thank-you of an interview ending ``ends_in`` from now is
    in the mailbox (or 30 s pass): the drafts, the interview's end and the database's kind."""
    clock = SystemClock()
    emulator = Emulator(clock)
    with EmulatorServer(emulator) as server:
        settings = load_settings(data_dir=tmp_path, **emulator_settings(server))
        runtime = (build_runtime(settings, clock) if tick_seconds is None
                   else build_runtime(settings, clock, tick_seconds=tick_seconds))
        control = emulator.google
        control.add_mailbox(OWNER, "Pat Doe", "Europe/Paris")
        ends = clock.now() + ends_in
        control.put_event(OWNER, EventSpec(
            id="ev1", title="Phone screen - Northwind (Account Manager)",
            start=ends - timedelta(minutes=30), end=ends,
            organizer=PersonSpec("maria@northwind.com", "Maria Anders"),
            attendees=(AttendeeSpec(OWNER, "Pat Doe", "accepted"),
                       AttendeeSpec("maria@northwind.com", "Maria Anders", "accepted"))))
        runtime.engine.add_account(
            "gmail", runtime.connectors.connect_with_grant("gmail", control, OWNER))
        runtime.start_scheduler()
        try:
            deadline = time.monotonic() + 30
            while not control.drafts(OWNER) and time.monotonic() < deadline:
                time.sleep(0.1)  # polling the mailbox with a deadline, not waiting blindly
        finally:
            runtime.stop()
        return list(control.drafts(OWNER)), ends, settings.database.get_backend_name()


def test_the_scheduler_writes_the_thank_you(tmp_path: Path) -> None:
    drafts, _, backend = _thank_you_drafts(tmp_path, ends_in=-timedelta(minutes=10))
    assert [d.to for d in drafts] == [("maria@northwind.com",)]
    assert "Thank you" in drafts[0].subject
    assert backend == "sqlite"


def test_the_scheduler_wakes_at_the_next_due_moment_not_the_tick(tmp_path: Path) -> None:
    """An hour between ticks, an interview ending in two seconds: its thank-you is written
    when it ends, because the scheduler sleeps until the next moment the database knows."""
    drafts, ends, _ = _thank_you_drafts(tmp_path, ends_in=timedelta(seconds=2),
                                        tick_seconds=3600)
    assert [d.to for d in drafts] == [("maria@northwind.com",)]
    assert drafts[0].created_at >= ends.replace(microsecond=0)  # the API keeps seconds
