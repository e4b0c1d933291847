"""A connected Gmail harness (the emulator server and clock come from tests/providers)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from providers.clock import VirtualClock
from providers.emulator.control import Faults
from providers.emulator.server import EmulatorServer
from tests.providers.harness import Harness
from tests.providers.harness_google import make_harness

_numbers = itertools.count(1)


@pytest.fixture
def gmail(request: pytest.FixtureRequest, emulator_server: EmulatorServer,
          emulator_clock: VirtualClock) -> Iterator[Harness]:
    local_part = f"gmail{next(_numbers)}-{request.node.name[5:40]}"
    made = make_harness(emulator_server, emulator_clock, local_part)
    made.connect()
    yield made
    made.gate.open()
    made.control.set_faults(Faults(), made.address)
