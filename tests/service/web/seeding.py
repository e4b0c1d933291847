"""Rows for the dashboard tests, made through the real models: one owner with a finished
interview (two interviewers, drafts, a pending check-in) and an upcoming one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from providers.model import Tokens
from service.store import models
from service.store.db import transaction
from service.token_vault import TokenVault

NOW = datetime(2026, 6, 12, 20, 0, tzinfo=UTC)  # Friday 15:00 in Chicago
OWNER = "sam.patel@example.org"
MARCUS = "marcus.lee@globex.com"
PRIYA = "priya.shah@globex.com"
THANK_YOU_BODY = ("Hi Marcus,\n\nThank you for taking the time to talk with me about the "
                  "Product Designer role at Globex. I enjoyed learning about "
                  "[specific topic you discussed].\n\nBest regards,\nSam Patel")


@dataclass(frozen=True)
class Seeded:
    owner_id: int
    account_id: int
    done_id: int  # the finished interview, with drafts and a pending check-in
    upcoming_id: int
    marcus_key: str


def _account(session: Session, vault: TokenVault, email: str, provider: str = "gmail",
             status: str = "active", reason: str | None = None,
             owner_id: int | None = None) -> models.Account:
    account = models.Account(
        owner_id=owner_id,
        provider=provider, email=email, display_name="Sam Patel", timezone="America/Chicago",
        sealed_tokens=vault.seal(Tokens("access", "refresh", NOW + timedelta(hours=1))),
        status=status, status_reason=reason, connected_at=NOW - timedelta(days=12),
        last_sync_at=NOW - timedelta(minutes=3))
    session.add(account)
    session.flush()
    return account


def interview(session: Session, account: models.Account, event_id: str, *, title: str,
              company: str | None, job_title: str | None, start: datetime,
              people: list[tuple[str, str | None]], stage: str = "interview",
              status: str = "scheduled") -> models.Interview:
    row = models.Interview(
        account_id=account.id, event_id=event_id, title=title, start=start,
        end=start + timedelta(minutes=45), status=status, stage=stage, company=company,
        job_title=job_title, organizer_email=people[0][0] if people else None,
        organizer_name=people[0][1] if people else None,
        invite=[email for email, _ in people], reasons=["title says interview"],
        first_seen_at=start - timedelta(days=3), updated_at=start - timedelta(days=3))
    for position, (email, name) in enumerate(people):
        row.interviewers.append(models.Interviewer(email=email, name=name, position=position))
    session.add(row)
    session.flush()
    return row


def seed(factory: sessionmaker[Session], vault: TokenVault) -> Seeded:
    with transaction(factory) as session:
        account = _account(session, vault, OWNER)
        done = interview(session, account, "ev-globex",
                         title="Globex | Product Designer - Hiring Manager Interview",
                         company="Globex", job_title="Product Designer",
                         start=NOW - timedelta(days=10),
                         people=[(MARCUS, "Marcus Lee"), (PRIYA, "Priya Shah")],
                         status="done")
        ended = done.end
        marcus = models.FollowUp(
            kind="thank_you", recipient_email=MARCUS, recipient_name="Marcus Lee",
            state="drafted", idempotency_key="key-marcus",
            subject="Thank you - Product Designer interview", body=THANK_YOU_BODY,
            findings=["keeps a bracketed prompt for you to fill in"], created_at=ended,
            drafted_at=ended)
        priya = models.FollowUp(
            kind="thank_you", recipient_email=PRIYA, recipient_name="Priya Shah",
            state="sent", idempotency_key="key-priya", subject="Thank you, Priya",
            body="Hi Priya,\n\nThank you.\n\nBest,\nSam", findings=[], created_at=ended,
            drafted_at=ended, sent_at=ended + timedelta(hours=3))
        done.follow_ups.extend([marcus, priya])
        done.suggestions.append(models.Suggestion(
            kind="check_in", status="suggested", recipient_email=MARCUS,
            recipient_name="Marcus Lee", reason="no reply 7 days after the interview",
            due_at=ended + timedelta(days=7), suggested_at=NOW - timedelta(hours=1),
            status_at=NOW - timedelta(hours=1)))
        upcoming = interview(session, account, "ev-initech",
                             title="Initech phone screen", company="Initech",
                             job_title="Data Analyst", start=NOW + timedelta(days=2),
                             people=[("rita@initech.com", "Rita Ruiz")], stage="phone_screen")
        for subject, action in ((done.event_id, "interview.detected"),
                                ("key-marcus", "thank_you.decided"),
                                ("key-marcus:create:1", "draft.create"),
                                (upcoming.event_id, "interview.detected")):
            session.add(models.AuditEntry(account_id=account.id, at=ended, action=action,
                                          subject=subject, cause=f"about {subject}",
                                          detail={"to": MARCUS}))
        account.owner.set_up_at = NOW - timedelta(days=12)
        session.flush()
        return Seeded(account.owner_id, account.id, done.id, upcoming.id, "key-marcus")


def add_account(factory: sessionmaker[Session], vault: TokenVault, email: str, provider: str,
                status: str = "active", reason: str | None = None,
                owner_id: int | None = None) -> int:
    """Another mailbox: the given owner's, or a new owner's (another person)."""
    with transaction(factory) as session:
        return _account(session, vault, email, provider, status, reason, owner_id).id
