"""The service's engine against the emulator on a virtual clock, on both providers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, MailboxControl, PersonSpec
from providers.emulator.server import EmulatorServer
from providers.model import ProviderName
from service.config import Settings, load_settings
from service.engine.connectors import Connectors, emulator_settings
from service.engine.runner import Engine
from service.store.db import make_engine, session_factory, upgrade
from service.token_vault import TokenVault

START = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


@dataclass
class World:
    provider: ProviderName
    clock: VirtualClock
    emulator: Emulator
    control: MailboxControl
    settings: Settings
    factory: sessionmaker[Session]
    connectors: Connectors

    def engine(self) -> Engine:
        """A fresh Engine on the same database: what a restarted process would build."""
        return Engine(self.factory, TokenVault(self.settings.secret_key()), self.clock,
                      self.connectors.mailbox, timedelta(minutes=5))

    def mailbox(self, local_part: str, name: str = "Alex Kim") -> str:
        domain = "gmail.com" if self.provider == "gmail" else "outlook.com"
        address = f"{local_part}@{domain}"
        self.control.add_mailbox(address, name, "America/New_York")
        return address

    def connect(self, engine: Engine, address: str) -> int:
        connection = self.connectors.connect_with_grant(self.provider, self.control, address)
        return engine.add_account(self.provider, connection, signature="Alex Kim")

    def interview(self, owner: str, event_id: str = "ev1", end: datetime | None = None,
                  title: str = "Interview: Alex Kim / Data Engineer (Acme)") -> EventSpec:
        end = end or self.clock.now() + timedelta(hours=1)
        spec = EventSpec(
            id=event_id, title=title, start=end - timedelta(hours=1), end=end,
            organizer=PersonSpec("rita.ruiz@acme.com", "Rita Ruiz"),
            attendees=(AttendeeSpec(owner, "Alex Kim", "accepted"),
                       AttendeeSpec("jane.doe@acme.com", "Jane Doe", "accepted")))
        self.control.put_event(owner, spec)
        return spec


@pytest.fixture(params=["gmail", "outlook"])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    provider: ProviderName = request.param
    clock = VirtualClock(START)
    emulator = Emulator(clock)
    with EmulatorServer(emulator) as server:
        settings = load_settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path}/t.db",
                                 **emulator_settings(server))
        database = make_engine(settings.database)
        upgrade(database)
        yield World(provider, clock, emulator, emulator.control(provider), settings,
                    session_factory(database), Connectors(settings, clock))
        database.dispose()
