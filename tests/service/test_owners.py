"""Deleting an owner deletes every row of theirs and nobody else's, on SQLite and
PostgreSQL (the database's cascades do the work)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import owners
from service.engine.audit import audit
from service.store import models

NOW = datetime(2026, 5, 14, 15, 0, tzinfo=UTC)


def _mailbox(session: Session, email: str, owner: models.Owner | None = None) -> models.Account:
    account = models.Account(provider="gmail", email=email, timezone="UTC",
                             sealed_tokens=b"sealed", connected_at=NOW, owner=owner)
    interview = models.Interview(
        account=account, event_id=f"ev-{email}", title="Interview", start=NOW,
        end=NOW + timedelta(hours=1), status="done", stage="interview", invite=[], reasons=[],
        first_seen_at=NOW, updated_at=NOW)
    interview.notes.append(models.Note(topic="t", created_at=NOW))
    interview.checklist.append(models.ChecklistTick(item="resume", ticked_at=NOW))
    session.add(account)
    session.flush()
    audit(session, account.id, NOW, "interview.detected", interview.event_id, "test")
    session.add(models.EventVerdict(account_id=account.id, event_id="x", is_interview=False,
                                    decided_at=NOW))
    return account


def test_deleting_an_owner_takes_all_their_rows_and_only_theirs(db_session: Session) -> None:
    mine = _mailbox(db_session, "me@gmail.com")
    _mailbox(db_session, "me.too@gmail.com", mine.owner)
    theirs = _mailbox(db_session, "them@gmail.com")
    db_session.add(models.OwnerSession(owner=mine.owner, token_hash="h" * 64, created_at=NOW,
                                       expires_at=NOW + timedelta(days=1)))
    db_session.flush()
    deletion = owners.delete_owner(db_session, mine.owner_id)
    assert deletion.mailboxes == ["me@gmail.com (gmail)", "me.too@gmail.com (gmail)"]
    assert deletion.counts["mailboxes"] == 2 and deletion.counts["interviews"] == 2
    assert deletion.counts["notes"] == 2 and deletion.counts["history entries"] == 2
    assert deletion.counts["signed-in sessions"] == 1
    left = {model.__name__: db_session.scalar(select(func.count()).select_from(model))
            for model in (models.Owner, models.Account, models.Interview, models.Note,
                          models.ChecklistTick, models.AuditEntry, models.EventVerdict,
                          models.OwnerSession)}
    assert left == {"Owner": 1, "Account": 1, "Interview": 1, "Note": 1, "ChecklistTick": 1,
                    "AuditEntry": 1, "EventVerdict": 1, "OwnerSession": 0}
    assert db_session.scalars(select(models.Account.email)).all() == [theirs.email]
