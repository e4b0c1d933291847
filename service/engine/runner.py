"""One pass of the service for one mailbox, and the loop over the mailboxes that are due.

sync (cursor) -> store what it delivered (cursor advanced in the same transaction) -> read
back the fate of open drafts (hourly, or at once when the owner sent mail or drafts changed)
-> a search of every folder before a check-in is suggested -> policy -> outbox rows (same
transaction) -> carry the outbox out -> schedule the next pass.
"""

from __future__ import annotations

import logging
import random
import time
import uuid
from collections.abc import Callable
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
from providers.interface import MailboxProvider, SyncWindow
from providers.model import CalendarEvent, Connection, ProviderName, Tokens
from providers.model import MailMessage as ProviderMail
from service.detection import CompanySide, detect
from service.detection import Owner as DetectionOwner
from service.engine import outbox
from service.engine.audit import audit
from service.engine.ingest import apply_calendar, apply_mail, detection_owner
from service.engine.policy_runner import (
    about_to_suggest,
    interview_facts,
    live_interviews,
    run_policy,
)
from service.engine.reconcile import reconcile
from service.errors import UsageError
from service.policy.company import company_side
from service.store.db import transaction, unreachable
from service.store.models import Account, AuditEntry, MailMessage, Owner
from service.token_vault import TokenVault

log = logging.getLogger(__name__)

WINDOW_BEFORE = timedelta(days=30)
WINDOW_AFTER = timedelta(days=180)
ACCOUNT_LEASE = timedelta(minutes=10)
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
                 worker_id: str | None = None, naive_sync: bool = False) -> None:
        self.factory = factory
        self.vault = vault
        self.clock = clock
        self.make_mailbox = make_mailbox
        self.poll_interval = poll_interval
        self.worker_id = worker_id or f"worker-{uuid.uuid4().hex[:8]}"
        # a traceback may quote a stranger's text (a title, a mail): only when debugging
        self.debug_tracebacks = log.isEnabledFor(logging.DEBUG)
        self.observers: list[PassObserver] = []
        # the benchmark's baseline (`followup bench scale`): no cursors, a full re-list
        self.naive_sync = naive_sync

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
            account.wake_at = None
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
        """Run every due account once (what the scheduler calls)."""
        now = self.clock.now()
        return [self._observed_pass(account_id) for account_id in self.due_accounts(now)]

    def _observed_pass(self, account_id: int) -> PassReport:
        started = time.monotonic()
        report = self.run_account(account_id)
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

    def _claim(self, account_id: int, now: datetime) -> tuple[bool, datetime | None]:
        """Lease the account for this worker; returns (claimed, its next_sync_at then)."""
        with transaction(self.factory) as session:
            account = session.scalars(
                select(Account).where(Account.id == account_id)
                .with_for_update(skip_locked=True)).first()
            if account is None or account.status != "active" or account.owner.paused:
                return False, None
            if account.lease_until is not None and account.lease_until >= now \
                    and account.lease_owner != self.worker_id:
                return False, None
            account.lease_owner = self.worker_id
            account.lease_until = now + ACCOUNT_LEASE
            return True, account.wake_at

    def run_account(self, account_id: int) -> PassReport:
        now = self.clock.now()
        claimed, claimed_wake = self._claim(account_id, now)
        if not claimed:
            return PassReport(account_id, synced=False, drafts_written=0, error="leased")
        wake: datetime | None = None
        report = PassReport(account_id, synced=False, drafts_written=0)
        mailbox: MailboxProvider | None = None
        try:
            with transaction(self.factory) as session:
                account = session.get_one(Account, account_id)
                report.provider = account.provider
                mailbox = self._mailbox(account)
            owner_acted = self._sync(mailbox, account_id, now)
            report.synced = True
            # Fates before policy: a thank-you just sent counts (P4.3), and threads the
            # check-in (P5.1), in this very pass.
            reconcile(self.factory, mailbox, account_id, now, force=owner_acted)
            self._confirm_no_reply(mailbox, account_id, now)
            with transaction(self.factory) as session:
                account = session.get_one(Account, account_id)
                wake = run_policy(session, account, now)
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
            self._finish(account_id, now, retry_at, retry_at, claimed_wake, report.synced)
            return report
        except ProviderError as exc:
            report.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            report.error_code = error_code(exc)
            log.warning("account %s: %s", account_id, report.error)
        except Exception as exc:  # a bug must not stall the other mailboxes, nor this one
            if unreachable(exc):
                raise  # the database is down: the runtime logs that once, not per account
            report.error = f"internal error ({type(exc).__name__})"
            log.error("account %s: pass failed with %s", account_id, type(exc).__name__,
                      exc_info=self.debug_tracebacks)
            retry_at = now + ERROR_BACKOFF
            self._finish(account_id, now, retry_at, retry_at, claimed_wake, report.synced)
            return report
        finally:
            if mailbox is not None:
                mailbox.close()
        self._finish(account_id, now, now + self.poll_interval, wake, claimed_wake,
                     report.synced)
        return report

    def _finish(self, account_id: int, now: datetime, next_poll: datetime,
                wake: datetime | None, claimed_wake: datetime | None, synced: bool) -> None:
        with transaction(self.factory) as session:
            account = session.get_one(Account, account_id)
            account.lease_owner = account.lease_until = None
            if synced:
                account.last_sync_at = now
            account.next_sync_at = next_poll
            candidates = [w for w in (wake, outbox.next_attempt(session, account_id))
                          if w is not None]
            if account.wake_at is not None and account.wake_at != claimed_wake:
                candidates.append(account.wake_at)  # an owner action during the pass
            account.wake_at = max(min(candidates), now) if candidates else None

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

    def _sync(self, mailbox: MailboxProvider, account_id: int, now: datetime) -> bool:
        """Changes since the cursors, stored with the cursors in one transaction. Provider
        calls (the sync, the bodies of company mail) happen before it opens. Returns whether
        it brought a message the owner sent or a change of drafts."""
        with transaction(self.factory) as session:
            account = session.get_one(Account, account_id)
            calendar_cursor, mail_cursor = account.calendar_cursor, account.mail_cursor
            if self.naive_sync:
                calendar_cursor = mail_cursor = None
            sides = [company_side(interview_facts(i), account.email)
                     for i in live_interviews(session, account, now)
                     if i.status != "not_interview"]
            owner = detection_owner(account)
        window = SyncWindow(start=now - WINDOW_BEFORE, end=now + WINDOW_AFTER)
        result = mailbox.sync(calendar_cursor, mail_cursor, window)
        for skipped in (*result.calendar.skipped, *result.mail.skipped):
            log.warning("account %s: skipped item %s: %s", account_id, skipped.id, skipped.error)
        sides += _fresh_sides(result.calendar.events, owner)
        bodies: dict[str, str] = {}
        for message in result.mail.messages:
            sender = message.sender.email.lower() if message.sender else ""
            if message.folder == "sent" or message.body_text is not None or not sender:
                continue
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

    def _confirm_no_reply(self, mailbox: MailboxProvider, account_id: int,
                          now: datetime) -> None:
        """A reply a mail rule filed away is still a reply (P4.1): before a check-in is
        suggested, one search over the whole mailbox for company-side mail since the
        interview started; what it finds is stored as mail facts, and policy decides."""
        with transaction(self.factory) as session:
            due = about_to_suggest(session, session.get_one(Account, account_id), now)
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
