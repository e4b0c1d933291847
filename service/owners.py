"""The owner's own settings and data: what the settings page and the first-run step change,
and "disconnect and delete my data".

Deleting is two steps: :func:`deletion_plan` reads what a deletion needs from the provider
(the tokens to revoke), the caller revokes them outside any transaction, then
:func:`delete_owner` removes every row of the owner and counts what went.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from providers.model import ProviderName, Tokens
from service.actions import ActionRefused
from service.engine.audit import audit
from service.store import models
from service.token_vault import TokenVault

MAX_SIGNATURE = 500
MAX_STRENGTHS = 2000
MAX_NAME = 200
MAX_OTHER_ADDRESSES = 10
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Profile:
    name: str | None
    signature: str | None
    strengths: str | None
    timezone: str | None


@dataclass(frozen=True)
class Hours:
    working_days: tuple[int, ...]  # ISO weekdays
    day_starts: time
    day_ends: time


def _bounded(text: str | None, limit: int, what: str, multiline: bool = False) -> str | None:
    """Trimmed; too long is refused, never cut."""
    if text is None:
        return None
    value = text.strip() if multiline else " ".join(text.split())
    if len(value) > limit:
        raise ActionRefused(f"{what}: at most {limit} characters (this has {len(value)})")
    return value or None


def _zone(name: str | None) -> str | None:
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ActionRefused(f"Time zone: {name[:64]!r} is not a time zone (e.g. "
                            "Europe/Berlin, America/Chicago)") from None
    return name


def update_profile(session: Session, owner: models.Owner, profile: Profile,
                   now: datetime) -> None:
    owner.name = _bounded(profile.name, MAX_NAME, "Name")
    owner.signature = _bounded(profile.signature, MAX_SIGNATURE, "Signature", multiline=True)
    owner.strengths = _bounded(profile.strengths, MAX_STRENGTHS, "What you bring")
    owner.timezone = _zone(profile.timezone)
    _changed(session, owner, now, "profile")


def update_hours(session: Session, owner: models.Owner, hours: Hours, now: datetime) -> None:
    days = sorted(set(hours.working_days))
    if not days or any(d not in range(1, 8) for d in days):
        raise ActionRefused("Working days: choose at least one day")
    if hours.day_ends <= hours.day_starts:
        raise ActionRefused("Working hours: the day must end after it starts")
    owner.working_days = days
    owner.day_starts, owner.day_ends = hours.day_starts, hours.day_ends
    _changed(session, owner, now, "working hours")


def update_other_addresses(session: Session, owner: models.Owner, addresses: list[str],
                           now: datetime) -> None:
    cleaned: list[str] = []
    connected = {a.email for a in owner.accounts}
    for raw in addresses:
        address = raw.strip().lower()
        if not address:
            continue
        local, at, domain = address.partition("@")
        if not at or not local or "." not in domain or len(address) > 320 or " " in address:
            raise ActionRefused(f"Other addresses: {raw.strip()[:80]!r} is not an email address")
        if address not in cleaned and address not in connected:
            cleaned.append(address)
    if len(cleaned) > MAX_OTHER_ADDRESSES:
        raise ActionRefused(f"Other addresses: at most {MAX_OTHER_ADDRESSES}")
    owner.other_addresses = cleaned
    _changed(session, owner, now, "other addresses")


def set_paused(session: Session, owner: models.Owner, paused: bool, now: datetime) -> None:
    owner.paused = paused
    for account in owner.accounts:
        account.wake_at = None if paused else now  # resuming catches up at once
        audit(session, account.id, now, "owner.paused" if paused else "owner.resumed",
              account.email, "the owner")


def finish_first_run(owner: models.Owner, now: datetime) -> None:
    owner.set_up_at = owner.set_up_at or now


def _changed(session: Session, owner: models.Owner, now: datetime, what: str) -> None:
    """Settings feed the drafts and the timing: each mailbox runs a pass at once."""
    for account in owner.accounts:
        if account.wake_at is None or account.wake_at > now:
            account.wake_at = now
        audit(session, account.id, now, "owner.settings", account.email, "the owner",
              changed=what)


# -- disconnect and delete ------------------------------------------------------------------

@dataclass(frozen=True)
class Grant:
    """A mailbox's tokens, to revoke at the provider before the rows go."""

    provider: ProviderName
    email: str
    tokens: Tokens | None  # None: they could not be read (another secret key)


def deletion_plan(session: Session, owner_id: int, vault: TokenVault) -> list[Grant]:
    grants = []
    for account in session.scalars(select(models.Account).where(
            models.Account.owner_id == owner_id).order_by(models.Account.id)):
        try:
            tokens: Tokens | None = vault.open(account.sealed_tokens)
        except ValueError:
            tokens = None
        grants.append(Grant(account.provider, account.email, tokens))  # type: ignore[arg-type]
    return grants


@dataclass
class Deletion:
    """What was deleted, counted, for the page that says so."""

    mailboxes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


_COUNTED: tuple[tuple[str, type[models.Base], str], ...] = (
    ("interviews", models.Interview, "account"),
    ("interviewers", models.Interviewer, "interview"),
    ("notes", models.Note, "interview"),
    ("drafts the service wrote (its records of them)", models.FollowUp, "interview"),
    ("check-ins", models.Suggestion, "interview"),
    ("checklist ticks", models.ChecklistTick, "interview"),
    ("mail headers", models.MailMessage, "account"),
    ("pending mailbox writes", models.OutboxItem, "account"),
    ("history entries", models.AuditEntry, "account"),
    ("your word on calendar events", models.EventVerdict, "account"),
    ("other calendar events", models.OtherEvent, "account"),
)


def delete_owner(session: Session, owner_id: int) -> Deletion:
    """Every row of the owner: mailboxes and all that hangs off them, their history, their
    settings and sessions. Counted first, then deleted (the database cascades)."""
    owner = session.get(models.Owner, owner_id)
    if owner is None:
        raise ActionRefused("there is nothing to delete: this account is gone")
    account_ids = [a.id for a in owner.accounts]
    interview_ids = select(models.Interview.id).where(
        models.Interview.account_id.in_(account_ids))
    result = Deletion(mailboxes=[f"{a.email} ({a.provider})" for a in owner.accounts])
    result.counts["mailboxes"] = len(account_ids)
    for label, model, parent in _COUNTED:
        column = getattr(model, "account_id" if parent == "account" else "interview_id")
        scope = account_ids if parent == "account" else interview_ids
        result.counts[label] = session.scalar(
            select(func.count()).select_from(model).where(column.in_(scope))) or 0
    result.counts["signed-in sessions"] = len(owner.sessions)
    # The history keeps rows of removed mailboxes (SET NULL): the owner's go explicitly.
    session.execute(delete(models.AuditEntry).where(
        models.AuditEntry.account_id.in_(account_ids)))
    session.execute(delete(models.Owner).where(models.Owner.id == owner_id))
    session.expunge_all()
    return result
