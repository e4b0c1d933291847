"""What scale asks of the engine: an idle pass costs its requests and one row, a slow
mailbox delays only itself, and two workers split the accounts between them."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine as DatabaseEngine
from sqlalchemy import event, select

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, Faults, PersonSpec
from providers.emulator.server import EmulatorServer
from providers.model import ProviderName
from service.config import load_settings
from service.engine.connectors import Connectors, emulator_settings
from service.engine.policy_runner import due_interviews
from service.engine.runner import Engine, PassReport
from service.store import leases
from service.store.db import make_engine, session_factory, transaction, upgrade
from service.store.models import Account, Interview
from service.token_vault import TokenVault
from tests.service.engine.conftest import World


@contextmanager
def statements(database: DatabaseEngine) -> Iterator[list[str]]:
    """Every SQL statement sent to the database inside the block."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(database, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(database, "before_cursor_execute", record)


def is_claim(statement: str) -> bool:
    return statement.startswith("WITH chosen AS")


def test_an_idle_pass_writes_one_row_and_reads_none_of_its_own(world: World) -> None:
    owner = world.mailbox("idle.owner")
    spec = world.interview(owner, end=world.clock.now() + timedelta(days=2))
    engine = world.engine()
    account_id = world.connect(engine, owner)
    engine.tick()  # the first full sync: the interview is stored, its end is due later
    with transaction(world.factory) as session:
        interview = session.scalars(select(Interview)).one()
        assert interview.due_at == spec.end  # the database knows when it is due
        assert session.get_one(Account, account_id).wake_at == spec.end
        before = session.get_one(Account, account_id).mail_cursor
    database = world.factory.kw["bind"]
    world.clock.advance(timedelta(minutes=5))  # the next poll; nothing changed
    with statements(database) as sql:
        (report,) = engine.tick()
    assert report.synced and report.error is None
    sql = [s for s in sql if s != "BEGIN"]  # SQLite's own, emitted by service.store.db
    in_the_pass = [s for s in sql if not is_claim(s)]
    # the claim returned the account's row: the pass's one statement is its write
    # (cursors, next poll, lease let go)
    assert len(in_the_pass) == 1, in_the_pass
    assert in_the_pass[0].startswith("UPDATE accounts SET calendar_cursor=")
    assert len(sql) <= 3  # with the claim, and the tick's last claim that finds nothing
    with transaction(world.factory) as session:
        account = session.get_one(Account, account_id)
        assert account.next_sync_at == world.clock.now() + timedelta(minutes=5)
        assert account.lease_owner is None and account.wake_at == spec.end
        assert account.mail_cursor is not None and before is not None
    world.clock.set(spec.end)  # now something is due: policy runs and writes the draft
    engine.tick()
    assert [d.to for d in world.control.drafts(owner)] == [("jane.doe@acme.com",)]


def test_when_only_time_passed_policy_decides_the_interviews_that_fell_due(
        world: World) -> None:
    owner = world.mailbox("two.interviews")
    first = world.interview(owner, "ev1", end=world.clock.now() + timedelta(hours=1))
    second = world.interview(owner, "ev2", end=world.clock.now() + timedelta(days=1),
                             title="Interview: Alex Kim / Data Engineer (Initech)")
    engine = world.engine()
    account_id = world.connect(engine, owner)
    engine.tick()
    world.clock.set(first.end)
    with transaction(world.factory) as session:
        woken = session.get_one(Account, account_id).wake_at
        due = due_interviews(session, account_id, world.clock.now(), woken)
        by_event = {i.event_id: i.id for i in session.scalars(select(Interview))}
        assert due == {by_event["ev1"]}  # ev2's time has not come
        # woken by anything else (an owner's setting): every interview is decided
        assert due_interviews(session, account_id, world.clock.now(),
                              woken - timedelta(seconds=1) if woken else None) is None
    engine.tick()
    assert len(world.control.drafts(owner)) == 1
    with transaction(world.factory) as session:
        stored = {i.event_id: i.due_at for i in session.scalars(select(Interview))}
        assert stored["ev2"] == second.end
        assert session.get_one(Account, account_id).wake_at == second.end
    world.clock.set(second.end)
    engine.tick()
    assert len(world.control.drafts(owner)) == 2


def test_what_was_due_stays_due_when_the_pass_fails(world: World) -> None:
    """An interview's end falls due, the provider refuses that pass: the next poll, which
    finds nothing new, still decides it (an idle pass must not swallow due work)."""
    owner = world.mailbox("failing.pass")
    spec = world.interview(owner)
    engine = world.engine()
    account_id = world.connect(engine, owner)
    engine.tick()
    world.clock.set(spec.end)
    world.control.set_faults(Faults(fail_next=[400]), owner)  # a plain error, not a retry
    (failed,) = engine.tick()
    assert failed.error is not None and failed.error_code is not None
    assert world.control.drafts(owner) == []
    with transaction(world.factory) as session:
        assert session.get_one(Account, account_id).wake_at is not None
    world.clock.advance(timedelta(minutes=5))
    engine.tick()
    assert [d.to for d in world.control.drafts(owner)] == [("jane.doe@acme.com",)]


