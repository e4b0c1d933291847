"""`followup bench scale` runs end to end at 20 mailboxes: every figure is there and sane.
The timing bars themselves are the benchmark's business (README, Performance)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest

from bench.scale import render, table
from tests.conftest import POSTGRES_ADMIN_URL

pytestmark = pytest.mark.postgres

FIGURES = (
    "first_sync_wall_seconds", "first_sync_ms_per_account", "postgres_first_sync_ms_per_account",
    "sqlite_1_idle_pass_seconds", "naive_idle_pass_seconds", "postgres_1_idle_pass_seconds",
    "postgres_2_idle_pass_seconds", "two_worker_speedup", "naive_vs_engine",
    "worker_fixed_rss_mb", "worker_peak_rss_mb", "worker_rss_estimate_10000_mb",
)


def test_scale_benchmark_at_twenty_mailboxes(postgres_url: str) -> None:
    # postgres_url: the session's scratch database proves the server is there (or skips)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "bench", "scale", "--accounts", "20", "--quick",
         "--json", "--postgres", POSTGRES_ADMIN_URL],
        env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])

    assert (figures["accounts"], figures["gmail_accounts"], figures["outlook_accounts"]) == \
        (20, 10, 10)
    for name in FIGURES:
        assert math.isfinite(figures[name]) and figures[name] > 0, name
    # an idle cycle: Calendar events.list and Gmail history.list; one Graph $batch
    assert 0 < figures["sqlite_1_idle_requests_per_account_gmail"] <= 2
    assert 0 < figures["sqlite_1_idle_requests_per_account_outlook"] <= 1
    # the naive strategy re-lists: more requests than the cursors' idle sync
    assert figures["naive_idle_api_calls_per_account_gmail"] > \
        figures["sqlite_1_idle_api_calls_per_account_gmail"]
    # one worker passes over each account once a cycle; two at most once each
    assert figures["sqlite_1_idle_passes_per_account"] == 1
    assert figures["postgres_1_idle_passes_per_account"] == 1
    assert 1 <= figures["postgres_2_idle_passes_per_account"] <= 2
    assert sum(figures["postgres_2_passes_per_worker"]) >= 20
    # every interview that ended got its draft, once; every account had a pass
    assert figures["latency_interviews"] == 20
    assert figures["latency_drafts_missing"] == 0
    assert 0 <= figures["latency_p50_seconds"] <= figures["latency_p95_seconds"]
    assert figures["duplicate_drafts"] == 0
    assert figures["unsynced_accounts"] == 0
    assert figures["not_active_accounts"] == 0
    assert 20 < figures["worker_peak_rss_mb"] < 2000
    assert figures["worker_rss_estimate_10000_mb"] >= figures["worker_peak_rss_mb"]
    rows = table(figures)
    assert len(rows) == 8 and all(met in ("met", "not met", "-") for *_, met in rows)
    assert render(figures).count("\n") >= 9


def test_latency_only_with_four_workers(postgres_url: str) -> None:
    # `--only latency`: the check of several workers while interviews end (the README
    # runs it at 2,000 accounts and 4 workers), here at 20
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "bench", "scale", "--accounts", "20", "--quick",
         "--only", "latency", "--workers", "4", "--postgres", POSTGRES_ADMIN_URL],
        env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["latency_only"] and figures["latency_workers"] == 4
    # the first full sync was shared out: every account once, by the four
    assert sum(figures["postgres_first_sync_passes_per_worker"]) == 20
    assert figures["latency_drafts_missing"] == 0 and figures["duplicate_drafts"] == 0
    assert figures["unsynced_accounts"] == 0 and figures["not_active_accounts"] == 0
    assert "sqlite_1_idle_pass_seconds" not in figures  # no other phase ran
    assert "4 workers, 20 accounts" in done.stdout
