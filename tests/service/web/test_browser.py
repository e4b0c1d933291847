"""The whole owner's story in a real headless Chromium (Debian's, never a downloaded one),
for Gmail and for Outlook: the dashboard served by uvicorn, the real engine writing drafts
into the emulator on a virtual clock, the emulator's consent pages in the same browser.

Sign up, first-run settings, interviews appear, add and edit a note and see the draft change,
approve a check-in and see its draft, undo, dismiss and undo, snooze, tick the checklist,
sign out, sign in as a second owner and fail to see the first owner's data, delete my data.
axe-core (from the npm registry, ``npm ci --prefix tests``) checks every page at 1280 and
390 px wide, and no page is wider than the screen.

Chromium is found at $FOLLOWUP_CHROMIUM or /usr/bin/chromium. Without it (or without
axe-core) these tests skip, unless FOLLOWUP_REQUIRE_BROWSER=1 (CI), where they fail and say
how to install it. FOLLOWUP_SCREENSHOTS=DIR saves the main pages, desktop and phone, there
(how docs/ is made).
"""

from __future__ import annotations

import os
import re
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
from providers.model import DraftMark, ProviderName
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
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
START = datetime(2026, 6, 1, 15, 0, tzinfo=UTC)  # a Monday, 10:00 in Chicago
ZONE = "America/Chicago"
WIDTHS = (1280, 390)
MARCUS = "marcus.lee@globex.com"
PRIYA = "priya.shah@globex.com"
RITA = "rita.ruiz@initech.com"
TOPIC = "how the design system is shared across the three product teams"
EDITED_TOPIC = "the accessibility review every release goes through"
STRENGTHS = "ten years of building design systems used by forty engineers"
HOSTILE = "<script>window.__pwned = 1</script>{{7*7}}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DEADLINE_SECONDS = 15.0
SIGN_IN = {"gmail": "Google", "outlook": "Microsoft"}
DOMAINS = {"gmail": "gmail.com", "outlook": "outlook.com"}


def chromium_executable() -> str | None:
    path = os.environ.get("FOLLOWUP_CHROMIUM") or "/usr/bin/chromium"
    return path if os.path.isfile(path) and os.access(path, os.X_OK) else None


