"""Engines, sessions and migrations.

SQLite is the embedded default and is set up to be a serious one: WAL (readers never wait
for the writer, a commit is one append), ``synchronous=NORMAL`` (durable at each WAL
checkpoint, safe against corruption), a busy timeout for other processes, and, inside a
process, one transaction at a time (:func:`transaction` takes a lock per database), so the
pool's threads queue in Python instead of failing with "database is locked".
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from service.resources import resource_dir

MIGRATIONS_DIR = resource_dir("migrations")


# Connections a worker uses besides its pass threads: the lease heartbeat, the scheduler's
# claims, the ops endpoints (metrics read the database) and the web app.
SIDE_CONNECTIONS = 4


def make_engine(url: URL | str, *, threads: int | None = None, **kwargs: Any) -> Engine:
    """``threads``: how many threads of this process use the database at once. The pool
    keeps that many connections open (and the side ones): a connection beyond the pool's
    size is closed when it is returned, so a pool smaller than its users opens and closes
    a connection, a server process on PostgreSQL, at nearly every transaction."""
    if threads is not None and not _in_memory(url):
        kwargs.setdefault("pool_size", threads + SIDE_CONNECTIONS)
        kwargs.setdefault("max_overflow", threads)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _in_memory(url: URL | str) -> bool:
    """An in-memory SQLite database: one connection per thread, no pool to size."""
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINTs; SQLAlchemy emits BEGIN instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")  # a no-op for :memory: (it stays "memory")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


_WRITERS: dict[str, threading.RLock] = {}
_AUTOCOMMIT: weakref.WeakKeyDictionary[Engine, sessionmaker[Session]] = \
    weakref.WeakKeyDictionary()
_CACHES_GUARD = threading.Lock()  # for the two caches above, filled once per database


def _one_writer(factory: sessionmaker[Session]) -> threading.RLock | nullcontext[None]:
    """SQLite has one writer at a time: a process-wide lock per database file (re-entrant:
    a token saver may commit while its caller's block is open). PostgreSQL: none."""
    bind = factory.kw.get("bind")
    if not isinstance(bind, Engine) or bind.dialect.name != "sqlite":
        return nullcontext()
    key = str(bind.url)
    with _CACHES_GUARD:
        return _WRITERS.setdefault(key, threading.RLock())


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back if it raises. Keep it
    short (no provider call inside): on SQLite it holds the process's write turn."""
    with _one_writer(factory), factory() as session, session.begin():
        yield session


def _autocommit(factory: sessionmaker[Session]) -> sessionmaker[Session] | None:
    engine = factory.kw.get("bind")
    if not isinstance(engine, Engine) or engine.dialect.name == "sqlite":
        return None
    found = _AUTOCOMMIT.get(engine)  # every claim and idle release: no lock once made
    if found is None:
        with _CACHES_GUARD:
            # the same pool; each connection is in autocommit while it is checked out
            found = _AUTOCOMMIT.setdefault(engine, session_factory(
                engine.execution_options(isolation_level="AUTOCOMMIT")))
    return found


@contextmanager
def single_statement(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work that is ONE statement (a claim, an idle pass's release). On
    PostgreSQL it is sent in autocommit, the statement its own transaction: one round trip
    and one commit instead of BEGIN, the statement, COMMIT. On SQLite: :func:`transaction`
    (the writer's turn is needed either way)."""
    autocommit = _autocommit(factory)
    if autocommit is None:
        with transaction(factory) as session:
            yield session
        return
    with autocommit() as session:
        yield session


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations (``followup db upgrade``, and at every start)."""
    command.upgrade(alembic_config(engine), revision)


def unreachable(error: BaseException) -> bool:
    """Whether a database error means the server cannot be reached or is not answering
    (down, restarting, the network, a lock timeout), as opposed to a bad statement."""
    if isinstance(error, OperationalError | InterfaceError):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated
