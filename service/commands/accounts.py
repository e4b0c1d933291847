"""`followup accounts list|remove`."""

from __future__ import annotations

import argparse

from sqlalchemy import select

from service.config import load_settings
from service.errors import UsageError
from service.store.db import make_engine, session_factory, transaction, upgrade
from service.store.models import Account


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="accounts_command", metavar="ACTION", required=True)
    sub.add_parser("list", help="the connected mailboxes and their state")
    remove = sub.add_parser("remove", help="forget a mailbox and everything stored for it")
    remove.add_argument("email", help="the mailbox address")
    remove.add_argument("--provider", choices=["gmail", "outlook"])


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    engine = make_engine(settings.database)
    upgrade(engine)
    factory = session_factory(engine)
    try:
        with transaction(factory) as session:
            if args.accounts_command == "list":
                # which database: the dashboard shows what this one holds (the demo's lives
                # in a folder of its own, named by FOLLOWUP_DATA_DIR)
                print(f"database: {settings.database.render_as_string(hide_password=True)}")
                accounts = session.scalars(select(Account).order_by(Account.id)).all()
                if not accounts:
                    print("no connected mailboxes")
                for account in accounts:
                    reason = f" ({account.status_reason})" if account.status_reason else ""
                    print(f"{account.provider}\t{account.email}\t{account.status}{reason}"
                          f"\towner {account.owner_id}")
                return 0
            query = select(Account).where(Account.email == args.email.strip().lower())
            if args.provider:
                query = query.where(Account.provider == args.provider)
            found = session.scalars(query).all()
            if not found:
                raise UsageError(f"no connected mailbox {args.email}")
            if len(found) > 1:
                raise UsageError(f"{args.email} is connected twice: name --provider")
            session.delete(found[0])
            print(f"removed {found[0].provider} mailbox {found[0].email}")
            return 0
    finally:
        engine.dispose()
