"""The CA bundle is loaded once per process and shared by every connection, and loaded again
when the configured file changes: a server that comes back with a new CA (here the emulator,
restarted; in production a rotated bundle) is trusted again without restarting the worker.
Connections that failed are not reused."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.server import EmulatorServer
from providers.errors import Unreachable
from providers.interface import SyncWindow
from providers.retry import RetryPolicy
from tests.providers.conftest import _HARNESSES, PROVIDERS, START

ONCE = RetryPolicy(max_attempts=1)


@pytest.fixture
def emulator() -> Emulator:
    return Emulator(VirtualClock(START))


@pytest.fixture
def tls(tmp_path: Path) -> Path:
    return tmp_path / "tls"


@pytest.fixture
def server(emulator: Emulator, tls: Path) -> Iterator[EmulatorServer]:
    running = EmulatorServer(emulator, tls_directory=tls).start()
    yield running
    running.stop()


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_provider_back_with_a_new_ca_is_trusted_again(
        provider: str, emulator: Emulator, server: EmulatorServer, tls: Path) -> None:
    clock = emulator.clock
    assert isinstance(clock, VirtualClock)
    harness = importlib.import_module(_HARNESSES[provider]).make_harness(server, clock, "trust")
    harness.connect()
    window = SyncWindow(clock.now() - timedelta(days=3), clock.now() + timedelta(days=30))
    first = harness.new_provider(retry=ONCE)
    synced = first.sync(None, None, window)
    first.close()
    ca_before = server.ca_path.read_bytes()
    ports = [int(url.rsplit(":", 1)[1]) for url in (server.http_url, server.https_url)]

    server.stop()
    gone = harness.new_provider(retry=ONCE)
    with pytest.raises(Unreachable):
        gone.sync(synced.calendar.cursor, synced.mail.cursor, window)
    gone.close()
    back = EmulatorServer(emulator, http_port=ports[0], https_port=ports[1],
                          tls_directory=tls).start()
    try:
        assert back.ca_path.read_bytes() != ca_before  # a new CA signs the new certificate
        again = harness.new_provider(retry=ONCE)
        idle = again.sync(synced.calendar.cursor, synced.mail.cursor, window)
        again.close()
    finally:
        back.stop()
    assert idle.calendar.events == [] and idle.mail.messages == []
