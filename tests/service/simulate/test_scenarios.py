"""Every scenario in ./scenarios runs through the real simulation (adapters over HTTP to the
emulator, SQLite, detection, policy, templates) on both providers; the output must keep the
service's invariants and give what the scenario's ``expect`` block asks for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from providers.model import ProviderName
from service.simulate.driver import simulate
from service.simulate.scenario import load_scenario

from .invariants import check

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))
PROVIDERS: tuple[ProviderName, ...] = ("gmail", "outlook")


def test_there_are_scenarios_to_run() -> None:
    assert len(SCENARIOS) >= 16


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path, provider: ProviderName) -> None:
    written: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    output = simulate(load_scenario(path), provider)
    assert output["scenario"] == written["name"]
    assert output["provider"] == provider
    assert output["skipped"] == [], "every timeline entry of these scenarios applies"
    failures = check(output, written)
    assert not failures, "\n".join(failures)
