"""`followup keys rotate|reseal|list`: the keys that encrypt tokens at rest.

``rotate`` writes a new key first into the token key file (older keys stay, so that tokens
sealed with them, by this or any running process, still open) and re-seals every stored token
with it. ``reseal`` only re-seals, with the key file's first key (after you put a key there
yourself, e.g. from a secrets manager). ``list`` shows each key's id and how many tokens it
seals: a key that seals none can be removed from the file.
"""

from __future__ import annotations

import argparse
from collections import Counter

from cryptography.fernet import Fernet
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from service.config import load_settings
from service.errors import UsageError
from service.store.db import make_engine, session_factory, transaction, upgrade
from service.store.models import Account
from service.token_vault import (
    TokenKeyFile,
    TokenVault,
    derived_key,
    fingerprint,
    reseal_all,
    vault_for,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    sub.add_parser("rotate", help="add a new key and re-seal every token with it")
    sub.add_parser("reseal", help="re-seal every token with the key file's first key")
    sub.add_parser("list", help="the keys (by id) and how many tokens each seals")


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    key_file = TokenKeyFile(settings.token_keys_path)
    if args.keys_command == "rotate":
        legacy = derived_key(settings.secret_key())
        kept = [key for key in key_file.read() if key != legacy]
        new_key = Fernet.generate_key()
        # the secret's own key goes on the list too: the file then names every key in use
        key_file.write([new_key, *kept, legacy])
        print(f"new key {fingerprint(new_key)} written first to {key_file.path}")
    database = make_engine(settings.database)
    try:
        upgrade(database)
        factory = session_factory(database)
        vault = vault_for(settings)
        if args.keys_command == "list":
            return _list(factory, vault)
        report = reseal_all(factory, vault)
    finally:
        database.dispose()
    print(f"{report.resealed} account(s) re-sealed with key {fingerprint(vault.keys[0])}")
    if report.unreadable:
        ids = ", ".join(str(account_id) for account_id in report.unreadable)
        raise UsageError(f"no key opens the tokens of account(s) {ids}: restore the key "
                         "file from a backup, or have those owners sign in again")
    return 0


def _list(factory: sessionmaker[Session], vault: TokenVault) -> int:
    sealed_by: Counter[str] = Counter()
    with transaction(factory) as session:
        for sealed in session.scalars(select(Account.sealed_tokens)):
            key = vault.sealing_key(sealed)
            sealed_by[fingerprint(key) if key is not None else "(none)"] += 1
    for position, key in enumerate(vault.keys):
        name = fingerprint(key)
        role = "seals new tokens" if position == 0 else "opens only"
        print(f"{name}\t{sealed_by.pop(name, 0)} token(s)\t{role}")
    if sealed_by.get("(none)"):
        print(f"(no key)\t{sealed_by['(none)']} token(s)\tunreadable")
    return 0
