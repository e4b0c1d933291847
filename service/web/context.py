"""What the dashboard needs from the rest of the service, passed in by whoever serves it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from providers.clock import Clock
from service.config import Settings
from service.engine.connectors import Connectors
from service.engine.runner import Engine
from service.web.ops import Operations

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebContext:
    factory: sessionmaker[Session]
    clock: Clock
    settings: Settings
    connectors: Connectors
    engine: Engine  # add_account after an OAuth sign-in
    # Called after something changed that the scheduler should act on soon (a newly
    # connected mailbox, an owner action), so that it runs a pass instead of at the next poll.
    on_change: Callable[[], None] | None = None
    # health, readiness and metrics of the process serving the app (None: database only)
    operations: Operations | None = None
    # Runs one account's pass now, in the request (after a note, a decision, a setting), so
    # that the page after it shows the drafts as they now read. None: only on_change.
    run_pass: Callable[[int], object] | None = None
    # A line every page shows (the demo says whose data it holds, and where).
    notice: str | None = None

    def changed(self, account_id: int | None = None) -> None:
        """An owner action changed ``account_id``'s facts. Failures here are logged, never
        shown: the change is stored and the next regular pass picks it up anyway."""
        if account_id is not None and self.run_pass is not None:
            try:
                self.run_pass(account_id)
            except Exception:
                log.exception("the pass after an owner action failed")
        self._wake()

    def connected(self, account_id: int) -> None:
        """A mailbox was (re)connected: its first sync is the scheduler's, soon."""
        self._wake()

    def _wake(self) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change()
        except Exception:
            log.exception("on_change failed after an owner action")
