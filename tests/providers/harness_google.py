"""The contract-suite harness for Gmail + Google Calendar on the emulator."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from urllib.parse import urljoin

import httpx

from providers.clock import VirtualClock
from providers.emulator.server import EmulatorServer
from providers.google.adapter import GmailProvider
from providers.google.endpoints import GoogleClient, GoogleEndpoints
from providers.google.oauth import GoogleOAuth
from providers.interface import MailboxProvider, TokenSaver
from providers.model import Tokens
from providers.retry import RetryPolicy
from tests.providers.harness import Harness, RetryGate

CLIENT = GoogleClient(client_id="contract-tests.apps.googleusercontent.com",
                      client_secret="contract-secret")
OWNER_NAME = "Alex Kim"
TIMEZONE = "America/New_York"
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
_ACTION = re.compile(r'<form method="post" action="([^"]+)"')


def endpoints_for(server: EmulatorServer) -> GoogleEndpoints:
    # https: requests-oauthlib refuses a plain-http token endpoint, as it should.
    return GoogleEndpoints.under(server.https_url, ca_path=str(server.ca_path))


def consent_as(address: str, server: EmulatorServer) -> Callable[[str], str]:
    def consent(authorization_url: str) -> str:
        with httpx.Client(verify=server.tls.client_context(), follow_redirects=False,
                          timeout=10.0) as browser:
            page = browser.get(authorization_url)
            page.raise_for_status()
            action = _ACTION.search(page.text)
            if action is None:
                raise AssertionError("no consent form on the sign-in page")
            form = {name: unescape(value) for name, value in _HIDDEN.findall(page.text)}
            form.update(email=address, decision="approve")
            answer = browser.post(urljoin(authorization_url, unescape(action.group(1))),
                                  data=form)
            if answer.status_code != 302:
                raise AssertionError(f"consent answered {answer.status_code}: {answer.text}")
            return answer.headers["location"]

    return consent


def make_harness(server: EmulatorServer, clock: VirtualClock, local_part: str) -> Harness:
    emulator = server.emulator
    google = emulator.google
    address = f"{local_part}@gmail.com"
    google.add_mailbox(address, OWNER_NAME, TIMEZONE)
    google.register_client(CLIENT.client_id, CLIENT.client_secret)
    endpoints = endpoints_for(server)

    def build(tokens: Tokens, saver: TokenSaver, gate: RetryGate, timeout: float,
              retry: RetryPolicy) -> MailboxProvider:
        return GmailProvider(client=CLIENT, tokens=tokens, token_saver=saver,
                             owner_email=address, clock=gate, endpoints=endpoints,
                             retry=retry, timeout=timeout)

    consent = consent_as(address, server)
    gate = RetryGate(clock)
    return Harness(
        name="gmail",
        emulator=emulator,
        control=google,
        address=address,
        owner_name=OWNER_NAME,
        timezone=TIMEZONE,
        clock=clock,
        gate=gate,
        oauth=GoogleOAuth(client=CLIENT, clock=gate, endpoints=endpoints, timeout=10.0),
        consent=consent,
        build=build,
        expire_calendar_cursor=lambda: google.expire_sync_tokens(address),
        expire_mail_cursor=lambda: google.expire_history(address),
        idle_sync_requests=2,  # Calendar events.list + Gmail history.list
    )
