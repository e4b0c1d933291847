"""Logging: plain text or one JSON object per line (``FOLLOWUP_LOG_FORMAT=json``), with
secrets masked on the way out, and outages reported as one line when they start and one when
they end (:class:`Outage`), not a traceback at every tick.

What is logged never holds tokens or message bodies: the code logs ids, counts and error kinds.
:class:`_Masking` is the second line of defence, for a library or a message that slips one in
(a bearer token, an ``access_token=`` / ``refresh_token=`` / ``code=`` / ``client_secret=``
value, a JWT).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import threading
import time
from datetime import UTC, datetime
from typing import Any

from service.errors import ConfigError

FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_SECRETS = (
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]{8,}"), r"\1 [masked]"),
    (re.compile(r"(?i)\b((?:access|refresh|id)_token|client_secret|code|password)"
                r"(\"?\s*[:=]\s*\"?)[^\"&\s,;}]{4,}"), r"\1\2[masked]"),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"), "[masked jwt]"),
    (re.compile(r"\bya29\.[A-Za-z0-9._-]{8,}"), "[masked token]"),  # Google access tokens
    (re.compile(r"\b1//[A-Za-z0-9._-]{8,}"), "[masked token]"),  # Google refresh tokens
)


def mask(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class _Masking(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


class TextFormatter(_Masking):
    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)


class JsonFormatter(_Masking):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, and the
    exception's type and traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": mask(record.getMessage()),
        }
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[0].__name__
            entry["traceback"] = mask(self.formatException(record.exc_info))
        outage = getattr(record, "outage", None)
        if isinstance(outage, dict):
            entry["outage"] = outage
        return json.dumps(entry, ensure_ascii=False, default=str)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler :func:`configure` installs (and replaces when called again)."""


def log_format() -> str:
    value = os.environ.get("FOLLOWUP_LOG_FORMAT", "text").strip().lower() or "text"
    if value not in FORMATS:
        raise ConfigError(f"FOLLOWUP_LOG_FORMAT: {value[:20]!r} is not one of "
                          f"{', '.join(FORMATS)}")
    return value


def configure(verbose: bool, format_name: str = "text") -> None:
    """The root logger on stderr, in the chosen format; chatty and secret-keeping libraries
    quietened."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(old)
    if not root.handlers:  # as logging.basicConfig: a host that set up logging keeps it
        handler = _StderrHandler(sys.stderr)
        handler.setFormatter(JsonFormatter() if format_name == "json" else TextFormatter())
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if not verbose:
        for chatty in ("alembic", "apscheduler", "uvicorn.error", "httpx"):
            logging.getLogger(chatty).setLevel(logging.WARNING)
    # These log request and response bodies (codes, client secrets, tokens) at DEBUG: never.
    for secret_keeper in ("requests_oauthlib", "oauthlib", "urllib3", "msal", "httpcore",
                          "googleapiclient", "google_auth_httplib2", "google.auth",
                          "httplib2", "requests"):
        logging.getLogger(secret_keeper).setLevel(logging.WARNING)


class Outage:
    """Something the service depends on (the database, a provider), seen from the loop: the
    first failure logs one warning, later ones are only counted, and the first success after
    them logs one line with how long it lasted. Thread-safe."""

    def __init__(self, what: str, logger: logging.Logger, clock: Any = time.monotonic) -> None:
        self.what = what
        self._log = logger
        self._clock = clock
        self._lock = threading.Lock()
        self._since: float | None = None
        self._failures = 0

    @property
    def down(self) -> bool:
        return self._since is not None

    def failed(self, cause: str) -> None:
        """A failure; ``cause`` is a short label (an error type or code), never a message."""
        with self._lock:
            self._failures += 1
            if self._since is not None:
                return
            self._since = self._clock()
        self._log.warning("%s unavailable (%s); retrying quietly until it is back", self.what,
                          cause, extra={"outage": {"what": self.what, "state": "started",
                                                   "cause": cause}})

    def recovered(self) -> None:
        with self._lock:
            if self._since is None:
                return
            lasted = self._clock() - self._since
            failures, self._since, self._failures = self._failures, None, 0
        self._log.warning("%s available again after %.1f s (%d failed attempt(s))", self.what,
                          lasted, failures,
                          extra={"outage": {"what": self.what, "state": "ended",
                                            "seconds": round(lasted, 3),
                                            "failures": failures}})
