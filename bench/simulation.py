"""Simulation benchmark: a three-week scenario (the demo's story: interviews, notes, a
timeline mail, a reply, an approval) through the whole service on a virtual clock, on each
provider; the bar is under 30 seconds. Measured as ``simulate`` runs (quiet stretches
jumped); with ``--every-poll`` also with a pass at every 5-minute poll throughout (6,048
polls: the load the real service puts on a provider over three weeks).

    python -m bench.simulation [DAYS] [--every-poll]
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime

from providers.model import PROVIDERS
from service.demo import demo_scenario
from service.simulate.driver import simulate


def run_simulation_benchmark(days: int = 21, every_poll: bool = False) -> dict[str, float]:
    scenario = demo_scenario(datetime(2026, 3, 2, 8, 0, tzinfo=UTC), "America/New_York",
                             days=days, live=False)
    figures: dict[str, float] = {"days": float(days)}
    for provider in PROVIDERS:
        # as simulate runs (quiet stretches jumped), and polling every 5 minutes throughout
        runs = (("", False), ("_every_poll", True)) if every_poll else (("", False),)
        for label, poll_each in runs:
            started = time.perf_counter()
            output = simulate(scenario, provider, every_poll=poll_each)
            figures[f"{provider}{label}_seconds"] = round(time.perf_counter() - started, 2)
            figures[f"{provider}{label}_steps"] = float(output["steps"])
            figures[f"{provider}{label}_api_calls"] = float(output["api_calls"]["total"])
            figures[f"{provider}{label}_drafts"] = float(len(output["drafts"]))
    return figures


def main(argv: list[str]) -> int:
    numbers = [a for a in argv[1:] if a.isdigit()]
    days = int(numbers[0]) if numbers else 21
    for key, value in run_simulation_benchmark(days, "--every-poll" in argv).items():
        print(f"{key}: {value:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
