"""The one source of "now" for the service, the emulator and the simulator.

Nothing else calls ``datetime.now()``: code takes a :class:`Clock` so that the same code runs
on real time (``followup run``) and on a virtual clock (``followup simulate``, tests).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` (a virtual clock returns at once: its time moves by the driver)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, seconds))


class VirtualClock:
    """A clock moved only by :meth:`set` / :meth:`advance`; safe to read from other threads."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("VirtualClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._lock = threading.Lock()
        self.slept = 0.0  # total seconds callers asked to sleep, for tests of backoff

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("VirtualClock needs an aware datetime")
        with self._lock:
            if moment < self._now:
                raise ValueError("a virtual clock never goes back")
            self._now = moment.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        self.set(self.now() + delta)

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.slept += max(0.0, seconds)
