"""A worker's connections to PostgreSQL: a pool as large as its threads keeps them (a
smaller one opens and closes one, a server process, at nearly every transaction), and a
single statement goes in autocommit (no BEGIN and COMMIT round trips)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from service.store.db import make_engine, session_factory, single_statement, transaction

pytestmark = pytest.mark.postgres

THREADS = 8
ROUNDS = 10


def _backends_seen(threads: int | None, postgres_url: str) -> int:
    """How many PostgreSQL server processes served THREADS threads that all use the
    database at once, then all let go (a pass's transactions between provider calls)."""
    database = make_engine(postgres_url, threads=threads)
    factory = session_factory(database)
    seen: set[int] = set()
    lock = threading.Lock()
    together = threading.Barrier(THREADS, timeout=30)

    def work() -> None:
        for _ in range(ROUNDS):
            with transaction(factory) as session:
                pid = session.scalar(text("SELECT pg_backend_pid()"))
                together.wait()  # every thread holds a connection now
            with lock:
                seen.add(int(pid or 0))
            together.wait()  # and every one has given it back

    runners = [threading.Thread(target=work) for _ in range(THREADS)]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join()
    database.dispose()
    return len(seen)


def test_a_pool_sized_to_the_threads_keeps_its_connections(postgres_url: str) -> None:
    assert _backends_seen(THREADS, postgres_url) == THREADS
    # SQLAlchemy's default (5 kept, more opened on demand and closed when given back): a
    # new server process for each thread beyond 5, at every round
    assert _backends_seen(None, postgres_url) > THREADS * 2


def test_a_single_statement_is_sent_in_autocommit(postgres_url: str) -> None:
    # a transaction's now() is its start: equal to the statement's start only in its first
    # statement, so in autocommit always
    first_and_only = text("SELECT now() = statement_timestamp()")
    database = make_engine(postgres_url, threads=1)
    factory = session_factory(database)
    try:
        for _ in range(2):
            with single_statement(factory) as session:
                assert session.scalar(first_and_only) is True
                assert session.scalar(first_and_only) is True  # each its own transaction
            # the connection went back to the pool out of autocommit
            with transaction(factory) as session:
                session.execute(text("SELECT 1"))
                assert session.scalar(first_and_only) is False
    finally:
        database.dispose()
