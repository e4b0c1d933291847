"""`followup run`'s runtime on the real clock: APScheduler wakes the engine, which writes the
thank-you of an interview that just ended into the (emulated) mailbox."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

from providers.clock import SystemClock
from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, PersonSpec
from providers.emulator.server import EmulatorServer
from service.config import load_settings
from service.engine.connectors import emulator_settings
from service.runtime import build_runtime


def test_the_scheduler_writes_the_thank_you(tmp_path: Path) -> None:
    clock = SystemClock()
    emulator = Emulator(clock)
    with EmulatorServer(emulator) as server:
        settings = load_settings(data_dir=tmp_path, **emulator_settings(server))
        runtime = build_runtime(settings, clock)
        control = emulator.google
        owner = "pat.doe@gmail.com"
        control.add_mailbox(owner, "Pat Doe", "Europe/Paris")
        ended = clock.now() - timedelta(minutes=10)
        control.put_event(owner, EventSpec(
            id="ev1", title="Phone screen - Northwind (Account Manager)",
            start=ended - timedelta(minutes=30), end=ended,
            organizer=PersonSpec("maria@northwind.com", "Maria Anders"),
            attendees=(AttendeeSpec(owner, "Pat Doe", "accepted"),
                       AttendeeSpec("maria@northwind.com", "Maria Anders", "accepted"))))
        runtime.engine.add_account(
            "gmail", runtime.connectors.connect_with_grant("gmail", control, owner))
        runtime.start_scheduler()
        try:
            deadline = time.monotonic() + 30
            while not control.drafts(owner) and time.monotonic() < deadline:
                time.sleep(0.1)  # polling the mailbox with a deadline, not waiting blindly
        finally:
            runtime.stop()
        drafts = control.drafts(owner)
        assert [d.to for d in drafts] == [("maria@northwind.com",)]
        assert "Thank you" in drafts[0].subject
        assert settings.database.get_backend_name() == "sqlite"


def test_the_scheduler_wakes_at_the_next_due_moment_not_the_tick(tmp_path: Path) -> None:
    """An hour between ticks, an interview ending in two seconds: its thank-you is written
    when it ends, because the scheduler sleeps until the next moment the database knows."""
    clock = SystemClock()
    emulator = Emulator(clock)
    with EmulatorServer(emulator) as server:
        settings = load_settings(data_dir=tmp_path, **emulator_settings(server))
        runtime = build_runtime(settings, clock, tick_seconds=3600)
        control = emulator.google
        owner = "pat.doe@gmail.com"
        control.add_mailbox(owner, "Pat Doe", "Europe/Paris")
        ends = clock.now() + timedelta(seconds=2)
        control.put_event(owner, EventSpec(
            id="ev1", title="Phone screen - Northwind (Account Manager)",
            start=ends - timedelta(minutes=30), end=ends,
            organizer=PersonSpec("maria@northwind.com", "Maria Anders"),
            attendees=(AttendeeSpec(owner, "Pat Doe", "accepted"),
                       AttendeeSpec("maria@northwind.com", "Maria Anders", "accepted"))))
        runtime.engine.add_account(
            "gmail", runtime.connectors.connect_with_grant("gmail", control, owner))
        runtime.start_scheduler()
        try:
            deadline = time.monotonic() + 30
            while not control.drafts(owner) and time.monotonic() < deadline:
                time.sleep(0.1)  # polling the mailbox with a deadline, not waiting blindly
        finally:
            runtime.stop()
        drafts = control.drafts(owner)
        assert [d.to for d in drafts] == [("maria@northwind.com",)]
        assert drafts[0].created_at >= ends.replace(microsecond=0)  # the API keeps seconds
