"""Alembic environment: the engine comes from the service (config.attributes["engine"])."""

from __future__ import annotations

from typing import Any

from alembic import context

from service.store.models import Base

config = context.config
engine = config.attributes["engine"]


def _sqlite_foreign_keys(connection: Any, on: bool) -> None:
    """SQLite's batch migrations copy a table, drop the old one and rename the copy: with
    foreign keys on, the drop would cascade into every row that refers to it (an account's
    interviews, notes and drafts). The pragma only takes effect outside a transaction, so it
    is set on the driver's connection before SQLAlchemy begins one."""
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    finally:
        cursor.close()


with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        _sqlite_foreign_keys(connection, on=False)
    try:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=sqlite,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    finally:
        if sqlite:
            _sqlite_foreign_keys(connection, on=True)
