"""`followup run` in operation: outages logged as two lines, not a traceback per tick, and a
worker process on the emulator's virtual clock with its health and metrics port."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, PersonSpec
from providers.emulator.server import EmulatorServer
from service.config import load_settings
from service.engine.connectors import emulator_settings
from service.runtime import Runtime, build_runtime
from service.store.db import make_engine
from tests.conftest import POSTGRES_ADMIN_URL

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
OWNER = "pat.doe@gmail.com"


def outage_lines(caplog: pytest.LogCaptureFixture, what: str) -> list[str]:
    return [r.getMessage().split(" (")[0].split(" after ")[0] for r in caplog.records
            if r.getMessage().startswith(what)]


def interview(emulator: Emulator, end: datetime) -> None:
    emulator.google.put_event(OWNER, EventSpec(
        id="ev1", title="Phone screen - Northwind (Account Manager)",
        start=end - timedelta(minutes=30), end=end,
        organizer=PersonSpec("maria@northwind.com", "Maria Anders"),
        attendees=(AttendeeSpec(OWNER, "Pat Doe", "accepted"),
                   AttendeeSpec("maria@northwind.com", "Maria Anders", "accepted"))))


@pytest.fixture
def emulator() -> Emulator:
    emulator = Emulator(VirtualClock(START))
    emulator.google.add_mailbox(OWNER, "Pat Doe", "Europe/Paris")
    return emulator


def connected_runtime(server: EmulatorServer, tmp_path: Path, clock: VirtualClock,
                      database_url: str | None = None) -> Runtime:
    settings = load_settings(data_dir=tmp_path, database_url=database_url,
                             **emulator_settings(server))
    runtime = build_runtime(settings, clock)
    runtime.engine.add_account(
        "gmail", runtime.connectors.connect_with_grant("gmail", server.emulator.google, OWNER))
    return runtime


@pytest.mark.postgres
def test_a_database_outage_is_two_lines(scratch_postgres_url: str, tmp_path: Path,
                                        emulator: Emulator,
                                        caplog: pytest.LogCaptureFixture) -> None:
    clock = emulator.clock
    assert isinstance(clock, VirtualClock)
    admin = make_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = scratch_postgres_url.rsplit("/", 1)[1]
    with EmulatorServer(emulator) as server:
        runtime = connected_runtime(server, tmp_path, clock, scratch_postgres_url)
        try:
            runtime.tick()
            with caplog.at_level(logging.INFO), admin.connect() as connection:
                connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
                connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                        " WHERE datname = :name"), {"name": name})
                for _ in range(20):  # 20 ticks of outage, and every account due
                    clock.advance(timedelta(minutes=5))
                    runtime.tick()
                connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
                clock.advance(timedelta(minutes=5))
                runtime.tick()
                assert not runtime.database_outage.down
        finally:
            runtime.stop()
            admin.dispose()
    assert outage_lines(caplog, "the database") == ["the database unavailable",
                                                    "the database available again"]
    assert [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []


def test_an_unreachable_provider_is_two_lines(tmp_path: Path, emulator: Emulator,
                                              caplog: pytest.LogCaptureFixture) -> None:
    clock = emulator.clock
    assert isinstance(clock, VirtualClock)
    tls = tmp_path / "tls"
    server = EmulatorServer(emulator, tls_directory=tls).start()
    runtime = connected_runtime(server, tmp_path, clock)
    ports = [int(url.rsplit(":", 1)[1]) for url in (server.http_url, server.https_url)]
    try:
        runtime.tick()
        server.stop()  # Google is gone: connections are refused
        with caplog.at_level(logging.INFO):
            for _ in range(6):
                clock.advance(timedelta(minutes=30))  # past any retry-later
                runtime.tick()
            server = EmulatorServer(emulator, http_port=ports[0], https_port=ports[1],
                                    tls_directory=tls).start()
            clock.advance(timedelta(minutes=30))
            runtime.tick()
    finally:
        runtime.stop()
        server.stop()
    assert outage_lines(caplog, "the gmail API") == ["the gmail API unavailable",
                                                    "the gmail API available again"]
    assert not [r for r in caplog.records if r.getMessage().startswith("account ")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(predicate: object, what: str, seconds: float = 60) -> None:
    assert callable(predicate)
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def sandbox(emulator: Emulator, tmp_path: Path) -> Iterator[EmulatorServer]:
    with EmulatorServer(emulator, tls_directory=tmp_path / "tls") as server:
        yield server


def test_a_worker_process_on_the_emulators_clock(sandbox: EmulatorServer,
                                                 tmp_path: Path) -> None:
    """`followup run --no-web --clock ISO`: the emulator's virtual clock is moved to ISO, the
    worker's "now" is the emulator's, and its ops port answers health and metrics."""
    emulator = sandbox.emulator
    begin = START + timedelta(hours=2)
    end = begin + timedelta(hours=1)
    interview(emulator, end)
    # the mailbox is connected in this process, into the worker's database
    connected_runtime(sandbox, tmp_path, VirtualClock(begin)).stop()
    ops = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env |= {f"FOLLOWUP_{k.upper()}": str(v) for k, v in emulator_settings(sandbox).items()}
    env |= {"FOLLOWUP_DATA_DIR": str(tmp_path), "FOLLOWUP_OPS_PORT": str(ops),
            "FOLLOWUP_LOG_FORMAT": "json"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "run", "--no-web", "--clock", begin.isoformat(),
         "--tick-seconds", "0.2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    base = f"http://127.0.0.1:{ops}"
    try:
        def ready() -> bool:
            assert worker.poll() is None, worker.communicate()[1]
            try:
                return httpx.get(f"{base}/readyz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(ready, "the worker's /readyz")
        # its first pass over, before virtual time jumps an hour (a jump in the middle of a
        # pass would expire the token it just refreshed: no real clock does that)
        first_pass = 'followup_pass_duration_seconds_count{provider="gmail"} 1.0'
        wait_for(lambda: first_pass in httpx.get(f"{base}/metrics", timeout=5).text,
                 "the worker's first pass")
        assert emulator.clock.now() == begin  # moved forward by the worker, and only there
        assert emulator.google.drafts(OWNER) == []  # not ended yet, in virtual time
        clock = emulator.clock
        assert isinstance(clock, VirtualClock)
        clock.set(end + timedelta(minutes=1))
        wait_for(lambda: emulator.google.drafts(OWNER), "the thank-you draft")
        draft = emulator.google.drafts(OWNER)[0]
        assert draft.created_at == end + timedelta(minutes=1)  # written on virtual time
        written = 'followup_drafts_written_total{provider="gmail"} 1.0'
        # counted when the pass ends, a moment after the draft is in the mailbox
        wait_for(lambda: written in httpx.get(f"{base}/metrics", timeout=5).text,
                 "the draft in the worker's metrics")
        assert OWNER not in httpx.get(f"{base}/metrics", timeout=5).text
    finally:
        worker.send_signal(signal.SIGTERM)
        _, stderr = worker.communicate(timeout=30)
    assert worker.returncode == 0, stderr
    logged = [json.loads(line) for line in stderr.splitlines() if line.strip()]
    assert any("emulator's clock" in entry["message"] for entry in logged)
