"""Provider-neutral tables. One set for every provider: the provider is a column, never a
table of its own. All times are stored in UTC."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime stored; the service keeps aware UTC times")
        from datetime import UTC

        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        from datetime import UTC

        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Owner(Base):
    """A person using the service: one or more mailboxes, their settings, their sessions.
    Deleting the owner deletes every row that is theirs (accounts cascade on)."""

    __tablename__ = "owners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    signature: Mapped[str | None] = mapped_column(String(500))
    strengths: Mapped[str | None] = mapped_column(Text)  # what the owner wants drafts to stress
    timezone: Mapped[str | None] = mapped_column(String(64))  # None: the first mailbox's
    # when suggestions may appear: ISO weekdays (1 = Monday) and local hours
    working_days: Mapped[list[int]] = mapped_column(JSON, default=lambda: [1, 2, 3, 4, 5])
    day_starts: Mapped[time] = mapped_column(Time, default=time(9, 0))
    day_ends: Mapped[time] = mapped_column(Time, default=time(18, 0))
    other_addresses: Mapped[list[str]] = mapped_column(JSON, default=list)  # also "me"
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    set_up_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # the first-run step
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    accounts: Mapped[list[Account]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", order_by="Account.id")
    sessions: Mapped[list[OwnerSession]] = relationship(
        back_populates="owner", cascade="all, delete-orphan")


class OwnerSession(Base):
    """A signed-in browser. The cookie holds the token; only its SHA-256 is stored."""

    __tablename__ = "owner_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"),
                                          index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)

    owner: Mapped[Owner] = relationship(back_populates="sessions")


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("provider", "email"),)

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        if self.owner is None and self.owner_id is None:
            # every mailbox belongs to a person, however it was made (a test, a tool)
            self.owner = Owner(name=self.display_name, created_at=self.connected_at)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"),
                                          index=True)
    provider: Mapped[str] = mapped_column(String(16))  # gmail | outlook
    email: Mapped[str] = mapped_column(String(320))
    display_name: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    sealed_tokens: Mapped[bytes] = mapped_column(LargeBinary)
    # active | needs_reauth | removed
    status: Mapped[str] = mapped_column(String(16), default="active")
    status_reason: Mapped[str | None] = mapped_column(String(500))
    calendar_cursor: Mapped[str | None] = mapped_column(Text)
    mail_cursor: Mapped[str | None] = mapped_column(Text)
    connected_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_sync_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # when the service last read back the fate of its open drafts (edited, sent, deleted)
    reconciled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    next_sync_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)  # next poll
    # earlier than the next poll when something is due: an interview's end, a check-in's
    # moment, an owner action, a write to retry
    wake_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)

    owner: Mapped[Owner] = relationship(back_populates="accounts")
    interviews: Mapped[list[Interview]] = relationship(
        back_populates="account", cascade="all, delete-orphan"
    )

    @property
    def local_timezone(self) -> str:
        """The zone days and times are told in: the owner's choice, else the mailbox's."""
        return self.owner.timezone or self.timezone


class Interview(Base):
    __tablename__ = "interviews"
    __table_args__ = (UniqueConstraint("account_id", "event_id"),
                      Index("ix_interviews_due", "account_id", "due_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    event_id: Mapped[str] = mapped_column(String(1024))
    title: Mapped[str] = mapped_column(Text)
    start: Mapped[datetime] = mapped_column(UtcDateTime)
    end: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    # scheduled | done | cancelled | declined | not_interview (was one, no longer detected)
    status: Mapped[str] = mapped_column(String(16))
    stage: Mapped[str] = mapped_column(String(16))
    company: Mapped[str | None] = mapped_column(String(200))
    job_title: Mapped[str | None] = mapped_column(String(200))
    organizer_email: Mapped[str | None] = mapped_column(String(320))
    organizer_name: Mapped[str | None] = mapped_column(String(200))
    invite: Mapped[list[str]] = mapped_column(JSON)  # every address on the invite
    # detection's company side: {"domains": [...], "addresses": [...]}; null for rows stored
    # before it was (policy then works it out from ``invite`` by the same rule)
    company_side: Mapped[dict[str, list[str]] | None] = mapped_column(JSON, nullable=True)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # the next moment policy could decide differently without a new fact (its end, the
    # check-in's moment, a snooze's end); written when policy runs, None: nothing ahead
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    account: Mapped[Account] = relationship(back_populates="interviews")
    interviewers: Mapped[list[Interviewer]] = relationship(
        back_populates="interview", cascade="all, delete-orphan", order_by="Interviewer.position"
    )
    notes: Mapped[list[Note]] = relationship(
        back_populates="interview", cascade="all, delete-orphan", order_by="Note.created_at"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="interview", cascade="all, delete-orphan", order_by="FollowUp.id"
    )
    suggestions: Mapped[list[Suggestion]] = relationship(
        back_populates="interview", cascade="all, delete-orphan", order_by="Suggestion.id"
    )
    checklist: Mapped[list[ChecklistTick]] = relationship(
        back_populates="interview", cascade="all, delete-orphan"
    )


class Interviewer(Base):
    __tablename__ = "interviewers"
    __table_args__ = (UniqueConstraint("interview_id", "email"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)

    interview: Mapped[Interview] = relationship(back_populates="interviewers")


class Note(Base):
    """What the owner told the service about an interview (topic, insight, decision date)."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    interviewer_email: Mapped[str | None] = mapped_column(String(320))
    topic: Mapped[str | None] = mapped_column(Text)
    insight: Mapped[str | None] = mapped_column(Text)
    decision_date: Mapped[date | None] = mapped_column(Date)
    strengths: Mapped[str | None] = mapped_column(Text)  # "what I bring to this role"
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    interview: Mapped[Interview] = relationship(back_populates="notes")


