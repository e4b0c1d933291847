"""``followup sandbox``: seed loading and the standalone server."""

from __future__ import annotations

import argparse
import queue
import threading
from pathlib import Path

import httpx
import pytest

from providers.emulator.app import Emulator
from providers.emulator.http_control import ControlError
from providers.emulator.server import EmulatorServer
from service.cli import main
from service.commands.sandbox import load_seed, serve

SEED = """
clients:
  - {provider: gmail, client_id: my-app, client_secret: s3cret}
mailboxes:
  - provider: gmail
    address: alex.kim@gmail.com
    name: Alex Kim
    timezone: America/New_York
    events:
      - id: ev1
        title: "Interview: Alex Kim / Data Engineer"
        start: 2026-03-04T10:00:00-05:00
        end: 2026-03-04T11:00:00-05:00
        organizer: {email: rita@acme.com, name: Rita Ruiz}
        attendees:
          - {email: alex.kim@gmail.com, response: accepted}
          - {email: jane.doe@acme.com, name: Jane Doe}
    mail:
      - {from: {email: rita@acme.com, name: Rita Ruiz}, to: [alex.kim@gmail.com],
         subject: Scheduling, body: See you Wednesday}
"""


def test_sandbox_serves_the_seeded_mailbox(tmp_path: Path) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text(SEED)
    args = argparse.Namespace(port=0, seed=seed, tls_dir=tmp_path / "tls",
                              clock="2026-03-02T08:00:00-05:00")
    stop = threading.Event()
    ready: queue.Queue[EmulatorServer] = queue.Queue()
    runner = threading.Thread(target=serve, args=(args, stop, ready.put))
    runner.start()
    try:
        server = ready.get(timeout=30)
        assert server.ca_path == tmp_path / "tls" / "ca.pem"
        control = f"{server.http_url}/_emulator"
        assert httpx.get(f"{control}/clock").json() == {"now": "2026-03-02T13:00:00+00:00",
                                                         "virtual": True}
        code = httpx.post(f"{control}/gmail/mailboxes/alex.kim@gmail.com/grant", json={
            "client_id": "my-app", "scopes": ["https://mail.google.com/"]}).json()["code"]
        refused = httpx.post(f"{server.http_url}/token", data={
            "grant_type": "authorization_code", "code": code, "client_id": "my-app",
            "client_secret": "wrong"})
        assert refused.status_code == 401
        state = httpx.get(f"{control}/gmail/mailboxes/alex.kim@gmail.com/state").json()
        assert state["drafts"] == [] and state["sent"] == []
    finally:
        stop.set()
        runner.join(timeout=30)
    assert not runner.is_alive()


def test_seed_errors_name_the_field() -> None:
    emulator = Emulator()
    with pytest.raises(ControlError, match=r"seed.mailboxes\[0\].provider"):
        load_seed(emulator, {"mailboxes": [{"provider": "aol", "address": "a@b.c"}]})
    with pytest.raises(ControlError, match=r"seed.mailboxes\[0\].events\[0\].start"):
        load_seed(emulator, {"mailboxes": [{"provider": "gmail", "address": "a@b.c",
                                            "events": [{"id": "e", "start": "soon"}]}]})
    with pytest.raises(ControlError, match=r"seed.mailboxes\[0\]: unknown time zone"):
        load_seed(emulator, {"mailboxes": [{"provider": "gmail", "address": "a@b.c",
                                            "timezone": "Mars/Olympus"}]})


def test_bad_seed_is_a_one_line_usage_error(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text("mailboxes: [{provider: gmail}]\n")
    assert main(["sandbox", "--port", "0", "--seed", str(seed)]) == 2
    error = capsys.readouterr().err.strip()
    assert error == "followup sandbox: --seed: seed.mailboxes[0].address is required (a string)"
    assert main(["sandbox", "--port", "70000"]) == 2
