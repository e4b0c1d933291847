"""The outbox: every mailbox write is first a committed row, then carried out with its
idempotency key, then recorded. Before a draft is written, the attempt is recorded too (when,
and where the mailbox's change history stood: ``payload["attempt"]``); a later attempt of a
row with a recorded attempt does not know whether the earlier one wrote (a crash, a timeout,
a lost answer), so it asks the adapter where that draft went (``find_written``: Drafts, Sent,
Trash / Deleted Items, Recoverable Items, the change history) before writing: a draft the
owner sent or deleted meanwhile is recorded as such and never written again. So "each draft
is written once" holds across restarts, retries and several workers (rows are claimed with
leases, ``FOR UPDATE SKIP LOCKED``; a restarted worker takes its own leases back at once).

It reports what it did or found (written, updated, deleted, or the draft as it read it before
an update or a delete) to :mod:`service.follow_ups`, which decides the follow-up's state."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from providers.clock import Clock
from providers.errors import AuthError, ProviderError, RetryLater
from providers.interface import MailboxProvider
from providers.model import DraftMark, DraftRef, DraftRequest, DraftState, Person, ReplyTarget
from service import follow_ups
from service.engine.audit import audit
from service.follow_ups import Happening
from service.store.db import transaction
from service.store.leases import ACCOUNT_LEASE
from service.store.models import Account, FollowUp, OutboxItem

log = logging.getLogger(__name__)

# as short as an account's: rows are drained only by the worker holding their account's
# lease (renewed while it runs), and a dead worker's rows are free again within a minute
LEASE = ACCOUNT_LEASE
UNCERTAIN_WRITE = "after an uncertain write"  # how the audit names what the retry found
MAX_ATTEMPTS = 8


def enqueue_create(session: Session, follow_up: FollowUp, account: Account, now: datetime,
                   reply_to: ReplyTarget | None, revision: int = 0) -> None:
    """``revision`` > 0: the draft is written again after its earlier one was deleted (an
    approval the owner took back, then gave again)."""
    payload: dict[str, Any] = {
        "reply_to": None if reply_to is None else {
            "message_id": reply_to.message_id, "thread_id": reply_to.thread_id,
            "message_id_header": reply_to.message_id_header,
            "references": list(reply_to.references), "subject": reply_to.subject,
        },
    }
    _enqueue(session, follow_up, account, now, "create", payload, revision=revision)


def enqueue_update(session: Session, follow_up: FollowUp, account: Account, now: datetime,
                   revision: int) -> None:
    """Rewrite the draft with the follow-up's current text, unless the owner changed it since
    the service last wrote it (``FollowUp.written_subject`` and ``written_body``)."""
    _enqueue(session, follow_up, account, now, "update", {}, revision=revision)


def enqueue_delete(session: Session, follow_up: FollowUp, account: Account, now: datetime,
                   reason: str, revision: int = 0) -> None:
    _enqueue(session, follow_up, account, now, "delete", {"reason": reason}, revision=revision)


def _enqueue(session: Session, follow_up: FollowUp, account: Account, now: datetime,
             operation: str, payload: dict[str, Any], revision: int) -> None:
    op_key = f"{follow_up.idempotency_key}:{operation}:{revision}"
    if session.scalar(select(OutboxItem.id).where(OutboxItem.op_key == op_key)) is not None:
        return
    session.add(OutboxItem(account_id=account.id, follow_up_id=follow_up.id, op_key=op_key,
                           operation=operation, payload=payload, status="pending",
                           attempts=0, not_before=now, created_at=now))


def count(session: Session, follow_up: FollowUp, operation: str) -> int:
    """How many ``operation`` rows a follow-up has had (the next one's revision)."""
    return len(session.scalars(select(OutboxItem.id).where(
        OutboxItem.follow_up_id == follow_up.id, OutboxItem.operation == operation)).all())


def pending(session: Session, follow_up: FollowUp, operation: str) -> bool:
    """Whether an ``operation`` of this follow-up's draft is still to be carried out."""
    return session.scalar(select(OutboxItem.id).where(
        OutboxItem.follow_up_id == follow_up.id, OutboxItem.operation == operation,
        OutboxItem.status == "pending").limit(1)) is not None


def next_attempt(session: Session, account_id: int) -> datetime | None:
    """When the account's earliest pending write may be tried (again)."""
    return session.scalar(
        select(OutboxItem.not_before).where(OutboxItem.account_id == account_id,
                                            OutboxItem.status == "pending")
        .order_by(OutboxItem.not_before).limit(1))


@dataclass(frozen=True)
class _Work:
    """One claimed outbox row and what carrying it out needs, read in one short transaction
    so that no transaction stays open while the provider is called."""

    item_id: int
    op_key: str
    operation: str
    payload: dict[str, Any]
    attempts: int
    follow_up_id: int | None
    live: bool  # the follow-up still wants this draft
    request: DraftRequest | None
    ref: DraftRef | None  # where the draft is, once written
    written_subject: str | None
    written_body: str | None
    attempt: dict[str, Any] | None = None  # an earlier write attempt, outcome unknown


@dataclass(frozen=True)
class _Outcome:
    """What the provider call found or did: ``fate`` is written | updated | unchanged |
    deleted | observed (the draft is not as written: ``reading`` says how) | left (an
    uncertain write had landed, and the owner sent or deleted it since: ``reading``) |
    never_written | cancelled."""

    fate: str
    ref: DraftRef | None = None
    reading: DraftState | None = None


def _claim(factory: sessionmaker[Session], account_id: int, now: datetime, worker: str
           ) -> _Work | None:
    with transaction(factory) as session:
        item = session.scalars(
            select(OutboxItem)
            .where(OutboxItem.account_id == account_id, OutboxItem.status == "pending",
                   OutboxItem.not_before <= now,
                   # its own lease back at once: a restarted worker (same id) resumes
                   or_(OutboxItem.lease_until.is_(None), OutboxItem.lease_until < now,
                       OutboxItem.lease_owner == worker))
            .order_by(OutboxItem.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).first()
        if item is None:
            return None
        item.lease_owner = worker
        item.lease_until = now + LEASE
        item.attempts += 1
        follow_up = session.get(FollowUp, item.follow_up_id) if item.follow_up_id else None
        if follow_up is None:
            return _Work(item.id, item.op_key, item.operation, item.payload, item.attempts,
                         None, False, None, None, None, None)
        account = session.get_one(Account, account_id)
        mark = DraftMark(follow_up.idempotency_key)
        reply = item.payload.get("reply_to")
        request = DraftRequest(
            mark=mark, to=Person(follow_up.recipient_email, follow_up.recipient_name),
            subject=follow_up.subject or "", body=follow_up.body or "",
            sender=Person(account.email, account.display_name),
            reply_to=None if reply is None else ReplyTarget(
                message_id=reply["message_id"], thread_id=reply["thread_id"],
                message_id_header=reply["message_id_header"],
                references=tuple(reply["references"]), subject=reply["subject"]))
        ref = None if not follow_up.provider_draft_id else DraftRef(
            draft_id=follow_up.provider_draft_id,
            message_id=follow_up.provider_message_id or "",
            thread_id=follow_up.provider_thread_id or "", mark=mark)
        attempt = item.payload.get("attempt")
        return _Work(item.id, item.op_key, item.operation, item.payload, item.attempts,
                     follow_up.id, follow_ups.draft_wanted(follow_up), request, ref,
                     follow_up.written_subject, follow_up.written_body,
                     attempt if isinstance(attempt, dict) else None)


AttemptRecorder = Callable[[datetime, str | None], None]


def _perform(provider: MailboxProvider, work: _Work, clock: Clock,
             record_attempt: AttemptRecorder) -> _Outcome:
    """The provider call(s) for one row; the database only through ``record_attempt``
    (committed before a draft is written)."""
    if work.request is None:
        return _Outcome("cancelled")
    if work.operation == "create":
        if work.ref is not None:
            return _Outcome("written", work.ref)
        if not work.live:
            return _Outcome("cancelled")
        if work.attempt is not None:
            # An earlier attempt may have written it before its answer was lost, and the
            # owner may have sent or deleted it since: look everywhere before writing.
            since = datetime.fromisoformat(str(work.attempt["since"]))
            found = provider.find_written(work.request, since, work.attempt.get("checkpoint"))
            if found.where == "draft" and found.state is not None:
                return _Outcome("written", found.state.ref)
            if found.where in ("sent", "deleted") and found.state is not None:
                return _Outcome("left", found.state.ref, reading=found.state)
        record_attempt(clock.now(), provider.write_checkpoint())
        return _Outcome("written", provider.create_draft(work.request))
    if work.ref is None:
        return _Outcome("never_written")
    # Never write over the owner's hand: read the draft first.
    (state,) = provider.draft_states([work.ref])
    if state.fate == "gone" or follow_ups.changed_by_owner(
            state, work.request.to.email, work.written_subject, work.written_body):
        return _Outcome("observed", reading=state)
    ref = state.ref  # with the ids the draft has now
    if work.operation == "update":
        if (follow_ups.normalised(work.written_body) == follow_ups.normalised(work.request.body)
                and follow_ups.normalised(work.written_subject)
                == follow_ups.normalised(work.request.subject)):
            return _Outcome("unchanged")
        return _Outcome("updated", provider.update_draft(ref, work.request.subject,
                                                         work.request.body))
    provider.delete_draft(ref)
    return _Outcome("deleted")


def drain(factory: sessionmaker[Session], provider: MailboxProvider, account_id: int,
          clock: Clock, worker: str = "main", limit: int = 100) -> int:
    """Carry out this account's due outbox items; returns how many were done. Stops at the
    first transient failure (the provider asked to slow down).

    Raises AuthError (the caller marks the account)."""
    done = 0
    for _ in range(limit):
        work = _claim(factory, account_id, clock.now(), worker)
        if work is None:
            break
        try:
            outcome = _perform(provider, work, clock,
                               partial(_record_attempt, factory, work, worker))
        except AuthError:
            _release(factory, work, worker)
            raise
        except RetryLater as exc:
            _failed(factory, account_id, work, worker, clock.now(), exc, exc.retry_after)
            break
        except ProviderError as exc:
            _failed(factory, account_id, work, worker, clock.now(), exc, None)
            continue
        if _record(factory, account_id, work, outcome, worker, clock.now()):
            done += 1
    return done


def _own(session: Session, work: _Work, worker: str) -> OutboxItem | None:
    """The row, if this worker still holds its lease (else another worker took it over)."""
    item = session.get_one(OutboxItem, work.item_id)
    if item.lease_owner != worker or item.status != "pending":
        log.warning("outbox row %s was taken over by another worker", work.item_id)
        return None
    return item


class _LeaseLost(ProviderError):
    """Another worker took the row over before the write: this one must not write."""


def _record_attempt(factory: sessionmaker[Session], work: _Work, worker: str, at: datetime,
                    checkpoint: str | None) -> None:
    with transaction(factory) as session:
        item = _own(session, work, worker)
        if item is None:
            raise _LeaseLost(f"outbox row {work.item_id} was taken over")
        item.payload = {**item.payload, "attempt": {"since": at.isoformat(),
                                                    "checkpoint": checkpoint}}


def _release(factory: sessionmaker[Session], work: _Work, worker: str) -> None:
    with transaction(factory) as session:
        item = _own(session, work, worker)
        if item is not None:
            item.lease_owner = item.lease_until = None


def _failed(factory: sessionmaker[Session], account_id: int, work: _Work, worker: str,
            now: datetime, error: ProviderError, retry_after: float | None) -> None:
    with transaction(factory) as session:
        item = _own(session, work, worker)
        if item is None:
            return
        if isinstance(error, RetryLater) or item.attempts < MAX_ATTEMPTS:
            backoff = retry_after if retry_after is not None else min(
                3600.0, 30.0 * 2 ** (item.attempts - 1) * (0.5 + random.random()))
            item.not_before = now + timedelta(seconds=min(backoff, 86_400.0))
            item.lease_owner = item.lease_until = None
            item.last_error = _one_line(error)
            return
        item.status = "failed"
        item.last_error = _one_line(error)
        item.lease_owner = item.lease_until = None
        follow_up = session.get(FollowUp, work.follow_up_id) if work.follow_up_id else None
        if follow_up is not None and work.operation == "create":
            # never written: say so rather than show a draft that does not exist
            follow_ups.about_draft(session, follow_up, Happening.UNWRITABLE, now,
                                   f"could not be written: {_one_line(error)}")
        audit(session, account_id, now, "outbox.failed", item.op_key, _one_line(error))


def _one_line(error: object) -> str:
    return str(error).splitlines()[0][:500] if str(error) else type(error).__name__


def _record(factory: sessionmaker[Session], account_id: int, work: _Work, outcome: _Outcome,
            worker: str, now: datetime) -> bool:
    with transaction(factory) as session:
        item = _own(session, work, worker)
        if item is None:
            return False
        item.status = "cancelled" if outcome.fate == "cancelled" else "done"
        item.done_at = now
        item.lease_owner = item.lease_until = None
        follow_up = session.get(FollowUp, work.follow_up_id) if work.follow_up_id else None
        if follow_up is None or work.request is None:
            return False
        written = work.request
        fate = outcome.fate
        if fate in ("written", "updated") and outcome.ref is not None:
            # Gmail gives an updated draft a new message id (the draft id stays): kept
            follow_up.provider_draft_id = outcome.ref.draft_id
            follow_up.provider_message_id = outcome.ref.message_id
            follow_up.provider_thread_id = outcome.ref.thread_id or follow_up.provider_thread_id
            follow_up.written_subject, follow_up.written_body = written.subject, written.body
            if fate == "written":
                follow_up.drafted_at = follow_up.drafted_at or now
            else:
                follow_up.updated_at = now
            if follow_ups.normalised(follow_up.body) != follow_ups.normalised(written.body):
                # a note came while the draft was being written: write that too
                enqueue_update(session, follow_up, follow_up.interview.account, now,
                               1 + count(session, follow_up, "update"))
        elif fate == "left" and outcome.reading is not None and outcome.ref is not None:
            # written after all, and sent or deleted by the owner before we knew: say which
            follow_up.provider_message_id = outcome.ref.message_id or None
            follow_up.provider_thread_id = outcome.ref.thread_id or follow_up.provider_thread_id
            follow_up.written_subject, follow_up.written_body = written.subject, written.body
            attempt = work.attempt or {}
            follow_up.drafted_at = follow_up.drafted_at or datetime.fromisoformat(
                str(attempt.get("since", now.isoformat())))
            follow_ups.observe_draft(session, follow_up, outcome.reading, now,
                                     UNCERTAIN_WRITE)
        elif fate == "observed" and outcome.reading is not None:
            follow_ups.observe_draft(session, follow_up, outcome.reading, now,
                                     f"before the {work.operation}")
        elif fate in ("deleted", "never_written"):
            follow_up.state_reason = str(work.payload.get("reason", "withdrawn"))[:500]
            for pending in session.scalars(select(OutboxItem).where(
                    OutboxItem.follow_up_id == follow_up.id, OutboxItem.status == "pending",
                    OutboxItem.id != item.id)):
                pending.status = "cancelled"  # e.g. a create that has not run yet
        audit(session, account_id, now, f"draft.{work.operation}", item.op_key,
              f"{follow_up.kind} to {follow_up.recipient_email}: {fate.replace('_', ' ')}")
        return fate in ("written", "updated", "deleted")