class ChecklistTick(Base):
    """A "while you wait" habit the owner ticked for one interview."""

    __tablename__ = "checklist_ticks"
    __table_args__ = (UniqueConstraint("interview_id", "item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    item: Mapped[str] = mapped_column(String(32))
    ticked_at: Mapped[datetime] = mapped_column(UtcDateTime)

    interview: Mapped[Interview] = relationship(back_populates="checklist")


class EventVerdict(Base):
    """The owner's word on one calendar event: an interview or not, whatever detection says.
    Kept by event id, so that it holds across syncs."""

    __tablename__ = "event_verdicts"
    __table_args__ = (UniqueConstraint("account_id", "event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    event_id: Mapped[str] = mapped_column(String(1024))
    is_interview: Mapped[bool] = mapped_column(Boolean)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OtherEvent(Base):
    """A calendar event detection did not take for an interview, kept (no description) so
    that the owner can say it is one."""

    __tablename__ = "other_events"
    __table_args__ = (UniqueConstraint("account_id", "event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    event_id: Mapped[str] = mapped_column(String(1024))
    title: Mapped[str] = mapped_column(Text)
    start: Mapped[datetime] = mapped_column(UtcDateTime)
    end: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    organizer_email: Mapped[str | None] = mapped_column(String(320))
    organizer_name: Mapped[str | None] = mapped_column(String(200))
    # [{"email", "name", "resource"}], everyone on the invite but the owner
    attendees: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MailMessage(Base):
    """Headers of inbound and sent mail (facts for reply, limit and decision-date rules)."""

    __tablename__ = "mail_messages"
    __table_args__ = (
        UniqueConstraint("account_id", "provider_message_id"),
        Index("ix_mail_messages_account_date", "account_id", "sent_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    provider_message_id: Mapped[str] = mapped_column(String(1024))
    thread_id: Mapped[str] = mapped_column(String(1024))
    direction: Mapped[str] = mapped_column(String(8))  # in | out
    sender_email: Mapped[str | None] = mapped_column(String(320))
    sender_name: Mapped[str | None] = mapped_column(String(200))
    recipients: Mapped[list[str]] = mapped_column(JSON)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)
    subject: Mapped[str] = mapped_column(Text)
    message_id_header: Mapped[str | None] = mapped_column(String(1024))
    references: Mapped[list[str]] = mapped_column(JSON)
    # what policy learnt from the body; the body itself is never stored
    decision_date: Mapped[date | None] = mapped_column(Date)
    timeline_only: Mapped[bool] = mapped_column(Boolean, default=False)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FollowUp(Base):
    """One message the service drafts: a thank-you per interviewer, or the check-in."""

    __tablename__ = "follow_ups"
    __table_args__ = (UniqueConstraint("interview_id", "kind", "recipient_email"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # thank_you | check_in
    recipient_email: Mapped[str] = mapped_column(String(320))
    recipient_name: Mapped[str | None] = mapped_column(String(200))
    # thank_you: a service.follow_ups.ThankYouState. check_in: "" - the check-in's one
    # state is its Suggestion's status (this row holds the draft's text and ids)
    state: Mapped[str] = mapped_column(String(16), default="")
    state_reason: Mapped[str | None] = mapped_column(String(500))
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    subject: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)  # as the service wants it to read
    # as it was last written to the mailbox: the draft reading otherwise means an owner edit
    written_body: Mapped[str | None] = mapped_column(Text)
    written_subject: Mapped[str | None] = mapped_column(Text)
    findings: Mapped[list[str]] = mapped_column(JSON, default=list)  # content check
    provider_draft_id: Mapped[str | None] = mapped_column(String(1024))
    provider_message_id: Mapped[str | None] = mapped_column(String(1024))
    provider_thread_id: Mapped[str | None] = mapped_column(String(1024))
    reply_to_kind: Mapped[str | None] = mapped_column(String(16))  # thank_you | company_mail
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    drafted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    interview: Mapped[Interview] = relationship(back_populates="follow_ups")


class Suggestion(Base):
    """The one check-in of an interview, from its suggestion to its fate."""

    __tablename__ = "suggestions"
    __table_args__ = (UniqueConstraint("interview_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16), default="check_in")
    # the check-in's one state: a service.follow_ups.CheckInState
    status: Mapped[str] = mapped_column(String(16))
    recipient_email: Mapped[str | None] = mapped_column(String(320))
    recipient_name: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(String(500))
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    decision_date: Mapped[date | None] = mapped_column(Date)
    reply_to_message_id: Mapped[str | None] = mapped_column(String(1024))
    snooze_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    suggested_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # None: never shown
    status_at: Mapped[datetime] = mapped_column(UtcDateTime)

    interview: Mapped[Interview] = relationship(back_populates="suggestions")


class OutboxItem(Base):
    """A mailbox write decided by policy, committed before it is carried out."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    follow_up_id: Mapped[int | None] = mapped_column(
        ForeignKey("follow_ups.id", ondelete="CASCADE")
    )
    # idempotency key of the draft + the operation and its revision
    op_key: Mapped[str] = mapped_column(String(200), unique=True)
    operation: Mapped[str] = mapped_column(String(16))  # create | update | delete
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|done|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """Every mailbox write and state change, with its cause."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(1024))  # what it acted on
    cause: Mapped[str] = mapped_column(String(500))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
