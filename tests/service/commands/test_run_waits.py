"""`followup run` waits for a database that is away at start instead of exiting."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest

from service.commands.run import wait_for_database


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_database_is_waited_for_with_one_log_line(
        caplog: pytest.LogCaptureFixture) -> None:
    pauses: list[float] = []
    url = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/test?connect_timeout=2"
    with caplog.at_level(logging.WARNING, logger="service.commands.run"):
        reached = wait_for_database(url, stopped=lambda: len(pauses) >= 5, sleep=pauses.append,
                                    first_pause=0.5, longest_pause=4.0)
    assert reached is False
    assert pauses == [0.5, 1.0, 2.0, 4.0, 4.0]  # backoff, capped
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 1 and "the database unavailable" in lines[0]
    assert "Traceback" not in caplog.text


def test_a_reachable_database_is_used_at_once(tmp_path: Path) -> None:
    pauses: list[float] = []
    assert wait_for_database(f"sqlite:///{tmp_path}/f.db", sleep=pauses.append) is True
    assert pauses == []

