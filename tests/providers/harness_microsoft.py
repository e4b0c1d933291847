"""The contract-suite harness for Outlook (msal + Microsoft Graph v1.0) on the emulator."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from urllib.parse import urljoin

import httpx

from providers.clock import VirtualClock
from providers.emulator.server import EmulatorServer
from providers.interface import MailboxProvider, TokenSaver
from providers.microsoft.adapter import OutlookProvider
from providers.microsoft.endpoints import MicrosoftEndpoints
from providers.microsoft.oauth import MicrosoftOAuth
from providers.model import Tokens
from providers.retry import RetryPolicy
from tests.providers.harness import Harness, RetryGate

CLIENT_ID = "5f0c1d8e-1b7a-4c1e-9a55-contract00001"
CLIENT_SECRET = "contract-secret"
OWNER_NAME = "Robin Lee"
TIMEZONE = "Europe/Berlin"
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
_ACTION = re.compile(r'<form method="post" action="([^"]+)"')


def endpoints_for(server: EmulatorServer) -> MicrosoftEndpoints:
    # https only: msal refuses an http authority, and Graph is https anyway.
    return MicrosoftEndpoints(
        authority=f"{server.https_url}/common",
        graph_root=f"{server.https_url}/v1.0",
        ca_bundle=str(server.ca_path),
    )


def consent_as(address: str, server: EmulatorServer) -> Callable[[str], str]:
    """Plays the browser on the emulator's sign-in and consent page."""

    def consent(authorization_url: str) -> str:
        with httpx.Client(verify=server.tls.client_context(), follow_redirects=False,
                          timeout=10.0) as browser:
            page = browser.get(authorization_url)
            page.raise_for_status()
            action = _ACTION.search(page.text)
            if action is None:
                raise AssertionError("no consent form on the sign-in page")
            form = {name: unescape(value) for name, value in _HIDDEN.findall(page.text)}
            form.update(login=address, decision="approve")
            answer = browser.post(urljoin(authorization_url, unescape(action.group(1))),
                                  data=form)
            if answer.status_code != 302:
                raise AssertionError(f"consent answered {answer.status_code}: {answer.text}")
            return answer.headers["location"]

    return consent


def make_harness(server: EmulatorServer, clock: VirtualClock, local_part: str) -> Harness:
    emulator = server.emulator
    microsoft = emulator.microsoft
    address = f"{local_part}@contoso.example"
    microsoft.add_mailbox(address, OWNER_NAME, TIMEZONE)
    endpoints = endpoints_for(server)
    gate = RetryGate(clock)
    oauth = MicrosoftOAuth(CLIENT_ID, CLIENT_SECRET, endpoints, gate, timeout=10.0)

    def build(tokens: Tokens, saver: TokenSaver, gate: RetryGate, timeout: float,
              retry: RetryPolicy) -> MailboxProvider:
        return OutlookProvider(address, tokens, saver, oauth, gate, retry=retry,
                               timeout=timeout)

    return Harness(
        name="outlook",
        emulator=emulator,
        control=microsoft,
        address=address,
        owner_name=OWNER_NAME,
        timezone=TIMEZONE,
        clock=clock,
        gate=gate,
        oauth=oauth,
        consent=consent_as(address, server),
        build=build,
        expire_calendar_cursor=lambda: microsoft.expire_sync_state(address),
        expire_mail_cursor=lambda: microsoft.expire_sync_state(address),
        idle_sync_requests=1,
        # One $batch carrying the calendarView delta and the Inbox and Sent Items deltas.
        idle_sync_calls={"graph.batch": 1, "graph.calendarView.delta": 1,
                         "graph.mailFolders.messages.delta": 2},
    )
