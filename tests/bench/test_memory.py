"""`followup bench scale --memory` runs end to end at 20 mailboxes: ONE worker over all of
them, its peak RSS measured (the figure at 10,000 is the benchmark's business)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bench.scale import render_memory


def test_memory_benchmark_at_twenty_mailboxes() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "bench", "scale", "--memory", "--accounts", "20",
         "--json"], env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["accounts"] == 20
    # every account connected through the code exchange and passed once in the idle cycle
    assert figures["memory_idle_passes_per_account"] == 1
    assert figures["memory_first_sync_seconds"] > 0 and figures["memory_idle_pass_seconds"] > 0
    assert 20 < figures["memory_worker_ready_rss_mb"] <= figures["memory_worker_peak_rss_mb"] \
        < 2000
    assert "| peak RSS of a worker" in render_memory(figures)