def test_a_slow_mailbox_delays_only_itself(world: World) -> None:
    engine = Engine(world.factory, TokenVault(world.settings.secret_key()), world.clock,
                    world.connectors.mailbox, timedelta(minutes=5), concurrency=4)
    owners = [world.mailbox(f"owner{i}") for i in range(4)]
    slow, fast = owners[0], owners[1:]
    end = world.clock.now() + timedelta(hours=1)
    for owner in owners:
        world.interview(owner, end=end)
        world.connect(engine, owner)
    engine.tick()
    world.clock.set(end)
    world.control.set_faults(Faults(delay_seconds=5.0), slow)  # each answer held 5 s
    try:
        assert engine.pump() == 4  # started, not waited for
        wait_for(lambda: all(world.control.drafts(o) for o in fast), "the fast drafts")
        assert world.control.drafts(slow) == []  # still waiting on its first answer
    finally:
        world.control.set_faults(Faults(), slow)
    wait_for(lambda: bool(world.control.drafts(slow)), "the slow mailbox's draft")
    engine.close()


def test_a_long_pass_keeps_its_lease(world: World) -> None:
    """While a pass waits on a slow mailbox, the heartbeat renews its lease: another
    worker never takes an account that is still being worked on."""
    engine = Engine(world.factory, TokenVault(world.settings.secret_key()), world.clock,
                    world.connectors.mailbox, timedelta(minutes=5), worker_id="beating",
                    concurrency=2, renew_every=timedelta(milliseconds=50))
    owner = world.mailbox("slow.owner")
    account_id = world.connect(engine, owner)
    engine.tick()
    world.clock.advance(timedelta(minutes=5))
    world.control.set_faults(Faults(delay_seconds=2.0), owner)
    started = world.clock.now()
    try:
        assert engine.pump() == 1
        world.clock.advance(leases.ACCOUNT_LEASE * 2)  # the first lease would be over

        def renewed() -> bool:
            with transaction(world.factory) as session:
                lease = session.get_one(Account, account_id).lease_until
            return lease is not None and lease > started + leases.ACCOUNT_LEASE

        wait_for(renewed, "the renewed lease")
        with transaction(world.factory) as session:
            assert leases.claim_due(session, "other", world.clock.now(), 10) == []
    finally:
        world.control.set_faults(Faults(), owner)
    engine.close()
    with transaction(world.factory) as session:
        assert session.get_one(Account, account_id).lease_owner is None  # let go at the end


def wait_for(done: Callable[[], bool], what: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


@pytest.mark.postgres
def test_two_workers_each_sync_half_once(scratch_postgres_url: str, tmp_path: Path) -> None:
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
                          worker_id=f"w{i}", concurrency=2) for i in range(2)]
        accounts = set()
        for index in range(12):
            provider: ProviderName = "gmail" if index % 2 == 0 else "outlook"
            control = emulator.control(provider)
            owner = f"owner{index}@{'gmail.com' if provider == 'gmail' else 'outlook.com'}"
            control.add_mailbox(owner, f"Owner {index}", "Europe/Berlin")
            control.put_event(owner, EventSpec(
                id="ev1", title="Interview: Owner / Backend Engineer (Initech)",
                start=start + timedelta(days=1), end=start + timedelta(days=1, hours=1),
                organizer=PersonSpec("lena.vogel@initech.io", "Lena Vogel"),
                attendees=(AttendeeSpec(owner, f"Owner {index}", "accepted"),
                           AttendeeSpec("tom.becker@initech.io", "Tom Becker", "accepted"))))
            accounts.add(workers[0].add_account(
                provider, connectors.connect_with_grant(provider, control, owner)))
        for cycle in range(2):  # the first full sync, then an idle cycle
            reports: dict[str, list[PassReport]] = {}

            def work(engine: Engine, into: dict[str, list[PassReport]]) -> None:
                into[engine.worker_id] = engine.tick()

            threads = [threading.Thread(target=work, args=(w, reports)) for w in workers]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
            synced = {name: [r.account_id for r in done if r.synced]
                      for name, done in reports.items()}
            assert sorted(synced["w0"] + synced["w1"]) == sorted(accounts), cycle
            assert all(synced.values()), f"one worker did everything in cycle {cycle}"
            clock.advance(timedelta(minutes=5))
        for worker in workers:
            worker.close()
        database.dispose()
