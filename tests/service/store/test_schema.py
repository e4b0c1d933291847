"""The migrations produce exactly the models' schema, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

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
