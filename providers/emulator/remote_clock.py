"""The emulator's clock, read over its control API (``GET /_emulator/clock``): what
``followup run --clock`` runs on, so that workers in other processes share one virtual time
with the emulator that a test or a demo moves (``POST /_emulator/clock``).

Reading is cached for a moment of real time (``refresh_seconds``): a pass asks for "now"
many times, and a virtual clock moves only when its driver says so. One thread reads at a
time; the others take the last value meanwhile. The time never goes back,
even if an answer is stale. ``sleep`` returns at once on a virtual clock, as
:class:`~providers.clock.VirtualClock` does (its time moves by the driver), and waits for real
otherwise.
"""

from __future__ import annotations

import ssl
import threading
import time
from datetime import UTC, datetime

import httpx

from providers.clock import SystemClock


class RemoteClockError(RuntimeError):
    """The emulator's clock cannot be read (the message says why, in one line)."""


class RemoteClock:
    def __init__(self, control_url: str, *, verify: ssl.SSLContext | bool | str = True,
                 refresh_seconds: float = 0.05, timeout: float = 10.0) -> None:
        self._url = control_url.rstrip("/") + "/clock"
        self._client = httpx.Client(verify=verify, timeout=timeout, trust_env=False)
        self._refresh = refresh_seconds
        self._lock = threading.Lock()
        self._now: datetime | None = None
        self._read_at = 0.0
        self._reading = False  # a thread is reading the clock (the others use the last value)
        self.virtual = False
        self._read()

    def _read(self) -> datetime:
        try:
            answer = self._client.get(self._url)
            answer.raise_for_status()
            data = answer.json()
            moment = datetime.fromisoformat(data["now"])
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            raise RemoteClockError(f"cannot read the emulator's clock at {self._url}: "
                                   f"{type(exc).__name__}") from None
        if moment.tzinfo is None:
            raise RemoteClockError(f"the emulator's clock at {self._url} has no UTC offset")
        self.virtual = bool(data.get("virtual", False))
        moment = moment.astimezone(UTC)
        with self._lock:
            if self._now is None or moment > self._now:
                self._now = moment
            self._read_at = time.monotonic()
            return self._now

    def now(self) -> datetime:
        with self._lock:
            if self._now is not None and (self._reading or
                                          time.monotonic() - self._read_at < self._refresh):
                # fresh, or another thread is reading it: one request at a time, not one
                # per thread of a worker's pool each time the cache runs out
                return self._now
            self._reading = True
        try:
            return self._read()
        finally:
            with self._lock:
                self._reading = False

    def move_to(self, moment: datetime) -> None:
        """Set the emulator's virtual clock forward to ``moment`` (never back: a later worker
        joining a run in progress just follows it)."""
        if not self.virtual:
            raise RemoteClockError("the emulator runs on the real clock: start it with "
                                   "`followup sandbox --clock ISO`")
        if moment.astimezone(UTC) <= self.now():
            return
        try:
            self._client.post(self._url, json={"set": moment.isoformat()}).raise_for_status()
        except httpx.HTTPError as exc:
            # a 400 when another process moved it past ``moment`` meanwhile: that is fine
            if self._read() < moment.astimezone(UTC):
                raise RemoteClockError(f"cannot set the emulator's clock at {self._url}: "
                                       f"{type(exc).__name__}") from None
        self._read()

    def sleep(self, seconds: float) -> None:
        if not self.virtual:
            SystemClock().sleep(seconds)

    def close(self) -> None:
        self._client.close()
