"""A small sliding-window limit on sign-in callbacks, per client address and overall (one
process's view: with several web processes each keeps its own)."""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta


class RateLimit:
    def __init__(self, per_client: int, overall: int, window: timedelta) -> None:
        self._per_client = per_client
        self._overall = overall
        self._window = window
        self._lock = threading.Lock()
        self._seen: dict[str, deque[datetime]] = {}
        self._all: deque[datetime] = deque()

    def allow(self, client: str, now: datetime) -> bool:
        """Count one attempt; False when the client or everyone has had too many lately."""
        since = now - self._window
        with self._lock:
            while self._all and self._all[0] <= since:
                self._all.popleft()
            seen = self._seen.setdefault(client, deque())
            while seen and seen[0] <= since:
                seen.popleft()
            if len(seen) >= self._per_client or len(self._all) >= self._overall:
                return False
            seen.append(now)
            self._all.append(now)
            if len(self._seen) > 10_000:  # forget quiet clients
                self._seen = {k: v for k, v in self._seen.items() if v}
            return True
