"""The identity platform half: the real msal signs in (PKCE, consent page) and refreshes."""

from __future__ import annotations

from datetime import timedelta

import httpx
import msal
import pytest

from providers.emulator.control import Faults
from providers.emulator.microsoft.store import TENANT_ID
from tests.providers.emulator.microsoft.conftest import (
    CLIENT_ID,
    REDIRECT_URI,
    SCOPES,
    Running,
    consent,
    exchange_granted_code,
    graph_client,
    msal_app,
    new_address,
    redirect_params,
    requests_session,
    sign_in,
    start_flow,
)


def _aad_error(body: dict[str, object], error: str, code: int) -> None:
    """AAD's error shape: error, description with the AADSTS code, numbers, ids, time."""
    assert body["error"] == error
    assert isinstance(body["error_description"], str)
    assert body["error_description"].startswith(f"AADSTS{code}:")
    assert body["error_codes"] == [code]
    for key in ("timestamp", "trace_id", "correlation_id"):
        assert isinstance(body[key], str) and body[key]


@pytest.mark.parametrize("tenant", ["common", "organizations", "consumers", TENANT_ID])
def test_openid_configuration_points_back_at_the_emulator(running: Running, tenant: str) -> None:
    with httpx.Client(verify=running.ssl_context(), trust_env=False) as http:
        answer = http.get(f"{running.base_url}/{tenant}/v2.0/.well-known/openid-configuration")
    assert answer.status_code == 200
    config = answer.json()
    # browsers sign in on the plain-http listener: none trusts the emulator's CA
    assert config["authorization_endpoint"] == (
        f"{running.server.http_url}/{tenant}/oauth2/v2.0/authorize")
    assert config["token_endpoint"] == f"{running.base_url}/{tenant}/oauth2/v2.0/token"
    assert config["issuer"].startswith(running.base_url + "/")
    assert "S256" not in config["response_types_supported"]
    assert "query" in config["response_modes_supported"]


def test_an_unknown_tenant_is_refused_in_aad_shape(running: Running) -> None:
    with httpx.Client(verify=running.ssl_context(), trust_env=False) as http:
        answer = http.get(f"{running.base_url}/no_such!tenant/v2.0/.well-known/"
                          "openid-configuration")
    assert answer.status_code == 400
    _aad_error(answer.json(), "invalid_tenant", 90002)


def test_msal_signs_in_through_the_consent_page_with_pkce(running: Running) -> None:
    address = new_address(running, name="Alex Kim")
    app = msal_app(running)
    flow = start_flow(app, login_hint=address)
    assert "code_challenge=" in flow["auth_uri"]
    assert "code_challenge_method=S256" in flow["auth_uri"]

    params = redirect_params(consent(running, flow["auth_uri"], address))
    assert params["state"] == flow["state"]
    result = app.acquire_token_by_auth_code_flow(flow, params)

    assert "error" not in result, result
    assert result["token_type"] == "Bearer"
    assert isinstance(result["expires_in"], int) and result["expires_in"] > 0
    assert result["refresh_token"]
    claims = result["id_token_claims"]
    assert claims["preferred_username"] == address
    assert claims["name"] == "Alex Kim"
    assert claims["aud"] == CLIENT_ID
    assert claims["tid"] == TENANT_ID
    assert claims["oid"] == running.microsoft.user_id(address)
    assert claims["exp"] > claims["iat"]  # msal checked the nonce itself
    with graph_client(running, result["access_token"]) as graph:
        me = graph.get("/me").json()
    assert me["mail"] == address
    assert me["id"] == claims["oid"]


def test_a_wrong_pkce_verifier_is_refused(running: Running) -> None:
    address = new_address(running)
    app = msal_app(running)
    flow = start_flow(app)
    params = redirect_params(consent(running, flow["auth_uri"], address))
    flow["code_verifier"] = "x" * 50
    result = app.acquire_token_by_auth_code_flow(flow, params)
    assert result["error"] == "invalid_grant"
    assert result["error_codes"] == [501481]


def test_plain_pkce_and_the_token_endpoint_over_raw_http(running: Running) -> None:
    address = new_address(running)
    verifier = "v" * 43
    with httpx.Client(verify=running.ssl_context(), trust_env=False) as http:
        auth_uri = str(httpx.URL(f"{running.base_url}/organizations/oauth2/v2.0/authorize",
                                 params={"client_id": CLIENT_ID, "response_type": "code",
                                         "redirect_uri": REDIRECT_URI, "state": "s1",
                                         "scope": " ".join(SCOPES) + " offline_access",
                                         "code_challenge": verifier,
                                         "code_challenge_method": "plain"}))
        code = redirect_params(consent(running, auth_uri, address))["code"]
        token_url = f"{running.base_url}/organizations/oauth2/v2.0/token"
        form = {"grant_type": "authorization_code", "client_id": CLIENT_ID, "code": code,
                "redirect_uri": REDIRECT_URI, "code_verifier": verifier}
        first = http.post(token_url, data=form)
        replay = http.post(token_url, data=form)
    assert first.status_code == 200, first.text
    assert first.headers["cache-control"] == "no-store"
    assert "id_token" not in first.json()  # no openid scope, no id_token
    assert replay.status_code == 400
    _aad_error(replay.json(), "invalid_grant", 54005)