def _missing(message: str) -> None:
    if os.environ.get("FOLLOWUP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"FOLLOWUP_REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = chromium_executable()
    if path is None:
        _missing("no Chromium at $FOLLOWUP_CHROMIUM or /usr/bin/chromium: install Debian's "
                 "(apt-get install chromium) or point FOLLOWUP_CHROMIUM at one")
    if not AXE.is_file():
        _missing(f"no axe-core at {AXE}: run `make axe` (npm ci --prefix tests)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Live:
    url: str
    clock: VirtualClock
    emulator: Emulator
    factory: sessionmaker[Session]
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

        def tick() -> None:
            """What the scheduler does on a change: a pass at once (here, in the request's
            thread, so the page after the redirect already shows its outcome)."""
            engine.tick()

        app = create_app(WebContext(factory=factory, clock=clock, settings=settings,
                                    connectors=connectors, engine=engine, on_change=tick,
                                    run_pass=engine.run_account))
        with WebServer(app, sock=sock) as server:
            assert server.url == settings.base_url
            _wait_healthy(server.url)
            yield Live(server.url, clock, emulator.emulator, factory, engine)
        database.dispose()


def _seed_mailbox(control: MailboxControl, owner: str, now: datetime) -> None:
    """A panel that ended half an hour ago (two interviewers: two thank-you drafts), an
    interview that ended a week and an hour ago (its check-in is due: 09:00 in Chicago), and
    an upcoming interview whose invite is hostile."""
    control.add_mailbox(owner, "Sam Patel", ZONE)
    me = AttendeeSpec(owner, "Sam Patel", "accepted")
    ended = now - timedelta(minutes=30)
    control.put_event(owner, EventSpec(
        id="ev-globex", title="Globex | Product Designer - Panel Interview",
        start=ended - timedelta(minutes=45), end=ended,
        description="You'll meet Marcus Lee and Priya Shah from the design team.",
        organizer=PersonSpec(MARCUS, "Marcus Lee"),
        attendees=(me, AttendeeSpec(MARCUS, "Marcus Lee", "accepted"),
                   AttendeeSpec(PRIYA, "Priya Shah", "accepted"))))
    past = now - timedelta(days=7, hours=1)
    control.put_event(owner, EventSpec(
        id="ev-initech", title="Interview: Data Analyst at Initech",
        start=past - timedelta(minutes=30), end=past,
        organizer=PersonSpec(RITA, "Rita Ruiz"),
        attendees=(me, AttendeeSpec(RITA, "Rita Ruiz", "accepted"))))
    later = now + timedelta(days=9)
    control.put_event(owner, EventSpec(
        id="ev-hostile", title=f"Interview: Backend Engineer at Umbrella {HOSTILE}",
        start=later, end=later + timedelta(minutes=30),
        organizer=PersonSpec("kim@umbrella.com", f"Kim {HOSTILE}"),
        attendees=(me, AttendeeSpec("kim@umbrella.com", f"Kim {HOSTILE}", "accepted"))))


def _watch_console(page: Page) -> list[str]:
    """Console errors, e.g. a Content-Security-Policy violation or a failed stylesheet."""
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{message.text} ({message.location.get('url', '')})")

    page.on("console", record)
    return errors


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ` +
                               v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
}"""


WIDEST = """(width) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width || e.scrollWidth > e.clientWidth + 1)
  .slice(0, 8).map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`
                 + ` ${e.scrollWidth}/${e.clientWidth}: ${e.textContent.slice(0, 30)}`)"""


@dataclass
class Checker:
    """axe-core and the width check on each page, at each width; screenshots for docs/."""

    shots: Path | None
    checked: int = 0

    def __call__(self, page: Page, name: str | None = None) -> None:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            violations = page.evaluate(AXE_RUN)
            assert violations == [], f"{page.url} at {width}px: {violations}"
            wide = page.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= width, f"{page.url} is {wide}px wide at {width}px: " + str(
                page.evaluate(WIDEST, width))
            if name and self.shots is not None:
                kind = "desktop" if width > 600 else "phone"
                page.screenshot(path=str(self.shots / f"{name}-{kind}.png"))
            self.checked += 1
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})


def _status(page: Page, text: str) -> None:
    expect(page.get_by_role("status")).to_contain_text(text)


def _drafts(live: Live, provider: ProviderName, owner: str, kind: str
            ) -> list[tuple[tuple[str, ...], str, str]]:
    """(to, body, fate) of the service's drafts of one kind in the emulated mailbox (the
    mark is an opaque key: the service's database says which kind it is)."""
    with transaction(live.factory) as session:
        keys = set(session.scalars(select(models.FollowUp.idempotency_key).where(
            models.FollowUp.kind == kind)))
    return [(d.to, d.body, d.fate) for d in live.emulator.control(provider).drafts(owner)
            if (mark := DraftMark.of(d.mark)) and mark.key in keys]


def _sign_in(page: Page, live: Live, provider: ProviderName, address: str,
             check: Checker) -> None:
    page.goto(f"{live.url}/")
    page.get_by_role("link", name=f"Sign in with {SIGN_IN[provider]}").click()
    # the emulator's consent page, over plain http: no certificate warning, and it lists
    # the mailboxes that exist
    expect(page.get_by_role("heading", name="Choose an account")).to_be_visible()
    assert page.url.startswith("http://")
    check(page, f"consent-{provider}" if provider == "gmail" else None)
    page.get_by_role("button", name=re.compile(rf"^Continue as {re.escape(address)}")).click()


def _walk(browser: Browser, live: Live, provider: ProviderName, check: Checker) -> None:
    owner, second = (f"sam.patel@{DOMAINS[provider]}", f"robin.diaz@{DOMAINS[provider]}")
    control = live.emulator.control(provider)
    _seed_mailbox(control, owner, live.clock.now())
    control.add_mailbox(second, "Robin Diaz", "Europe/Berlin")
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    errors = _watch_console(page)
    shots = provider == "gmail"

    # -- sign up, and the first-run step
    page.goto(f"{live.url}/")
    check(page, "signin" if shots else None)
    _sign_in(page, live, provider, owner, check)
    page.wait_for_url(f"{live.url}/welcome")
    expect(page.get_by_label("Time zone")).to_have_value(ZONE)  # from the mailbox
    check(page, "welcome" if shots else None)
    page.get_by_label("Signature").fill("Sam Patel")
    page.get_by_label("What you bring").fill(STRENGTHS)
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(f"{live.url}/")

    # -- the interviews appear; "Needs you" first
    expect(page.get_by_role("heading", name="Needs you")).to_be_visible()
    expect(page.get_by_role("link", name="Globex – Product Designer").first).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Check-in to review"))).to_be_visible()
    expect(page.get_by_text("{{7*7}}").first).to_be_visible()  # shown as text, never run
    assert page.evaluate("() => window.__pwned === undefined")
    check(page, "dashboard" if shots else None)
    thank_yous = _drafts(live, provider, owner, "thank_you")
    assert sorted(to for to, _, _ in thank_yous) == [(MARCUS,), (PRIYA,)]
    assert all(STRENGTHS in body for _, body, _ in thank_yous)  # the first-run strengths

    # -- add a note, see the draft change; edit it, see it change again
    page.get_by_role("link", name="Globex – Product Designer").first.click()
    expect(page.get_by_role("heading", name="Globex – Product Designer", level=1)).to_be_visible()
    page.get_by_label("Interviewer").select_option(MARCUS)
    page.get_by_label("What you discussed").fill(TOPIC)
    page.get_by_role("button", name="Add note").click()
    _status(page, "Note added")
    marcus = page.locator("article.draft", has_text=MARCUS).locator("pre.body")
    expect(marcus).to_contain_text(TOPIC)
    [body] = [b for to, b, _ in _drafts(live, provider, owner, "thank_you") if to == (MARCUS,)]
    assert TOPIC in body
    page.get_by_role("link", name=re.compile("^Edit")).first.click()
    expect(page.get_by_role("heading", name="Edit the note")).to_be_visible()
    page.get_by_label("What you discussed").fill(EDITED_TOPIC)
    page.get_by_role("button", name="Save the note").click()
    _status(page, "Note saved")
    expect(marcus).to_contain_text(EDITED_TOPIC)
    [body] = [b for to, b, _ in _drafts(live, provider, owner, "thank_you") if to == (MARCUS,)]
    assert EDITED_TOPIC in body and TOPIC not in body

    # -- tick the checklist; it stays ticked
    page.get_by_label("Write down the questions you were asked").check()
    page.get_by_role("button", name="Save checklist").click()
    _status(page, "Checklist saved.")
    page.reload()
    expect(page.get_by_label("Write down the questions you were asked")).to_be_checked()
    expect(page.get_by_label("Update your résumé with what you talked about")).not_to_be_checked()
    check(page, "interview" if shots else None)

    # -- approve the check-in from "Needs you" and see its draft; then take it back
    page.goto(f"{live.url}/")
    page.get_by_role("button", name="Approve check-in for Initech – Data Analyst").click()
    _status(page, "Check-in approved")
    assert [(to, fate) for to, _, fate in _drafts(live, provider, owner, "check_in")] == [
        ((RITA,), "open")]
    page.get_by_role("link", name="Initech – Data Analyst").first.click()
    section = page.locator("section", has=page.get_by_role("heading", name="Check-in"))
    expect(section.locator("pre.body")).to_contain_text("Data Analyst")
    opener = section.get_by_role("link", name=re.compile(r"^Open in (Gmail|Outlook)"))
    expect(opener).to_have_count(1)
    section.get_by_role("button", name="Undo").click()
    _status(page, "You took back the approval")
    assert [fate for _, _, fate in _drafts(live, provider, owner, "check_in")] == ["deleted"]

    # -- dismiss and undo, then snooze
    page.get_by_role("button", name=re.compile("^Dismiss")).click()
    _status(page, "Check-in dismissed")
    expect(page.get_by_role("button", name="Approve check-in")).to_have_count(0)
    page.get_by_role("button", name="Undo").click()
    _status(page, "You took back the dismissal")
    page.get_by_role("button", name=re.compile(r"^2 days \(")).click()
    _status(page, "Check-in snoozed until")
    expect(section.locator(".badge").first).to_have_text("snoozed")
    check(page)

    # -- settings, then sign out
    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", name="Settings", level=1)).to_be_visible()
    check(page, "settings" if shots else None)
    first_interview = page.url.replace("/settings", "") + "/interviews/"
    with transaction(live.factory) as session:
        mine = session.scalar(select(models.Interview.id).join(models.Account).where(
            models.Account.email == owner, models.Interview.event_id == "ev-globex"))
    page.get_by_role("button", name="Sign out").click()
    _status(page, "Signed out.")

    # -- a second owner sees none of the first one's data, then deletes their own
    _sign_in(page, live, provider, second, check)
    page.wait_for_url(f"{live.url}/welcome")
    page.get_by_role("button", name="Skip for now").click()
    page.wait_for_url(f"{live.url}/")
    expect(page.get_by_text(second).first).to_be_visible()
    for text in ("Globex", "Initech", owner):
        expect(page.get_by_text(text)).to_have_count(0)
    before = len(errors)
    answer = page.goto(f"{first_interview}{mine}")
    assert answer is not None and answer.status == 404
    assert all("404" in error for error in errors[before:])  # the page's own status, logged
    del errors[before:]
    expect(page.get_by_role("heading", name="Error 404")).to_be_visible()
    check(page)
    page.goto(f"{live.url}/settings")
    page.get_by_label("I understand this cannot be undone").check()
    page.get_by_role("button", name="Disconnect and delete my data").click()
    expect(page.get_by_role("heading", name="Your data is deleted", level=1)).to_be_visible()
    revoked = ("the service's access to" if provider == "gmail"
               else "offers no way for an app to revoke its own access")
    expect(page.get_by_text(re.compile(re.escape(revoked)))).to_be_visible()
    check(page)
    with transaction(live.factory) as session:
        emails = set(session.scalars(select(models.Account.email)))
    assert owner in emails and second not in emails
    assert errors == []
    context.close()


@pytest.mark.parametrize("provider", ["gmail", "outlook"])
def test_the_owners_whole_story(browser: Browser, live: Live, provider: ProviderName,
                                tmp_path: Path) -> None:
    saved = os.environ.get("FOLLOWUP_SCREENSHOTS")
    shots = Path(saved) if saved else tmp_path
    check = Checker(shots)
    _walk(browser, live, provider, check)
    assert check.checked >= 2 * 10  # every page of the story, at both widths
    if provider == "gmail":
        for name in ("dashboard", "interview", "settings"):
            for kind in ("desktop", "phone"):
                data = (shots / f"{name}-{kind}.png").read_bytes()
                assert data.startswith(PNG_SIGNATURE) and len(data) > 1000
