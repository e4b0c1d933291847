"""Logs: JSON on request, secrets masked whatever slips in, an outage as two lines."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from service.logs import JsonFormatter, Outage, TextFormatter, mask
from tests.service.commands.test_accounts import followup

ACCESS = "ya29.a0AfH6SMBx-secret-access-token"
REFRESH = "1//0gLkY-secret-refresh-token"


def record(message: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    return logging.LogRecord("service.test", logging.WARNING, __file__, 1, message, args, info)


def test_json_lines_carry_level_logger_message_and_error() -> None:
    try:
        raise ValueError("boom")
    except ValueError as exc:
        line = JsonFormatter().format(record("account %s: %s", 7, "retry later", exc=exc))
    entry = json.loads(line)
    assert entry["level"] == "warning" and entry["logger"] == "service.test"
    assert entry["message"] == "account 7: retry later"
    assert entry["error"] == "ValueError" and "Traceback" in entry["traceback"]
    assert entry["time"].endswith("+00:00")


@pytest.mark.parametrize("leak", [
    f"Authorization: Bearer {ACCESS}",
    f"POST /token body refresh_token={REFRESH}&client_secret=s3cr3t-value",
    f'{{"access_token": "{ACCESS}", "id_token": "eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl"}}',
    "GET /oauth/callback?state=abc&code=4/0AQlEd8x-one-time-code",
    f"refreshed {ACCESS} and {REFRESH}",
])
def test_tokens_never_reach_the_log(leak: str) -> None:
    for formatter in (JsonFormatter(), TextFormatter()):
        out = formatter.format(record("%s", leak))
        for secret in (ACCESS, REFRESH, "s3cr3t-value", "one-time-code", "c2lnbmF0dXJl"):
            assert secret not in out
    assert mask("HTTP 429 rateLimitExceeded for account 3") == \
        "HTTP 429 rateLimitExceeded for account 3"


def test_an_outage_is_one_line_when_it_starts_and_one_when_it_ends(
        caplog: pytest.LogCaptureFixture) -> None:
    moments = iter([100.0, 108.25])
    outage = Outage("the database", logging.getLogger("service.test"),
                    clock=lambda: next(moments))
    with caplog.at_level(logging.INFO):
        for _ in range(53):
            outage.failed("OperationalError")
        assert outage.down
        outage.recovered()
        outage.recovered()  # nothing was down any more: nothing to say
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["the database unavailable (OperationalError); retrying quietly until "
                     "it is back",
                     "the database available again after 8.2 s (53 failed attempt(s))"]
    assert not outage.down


def test_followup_logs_json_on_request(tmp_path: Path) -> None:
    env = {"FOLLOWUP_DATA_DIR": str(tmp_path), "FOLLOWUP_LOG_FORMAT": "json"}
    done = followup("-v", "db", "upgrade", env=env)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines, "alembic logs at debug level: there must be lines"
    for line in lines:
        entry = json.loads(line)
        assert {"time", "level", "logger", "message"} <= set(entry)


def test_an_unknown_log_format_is_one_line(tmp_path: Path) -> None:
    done = followup("db", "upgrade", env={"FOLLOWUP_DATA_DIR": str(tmp_path),
                                          "FOLLOWUP_LOG_FORMAT": "xml"})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "followup: FOLLOWUP_LOG_FORMAT: 'xml' is not one of text, json"]
