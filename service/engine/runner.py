"""One pass of the service for one mailbox, and the loop over the mailboxes that are due.

claim (a batch of due accounts, one statement, short leases renewed while passes run) ->
sync (cursor) -> store what it delivered (cursor advanced in the same transaction) -> read
back the fate of open drafts (hourly, or at once when the owner sent mail or drafts changed)
-> a search of every folder before a check-in is suggested -> decide -> outbox rows (same
transaction) -> drain the outbox -> release, with the next poll and wake-up.

An idle pass (the sync brought nothing, nothing fell due, no read-back is due) stops after
the sync: one row written (the cursors and the next poll) in one commit, no policy.

Passes run on a bounded thread pool (each account's passes in order, a session per thread),
so a slow mailbox delays only itself.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, sessionmaker

from providers.clock import Clock
from providers.errors import (
    ActionRequired,
    AuthError,
    AuthRevoked,
    ProviderError,
    RetryLater,
    error_code,
)
from providers.interface import MailboxProvider, SyncResult, SyncWindow
from providers.model import CalendarEvent, Connection, ProviderName, Tokens
from providers.model import MailMessage as ProviderMail
from service.detection import CompanySide, detect
from service.detection import Owner as DetectionOwner
from service.engine import outbox
from service.engine.audit import audit
from service.engine.ingest import apply_calendar, apply_mail, detection_owner
from service.engine.policy_runner import about_to_suggest, due_interviews, run_policy
from service.engine.reconcile import read_back_due, reconcile
from service.errors import UsageError
from service.policy.company import company_side
from service.store import leases
from service.store.db import single_statement, transaction, unreachable
from service.store.facts import interview_facts, live_interviews
from service.store.leases import Claimed
from service.store.models import Account, AuditEntry, MailMessage, Owner
from service.token_vault import TokenVault

log = logging.getLogger(__name__)

WINDOW_BEFORE = timedelta(days=30)
WINDOW_AFTER = timedelta(days=180)
ACCOUNT_LEASE = leases.ACCOUNT_LEASE
# a wake-up is never "now" once a pass is over: what is still due (an owner action during
# the pass, writes left) is for the next claim, never the same tick again
WAKE_FLOOR = timedelta(seconds=1)
ERROR_BACKOFF = timedelta(minutes=15)
TESTING_TOKEN_LIFE = timedelta(days=7)


class MailboxTaken(UsageError):
    """The mailbox is already connected by another owner: never moved silently."""


MailboxFactory = Callable[[Account, Tokens, Callable[[Tokens], None]], MailboxProvider]
"""Builds the adapter for one account from its (decrypted) tokens and a saver for fresh ones."""


@dataclass
class PassReport:
    account_id: int
    synced: bool
    drafts_written: int
    error: str | None = None
    provider: str | None = None
    error_code: str | None = None  # providers.errors.error_code of what ended the pass


class PassObserver(Protocol):
    """Told of every pass (metrics, outage logs); must not raise."""

    def pass_finished(self, report: PassReport, seconds: float) -> None: ...


class Engine:
    """The service's work loop; the same object runs under ``followup run`` and ``simulate``."""

    def __init__(self, factory: sessionmaker[Session], vault: TokenVault, clock: Clock,
                 make_mailbox: MailboxFactory, poll_interval: timedelta,
                 worker_id: str | None = None, concurrency: int = 1,
                 renew_every: timedelta = leases.RENEW_EVERY,
                 naive_sync: bool = False) -> None:
        self.factory = factory
        self.vault = vault
        self.clock = clock
        self.make_mailbox = make_mailbox
        self.poll_interval = poll_interval
        self.worker_id = worker_id or f"worker-{uuid.uuid4().hex[:8]}"
        self.concurrency = max(1, concurrency)  # passes at once in this process
        self.renew_every = renew_every  # the heartbeat, in real time
        # a traceback may quote a stranger's text (a title, a mail): only when debugging
        self.debug_tracebacks = log.isEnabledFor(logging.DEBUG)
        self.observers: list[PassObserver] = []
        # the benchmark's baseline (`followup bench scale`): no cursors, a full re-list
        self.naive_sync = naive_sync
        # told when a pass started by pump() ends (a report, or what it raised)
        self.on_pass_done: Callable[[PassReport | BaseException], None] | None = None
        self._busy: set[int] = set()  # claimed by this process, running or queued
        self._busy_lock = threading.Lock()
        self._claim_lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._heartbeat: threading.Thread | None = None
        self._closing = threading.Event()
        self._started = False

    # -- accounts ---------------------------------------------------------------------------
    def add_account(self, provider: ProviderName, connection: Connection,
                    signature: str | None = None, strengths: str | None = None,
                    owner_id: int | None = None) -> int:
        """Store a newly connected mailbox (or refresh the tokens of a known one). A new
        mailbox joins ``owner_id``'s, or gets an owner of its own (a sign-up, simulate);
        a known one belonging to another owner is refused (:class:`MailboxTaken`)."""
        now = self.clock.now()
        identity = connection.identity
        with transaction(self.factory) as session:
            account = session.scalar(select(Account).where(
                Account.provider == provider, Account.email == identity.email.lower()))
            if account is not None and owner_id is not None and account.owner_id != owner_id:
                raise MailboxTaken(f"{account.email} is connected by someone else")
            if account is None:
                owner = (session.get_one(Owner, owner_id) if owner_id is not None
                         else Owner(name=identity.name, created_at=now))
                account = Account(provider=provider, email=identity.email.lower(),
                                  connected_at=now, owner=owner)
                session.add(account)
            account.display_name = identity.name
            account.timezone = identity.timezone or "UTC"
            account.sealed_tokens = self.vault.seal(connection.tokens)
            account.status = "active"
            account.status_reason = None
            account.next_sync_at = now
            account.wake_at = now  # (re)connected: every interview is decided again
            if signature is not None:
                account.owner.signature = signature
            if strengths is not None:
                account.owner.strengths = strengths
            session.flush()
            audit(session, account.id, now, "account.connected", account.email, "OAuth sign-in")
            return account.id

    def _save_tokens(self, account_id: int) -> Callable[[Tokens], None]:
        def save(tokens: Tokens) -> None:
            with transaction(self.factory) as session:
                account = session.get_one(Account, account_id)
                account.sealed_tokens = self.vault.seal(tokens)
        return save

    def _mailbox(self, account: Account) -> MailboxProvider:
        tokens = self.vault.open(account.sealed_tokens)
        return self.make_mailbox(account, tokens, self._save_tokens(account.id))

    # -- the loop ---------------------------------------------------------------------------
    def due_accounts(self, now: datetime) -> list[int]:
        with transaction(self.factory) as session:
            return list(session.scalars(
                select(Account.id)
                .where(Account.status == "active", Account.owner_id.not_in(_paused_owners()),
                       or_(Account.next_sync_at.is_(None), Account.next_sync_at <= now,
                           Account.wake_at <= now),
                       or_(Account.lease_until.is_(None), Account.lease_until < now))
                .order_by(Account.next_sync_at)))

    def tick(self) -> list[PassReport]:
        """Run every account due at this moment once, on the pool, and wait for them all
        (simulate, tests, ``followup run`` through :meth:`pump` instead)."""
        now = self.clock.now()
        reports: list[PassReport] = []
        while True:
            # claimed at the tick's moment: a finished pass is due again only later
            batch = self._claim(now, self._batch_size())
            if not batch:
                return reports
            if self.concurrency == 1:
                for index, claimed in enumerate(batch):
                    try:
                        reports.append(self._observed_pass(claimed))
                    except BaseException:
                        self._let_go(batch[index + 1:])
                        raise
                continue
            futures = [self._executor().submit(self._observed_pass, c) for c in batch]
            failure: BaseException | None = None
            for future in futures:
                try:
                    reports.append(future.result())
                except BaseException as exc:  # the database is down: raised once all ended
                    failure = failure or exc
            if failure is not None:
                raise failure

    def pump(self) -> int:
        """Claim what the pool has room for and start it, without waiting (the scheduler of
        ``followup run``); :attr:`on_pass_done` hears of each pass. Returns how many."""
        with self._busy_lock:
            room = self._batch_size() - len(self._busy)
            if len(self._busy) >= self.concurrency or room <= 0:
                return 0  # the pool's queue is full; a finished pass pumps again
        batch = self._claim(self.clock.now(), room)
        for claimed in batch:
            future = self._executor().submit(self._observed_pass, claimed)
            future.add_done_callback(self._pass_done)
        return len(batch)

    def holding(self) -> int:
        """How many accounts this process has claimed and not finished."""
        with self._busy_lock:
            return len(self._busy)

    def _pass_done(self, future: Future[PassReport]) -> None:
        if self.on_pass_done is None or future.cancelled():
            return
        error = future.exception()
        self.on_pass_done(error if error is not None else future.result())

    def _batch_size(self) -> int:
        # twice the pool: a queue that keeps every thread busy between two claims
        return 2 * self.concurrency if self.concurrency > 1 else 16

    def _executor(self) -> ThreadPoolExecutor:
        with self._busy_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.concurrency, thread_name_prefix="pass")
            return self._pool

    def _claim(self, now: datetime, limit: int) -> list[Claimed]:
        self._start()
        with self._claim_lock:
            with self._busy_lock:
                busy = set(self._busy)
            with single_statement(self.factory) as session:
                batch = leases.claim_due(session, self.worker_id, now, limit, busy,
                                         held_from=self.clock.now())
            self._hold(c.account_id for c in batch)
        return batch

    def _hold(self, account_ids: Iterable[int]) -> None:
        """Count accounts as this process's (their leases renewed) until their pass ends."""
        with self._busy_lock:
            self._busy.update(account_ids)
            if self._busy and self._heartbeat is None and not self._closing.is_set():
                self._heartbeat = threading.Thread(target=self._beat, daemon=True,
                                                   name=f"leases-{self.worker_id}")
                self._heartbeat.start()

    def _let_go(self, batch: list[Claimed]) -> None:
        with self._busy_lock:
            self._busy.difference_update(c.account_id for c in batch)

    def _beat(self) -> None:
        """Renew the leases of the accounts this process holds, while it holds any."""
        while not self._closing.wait(self.renew_every.total_seconds()):
            with self._busy_lock:
                held = set(self._busy)
                if not held:
                    self._heartbeat = None
                    return
            try:
                with transaction(self.factory) as session:
                    leases.renew(session, self.worker_id, held, self.clock.now())
            except Exception as exc:  # the next beat tries again; leases outlive two misses
                log.warning("could not renew leases: %s", type(exc).__name__)
        with self._busy_lock:
            self._heartbeat = None

    def _start(self) -> None:
        """Once per process: the leases a previous run under this id left are taken back."""
        with self._busy_lock:
            if self._started:
                return
            self._started = True
        with transaction(self.factory) as session:
            leases.take_back(session, self.worker_id)

    def close(self) -> None:
        """Let running passes end, then stop the pool and the heartbeat. Passes claimed but
        not started are dropped: their leases run out (or this worker, restarted under its
        name, takes them back at once)."""
        self._closing.set()
        with self._busy_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _observed_pass(self, claimed: Claimed) -> PassReport:
        started = time.monotonic()
        try:
            report = self._run_claimed(claimed)
        finally:
            self._let_go([claimed])
        for observer in self.observers:
            observer.pass_finished(report, time.monotonic() - started)
        return report

    def next_wake(self) -> datetime | None:
        """The earliest moment any account has something due besides its regular poll."""
        with transaction(self.factory) as session:
            return session.scalar(
                select(Account.wake_at).where(Account.status == "active",
                                              Account.owner_id.not_in(_paused_owners()),
                                              Account.wake_at.is_not(None))
                .order_by(Account.wake_at).limit(1))

    def next_due(self) -> datetime | None:
        """The earliest moment any account is due, wake-up or poll (the scheduler's next)."""
        with transaction(self.factory) as session:
            return leases.next_due(session, self.clock.now())

    def run_account(self, account_id: int) -> PassReport:
        """A pass on demand (the dashboard's "check now"), if no pass holds the account."""
        self._start()
        with self._busy_lock:
            if account_id in self._busy:
                return PassReport(account_id, synced=False, drafts_written=0, error="leased")
        with single_statement(self.factory) as session:
            claimed = leases.claim_account(session, self.worker_id, self.clock.now(),
                                           account_id)
        if claimed is None:
            return PassReport(account_id, synced=False, drafts_written=0, error="leased")
        self._hold([account_id])
        try:
            return self._run_claimed(claimed)
        finally:
            self._let_go([claimed])

    def _run_claimed(self, claimed: Claimed) -> PassReport:
        account_id = claimed.account_id
        now = self.clock.now()
        claimed_wake = claimed.wake_at
        wake: datetime | None = None
        report = PassReport(account_id, synced=False, drafts_written=0)
        mailbox: MailboxProvider | None = None
        marked: datetime | None = None
        decided = False
        try:
            account = claimed.account  # the row as claimed: no read of its own
            report.provider = account.provider
            cursors = ((None, None) if self.naive_sync
                       else (account.calendar_cursor, account.mail_cursor))
            read_back = read_back_due(account, now)
            mailbox = self._mailbox(account)
            window = SyncWindow(start=now - WINDOW_BEFORE, end=now + WINDOW_AFTER)
            result = mailbox.sync(*cursors, window)
            for skipped in (*result.calendar.skipped, *result.mail.skipped):
                log.warning("account %s: skipped item %s: %s", account_id, skipped.id,
                            skipped.error)
            if not claimed.woken(now) and not read_back and _nothing_new(result):
                with single_statement(self.factory) as session:
                    leases.release_idle(session, account_id, self.worker_id, now,
                                        now + self.poll_interval, result.calendar.cursor,
                                        result.mail.cursor)
                report.synced = True
                return report
            owner_acted = self._store(mailbox, account_id, now, result)
            report.synced = True
            # Fates before policy: a thank-you just sent counts (P4.3), and threads the
            # check-in (P5.1), in this very pass.
            read = reconcile(self.factory, mailbox, account_id, now, force=owner_acted)
            only: set[int] | None = None
            if _nothing_new(result) and not read:  # woken: for due interviews alone?
                with transaction(self.factory) as session:
                    only = due_interviews(session, account_id, now, claimed_wake)
            self._confirm_no_reply(mailbox, account_id, now, only)
            with transaction(self.factory) as session:
                account = session.get_one(Account, account_id)
                wake = run_policy(session, account, now, only)
                marked = _mark_writes_due(session, account, now)
            decided = True
            report.drafts_written = outbox.drain(self.factory, mailbox, account_id,
                                                 self.clock, self.worker_id)
        except AuthError as exc:
            report.error_code = error_code(exc)
            self._needs_reauth(account_id, now, exc)
            report.error = "needs re-authentication"
            return report
        except RetryLater as exc:
            delay = exc.retry_after if exc.retry_after is not None else 60 * (1 + random.random())
            retry_at = now + timedelta(seconds=min(max(delay, 1.0), 86_400.0))
            report.error = f"retry later: {exc}"
            report.error_code = error_code(exc)
            # what was due (an interview's end) is due again when the provider lets us
            self._finish(account_id, now, retry_at, retry_at, (claimed_wake, marked),
                         report.synced)
            return report
        except ProviderError as exc:
            report.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            report.error_code = error_code(exc)
            log.warning("account %s: %s", account_id, report.error)
            if not decided and claimed_wake is not None:
                # what was due is still due: decided at the next poll, which an idle
                # sync would otherwise skip
                wake = claimed_wake if claimed_wake > now else now + self.poll_interval
        except Exception as exc:  # a bug must not stall the other mailboxes, nor this one
            if unreachable(exc):
                raise  # the database is down: the runtime logs that once, not per account
            report.error = f"internal error ({type(exc).__name__})"
            log.error("account %s: pass failed with %s", account_id, type(exc).__name__,
                      exc_info=self.debug_tracebacks)
            retry_at = now + ERROR_BACKOFF
            self._finish(account_id, now, retry_at, retry_at, (claimed_wake, marked),
                         report.synced)
            return report
        finally:
            if mailbox is not None:
                mailbox.close()
        self._finish(account_id, now, now + self.poll_interval, wake, (claimed_wake, marked),
                     report.synced)
        return report

    def _finish(self, account_id: int, now: datetime, next_poll: datetime,
                wake: datetime | None, ours: tuple[datetime | None, datetime | None],
                synced: bool) -> None:
        """Release the account with its next poll and wake-up. ``ours``: the wake-ups this
        pass knows of (as claimed, as it marked them); any other came during the pass."""
        with transaction(self.factory) as session:
            account = session.get_one(Account, account_id)
            account.lease_owner = account.lease_until = None
            if synced:
                account.last_sync_at = now
            account.next_sync_at = next_poll
            candidates = [w for w in (wake, leases.next_write(session, account_id, now))
                          if w is not None]
            if account.wake_at is not None and account.wake_at not in ours:
                candidates.append(account.wake_at)  # an owner action during the pass
            account.wake_at = max(min(candidates), now + WAKE_FLOOR) if candidates else None

    def _needs_reauth(self, account_id: int, now: datetime, error: AuthError) -> None:
        if isinstance(error, ActionRequired):
            reason = error.what_to_do  # said once: the account is not polled until then
        elif isinstance(error, AuthRevoked):
            reason = "access was revoked: sign in again"
        else:
            reason = "the sign-in expired: sign in again"
        with transaction(self.factory) as session:
            account = session.get_one(Account, account_id)
            if isinstance(error, AuthRevoked) and account.provider == "gmail" and \
                    _a_week_after_sign_in(session, account, now):
                reason += (" (if this happens a week after every sign-in, the Google OAuth "
                           "consent screen is in Testing: the operator must publish it)")
            log.warning("account %s needs re-authentication: %s", account_id, reason)
            account.status = "needs_reauth"
            account.status_reason = reason[:500]
            account.lease_owner = account.lease_until = None
            audit(session, account_id, now, "account.needs_reauth", account.email, reason)

    def _store(self, mailbox: MailboxProvider, account_id: int, now: datetime,
               result: SyncResult) -> bool:
        """What the sync delivered, stored with the cursors in one transaction; the bodies
        of company mail are read before it opens. Returns whether it brought a message the
        owner sent or a change of drafts."""
        unread = [m for m in result.mail.messages
                  if m.folder != "sent" and m.body_text is None and m.sender is not None
                  and m.sender.email]
        bodies: dict[str, str] = {}
        if unread:
            with transaction(self.factory) as session:
                account = session.get_one(Account, account_id)
                sides = [company_side(interview_facts(i), account.email)
                         for i in live_interviews(session, account, now)
                         if i.status != "not_interview"]
                owner = detection_owner(account)
            sides += _fresh_sides(result.calendar.events, owner)
            for message in unread:
                sender = message.sender.email.lower() if message.sender else ""
                if any(side.contains(sender) for side in sides):
                    bodies[message.id] = self._body(mailbox, account_id, message.id)
        with transaction(self.factory) as session:
            account = session.get_one(Account, account_id)
            apply_calendar(session, account, result.calendar.events,
                           result.calendar.removed_ids, now)
            apply_mail(session, account, result.mail.messages, now, bodies)
            account.calendar_cursor = result.calendar.cursor
            account.mail_cursor = result.mail.cursor
        return result.mail.drafts_changed or any(message.folder == "sent"
                                                 for message in result.mail.messages)

    def _confirm_no_reply(self, mailbox: MailboxProvider, account_id: int, now: datetime,
                          only: set[int] | None = None) -> None:
        """A reply a mail rule filed away is still a reply (P4.1): before a check-in is
        suggested, one search over the whole mailbox for company-side mail since the
        interview started; what it finds is stored as mail facts, and policy decides."""
        with transaction(self.factory) as session:
            due = about_to_suggest(session, session.get_one(Account, account_id), now, only)
        found: dict[str, ProviderMail] = {}
        for interview, side in due:
            senders = sorted(side.addresses | side.domains)
            for message in mailbox.search_mail(interview.start, senders):
                if message.sender is not None and side.contains(message.sender.email):
                    found.setdefault(message.id, message)
        if not found:
            return
        with transaction(self.factory) as session:
            known = set(session.scalars(select(MailMessage.provider_message_id).where(
                MailMessage.account_id == account_id,
                MailMessage.provider_message_id.in_(list(found)))))
        fresh = [m for m in found.values() if m.id not in known]
        if not fresh:
            return
        log.info("account %s: %d company mail(s) outside the synced folders", account_id,
                 len(fresh))
        bodies = {m.id: self._body(mailbox, account_id, m.id) for m in fresh
                  if m.body_text is None}
        with transaction(self.factory) as session:
            account = session.get_one(Account, account_id)
            apply_mail(session, account, fresh, now, bodies)

    @staticmethod
    def _body(mailbox: MailboxProvider, account_id: int, message_id: str) -> str:
        """The text of one company mail; a message that cannot be read counts as saying
        nothing about dates (it is still a reply)."""
        try:
            return mailbox.message_body(message_id)
        except (AuthError, RetryLater):
            raise
        except ProviderError as exc:
            log.warning("account %s: body of %s unreadable (%s)", account_id, message_id,
                        type(exc).__name__)
            return ""


