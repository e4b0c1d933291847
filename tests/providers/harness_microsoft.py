"""The contract-suite harness for Outlook (msal + Microsoft Graph v1.0) on the emulator."""

from __future__ import annotations

from collections.abc import Callable

from providers.clock import VirtualClock
from providers.emulator.server import EmulatorServer
from providers.interface import MailboxProvider, TokenSaver
from providers.microsoft.adapter import OutlookProvider
from providers.microsoft.endpoints import MicrosoftEndpoints
from providers.microsoft.oauth import MicrosoftOAuth
from providers.model import Tokens
from providers.retry import RetryPolicy
from tests.providers.harness import Harness, RetryGate, approve_consent

CLIENT_ID = "5f0c1d8e-1b7a-4c1e-9a55-contract00001"
CLIENT_SECRET = "contract-secret"
OWNER_NAME = "Robin Lee"
TIMEZONE = "Europe/Berlin"


def endpoints_for(server: EmulatorServer) -> MicrosoftEndpoints:
    # https only: msal refuses an http authority, and Graph is https anyway.
    return MicrosoftEndpoints(
        authority=f"{server.https_url}/common",
        graph_root=f"{server.https_url}/v1.0",
        ca_bundle=str(server.ca_path),
    )


def consent_as(address: str, server: EmulatorServer) -> Callable[[str], str]:
    """Plays the browser on the emulator's sign-in and consent page."""
    return approve_consent(address, server, login_field="login")


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
