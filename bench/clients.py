"""Client-side cost of an idle sync: what building a mailbox adapter and running one idle sync
through it costs the service, per provider, with the emulator serving in this process.

Each account is connected through the emulator's grant, fully synced once, then synced
ROUNDS more times with nothing changed: every idle sync builds the adapter the engine would
(``Connectors.mailbox``), syncs from the stored cursors and closes it, as a pass does. HTTP
requests are counted where the emulator receives them; "client CPU" is the CPU time of the
thread that syncs (the emulator serves from its own thread, but shares the interpreter).

    python -m bench.clients [--accounts N] [--rounds R] [--threads T]

Prints one line per provider (ms per idle sync, HTTP requests per idle sync, what building an
adapter costs in time and memory) and a JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, MailboxControl, PersonSpec
from providers.emulator.server import EmulatorServer
from providers.interface import SyncWindow
from providers.model import ProviderName, Tokens
from service.config import load_settings
from service.engine.connectors import Connectors, emulator_settings
from service.store.models import Account

START = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
WINDOW = SyncWindow(start=START - timedelta(days=30), end=START + timedelta(days=60))
EVENTS_PER_MAILBOX = 10
MAILS_PER_MAILBOX = 10
DOMAINS: dict[ProviderName, str] = {"gmail": "gmail.com", "outlook": "contoso.example"}


class CountingEmulator(Emulator):
    """The emulator, counting the HTTP requests it receives (the API meter counts the parts
    of a batch too)."""

    def __init__(self, clock: VirtualClock) -> None:
        super().__init__(clock)
        self.http_requests = 0
        self._lock = threading.Lock()

    def asgi_app(self) -> Any:
        inner: ASGIApp = super().asgi_app()

        async def counted(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                with self._lock:
                    self.http_requests += 1
            await inner(scope, receive, send)

        return counted


@dataclass
class Mailbox:
    account: Account
    tokens: Tokens
    calendar_cursor: str | None = None
    mail_cursor: str | None = None

    def save(self, tokens: Tokens) -> None:
        self.tokens = tokens


def _load(control: MailboxControl, address: str) -> None:
    for index in range(EVENTS_PER_MAILBOX):
        begins = START + timedelta(days=index % 20, hours=index % 5)
        control.put_event(address, EventSpec(
            id=f"ev-{index}", title=f"Interview {index}: Staff Engineer",
            start=begins, end=begins + timedelta(hours=1),
            attendees=(AttendeeSpec(email=f"recruiter{index}@acme.example",
                                    name="Jordan Recruiter"),),
        ))
    for index in range(MAILS_PER_MAILBOX):
        control.deliver_mail(address, PersonSpec(email=f"recruiter{index}@acme.example",
                                                 name="Jordan Recruiter"),
                             (address,), f"Next steps {index}", "Thanks for your time.")


def _connect(connectors: Connectors, control: MailboxControl, provider: ProviderName,
             index: int) -> Mailbox:
    address = f"candidate{index:05d}@{DOMAINS[provider]}"
    control.add_mailbox(address, f"Candidate {index}", "Europe/Berlin")
    _load(control, address)
    connection = connectors.connect_with_grant(provider, control, address)
    account = Account(provider=provider, email=address, display_name=f"Candidate {index}",
                      timezone="Europe/Berlin", sealed_tokens=b"", connected_at=START)
    return Mailbox(account=account, tokens=connection.tokens)


def _sync(connectors: Connectors, mailbox: Mailbox) -> tuple[int, int]:
    """One pass's provider work; the number of calendar events and messages it returned."""
    adapter = connectors.mailbox(mailbox.account, mailbox.tokens, mailbox.save)
    try:
        result = adapter.sync(mailbox.calendar_cursor, mailbox.mail_cursor, WINDOW)
    finally:
        adapter.close()
    mailbox.calendar_cursor = result.calendar.cursor
    mailbox.mail_cursor = result.mail.cursor
    return len(result.calendar.events), len(result.mail.messages)


