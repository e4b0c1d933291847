"""Signing in to Outlook with msal against the emulator's identity platform."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from providers.clock import VirtualClock
from providers.emulator.server import EmulatorServer
from providers.errors import AuthRevoked
from providers.microsoft.endpoints import GRAPH_SCOPES
from providers.microsoft.oauth import MicrosoftOAuth
from tests.providers.harness import REDIRECT_URI, RetryGate
from tests.providers.harness_microsoft import (
    CLIENT_ID,
    CLIENT_SECRET,
    consent_as,
    endpoints_for,
)


@pytest.fixture
def mailbox(request: pytest.FixtureRequest, emulator_server: EmulatorServer) -> str:
    address = f"oauth-{request.node.name[5:40]}@contoso.example"
    emulator_server.emulator.microsoft.add_mailbox(address, "Robin Lee", "Europe/Berlin")
    return address


def oauth_for(server: EmulatorServer, clock: VirtualClock, secret: str | None) -> MicrosoftOAuth:
    return MicrosoftOAuth(CLIENT_ID, secret, endpoints_for(server), RetryGate(clock),
                          timeout=10.0)


def test_authorization_url_asks_for_pkce_state_and_only_the_needed_scopes(
        emulator_server: EmulatorServer, emulator_clock: VirtualClock) -> None:
    oauth = oauth_for(emulator_server, emulator_clock, CLIENT_SECRET)
    request = oauth.authorization_request(REDIRECT_URI)
    url = urlsplit(request.url)
    query = {key: values[0] for key, values in parse_qs(url.query).items()}

    # the authorize endpoint comes from the discovery document: the emulator's plain-http
    # listener, where a browser signs in without a certificate warning
    assert request.url.startswith(f"{emulator_server.http_url}/common/oauth2/v2.0/authorize?")
    assert parse_qs(url.query)["nonce"][0]  # msal checks it against the id_token
    assert query["response_type"] == "code"
    assert query["client_id"] == CLIENT_ID
    assert query["redirect_uri"] == REDIRECT_URI
    assert query["state"] == request.state
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) >= 43
    scopes = set(query["scope"].split())
    assert scopes == {*GRAPH_SCOPES, "offline_access", "openid", "profile"}
    assert "Mail.Send" not in query["scope"]
    # The verifier itself never travels in the URL.
    assert request.code_verifier not in request.url


@pytest.mark.parametrize("secret", [CLIENT_SECRET, None], ids=["confidential", "public"])
def test_sign_in_refresh_and_revocation(
        secret: str | None, mailbox: str, emulator_server: EmulatorServer,
        emulator_clock: VirtualClock) -> None:
    oauth = oauth_for(emulator_server, emulator_clock, secret)
    request = oauth.authorization_request(REDIRECT_URI)
    landed = parse_qs(urlsplit(consent_as(mailbox, emulator_server)(request.url)).query)
    assert landed["state"] == [request.state]

    connection = oauth.exchange_code(landed["code"][0], REDIRECT_URI, request.code_verifier)

    assert connection.identity.email == mailbox
    assert connection.identity.name == "Robin Lee"
    # The emulator answers with the Windows zone name, as Exchange does.
    assert connection.identity.timezone == "Europe/Berlin"
    tokens = connection.tokens
    assert tokens.refresh_token and tokens.expires_at > emulator_clock.now()
    assert "Mail.Send" not in tokens.scopes

    # A code is good once.
    with pytest.raises(AuthRevoked):
        oauth.exchange_code(landed["code"][0], REDIRECT_URI, request.code_verifier)

    emulator_clock.advance(timedelta(minutes=1))
    fresh = oauth.refresh(tokens.refresh_token)
    assert fresh.access_token != tokens.access_token
    assert fresh.refresh_token
    assert fresh.expires_at > emulator_clock.now()

    emulator_server.emulator.microsoft.revoke(mailbox)
    with pytest.raises(AuthRevoked):
        oauth.refresh(fresh.refresh_token)
    with pytest.raises(AuthRevoked):
        oauth.refresh("not-a-refresh-token")


def test_a_code_granted_to_a_tool_is_exchanged_without_a_verifier(
        mailbox: str, emulator_server: EmulatorServer, emulator_clock: VirtualClock) -> None:
    oauth = oauth_for(emulator_server, emulator_clock, CLIENT_SECRET)
    code = emulator_server.emulator.microsoft.grant(mailbox, CLIENT_ID, GRAPH_SCOPES)
    connection = oauth.exchange_code(code, REDIRECT_URI, "")
    assert connection.identity.email == mailbox
