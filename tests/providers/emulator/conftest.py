from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from google.oauth2.credentials import Credentials

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.server import EmulatorServer
from tests.providers.emulator.google_clients import (
    CLIENT_ID,
    SCOPES,
    build_client,
    credentials_from,
    exchange_code,
)

OWNER = "alex.kim@gmail.com"
START = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)


@dataclass
class GoogleSession:
    """One signed-in mailbox with the real clients built against the emulator."""

    address: str
    credentials: Credentials
    gmail: Any
    calendar: Any
    base_url: str


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(START)


@pytest.fixture
def emulator(clock: VirtualClock) -> Emulator:
    emulator = Emulator(clock)
    emulator.google.add_mailbox(OWNER, "Alex Kim", "America/New_York")
    return emulator


@pytest.fixture
def server(emulator: Emulator) -> Iterator[EmulatorServer]:
    with EmulatorServer(emulator) as running:
        yield running


def sign_in(emulator: Emulator, server: EmulatorServer, address: str = OWNER,
            scopes: tuple[str, ...] = SCOPES) -> GoogleSession:
    code = emulator.google.grant(address, CLIENT_ID, scopes)
    credentials = credentials_from(exchange_code(server.http_url, code), server.http_url)
    return GoogleSession(
        address=address,
        credentials=credentials,
        gmail=build_client("gmail.v1", server.http_url, credentials),
        calendar=build_client("calendar.v3", server.http_url, credentials),
        base_url=server.http_url,
    )


@pytest.fixture
def session(emulator: Emulator, server: EmulatorServer) -> GoogleSession:
    return sign_in(emulator, server)
