"""`followup demo [--fast]`: the service against the emulator with a sample mailbox."""

from __future__ import annotations

import argparse
import sys
from typing import Any, cast

import tzlocal

from providers.clock import SystemClock
from providers.model import PROVIDERS, ProviderName
from service.config import load_settings
from service.demo import demo_scenario, summary


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
    demo_db = settings.data_dir / "demo" / "followup.db"
    demo_db.parent.mkdir(parents=True, exist_ok=True)
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
    with running(provider, scenario, f"sqlite:///{demo_db}", clock=clock,
                 **overrides) as simulation:
        app = create_app(WebContext(
            factory=simulation.factory, clock=clock, settings=simulation.settings,
            connectors=simulation.connectors, engine=simulation.engine))
        web = WebServer(app, sock=sock).start()
        print(f"Demo mailbox {scenario.owner_email} ({provider}) in the emulator; the service "
              f"runs on SQLite at {demo_db}.")
        print(f"Dashboard: {web.url}/  (add a note, approve a check-in)")
        print("An interview ended 20 minutes ago, a phone screen ends in 2 minutes. "
              f"Running for {args.minutes:g} minutes (Ctrl-C stops).", flush=True)
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

