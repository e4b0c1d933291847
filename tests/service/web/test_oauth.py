"""Connecting a mailbox over real HTTP: the dashboard, the emulator's consent page (driven
here with httpx as a browser would), the callback with its state and PKCE checks."""

from __future__ import annotations

import html
import itertools
import re
import ssl
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


def _start(site: Site, provider: str) -> str:
    answer = site.client.get(f"/connect/{provider}", follow_redirects=False)
    assert answer.status_code == 303
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


def _accounts(site: Site) -> list[tuple[str, str]]:
    with transaction(site.factory) as session:
        return [(a.provider, a.email) for a in session.scalars(select(models.Account))]


@pytest.mark.parametrize("provider", ["gmail", "outlook"])
def test_connecting_a_mailbox_through_the_consent_page(
        connect_site: Site, emulator_server: EmulatorServer, provider: ProviderName) -> None:
    site = connect_site
    address = _mailbox(emulator_server, provider)
    location = _start(site, provider)
    query = parse_qs(urlsplit(location).query)
    assert query["redirect_uri"] == ["http://127.0.0.1:8400/oauth/callback"]
    assert query["code_challenge_method"] == ["S256"] and query["state"]
    page = _back(site, _consent(emulator_server, provider, location, address, "approve"))
    assert page.url.path == "/"
    label = "Gmail" if provider == "gmail" else "Outlook"
    assert STATUS.findall(page.text) == [f"Connected {address} ({label})."]
    assert _accounts(site) == [(provider, address)]
    assert address in page.text and ">connected</span>" in page.text
    assert site.changes == ["changed"]


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
        "The answer from Gmail did not match this sign-in; use Connect again."]
    assert _accounts(connect_site) == []


def test_a_callback_without_the_browsers_cookie_is_refused(
        connect_site: Site, emulator_server: EmulatorServer) -> None:
    address = _mailbox(emulator_server, "gmail")
    location = _start(connect_site, "gmail")
    back = _consent(emulator_server, "gmail", location, address, "approve")
    connect_site.client.cookies.clear()  # the answer reaches another browser
    page = _back(connect_site, back)
    [alert] = ALERT.findall(page.text)
    assert alert == "The sign-in expired or was started in another browser; use Connect again."
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


def test_unknown_or_unconfigured_providers(connect_site: Site) -> None:
    assert connect_site.client.get("/connect/yahoo").status_code == 404
    from service.web.app import create_app
    from tests.service.web.conftest import TestClient, make_context

    settings = connect_site.settings.model_copy(update={"google_client_id": ""})
    app = create_app(make_context(settings, connect_site.clock, connect_site.factory, []))
    with TestClient(app, base_url=settings.base_url) as client:
        page = client.get("/connect/gmail")
        [alert] = ALERT.findall(page.text)
        assert alert == ("Could not start connecting Gmail: FOLLOWUP_GOOGLE_CLIENT_ID: not set; "
                         "Gmail cannot be connected")
