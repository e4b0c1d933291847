"""Microsoft Graph v1.0 mail JSON -> provider-neutral values: messages, delta pages, JSON
batch responses and error bodies.

Pure functions over decoded JSON, no I/O. Mail is written by strangers too: a malformed
message becomes a :class:`SkippedItem` (one line, logged), never a crash.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from providers.html_text import clean_text, description_text, html_to_text, one_line
from providers.microsoft.calendar_json import GraphEventError, graph_person, zone_named
from providers.model import Folder, Identity, MailMessage, Person, SkippedItem
from providers.parsing import item_id

log = logging.getLogger(__name__)

_MAX_ID_CHARS = 1_024
_MAX_RECIPIENTS = 500
_FRACTION = re.compile(r"(\.\d{1,6})\d*")
_MAX_HEADERS = 200
_MAX_HEADER_CHARS = 10_000
_MAX_REFERENCES = 100
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,998}>")


class GraphShapeError(ValueError):
    """Graph JSON that is not what the API documents; the message is one line."""


# --- messages -----------------------------------------------------------------------------


def parse_message(item: Any, folder: Folder) -> MailMessage:
    """One Graph ``message`` resource (headers, and the body when it was selected)."""
    if not isinstance(item, Mapping):
        raise GraphShapeError(f"a message must be a JSON object, not {type(item).__name__}")
    message_id = item_id(item)
    if message_id is None:
        raise GraphShapeError("message has no id")
    date = _instant(item.get("sentDateTime")) if folder == "sent" else None
    date = date or _instant(item.get("receivedDateTime")) or _instant(item.get("sentDateTime"))
    if date is None:
        raise GraphShapeError("message has no date")
    conversation = item.get("conversationId")
    thread_id = (
        conversation.strip()[:_MAX_ID_CHARS]
        if isinstance(conversation, str) and conversation.strip()
        else message_id
    )
    internet_id = item.get("internetMessageId")
    body = message_body_text(item) if isinstance(item.get("body"), Mapping) else None
    headers = _headers(item.get("internetMessageHeaders"))
    in_reply_to = _message_ids(headers.get("in-reply-to", ""))
    return MailMessage(
        id=message_id,
        thread_id=thread_id,
        folder=folder,
        sender=graph_person(item.get("from")),
        to=_people(item.get("toRecipients")),
        cc=_people(item.get("ccRecipients")),
        date=date,
        subject=one_line(_text(item.get("subject"))),
        message_id_header=_message_id_header(internet_id),
        in_reply_to=in_reply_to[0] if in_reply_to else None,
        references=_message_ids(headers.get("references", "")),
        body_text=body,
    )


@dataclass(frozen=True)
class MessageChanges:
    messages: list[MailMessage]
    removed_ids: list[str]
    skipped: list[SkippedItem]


def parse_message_changes(items: Iterable[Any], folder: Folder) -> MessageChanges:
    """Delta items of one mail folder: messages, ``@removed`` stubs, and what did not parse."""
    messages: list[MailMessage] = []
    removed: list[str] = []
    skipped: list[SkippedItem] = []
    for item in items:
        if isinstance(item, Mapping) and "@removed" in item:
            gone = item_id(item)
            if gone is not None:
                removed.append(gone)
            continue
        if _changed_properties_only(item):
            # An update of a message delivered in an earlier round (isRead, flags): the
            # facts the service keeps (sender, date, thread) do not change.
            continue
        try:
            messages.append(parse_message(item, folder))
        except GraphShapeError as exc:
            bad_id = item_id(item)
            log.warning("skipped %s message %s: %s", folder, bad_id or "(no id)", exc)
            skipped.append(SkippedItem(id=bad_id, error=str(exc)))
    return MessageChanges(messages=messages, removed_ids=removed, skipped=skipped)


_IDENTITY_FIELDS = ("receivedDateTime", "sentDateTime", "from", "subject", "conversationId")


def _changed_properties_only(item: Any) -> bool:
    """A delta item with its id and some changed properties, not the message: "updated
    instances are represented by their id with at least the properties that have been
    updated" (https://learn.microsoft.com/en-us/graph/delta-query-overview)."""
    return (isinstance(item, Mapping) and item_id(item) is not None
            and not any(name in item for name in _IDENTITY_FIELDS))


def message_body_text(item: Any) -> str:
    """The plain text of a message's ``body`` (Graph sends HTML unless asked for text)."""
    if not isinstance(item, Mapping):
        return ""
    body = item.get("body")
    if not isinstance(body, Mapping):
        return ""
    content = _text(body.get("content"))
    content_type = body.get("contentType")
    if isinstance(content_type, str) and content_type.lower() == "html":
        return html_to_text(content)
    if isinstance(content_type, str) and content_type.lower() == "text":
        return clean_text(content)
    return description_text(content)


def recipient_addresses(item: Any) -> tuple[str, ...]:
    """Every address a message goes to (to, cc, bcc), lower-cased, once each."""
    if not isinstance(item, Mapping):
        return ()
    people = [*_people(item.get("toRecipients")), *_people(item.get("ccRecipients")),
              *_people(item.get("bccRecipients"))]
    return tuple(dict.fromkeys(person.email for person in people))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _people(raw: Any) -> tuple[Person, ...]:
    if not isinstance(raw, list):
        return ()
    people: list[Person] = []
    seen: set[str] = set()
    for entry in raw[:_MAX_RECIPIENTS]:
        person = graph_person(entry)
        if person is not None and person.email not in seen:
            seen.add(person.email)
            people.append(person)
    return tuple(people)


