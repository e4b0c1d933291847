"""The outbox: every mailbox write is first a committed row, then carried out with its
idempotency key, then recorded. After a crash or a lost answer the adapter finds the draft by
its key instead of writing another, so "each draft is written once" holds across restarts,
retries and several workers (rows are claimed with leases, ``FOR UPDATE SKIP LOCKED``)."""

from __future__ import annotations

import logging
import random
import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from providers.errors import AuthError, NotFound, ProviderError, RetryLater
from providers.interface import MailboxProvider
from providers.model import DraftMark, DraftRef, DraftRequest, Person, ReplyTarget
from service.engine.audit import audit
from service.store.db import transaction
from service.store.models import Account, FollowUp, OutboxItem

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 8


def enqueue_create(session: Session, follow_up: FollowUp, account: Account, now: datetime,
                   reply_to: ReplyTarget | None) -> None:
    payload: dict[str, Any] = {
        "reply_to": None if reply_to is None else {
            "message_id": reply_to.message_id, "thread_id": reply_to.thread_id,
            "message_id_header": reply_to.message_id_header,
            "references": list(reply_to.references), "subject": reply_to.subject,
        },
    }
    _enqueue(session, follow_up, account, now, "create", payload, revision=0)


def enqueue_update(session: Session, follow_up: FollowUp, account: Account, now: datetime,
                   revision: int, written_body: str) -> None:
    """``written_body``: what the draft said when the service last wrote it; if the draft
    says something else now, the owner edited it and it is left alone."""
    _enqueue(session, follow_up, account, now, "update", {"written_body": written_body},
             revision=revision)


def enqueue_delete(session: Session, follow_up: FollowUp, account: Account, now: datetime,
                   reason: str) -> None:
    _enqueue(session, follow_up, account, now, "delete", {"reason": reason}, revision=0)


def _enqueue(session: Session, follow_up: FollowUp, account: Account, now: datetime,
             operation: str, payload: dict[str, Any], revision: int) -> None:
    op_key = f"{follow_up.idempotency_key}:{operation}:{revision}"
    if session.scalar(select(OutboxItem.id).where(OutboxItem.op_key == op_key)) is not None:
        return
    session.add(OutboxItem(account_id=account.id, follow_up_id=follow_up.id, op_key=op_key,
                           operation=operation, payload=payload, status="pending",
                           attempts=0, not_before=now, created_at=now))


def next_attempt(session: Session, account_id: int) -> datetime | None:
    """When the account's earliest pending write may be tried (again)."""
    return session.scalar(
        select(OutboxItem.not_before).where(OutboxItem.account_id == account_id,
                                            OutboxItem.status == "pending")
        .order_by(OutboxItem.not_before).limit(1))


