"""GoogleOAuth: the authorization request (PKCE S256, offline, the narrow scopes) and the
ways a code exchange fails, against the emulator's OAuth server."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest

from providers.emulator.google import GoogleEmulator
from providers.errors import AuthExpired, AuthRevoked
from providers.google.endpoints import GOOGLE_SCOPES, REQUIRED_SCOPES
from tests.providers.harness import Harness
from tests.providers.harness_google import CLIENT

SENDING_SCOPES = {"https://mail.google.com/", "https://www.googleapis.com/auth/gmail.send",
                  "https://www.googleapis.com/auth/gmail.modify"}


def test_authorization_url_asks_for_pkce_offline_access_and_no_sending_scope(
        gmail: Harness) -> None:
    request = gmail.oauth.authorization_request(gmail.redirect_uri)
    url = urlsplit(request.url)
    query = {name: values[0] for name, values in parse_qs(url.query).items()}
    assert url.path == "/o/oauth2/v2/auth"
    assert query["response_type"] == "code"
    assert query["client_id"] == CLIENT.client_id
    assert query["redirect_uri"] == gmail.redirect_uri
    assert query["state"] == request.state
    assert query["access_type"] == "offline"
    assert query["code_challenge_method"] == "S256"
    digest = hashlib.sha256(request.code_verifier.encode()).digest()
    assert query["code_challenge"] == base64.urlsafe_b64encode(digest).decode().rstrip("=")
    assert 43 <= len(request.code_verifier) <= 128
    scopes = set(query["scope"].split())
    assert scopes == set(GOOGLE_SCOPES)
    assert not scopes & SENDING_SCOPES


def test_the_granted_scopes_are_stored_with_the_tokens(gmail: Harness) -> None:
    assert gmail.connection is not None
    assert set(gmail.connection.tokens.scopes) >= REQUIRED_SCOPES


def test_a_used_or_unknown_code_is_refused_as_revoked(gmail: Harness) -> None:
    request = gmail.oauth.authorization_request(gmail.redirect_uri)
    with pytest.raises(AuthRevoked):
        gmail.oauth.exchange_code("4/0A-not-a-code", gmail.redirect_uri,
                                  request.code_verifier)


def test_a_grant_without_the_needed_scopes_is_refused_with_their_names(
        gmail: Harness) -> None:
    google = gmail.control
    assert isinstance(google, GoogleEmulator)
    code = google.grant(gmail.address, CLIENT.client_id,
                        ("openid", "email", "https://www.googleapis.com/auth/gmail.readonly"))
    request = gmail.oauth.authorization_request(gmail.redirect_uri)
    with pytest.raises(AuthExpired) as refused:
        gmail.oauth.exchange_code(code, gmail.redirect_uri, request.code_verifier)
    assert "gmail.compose" in str(refused.value)
    assert "calendar.events.readonly" in str(refused.value)
