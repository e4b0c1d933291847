"""One process, many Google accounts: the API objects and connections are shared
(:class:`GoogleClients`), each account's credentials go with each of its requests.

googleapiclient's thread-safety notes: an httplib2.Http is not thread-safe, each thread needs
its own, passed to ``execute``
(https://googleapis.github.io/google-api-python-client/docs/thread_safety.html).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from providers.clock import VirtualClock
from providers.emulator.control import AttendeeSpec, EventSpec
from providers.emulator.server import EmulatorServer
from providers.google.adapter import GmailProvider
from providers.google.clients import GoogleClients
from providers.interface import SyncWindow
from providers.model import Tokens
from tests.providers.harness import TEST_RETRY, Harness
from tests.providers.harness_google import CLIENT, endpoints_for, make_harness

THREADS = 4
SYNCS_PER_ACCOUNT = 6


def _account(server: EmulatorServer, clock: VirtualClock, name: str, events: int) -> Harness:
    harness = make_harness(server, clock, name)
    harness.connect()
    for index in range(events):
        start = clock.now() + timedelta(days=index + 1)
        harness.control.put_event(harness.address, EventSpec(
            id=f"{name}-ev-{index}", title=f"Interview {index}", start=start,
            end=start + timedelta(hours=1),
            attendees=(AttendeeSpec("jane.doe@acme.com", "Jane Doe"),)))
    return harness


def _adapter(harness: Harness, clients: GoogleClients) -> GmailProvider:
    assert harness.connection is not None
    tokens: Tokens = harness.connection.tokens
    return GmailProvider(client=CLIENT, tokens=tokens, token_saver=harness.saved_tokens.append,
                         owner_email=harness.address, clock=harness.gate, retry=TEST_RETRY,
                         timeout=10.0, clients=clients)


def test_accounts_syncing_at_once_over_shared_clients_each_see_only_their_own(
        emulator_server: EmulatorServer, emulator_clock: VirtualClock) -> None:
    accounts = [_account(emulator_server, emulator_clock, f"shared{index}", events=index + 1)
                for index in range(3)]
    clients = GoogleClients(endpoints_for(emulator_server))
    now = emulator_clock.now()
    window = SyncWindow(now - timedelta(days=30), now + timedelta(days=60))

    def sync(harness: Harness) -> tuple[str, list[str]]:
        adapter = _adapter(harness, clients)
        try:
            result = adapter.sync(None, None, window)
        finally:
            adapter.close()
        return harness.address, sorted(event.id for event in result.calendar.events)

    try:
        with ThreadPoolExecutor(THREADS) as pool:
            seen = list(pool.map(sync, accounts * SYNCS_PER_ACCOUNT))
    finally:
        clients.close()
    expected = {harness.address: sorted(f"shared{index}-ev-{n}" for n in range(index + 1))
                for index, harness in enumerate(accounts)}
    assert len(seen) == len(accounts) * SYNCS_PER_ACCOUNT
    for address, events in seen:
        assert events == expected[address]


def test_a_request_without_an_account_is_never_sent(
        emulator_server: EmulatorServer, emulator_clock: VirtualClock) -> None:
    harness = _account(emulator_server, emulator_clock, "unbound", events=0)
    clients = GoogleClients(endpoints_for(emulator_server))
    before = harness.control.api_calls()
    with pytest.raises(RuntimeError, match="without credentials"):
        clients.apis.events.list(calendarId="primary").execute()
    assert harness.control.api_calls() == before


def test_an_account_refreshes_its_own_token_over_shared_clients(
        emulator_server: EmulatorServer, emulator_clock: VirtualClock) -> None:
    first, second = (_account(emulator_server, emulator_clock, f"refresh{n}", events=1)
                     for n in range(2))
    clients = GoogleClients(endpoints_for(emulator_server))
    stale = first.connection
    assert stale is not None
    expired = Tokens(access_token="revoked-or-expired", refresh_token=stale.tokens.refresh_token,
                     expires_at=stale.tokens.expires_at, scopes=stale.tokens.scopes)
    now = emulator_clock.now()
    window = SyncWindow(now - timedelta(days=30), now + timedelta(days=60))
    refreshed: list[Tokens] = []
    adapter = GmailProvider(client=CLIENT, tokens=expired, token_saver=refreshed.append,
                            owner_email=first.address, clock=first.gate, retry=TEST_RETRY,
                            timeout=10.0, clients=clients)
    other = _adapter(second, clients)
    try:
        assert [e.id for e in adapter.sync(None, None, window).calendar.events] == [
            "refresh0-ev-0"]
        assert [e.id for e in other.sync(None, None, window).calendar.events] == [
            "refresh1-ev-0"]
    finally:
        clients.close()
    (saved,) = refreshed
    assert saved.access_token != "revoked-or-expired"
    assert second.saved_tokens == []
