"""Google OAuth of the emulator: the PKCE sign-in with google-auth-oauthlib's Flow (consent
page driven with httpx), refresh with google-auth, revocation, expiry on the virtual clock."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import google.auth.exceptions
import httpx
import pytest
from google.auth.transport.requests import Request
from google_auth_oauthlib.flow import Flow

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import Faults
from providers.emulator.server import EmulatorServer
from tests.providers.emulator.conftest import OWNER, sign_in
from tests.providers.emulator.google_clients import (
    CLIENT_ID,
    CLIENT_SECRET,
    GMAIL_MODIFY,
    build_client,
)

# Full scope URLs: Google answers "email" as .../userinfo.email, and oauthlib raises on a
# scope that "changed".
EMAIL = "https://www.googleapis.com/auth/userinfo.email"
REDIRECT_URI = "http://127.0.0.1:8765/oauth/google/callback"


def flow_for(server: EmulatorServer) -> Flow:
    # requests-oauthlib refuses http token URLs, so the sign-in talks to the https listener,
    # trusting the emulator's CA (``fetch_token(verify=ca)``: a session-level ``verify`` loses
    # to REQUESTS_CA_BUNDLE); the API clients may keep using plain http.
    base = server.https_url
    config = {"web": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                      "auth_uri": f"{base}/o/oauth2/auth", "token_uri": f"{base}/token",
                      "redirect_uris": [REDIRECT_URI]}}
    flow = Flow.from_client_config(config, scopes=[GMAIL_MODIFY, "openid", EMAIL],
                                   redirect_uri=REDIRECT_URI)
    return flow


def consent(server: EmulatorServer, url: str, decision: str, email: str = OWNER
            ) -> dict[str, list[str]]:
    with httpx.Client(verify=server.tls.client_context()) as client:
        page = client.get(url)
        assert page.status_code == 200
        found = re.search(r'name="request_id" value="([^"]+)"', page.text)
        assert found is not None
        action = re.search(r'<form method="post" action="([^"]+)"', page.text)
        assert action is not None
        answer = client.post(f"{server.https_url}{action.group(1)}", data={
            "request_id": found.group(1), "email": email, "decision": decision})
    assert answer.status_code == 302
    location = answer.headers["location"]
    assert location.startswith(REDIRECT_URI)
    return parse_qs(urlsplit(location).query)


def test_pkce_sign_in_with_flow_then_api_and_userinfo(emulator: Emulator,
                                                       server: EmulatorServer) -> None:
    flow = flow_for(server)
    url, state = flow.authorization_url(access_type="offline", prompt="consent",
                                        login_hint=OWNER)
    assert "code_challenge_method=S256" in url
    params = consent(server, url, "approve")
    assert params["state"] == [state]
    flow.fetch_token(code=params["code"][0], verify=str(server.ca_path))
    credentials = flow.credentials
    assert credentials.refresh_token and credentials.id_token
    assert set(credentials.granted_scopes or []) == {GMAIL_MODIFY, "openid", EMAIL}

    gmail = build_client("gmail.v1", server.http_url, credentials)
    assert gmail.users().getProfile(userId="me").execute()["emailAddress"] == OWNER
    info = httpx.get(f"{server.http_url}/oauth2/v3/userinfo",
                     headers={"Authorization": f"Bearer {credentials.token}"}).json()
    assert info["email"] == OWNER and info["email_verified"] is True and info["sub"]

    # The code is single use.
    with pytest.raises(Exception, match="invalid_grant"):
        flow.fetch_token(code=params["code"][0], verify=str(server.ca_path))


def test_wrong_code_verifier_is_invalid_grant(server: EmulatorServer) -> None:
    flow = flow_for(server)
    url, _ = flow.authorization_url(access_type="offline")
    code = consent(server, url, "approve")["code"][0]
    answer = httpx.post(f"{server.http_url}/token", data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI,
        "code_verifier": "x" * 43}, auth=(CLIENT_ID, CLIENT_SECRET))
    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_grant",
                             "error_description": "Invalid code verifier."}


def test_deny_redirects_with_access_denied(server: EmulatorServer) -> None:
    flow = flow_for(server)
    url, state = flow.authorization_url()
    assert consent(server, url, "deny") == {"error": ["access_denied"], "state": [state]}


def test_no_refresh_token_without_offline_access(server: EmulatorServer) -> None:
    flow = flow_for(server)
    url, _ = flow.authorization_url(access_type="online")  # Flow's default is offline
    flow.fetch_token(code=consent(server, url, "approve")["code"][0], verify=str(server.ca_path))
    assert flow.credentials.refresh_token is None


def test_expired_access_token_is_refreshed_by_google_auth(emulator: Emulator,
                                                          server: EmulatorServer,
                                                          clock: VirtualClock) -> None:
    emulator.google.set_faults(Faults(access_token_lifetime_seconds=600))
    session = sign_in(emulator, server)
    session.gmail.users().getProfile(userId="me").execute()
    first_token = session.credentials.token
    clock.advance(timedelta(minutes=11))
    # google-auth still believes the token valid (real time); the 401 makes it refresh.
    session.gmail.users().getProfile(userId="me").execute()
    assert session.credentials.token != first_token
    calls = emulator.google.api_calls(OWNER)
    assert calls["oauth2.token"] == 2 and calls["gmail.users.getProfile"] == 3

    raw = httpx.get(f"{server.http_url}/gmail/v1/users/me/profile",
                    headers={"Authorization": f"Bearer {first_token}"})
    assert raw.status_code == 401
    assert raw.json()["error"]["status"] == "UNAUTHENTICATED"
    assert raw.json()["error"]["code"] == 401


def test_revoked_refresh_token_is_invalid_grant(emulator: Emulator,
                                                server: EmulatorServer) -> None:
    session = sign_in(emulator, server)
    emulator.google.revoke(OWNER)
    # The 401 makes google-auth refresh, and the refresh fails with invalid_grant.
    with pytest.raises(google.auth.exceptions.RefreshError, match="invalid_grant"):
        session.gmail.users().getProfile(userId="me").execute()
    with pytest.raises(google.auth.exceptions.RefreshError, match="invalid_grant"):
        session.credentials.refresh(Request())  # type: ignore[no-untyped-call]
    answer = httpx.post(f"{server.http_url}/token", data={
        "grant_type": "refresh_token", "refresh_token": "1//unknown", "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET})
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"


def test_registered_client_must_present_its_secret(emulator: Emulator,
                                                   server: EmulatorServer) -> None:
    emulator.google.register_client(CLIENT_ID, CLIENT_SECRET)
    code = emulator.google.grant(OWNER, CLIENT_ID, (GMAIL_MODIFY,))
    bad = httpx.post(f"{server.http_url}/token", data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI},
        auth=(CLIENT_ID, "wrong"))
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"
    code = emulator.google.grant(OWNER, CLIENT_ID, (GMAIL_MODIFY,))
    good = httpx.post(f"{server.http_url}/token", data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI},
        auth=(CLIENT_ID, CLIENT_SECRET))
    assert good.status_code == 200 and good.json()["refresh_token"]


def test_consent_page_rejects_bad_requests(server: EmulatorServer) -> None:
    missing_client = httpx.get(f"{server.http_url}/o/oauth2/auth",
                               params={"redirect_uri": REDIRECT_URI, "scope": GMAIL_MODIFY,
                                       "response_type": "code"})
    assert missing_client.status_code == 400
    bad_scope = httpx.get(f"{server.http_url}/o/oauth2/auth", params={
        "client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI, "scope": "mail.everything",
        "response_type": "code"})
    assert bad_scope.status_code == 400 and "invalid_scope" in bad_scope.text
