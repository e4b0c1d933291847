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


@dataclass(frozen=True)
class MailChanges:
    messages: list[MailMessage]  # new or changed inbound/sent messages
    deleted_ids: list[str]
    cursor: str  # Gmail historyId / Graph delta links (both folders, encoded together)
    full_resync: bool
    skipped: list[SkippedItem] = field(default_factory=list)
    # A draft changed (edited, sent or deleted: Gmail's history says so; Graph's deltas here
    # do not follow Drafts): its fate is worth reading back now.
    drafts_changed: bool = False


@dataclass(frozen=True)
class DraftMark:
    """The service's mark on a draft it writes: an opaque key (the idempotency key of the
    outbox intent) and nothing else, since whatever travels with a message is seen by its
    recipient. Gmail carries it as the draft's Message-ID ``<key@owner's domain>``, Outlook
    as a single-value extended property, which never leaves the mailbox."""

    key: str

    @classmethod
    def of(cls, carried: str | None) -> DraftMark | None:
        """The mark from what a draft carries: a Message-ID, or the property's value."""
        if not carried:
            return None
        value = carried.strip()
        if value.startswith("<") and value.endswith(">") and "@" in value:
            value = value[1:-1].rsplit("@", 1)[0]
        return cls(value) if value else None


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


DraftFate = Literal["draft", "gone"]


@dataclass(frozen=True)
class DraftState:
    """One of the service's drafts as the mailbox has it now. Whether a draft that is gone
    was sent or deleted is not the adapter's call: mail clients keep only its thread and
    its recipient, so the adapter reports the owner's messages in that thread
    (``thread_messages``) and the service judges (``service/follow_ups.py``)."""

    ref: DraftRef  # with the ids the draft has now (Gmail gives an edited draft new ones)
    fate: DraftFate
    subject: str | None = None  # while it is a draft
    body: str | None = None
    recipients: tuple[str, ...] = ()  # to, cc and bcc, lower-cased
    thread_messages: tuple[MailMessage, ...] = ()  # when gone: the owner's, in its thread


WrittenWhere = Literal["draft", "sent", "deleted", "absent"]


@dataclass(frozen=True)
class WrittenDraft:
    """Where a draft whose write was uncertain (a crash, a timeout, a lost answer) went:
    still a draft; sent or deleted by the owner meanwhile; or never written (``absent``).
    ``state`` is the draft as read (``fate`` "draft"), or its last whereabouts (``fate``
    "gone", with the owner's messages in its thread, for the sent/deleted judgement)."""

    where: WrittenWhere
    state: DraftState | None = None


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
