"""Several workers on one PostgreSQL: accounts and outbox rows are claimed with leases
(FOR UPDATE SKIP LOCKED), so each draft is written once however many workers run."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, PersonSpec
from providers.emulator.server import EmulatorServer
from providers.model import ProviderName
from service.config import load_settings
from service.engine.connectors import Connectors, emulator_settings
from service.engine.runner import Engine
from service.store.db import make_engine, session_factory, upgrade
from service.token_vault import TokenVault

pytestmark = pytest.mark.postgres


def test_four_workers_write_each_draft_once(scratch_postgres_url: str, tmp_path: Path) -> None:
    start = datetime(2026, 6, 1, 14, 0, tzinfo=UTC)
    clock = VirtualClock(start)
    emulator = Emulator(clock)
    with EmulatorServer(emulator) as server:
        settings = load_settings(data_dir=tmp_path, database_url=scratch_postgres_url,
                                 **emulator_settings(server))
        database = make_engine(settings.database, pool_size=8)
        upgrade(database)
        factory = session_factory(database)
        connectors = Connectors(settings, clock)
        vault = TokenVault(settings.secret_key())
        workers = [Engine(factory, vault, clock, connectors.mailbox, timedelta(minutes=5),
                          worker_id=f"w{i}") for i in range(4)]
        owners = []
        for index in range(6):
            provider: ProviderName = "gmail" if index % 2 == 0 else "outlook"
            control = emulator.control(provider)
            domain = "gmail.com" if provider == "gmail" else "outlook.com"
            owner = f"owner{index}@{domain}"
            control.add_mailbox(owner, f"Owner {index}", "Europe/Berlin")
            control.put_event(owner, EventSpec(
                id=f"ev{index}", title="Interview: Owner / Backend Engineer (Initech)",
                start=start, end=start + timedelta(hours=1),
                organizer=PersonSpec("lena.vogel@initech.io", "Lena Vogel"),
                attendees=(AttendeeSpec(owner, f"Owner {index}", "accepted"),
                           AttendeeSpec("tom.becker@initech.io", "Tom Becker", "accepted"),
                           AttendeeSpec("priya.nair@initech.io", "Priya Nair", "accepted"))))
            workers[0].add_account(provider, connectors.connect_with_grant(provider, control,
                                                                           owner))
            owners.append((control, owner))
        clock.set(start + timedelta(hours=1))
        errors: list[BaseException] = []

        def work(engine: Engine) -> None:
            try:
                for _ in range(3):
                    engine.tick()
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(w,)) for w in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert errors == []
        for control, owner in owners:
            drafts = control.drafts(owner)
            assert sorted(d.to[0] for d in drafts) == ["priya.nair@initech.io",
                                                      "tom.becker@initech.io"], owner
        database.dispose()
