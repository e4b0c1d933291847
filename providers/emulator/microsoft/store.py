"""Outlook mailboxes as the emulator holds them: events, messages and the history of drafts.

Every change in a mailbox takes the next number of the mailbox's change sequence; delta
queries are answered from those numbers (what changed after the client's last round).
Deleted items stay as tombstones so that later delta rounds can report them as removed.

Each message has two ids, as in Exchange: its immutable id (the key here, and what the
control surface speaks) and its REST id, which changes whenever the message moves to
another folder. Graph answers with the REST id unless the request says
``Prefer: IdType="ImmutableId"`` (https://learn.microsoft.com/en-us/graph/outlook-immutable-id).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

from providers.emulator.control import DraftRecord, EventSpec, SentRecord
from providers.html_text import html_to_text
from providers.microsoft.mark import MARK_PROPERTY_ID

# A well-known folder name, or the display name of a folder the owner made ("Recruiting").
FolderName = str
FOLDERS: tuple[FolderName, ...] = ("inbox", "drafts", "sentitems", "deleteditems", "archive",
                                   "junkemail", "recoverableitemsdeletions")
# Recoverable Items sits outside the folders a mail client shows: not in mailFolders, not in
# ``/me/messages``; reachable by its well-known name only.
HIDDEN_FOLDERS: frozenset[FolderName] = frozenset({"recoverableitemsdeletions"})
FOLDER_DISPLAY_NAMES: dict[FolderName, str] = {
    "inbox": "Inbox",
    "drafts": "Drafts",
    "sentitems": "Sent Items",
    "deleteditems": "Deleted Items",
    "archive": "Archive",
    "junkemail": "Junk Email",
    "recoverableitemsdeletions": "Deletions",
}
BodyType = Literal["text", "html"]

# The one tenant every emulated mailbox belongs to.
TENANT_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://emulator.invalid/tenant"))


class UnknownMailbox(LookupError):
    pass


class UnknownItem(LookupError):
    pass


def new_item_id() -> str:
    """An Exchange-looking REST id: url-safe base64, so it may hold ``-`` and ``_``."""
    return "AAMkA" + secrets.token_urlsafe(105) + "AAA="


def new_conversation_id() -> str:
    return "AAQkA" + secrets.token_urlsafe(45) + "="


def new_conversation_index() -> str:
    return base64.b64encode(secrets.token_bytes(22)).decode("ascii")


def change_key(item_id: str, seq: int) -> str:
    digest = hashlib.sha256(f"{item_id}:{seq}".encode()).digest()
    return "CQAAABYAAA" + base64.b64encode(digest[:18]).decode("ascii")


@dataclass(frozen=True)
class Recipient:
    address: str
    name: str


@dataclass(frozen=True)
class ExtendedProperty:
    id: str  # as the client wrote it
    value: str


def extended_property_key(property_id: str) -> str:
    """Graph matches extended property ids without regard to case or spacing."""
    return " ".join(property_id.split()).lower()


@dataclass(frozen=True)
class EventVersion:
    seq: int
    start: datetime
    end: datetime
    alive: bool


@dataclass
class StoredEvent:
    spec: EventSpec
    created: datetime
    modified: datetime
    seq: int
    alive: bool = True
    # Every version's span, so that a delta round can tell "left the window" (removed)
    # from "was never in the window" (nothing to say).
    history: list[EventVersion] = field(default_factory=list)

    def version_at(self, seq: int) -> EventVersion | None:
        """The version a client that synced up to ``seq`` has seen, if any."""
        seen = None
        for version in self.history:
            if version.seq > seq:
                break
            seen = version
        return seen


@dataclass
class DraftLog:
    """The life of one draft, kept after it was sent or deleted."""

    draft_id: str
    created_at: datetime
    created_by: Literal["owner", "service"]
    in_reply_to_message_id: str | None
    updated_at: list[datetime] = field(default_factory=list)
    fate: Literal["open", "sent", "deleted"] = "open"
    fate_at: datetime | None = None
    deleted_by: Literal["owner", "service"] | None = None
    mark: str | None = None  # the service's extended property as it was first written


@dataclass
class StoredMessage:
    id: str
    folder: FolderName
    created: datetime
    modified: datetime
    received: datetime
    sent: datetime | None
    subject: str
    body_type: BodyType
    body: str
    sender: Recipient | None
    to: list[Recipient]
    cc: list[Recipient]
    bcc: list[Recipient]
    conversation_id: str
    conversation_index: str
    internet_message_id: str
    seq: int
    created_seq: int
    is_draft: bool
    is_read: bool
    reply_to: list[Recipient] = field(default_factory=list)
    importance: str = "normal"
    categories: list[str] = field(default_factory=list)
    # Received mail: the full header block; drafts: the client's own x- headers.
    headers: list[tuple[str, str]] = field(default_factory=list)
    extended: dict[str, ExtendedProperty] = field(default_factory=dict)
    in_reply_to: str | None = None  # RFC 5322 Message-ID this message answers
    references: list[str] = field(default_factory=list)
    alive: bool = True
    draft_log: DraftLog | None = None
    rest_id: str = ""  # the id Graph shows without the ImmutableId preference
    # (seq, folder) from the first: a delta round tells "moved out" (removed) apart
    folder_history: list[tuple[int, FolderName]] = field(default_factory=list)
    changed_fields: set[str] = field(default_factory=set)  # since it was created

    def __post_init__(self) -> None:
        self.rest_id = self.rest_id or new_item_id()
        if not self.folder_history:
            self.folder_history.append((self.created_seq, self.folder))

    def folder_at(self, seq: int) -> FolderName | None:
        """The folder it was in after change ``seq`` (None: it did not exist yet)."""
        found = None
        for changed_at, folder in self.folder_history:
            if changed_at > seq:
                break
            found = folder
        return found

    def shown_id(self, immutable: bool) -> str:
        return self.id if immutable else self.rest_id

    def extended_value(self, property_id: str) -> str | None:
        prop = self.extended.get(extended_property_key(property_id))
        return prop.value if prop else None


class Mailbox:
    """One mailbox; callers hold :attr:`lock` while reading or changing it."""

    def __init__(self, address: str, name: str, timezone: str) -> None:
        self.address = address
        self.name = name
        self.timezone = timezone  # IANA
        self.user_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"outlook-user:{address}"))
        self.lock = threading.RLock()
        self.seq = 0
        self.sync_generation = 0  # bumped to make every delta token of the mailbox stale
        self.events: dict[str, StoredEvent] = {}
        self.messages: dict[str, StoredMessage] = {}
        self.draft_logs: list[DraftLog] = []
        self.sent: list[SentRecord] = []
        self.folder_ids: dict[FolderName, str] = {
            folder: _folder_id(address, folder) for folder in FOLDERS
        }
        self._by_rest_id: dict[str, str] = {}  # REST id -> immutable id

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def folder_by_segment(self, segment: str) -> FolderName | None:
        """A folder named in a URL: a well-known name (any case) or the folder's id."""
        lowered = segment.lower()
        for folder, folder_id in self.folder_ids.items():
            if (folder in FOLDERS and lowered == folder) or segment == folder_id:
                return folder
        return None

    def folder(self, name: str) -> FolderName:
        """A well-known folder, or the owner's folder of that display name (made if new)."""
        lowered = name.strip().lower()
        if lowered in FOLDERS:
            return lowered
        if name not in self.folder_ids:
            self.folder_ids[name] = _folder_id(self.address, f"user/{name}")
        return name

    def find(self, message_id: str) -> StoredMessage | None:
        """A message by either of its ids; a REST id it had before a move is unknown."""
        message = self.messages.get(message_id)
        if message is None:
            key = self._by_rest_id.get(message_id)
            message = self.messages.get(key) if key else None
        return message

    def live_message(self, message_id: str) -> StoredMessage:
        message = self.find(message_id)
        if message is None or not message.alive:
            raise UnknownItem(message_id)
        return message

    @property
    def owner(self) -> Recipient:
        return Recipient(self.address, self.name)

    # --- what happens to messages (Graph requests and the owner's own actions) ------------

    def new_message(
        self,
        folder: FolderName,
        now: datetime,
        *,
        subject: str = "",
        body_type: BodyType = "text",
        body: str = "",
        sender: Recipient | None = None,
        to: list[Recipient] | None = None,
        conversation_id: str | None = None,
        internet_message_id: str | None = None,
    ) -> StoredMessage:
        """A message in ``folder``, not yet stored (the caller fills it in, then adds it)."""
        seq = self.next_seq()
        return StoredMessage(
            id=new_item_id(),
            folder=folder,
            created=now,
            modified=now,
            received=now,
            sent=None if folder == "drafts" else now,
            subject=subject,
            body_type=body_type,
            body=body,
            sender=sender,
            to=list(to or []),
            cc=[],
            bcc=[],
            conversation_id=conversation_id or new_conversation_id(),
            conversation_index=new_conversation_index(),
            internet_message_id=internet_message_id or outlook_message_id(),
            seq=seq,
            created_seq=seq,
            is_draft=folder == "drafts",
            is_read=folder != "inbox",
        )

    def add(self, message: StoredMessage) -> StoredMessage:
        self.messages[message.id] = message
        self._by_rest_id[message.rest_id] = message.id
        return message

    def touch(self, message: StoredMessage, now: datetime, fields: tuple[str, ...] = ()
              ) -> None:
        """Record a change to ``message`` (new change key; shows in the next delta round)."""
        message.seq = self.next_seq()
        message.modified = now
        message.changed_fields.update(fields)

    def move(self, message: StoredMessage, folder: FolderName, now: datetime) -> None:
        """To another folder (a mail rule, the owner): a new REST id, the same immutable id."""
        self._by_rest_id.pop(message.rest_id, None)
        message.rest_id = new_item_id()
        self._by_rest_id[message.rest_id] = message.id
        message.folder = folder
        self.touch(message, now, ("parentFolderId",))
        message.folder_history.append((message.seq, folder))

    def discard_draft(self, draft: StoredMessage, now: datetime) -> None:
        """The owner deletes a draft for good (Shift+Delete in Outlook, or emptying Deleted
        Items): Exchange keeps the item, with its properties, in Recoverable Items
        ("recoverableitemsdeletions: The folder that contains soft-deleted items: deleted
        either from the Deleted Items folder, or by pressing shift+delete in Outlook",
        https://learn.microsoft.com/en-us/graph/api/resources/mailfolder)."""
        self.move(draft, "recoverableitemsdeletions", now)
        log = draft.draft_log
        if log is not None and log.fate == "open":
            log.fate, log.fate_at, log.deleted_by = "deleted", now, "owner"

    def remove(self, message: StoredMessage, now: datetime,
               by: Literal["owner", "service"]) -> None:
        self.touch(message, now)
        message.alive = False
        log = message.draft_log
        if log is not None and log.fate == "open":
            log.fate, log.fate_at, log.deleted_by = "deleted", now, by

    def send_draft(self, draft: StoredMessage, now: datetime,
                   by: Literal["owner", "service"]) -> StoredMessage:
        """Send a draft as it stands: Exchange files the sent copy under a new id (a new
        immutable id too: "with the exception of sending a draft message",
        https://learn.microsoft.com/en-us/graph/api/resources/mail-api-overview). The owner's
        clients (desktop, web, phone) keep neither the custom internet headers nor
        In-Reply-To/References on the Sent Items copy
        (https://github.com/microsoftgraph/microsoft-graph-docs/issues/2716), and a named
        extended property is not promised to survive: the least helpful client drops it."""
        seq = self.next_seq()
        sent = replace(
            draft,
            id=new_item_id(),
            folder="sentitems",
            created=now,
            modified=now,
            received=now,
            sent=now,
            sender=self.owner,
            seq=seq,
            created_seq=seq,
            is_draft=False,
            is_read=True,
            to=list(draft.to),
            cc=list(draft.cc),
            bcc=list(draft.bcc),
            reply_to=list(draft.reply_to),
            categories=list(draft.categories),
            headers=[] if by == "owner" else list(draft.headers),
            extended={} if by == "owner" else dict(draft.extended),
            in_reply_to=None if by == "owner" else draft.in_reply_to,
            references=[] if by == "owner" else list(draft.references),
            draft_log=None,
            rest_id="",
            folder_history=[],
            changed_fields=set(),
        )
        self.add(sent)
        log = draft.draft_log
        self.touch(draft, now)
        draft.alive = False
        if log is not None:
            log.fate, log.fate_at = "sent", now
        self.sent.append(SentRecord(
            message_id=sent.id,
            thread_id=sent.conversation_id,
            to=tuple(r.address for r in sent.to),
            subject=sent.subject,
            sent_at=now,
            by=by,
            from_draft_id=draft.id,
        ))
        return sent

    def record_sent(self, message: StoredMessage, by: Literal["owner", "service"]) -> None:
        """A message that went out without being a draft first."""
        self.sent.append(SentRecord(
            message_id=message.id,
            thread_id=message.conversation_id,
            to=tuple(r.address for r in message.to),
            subject=message.subject,
            sent_at=message.sent or message.created,
            by=by,
        ))

    def draft_record(self, log: DraftLog) -> DraftRecord:
        message = self.messages[log.draft_id]
        return DraftRecord(
            draft_id=log.draft_id,
            message_id=log.draft_id,
            thread_id=message.conversation_id,
            mark=log.mark,
            to=tuple(r.address for r in message.to),
            cc=tuple(r.address for r in message.cc),
            bcc=tuple(r.address for r in message.bcc),
            subject=message.subject,
            body=plain_body(message),
            created_at=log.created_at,
            updated_at=tuple(log.updated_at),
            fate=log.fate,
            fate_at=log.fate_at,
            deleted_by=log.deleted_by,
            in_reply_to_message_id=log.in_reply_to_message_id,
            created_by=log.created_by,
        )


