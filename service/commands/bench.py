"""`followup bench [detection|emulator|simulation|chaos|all]`: the figures the issues ask
for (``all`` leaves out ``chaos``: worker processes, PostgreSQL, a minute or more)."""

from __future__ import annotations

import argparse
import importlib
import json
from collections.abc import Callable

BENCHMARKS: dict[str, tuple[str, str, str]] = {
    # name: (module, function, what the bar is)
    "detection": ("bench.detection", "run_detection_benchmark",
                  "10,000 events, under 0.2 ms per event"),
    "emulator": ("bench.emulator", "run_emulator_benchmark",
                 "2,000 mailboxes; idle incremental sync under 2 ms of server time"),
    "simulation": ("bench.simulation", "run_simulation_benchmark",
                   "a three-week scenario in under 30 s"),
    "chaos": ("bench.chaos", "run_chaos_benchmark",
              "kills, faults and owner actions: every draft once, none lost (held: 1)"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("which", nargs="?", default="all", choices=[*BENCHMARKS, "all"])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--every-poll", action="store_true",
                        help="simulation: also run with a pass at every poll (minutes)")
    parser.add_argument("--full", action="store_true",
                        help="chaos: the full size (50+ kills, 200+ interviews)")
    parser.add_argument("--sqlite", action="store_true",
                        help="chaos: one worker on SQLite instead of workers on PostgreSQL")


def run(args: argparse.Namespace) -> int:
    names = [n for n in BENCHMARKS if n != "chaos"] if args.which == "all" else [args.which]
    results: dict[str, dict[str, float]] = {}
    for name in names:
        module_name, function_name, bar = BENCHMARKS[name]
        function: Callable[..., dict[str, float]] = getattr(
            importlib.import_module(module_name), function_name)
        if name == "chaos":
            results[name] = function(full=args.full, sqlite=args.sqlite)
        else:
            results[name] = (function(every_poll=True)
                             if name == "simulation" and args.every_poll else function())
        if not args.json:
            print(f"{name} ({bar}):")
            for key, value in results[name].items():
                print(f"  {key}: {value:g}")
    if args.json:
        print(json.dumps(results, indent=2))
    return 1 if results.get("chaos", {}).get("held") == 0.0 else 0
