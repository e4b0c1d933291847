"""What crosses the provider interface: plain, provider-neutral dataclasses.

Every datetime here is timezone-aware. Provider JSON becomes these through the pure parsers
in ``providers/google`` and ``providers/microsoft``; nothing above ``providers`` sees JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

ProviderName = Literal["gmail", "outlook"]
PROVIDERS: tuple[ProviderName, ...] = ("gmail", "outlook")

# An attendee's answer, in Google's words (Graph's are mapped: none/notResponded ->
# needsAction, tentativelyAccepted -> tentative, organizer -> accepted).
Response = Literal["accepted", "declined", "tentative", "needsAction"]
EventStatus = Literal["confirmed", "tentative", "cancelled"]
# Google eventType / Graph showAs folded into one: anything but "default" is a status block.
EventKind = Literal["default", "outOfOffice", "focusTime", "workingLocation"]
Folder = Literal["inbox", "sent", "drafts", "other"]
DraftKind = Literal["thank_you", "check_in"]


@dataclass(frozen=True)
class Person:
    email: str  # lower-cased
    name: str | None = None


@dataclass(frozen=True)
class Attendee:
    email: str  # lower-cased
    name: str | None = None
    response: Response = "needsAction"
    optional: bool = False
    resource: bool = False
    is_self: bool = False  # the mailbox owner
    is_organizer: bool = False


@dataclass(frozen=True)
class CalendarEvent:
    id: str
    title: str
    description: str  # plain text, even when the provider sent HTML
    location: str
    start: datetime
    end: datetime
    all_day: bool
    status: EventStatus
    organizer: Person | None
    attendees: tuple[Attendee, ...]
    # The owner's own answer when the provider states it apart from the attendee list
    # (Graph's top-level responseStatus); else taken from the attendee marked is_self.
    owner_response: Response | None = None
    kind: EventKind = "default"
    updated: datetime | None = None


@dataclass(frozen=True)
class SkippedItem:
    """A provider item that could not be parsed: reported and logged, never fatal."""

    id: str | None
    error: str  # one line


@dataclass(frozen=True)
class CalendarChanges:
    events: list[CalendarEvent]
    removed_ids: list[str]  # deleted outright (Graph "@removed"); cancelled ones come as events
    cursor: str  # opaque: Calendar nextSyncToken / Graph deltaLink
    full_resync: bool  # the old cursor was stale: ``events`` is the whole window
    skipped: list[SkippedItem] = field(default_factory=list)


@dataclass(frozen=True)
class MailMessage:
    """Headers of one message (and its plain-text body only where policy needs it)."""

    id: str  # provider message id
    thread_id: str  # Gmail threadId / Graph conversationId
    folder: Folder
    sender: Person | None
    to: tuple[Person, ...]
    cc: tuple[Person, ...]
    date: datetime
    subject: str
    message_id_header: str | None  # RFC 5322 Message-ID, with angle brackets
    in_reply_to: str | None
    references: tuple[str, ...] = ()
    body_text: str | None = None
    mark: DraftMark | None = None  # set on messages the service wrote (drafts, or sent ones)


@dataclass(frozen=True)
class MailChanges:
    messages: list[MailMessage]  # new or changed inbound/sent messages
    deleted_ids: list[str]
    cursor: str  # Gmail historyId / Graph delta links (both folders, encoded together)
    full_resync: bool
    skipped: list[SkippedItem] = field(default_factory=list)


@dataclass(frozen=True)
class DraftMark:
    """The service's mark on a draft it writes: an ``X-`` header (and on Graph also a
    single-value extended property). ``key`` is the idempotency key of the outbox intent."""

    key: str
    kind: DraftKind
    event_id: str

    HEADER = "X-Interview-Followup"

    def header_value(self) -> str:
        from urllib.parse import quote

        return f"v1; key={self.key}; kind={self.kind}; event={quote(self.event_id, safe='')}"

    @classmethod
    def parse(cls, value: str | None) -> DraftMark | None:
        from urllib.parse import unquote

        if not value:
            return None
        parts = dict(
            item.strip().split("=", 1) for item in value.split(";") if "=" in item
        )
        key, kind, event = parts.get("key"), parts.get("kind"), parts.get("event")
        if not key or kind not in ("thank_you", "check_in") or event is None:
            return None
        return cls(key=key, kind=kind, event_id=unquote(event))  # type: ignore[arg-type]


@dataclass(frozen=True)
class ReplyTarget:
    """The message a draft answers: it goes into that message's thread."""

    message_id: str  # provider id (Graph createReply needs it)
    thread_id: str
    message_id_header: str | None
    references: tuple[str, ...] = ()
    subject: str = ""


@dataclass(frozen=True)
class DraftRequest:
    mark: DraftMark
    to: Person
    subject: str
    body: str  # plain text
    sender: Person | None = None  # the owner, for the From header
    reply_to: ReplyTarget | None = None


@dataclass(frozen=True)
class DraftRef:
    """Where a draft the service wrote lives in the provider."""

    draft_id: str  # Gmail draft id / Graph message id
    message_id: str  # Gmail message id / Graph message id
    thread_id: str
    mark: DraftMark


DraftFate = Literal["draft", "sent", "deleted"]


@dataclass(frozen=True)
class DraftState:
    """What happened to one of the service's drafts."""

    ref: DraftRef
    fate: DraftFate
    subject: str | None = None
    body: str | None = None  # present while it is a draft: edits are detected by comparing
    sent_message: MailMessage | None = None  # the sent copy, when fate == "sent"


@dataclass(frozen=True)
class Identity:
    email: str
    name: str | None
    timezone: str  # IANA name


# Refresh this long before an access token expires: a token that expires in flight costs a
# 401 and a second request. A token that lives shorter than twice this is refreshed at half its
# life instead, never less than MIN_REFRESH_MARGIN early (clock skew, a slow request).
REFRESH_MARGIN = timedelta(minutes=5)
MIN_REFRESH_MARGIN = timedelta(seconds=10)


@dataclass
class Tokens:
    access_token: str
    refresh_token: str | None
    expires_at: datetime
    scopes: tuple[str, ...] = ()
    lifetime: timedelta | None = None  # as the token endpoint said (expires_in), if known

    def refresh_margin(self) -> timedelta:
        """How early to refresh: min(5 min, half the lifetime), never under 10 s."""
        if self.lifetime is None:
            return REFRESH_MARGIN
        return max(MIN_REFRESH_MARGIN, min(REFRESH_MARGIN, self.lifetime / 2))

    def due_for_refresh(self, now: datetime) -> bool:
        """Whether the access token is really about to expire at ``now``."""
        return now >= self.expires_at - self.refresh_margin()


@dataclass(frozen=True)
class AuthorizationRequest:
    url: str
    state: str
    code_verifier: str  # PKCE: kept by the caller until the code comes back


@dataclass(frozen=True)
class Connection:
    identity: Identity
    tokens: Tokens
