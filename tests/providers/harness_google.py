"""The contract-suite harness for Gmail + Google Calendar on the emulator."""

from __future__ import annotations

from collections.abc import Callable

from providers.clock import VirtualClock
from providers.emulator.server import EmulatorServer
from providers.google.adapter import GmailProvider
from providers.google.clients import GoogleClients
from providers.google.endpoints import GoogleClient, GoogleEndpoints
from providers.google.oauth import GoogleOAuth
from providers.interface import MailboxProvider, TokenSaver
from providers.model import Tokens
from providers.retry import RetryPolicy
from tests.providers.harness import Harness, RetryGate, approve_consent

CLIENT = GoogleClient(client_id="contract-tests.apps.googleusercontent.com",
                      client_secret="contract-secret")
OWNER_NAME = "Alex Kim"
TIMEZONE = "America/New_York"


def endpoints_for(server: EmulatorServer) -> GoogleEndpoints:
    # https: requests-oauthlib refuses a plain-http token endpoint, as it should.
    return GoogleEndpoints.under(server.https_url, ca_path=str(server.ca_path))


def consent_as(address: str, server: EmulatorServer) -> Callable[[str], str]:
    """Plays the browser on the emulator's sign-in and consent page."""
    return approve_consent(address, server, login_field="email")


def make_harness(server: EmulatorServer, clock: VirtualClock, local_part: str) -> Harness:
    emulator = server.emulator
    google = emulator.google
    address = f"{local_part}@gmail.com"
    google.add_mailbox(address, OWNER_NAME, TIMEZONE)
    google.register_client(CLIENT.client_id, CLIENT.client_secret)
    endpoints = endpoints_for(server)
    # As the service does: one set of clients, every adapter a small object over them.
    clients = GoogleClients(endpoints)

    def build(tokens: Tokens, saver: TokenSaver, gate: RetryGate, timeout: float,
              retry: RetryPolicy) -> MailboxProvider:
        return GmailProvider(client=CLIENT, tokens=tokens, token_saver=saver,
                             owner_email=address, clock=gate, retry=retry, timeout=timeout,
                             clients=clients)

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
        oauth=GoogleOAuth(client=CLIENT, clock=gate, endpoints=endpoints, timeout=10.0,
                          clients=clients),
        consent=consent,
        build=build,
        expire_calendar_cursor=lambda: google.expire_sync_tokens(address),
        expire_mail_cursor=lambda: google.expire_history(address),
        idle_sync_requests=2,  # Calendar events.list + Gmail history.list
    )