def test_denying_consent_redirects_with_access_denied(running: Running) -> None:
    address = new_address(running)
    flow = start_flow(msal_app(running))
    params = redirect_params(consent(running, flow["auth_uri"], address, decision="deny"))
    assert params["error"] == "access_denied"
    assert params["error_description"].startswith("AADSTS65004")
    assert params["state"] == flow["state"]
    assert "code" not in params


def test_an_unknown_account_stays_on_the_page(running: Running) -> None:
    flow = start_flow(msal_app(running))
    answer = consent(running, flow["auth_uri"], "nobody@contoso.example")
    assert answer.status_code == 200
    assert "couldn&#x27;t find an account" in answer.text


def test_refresh_rotates_the_refresh_token(running: Running) -> None:
    # https://learn.microsoft.com/en-us/entra/identity-platform/refresh-tokens: "Refresh
    # tokens replace themselves with a fresh token upon every use." (The same page: the old
    # one is not revoked; it lapses after 90 days, or when newer ones push it out here.)
    outlook = sign_in(running, new_address(running))
    app = msal_app(running)
    first = app.acquire_token_by_refresh_token(outlook.tokens["refresh_token"], list(SCOPES))
    assert "error" not in first, first
    assert first["refresh_token"] != outlook.tokens["refresh_token"]
    assert first["access_token"] != outlook.tokens["access_token"]
    second = app.acquire_token_by_refresh_token(first["refresh_token"], ["Mail.ReadWrite"])
    assert "error" not in second, second
    outlook.use_token(second["access_token"])
    assert outlook.graph.get("/me").status_code == 200


def test_refresh_cannot_widen_consent(running: Running) -> None:
    outlook = sign_in(running, new_address(running), scopes=("User.Read",))
    result = msal_app(running).acquire_token_by_refresh_token(
        outlook.tokens["refresh_token"], ["Mail.Send"])
    assert result["error"] == "invalid_grant"
    assert result["error_codes"] == [65001]


def test_an_expired_access_token_gets_401_until_refreshed(running: Running) -> None:
    outlook = sign_in(running, new_address(running))
    running.clock.advance(timedelta(seconds=outlook.tokens["expires_in"] + 1))
    answer = outlook.graph.get("/me")
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "InvalidAuthenticationToken"
    assert answer.headers["www-authenticate"].startswith("Bearer")
    fresh = msal_app(running).acquire_token_by_refresh_token(
        outlook.tokens["refresh_token"], list(SCOPES))
    outlook.use_token(fresh["access_token"])
    assert outlook.graph.get("/me").status_code == 200


def test_access_token_lifetime_follows_the_faults(running: Running) -> None:
    address = new_address(running)
    running.microsoft.set_faults(Faults(access_token_lifetime_seconds=120), address)
    outlook = sign_in(running, address)
    assert outlook.tokens["expires_in"] == 120
    running.microsoft.set_faults(Faults(), address)


def test_revoke_kills_refresh_and_access_tokens(running: Running) -> None:
    outlook = sign_in(running, new_address(running))
    running.microsoft.revoke(outlook.address)
    result = msal_app(running).acquire_token_by_refresh_token(
        outlook.tokens["refresh_token"], list(SCOPES))
    assert result["error"] == "invalid_grant"
    assert result["error_codes"] == [50173]
    answer = outlook.graph.get("/me")
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "InvalidAuthenticationToken"


def test_an_unknown_refresh_token_is_invalid_grant(running: Running) -> None:
    result = msal_app(running).acquire_token_by_refresh_token("M.C.not-a-token", list(SCOPES))
    assert result["error"] == "invalid_grant"


def test_msal_with_custom_instance_discovery_endpoint(running: Running) -> None:
    """The other msal construction that works: instance discovery aimed at the emulator."""
    address = new_address(running)
    app = msal.PublicClientApplication(
        CLIENT_ID, authority=f"{running.base_url}/common",
        http_client=requests_session(str(running.server.ca_path)),
        instance_discovery=f"{running.base_url}/common/discovery/instance",
    )
    code = running.microsoft.grant(address, CLIENT_ID, SCOPES)
    result = exchange_granted_code(running, code, app=app)
    assert "access_token" in result, result


def test_token_endpoint_errors_for_missing_parameters(running: Running) -> None:
    url = f"{running.base_url}/common/oauth2/v2.0/token"
    with httpx.Client(verify=running.ssl_context(), trust_env=False) as http:
        no_grant = http.post(url, data={"client_id": CLIENT_ID})
        bad_grant = http.post(url, data={"client_id": CLIENT_ID, "grant_type": "password"})
        no_code = http.post(url, data={"client_id": CLIENT_ID,
                                       "grant_type": "authorization_code"})
    _aad_error(no_grant.json(), "invalid_request", 900144)
    _aad_error(bad_grant.json(), "unsupported_grant_type", 70003)
    _aad_error(no_code.json(), "invalid_request", 900144)
    assert {no_grant.status_code, bad_grant.status_code, no_code.status_code} == {400}


def test_form_post_response_mode_answers_with_a_self_posting_form(running: Running) -> None:
    address = new_address(running)
    flow = msal_app(running).initiate_auth_code_flow(
        list(SCOPES), redirect_uri=REDIRECT_URI, response_mode="form_post")
    page = consent(running, flow["auth_uri"], address)
    assert page.status_code == 200
    assert f'action="{REDIRECT_URI}"' in page.text
    assert 'name="code"' in page.text
    assert f'name="state" value="{flow["state"]}"' in page.text
