"""`followup run`: the long-running service.

``--clock emulator`` runs on the emulator's clock, read over its control API at the Google
endpoint (``FOLLOWUP_GOOGLE_API_ROOT``: the emulator serves both providers and the control
API on each listener); ``--clock ISO`` does the same and first moves the emulator's virtual
clock forward to that time (``followup sandbox --clock ...`` makes it virtual). For tests and
demos: several workers and the emulator, each its own process, share one virtual time that
whoever drives the test moves with ``POST /_emulator/clock``.
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from types import FrameType
from urllib.parse import urlsplit

from sqlalchemy import text
from sqlalchemy.engine import URL

from providers.clock import Clock
from providers.emulator.http_control import ControlError, parse_moment
from providers.emulator.remote_clock import RemoteClock, RemoteClockError
from service.config import Settings, load_settings
from service.errors import ConfigError, UsageError
from service.logs import Outage
from service.runtime import TICK_SECONDS, build_runtime
from service.store.db import make_engine, unreachable

log = logging.getLogger(__name__)

EVERY_INTERFACE = frozenset({"0.0.0.0", "::", ""})  # noqa: S104 - recognised, not bound


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-web", action="store_true",
                        help="only the scheduler and workers (another process serves the web)")
    parser.add_argument("--no-scheduler", action="store_true",
                        help="only the web dashboard (other processes do the work)")
    parser.add_argument("--clock", metavar="emulator|ISO",
                        help="run on the emulator's clock (tests, demos); an ISO time first "
                             "moves the emulator's virtual clock forward to it")
    parser.add_argument("--tick-seconds", type=float, default=None,
                        help=f"the longest the scheduler sleeps between looks for due "
                             f"mailboxes; it wakes sooner at the next due moment (default "
                             f"{TICK_SECONDS}; 1 with --clock)")


def emulator_clock(settings: Settings, spec: str) -> RemoteClock:
    """The clock of the emulator that ``settings`` point at (see the module docstring)."""
    parts = urlsplit(settings.google_api_root)
    if not parts.scheme or not parts.netloc:
        raise ConfigError("FOLLOWUP_GOOGLE_API_ROOT: --clock needs it to point at the emulator")
    verify: bool | str = str(settings.google_ca_bundle) if settings.google_ca_bundle else True
    try:
        clock = RemoteClock(f"{parts.scheme}://{parts.netloc}/_emulator", verify=verify)
        if spec != "emulator":
            try:
                start = parse_moment(spec, "--clock")
            except ControlError as exc:
                raise UsageError(f"{exc} (or say --clock emulator)") from None
            clock.move_to(start)
    except RemoteClockError as exc:
        raise UsageError(f"--clock: {exc}") from None
    return clock


def wait_for_database(url: URL | str, stopped: Callable[[], bool] = lambda: False,
                      first_pause: float = 0.5, longest_pause: float = 15.0,
                      sleep: Callable[[float], None] = time.sleep) -> bool:
    """Connect until the database answers (a server still starting, restarting or briefly
    away is not a reason to exit): one log line when it is away, one when it is back.
    Returns False if ``stopped`` says to give up first. Errors that are not about reaching
    the server (a statement the database rejects) are raised at once."""
    outage = Outage("the database", log)
    pause = first_pause
    database = make_engine(url)
    try:
        while True:
            try:
                with database.connect() as connection:
                    connection.execute(text("SELECT 1"))
            except Exception as exc:
                if not unreachable(exc):
                    raise
                outage.failed(type(exc).__name__)
            else:
                outage.recovered()
                return True
            if stopped():
                return False
            sleep(pause)
            pause = min(longest_pause, pause * 2)
    finally:
        database.dispose()


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if not args.no_web and settings.web_host in EVERY_INTERFACE and not settings.public_url:
        # the dashboard answers only its own host names (no DNS rebinding): it must know them
        raise ConfigError("FOLLOWUP_PUBLIC_URL: required when FOLLOWUP_WEB_HOST listens on "
                          "every interface (the https address of the TLS proxy in front)")
    if args.no_web and args.no_scheduler:
        raise UsageError("--no-web and --no-scheduler together leave nothing to run")
    clock: Clock | None = emulator_clock(settings, args.clock) if args.clock else None
    tick = args.tick_seconds or (1.0 if args.clock else TICK_SECONDS)
    if not 0.05 <= tick <= 3600:
        raise UsageError("--tick-seconds must be between 0.05 and 3600")
    wait_for_database(settings.database)
    runtime = build_runtime(settings, clock, tick_seconds=tick)
    operations = runtime.operations(settings.metrics_token, not args.no_scheduler)
    if not args.no_scheduler:
        runtime.start_scheduler()
    if args.clock:
        log.info("running on the emulator's clock, now %s", runtime.clock.now().isoformat())
    with ExitStack() as stack:
        stack.callback(runtime.stop)
        if settings.ops_port is not None:
            from service.web.ops import ops_app
            from service.web.server import WebServer

            ops_server = stack.enter_context(
                WebServer(ops_app(operations), settings.web_host, settings.ops_port))
            log.info("health and metrics at %s (/healthz, /readyz, /metrics)", ops_server.url)
        if args.no_web:
            stop = threading.Event()

            def on_signal(_signum: int, _frame: FrameType | None) -> None:
                stop.set()

            signal.signal(signal.SIGTERM, on_signal)
            signal.signal(signal.SIGINT, on_signal)
            log.info("scheduler running; no web dashboard")
            stop.wait()
        else:
            import uvicorn

            from service.web.app import create_app
            from service.web.context import WebContext

            app = create_app(WebContext(factory=runtime.factory, clock=runtime.clock,
                                        settings=settings, connectors=runtime.connectors,
                                        engine=runtime.engine, on_change=runtime.wake_now,
                                        operations=operations,
                                        run_pass=runtime.engine.run_account))
            log.info("dashboard at %s", settings.base_url)
            # log_config=None: uvicorn's records go through the service's (JSON) handler.
            # Behind a TLS proxy: the client address (for the sign-in rate limit) comes from
            # its X-Forwarded-For, trusted from FORWARDED_ALLOW_IPS (uvicorn: 127.0.0.1).
            uvicorn.run(app, host=settings.web_host, port=settings.web_port,
                        log_level="warning", log_config=None, proxy_headers=True)
    return 0
