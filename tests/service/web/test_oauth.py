"""Connecting a mailbox over real HTTP: the dashboard, the emulator's consent page (driven
here with httpx as a browser would), the callback with its state and PKCE checks."""

from __future__ import annotations

import html
import itertools
import re
import ssl
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import select

from providers.emulator.server import EmulatorServer
from providers.model import ProviderName
from service.store import models
from service.store.db import transaction
from tests.service.web.conftest import Site

_numbers = itertools.count(1)
ALERT = re.compile(r'role="alert">([^<]*)</p>')
STATUS = re.compile(r'role="status">([^<]*)</p>')
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def _mailbox(server: EmulatorServer, provider: ProviderName) -> str:
    domain = "gmail.com" if provider == "gmail" else "outlook.com"
    address = f"owner{next(_numbers)}@{domain}"
    server.emulator.control(provider).add_mailbox(address, "Robin Diaz", "Europe/Berlin")
    return address


def _consent(server: EmulatorServer, provider: ProviderName, url: str, address: str,
             decision: str) -> str:
    """Answer the emulator's consent page; returns where it sends the browser back."""
    with httpx.Client(verify=ssl.create_default_context(cafile=str(server.ca_path)),
                      follow_redirects=False) as browser:
        page = browser.get(url)
        assert page.status_code == 200
        form_action = re.search(r'<form method="post" action="([^"]+)"', page.text)
        assert form_action is not None
        target = str(page.url.join(html.unescape(form_action.group(1))))
        if provider == "gmail":
            found = re.search(r'name="request_id" value="([^"]+)"', page.text)
            assert found is not None
            data = {"request_id": found.group(1), "email": address, "decision": decision}
        else:
            found = re.search(r'name="flow" value="([^"]+)"', page.text)
            assert found is not None
            data = {"flow": html.unescape(found.group(1)), "login": address,
                    "decision": decision}
        answer = browser.post(target, data=data)
        assert answer.status_code == 302, answer.text
        location: str = answer.headers["location"]
        return location


def _start(site: Site, provider: str, path: str | None = None) -> str:
    answer = site.client.get(path or f"/signin/{provider}", follow_redirects=False)
    assert answer.status_code == 303, answer.text
    cookie = answer.headers["set-cookie"]
    assert "followup_oauth=" in cookie and "Path=/oauth/callback" in cookie
    assert "HttpOnly" in cookie
    location: str = answer.headers["location"]
    return location


def _back(site: Site, location: str) -> httpx.Response:
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}" == site.settings.base_url
    page: httpx.Response = site.client.get(f"{parts.path}?{parts.query}")
    return page


def _accounts(site: Site) -> list[tuple[str, str, int]]:
    with transaction(site.factory) as session:
        return [(a.provider, a.email, a.owner_id)
                for a in session.scalars(select(models.Account).order_by(models.Account.id))]


def _sign_in(site: Site, server: EmulatorServer, provider: ProviderName, address: str,
             path: str | None = None) -> httpx.Response:
    location = _start(site, provider, path)
    return _back(site, _consent(server, provider, location, address, "approve"))


@pytest.mark.parametrize("provider", ["gmail", "outlook"])
def test_signing_in_the_first_time_is_the_sign_up(
        connect_site: Site, emulator_server: EmulatorServer, provider: ProviderName) -> None:
    site = connect_site
    address = _mailbox(emulator_server, provider)
    location = _start(site, provider)
    url = urlsplit(location)
    assert url.scheme == "http"  # a browser opens the consent page without a TLS warning
    query = parse_qs(url.query)
    assert query["redirect_uri"] == ["http://127.0.0.1:8400/oauth/callback"]
    assert query["code_challenge_method"] == ["S256"] and query["state"]
    assert query["nonce"][0]  # OpenID: the id_token must repeat it
    back = _consent(emulator_server, provider, location, address, "approve")
    answer = site.client.get(f"/oauth/callback?{urlsplit(back).query}", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/welcome"
    cookies = answer.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith("followup_session="))
    assert "HttpOnly" in session_cookie and "SameSite=lax" in session_cookie
    assert "Max-Age=1209600" in session_cookie  # sessions expire (14 days)
    assert "Secure" not in session_cookie  # http here; over https it is Secure
    page = site.client.get("/welcome")
    label = "Gmail" if provider == "gmail" else "Outlook"
    assert STATUS.findall(page.text) == [f"Welcome: {address} ({label}) is connected."]
    assert 'value="Europe/Berlin"' in page.text  # the time zone comes from the mailbox
    [(stored_provider, stored, owner_id)] = _accounts(site)
    assert (stored_provider, stored) == (provider, address)
    assert site.changes == ["changed"]
    # signing in again with the same mailbox is the same owner, and lands on the dashboard
    site.client.cookies.delete("followup_session")
    with transaction(site.factory) as session:
        session.get_one(models.Owner, owner_id).set_up_at = site.clock.now()
    again = _sign_in(site, emulator_server, provider, address)
    assert again.url.path == "/"
    assert STATUS.findall(again.text) == [f"Signed in as {address} ({label})."]
    assert [a[2] for a in _accounts(site)] == [owner_id]


