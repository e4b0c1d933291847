"""``followup sandbox``: the Google/Microsoft emulator as a standalone server.

::

    followup sandbox --port 8900 [--seed FILE] [--tls-dir DIR] [--clock 2026-03-02T08:00:00-05:00]

Google (OAuth, Gmail v1, Calendar v3) answers on ``http://127.0.0.1:PORT``, Microsoft (identity
platform, Graph v1.0) on ``https://127.0.0.1:PORT+1`` with a certificate from a throwaway CA
whose path is printed (clients must trust it). Both listeners serve the same app, including the
control API under ``/_emulator/`` (see ``providers/emulator/http_control.py``). ``--port 0``
picks two free ports. ``--clock`` runs on a virtual clock starting there (moved with
``POST /_emulator/clock``); otherwise on real time. Stops on Ctrl-C or SIGTERM.

Seed file (YAML or JSON), loaded before the server starts::

    clients:                         # optional: OAuth clients that must present this secret
      - {provider: gmail, client_id: my-app, client_secret: s3cret}
    mailboxes:
      - provider: gmail              # gmail | outlook
        address: alex.kim@gmail.com
        name: Alex Kim
        timezone: America/New_York   # IANA name
        events:                      # the control API's event objects
          - id: ev1
            title: "Interview: Alex Kim / Data Engineer"
            start: 2026-03-04T10:00:00-05:00
            end: 2026-03-04T11:00:00-05:00
            description: "..."       # optional, as are location, all_day, status
            organizer: {email: rita@acme.com, name: Rita Ruiz}
            attendees:
              - {email: alex.kim@gmail.com, response: accepted}
              - {email: jane.doe@acme.com, name: Jane Doe, optional: false, resource: false}
        mail:                        # delivered to the inbox, in this order
          - {from: {email: rita@acme.com, name: Rita Ruiz}, to: [alex.kim@gmail.com],
             subject: "Scheduling", body: "..."}
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Any, cast

import yaml

from providers.clock import Clock, SystemClock, VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.http_control import (
    ControlError,
    event_spec_from_json,
    parse_moment,
    person_from_json,
)
from providers.emulator.server import EmulatorServer
from providers.model import PROVIDERS, ProviderName
from service.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8900,
                        help="Google on this port (http), Microsoft on the next (https); "
                             "0 picks free ports (default 8900)")
    parser.add_argument("--seed", type=Path, help="YAML/JSON file of mailboxes to load")
    parser.add_argument("--tls-dir", type=Path,
                        help="where to write the CA and server certificate (default: a "
                             "temporary directory removed on exit)")
    parser.add_argument("--clock", help="run on a virtual clock starting at this ISO time")


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ControlError(f"{where} must be a mapping")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ControlError(f"{where} must be a list")
    return value


def _text(data: dict[str, Any], name: str, where: str, default: str | None = None) -> str:
    value = data.get(name, default)
    if not isinstance(value, str) or not value:
        raise ControlError(f"{where}.{name} is required (a string)")
    return value


def _provider(data: dict[str, Any], where: str) -> ProviderName:
    provider = data.get("provider")
    if provider not in PROVIDERS:
        raise ControlError(f"{where}.provider must be one of {', '.join(PROVIDERS)}")
    return cast(ProviderName, provider)


def load_seed(emulator: Emulator, document: Any) -> int:
    """Load a parsed seed document; returns the number of mailboxes. Raises ControlError
    naming the field at fault."""
    root = _mapping(document if document is not None else {}, "seed")
    unknown = sorted(set(root) - {"clients", "mailboxes"})
    if unknown:
        raise ControlError(f"seed.{unknown[0]} is not a known field")
    for index, item in enumerate(_list(root.get("clients"), "seed.clients")):
        where = f"seed.clients[{index}]"
        client = _mapping(item, where)
        half = emulator.control(_provider(client, where))
        register = getattr(half, "register_client", None)
        if callable(register):
            register(_text(client, "client_id", where), _text(client, "client_secret", where))
    mailboxes = _list(root.get("mailboxes"), "seed.mailboxes")
    for index, item in enumerate(mailboxes):
        where = f"seed.mailboxes[{index}]"
        box = _mapping(item, where)
        unknown = sorted(set(box) - {"provider", "address", "name", "timezone", "events",
                                     "mail"})
        if unknown:
            raise ControlError(f"{where}.{unknown[0]} is not a known field")
        half = emulator.control(_provider(box, where))
        address = _text(box, "address", where)
        try:
            half.add_mailbox(address, box.get("name") or "", _text(box, "timezone", where, "UTC"))
        except ValueError as exc:
            raise ControlError(f"{where}: {exc}") from None
        for number, event in enumerate(_list(box.get("events"), f"{where}.events")):
            place = f"{where}.events[{number}]"
            half.put_event(address, event_spec_from_json(event, where=place))
        for number, raw_mail in enumerate(_list(box.get("mail"), f"{where}.mail")):
            place = f"{where}.mail[{number}]"
            mail = _mapping(raw_mail, place)
            recipients = _list(mail.get("to", [address]), f"{place}.to")
            if not all(isinstance(recipient, str) for recipient in recipients):
                raise ControlError(f"{place}.to must be a list of addresses")
            half.deliver_mail(address, person_from_json(mail.get("from"), f"{place}.from"),
                              tuple(recipients), str(mail.get("subject", "")),
                              str(mail.get("body", "")))
    return len(mailboxes)


def read_seed(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--seed: cannot read {path}: {exc.strerror}") from None
    try:
        return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"--seed: {path} is not valid YAML/JSON: {first_line}") from None


def serve(args: argparse.Namespace, stop: threading.Event,
          on_ready: Callable[[EmulatorServer], None]) -> None:
    """Run until ``stop`` is set; ``on_ready`` is called once the listeners answer."""
    port: int = args.port
    if port != 0 and not 1 <= port <= 65534:
        raise UsageError("--port must be between 1 and 65534 (or 0 for free ports)")
    clock: Clock = SystemClock()
    if args.clock:
        try:
            start: datetime = parse_moment(args.clock, "--clock")
        except ControlError as exc:
            raise UsageError(str(exc)) from None
        clock = VirtualClock(start)
    emulator = Emulator(clock)
    if args.seed is not None:
        try:
            load_seed(emulator, read_seed(args.seed))
        except ControlError as exc:
            raise UsageError(f"--seed: {exc}") from None
    server = EmulatorServer(emulator, http_port=port, https_port=port + 1 if port else 0,
                            tls_directory=args.tls_dir)
    try:
        server.start()
    except OSError as exc:
        raise UsageError(f"--port: cannot listen on {port}/{port + 1}: {exc.strerror}"
                         ) from None
    try:
        on_ready(server)
        stop.wait()
    finally:
        server.stop()


def _announce(server: EmulatorServer) -> None:
    print(f"Google     {server.http_url}   (OAuth /o/oauth2/auth, /token; "
          f"Gmail /gmail/v1; Calendar /calendar/v3)")
    print(f"Microsoft  {server.https_url}  (identity platform, Graph /v1.0)")
    print(f"CA         {server.ca_path}")
    print(f"Control    {server.http_url}/_emulator/   (Ctrl-C to stop)")
    sys.stdout.flush()


def run(args: argparse.Namespace) -> int:
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # Both explicitly: a shell starts background jobs with SIGINT ignored.
    previous = {signum: signal.signal(signum, on_signal)
                for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        serve(args, stop, _announce)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0
