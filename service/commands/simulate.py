"""`followup simulate SCENARIO.yaml --provider gmail|outlook`: the whole service on a virtual
clock against the emulator; prints one JSON document (spec: simulation.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import cast

from providers.model import PROVIDERS, ProviderName
from service.simulate.scenario import load_scenario


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", type=Path, help="the scenario (YAML)")
    parser.add_argument("--provider", required=True, choices=PROVIDERS)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--out", type=Path, help="write the JSON here instead of stdout")


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    from service.simulate.driver import simulate  # the emulator and adapters load only here

    output = simulate(scenario, cast(ProviderName, args.provider), args.database_url)
    text = json.dumps(output, indent=2, ensure_ascii=False)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0
