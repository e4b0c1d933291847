"""`followup demo [--fast]`: the service against the emulator with a sample mailbox."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

import tzlocal

from providers.clock import SystemClock
from providers.emulator.control import AttendeeSpec, EventSpec, MailboxControl, PersonSpec
from providers.model import PROVIDERS, ProviderName
from service.config import Settings, load_settings
from service.demo import SECOND_MAILBOX, demo_scenario, summary


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fast", action="store_true",
                        help="run two weeks in virtual time, print the summary and exit")
    parser.add_argument("--provider", choices=PROVIDERS, default="gmail")
    parser.add_argument("--minutes", type=float, default=15.0,
                        help="how long the live demo runs (default 15)")
    parser.add_argument("--timezone", default=None, help="the sample owner's time zone")


def run(args: argparse.Namespace) -> int:
    from service.simulate.driver import Simulation, running, simulate
    from service.web.app import create_app
    from service.web.context import WebContext
    from service.web.server import WebServer, bind

    provider = cast(ProviderName, args.provider)
    timezone = args.timezone or tzlocal.get_localzone_name() or "UTC"
    clock = SystemClock()
    if args.fast:
        scenario = demo_scenario(clock.now(), timezone, days=14, live=False)
        output = simulate(scenario, provider)
        print(summary(output))
        if output["drafts"]:
            print("\nThe first draft, as it stands in the Drafts folder:\n")
            print(output["drafts"][0]["body"])
        return 0

    scenario = demo_scenario(clock.now(), timezone,
                             days=max(args.minutes, 1.0) / (24 * 60), live=True)
    settings = load_settings()
    demo_dir = demo_data_dir(settings)
    demo_db = demo_dir / "followup.db"
    demo_dir.mkdir(parents=True, exist_ok=True)
    demo_db.unlink(missing_ok=True)
    seen: dict[str, int] = {"drafts": -1}

    def report(simulation: Simulation) -> None:
        drafts = simulation.control.drafts(simulation.owner)
        if len(drafts) != seen["drafts"]:
            seen["drafts"] = len(drafts)
            print(f"[{clock.now().astimezone().strftime('%H:%M:%S')}] "
                  f"{len(drafts)} draft(s) in the emulated Drafts folder", flush=True)
            for draft in drafts:
                print(f"    to {', '.join(draft.to)}: {draft.subject}", flush=True)

    try:
        sock = bind(settings.web_host, settings.web_port)
    except OSError:  # the usual port is taken: any free one will do for a demo
        sock = bind(settings.web_host, 0)
    port = sock.getsockname()[1]
    overrides: dict[str, Any] = {"poll_interval_seconds": 30, "web_host": settings.web_host,
                                 "web_port": port,
                                 "public_url": f"http://{settings.web_host}:{port}"}
    other: ProviderName = "outlook" if provider == "gmail" else "gmail"
    sign_in = {"gmail": "Google", "outlook": "Microsoft"}
    with running(provider, scenario, f"sqlite:///{demo_db}", clock=clock,
                 **overrides) as simulation:
        _second_mailbox(simulation.emulator.control(other), SECOND_MAILBOX[provider],
                        scenario.owner_name, timezone, clock.now())
        app = create_app(WebContext(
            factory=simulation.factory, clock=clock, settings=simulation.settings,
            connectors=simulation.connectors, engine=simulation.engine,
            run_pass=simulation.engine.run_account,
            notice=f"Demo: sample mailboxes in the emulator; the data lives in {demo_dir}, "
                   "never in your own."))
        web = WebServer(app, sock=sock).start()
        print(f"Demo mailbox {scenario.owner_email} ({provider}) in the emulator; the service "
              f"runs on SQLite at {demo_db}")
        print(f"  (FOLLOWUP_DATA_DIR={demo_dir} followup accounts list  reads the same "
              "database)")
        print(f"Dashboard: {web.url}/  Sign in with {sign_in[provider]} and choose "
              f"{scenario.owner_email} on the emulator's page.")
        print("A check-in is waiting for your decision (approve it, or dismiss and undo); an "
              "interview ended 20 minutes ago, a phone screen ends in 2 minutes. Then connect "
              f"{SECOND_MAILBOX[provider]} ({sign_in[other]}) as a second mailbox. "
              f"Running for {args.minutes:g} minute{'' if args.minutes == 1 else 's'} "
              "(Ctrl-C stops).", flush=True)
        try:
            output = simulation.run(on_step=report)
        except KeyboardInterrupt:
            output = simulation.output()
        finally:
            web.stop()
    print()
    print(summary(output))
    sys.stdout.flush()
    return 0



def demo_data_dir(settings: Settings) -> Path:
    """The demo's own folder, beside the user's data directory and never inside it."""
    return settings.data_dir.with_name(settings.data_dir.name + "-demo")


def _second_mailbox(control: MailboxControl, address: str, name: str, timezone: str,
                    now: datetime) -> None:
    """The owner's other mailbox, with an interview that ends ten minutes into the demo."""
    control.add_mailbox(address, name, timezone)
    start = now.replace(second=0, microsecond=0) - timedelta(minutes=20)
    control.put_event(address, EventSpec(
        id="demo-contoso-screen", title="Phone screen: Contoso / Data Engineer",
        start=start, end=start + timedelta(minutes=30),
        organizer=PersonSpec("maya.cohen@contoso.example", "Maya Cohen"),
        attendees=(AttendeeSpec(address, name, "accepted"),
                   AttendeeSpec("maya.cohen@contoso.example", "Maya Cohen", "accepted"))))
