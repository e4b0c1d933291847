"""Gmail API v1 JSON (Message, Draft, History resources) -> provider-neutral values.

Pure functions over decoded JSON: no I/O. Headers are written by whoever sent the mail, so
everything here tolerates junk: a message that cannot be read at all becomes a
:class:`GmailMessageError` with a one-line message (and a SkippedItem upstream), never a crash.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from providers.html_text import clean_text, html_to_text, one_line
from providers.mime import valid_message_id
from providers.model import Folder, MailMessage, Person, SkippedItem
from providers.parsing import item_id, parse_each

log = logging.getLogger(__name__)

# What ``messages.get(format="metadata")`` is asked for: all the service reads of a message.
METADATA_HEADERS: tuple[str, ...] = (
    "From", "To", "Cc", "Bcc", "Date", "Subject", "Message-ID", "In-Reply-To", "References",
)
# The labels whose new messages sync reports; drafts are followed through draft_states.
WATCHED_LABELS: frozenset[str] = frozenset({"INBOX", "SENT"})

_MAX_RECIPIENTS = 100
_MAX_ID_CHARS = 256
_MAX_HEADER_CHARS = 10_000
_MAX_REFERENCES = 50
_MAX_PART_DEPTH = 20


class GmailMessageError(ValueError):
    """A Gmail item that cannot become a MailMessage; the message is one line."""


def folder_of(label_ids: Iterable[Any]) -> Folder:
    labels = {label for label in label_ids if isinstance(label, str)}
    if "DRAFT" in labels:
        return "drafts"
    if "SENT" in labels:
        return "sent"
    if "INBOX" in labels:
        return "inbox"
    return "other"


def label_ids(item: Any) -> frozenset[str]:
    raw = item.get("labelIds") if isinstance(item, Mapping) else None
    if not isinstance(raw, list):
        return frozenset()
    return frozenset(label for label in raw if isinstance(label, str))


def decode_words(raw: str) -> str:
    """RFC 2047 encoded words decoded (Gmail passes header values through as written);
    undecodable input is kept as it is rather than failing."""
    if "=?" not in raw:
        return raw
    try:
        return str(make_header(decode_header(raw)))
    except (ValueError, LookupError, UnicodeError, binascii.Error):
        return raw


def headers_of(payload: Any) -> dict[str, str]:
    """The first value of each header, by lower-cased name."""
    headers: dict[str, str] = {}
    raw = payload.get("headers") if isinstance(payload, Mapping) else None
    if not isinstance(raw, list):
        return headers
    for entry in raw:
        if not isinstance(entry, Mapping):
            continue
        name, value = entry.get("name"), entry.get("value")
        if isinstance(name, str) and isinstance(value, str):
            headers.setdefault(name.strip().lower(), value[:_MAX_HEADER_CHARS])
    return headers


def parse_addresses(raw: str | None) -> tuple[Person, ...]:
    """An address-list header (``To``, ``Cc``, ``From``): display names with commas and
    encoded words are fine; entries without a usable address are left out."""
    if not raw:
        return ()
    people: list[Person] = []
    seen: set[str] = set()
    # Split before decoding: an encoded word may hide a comma ("=?utf-8?q?Doe=2C_Jane?=").
    for name, address in getaddresses([raw.replace("\r", " ").replace("\n", " ")]):
        email = one_line(address, 320).lower()
        if "@" not in email or email.startswith("@") or email.endswith("@") or email in seen:
            continue
        seen.add(email)
        display = one_line(decode_words(name), 200) if name else ""
        people.append(Person(email=email, name=display or None))
        if len(people) >= _MAX_RECIPIENTS:
            break
    return tuple(people)


def _message_ids(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    found: list[str] = []
    for token in raw.replace(">", "> ").split():
        checked = valid_message_id(token)
        if checked is not None and checked not in found:
            found.append(checked)
    return tuple(found[-_MAX_REFERENCES:])


def _message_date(item: Mapping[str, Any], headers: Mapping[str, str]) -> datetime:
    internal = item.get("internalDate")
    if isinstance(internal, (str, int)) and not isinstance(internal, bool):
        try:
            return datetime.fromtimestamp(int(internal) / 1000, tz=UTC)
        except (ValueError, OverflowError, OSError):
            pass
    raw = headers.get("date")
    if raw:
        try:
            moment = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            moment = None
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    raise GmailMessageError("message has neither internalDate nor a readable Date header")


def _required_id(item: Mapping[str, Any], field: str) -> str:
    raw = item.get(field)
    if not isinstance(raw, str) or not raw.strip():
        raise GmailMessageError(f"message has no {field}")
    return raw.strip()[:_MAX_ID_CHARS]


def parse_message(item: Any, *, with_body: bool = False) -> MailMessage:
    """A Message resource (format ``metadata`` or ``full``); ``with_body`` also reads the
    plain-text body of a ``full`` one."""
    if not isinstance(item, Mapping):
        raise GmailMessageError(f"a message must be a JSON object, not {type(item).__name__}")
    message_id = _required_id(item, "id")
    thread_id = _required_id(item, "threadId")
    payload = item.get("payload")
    headers = headers_of(payload)
    senders = parse_addresses(headers.get("from"))
    return MailMessage(
        id=message_id,
        thread_id=thread_id,
        folder=folder_of(label_ids(item)),
        sender=senders[0] if senders else None,
        to=parse_addresses(headers.get("to")),
        cc=parse_addresses(headers.get("cc")),
        date=_message_date(item, headers),
        subject=one_line(decode_words(headers.get("subject", ""))),
        message_id_header=valid_message_id(headers.get("message-id")),
        in_reply_to=next(iter(_message_ids(headers.get("in-reply-to"))), None),
        references=_message_ids(headers.get("references")),
        body_text=body_text(payload) if with_body else None,
    )


def parse_messages(items: Iterable[Any]) -> tuple[list[MailMessage], list[SkippedItem]]:
    return parse_each(items, parse_message, GmailMessageError, "message")


# --- bodies (format=full) -------------------------------------------------------------------


def _decode_data(data: Any) -> bytes:
    if not isinstance(data, str) or not data:
        return b""
    try:
        return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    except (binascii.Error, ValueError):
        return b""


def _charset(part: Mapping[str, Any]) -> str:
    content_type = headers_of(part).get("content-type", "")
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"') or "utf-8"
    return "utf-8"


def _part_text(part: Mapping[str, Any]) -> str:
    body = part.get("body")
    raw = _decode_data(body.get("data") if isinstance(body, Mapping) else None)
    try:
        return raw.decode(_charset(part), errors="replace")
    except LookupError:  # an unknown charset name
        return raw.decode("utf-8", errors="replace")


def _is_attachment(part: Mapping[str, Any]) -> bool:
    if isinstance(part.get("filename"), str) and part["filename"]:
        return True
    disposition = headers_of(part).get("content-disposition", "")
    return disposition.strip().lower().startswith("attachment")


def _text_parts(payload: Any, depth: int = 0) -> tuple[list[str], list[str]]:
    """(text/plain parts, text/html parts) in document order, attachments left out."""
    plain: list[str] = []
    html: list[str] = []
    if not isinstance(payload, Mapping) or depth > _MAX_PART_DEPTH or _is_attachment(payload):
        return plain, html
    mime_type = str(payload.get("mimeType") or "").lower()
    parts = payload.get("parts")
    if isinstance(parts, list) and parts:
        for part in parts:
            sub_plain, sub_html = _text_parts(part, depth + 1)
            plain.extend(sub_plain)
            html.extend(sub_html)
    elif mime_type == "text/plain":
        plain.append(_part_text(payload))
    elif mime_type == "text/html":
        html.append(_part_text(payload))
    return plain, html


def body_text(payload: Any) -> str:
    """The plain-text body of a ``full`` message: its text/plain parts, else its text/html
    parts as text. Line ends are ``\\n``; empty when there is no text at all."""
    plain, html = _text_parts(payload)
    if any(text.strip() for text in plain):
        return clean_text("\n".join(plain))
    return html_to_text("\n".join(html)) if html else ""


def draft_body_text(payload: Any) -> str:
    """A draft's body as the owner last left it, for comparison with what was written:
    only line ends are normalised and trailing white space dropped."""
    plain, html = _text_parts(payload)
    if plain:
        text = "\n".join(plain)
    elif html:
        return html_to_text("\n".join(html))
    else:
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip()


# --- drafts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftEntry:
    """A Draft resource: its id and its message (as far as the response carried it)."""

    draft_id: str
    message_id: str
    thread_id: str | None
    message: Mapping[str, Any]


def parse_draft(item: Any) -> DraftEntry:
    if not isinstance(item, Mapping):
        raise GmailMessageError("a draft must be a JSON object")
    draft_id = _required_id(item, "id")
    message = item.get("message")
    if not isinstance(message, Mapping):
        raise GmailMessageError("draft has no message")
    message_id = _required_id(message, "id")
    thread = message.get("threadId")
    return DraftEntry(
        draft_id=draft_id,
        message_id=message_id,
        thread_id=thread if isinstance(thread, str) and thread else None,
        message=message,
    )


def draft_list(response: Any) -> list[DraftEntry]:
    """``drafts.list``: the drafts it names (malformed entries are left out)."""
    raw = response.get("drafts") if isinstance(response, Mapping) else None
    entries: list[DraftEntry] = []
    for item in raw if isinstance(raw, list) else []:
        try:
            entries.append(parse_draft(item))
        except GmailMessageError as exc:
            log.warning("ignored a draft list entry: %s", exc)
    return entries


def thread_messages(response: Any) -> list[MailMessage]:
    """``threads.get``: the messages of the thread that parse (drafts among them)."""
    raw = response.get("messages") if isinstance(response, Mapping) else None
    messages, _ = parse_messages(raw if isinstance(raw, list) else [])
    return messages


def message_refs(response: Any) -> list[tuple[str, str | None]]:
    """``messages.list``: (message id, thread id) of each entry."""
    raw = response.get("messages") if isinstance(response, Mapping) else None
    refs: list[tuple[str, str | None]] = []
    for item in raw if isinstance(raw, list) else []:
        identifier = item_id(item)
        if identifier is None:
            continue
        thread = item.get("threadId")
        refs.append((identifier, thread if isinstance(thread, str) and thread else None))
    return refs


# --- history --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryPage:
    """One ``history.list`` page boiled down: which messages to read, which are gone."""

    changed_ids: list[str]  # in the order they first changed, each once
    deleted_ids: list[str]
    history_id: str | None  # the mailbox's current historyId (the next cursor)
    next_page_token: str | None
    drafts_changed: bool = False  # a draft was added or removed (an edit, a send, a delete)


def _record_message(entry: Any) -> tuple[str | None, frozenset[str]]:
    message = entry.get("message") if isinstance(entry, Mapping) else None
    return item_id(message), label_ids(message)


def parse_history_page(response: Any) -> HistoryPage:
    """A message is "changed" when it was added with, or later given, the INBOX or SENT
    label and is not a draft; deletions cancel earlier changes of the same message."""
    if not isinstance(response, Mapping):
        raise GmailMessageError("a history page must be a JSON object")
    changed: dict[str, None] = {}
    deleted: dict[str, None] = {}
    drafts = False
    records = response.get("history")
    for record in records if isinstance(records, list) else []:
        if not isinstance(record, Mapping):
            continue
        for name in ("messagesAdded", "messagesDeleted"):
            drafts = drafts or any("DRAFT" in _record_message(entry)[1]
                                   for entry in _entries(record, name))
        for entry in _entries(record, "messagesAdded"):
            identifier, labels = _record_message(entry)
            if identifier and labels & WATCHED_LABELS and "DRAFT" not in labels:
                changed[identifier] = None
                deleted.pop(identifier, None)
        for entry in _entries(record, "labelsAdded"):
            identifier, labels = _record_message(entry)
            added = label_ids(entry)
            if identifier and added & WATCHED_LABELS and "DRAFT" not in labels:
                changed[identifier] = None
                deleted.pop(identifier, None)
        for entry in _entries(record, "messagesDeleted"):
            identifier, _ = _record_message(entry)
            if identifier:
                deleted[identifier] = None
                changed.pop(identifier, None)
    history_id = response.get("historyId")
    token = response.get("nextPageToken")
    return HistoryPage(
        changed_ids=list(changed),
        deleted_ids=list(deleted),
        history_id=str(history_id) if isinstance(history_id, (str, int)) else None,
        next_page_token=token if isinstance(token, str) and token else None,
        drafts_changed=drafts,
    )


@dataclass(frozen=True)
class HistoryEvent:
    """One message added or deleted, in the order Gmail's history log has it."""

    kind: str  # "added" | "deleted"
    message_id: str
    thread_id: str
    labels: frozenset[str]


