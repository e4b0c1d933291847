"""The dashboard in a real headless Chromium (Debian's, never a downloaded one), served by
uvicorn, with the real engine writing drafts into the emulator on a virtual clock.

Chromium is found at $FOLLOWUP_CHROMIUM or /usr/bin/chromium. Without it these tests skip,
unless FOLLOWUP_REQUIRE_BROWSER=1 (CI), where they fail and say how to install it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, MailboxControl, PersonSpec
from providers.emulator.server import EmulatorServer
from providers.model import DraftMark
from service.config import load_settings
from service.engine.connectors import Connectors, emulator_settings
from service.engine.runner import Engine
from service.store import models
from service.store.db import make_engine, session_factory, transaction, upgrade
from service.token_vault import TokenVault
from service.web.app import create_app
from service.web.context import WebContext
from service.web.server import WebServer, bind

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
START = datetime(2026, 6, 1, 14, 0, tzinfo=UTC)  # a Monday, 09:00 in Chicago
OWNER = "sam.patel@gmail.com"
MARCUS = "marcus.lee@globex.com"
PRIYA = "priya.shah@globex.com"
TOPIC = "how the design system is shared across the three product teams"
HOSTILE = "<script>window.__pwned = 1</script>{{7*7}}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DEADLINE_SECONDS = 15.0


def chromium_executable() -> str | None:
    path = os.environ.get("FOLLOWUP_CHROMIUM") or "/usr/bin/chromium"
    return path if os.path.isfile(path) and os.access(path, os.X_OK) else None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = chromium_executable()
    if path is None:
        message = ("no Chromium at $FOLLOWUP_CHROMIUM or /usr/bin/chromium: install Debian's "
                   "(apt-get install chromium) or point FOLLOWUP_CHROMIUM at one")
        if os.environ.get("FOLLOWUP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"FOLLOWUP_REQUIRE_BROWSER=1 but {message}", pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Live:
    url: str
    clock: VirtualClock
    control: MailboxControl
    factory: sessionmaker[Session]
    connectors: Connectors
    engine: Engine


def _wait_healthy(url: str) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=1.0).json() == {"status": "ok"}:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"the dashboard at {url} did not become healthy")
        time.sleep(0.02)


def _seed_through_the_engine(live: Live) -> None:
    """A panel that ended, its two thank-you drafts in the emulated mailbox, and the check-in
    suggested a week later; plus an upcoming interview whose invite is hostile."""
    live.control.add_mailbox(OWNER, "Sam Patel", "America/Chicago")
    start = START + timedelta(hours=1)
    owner = AttendeeSpec(OWNER, "Sam Patel", "accepted")
    live.control.put_event(OWNER, EventSpec(
        id="ev-globex", title="Globex | Product Designer - Panel Interview",
        start=start, end=start + timedelta(minutes=45),
        description="You'll meet Marcus Lee and Priya Shah from the design team.",
        organizer=PersonSpec(MARCUS, "Marcus Lee"),
        attendees=(owner, AttendeeSpec(MARCUS, "Marcus Lee", "accepted"),
                   AttendeeSpec(PRIYA, "Priya Shah", "accepted"))))
    later = START + timedelta(days=12)
    live.control.put_event(OWNER, EventSpec(
        id="ev-hostile", title=f"Interview: Data Analyst at Initech {HOSTILE}",
        start=later, end=later + timedelta(minutes=30),
        organizer=PersonSpec("rita@initech.com", f"Rita {HOSTILE}"),
        attendees=(owner, AttendeeSpec("rita@initech.com", f"Rita {HOSTILE}", "accepted"))))
    connection = live.connectors.connect_with_grant("gmail", live.control, OWNER)
    live.engine.add_account("gmail", connection, signature="Sam Patel")
    live.clock.set(start + timedelta(minutes=50))
    live.engine.tick()
    assert len(live.control.drafts(OWNER)) == 2
    for _ in range(20):  # poll on the virtual clock until the week has passed
        if _suggestion_status(live.factory) == "suggested":
            return
        wake = live.engine.next_wake()
        step = live.clock.now() + timedelta(hours=12)
        live.clock.set(min(wake, step) if wake and wake > live.clock.now() else step)
        live.engine.tick()
    raise AssertionError("no check-in was suggested")


def _suggestion_status(factory: sessionmaker[Session]) -> str | None:
    with transaction(factory) as session:
        return session.scalar(select(models.Suggestion.status))


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    directory = tmp_path_factory.mktemp("browser")
    clock = VirtualClock(START)
    with EmulatorServer(Emulator(clock)) as emulator:
        sock = bind("127.0.0.1", 0)  # the port is part of the OAuth redirect: known first
        settings = load_settings(data_dir=directory,
                                 database_url=f"sqlite:///{directory / 'followup.db'}",
                                 web_port=sock.getsockname()[1], **emulator_settings(emulator))
        database = make_engine(settings.database)
        upgrade(database)
        factory = session_factory(database)
        connectors = Connectors(settings, clock)
        engine = Engine(factory, TokenVault(settings.secret_key()), clock, connectors.mailbox,
                        timedelta(seconds=settings.poll_interval_seconds))

        def run_a_pass() -> None:
            """What the scheduler does on a change: a pass at once (here, in the request's
            thread, so the page after the redirect already shows its outcome)."""
            engine.tick()

        app = create_app(WebContext(factory=factory, clock=clock, settings=settings,
                                    connectors=connectors, engine=engine,
                                    on_change=run_a_pass))
        with WebServer(app, sock=sock) as server:
            assert server.url == settings.base_url
            _wait_healthy(server.url)
            made = Live(server.url, clock, emulator.emulator.control("gmail"), factory,
                        connectors, engine)
            _seed_through_the_engine(made)
            yield made
        database.dispose()


def _watch_console(page: Page) -> list[str]:
    """Console errors, e.g. a Content-Security-Policy violation or a failed stylesheet."""
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", record)
    return errors


def _assert_png(path: Path) -> None:
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 1000


def test_owner_adds_a_note_and_approves_the_check_in(browser: Browser, live: Live,
                                                     tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors = _watch_console(page)
    page.goto(f"{live.url}/")
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name=OWNER)).to_be_visible()
    # the hostile invite is shown as text and nothing in it ran
    expect(page.get_by_text("{{7*7}}").first).to_be_visible()
    assert page.evaluate("() => window.__pwned === undefined")
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    _assert_png(tmp_path / "dashboard.png")

    page.get_by_role("link", name="Globex – Product Designer").click()
    expect(page.get_by_role("heading", name="Globex – Product Designer", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=f"To Marcus Lee <{MARCUS}>")).to_be_visible()
    expect(page.get_by_role("heading", name=f"To Priya Shah <{PRIYA}>")).to_be_visible()

    page.get_by_label("Interviewer").select_option(MARCUS)
    page.get_by_label("Topic you discussed").fill(TOPIC)
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_role("status")).to_contain_text("Note added")
    # the pass that on_change ran has rewritten Marcus's draft in the mailbox with the topic
    marcus_draft = next(d for d in live.control.drafts(OWNER) if d.to == (MARCUS,))
    assert TOPIC in marcus_draft.body
    expect(page.locator("article.draft", has_text=MARCUS).locator("pre.body")).to_contain_text(
        TOPIC)

    page.get_by_role("button", name="Approve check-in").click()
    expect(page.get_by_role("status")).to_contain_text("Check-in approved")
    expect(page.get_by_role("button", name="Approve check-in")).to_have_count(0)
    with transaction(live.factory) as session:
        check_in_keys = set(session.scalars(select(models.FollowUp.idempotency_key).where(
            models.FollowUp.kind == "check_in")))
    check_ins = [d for d in live.control.drafts(OWNER)
                 if (mark := DraftMark.of(d.mark)) and mark.key in check_in_keys]
    assert [d.to for d in check_ins] == [(MARCUS,)]
    section = page.locator("section", has=page.get_by_role("heading", name="Check-in"))
    expect(section.locator("pre.body")).to_contain_text("follow up")
    page.screenshot(path=str(tmp_path / "interview.png"), full_page=True)
    _assert_png(tmp_path / "interview.png")
    assert errors == []
    context.close()


def test_connecting_gmail_in_the_browser(browser: Browser, live: Live) -> None:
    address = "robin.diaz@gmail.com"
    live.control.add_mailbox(address, "Robin Diaz", "Europe/Berlin")
    # the emulator's consent page is https with its own throwaway CA
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    page.goto(f"{live.url}/")
    page.get_by_role("link", name="Connect Gmail").click()
    expect(page.get_by_role("heading", name="Choose an account")).to_be_visible()
    page.get_by_label("Email").fill(address)
    page.get_by_role("button", name="Allow").click()
    page.wait_for_url(f"{live.url}/")
    expect(page.get_by_role("status")).to_have_text(f"Connected {address} (Gmail).")
    expect(page.get_by_role("cell", name=address)).to_be_visible()
    with transaction(live.factory) as session:
        assert session.scalar(select(models.Account.status).where(
            models.Account.email == address)) == "active"
    context.close()
