"""How Google's error answers map onto providers.errors (pure: status, headers, body)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import google.auth.exceptions
import pytest

from providers.errors import (
    ActionRequired,
    AuthExpired,
    AuthRevoked,
    BadRequest,
    CursorExpired,
    NotFound,
    RetryLater,
)
from providers.google.session import Unauthorized, _refresh_failure, api_failure

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def google_error(status: int, reason: str, message: str = "msg") -> bytes:
    return json.dumps({"error": {"code": status, "message": message,
                                 "errors": [{"reason": reason, "domain": "global",
                                             "message": message}]}}).encode()


@pytest.mark.parametrize(
    ("status", "reason", "expected"),
    [
        (401, "authError", Unauthorized),
        (403, "insufficientPermissions", AuthExpired),
        (403, "rateLimitExceeded", RetryLater),
        (403, "userRateLimitExceeded", RetryLater),
        (404, "notFound", NotFound),
        (410, "fullSyncRequired", CursorExpired),
        (400, "invalidArgument", BadRequest),
        (429, "rateLimitExceeded", RetryLater),
        (500, "backendError", RetryLater),
        (503, "backendError", RetryLater),
    ],
)
def test_status_and_reason_choose_the_error(status: int, reason: str,
                                            expected: type[Exception]) -> None:
    failure = api_failure(status, {}, google_error(status, reason), NOW)
    assert type(failure) is expected
    assert str(status) in str(failure) and "\n" not in str(failure)


def test_retry_after_is_read_as_seconds_or_date() -> None:
    seconds = api_failure(429, {"retry-after": "7"}, google_error(429, "x"), NOW)
    assert isinstance(seconds, RetryLater) and seconds.retry_after == 7
    dated = api_failure(503, {"Retry-After": "Mon, 02 Mar 2026 09:00:20 GMT"}, b"", NOW)
    assert isinstance(dated, RetryLater) and dated.retry_after == 20
    bare = api_failure(500, {}, b"<html>oops</html>", NOW)
    assert isinstance(bare, RetryLater) and bare.retry_after is None


def test_error_text_is_one_bounded_line() -> None:
    failure = api_failure(400, {}, google_error(400, "invalid", "bad\nthing " * 100), NOW)
    assert "\n" not in str(failure) and len(str(failure)) < 260


def refresh_error(*args: object, retryable: bool = False
                  ) -> google.auth.exceptions.RefreshError:
    """The exception google-auth raises for an error answer of the token endpoint."""
    return google.auth.exceptions.RefreshError(  # type: ignore[no-untyped-call]
        *args, retryable=retryable)


def test_token_endpoint_failures() -> None:
    revoked = refresh_error(
        "invalid_grant: Token has been expired or revoked.",
        {"error": "invalid_grant", "error_description": "Token has been expired or revoked."})
    assert isinstance(_refresh_failure(revoked), AuthRevoked)
    busy = refresh_error("server_error", {"error": "server_error"}, retryable=True)
    assert isinstance(_refresh_failure(busy), RetryLater)
    client = refresh_error("invalid_client: Unauthorized", {"error": "invalid_client"})
    refused = _refresh_failure(client)  # the operator's OAuth client, not the owner's grant
    assert isinstance(refused, ActionRequired) and "FOLLOWUP_GOOGLE" in refused.what_to_do
    other = refresh_error("invalid_scope", {"error": "invalid_scope"})
    assert isinstance(_refresh_failure(other), AuthExpired)
