"""The chaos run in its small form (``followup bench chaos --full`` is the big one): worker
processes SIGKILLed at random and right after their writes, injected 429/500/503, short
tokens, a revoked mailbox, killed database connections, owners deleting and sending drafts
meanwhile; then every expected draft exactly once, none lost, nothing sent, no token leaked."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.chaos import SMALL, SMALL_SQLITE, ChaosReport, run_chaos


def assert_held(report: ChaosReport) -> None:
    figures = report.figures()
    assert report.problems() == [], (report.details, figures)
    assert report.kills >= 4 and report.kills_right_after_writes >= 1, figures
    assert sum(report.injected.values()) > 0, figures
    assert report.owner_deletes + report.owner_sends > 0, figures
    assert report.expected_drafts > 0 and report.losses == report.duplicates == 0, figures


@pytest.mark.postgres
def test_chaos_on_postgresql_with_two_workers(scratch_postgres_url: str, tmp_path: Path) -> None:
    report = run_chaos(SMALL, tmp_path, scratch_postgres_url)
    assert_held(report)
    assert report.connection_kills > 0 and report.revoked_mailboxes == 1


def test_chaos_on_sqlite_with_one_worker(tmp_path: Path) -> None:
    assert_held(run_chaos(SMALL_SQLITE, tmp_path))