def test_a_second_mailbox_joins_the_signed_in_owner(connect_site: Site,
                                                    emulator_server: EmulatorServer) -> None:
    site = connect_site
    first = _mailbox(emulator_server, "gmail")
    _sign_in(site, emulator_server, "gmail", first)
    second = _mailbox(emulator_server, "outlook")
    page = _sign_in(site, emulator_server, "outlook", second, "/connect/outlook")
    assert STATUS.findall(page.text) == [f"Connected {second} (Outlook)."]
    owners = {owner for _, _, owner in _accounts(site)}
    assert len(owners) == 1 and len(_accounts(site)) == 2


def test_another_owners_mailbox_is_refused_never_moved(connect_site: Site,
                                                       emulator_server: EmulatorServer) -> None:
    site = connect_site
    theirs = _mailbox(emulator_server, "gmail")
    _sign_in(site, emulator_server, "gmail", theirs)
    site.client.cookies.delete("followup_session")
    mine = _mailbox(emulator_server, "gmail")
    _sign_in(site, emulator_server, "gmail", mine)
    page = _sign_in(site, emulator_server, "gmail", theirs, "/connect/gmail")
    assert ALERT.findall(page.text) == [
        f"{theirs} is already connected by another person on this service: nothing was "
        "changed."]
    first, second = _accounts(site)
    assert first[2] != second[2]


def test_reconnecting_with_another_address_is_refused(connect_site: Site,
                                                      emulator_server: EmulatorServer) -> None:
    site = connect_site
    address = _mailbox(emulator_server, "gmail")
    _sign_in(site, emulator_server, "gmail", address)
    with transaction(site.factory) as session:
        account = session.scalars(select(models.Account)).one()
        account.status, account.status_reason = "needs_reauth", "access was revoked"
        account_id = account.id
    other = _mailbox(emulator_server, "gmail")
    page = _sign_in(site, emulator_server, "gmail", other, f"/reconnect/{account_id}")
    [alert] = ALERT.findall(page.text)
    assert alert == (f"You signed in as {other}, but the mailbox to reconnect is {address}: "
                     f"nothing was changed. Reconnect with {address}.")
    assert [a[1] for a in _accounts(site)] == [address]
    page = _sign_in(site, emulator_server, "gmail", address, f"/reconnect/{account_id}")
    assert STATUS.findall(page.text) == [f"Reconnected {address} (Gmail)."]
    with transaction(site.factory) as session:
        assert session.get_one(models.Account, account_id).status == "active"


def test_declining_consent_connects_nothing(connect_site: Site,
                                            emulator_server: EmulatorServer) -> None:
    address = _mailbox(emulator_server, "gmail")
    location = _start(connect_site, "gmail")
    page = _back(connect_site, _consent(emulator_server, "gmail", location, address, "deny"))
    assert ALERT.findall(page.text) == [
        "You declined access on the consent page; nothing was connected."]
    assert _accounts(connect_site) == []
    assert connect_site.changes == []


def test_a_callback_with_another_state_is_refused(connect_site: Site,
                                                  emulator_server: EmulatorServer) -> None:
    address = _mailbox(emulator_server, "gmail")
    location = _start(connect_site, "gmail")
    back = _consent(emulator_server, "gmail", location, address, "approve")
    state = parse_qs(urlsplit(back).query)["state"][0]
    page = _back(connect_site, back.replace(f"state={state}", "state=forged"))
    assert ALERT.findall(page.text) == [
        "The answer from Gmail did not match this sign-in; sign in again."]
    assert _accounts(connect_site) == []


