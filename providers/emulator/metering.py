"""Request accounting and fault injection, shared by both halves of the emulator."""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from starlette.requests import Request

from providers.emulator.control import Faults

HOLD_LIMIT_SECONDS = 120.0


class ApiMeter:
    """Counts requests by mailbox and API method (``gmail.users.drafts.create``, ...)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_mailbox: dict[str, Counter[str]] = {}
        self._quota_units: Counter[str] = Counter()
        # HTTP requests to the APIs by provider: a batch is one, however many calls it holds
        self._http: Counter[str] = Counter()

    def count(self, address: str | None, method: str, quota_units: int = 0) -> None:
        with self._lock:
            self._by_mailbox.setdefault(address or "", Counter())[method] += 1
            if quota_units:
                self._quota_units[address or ""] += quota_units

    def count_http(self, provider: str) -> None:
        with self._lock:
            self._http[provider] += 1

    def http_requests(self, provider: str) -> int:
        with self._lock:
            return self._http[provider]

    def calls(self, address: str | None = None) -> dict[str, int]:
        with self._lock:
            if address is not None:
                return dict(self._by_mailbox.get(address, Counter()))
            total: Counter[str] = Counter()
            for counter in self._by_mailbox.values():
                total.update(counter)
            return dict(total)

    def quota_units(self, address: str) -> int:
        with self._lock:
            return self._quota_units[address]


@dataclass(frozen=True)
class InjectedFault:
    status: int
    retry_after: int | None
    delay_seconds: float


class FaultInjector:
    """Decides, per request, whether to answer with an injected error or delay."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._default = Faults()
        self._per_mailbox: dict[str, Faults] = {}
        self._rng: dict[str, random.Random] = {}
        self._injected: Counter[int] = Counter()
        self._held = 0
        self._held_now = 0
        self._last_held: str | None = None

    def counts(self) -> dict[str, Any]:
        """What was injected so far: error answers by status, answers held (and held now,
        and the mailbox of the last one held)."""
        with self._lock:
            return {"injected": {str(status): n for status, n in sorted(self._injected.items())},
                    "held": self._held, "held_now": self._held_now,
                    "last_held": self._last_held}

    def take_hold(self, address: str | None, method: str, status: int) -> bool:
        """Whether to hold this answer: a write that succeeded, while ``hold_writes`` lasts."""
        if method.upper() in ("GET", "HEAD") or not 200 <= status < 300:
            return False
        with self._lock:
            key = address or ""
            faults = self._per_mailbox.get(key)
            if faults is not None and faults.hold_writes > 0:
                self._per_mailbox[key] = replace(faults, hold_writes=faults.hold_writes - 1)
            elif faults is None and self._default.hold_writes > 0:
                self._default = replace(self._default,
                                        hold_writes=self._default.hold_writes - 1)
            else:
                return False
            self._held += 1
            self._last_held = address
            return True

    async def hold(self, request: Request, longest: float = HOLD_LIMIT_SECONDS) -> None:
        """Keep the answer until the client is gone (real seconds, bounded)."""
        with self._lock:
            self._held_now += 1
        try:
            deadline = time.monotonic() + longest
            while time.monotonic() < deadline and not await request.is_disconnected():
                await asyncio.sleep(0.05)
        finally:
            with self._lock:
                self._held_now -= 1

    def set(self, faults: Faults, address: str | None = None) -> None:
        with self._lock:
            if address is None:
                self._default = faults
                self._per_mailbox.clear()
            else:
                self._per_mailbox[address] = faults
            self._rng[address or ""] = random.Random(faults.seed)

    def faults_for(self, address: str | None) -> Faults:
        with self._lock:
            return self._per_mailbox.get(address or "", self._default)

    def decide(self, address: str | None) -> InjectedFault | None:
        """None: serve the request normally (possibly after ``delay_seconds``)."""
        with self._lock:
            faults = self._per_mailbox.get(address or "", self._default)
            key = address or "" if address in self._per_mailbox else ""
            rng = self._rng.setdefault(key, random.Random(faults.seed))
            status: int | None = None
            if faults.fail_next:
                status = faults.fail_next.pop(0)
            elif faults.error_rate > 0 and rng.random() < faults.error_rate:
                status = rng.choice(faults.error_statuses)
            if status is None:
                if faults.delay_seconds:
                    return InjectedFault(status=0, retry_after=None,
                                         delay_seconds=faults.delay_seconds)
                return None
            retry_after = faults.retry_after_seconds if status in (429, 503) else None
            self._injected[status] += 1
            return InjectedFault(status=status, retry_after=retry_after,
                                 delay_seconds=faults.delay_seconds)
