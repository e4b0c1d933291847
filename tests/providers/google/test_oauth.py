"""GoogleOAuth: the authorization request (PKCE S256, offline, the narrow scopes) and the
ways a code exchange fails, against the emulator's OAuth server."""

from __future__ import annotations

import base64
import hashlib
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from providers.emulator.google import GoogleEmulator
from providers.errors import AuthExpired, AuthRevoked
from providers.google.endpoints import GOOGLE_SCOPES, REQUIRED_SCOPES
from providers.google.oauth import GoogleOAuth
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
    # the verifier kept for the callback also carries the OpenID nonce sent in the URL
    assert request.code_verifier.startswith("g1.")
    packed = request.code_verifier[3:]
    kept = json.loads(base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4)))
    digest = hashlib.sha256(kept["verifier"].encode()).digest()
    assert query["code_challenge"] == base64.urlsafe_b64encode(digest).decode().rstrip("=")
    assert 43 <= len(kept["verifier"]) <= 128
    assert query["nonce"] == kept["nonce"] and len(kept["nonce"]) >= 32
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


def test_an_id_token_without_the_nonce_of_this_sign_in_is_refused(gmail: Harness) -> None:
    """A code obtained elsewhere (injected into this browser's callback) carries another
    nonce, or none: OpenID Connect Core 3.1.3.7 says to refuse it."""
    google = gmail.control
    assert isinstance(google, GoogleEmulator)
    code = google.grant(gmail.address, CLIENT.client_id, GOOGLE_SCOPES)
    request = gmail.oauth.authorization_request(gmail.redirect_uri)
    with pytest.raises(AuthExpired, match="nonce"):
        gmail.oauth.exchange_code(code, gmail.redirect_uri, request.code_verifier)


def test_revoking_ends_the_grant_and_a_second_revoke_is_no_error(gmail: Harness) -> None:
    assert gmail.connection is not None
    tokens = gmail.connection.tokens
    oauth, google = gmail.oauth, gmail.control
    assert isinstance(oauth, GoogleOAuth) and isinstance(google, GoogleEmulator)
    oauth.revoke(tokens)
    grant = google.oauth.access_grant(tokens.access_token)
    assert grant is not None and grant.revoked  # the refresh token took its access token
    oauth.revoke(tokens)  # 400 invalid_token: already revoked, nothing left to do
