"""`followup accounts list|remove` on the configured database."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from providers.clock import VirtualClock
from providers.interface import MailboxProvider, TokenSaver
from providers.model import Connection, Identity, ProviderName, Tokens
from service.engine.runner import Engine
from service.store.db import make_engine, session_factory, upgrade
from service.store.models import Account
from service.token_vault import TokenVault


def followup(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")} | env
    return subprocess.run([sys.executable, "-m", "service.cli", *args], env=full,
                          capture_output=True, text=True, timeout=60, check=False)


def no_mailbox(account: Account, tokens: Tokens, save: TokenSaver) -> MailboxProvider:
    pytest.fail("listing and removing accounts never talks to a provider")


def test_list_and_remove(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/f.db"
    database = make_engine(url)
    upgrade(database)
    engine = Engine(session_factory(database), TokenVault(b"x" * 32),
                    VirtualClock(datetime(2026, 1, 5, tzinfo=UTC)), no_mailbox,
                    poll_interval=timedelta(minutes=5))
    tokens = Tokens("access", "refresh", datetime(2026, 1, 5, 1, tzinfo=UTC))
    mailboxes: list[tuple[ProviderName, str]] = [("gmail", "a@gmail.com"),
                                                 ("outlook", "b@outlook.com")]
    for provider, address in mailboxes:
        engine.add_account(provider, Connection(Identity(address, "A", "UTC"), tokens))
    database.dispose()
    env = {"FOLLOWUP_DATABASE_URL": url, "FOLLOWUP_DATA_DIR": str(tmp_path)}
    listed = followup("accounts", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[0] == f"database: {url}"
    assert "gmail\ta@gmail.com\tactive\towner 1" in listed.stdout
    assert "outlook\tb@outlook.com\tactive\towner 2" in listed.stdout
    assert "access" not in listed.stdout and "refresh" not in listed.stdout
    assert followup("accounts", "remove", "A@gmail.com", env=env).returncode == 0
    assert "a@gmail.com" not in followup("accounts", "list", env=env).stdout
    missing = followup("accounts", "remove", "nobody@gmail.com", env=env)
    assert missing.returncode == 2 and "no connected mailbox" in missing.stderr
