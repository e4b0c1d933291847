"""``followup``: the command line. Each sub-command lives in ``service/commands/<name>.py``
with ``add_arguments(parser)`` and ``run(args) -> int``; they are imported only when used so
that ``followup --help`` stays fast."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from service import logs
from service.errors import UsageError

COMMANDS: dict[str, tuple[str, str]] = {
    # name: (module, one-line help)
    "run": ("run", "run the service: scheduler, workers and the web dashboard"),
    "demo": ("demo", "the service against the emulator with a sample mailbox"),
    "simulate": ("simulate", "run a scenario on a virtual clock and print what happened"),
    "detect": ("detect", "classify calendar events (provider JSON) as interviews"),
    "sandbox": ("sandbox", "run the Google/Microsoft emulator as a server"),
    "bench": ("bench", "measure detection, the emulator and simulation speed"),
    "db": ("db", "database maintenance (upgrade)"),
    "accounts": ("accounts", "list or remove connected mailboxes"),
    "keys": ("keys", "rotate the keys that encrypt tokens at rest"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="followup",
        description="Thank-you and check-in drafts after job interviews.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(f"service.commands.{module_name}")
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command_parser)
        command_parser.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        logs.configure(args.verbose, logs.log_format())
    except UsageError as exc:
        print(f"followup: {exc}", file=sys.stderr)
        return 2
    try:
        code: int = args.handler(args)
    except UsageError as exc:
        print(f"followup {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
