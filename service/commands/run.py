"""`followup run`: the long-running service."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from types import FrameType

from service.config import load_settings
from service.errors import ConfigError
from service.runtime import build_runtime

log = logging.getLogger(__name__)

EVERY_INTERFACE = frozenset({"0.0.0.0", "::", ""})  # noqa: S104 - recognised, not bound


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-web", action="store_true",
                        help="only the scheduler and workers (another process serves the web)")
    parser.add_argument("--no-scheduler", action="store_true",
                        help="only the web dashboard (other processes do the work)")


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if not args.no_web and settings.web_host in EVERY_INTERFACE and not settings.public_url:
        # the dashboard answers only its own host names (no DNS rebinding): it must know them
        raise ConfigError("FOLLOWUP_PUBLIC_URL: required when FOLLOWUP_WEB_HOST listens on "
                          "every interface (the https address of the TLS proxy in front)")
    runtime = build_runtime(settings)
    if not args.no_scheduler:
        runtime.start_scheduler()
    try:
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
                                        run_pass=runtime.engine.run_account))
            log.info("dashboard at %s", settings.base_url)
            # Behind a TLS proxy: the client address (for the sign-in rate limit) comes from
            # its X-Forwarded-For, trusted from FORWARDED_ALLOW_IPS (uvicorn: 127.0.0.1).
            uvicorn.run(app, host=settings.web_host, port=settings.web_port,
                        log_level="warning", proxy_headers=True)
    finally:
        runtime.stop()
    return 0
