"""What the provider contract suite needs from each provider, in one shape.

``tests/providers/harness_google.py`` and ``harness_microsoft.py`` each offer
``make_harness(server, clock, local_part) -> Harness``: a fresh mailbox on the shared emulator
server, the provider's real OAuth flow and adapter pointed at it, and the few
provider-specific levers the suite pulls (the consent page, making cursors stale).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from html import unescape
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import MailboxControl
from providers.emulator.server import EmulatorServer
from providers.interface import MailboxProvider, OAuthFlow, TokenSaver
from providers.model import Connection, ProviderName, Tokens
from providers.retry import RetryPolicy

REDIRECT_URI = "http://127.0.0.1:8765/oauth/callback"
# Fast enough for tests, as bounded as production: waits go through the clock anyway.
TEST_RETRY = RetryPolicy(max_attempts=5, base_delay=0.5, max_delay=30.0)
_GATE_TIMEOUT = 30.0


class RetryGate:
    """The clock the adapter is given: the emulator's virtual "now", and a ``sleep`` that a
    test can hold closed, so that it acts between a failed attempt and the retry."""

    def __init__(self, clock: VirtualClock) -> None:
        self._clock = clock
        self._open = threading.Event()
        self._open.set()
        self.waiting = threading.Event()  # set when a sleep is held at the closed gate
        self.sleeps: list[float] = []

    def now(self) -> datetime:
        return self._clock.now()

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self._clock.sleep(seconds)
        if not self._open.is_set():
            self.waiting.set()
            if not self._open.wait(_GATE_TIMEOUT):
                raise RuntimeError("the retry gate was never opened")

    def close(self) -> None:
        self.waiting.clear()
        self._open.clear()

    def open(self) -> None:
        self._open.set()


# tokens, token_saver, clock, timeout, retry -> a connected adapter
ProviderFactory = Callable[[Tokens, TokenSaver, RetryGate, float, RetryPolicy], MailboxProvider]


@dataclass
class Harness:
    name: ProviderName
    emulator: Emulator
    control: MailboxControl
    address: str
    owner_name: str
    timezone: str
    clock: VirtualClock  # shared with the emulator
    gate: RetryGate  # what the adapters get as their Clock
    oauth: OAuthFlow
    # Plays the browser: from the authorization URL through the provider's sign-in and
    # consent pages, approving as ``address``; returns the URL it is redirected to.
    consent: Callable[[str], str]
    build: ProviderFactory
    expire_calendar_cursor: Callable[[], None]
    expire_mail_cursor: Callable[[], None]
    idle_sync_requests: int  # HTTP requests an idle sync may cost: 2 on Gmail, 1 on Outlook
    # The API calls behind those requests, as the emulator meters them: a batch envelope
    # and each call it carried count apart (Outlook: one $batch of three deltas). None: the
    # calls are the requests (no batching in an idle sync).
    idle_sync_calls: Mapping[str, int] | None = None
    redirect_uri: str = REDIRECT_URI
    saved_tokens: list[Tokens] = field(default_factory=list)
    connection: Connection | None = None
    _provider: MailboxProvider | None = None

    @property
    def provider(self) -> MailboxProvider:
        if self._provider is None:
            raise RuntimeError("connect() first")
        return self._provider

    def connect(self) -> Connection:
        """The full sign-in: authorization URL (PKCE), consent page, code exchange; then an
        adapter built from the tokens, as the service would store them."""
        request = self.oauth.authorization_request(self.redirect_uri)
        landed = parse_qs(urlsplit(self.consent(request.url)).query)
        if landed.get("state") != [request.state]:
            raise AssertionError(f"state came back as {landed.get('state')}")
        (code,) = landed["code"]
        self.connection = self.oauth.exchange_code(code, self.redirect_uri,
                                                   request.code_verifier)
        self._provider = self.new_provider()
        return self.connection

    def new_provider(self, *, timeout: float = 10.0,
                     retry: RetryPolicy = TEST_RETRY) -> MailboxProvider:
        """Another adapter on the latest stored tokens (e.g. with a shorter timeout)."""
        if self.connection is None:
            raise RuntimeError("connect() first")
        tokens = self.saved_tokens[-1] if self.saved_tokens else self.connection.tokens
        return self.build(tokens, self.saved_tokens.append, self.gate, timeout, retry)

    def api_total(self) -> int:
        return sum(self.control.api_calls(self.address).values())

    def api_calls_during(self, action: Callable[[], object]) -> dict[str, int]:
        """The API calls (by method) the mailbox received while ``action`` ran."""
        before = self.control.api_calls(self.address)
        action()
        after = self.control.api_calls(self.address)
        return {method: count - before.get(method, 0) for method, count in after.items()
                if count != before.get(method, 0)}


_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
_ACTION = re.compile(r'<form method="post" action="([^"]+)"')


def approve_consent(address: str, server: EmulatorServer, login_field: str
                    ) -> Callable[[str], str]:
    """Plays the browser on the emulator's consent page: signs in as ``address`` (the form
    field is ``login_field``), approves, and returns the URL it is redirected to."""

    def consent(authorization_url: str) -> str:
        with httpx.Client(verify=server.tls.client_context(), follow_redirects=False,
                          timeout=10.0) as browser:
            page = browser.get(authorization_url)
            page.raise_for_status()
            action = _ACTION.search(page.text)
            if action is None:
                raise AssertionError("no consent form on the sign-in page")
            form = {name: unescape(value) for name, value in _HIDDEN.findall(page.text)}
            form.update({login_field: address, "decision": "approve"})
            answer = browser.post(urljoin(authorization_url, unescape(action.group(1))),
                                  data=form)
            if answer.status_code != 302:
                raise AssertionError(f"consent answered {answer.status_code}: {answer.text}")
            return answer.headers["location"]

    return consent
