"""Claims partition the due accounts between workers, and leases recover fast: on a real
PostgreSQL (FOR UPDATE SKIP LOCKED) and on SQLite (one writer)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from service.store import leases
from service.store.db import make_engine, session_factory, transaction, upgrade
from service.store.models import Account, OutboxItem

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def factory(scratch_postgres_url: str) -> Iterator[sessionmaker[Session]]:
    database = make_engine(scratch_postgres_url)
    upgrade(database)
    yield session_factory(database)
    database.dispose()


def seed(factory: sessionmaker[Session], count: int, name: str = "owner",
         **values: object) -> list[int]:
    with transaction(factory) as session:
        accounts = [Account(provider="gmail", email=f"{name}{i}@gmail.com", timezone="UTC",
                            sealed_tokens=b"x", connected_at=NOW - timedelta(days=1),
                            next_sync_at=NOW - timedelta(minutes=1), **values)
                    for i in range(count)]
        session.add_all(accounts)
        session.flush()
        return [a.id for a in accounts]


pg = pytest.mark.postgres


@pg
def test_two_workers_claiming_at_once_get_disjoint_accounts(
        factory: sessionmaker[Session]) -> None:
    ids = seed(factory, 10)
    first, second = factory(), factory()
    try:
        first.begin()
        mine = leases.claim_due(first, "w1", NOW, 6)  # rows locked, not yet committed
        second.begin()
        theirs = leases.claim_due(second, "w2", NOW, 6)  # skips the locked rows
        first.commit()
        second.commit()
    finally:
        first.close()
        second.close()
    claimed_by_first = {c.account_id for c in mine}
    claimed_by_second = {c.account_id for c in theirs}
    assert len(claimed_by_first) == 6 and len(claimed_by_second) == 4
    assert claimed_by_first.isdisjoint(claimed_by_second)
    assert claimed_by_first | claimed_by_second == set(ids)
    with transaction(factory) as session:
        owners = dict(session.execute(select(Account.id, Account.lease_owner)).all())
        assert leases.claim_due(session, "w3", NOW, 10) == []  # all leased
    assert {owners[i] for i in claimed_by_first} == {"w1"}
    assert {owners[i] for i in claimed_by_second} == {"w2"}


@pg
def test_a_dead_workers_accounts_are_taken_once_its_lease_runs_out(
        factory: sessionmaker[Session]) -> None:
    ids = seed(factory, 3)
    with transaction(factory) as session:
        assert len(leases.claim_due(session, "dead", NOW, 10)) == 3  # then it dies
    almost = NOW + leases.ACCOUNT_LEASE - timedelta(seconds=1)
    with transaction(factory) as session:
        assert leases.claim_due(session, "alive", almost, 10) == []
    after = NOW + leases.ACCOUNT_LEASE + timedelta(seconds=1)
    with transaction(factory) as session:
        taken = leases.claim_due(session, "alive", after, 10)
    assert sorted(c.account_id for c in taken) == ids


@pg
def test_a_restarted_worker_takes_its_own_leases_at_once(
        factory: sessionmaker[Session]) -> None:
    ids = seed(factory, 2)
    with transaction(factory) as session:
        assert len(leases.claim_due(session, "w1", NOW, 10)) == 2  # dies mid-pass
        session.add(OutboxItem(account_id=ids[0], op_key="k:create:0", operation="create",
                               payload={}, status="pending", attempts=1, not_before=NOW,
                               lease_owner="w1", lease_until=NOW + timedelta(minutes=1),
                               created_at=NOW))
    other = seed(factory, 1, name="other")
    restart = NOW + timedelta(seconds=5)
    with transaction(factory) as session:
        assert leases.claim_due(session, "w2", restart, 10)[0].account_id == other[0]
    with transaction(factory) as session:
        leases.take_back(session, "w1")  # the same name, a new process
        again = leases.claim_due(session, "w1", restart, 10)
        row = session.scalars(select(OutboxItem)).one()
        assert row.lease_owner is None  # its writes are free to drain too
    assert sorted(c.account_id for c in again) == ids


@pg
def test_renewed_leases_are_not_taken(factory: sessionmaker[Session]) -> None:
    ids = seed(factory, 1)
    with transaction(factory) as session:
        leases.claim_due(session, "slow", NOW, 1)
    later = NOW + leases.RENEW_EVERY * 2
    with transaction(factory) as session:
        assert leases.renew(session, "slow", ids, later) == 1
        assert leases.renew(session, "someone-else", ids, later) == 0
    with transaction(factory) as session:
        assert leases.claim_due(session, "other", NOW + leases.ACCOUNT_LEASE * 1.5, 1) == []


def test_due_work_comes_before_regular_polls(db_session: Session) -> None:
    """An interview's end or a due follow-up (a wake-up) is claimed first, then the
    longest-waiting poll; paused owners, leased and not-yet-due accounts are not."""
    session = db_session

    def account(name: str, **values: object) -> Account:
        row = Account(provider="outlook", email=f"{name}@outlook.com", timezone="UTC",
                      sealed_tokens=b"x", connected_at=NOW, **values)
        session.add(row)
        return row

    old_poll = account("old-poll", next_sync_at=NOW - timedelta(minutes=9))
    woken = account("woken", next_sync_at=NOW + timedelta(minutes=4),
                    wake_at=NOW - timedelta(seconds=30))
    new_poll = account("new-poll", next_sync_at=NOW - timedelta(minutes=1))
    account("later", next_sync_at=NOW + timedelta(minutes=1),
            wake_at=NOW + timedelta(seconds=10))
    account("leased", next_sync_at=NOW, lease_owner="x", lease_until=NOW + timedelta(1))
    paused = account("paused", next_sync_at=NOW)
    paused.owner.paused = True
    session.flush()
    first = leases.claim_due(session, "w", NOW, 1)
    rest = leases.claim_due(session, "w", NOW, 10)
    assert [c.account_id for c in first + rest] == [woken.id, old_poll.id, new_poll.id]
    assert first[0].woken(NOW) and not rest[0].woken(NOW)
    assert leases.claim_due(session, "w", NOW, 10) == []  # all three are leased now
