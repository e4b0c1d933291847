"""One mailbox's Gmail state: messages, threads, drafts and the history log.

The rules are Gmail's as far as a client can see them:

- a new thread's id is the id of its first message;
- a message joins a thread when the client names the ``threadId`` and the subjects match
  (Re:/Fwd: aside), or when its In-Reply-To/References name a message of that thread;
- ``drafts.update``, and every edit in Gmail's own editor, gives the draft a NEW message id
  (the draft id stays); the history log says ``messageDeleted`` (old) + ``messageAdded``
  (new). The editor also writes its own Message-ID, drops headers it does not know
  (``X-...``), and a changed subject takes the draft into a thread of its own;
- sending a draft deletes it and creates a new message with a new id and the ``SENT`` label
  in the same thread, with Gmail's own Message-ID and without unknown ``X-`` headers
  (https://developers.google.com/gmail/api/guides/drafts);
- deleting a draft deletes its message for good (``messageDeleted``).

Callers hold the mailbox lock.
"""

from __future__ import annotations

import bisect
import itertools
import threading
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import format_datetime
from typing import Literal

from providers.emulator.control import DraftRecord, SentRecord
from providers.emulator.google.mime import (
    ParsedMessage,
    normalized_subject,
    parse_message,
    set_headers,
    strip_unknown_headers,
)

HistoryType = Literal["messageAdded", "messageDeleted", "labelAdded", "labelRemoved"]
HISTORY_TYPES: tuple[HistoryType, ...] = ("messageAdded", "messageDeleted", "labelAdded",
                                          "labelRemoved")
# Gmail keeps history "typically at least a week"; the cap bounds memory for busy mailboxes.
HISTORY_RETENTION = timedelta(days=7)
HISTORY_CAP = 5_000
FIRST_HISTORY_ID = 10_001
SYSTEM_LABELS = ("INBOX", "SENT", "DRAFT", "UNREAD", "IMPORTANT", "STARRED", "TRASH", "SPAM")


class IdSource:
    """Gmail-looking ids: 16 hex digits for messages, ``r`` + digits for drafts."""

    def __init__(self) -> None:
        self._messages = itertools.count(0x18E2A0C000000000, 0x3E9)
        self._drafts = itertools.count(5_102_938_475_610_000_001)
        self._lock = threading.Lock()

    def message_id(self) -> str:
        with self._lock:
            return format(next(self._messages), "016x")

    def draft_id(self) -> str:
        with self._lock:
            return f"r{next(self._drafts)}"


class UnknownItem(KeyError):
    """No such message/draft/thread in this mailbox (answered 404 by the API)."""


class InvalidState(ValueError):
    """The item exists but cannot do that (e.g. send a draft already sent)."""


@dataclass
class StoredMessage:
    id: str
    thread_id: str
    labels: set[str]
    parsed: ParsedMessage
    internal_date_ms: int
    history_id: int
    draft_id: str | None = None

    def label_ids(self) -> list[str]:
        return sorted(self.labels)


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: datetime
    kind: HistoryType
    message_id: str
    thread_id: str
    label_ids: tuple[str, ...]  # the message's labels after the change
    changed_labels: tuple[str, ...] = ()


@dataclass
class DraftEntry:
    id: str
    message_id: str
    thread_id: str
    content: ParsedMessage
    created_at: datetime
    created_by: Literal["owner", "service"]
    updated_at: list[datetime] = field(default_factory=list)
    fate: Literal["open", "sent", "deleted"] = "open"
    fate_at: datetime | None = None
    deleted_by: Literal["owner", "service"] | None = None
    in_reply_to_message_id: str | None = None
    mark: str | None = None  # its Message-ID as written

    def record(self) -> DraftRecord:
        content = self.content
        return DraftRecord(
            draft_id=self.id,
            message_id=self.message_id,
            thread_id=self.thread_id,
            mark=self.mark,
            to=content.to,
            cc=content.cc,
            bcc=content.bcc,
            subject=content.subject,
            body=content.text_body.rstrip("\n"),
            created_at=self.created_at,
            updated_at=tuple(self.updated_at),
            fate=self.fate,
            fate_at=self.fate_at,
            deleted_by=self.deleted_by,
            in_reply_to_message_id=self.in_reply_to_message_id,
            created_by=self.created_by,
        )


