"""The one interface both adapters implement."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from providers.model import (
    AuthorizationRequest,
    CalendarChanges,
    Connection,
    DraftRef,
    DraftRequest,
    DraftState,
    MailChanges,
    MailMessage,
    ProviderName,
    Tokens,
    WrittenDraft,
)


@dataclass(frozen=True)
class SyncWindow:
    """Which calendar span a full sync covers (incremental syncs follow their cursor)."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class SyncResult:
    calendar: CalendarChanges
    mail: MailChanges


TokenSaver = Callable[[Tokens], None]
"""Called with fresh tokens after every refresh, to persist them (encrypted)."""


class OAuthFlow(Protocol):
    """Signing a mailbox in: PKCE authorization URL, then the code exchange."""

    def authorization_request(self, redirect_uri: str) -> AuthorizationRequest: ...

    def exchange_code(self, code: str, redirect_uri: str, code_verifier: str) -> Connection: ...


class MailboxProvider(Protocol):
    """One connected mailbox and its calendar, at one provider."""

    name: ProviderName

    def sync(
        self, calendar_cursor: str | None, mail_cursor: str | None, window: SyncWindow
    ) -> SyncResult:
        """Calendar and mailbox changes since the cursors (None: a full sync of ``window``
        for the calendar and of recent mail). A stale cursor is recovered from inside, and the
        result says ``full_resync``. Idle cost: 2 requests on Gmail, 1 on Outlook."""
        ...

    def create_draft(self, request: DraftRequest) -> DraftRef:
        """Write a draft carrying ``request.mark``. Idempotent: if a draft with the mark's key
        exists already (an earlier attempt whose answer was lost), return it instead."""
        ...

    def update_draft(self, ref: DraftRef, subject: str, body: str) -> DraftRef: ...

    def delete_draft(self, ref: DraftRef) -> None:
        """Delete a draft; deleting one already gone is not an error."""
        ...

    def find_draft(self, key: str) -> DraftRef | None:
        """The draft carrying the mark with this key, if it is still a draft."""
        ...

    def write_checkpoint(self) -> str | None:
        """Where the mailbox's change history stands now, taken just before a draft is
        written, for :meth:`find_written` (Gmail: the profile's historyId; None where the
        provider needs none)."""
        ...

    def find_written(self, request: DraftRequest, since: datetime,
                     checkpoint: str | None) -> WrittenDraft:
        """After an uncertain write (begun at ``since``, with ``checkpoint`` taken before
        it): where the draft with the request's mark went. Looks in Drafts, Sent, Trash /
        Deleted Items (and Recoverable Items), and the change history since the
        checkpoint: an owner may have sent or deleted it before the answer was known."""
        ...

    def draft_states(self, refs: Sequence[DraftRef]) -> list[DraftState]:
        """What became of these drafts: still drafts (with their text), sent, or deleted."""
        ...

    def message_body(self, message_id: str) -> str:
        """The plain-text body of one message (for decision-date reading)."""
        ...

    def search_mail(self, since: datetime, senders: Sequence[str]) -> list[MailMessage]:
        """Messages received since ``since`` from these senders (an address, or a domain
        such as ``acme.com`` for everyone there), in every folder of the mailbox: the Inbox,
        the archive, the owner's own folders and labels, spam and trash. One search: a reply
        a mail rule filed away is still a reply. At most a few hundred, newest first."""
        ...

    def close(self) -> None:
        """Close the adapter's connections (it is built for one pass)."""
        ...

