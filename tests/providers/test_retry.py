"""The shared backoff policy: bounded attempts, Retry-After, jitter, the injected clock."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from providers.clock import VirtualClock
from providers.errors import NotFound, RetryLater
from providers.retry import RetryPolicy, call_with_retry, parse_retry_after

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Flaky:
    """Fails ``failures`` times with RetryLater, then answers."""

    def __init__(self, failures: int, retry_after: float | None = None) -> None:
        self.failures = failures
        self.retry_after = retry_after
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise RetryLater("busy", retry_after=self.retry_after)
        return "done"


def policy(**kwargs: float) -> RetryPolicy:
    return RetryPolicy(rng=random.Random(7), **kwargs)  # type: ignore[arg-type]


def test_transient_failures_are_retried_until_success() -> None:
    clock = VirtualClock(NOW)
    flaky = Flaky(failures=3)
    assert call_with_retry(flaky, policy(max_attempts=5), clock) == "done"
    assert flaky.calls == 4
    assert 0 < clock.slept <= 0.5 + 1.0 + 2.0


def test_attempts_are_bounded_and_the_last_error_is_raised() -> None:
    clock = VirtualClock(NOW)
    flaky = Flaky(failures=10, retry_after=2)
    with pytest.raises(RetryLater) as raised:
        call_with_retry(flaky, policy(max_attempts=3), clock)
    assert flaky.calls == 3
    assert raised.value.retry_after == 2
    assert clock.slept == pytest.approx(4.0)  # two waits of Retry-After, none after the last


def test_retry_after_is_honoured_exactly() -> None:
    clock = VirtualClock(NOW)
    call_with_retry(Flaky(failures=2, retry_after=7), policy(max_attempts=5), clock)
    assert clock.slept == pytest.approx(14.0)


def test_a_retry_after_longer_than_max_delay_gives_up_at_once() -> None:
    clock = VirtualClock(NOW)
    flaky = Flaky(failures=1, retry_after=120)
    with pytest.raises(RetryLater) as raised:
        call_with_retry(flaky, policy(max_attempts=5, max_delay=30), clock)
    assert flaky.calls == 1
    assert raised.value.retry_after == 120
    assert clock.slept == 0


def test_other_errors_are_not_retried() -> None:
    calls = 0

    def missing() -> None:
        nonlocal calls
        calls += 1
        raise NotFound("gone")

    with pytest.raises(NotFound):
        call_with_retry(missing, policy(), VirtualClock(NOW))
    assert calls == 1


def test_backoff_grows_exponentially_within_jitter_and_cap() -> None:
    rule = policy(max_attempts=10, base_delay=1.0, max_delay=8.0)
    for failures, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (6, 8.0)]:
        waits = [rule.backoff(failures, None) for _ in range(200)]
        assert all(w is not None and 0.0 <= w <= ceiling for w in waits)
        assert max(w for w in waits if w is not None) > ceiling / 2  # jitter spans the range
    assert rule.backoff(10, None) is None


def test_recover_answers_instead_of_repeating_a_write() -> None:
    clock = VirtualClock(NOW)
    writes = Flaky(failures=1)
    lookups: list[int] = []

    def recover() -> str | None:
        lookups.append(1)
        return "found-the-first"

    assert call_with_retry(writes, policy(), clock, recover=recover) == "found-the-first"
    assert writes.calls == 1
    assert lookups == [1]


def test_recover_that_finds_nothing_lets_the_write_run_again() -> None:
    writes = Flaky(failures=2)
    lookups: list[int] = []

    def recover() -> str | None:
        lookups.append(1)
        return None

    assert call_with_retry(writes, policy(), VirtualClock(NOW), recover=recover) == "done"
    assert writes.calls == 3
    assert len(lookups) == 2  # before each retry, never before the first attempt


def test_parse_retry_after_seconds_and_http_dates() -> None:
    assert parse_retry_after("12", NOW) == 12
    assert parse_retry_after(" 1.5 ", NOW) == 1.5
    assert parse_retry_after("-3", NOW) == 0
    assert parse_retry_after("Mon, 02 Mar 2026 09:00:30 GMT", NOW) == 30
    assert parse_retry_after("Mon, 02 Mar 2026 08:00:00 GMT", NOW) == 0
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after("", NOW) is None
    assert parse_retry_after(None, NOW) is None


def test_a_hostile_retry_after_is_bounded() -> None:
    from datetime import UTC, datetime

    from providers.retry import MAX_RETRY_AFTER, parse_retry_after

    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_retry_after("inf", now) is None
    assert parse_retry_after("nan", now) is None
    assert parse_retry_after("1e12", now) == MAX_RETRY_AFTER
    assert parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now) == MAX_RETRY_AFTER
    assert parse_retry_after("-5", now) == 0.0
