"""One emulator server for the module's tests, a fresh Outlook mailbox per test, and the real
clients: msal (over requests) for sign-in, httpx for Graph, both trusting only the
emulator's CA."""

from __future__ import annotations

import functools
import itertools
import re
import ssl
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import msal
import pytest
import requests

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import Faults
from providers.emulator.microsoft import MicrosoftEmulator
from providers.emulator.server import EmulatorServer

START = datetime(2026, 8, 17, 13, 0, tzinfo=UTC)  # a Monday
CLIENT_ID = "4a1aa1d5-c567-49d0-ad0b-cd957a47f842"
SCOPES = ("User.Read", "Mail.ReadWrite", "Calendars.Read", "MailboxSettings.Read")
REDIRECT_URI = "http://localhost:8400/auth/microsoft/callback"
_numbers = itertools.count(1)


@dataclass
class Running:
    clock: VirtualClock
    emulator: Emulator
    server: EmulatorServer

    @property
    def microsoft(self) -> MicrosoftEmulator:
        return self.emulator.microsoft

    @property
    def base_url(self) -> str:
        return self.server.https_url

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.server.ca_path))


@pytest.fixture(scope="module")
def running() -> Iterator[Running]:
    clock = VirtualClock(START)
    emulator = Emulator(clock)
    with EmulatorServer(emulator) as server:
        yield Running(clock, emulator, server)


def requests_session(ca_path: str) -> requests.Session:
    """What msal gets as ``http_client``: ``trust_env = False`` because requests lets
    REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override a session's ``verify``."""
    session = requests.Session()
    session.trust_env = False
    session.verify = ca_path
    session.request = functools.partial(session.request, timeout=20)  # type: ignore[method-assign]
    return session


def msal_app(running: Running, tenant: str = "common") -> msal.PublicClientApplication:
    return msal.PublicClientApplication(
        CLIENT_ID,
        authority=f"{running.base_url}/{tenant}",
        http_client=requests_session(str(running.server.ca_path)),
        instance_discovery=False,
        token_cache=msal.TokenCache(),
    )


@dataclass
class Outlook:
    """A signed-in mailbox: its address, tokens, and an httpx client on Graph's root."""

    address: str
    tokens: dict[str, Any]
    graph: httpx.Client
    running: Running

    @property
    def control(self) -> MicrosoftEmulator:
        return self.running.microsoft

    def use_token(self, access_token: str) -> None:
        self.graph.headers["Authorization"] = f"Bearer {access_token}"


def new_address(running: Running, name: str = "Alex Kim",
                timezone: str = "America/New_York") -> str:
    address = f"owner{next(_numbers)}@contoso.example"
    running.microsoft.add_mailbox(address, name, timezone)
    return address


IMMUTABLE_IDS = 'IdType="ImmutableId"'


def _ask_for_immutable_ids(request: httpx.Request) -> None:
    """What the adapter does on every request (the control surface speaks immutable ids)."""
    prefer = request.headers.get("Prefer")
    if prefer is None:
        request.headers["Prefer"] = IMMUTABLE_IDS
    elif "idtype" not in prefer.lower():
        request.headers["Prefer"] = f"{IMMUTABLE_IDS}, {prefer}"


def graph_client(running: Running, access_token: str, immutable_ids: bool = True
                 ) -> httpx.Client:
    return httpx.Client(
        base_url=f"{running.base_url}/v1.0",
        verify=running.ssl_context(),
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=20,
        trust_env=False,
        event_hooks={"request": [_ask_for_immutable_ids] if immutable_ids else []},
    )


def start_flow(app: msal.ClientApplication, **options: Any) -> dict[str, Any]:
    with warnings.catch_warnings():
        # msal recommends form_post; the query mode is what most tests drive.
        warnings.simplefilter("ignore", UserWarning)
        flow: dict[str, Any] = app.initiate_auth_code_flow(
            list(SCOPES), redirect_uri=REDIRECT_URI, **options)
    return flow


def exchange_granted_code(running: Running, code: str, scopes: tuple[str, ...] = SCOPES,
                          app: msal.ClientApplication | None = None) -> dict[str, Any]:
    with warnings.catch_warnings():
        # Without a flow msal calls this deprecated; tools have no flow.
        warnings.simplefilter("ignore", DeprecationWarning)
        result: dict[str, Any] = (app or msal_app(running)).acquire_token_by_authorization_code(
            code, scopes=list(scopes), redirect_uri=REDIRECT_URI)
    return result


def sign_in(running: Running, address: str, scopes: tuple[str, ...] = SCOPES) -> Outlook:
    """The tools' way in: a code from ``grant`` exchanged by msal."""
    code = running.microsoft.grant(address, CLIENT_ID, scopes)
    result = exchange_granted_code(running, code, scopes)
    assert "access_token" in result, result
    return Outlook(address, result, graph_client(running, result["access_token"]), running)


@pytest.fixture
def outlook(running: Running) -> Iterator[Outlook]:
    session = sign_in(running, new_address(running))
    yield session
    session.graph.close()
    running.microsoft.set_faults(Faults(), session.address)


def consent(running: Running, auth_uri: str, login: str, decision: str = "approve"
            ) -> httpx.Response:
    """Drive the consent page as a browser would: load it, submit the form."""
    with httpx.Client(verify=running.ssl_context(), trust_env=False) as browser:
        page = browser.get(auth_uri)
        assert page.status_code == 200, page.text
        flow = re.search(r'name="flow" value="([^"]+)"', page.text)
        action = re.search(r'<form method="post" action="([^"]+)"', page.text)
        assert flow and action
        return browser.post(running.base_url + action.group(1),
                            data={"flow": flow.group(1), "login": login, "decision": decision})


def redirect_params(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(REDIRECT_URI)
    return dict(parse_qsl(urlsplit(location).query))
