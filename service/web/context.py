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
    # Called after an owner action changed something (a note, a check-in decision, a newly
    # connected mailbox), so that the scheduler runs a pass at once instead of at the next poll.
    on_change: Callable[[], None] | None = None
    # health, readiness and metrics of the process serving the app (None: database only)
    operations: Operations | None = None

    def changed(self) -> None:
        """Tell the scheduler; a failure there is logged, never shown: the change is stored
        and the next regular pass picks it up anyway."""
        if self.on_change is None:
            return
        try:
            self.on_change()
        except Exception:
            log.exception("on_change failed after an owner action")
