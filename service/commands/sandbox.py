"""`followup sandbox`."""

from __future__ import annotations

import argparse

from service.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    raise UsageError("not yet available in this version")
