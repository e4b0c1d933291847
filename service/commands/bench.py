"""`followup bench [detection|emulator|simulation|chaos|scale|all]`: the figures the issues
ask for. ``all`` leaves out the two that run the emulator and the service's workers as
processes for minutes and need PostgreSQL: ``chaos`` (``--full``, ``--sqlite``) and ``scale``
(``--accounts N --quick --workers K --cycles C --postgres URL --only latency``, or
``--memory``: one worker's peak RSS over N minimal mailboxes; default server
``$FOLLOWUP_BENCH_POSTGRES_URL`` or the local test server)."""

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
    parser.add_argument("which", nargs="?", default="all", choices=[*BENCHMARKS, "scale", "all"])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--every-poll", action="store_true",
                        help="simulation: also run with a pass at every poll (minutes)")
    parser.add_argument("--accounts", type=int, default=1000,
                        help="scale: connected mailboxes, half Gmail, half Outlook (1000)")
    parser.add_argument("--quick", action="store_true",
                        help="scale: one cycle per phase and a short latency run")
    parser.add_argument("--workers", type=int, default=2,
                        help="scale: workers on PostgreSQL while interviews end (2)")
    parser.add_argument("--cycles", type=int, default=None,
                        help="scale: idle cycles per phase, the median reported (3; 1 quick)")
    parser.add_argument("--memory", action="store_true",
                        help="scale: only the peak RSS of ONE worker over --accounts minimal "
                             "mailboxes (first sync and an idle cycle; SQLite, no PostgreSQL)")
    parser.add_argument("--only", choices=["latency"],
                        help="scale: only the latency run on PostgreSQL with --workers "
                             "workers (connect, first sync, interviews ending)")
    parser.add_argument("--postgres", metavar="URL",
                        help="scale: a PostgreSQL server where a scratch database may be made")
    parser.add_argument("--full", action="store_true",
                        help="chaos: the full size (50+ kills, 200+ interviews)")
    parser.add_argument("--sqlite", action="store_true",
                        help="chaos: one worker on SQLite instead of workers on PostgreSQL")


def run(args: argparse.Namespace) -> int:
    if args.which == "scale":
        return _scale(args)
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


def _scale(args: argparse.Namespace) -> int:
    from bench.scale import render, render_memory, run_memory_benchmark, run_scale_benchmark

    def say(message: str) -> None:
        if not args.json:
            print(message, flush=True)

    if args.memory:
        figures = run_memory_benchmark(args.accounts, say=say)
        if not args.json:
            print(render_memory(figures))
        print(json.dumps(figures))
        return 0
    figures = run_scale_benchmark(args.accounts, quick=args.quick, workers=args.workers,
                                  postgres_admin=args.postgres, say=say, cycles=args.cycles,
                                  latency_only=args.only == "latency")
    if not args.json:
        print(render(figures))
    print(json.dumps(figures))
    return 0