def test_a_callback_without_the_browsers_cookie_is_refused(
        connect_site: Site, emulator_server: EmulatorServer) -> None:
    address = _mailbox(emulator_server, "gmail")
    location = _start(connect_site, "gmail")
    back = _consent(emulator_server, "gmail", location, address, "approve")
    connect_site.client.cookies.clear()  # the answer reaches another browser
    page = _back(connect_site, back)
    [alert] = ALERT.findall(page.text)
    assert alert == "The sign-in expired or was started in another browser; sign in again."
    assert _accounts(connect_site) == []


def test_a_refused_code_is_one_line(connect_site: Site) -> None:
    location = _start(connect_site, "gmail")
    state = parse_qs(urlsplit(location).query)["state"][0]
    page = connect_site.client.get(f"/oauth/callback?code=made-up&state={state}")
    [alert] = ALERT.findall(page.text)
    assert alert.startswith("Gmail refused the sign-in: ")
    assert "invalid_grant" in alert
    assert "Traceback" not in page.text
    assert _accounts(connect_site) == []


def test_a_provider_error_is_shown_escaped(connect_site: Site) -> None:
    location = _start(connect_site, "gmail")
    state = parse_qs(urlsplit(location).query)["state"][0]
    page = connect_site.client.get("/oauth/callback", params={
        "state": state, "error": "server_error",
        "error_description": "<script>alert(1)</script>\nsecond line"})
    [alert] = ALERT.findall(page.text)
    assert alert == "Gmail refused the sign-in: &lt;script&gt;alert(1)&lt;/script&gt; second line"


def test_the_callback_is_rate_limited_per_client(connect_site: Site) -> None:
    for _ in range(10):
        assert connect_site.client.get("/oauth/callback?code=x&state=y").status_code == 200
    answer = connect_site.client.get("/oauth/callback?code=x&state=y")
    assert answer.status_code == 429
    assert answer.headers["retry-after"] == "300"
    assert "Too many sign-in attempts" in answer.text
    connect_site.clock.advance(timedelta(minutes=5, seconds=1))
    assert connect_site.client.get("/oauth/callback?code=x&state=y").status_code == 200


def test_connecting_or_reconnecting_needs_a_session(connect_site: Site) -> None:
    for path in ("/connect/gmail", "/reconnect/1"):
        page = connect_site.client.get(path)
        assert page.url.path == "/"
        [alert] = ALERT.findall(page.text)
        assert alert.startswith("Sign in first")


def test_unknown_or_unconfigured_providers(connect_site: Site) -> None:
    assert connect_site.client.get("/signin/yahoo").status_code == 404
    from service.web.app import create_app
    from tests.service.web.conftest import TestClient, make_context

    settings = connect_site.settings.model_copy(update={"google_client_id": ""})
    app = create_app(make_context(settings, connect_site.clock, connect_site.factory, []))
    with TestClient(app, base_url=settings.base_url) as client:
        page = client.get("/signin/gmail")
        [alert] = ALERT.findall(page.text)
        assert alert == ("Could not start signing in with Gmail: FOLLOWUP_GOOGLE_CLIENT_ID: "
                         "not set; Gmail cannot be connected")


def test_deleting_my_data_revokes_the_google_grant_at_the_provider(
        connect_site: Site, emulator_server: EmulatorServer) -> None:
    site = connect_site
    address = _mailbox(emulator_server, "gmail")
    _sign_in(site, emulator_server, "gmail", address)
    with transaction(site.factory) as session:
        tokens = site.vault.open(session.scalars(select(models.Account)).one().sealed_tokens)
    google = emulator_server.emulator.google
    grant = google.oauth.access_grant(tokens.access_token)
    assert grant is not None and not grant.revoked
    token = CSRF.findall(site.client.get("/settings").text)[0]
    page = site.client.post("/settings", data={"csrf": token, "do": "delete",
                                               "confirm": "yes"})
    assert f"Google: the service&#39;s access to {address} is revoked." in page.text
    assert grant.revoked  # Google's revocation endpoint took the whole grant
    assert _accounts(site) == []
