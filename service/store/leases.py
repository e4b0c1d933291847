"""Which worker runs which mailbox: accounts are claimed in batches with short leases.

A worker claims up to ``limit`` due accounts in ONE statement (``WITH chosen AS (SELECT
... FOR UPDATE SKIP LOCKED LIMIT k) UPDATE ... WHERE id IN chosen RETURNING``), so N
workers on PostgreSQL split the due accounts between them instead of racing for the same
rows; the outer ``WHERE``
checks again that each row is still due and free (a row another worker committed in the
meantime is re-read by PostgreSQL before it is locked). SQLite has one writer, and the same
statement without the row locks. Accounts woken for due work (an interview's end, a
check-in's moment, an owner action, a write to retry) come before regular polls.

Leases are short and renewed while a pass runs (:func:`renew`), so a dead worker's accounts
are taken by another within about a minute; a restarted worker with the same id takes its
own back at once (:func:`take_back`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session

from service.store.models import Account, OutboxItem, Owner

ACCOUNT_LEASE = timedelta(seconds=60)
RENEW_EVERY = ACCOUNT_LEASE / 3  # a heartbeat: two may be missed before the lease runs out


@dataclass(frozen=True)
class Claimed:
    """One account leased for a pass, with its wake-up as it stood when claimed, and its row
    as the claim returned it (detached, its columns loaded): the pass starts from it rather
    than reading it again. Only the lease holder writes the cursors and tokens it uses."""

    account_id: int
    wake_at: datetime | None
    next_sync_at: datetime | None
    account: Account = field(compare=False, repr=False)

    def woken(self, now: datetime) -> bool:
        """Claimed for due work rather than for a regular poll."""
        return self.wake_at is not None and self.wake_at <= now


def _due_and_free(now: datetime) -> ColumnElement[bool]:
    paused = select(Owner.id).where(Owner.paused.is_(True))
    return and_(Account.status == "active", Account.owner_id.not_in(paused),
                or_(Account.next_sync_at.is_(None), Account.next_sync_at <= now,
                    Account.wake_at <= now),
                or_(Account.lease_until.is_(None), Account.lease_until < now))


def _claim(session: Session, worker: str, now: datetime, limit: int,
           condition: ColumnElement[bool], held_from: datetime) -> list[Claimed]:
    due = and_(_due_and_free(now), condition)
    woken_first = case((Account.wake_at <= now, 0), else_=1)
    due_moment = case((Account.wake_at <= now, Account.wake_at), else_=Account.next_sync_at)
    # A CTE, evaluated once: as a plain IN (subquery), PostgreSQL may rescan the subquery
    # per row, each rescan skipping the rows this very statement just locked and updated,
    # and so claim far more than ``limit``.
    chosen = (select(Account.id).where(due)
              .order_by(woken_first, due_moment.nulls_first(), Account.id)
              .limit(limit).with_for_update(skip_locked=True).cte("chosen"))
    rows = session.scalars(
        update(Account).where(Account.id.in_(select(chosen.c.id)), due)
        .values(lease_owner=worker, lease_until=held_from + ACCOUNT_LEASE)
        .returning(Account)
        .execution_options(synchronize_session=False)).all()
    claimed = [_claimed(account) for account in rows]
    # RETURNING keeps no order: due work first, then the longest-waiting poll
    return sorted(claimed, key=lambda c: (not c.woken(now), _due_moment(c, now),
                                          c.account_id))


def _claimed(account: Account) -> Claimed:
    return Claimed(account.id, account.wake_at, account.next_sync_at, account)


def _due_moment(claimed: Claimed, now: datetime) -> datetime:
    moment = claimed.wake_at if claimed.woken(now) else claimed.next_sync_at
    return moment if moment is not None else now - timedelta(days=36_500)  # never polled


def claim_due(session: Session, worker: str, now: datetime, limit: int,
              busy: Collection[int] = (), held_from: datetime | None = None
              ) -> list[Claimed]:
    """Lease up to ``limit`` accounts due at ``now`` for ``worker``; ``busy``: accounts this
    worker is running now (their passes stay in order: never two at once); ``held_from``:
    when the lease starts, if later than ``now`` (a long tick claims in several batches,
    all due as of its start)."""
    condition = Account.id.not_in(list(busy)) if busy else true()
    return _claim(session, worker, now, limit, condition, max(held_from or now, now))


def claim_account(session: Session, worker: str, now: datetime, account_id: int
                  ) -> Claimed | None:
    """Lease one given account if it is free; due or not (a pass on demand)."""
    paused = select(Owner.id).where(Owner.paused.is_(True))
    free = and_(Account.id == account_id, Account.status == "active",
                Account.owner_id.not_in(paused),
                or_(Account.lease_until.is_(None), Account.lease_until < now))
    locked = select(Account.id).where(free).with_for_update(skip_locked=True).cte("chosen")
    account = session.scalars(
        update(Account).where(Account.id.in_(select(locked.c.id)), free)
        .values(lease_owner=worker, lease_until=now + ACCOUNT_LEASE)
        .returning(Account)
        .execution_options(synchronize_session=False)).first()
    return None if account is None else _claimed(account)


def renew(session: Session, worker: str, account_ids: Collection[int], now: datetime) -> int:
    """The heartbeat: extend this worker's leases on the accounts it is running."""
    if not account_ids:
        return 0
    result = session.execute(
        update(Account).where(Account.id.in_(list(account_ids)), Account.lease_owner == worker)
        .values(lease_until=now + ACCOUNT_LEASE)
        .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)