def _headers(raw: Any) -> dict[str, str]:
    """``internetMessageHeaders`` -> {lower-cased name: value}, the first of each name."""
    headers: dict[str, str] = {}
    if not isinstance(raw, list):
        return headers
    for entry in raw[:_MAX_HEADERS]:
        if not isinstance(entry, Mapping):
            continue
        name, value = entry.get("name"), entry.get("value")
        if isinstance(name, str) and isinstance(value, str):
            headers.setdefault(name.strip().lower(), value[:_MAX_HEADER_CHARS])
    return headers


def _message_ids(value: str) -> tuple[str, ...]:
    """The ``<...>`` message ids in an In-Reply-To or References header."""
    return tuple(_MESSAGE_ID.findall(value))[:_MAX_REFERENCES]


def _message_id_header(raw: Any) -> str | None:
    if not isinstance(raw, str):
        return None
    value = one_line(raw, 998)
    if not value:
        return None
    return value if value.startswith("<") else f"<{value.strip('<>')}>"


def _instant(raw: Any) -> datetime | None:
    if not isinstance(raw, str) or not raw.strip():
        return None
    try:
        moment = datetime.fromisoformat(_FRACTION.sub(r"\1", raw.strip()[:64], count=1))
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- collections and delta pages ----------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One page of a Graph collection or delta query."""

    items: list[Any]
    next_link: str | None
    delta_link: str | None


def parse_page(body: Any) -> Page:
    if not isinstance(body, Mapping):
        raise GraphShapeError("a collection page must be a JSON object")
    items = body.get("value", [])
    if not isinstance(items, list):
        raise GraphShapeError("a collection page's value must be a list")
    next_link = body.get("@odata.nextLink")
    delta_link = body.get("@odata.deltaLink")
    return Page(
        items=items,
        next_link=next_link if isinstance(next_link, str) and next_link else None,
        delta_link=delta_link if isinstance(delta_link, str) and delta_link else None,
    )


# --- JSON batching ------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchReply:
    """One response inside a ``$batch`` answer."""

    id: str
    status: int
    headers: dict[str, str]  # names lower-cased
    body: Any


def parse_batch(body: Any) -> dict[str, BatchReply]:
    """The ``responses`` of a JSON batch, by request id (the order is not guaranteed)."""
    if not isinstance(body, Mapping) or not isinstance(body.get("responses"), list):
        raise GraphShapeError("a batch answer must be an object with a responses list")
    replies: dict[str, BatchReply] = {}
    for entry in body["responses"]:
        if not isinstance(entry, Mapping):
            raise GraphShapeError("a batch response must be a JSON object")
        reply_id, status = entry.get("id"), entry.get("status")
        if not isinstance(reply_id, str) or not isinstance(status, int) or isinstance(
            status, bool
        ):
            raise GraphShapeError("a batch response needs a string id and an integer status")
        raw_headers = entry.get("headers")
        headers = (
            {str(k).lower(): str(v) for k, v in raw_headers.items()}
            if isinstance(raw_headers, Mapping)
            else {}
        )
        replies[reply_id] = BatchReply(
            id=reply_id, status=status, headers=headers, body=entry.get("body")
        )
    return replies


# --- errors -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GraphErrorInfo:
    code: str  # Graph's error code ("SyncStateNotFound", "ErrorItemNotFound", ...) or ""
    message: str  # one line


def parse_error(body: Any) -> GraphErrorInfo:
    """``{"error": {"code", "message"}}``, tolerating anything else."""
    if isinstance(body, Mapping):
        error = body.get("error")
        if isinstance(error, Mapping):
            return GraphErrorInfo(
                code=one_line(_text(error.get("code")), 100),
                message=one_line(_text(error.get("message")), 300),
            )
        if isinstance(error, str):  # OAuth-style bodies
            return GraphErrorInfo(code=one_line(error, 100), message="")
    return GraphErrorInfo(code="", message="")


# --- identity -----------------------------------------------------------------------------


def parse_identity(me: Any, mailbox_settings: Any) -> Identity:
    """``/me`` and ``/me/mailboxSettings`` -> Identity (time zone as an IANA name; a Windows
    name is mapped, an unknown one becomes UTC)."""
    if not isinstance(me, Mapping):
        raise GraphShapeError("/me must be a JSON object")
    email_raw = me.get("mail") or me.get("userPrincipalName")
    if not isinstance(email_raw, str) or "@" not in email_raw:
        raise GraphShapeError("/me has no mail address")
    name_raw = me.get("displayName")
    name = one_line(name_raw, 200) if isinstance(name_raw, str) else ""
    zone_raw = (
        mailbox_settings.get("timeZone") if isinstance(mailbox_settings, Mapping) else None
    )
    timezone = "UTC"
    if isinstance(zone_raw, str) and zone_raw.strip():
        try:
            timezone = zone_named(zone_raw).key
        except GraphEventError:
            log.warning("unknown mailbox time zone %r: using UTC", one_line(zone_raw, 64))
    return Identity(email=one_line(email_raw, 320).lower(), name=name or None, timezone=timezone)