def _mark_writes_due(session: Session, account: Account, now: datetime) -> datetime | None:
    """Writes just decided are due now, and the database says so in the transaction that
    holds them: if this worker dies before draining them, the next claim of the account
    is a woken one that drains them (an idle pass would not). Returns the mark set."""
    due = outbox.next_attempt(session, account.id)
    if due is None or due > now or (account.wake_at is not None and account.wake_at <= now):
        return None
    account.wake_at = now
    return now


def _nothing_new(result: SyncResult) -> bool:
    return not (result.calendar.events or result.calendar.removed_ids
                or result.mail.messages or result.mail.drafts_changed)


def _paused_owners() -> Select[int]:
    """Owners who paused everything: their mailboxes are neither read nor written."""
    return select(Owner.id).where(Owner.paused.is_(True))


def _a_week_after_sign_in(session: Session, account: Account, now: datetime) -> bool:
    """Google expires the refresh tokens of a "Testing" client 7 days after consent
    (https://developers.google.com/identity/protocols/oauth2#expiration)."""
    signed_in = session.scalar(
        select(AuditEntry.at).where(AuditEntry.account_id == account.id,
                                    AuditEntry.action == "account.connected")
        .order_by(AuditEntry.at.desc()).limit(1)) or account.connected_at
    return TESTING_TOKEN_LIFE <= now - signed_in < TESTING_TOKEN_LIFE + timedelta(days=1)


def _fresh_sides(events: list[CalendarEvent], owner: DetectionOwner) -> list[CompanySide]:
    """The company sides of the interviews this very sync delivered (their interviews are
    not stored yet when their mail is read), by the rule that stores them."""
    sides: list[CompanySide] = []
    for event in events:
        try:
            detection = detect(event, owner)
        except Exception:  # a hostile event must never stop a sync
            log.warning("detection failed for event %s; its mail is read as nobody's",
                        event.id)
            continue
        if detection.is_interview:
            sides.append(detection.company_side)
    return sides