def _adapter_cost(connectors: Connectors, mailboxes: list[Mailbox]) -> tuple[float, float]:
    """Seconds to build and close one adapter (no request), and the memory one holds while
    it is open (a worker pool holds one per account being served)."""
    builds = max(200, len(mailboxes))
    began = time.perf_counter()
    for index in range(builds):
        mailbox = mailboxes[index % len(mailboxes)]
        connectors.mailbox(mailbox.account, mailbox.tokens, mailbox.save).close()
    seconds = (time.perf_counter() - began) / builds
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        live = [connectors.mailbox(m.account, m.tokens, m.save) for m in mailboxes]
        held = tracemalloc.get_traced_memory()[0] - baseline
    finally:
        tracemalloc.stop()
    for adapter in live:
        adapter.close()
    return seconds, held / len(live) / 1024


@contextmanager
def _world(clock: VirtualClock) -> Iterator[tuple[CountingEmulator, Connectors]]:
    emulator = CountingEmulator(clock)
    with tempfile.TemporaryDirectory(prefix="followup-bench-clients-") as scratch, \
            EmulatorServer(emulator) as server:
        settings = load_settings(data_dir=Path(scratch),
                                 database_url=f"sqlite:///{Path(scratch) / 'bench.db'}",
                                 **emulator_settings(server))
        yield emulator, Connectors(settings, clock)


def _measure(provider: ProviderName, accounts: int, rounds: int, threads: int
             ) -> dict[str, Any]:
    clock = VirtualClock(START)
    with _world(clock) as (emulator, connectors):
        control = emulator.control(provider)
        mailboxes = [_connect(connectors, control, provider, index) for index in range(accounts)]
        for mailbox in mailboxes:
            events, messages = _sync(connectors, mailbox)
            if events == 0 or messages == 0:
                raise SystemExit(f"{provider}: the first sync found nothing ({events} events, "
                                 f"{messages} messages)")
        before = emulator.http_requests
        durations: list[float] = []
        cpu: list[float] = []
        changed = 0

        def idle(mailbox: Mailbox) -> None:
            nonlocal changed
            began, began_cpu = time.perf_counter(), time.thread_time()
            events, messages = _sync(connectors, mailbox)
            # this thread's CPU only: the emulator serves from its own thread
            cpu.append(time.thread_time() - began_cpu)
            durations.append(time.perf_counter() - began)
            changed += events + messages

        build_seconds, kib_per_adapter = _adapter_cost(connectors, mailboxes)
        began = time.perf_counter()
        for _ in range(rounds):
            if threads <= 1:
                for mailbox in mailboxes:
                    idle(mailbox)
            else:
                with ThreadPoolExecutor(threads) as pool:
                    list(pool.map(idle, mailboxes))
        wall = time.perf_counter() - began
        syncs = accounts * rounds
        if changed:
            raise SystemExit(f"{provider}: an idle sync returned {changed} changes")
        return {
            "provider": provider,
            "idle_syncs": syncs,
            "threads": threads,
            "ms_per_idle_sync_wall": round(1000 * wall / syncs, 2),
            "ms_per_idle_sync_median": round(1000 * statistics.median(durations), 2),
            "client_cpu_ms_per_idle_sync": round(1000 * statistics.fmean(cpu), 2),
            "requests_per_idle_sync": round((emulator.http_requests - before) / syncs, 2),
            "ms_to_build_an_adapter": round(1000 * build_seconds, 3),
            "kib_per_live_adapter": round(kib_per_adapter, 1),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.clients", description=__doc__)
    parser.add_argument("--accounts", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--provider", choices=("gmail", "outlook"), action="append")
    options = parser.parse_args(argv)
    figures = [_measure(provider, options.accounts, options.rounds, options.threads)
               for provider in (options.provider or ["gmail", "outlook"])]
    for figure in figures:
        print(f"{figure['provider']:8} {figure['idle_syncs']} idle syncs, "
              f"{figure['threads']} thread(s): {figure['ms_per_idle_sync_wall']} ms per idle "
              f"sync (median {figure['ms_per_idle_sync_median']} ms; client CPU "
              f"{figure['client_cpu_ms_per_idle_sync']} ms), "
              f"{figure['requests_per_idle_sync']} HTTP requests per idle sync; building an "
              f"adapter {figure['ms_to_build_an_adapter']} ms, "
              f"{figure['kib_per_live_adapter']} KiB each while open")
    print(json.dumps({"bench": "clients", "figures": figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