def user_label_id(name: str) -> str:
    """The id Gmail gives a label the owner made (``Label_`` and digits)."""
    return f"Label_{zlib.crc32(name.strip().lower().encode()) % 10**10}"


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


class GmailStore:
    def __init__(self, address: str, ids: IdSource) -> None:
        self.address = address
        self._ids = ids
        self.messages: dict[str, StoredMessage] = {}
        self.threads: dict[str, list[str]] = {}  # thread id -> live message ids, oldest first
        self._by_header: dict[str, str] = {}  # Message-ID header -> message id
        self.drafts: dict[str, DraftEntry] = {}  # every draft ever, oldest first
        self.sent: list[SentRecord] = []
        self.history: list[HistoryEntry] = []
        self._history_ids: list[int] = []  # parallel to ``history``, for bisect
        self.history_id = FIRST_HISTORY_ID
        # The oldest startHistoryId still answered; older ones get 404.
        self.history_floor = FIRST_HISTORY_ID

    # -- history --------------------------------------------------------------------------

    def _log(self, at: datetime, kind: HistoryType, message: StoredMessage,
             changed: tuple[str, ...] = ()) -> None:
        self.history_id += 1
        message.history_id = self.history_id
        entry = HistoryEntry(self.history_id, at, kind, message.id, message.thread_id,
                             tuple(message.label_ids()), changed)
        self.history.append(entry)
        self._history_ids.append(entry.id)
        self._prune(at)

    def _prune(self, now: datetime) -> None:
        cutoff = now - HISTORY_RETENTION
        drop = 0
        while drop < len(self.history) and (
            self.history[drop].at < cutoff or len(self.history) - drop > HISTORY_CAP
        ):
            drop += 1
        if drop:
            self.history_floor = self.history[drop - 1].id
            del self.history[:drop]
            del self._history_ids[:drop]

    def expire_history(self) -> None:
        """Forget the whole log: every earlier startHistoryId now gets 404."""
        self.history.clear()
        self._history_ids.clear()
        self.history_floor = self.history_id

    def history_after(self, start: int) -> list[HistoryEntry]:
        """Entries with id > start (the caller checked ``start >= history_floor``)."""
        return self.history[bisect.bisect_right(self._history_ids, start):]

    # -- messages ---------------------------------------------------------------------------

    def _thread_for(self, parsed: ParsedMessage, requested: str | None) -> str | None:
        if requested:
            members = self.threads.get(requested)
            if not members:
                raise UnknownItem(requested)
            first = self.messages[members[0]].parsed
            if normalized_subject(first.subject) == normalized_subject(parsed.subject):
                return requested
            return None
        for header in (*parsed.in_reply_to, *reversed(parsed.references)):
            target = self._by_header.get(header)
            if target in self.messages:
                return self.messages[target].thread_id
        return None

    def _add(self, parsed: ParsedMessage, labels: set[str], at: datetime, thread_id: str | None,
             draft_id: str | None = None) -> StoredMessage:
        message_id = self._ids.message_id()
        message = StoredMessage(
            id=message_id, thread_id=thread_id or message_id, labels=labels, parsed=parsed,
            internal_date_ms=_ms(at), history_id=self.history_id, draft_id=draft_id)
        self.messages[message_id] = message
        self.threads.setdefault(message.thread_id, []).append(message_id)
        if parsed.message_id:
            self._by_header[parsed.message_id] = message_id
        self._log(at, "messageAdded", message)
        return message

    def _remove(self, message_id: str, at: datetime) -> StoredMessage:
        message = self.messages.pop(message_id)
        members = self.threads.get(message.thread_id, [])
        if message_id in members:
            members.remove(message_id)
        if not members:
            self.threads.pop(message.thread_id, None)
        header = message.parsed.message_id
        if header and self._by_header.get(header) == message_id:
            del self._by_header[header]
        self._log(at, "messageDeleted", message)
        return message

    def _relabel(self, message: StoredMessage, add: tuple[str, ...], remove: tuple[str, ...],
                 at: datetime) -> None:
        removed = tuple(label for label in remove if label in message.labels)
        if removed:
            message.labels.difference_update(removed)
            self._log(at, "labelRemoved", message, removed)
        added = tuple(label for label in add if label not in message.labels)
        if added:
            message.labels.update(added)
            self._log(at, "labelAdded", message, added)

    def file_away(self, message_id: str, folder: str, at: datetime) -> None:
        """A filter or the owner takes a message out of the Inbox: ``archive``, ``trash``,
        ``spam``, or a label of the owner's (applied, and the Inbox skipped). Labels change;
        Gmail ids never do."""
        message = self.get(message_id)
        lowered = folder.strip().lower()
        added = {"archive": (), "trash": ("TRASH",), "spam": ("SPAM",)}.get(
            lowered, (user_label_id(folder),))
        self._relabel(message, added, ("INBOX",), at)

    def get(self, message_id: str) -> StoredMessage:
        message = self.messages.get(message_id)
        if message is None:
            raise UnknownItem(message_id)
        return message

    def by_header(self, message_id_header: str) -> StoredMessage | None:
        found = self._by_header.get(message_id_header)
        return self.messages.get(found) if found else None

    def _filled_in(self, raw: bytes, parsed: ParsedMessage, sender_header: str, at: datetime,
                   keep_message_id: str | None = None) -> ParsedMessage:
        """What Gmail adds to an upload that lacks it: From, Date, Message-ID."""
        missing: dict[str, str] = {}
        if parsed.header("From") is None:
            missing["From"] = sender_header
        if parsed.header("Date") is None:
            missing["Date"] = format_datetime(at)
        if parsed.message_id is None:
            missing["Message-ID"] = keep_message_id or self._new_message_id_header()
        return parse_message(set_headers(raw, missing)) if missing else parsed

    def _new_message_id_header(self) -> str:
        return f"<CA+emu{self._ids.message_id()}@mail.gmail.com>"

    def _in_reply_to_id(self, parsed: ParsedMessage) -> str | None:
        for header in parsed.in_reply_to:
            target = self._by_header.get(header)
            if target is not None:
                return target
        return None

    def deliver(self, parsed: ParsedMessage, at: datetime, thread_id: str | None) -> StoredMessage:
        thread = thread_id or self._thread_for(parsed, None)
        return self._add(parsed, {"INBOX", "UNREAD"}, at, thread)

    def send_new(self, raw: bytes, parsed: ParsedMessage, sender_header: str, at: datetime,
                 requested_thread: str | None, by: Literal["owner", "service"]) -> StoredMessage:
        parsed = self._filled_in(raw, parsed, sender_header, at)
        message = self._add(parsed, {"SENT"}, at, self._thread_for(parsed, requested_thread))
        self.sent.append(SentRecord(message_id=message.id, thread_id=message.thread_id,
                                    to=parsed.to, subject=parsed.subject, sent_at=at, by=by))
        return message

    # -- drafts -----------------------------------------------------------------------------

    def draft(self, draft_id: str) -> DraftEntry:
        entry = self.drafts.get(draft_id)
        if entry is None or entry.fate != "open":
            raise UnknownItem(draft_id)
        return entry

    def open_drafts(self) -> list[DraftEntry]:
        return [entry for entry in self.drafts.values() if entry.fate == "open"]

    def create_draft(self, raw: bytes, parsed: ParsedMessage, sender_header: str, at: datetime,
                     requested_thread: str | None, by: Literal["owner", "service"]
                     ) -> DraftEntry:
        parsed = self._filled_in(raw, parsed, sender_header, at)
        thread = self._thread_for(parsed, requested_thread)
        draft_id = self._ids.draft_id()
        message = self._add(parsed, {"DRAFT"}, at, thread, draft_id=draft_id)
        entry = DraftEntry(id=draft_id, message_id=message.id, thread_id=message.thread_id,
                           content=parsed, created_at=at, created_by=by,
                           in_reply_to_message_id=self._in_reply_to_id(parsed),
                           mark=parsed.message_id)
        self.drafts[draft_id] = entry
        return entry

    def update_draft(self, draft_id: str, raw: bytes, parsed: ParsedMessage, sender_header: str,
                     at: datetime, requested_thread: str | None) -> DraftEntry:
        entry = self.draft(draft_id)
        old = self.messages[entry.message_id]
        parsed = self._filled_in(raw, parsed, sender_header, at,
                                 keep_message_id=old.parsed.message_id)
        thread = self._thread_for(parsed, requested_thread)
        if thread is None and requested_thread is None:
            thread = old.thread_id  # an update without threading keeps the draft's thread
        self._remove(old.id, at)
        message = self._add(parsed, {"DRAFT"}, at, thread, draft_id=draft_id)
        entry.message_id = message.id
        entry.thread_id = message.thread_id
        entry.content = parsed
        entry.updated_at.append(at)
        entry.in_reply_to_message_id = self._in_reply_to_id(parsed)
        return entry

    def delete_draft(self, draft_id: str, at: datetime, by: Literal["owner", "service"]) -> None:
        entry = self.draft(draft_id)
        self._remove(entry.message_id, at)
        entry.fate, entry.fate_at, entry.deleted_by = "deleted", at, by

    def edit_draft(self, draft_id: str, raw: bytes, at: datetime) -> DraftEntry:
        """The owner edits the draft in Gmail's editor (web or phone): a new message id and
        Message-ID, unknown headers gone; a new subject starts a thread of its own
        (googleapis report: taylorwilsdon/google_workspace_mcp#920)."""
        entry = self.draft(draft_id)
        old = self.messages[entry.message_id]
        edited = parse_message(strip_unknown_headers(set_headers(
            raw, {"Message-ID": self._new_message_id_header(), "Date": format_datetime(at)})))
        same_subject = normalized_subject(edited.subject) == normalized_subject(
            old.parsed.subject)
        self._remove(old.id, at)
        message = self._add(edited, {"DRAFT"}, at, old.thread_id if same_subject else None,
                            draft_id=draft_id)
        entry.message_id, entry.thread_id, entry.content = message.id, message.thread_id, edited
        entry.updated_at.append(at)
        return entry

    def send_draft(self, draft_id: str, at: datetime, by: Literal["owner", "service"]
                   ) -> StoredMessage:
        entry = self.draft(draft_id)
        draft = self.messages[entry.message_id]
        if not (draft.parsed.to or draft.parsed.cc or draft.parsed.bcc):
            raise InvalidState("Invalid To header")
        # The draft goes; a new message with Gmail's own id, Message-ID and send time takes
        # its place in the thread, without the headers Gmail does not know.
        sent = parse_message(strip_unknown_headers(set_headers(
            draft.parsed.raw,
            {"Date": format_datetime(at), "Message-ID": self._new_message_id_header()})))
        thread_id = draft.thread_id
        self._remove(draft.id, at)
        message = self._add(sent, {"SENT"}, at, thread_id)
        entry.fate, entry.fate_at = "sent", at
        entry.content = message.parsed
        self.sent.append(SentRecord(message_id=message.id, thread_id=message.thread_id,
                                    to=message.parsed.to, subject=message.parsed.subject,
                                    sent_at=at, by=by, from_draft_id=draft_id))
        return message

    # -- counts -----------------------------------------------------------------------------

    def totals(self) -> tuple[int, int]:
        return len(self.messages), len(self.threads)
