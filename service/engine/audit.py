"""The audit log: every mailbox write and state change, with its cause (never a body)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from service.store.models import AuditEntry


def audit(session: Session, account_id: int | None, at: datetime, action: str, subject: str,
          cause: str, **detail: Any) -> None:
    session.add(AuditEntry(account_id=account_id, at=at, action=action, subject=subject[:1024],
                           cause=cause[:500], detail=detail))
