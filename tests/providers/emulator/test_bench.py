"""The emulator benchmark runs end to end (the timing itself is `followup bench`'s business)."""

from __future__ import annotations

from bench.emulator import run_emulator_benchmark


def test_benchmark_reports_idle_sync_times() -> None:
    # The benchmark itself checks every idle sync answered 200 with nothing new.
    results = run_emulator_benchmark(mailboxes=25)
    assert results["mailboxes"] == 25
    for key in ("load_seconds", "calendar_sync_ms_mean", "gmail_history_ms_mean",
                "per_request_ms_mean", "per_request_ms_p99", "http_round_trip_ms_mean"):
        assert results[key] > 0, key
