"""Fixtures of the provider contract suite: one emulator server for the session, a fresh
mailbox and a connected adapter per test, for each provider whose harness exists."""

from __future__ import annotations

import importlib
import importlib.util
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import Faults
from providers.emulator.server import EmulatorServer
from tests.providers.harness import Harness

START = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # a Monday
_HARNESSES = {"gmail": "tests.providers.harness_google",
              "outlook": "tests.providers.harness_microsoft"}
PROVIDERS = [name for name, module in _HARNESSES.items()
             if importlib.util.find_spec(module) is not None]
_mailbox_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def emulator_clock() -> VirtualClock:
    return VirtualClock(START)


@pytest.fixture(scope="session")
def emulator_server(emulator_clock: VirtualClock) -> Iterator[EmulatorServer]:
    with EmulatorServer(Emulator(emulator_clock)) as server:
        yield server


def _connected(provider: str, request: pytest.FixtureRequest, server: EmulatorServer,
               clock: VirtualClock) -> Iterator[Harness]:
    module = importlib.import_module(_HARNESSES[provider])
    local_part = f"owner{next(_mailbox_numbers)}-{request.node.name.split('[')[0][5:40]}"
    made: Harness = module.make_harness(server, clock, local_part)
    made.connect()
    yield made
    made.gate.open()  # never leave an adapter thread parked at the gate
    made.control.set_faults(Faults(), made.address)


@pytest.fixture(params=PROVIDERS)
def harness(request: pytest.FixtureRequest, emulator_server: EmulatorServer,
            emulator_clock: VirtualClock) -> Iterator[Harness]:
    yield from _connected(request.param, request, emulator_server, emulator_clock)


@pytest.fixture
def gmail(request: pytest.FixtureRequest, emulator_server: EmulatorServer,
          emulator_clock: VirtualClock) -> Iterator[Harness]:
    """A connected Gmail mailbox, for what only Google does."""
    yield from _connected("gmail", request, emulator_server, emulator_clock)


@pytest.fixture
def outlook(request: pytest.FixtureRequest, emulator_server: EmulatorServer,
            emulator_clock: VirtualClock) -> Iterator[Harness]:
    """A connected Outlook mailbox, for what only Microsoft does."""
    yield from _connected("outlook", request, emulator_server, emulator_clock)
