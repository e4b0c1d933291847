"""The migrations produce exactly the models' schema, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from service.store.db import make_engine, upgrade
from service.store.models import Account, Base


def test_migrations_match_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_savepoint_isolation_keeps_times_aware(db_session: Session) -> None:
    connected = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
    db_session.add(Account(provider="gmail", email="a@example.com", timezone="UTC",
                           sealed_tokens=b"x", connected_at=connected))
    db_session.commit()
    stored = db_session.scalars(select(Account)).one()
    assert stored.connected_at == connected
    assert stored.connected_at.tzinfo is not None


@pytest.mark.parametrize("round_", [1, 2])
def test_each_test_starts_empty(db_session: Session, round_: int) -> None:
    assert db_session.scalars(select(Account)).all() == []
    db_session.add(Account(provider="outlook", email=f"b{round_}@example.com", timezone="UTC",
                           sealed_tokens=b"x", connected_at=datetime.now(UTC)))
    db_session.commit()


def test_upgrading_an_old_sqlite_database_keeps_its_rows(tmp_path: Path) -> None:
    """SQLite migrations rebuild tables (copy, drop, rename): with foreign keys on, dropping
    the old accounts table would cascade into every interview, note and draft."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO accounts (id, provider, email, timezone, sealed_tokens, status, "
            "connected_at) VALUES (1, 'gmail', 'a@example.com', 'UTC', X'00', 'active', "
            "'2026-05-01 09:00:00')"))
        connection.execute(text(
            "INSERT INTO interviews (id, account_id, event_id, title, start, \"end\", status, "
            "stage, invite, reasons, first_seen_at, updated_at) VALUES (1, 1, 'ev1', 'x', "
            "'2026-05-02 09:00:00', '2026-05-02 10:00:00', 'done', 'interview', '[]', '[]', "
            "'2026-05-01 09:00:00', '2026-05-01 09:00:00')"))
        connection.execute(text(
            "INSERT INTO notes (id, interview_id, topic, created_at) VALUES "
            "(1, 1, 'the pipeline', '2026-05-02 11:00:00')"))
    upgrade(engine)
    with engine.connect() as connection:
        counts = [connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                  for table in ("accounts", "owners", "interviews", "notes")]
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
    assert counts == [1, 1, 1, 1]