def take_back(session: Session, worker: str) -> None:
    """At a worker's start: the leases a previous run under the same id left (it died in a
    pass) are freed at once rather than after they run out; the accounts keep their due
    times, so the next claim takes them."""
    session.execute(update(Account).where(Account.lease_owner == worker)
                    .values(lease_owner=None, lease_until=None)
                    .execution_options(synchronize_session=False))
    session.execute(update(OutboxItem).where(OutboxItem.lease_owner == worker,
                                             OutboxItem.status == "pending")
                    .values(lease_owner=None, lease_until=None)
                    .execution_options(synchronize_session=False))


def release_idle(session: Session, account_id: int, worker: str, now: datetime,
                 next_poll: datetime, calendar_cursor: str | None,
                 mail_cursor: str | None) -> None:
    """The whole write of an idle pass: the cursors, the next poll, the lease let go; one
    row (and only while this worker still holds it)."""
    session.execute(_RELEASE_IDLE, {
        "account_id": account_id, "worker": worker, "calendar_cursor": calendar_cursor,
        "mail_cursor": mail_cursor, "now": now, "next_poll": next_poll})


# Built once: the statement of every idle pass, a plain Core UPDATE (building it through the
# ORM at each pass cost more CPU than running it).
_ACCOUNTS: Table = Account.__table__  # type: ignore[assignment]  # a mapped class's Table
_RELEASE_IDLE = (
    update(_ACCOUNTS)
    .where(_ACCOUNTS.c.id == bindparam("account_id"),
           _ACCOUNTS.c.lease_owner == bindparam("worker"))
    .values(calendar_cursor=bindparam("calendar_cursor"),
            mail_cursor=bindparam("mail_cursor"), last_sync_at=bindparam("now"),
            next_sync_at=bindparam("next_poll"), lease_owner=None, lease_until=None))


def next_due(session: Session, now: datetime) -> datetime | None:
    """The earliest moment an active account is due (its wake-up or its poll) or a lease
    on one runs out: the scheduler sleeps until then."""
    paused = select(Owner.id).where(Owner.paused.is_(True))
    active = and_(Account.status == "active", Account.owner_id.not_in(paused))
    free = or_(Account.lease_until.is_(None), Account.lease_until <= now)
    moments = [
        session.scalar(select(func.min(Account.wake_at)).where(active, free)),
        session.scalar(select(func.min(Account.next_sync_at)).where(active, free)),
        session.scalar(select(func.min(Account.lease_until)).where(
            active, Account.lease_until > now)),
    ]
    found = [m for m in moments if m is not None]
    return min(found) if found else None


def next_write(session: Session, account_id: int, now: datetime) -> datetime | None:
    """When the account's earliest pending write may be tried: its ``not_before``, or, for a
    row another worker holds, the end of that lease (waking sooner would find it taken)."""
    pending = and_(OutboxItem.account_id == account_id, OutboxItem.status == "pending")
    free = session.scalar(select(func.min(OutboxItem.not_before)).where(
        pending, or_(OutboxItem.lease_until.is_(None), OutboxItem.lease_until <= now)))
    held = session.scalar(select(func.min(OutboxItem.lease_until)).where(
        pending, OutboxItem.lease_until > now))
    found = [m for m in (free, held) if m is not None]
    return min(found) if found else None
