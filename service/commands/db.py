"""`followup db upgrade`: apply the migrations to the configured database."""

from __future__ import annotations

import argparse

from service.config import load_settings
from service.store.db import make_engine, upgrade


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = sub.add_parser("upgrade", help="create or upgrade the schema to the newest version")
    up.add_argument("--database-url", help="overrides FOLLOWUP_DATABASE_URL")


def run(args: argparse.Namespace) -> int:
    overrides = {"database_url": args.database_url} if args.database_url else {}
    settings = load_settings(**overrides)
    engine = make_engine(settings.database)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    print(f"database at {settings.database.render_as_string(hide_password=True)} is up to date")
    return 0
