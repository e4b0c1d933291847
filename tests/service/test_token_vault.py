from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from providers.clock import VirtualClock
from providers.interface import MailboxProvider, TokenSaver
from providers.model import Connection, Identity, Tokens
from service.config import load_settings
from service.engine.runner import Engine
from service.errors import ConfigError
from service.store.db import make_engine, session_factory, transaction, upgrade
from service.store.models import Account
from service.token_vault import TokenKeyFile, TokenVault, vault_for
from tests.service.commands.test_accounts import followup


def test_tokens_round_trip_and_are_not_readable_at_rest() -> None:
    tokens = Tokens("ya29.secret-access", "1//secret-refresh", datetime(2026, 1, 1, tzinfo=UTC),
                    ("a", "b"))
    vault = TokenVault(b"k" * 32)
    sealed = vault.seal(tokens)
    assert b"secret" not in sealed
    assert vault.open(sealed) == tokens


def test_another_key_cannot_open() -> None:
    sealed = TokenVault(b"k" * 32).seal(Tokens("a", None, datetime(2026, 1, 1, tzinfo=UTC)))
    with pytest.raises(ValueError, match="cannot be decrypted"):
        TokenVault(b"j" * 32).open(sealed)


def _tokens(access: str) -> Tokens:
    return Tokens(access, f"refresh-of-{access}", datetime(2026, 1, 1, tzinfo=UTC), ("s",))


def test_a_new_key_seals_and_every_older_key_still_opens(tmp_path: Path) -> None:
    secret = b"k" * 32
    before = TokenVault(secret).seal(_tokens("sealed-before-the-key-file"))
    key_file = TokenKeyFile(tmp_path / "token.keys")
    first = Fernet.generate_key()
    key_file.write([first])
    vault = TokenVault(secret, key_file)
    with_first = vault.seal(_tokens("with-first"))
    assert Fernet(first).decrypt(with_first)  # the file's first key seals
    second = Fernet.generate_key()
    key_file.write([second, first])  # a rotation by another process: no restart needed
    with_second = vault.seal(_tokens("with-second"))
    assert vault.sealing_key(with_second) == second
    for sealed, access in [(before, "sealed-before-the-key-file"), (with_first, "with-first"),
                           (with_second, "with-second")]:
        assert vault.open(sealed).access_token == access
    assert vault.sealing_key(vault.reseal(before)) == second
    assert oct((tmp_path / "token.keys").stat().st_mode & 0o777) == "0o600"


def test_a_bad_key_file_is_one_line_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "token.keys"
    path.write_text("# comment\nnot-a-key\n")
    with pytest.raises(ConfigError, match=r"FOLLOWUP_TOKEN_KEYS_FILE: .* line 2 is not a Fernet"):
        TokenVault(b"k" * 32, TokenKeyFile(path))


def test_followup_keys_rotate_reseals_every_token(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/f.db"
    env = {"FOLLOWUP_DATABASE_URL": url, "FOLLOWUP_DATA_DIR": str(tmp_path)}
    settings = load_settings(database_url=url, data_dir=tmp_path)
    database = make_engine(url)
    upgrade(database)
    factory = session_factory(database)
    running = vault_for(settings)  # a worker that keeps running across the rotations
    engine = Engine(factory, running, VirtualClock(datetime(2026, 1, 5, tzinfo=UTC)),
                    _no_mailbox, poll_interval=timedelta(minutes=5))
    addresses = [f"owner{n}@gmail.com" for n in range(3)]
    for address in addresses:
        engine.add_account("gmail", Connection(Identity(address, "A", "UTC"), _tokens(address)))

    for rotation in (1, 2):
        rotated = followup("keys", "rotate", env=env)
        assert rotated.returncode == 0, rotated.stderr
        assert "3 account(s) re-sealed" in rotated.stdout
        keys = TokenKeyFile(settings.token_keys_path).read()
        assert len(keys) == rotation + 1  # the new key, the older ones, the secret's own
        with transaction(factory) as session:
            for account in session.scalars(select(Account)):
                opened = json.loads(Fernet(keys[0]).decrypt(account.sealed_tokens))
                assert opened["access_token"] == account.email  # sealed with the new key
                assert running.open(account.sealed_tokens).access_token == account.email
                assert b"refresh-of" not in account.sealed_tokens
    listed = followup("keys", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].endswith("3 token(s)\tseals new tokens")
    assert all("\t0 token(s)\topens only" in line for line in lines[1:]) and len(lines) == 3
    database.dispose()


def _no_mailbox(account: Account, tokens: Tokens, save: TokenSaver) -> MailboxProvider:
    pytest.fail("rotating keys never talks to a provider")
