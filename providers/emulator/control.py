"""The emulator's control surface: what the simulator, the demo and tests do to a mailbox.

This is not part of any provider's API. Each provider half of the emulator (Google, Microsoft)
implements :class:`MailboxControl`; ``followup sandbox`` exposes the same operations over
HTTP under ``/_emulator/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

from providers.model import ProviderName, Response


@dataclass(frozen=True)
class PersonSpec:
    email: str
    name: str | None = None


@dataclass(frozen=True)
class AttendeeSpec:
    email: str
    name: str | None = None
    response: Response = "needsAction"
    optional: bool = False
    resource: bool = False


@dataclass(frozen=True)
class EventSpec:
    """A calendar event as a scenario states it; each half renders it in its own JSON."""

    id: str
    title: str
    start: datetime  # aware; for all-day events midnight of the first day
    end: datetime
    description: str = ""
    location: str = ""
    all_day: bool = False
    organizer: PersonSpec | None = None
    attendees: tuple[AttendeeSpec, ...] = ()
    status: Literal["confirmed", "cancelled"] = "confirmed"


@dataclass(frozen=True)
class DraftRecord:
    """One draft as the emulator saw it over its whole life."""

    draft_id: str
    message_id: str
    thread_id: str
    # What marked the draft when it was written: its Message-ID (Gmail) or its extended
    # property (Outlook). Kept by the emulator as seen then: an owner's edit may drop it.
    mark: str | None
    to: tuple[str, ...]
    cc: tuple[str, ...]
    bcc: tuple[str, ...]
    subject: str
    body: str  # plain text as it stood last
    created_at: datetime
    updated_at: tuple[datetime, ...]
    fate: Literal["open", "sent", "deleted"]
    fate_at: datetime | None
    deleted_by: Literal["owner", "service"] | None
    in_reply_to_message_id: str | None  # provider id of the message it replies to, if any
    created_by: Literal["owner", "service"] = "service"


@dataclass(frozen=True)
class SentRecord:
    message_id: str
    thread_id: str
    to: tuple[str, ...]
    subject: str
    sent_at: datetime
    by: Literal["owner", "service"]  # "service" only if the service itself sent (never)
    from_draft_id: str | None = None  # the draft the owner sent, if any


@dataclass
class Faults:
    """Fault injection for one mailbox (or all, on the emulator itself)."""

    error_rate: float = 0.0  # fraction of API requests answered with an error
    error_statuses: tuple[int, ...] = (429, 500, 503)
    retry_after_seconds: int = 1
    delay_seconds: float = 0.0  # added to every API request
    access_token_lifetime_seconds: int = 3600
    seed: int = 0
    fail_next: list[int] = field(default_factory=list)  # statuses for the next N requests
    # The next N writes (POST/PUT/PATCH/DELETE answered 2xx) are carried out, then their
    # answers held until the client goes away (a timeout, a crash): a lost answer.
    hold_writes: int = 0


class MailboxControl(Protocol):
    provider: ProviderName

    def add_mailbox(self, address: str, name: str, timezone: str) -> None: ...

    def grant(self, address: str, client_id: str, scopes: tuple[str, ...]) -> str:
        """Sign the owner in without the consent page: returns an authorization code that the
        token endpoint exchanges (PKCE-less, for tools); the real page flow works too."""
        ...

    def revoke(self, address: str) -> None:
        """Revoke every refresh token of the mailbox (the owner removed the app's access)."""
        ...

    def put_event(self, address: str, event: EventSpec) -> None:
        """Create or replace (a change: new sequence/etag, shows up in incremental sync)."""
        ...

    def delete_event(self, address: str, event_id: str) -> None: ...

    def deliver_mail(
        self,
        address: str,
        sender: PersonSpec,
        to: tuple[str, ...],
        subject: str,
        body: str,
        in_reply_to_message_id: str | None = None,
    ) -> str:
        """Put a message in the inbox (threaded on a message, if given); returns its id."""
        ...

    def owner_send_draft(self, address: str, draft_id: str) -> str:
        """The owner sends a draft as it stands from their mail client (web, desktop or
        phone, alike: as the least helpful of them does); returns the sent message's id."""
        ...

    def owner_edit_draft(self, address: str, draft_id: str, body: str,
                         subject: str | None = None) -> None:
        """The owner changes a draft in their mail client (web, desktop or phone)."""
        ...

    def owner_delete_draft(self, address: str, draft_id: str) -> None: ...

    def owner_move_mail(self, address: str, message_id: str, folder: str) -> None:
        """A mail rule or the owner files a message out of the Inbox: ``folder`` is
        ``archive``, ``trash``, ``spam`` or the name of a folder/label of the owner's."""
        ...

    def owner_send_own(self, address: str, to: tuple[str, ...], subject: str, body: str) -> str:
        """The owner writes and sends a message of their own; returns its id."""
        ...

    def drafts(self, address: str) -> list[DraftRecord]:
        """Every draft ever created in the mailbox, oldest first."""
        ...

    def sent(self, address: str) -> list[SentRecord]: ...

    def api_calls(self, address: str | None = None) -> dict[str, int]:
        """Requests received, by API method (e.g. ``gmail.users.drafts.create``)."""
        ...

    def set_faults(self, faults: Faults, address: str | None = None) -> None: ...