def history_events(response: Any) -> tuple[list[HistoryEvent], str | None]:
    """``history.list``: the page's messageAdded/messageDeleted events in log order, and
    the next page token."""
    if not isinstance(response, Mapping):
        raise GmailMessageError("a history page must be a JSON object")
    events: list[HistoryEvent] = []
    records = response.get("history")
    for record in records if isinstance(records, list) else []:
        if not isinstance(record, Mapping):
            continue
        for name, kind in (("messagesAdded", "added"), ("messagesDeleted", "deleted")):
            for entry in _entries(record, name):
                message = entry.get("message") if isinstance(entry, Mapping) else None
                identifier = item_id(message)
                thread = message.get("threadId") if isinstance(message, Mapping) else None
                if identifier:
                    events.append(HistoryEvent(kind, identifier,
                                               thread if isinstance(thread, str) else "",
                                               label_ids(message)))
    token = response.get("nextPageToken")
    return events, token if isinstance(token, str) and token else None


def _entries(record: Mapping[str, Any], name: str) -> Sequence[Any]:
    raw = record.get(name)
    return raw if isinstance(raw, list) else ()


def profile_history_id(response: Any) -> str:
    """``users.getProfile``: the mailbox's current historyId."""
    raw = response.get("historyId") if isinstance(response, Mapping) else None
    if isinstance(raw, (str, int)) and not isinstance(raw, bool) and str(raw).strip():
        return str(raw).strip()
    raise GmailMessageError("profile has no historyId")
