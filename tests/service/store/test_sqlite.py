"""SQLite as the embedded default: WAL, synchronous=NORMAL, and one writer at a time in a
process, so that a pool of passes never fails with "database is locked"."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select, text

from service.store.db import make_engine, session_factory, transaction, upgrade
from service.store.models import Owner


def test_a_file_database_runs_in_wal_with_normal_sync(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'f.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        assert (connection.execute(text("PRAGMA busy_timeout")).scalar() or 0) >= 5000
    engine.dispose()


def test_many_threads_writing_at_once_all_commit(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'f.db'}", pool_size=8)
    upgrade(engine)
    factory = session_factory(engine)
    errors: list[BaseException] = []

    def write(thread: int) -> None:
        try:
            for index in range(25):
                with transaction(factory) as session:
                    # read, then write: the upgrade from reader to writer is where two
                    # connections without a shared turn collide
                    session.scalar(select(func.count(Owner.id)))
                    session.add(Owner(name=f"{thread}-{index}",
                                      created_at=datetime(2026, 6, 1, tzinfo=UTC)))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with transaction(factory) as session:
        assert session.scalar(select(func.count(Owner.id))) == 200
    engine.dispose()
