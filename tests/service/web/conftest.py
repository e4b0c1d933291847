"""The dashboard on a fresh SQLite database per test (copied from one migrated file), served
in-process by Starlette's TestClient."""

from __future__ import annotations

import re
import shutil
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine as DatabaseEngine
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import StarletteDeprecationWarning
from starlette.responses import Response

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.server import EmulatorServer
from service.config import Settings, load_settings
from service.engine.connectors import Connectors, emulator_settings
from service.engine.runner import Engine
from service.store.db import make_engine, session_factory, transaction, upgrade
from service.token_vault import TokenVault
from service.web.app import create_app
from service.web.context import WebContext
from service.web.sessions import SESSION_COOKIE, Sessions
from tests.service.web.seeding import NOW, Seeded, seed

with warnings.catch_warnings():
    # Starlette now prefers the httpx2 package; the installed httpx works the same here.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient as TestClient

# Provider endpoints on a loopback port nothing listens on: tests never reach the internet.
_CLOSED = "https://127.0.0.1:9"
NOWHERE = {"google_auth_uri": f"{_CLOSED}/o/oauth2/auth", "google_token_uri": f"{_CLOSED}/token",
           "google_userinfo_uri": f"{_CLOSED}/userinfo", "google_revoke_uri": f"{_CLOSED}/revoke",
           "google_api_root": f"{_CLOSED}/", "microsoft_authority": f"{_CLOSED}/common",
           "microsoft_graph_root": f"{_CLOSED}/v1.0"}
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web-db") / "migrated.db"
    database = make_engine(f"sqlite:///{path}")
    upgrade(database)
    database.dispose()
    return path


def fresh_database(migrated: Path, directory: Path) -> str:
    copy = directory / "followup.db"
    shutil.copyfile(migrated, copy)
    return f"sqlite:///{copy}"


@dataclass
class Site:
    client: TestClient
    settings: Settings
    clock: VirtualClock
    factory: sessionmaker[Session]
    vault: TokenVault
    seeded: Seeded
    changes: list[str] = field(default_factory=list)
    passes: list[int] = field(default_factory=list)  # accounts whose pass an action ran

    def csrf(self, path: str = "/") -> str:
        found = CSRF_FIELD.search(self.client.get(path).text)
        if found is None:  # a page without a form (a 404): the dashboard has one
            found = CSRF_FIELD.search(self.client.get("/").text)
        assert found is not None, f"no form on {path} nor on the dashboard"
        return found.group(1)

    def post(self, path: str, data: dict[str, str], *, csrf: bool = True,
             **kwargs: Any) -> httpx.Response:
        form = dict(data)
        if csrf:
            form["csrf"] = self.csrf(path if path != "/signout" else "/")
        answer: httpx.Response = self.client.post(path, data=form, **kwargs)
        return answer

    def sign_in(self, owner_id: int) -> None:
        """What the OAuth callback does at the end: a session, its cookie in this browser."""
        sign_in(self.client, self.settings, self.factory, self.clock, owner_id)

    def sign_out(self) -> None:
        self.client.cookies.delete(SESSION_COOKIE)


def sign_in(client: TestClient, settings: Settings, factory: sessionmaker[Session],
            clock: VirtualClock, owner_id: int) -> None:
    sessions = Sessions(factory, settings.secret_key(), secure=False)
    response = Response()
    with transaction(factory) as session:
        sessions.start(session, owner_id, clock.now(), response)
    cookie = SimpleCookie(response.headers["set-cookie"])
    client.cookies.set(SESSION_COOKIE, cookie[SESSION_COOKIE].value)


def make_context(settings: Settings, clock: VirtualClock, factory: sessionmaker[Session],
                 changes: list[str], passes: list[int] | None = None) -> WebContext:
    connectors = Connectors(settings, clock)
    engine = Engine(factory, TokenVault(settings.secret_key()), clock, connectors.mailbox,
                    poll_interval=timedelta(minutes=5))
    ran = passes if passes is not None else []
    return WebContext(factory=factory, clock=clock, settings=settings, connectors=connectors,
                      engine=engine, on_change=lambda: changes.append("changed"),
                      run_pass=ran.append)


@pytest.fixture
def database(migrated_database: Path, tmp_path: Path) -> Iterator[DatabaseEngine]:
    database = make_engine(fresh_database(migrated_database, tmp_path))
    yield database
    database.dispose()


@pytest.fixture
def site(database: DatabaseEngine, tmp_path: Path) -> Iterator[Site]:
    settings = load_settings(data_dir=tmp_path, database_url=str(database.url),
                             web_port=8400, google_client_id="web-test",
                             microsoft_client_id="web-test", **NOWHERE)
    clock = VirtualClock(NOW)
    factory = session_factory(database)
    vault = TokenVault(settings.secret_key())
    seeded = seed(factory, vault)
    changes: list[str] = []
    passes: list[int] = []
    app = create_app(make_context(settings, clock, factory, changes, passes))
    with TestClient(app, base_url=settings.base_url) as client:
        made = Site(client, settings, clock, factory, vault, seeded, changes, passes)
        made.sign_in(seeded.owner_id)
        yield made


@pytest.fixture(scope="module")
def emulator_clock() -> VirtualClock:
    return VirtualClock(NOW)


@pytest.fixture(scope="module")
def emulator_server(emulator_clock: VirtualClock) -> Iterator[EmulatorServer]:
    with EmulatorServer(Emulator(emulator_clock)) as server:
        yield server


@pytest.fixture
def connect_site(database: DatabaseEngine, tmp_path: Path, emulator_server: EmulatorServer,
                 emulator_clock: VirtualClock) -> Iterator[Site]:
    """A dashboard with no mailbox yet, whose Connect buttons lead to the emulator."""
    settings = load_settings(data_dir=tmp_path, database_url=str(database.url), web_port=8400,
                             **emulator_settings(emulator_server))
    factory = session_factory(database)
    changes: list[str] = []
    app = create_app(make_context(settings, emulator_clock, factory, changes))
    with TestClient(app, base_url=settings.base_url) as client:
        yield Site(client, settings, emulator_clock, factory,
                   TokenVault(settings.secret_key()), Seeded(0, 0, 0, 0, ""), changes)