def plain_body(message: StoredMessage) -> str:
    if message.body_type == "html":
        return html_to_text(message.body)
    return message.body


def mark_of(message: StoredMessage) -> str | None:
    """The service's mark on a message (its extended property), if any."""
    return message.extended_value(MARK_PROPERTY_ID)


def outlook_message_id() -> str:
    """An RFC 5322 Message-ID as Exchange Online writes them."""
    return f"<{uuid.uuid4().hex.upper()}@EMULATOR.namprd00.prod.outlook.com>"


def _folder_id(address: str, folder: str) -> str:
    digest = hashlib.sha256(f"{address}/{folder}".encode()).digest()
    return "AAMkA" + base64.urlsafe_b64encode(digest + digest[:12]).decode("ascii") + "AAA="


class MailboxDirectory:
    """Every mailbox of the emulator, by address and by Graph user id."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_address: dict[str, Mailbox] = {}
        self._by_user_id: dict[str, Mailbox] = {}

    def add(self, address: str, name: str, timezone: str) -> Mailbox:
        key = address.strip().lower()
        with self._lock:
            mailbox = self._by_address.get(key)
            if mailbox is None:
                mailbox = Mailbox(key, name, timezone)
                self._by_address[key] = mailbox
                self._by_user_id[mailbox.user_id] = mailbox
            else:
                with mailbox.lock:
                    mailbox.name = name
                    mailbox.timezone = timezone
            return mailbox

    def find(self, address: str) -> Mailbox | None:
        with self._lock:
            return self._by_address.get(address.strip().lower())

    def accounts(self) -> list[tuple[str, str]]:
        """(address, name) of every mailbox, for the sign-in page."""
        with self._lock:
            return [(m.address, m.name) for m in self._by_address.values()]

    def get(self, address: str) -> Mailbox:
        mailbox = self.find(address)
        if mailbox is None:
            raise UnknownMailbox(f"no Outlook mailbox {address!r} in the emulator")
        return mailbox

    def by_user_id(self, user_id: str) -> Mailbox | None:
        with self._lock:
            return self._by_user_id.get(user_id)