def _claim(factory: sessionmaker[Session], account_id: int, now: datetime, worker: str
           ) -> int | None:
    with transaction(factory) as session:
        item = session.scalars(
            select(OutboxItem)
            .where(OutboxItem.account_id == account_id, OutboxItem.status == "pending",
                   OutboxItem.not_before <= now,
                   or_(OutboxItem.lease_until.is_(None), OutboxItem.lease_until < now))
            .order_by(OutboxItem.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).first()
        if item is None:
            return None
        item.lease_owner = worker
        item.lease_until = now + LEASE
        item.attempts += 1
        return item.id


def normalise_body(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def drain(factory: sessionmaker[Session], provider: MailboxProvider, account_id: int,
          now: datetime, worker: str = "main", limit: int = 100) -> int:
    """Carry out this account's due outbox items; returns how many were done.

    Raises AuthError (the caller marks the account); transient failures are rescheduled."""
    done = 0
    for _ in range(limit):
        item_id = _claim(factory, account_id, now, worker)
        if item_id is None:
            break
        with transaction(factory) as session:
            item = session.get_one(OutboxItem, item_id)
            follow_up = session.get(FollowUp, item.follow_up_id) if item.follow_up_id else None
            account = session.get_one(Account, account_id)
            try:
                if follow_up is None:
                    outcome = "nothing to do: the follow-up is gone"
                else:
                    outcome = _execute(session, provider, item, follow_up, account, now)
            except AuthError:
                item.lease_owner = item.lease_until = None
                item.attempts -= 1
                raise
            except RetryLater as exc:
                _reschedule(item, now, exc.retry_after, str(exc))
                continue
            except ProviderError as exc:
                if item.attempts >= MAX_ATTEMPTS:
                    item.status = "failed"
                    item.last_error = _one_line(exc)
                    audit(session, account_id, now, "outbox.failed", item.op_key, _one_line(exc))
                else:
                    _reschedule(item, now, None, str(exc))
                continue
            item.status = "done"
            item.done_at = now
            item.lease_owner = item.lease_until = None
            audit(session, account_id, now, f"draft.{item.operation}", item.op_key, outcome)
            done += 1
    return done


def _reschedule(item: OutboxItem, now: datetime, retry_after: float | None, error: str) -> None:
    backoff = retry_after if retry_after is not None else min(
        3600.0, 30.0 * 2 ** (item.attempts - 1) * (0.5 + random.random()))
    item.not_before = now + timedelta(seconds=backoff)
    item.lease_owner = item.lease_until = None
    item.last_error = _one_line(error)


def _one_line(error: object) -> str:
    return str(error).splitlines()[0][:500] if str(error) else type(error).__name__


def _ref(follow_up: FollowUp, event_id: str) -> DraftRef:
    return DraftRef(
        draft_id=follow_up.provider_draft_id or "",
        message_id=follow_up.provider_message_id or "",
        thread_id=follow_up.provider_thread_id or "",
        mark=DraftMark(key=follow_up.idempotency_key, kind=follow_up.kind,  # type: ignore[arg-type]
                       event_id=event_id),
    )


def _execute(session: Session, provider: MailboxProvider, item: OutboxItem,
             follow_up: FollowUp, account: Account, now: datetime) -> str:
    event_id = follow_up.interview.event_id
    if item.operation == "create":
        if follow_up.provider_draft_id:
            return "already written"
        reply = item.payload.get("reply_to")
        request = DraftRequest(
            mark=DraftMark(key=follow_up.idempotency_key, kind=follow_up.kind,  # type: ignore[arg-type]
                           event_id=event_id),
            to=Person(follow_up.recipient_email, follow_up.recipient_name),
            subject=follow_up.subject or "",
            body=follow_up.body or "",
            sender=Person(account.email, account.display_name),
            reply_to=None if reply is None else ReplyTarget(
                message_id=reply["message_id"], thread_id=reply["thread_id"],
                message_id_header=reply["message_id_header"],
                references=tuple(reply["references"]), subject=reply["subject"]),
        )
        # An earlier attempt may have written it before its answer was lost (a crash, a
        # timeout): look it up by its key before writing again.
        found = provider.find_draft(follow_up.idempotency_key) if item.attempts > 1 else None
        ref = found or provider.create_draft(request)
        follow_up.provider_draft_id = ref.draft_id
        follow_up.provider_message_id = ref.message_id
        follow_up.provider_thread_id = ref.thread_id
        follow_up.drafted_at = follow_up.drafted_at or now
        follow_up.state = "drafted"
        return f"{follow_up.kind} draft written to {follow_up.recipient_email}"
    if not follow_up.provider_draft_id:
        return "never written"
    ref = _ref(follow_up, event_id)
    try:
        states = provider.draft_states([ref])
    except NotFound:
        states = []
    state = states[0] if states else None
    if state is None or state.fate == "deleted":
        follow_up.state = "deleted"
        follow_up.state_reason = "deleted by the owner"
        return "the owner had deleted it"
    if state.fate == "sent":
        follow_up.state = "sent"
        follow_up.sent_at = follow_up.sent_at or now
        return "the owner had sent it"
    if normalise_body(state.body) != normalise_body(item.payload.get("written_body",
                                                                     follow_up.body)):
        follow_up.state = "edited"
        return "left alone: the owner edited it"
    if item.operation == "update":
        updated = provider.update_draft(ref, follow_up.subject or "", follow_up.body or "")
        # Gmail gives an updated draft a new message id (the draft id stays)
        follow_up.provider_draft_id = updated.draft_id
        follow_up.provider_message_id = updated.message_id
        follow_up.provider_thread_id = updated.thread_id or follow_up.provider_thread_id
        follow_up.updated_at = now
        return "updated with the owner's note"
    provider.delete_draft(ref)
    follow_up.state = "deleted"
    follow_up.state_reason = item.payload.get("reason", "withdrawn")
    return f"deleted: {follow_up.state_reason}"
