"""Graph's HTTP answers -> :mod:`providers.errors`, for plain requests and batch items alike."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from providers.errors import (
    AuthExpired,
    BadRequest,
    CursorExpired,
    NotFound,
    ProviderError,
    RetryLater,
)
from providers.microsoft.graph_json import parse_error
from providers.retry import parse_retry_after

# Codes Graph uses when a delta token can no longer be used (410 Gone, sometimes 400).
_STALE_CURSOR_CODES = frozenset(
    {"syncstatenotfound", "syncstateinvalid", "resyncrequired", "invaliddeltatoken"}
)
# Conflicts and lock timeouts on one mailbox item are transient in Exchange.
_TRANSIENT_STATUSES = frozenset({408, 409, 412, 423, 429})


# 403s that only the owner can fix by consenting again (others are refusals of one request)
_ACCESS_CODES = frozenset({"erroraccessdenied", "accessdenied", "authorization_requestdenied",
                           "invalidauthenticationtoken", ""})


def error_for(
    status: int, headers: Mapping[str, str], body: Any, now: datetime, what: str
) -> ProviderError:
    """The error an answer with this (non-2xx) status means. ``headers`` lower-cased."""
    error = _classify(status, headers, body, now, what)
    error.status = status
    return error


def _classify(
    status: int, headers: Mapping[str, str], body: Any, now: datetime, what: str
) -> ProviderError:
    info = parse_error(body)
    detail = f"{what}: HTTP {status}" + (f" {info.code}" if info.code else "")
    if info.message:
        detail += f": {info.message}"
    if status == 410 or info.code.lower() in _STALE_CURSOR_CODES:
        return CursorExpired(detail)
    if status in _TRANSIENT_STATUSES or status >= 500:
        return RetryLater(detail, parse_retry_after(headers.get("retry-after"), now))
    if status == 401 or (status == 403 and info.code.lower() in _ACCESS_CODES):
        return AuthExpired(detail)
    if status == 404:
        return NotFound(detail)
    return BadRequest(detail)
