"""The access token of one connected mailbox: refreshed before it expires or when Graph
refuses it, and every new token handed to the caller's :data:`TokenSaver` to be persisted."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from providers.clock import Clock
from providers.errors import AuthExpired
from providers.interface import TokenSaver
from providers.model import Tokens

log = logging.getLogger(__name__)


class TokenKeeper:
    def __init__(
        self,
        tokens: Tokens,
        refresh: Callable[[str], Tokens],
        saver: TokenSaver,
        clock: Clock,
    ) -> None:
        self._tokens = tokens
        self._refresh = refresh
        self._saver = saver
        self._clock = clock
        self._lock = threading.Lock()

    @property
    def tokens(self) -> Tokens:
        return self._tokens

    def access_token(self) -> str:
        with self._lock:
            if self._tokens.due_for_refresh(self._clock.now()):
                self._refresh_locked("the access token expires")
            return self._tokens.access_token

    def refreshed_access_token(self) -> str:
        with self._lock:
            self._refresh_locked("Graph refused the access token")
            return self._tokens.access_token

    def _refresh_locked(self, why: str) -> None:
        refresh_token = self._tokens.refresh_token
        if not refresh_token:
            raise AuthExpired(f"{why} and there is no refresh token")
        log.info("refreshing the microsoft access token: %s", why)
        fresh = self._refresh(refresh_token)
        if not fresh.refresh_token:
            fresh.refresh_token = refresh_token
        self._tokens = fresh
        self._saver(fresh)
