"""One app, many Outlook mailboxes: one httpx client for all of them, msal's cache kept empty,
and at most four requests in flight per mailbox.

Outlook's limit is four concurrent requests per app and mailbox, and Graph runs up to four
requests of a JSON batch at once ("Outlook service limits",
https://learn.microsoft.com/en-us/graph/throttling-limits#outlook-service-limits).
"""

from __future__ import annotations

import ssl
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import msal

from providers.clock import VirtualClock
from providers.emulator.server import EmulatorServer
from providers.microsoft.adapter import OutlookProvider
from providers.microsoft.oauth import MicrosoftOAuth
from providers.microsoft.transport import MAILBOX_CONCURRENCY, MailboxGate
from tests.providers.harness import TEST_RETRY, Harness
from tests.providers.harness_microsoft import (
    CLIENT_ID,
    CLIENT_SECRET,
    endpoints_for,
    make_harness,
)

HOLD_DEADLINE = 10.0  # seconds a held request waits for the others, at most


class HoldingTransport(httpx.BaseTransport):
    """The real transport, holding every Graph request until ``release_at`` of them are in
    flight together (then letting all through), and noting the most in flight per mailbox."""

    def __init__(self, ca_path: str, mailboxes: dict[str, str], release_at: int) -> None:
        self._inner = httpx.HTTPTransport(verify=ssl.create_default_context(cafile=ca_path))
        self._mailboxes = mailboxes  # access token -> mailbox
        self._release_at = release_at
        self._changed = threading.Condition()
        self._released = False
        self.in_flight: Counter[str] = Counter()
        self.most: Counter[str] = Counter()
        self.most_together = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        mailbox = self._mailboxes.get(token)
        if mailbox is None:  # the token endpoint, the authority's metadata
            return self._inner.handle_request(request)
        with self._changed:
            self.in_flight[mailbox] += 1
            self.most[mailbox] = max(self.most[mailbox], self.in_flight[mailbox])
            together = sum(self.in_flight.values())
            self.most_together = max(self.most_together, together)
            self._released = self._released or together >= self._release_at
            self._changed.notify_all()
            self._changed.wait_for(lambda: self._released, timeout=HOLD_DEADLINE)
        try:
            return self._inner.handle_request(request)
        finally:
            with self._changed:
                self.in_flight[mailbox] -= 1

    def close(self) -> None:
        self._inner.close()


def _mailbox(server: EmulatorServer, clock: VirtualClock, name: str) -> Harness:
    harness = make_harness(server, clock, name)
    harness.connect()
    return harness


def test_at_most_four_requests_per_mailbox_are_in_flight_and_others_are_not_held_back(
        emulator_server: EmulatorServer, emulator_clock: VirtualClock) -> None:
    busy = _mailbox(emulator_server, emulator_clock, "busy-mailbox")
    quiet = _mailbox(emulator_server, emulator_clock, "quiet-mailbox")
    assert busy.connection is not None and quiet.connection is not None
    busy_workers, quiet_workers = 7, 3
    wire = HoldingTransport(
        str(emulator_server.ca_path),
        {busy.connection.tokens.access_token: busy.address,
         quiet.connection.tokens.access_token: quiet.address},
        release_at=MAILBOX_CONCURRENCY + quiet_workers)
    oauth = MicrosoftOAuth(CLIENT_ID, CLIENT_SECRET, endpoints_for(emulator_server),
                           busy.gate, http_transport=wire)

    def look_up(job: tuple[Harness, int]) -> None:
        harness, number = job
        assert harness.connection is not None
        # A pass and owner actions at once: several adapters for one mailbox.
        adapter = OutlookProvider(harness.address, harness.connection.tokens, lambda _: None,
                                  oauth, harness.gate, retry=TEST_RETRY)
        try:
            assert adapter.find_draft(f"no-such-draft-{number}") is None
        finally:
            adapter.close()

    jobs = [(busy, n) for n in range(busy_workers)] + [(quiet, n) for n in range(quiet_workers)]
    try:
        with ThreadPoolExecutor(len(jobs)) as pool:
            list(pool.map(look_up, jobs))
    finally:
        oauth.close()
    assert wire.most[busy.address] == MAILBOX_CONCURRENCY
    assert wire.most[quiet.address] == quiet_workers
    assert wire.most_together == MAILBOX_CONCURRENCY + quiet_workers


def test_a_batch_takes_the_slots_outlook_runs_it_on() -> None:
    gate = MailboxGate()
    entered = threading.Event()

    def single_request() -> None:
        with gate.held():
            entered.set()

    with gate.held(slots=20):  # a $batch of 20 GETs: Outlook runs four at once
        worker = threading.Thread(target=single_request)
        worker.start()
        assert not entered.wait(0.2)
    worker.join(HOLD_DEADLINE)
    assert entered.is_set()


def test_the_app_keeps_no_account_tokens_in_memory(
        emulator_server: EmulatorServer, emulator_clock: VirtualClock) -> None:
    first = _mailbox(emulator_server, emulator_clock, "cache-first")
    second = _mailbox(emulator_server, emulator_clock, "cache-second")
    assert isinstance(first.oauth, MicrosoftOAuth) and second.connection is not None
    # One app for both: the second mailbox's refresh goes through the first one's app.
    assert second.connection.tokens.refresh_token
    refreshed = first.oauth.refresh(second.connection.tokens.refresh_token)
    assert refreshed.access_token and refreshed.access_token != (
        second.connection.tokens.access_token)
    cache = first.oauth._msal().token_cache
    kinds = msal.TokenCache.CredentialType
    for kind in (kinds.ACCESS_TOKEN, kinds.REFRESH_TOKEN, kinds.ID_TOKEN, kinds.ACCOUNT):
        assert list(cache.search(kind)) == []
