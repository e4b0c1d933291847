"""One backoff policy for both adapters: bounded attempts, exponential backoff with full
jitter, ``Retry-After`` honoured, sleeping through the injected :class:`Clock`.

Adapters translate their transport's failures into :class:`providers.errors` first; this
module only retries :class:`RetryLater` (429, 5xx, timeouts, connection resets). Everything
else (auth, not found, bad request) goes straight through.

A non-idempotent write (creating a draft) must not be replayed blindly after a failure
whose outcome is unknown: pass ``recover``, which looks the result up (e.g. the draft by its
idempotency key) before each new attempt and returns it if the earlier attempt took effect.
"""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

from providers.clock import Clock
from providers.errors import RetryLater

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5  # attempts in all, the first one included
    base_delay: float = 0.5  # seconds before the first retry (before jitter)
    max_delay: float = 30.0  # no single wait is longer; a longer Retry-After gives up at once
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def backoff(self, failed_attempts: int, retry_after: float | None) -> float | None:
        """Seconds to wait after ``failed_attempts`` failures, or None to give up now."""
        if failed_attempts >= self.max_attempts:
            return None
        if retry_after is not None:
            # The server said when: waiting less is pointless, waiting longer than
            # max_delay is the caller's (scheduler's) business, not a blocked worker's.
            return retry_after if retry_after <= self.max_delay else None
        ceiling = min(self.max_delay, self.base_delay * 2 ** (failed_attempts - 1))
        return self.rng.uniform(0.0, ceiling)


NO_RETRY = RetryPolicy(max_attempts=1)


def call_with_retry(
    fn: Callable[[], T],
    policy: RetryPolicy,
    clock: Clock,
    *,
    recover: Callable[[], T | None] | None = None,
    what: str = "request",
) -> T:
    """``fn()``, retried on :class:`RetryLater` per ``policy``; the last RetryLater is
    re-raised when attempts run out (or the server asks for a longer pause than max_delay).

    ``recover`` (for non-idempotent writes) runs before every retry; a non-None answer is
    returned as the result instead of calling ``fn`` again. A RetryLater from ``recover``
    counts as one more failed attempt.
    """
    failures = 0
    while True:
        try:
            if failures and recover is not None:
                recovered = recover()
                if recovered is not None:
                    log.info("%s: the earlier attempt had taken effect", what)
                    return recovered
            return fn()
        except RetryLater as exc:
            failures += 1
            wait = policy.backoff(failures, exc.retry_after)
            if wait is None:
                log.debug("%s: giving up after %d attempt(s): %s", what, failures, exc)
                raise
            # debug: an outage would repeat this at every call (the runtime logs it once)
            log.debug("%s: transient failure (%s), retry %d in %.2fs", what, exc, failures,
                      wait)
            clock.sleep(wait)


MAX_RETRY_AFTER = 86_400.0  # a day


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds from a ``Retry-After`` header: delta-seconds or an HTTP-date (RFC 9110)."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:  # "inf", "nan" or years: a hostile or broken header is no instruction
        return min(max(0.0, seconds), MAX_RETRY_AFTER) if math.isfinite(seconds) else None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return None
    return min(max(0.0, (moment - now).total_seconds()), MAX_RETRY_AFTER)
