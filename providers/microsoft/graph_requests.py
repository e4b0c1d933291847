"""What the adapter sends to Graph: relative request paths (usable alone or inside a JSON
``$batch``), draft payloads, and the mail cursor. Pure functions, no I/O."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

from providers.interface import SyncWindow
from providers.model import DraftMark, DraftRequest, Person

# Headers only: the adapter never reads bodies during sync. Graph has no property for
# In-Reply-To and References: they come from internetMessageHeaders (received mail only).
MESSAGE_FIELDS = (
    "from",
    "toRecipients",
    "ccRecipients",
    "subject",
    "receivedDateTime",
    "sentDateTime",
    "conversationId",
    "internetMessageId",
    "internetMessageHeaders",
)
DRAFT_FIELDS = ("subject", "body", "isDraft", "parentFolderId", "conversationId",
                "toRecipients", "ccRecipients", "bccRecipients")
MAIL_FOLDERS: dict[str, str] = {"inbox": "inbox", "sent": "sentitems"}  # our name -> Graph's
DEFAULT_PAGE_SIZE = 200
TEXT_BODY_PREFER = 'outlook.body-content-type="text"'
# On every request, batch items too: an Outlook item id otherwise changes when the item
# moves to another folder (https://learn.microsoft.com/en-us/graph/outlook-immutable-id).
IMMUTABLE_IDS = 'IdType="ImmutableId"'


def with_immutable_ids(prefer: str | None) -> str:
    """The ``Prefer`` header value asking for immutable ids besides ``prefer``."""
    return IMMUTABLE_IDS if not prefer else f"{IMMUTABLE_IDS}, {prefer}"


def calendar_prefer(page_size: int) -> str:
    # Graph writes event times in the zone the Prefer header names; UTC keeps parsing simple.
    return f'outlook.timezone="UTC", odata.maxpagesize={page_size}'


def mail_prefer(page_size: int) -> str:
    return f"odata.maxpagesize={page_size}"


def path(resource: str, params: Mapping[str, str] | None = None) -> str:
    """A path relative to the Graph root, its query percent-encoded for a batch request."""
    if not params:
        return resource
    query = urlencode(dict(params), quote_via=quote, safe="$,()'")
    return f"{resource}?{query}"


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def calendar_delta_path(window: SyncWindow) -> str:
    return path(
        "/me/calendarView/delta",
        {"startDateTime": _instant(window.start), "endDateTime": _instant(window.end)},
    )


def folder_delta_path(folder: str, since: datetime) -> str:
    """The first request of a message delta on one well-known folder (``inbox``/``sent``).
    No ``$expand``: Graph answers it with HTTP 500 on a delta (microsoft-graph-docs#2270)."""
    return path(
        f"/me/mailFolders/{MAIL_FOLDERS[folder]}/messages/delta",
        {
            "$select": ",".join(MESSAGE_FIELDS),
            "$filter": f"receivedDateTime ge {_instant(since)}",
        },
    )


def mark_filter(mark_property_id: str, mark: DraftMark) -> str:
    return (
        "singleValueExtendedProperties/Any(ep: ep/id eq "
        f"'{_odata_string(mark_property_id)}' and ep/value eq "
        f"'{_odata_string(mark.key)}')"
    )


def marked_in_folder_path(
    folder: str, mark_property_id: str, mark: DraftMark, fields: tuple[str, ...]
) -> str:
    """Messages of a well-known folder carrying exactly this mark (an ``eq`` filter on the
    single-value extended property, as Graph documents)."""
    return path(
        f"/me/mailFolders/{folder}/messages",
        {
            "$filter": mark_filter(mark_property_id, mark),
            "$select": ",".join(fields),
            "$top": "10",
        },
    )


def message_path(message_id: str, fields: tuple[str, ...]) -> str:
    return path(f"/me/messages/{quote(message_id, safe='')}", {"$select": ",".join(fields)})


def conversation_path(conversation_id: str, fields: tuple[str, ...]) -> str:
    """Messages of one conversation, in every folder."""
    return path(
        "/me/messages",
        {
            "$filter": f"conversationId eq '{_odata_string(conversation_id)}'",
            "$select": ",".join(fields),
            "$top": "50",
        },
    )


def received_since_path(since: datetime, fields: tuple[str, ...], page_size: int) -> str:
    """Every message received since a moment, in every folder of the mailbox."""
    return path(
        "/me/messages",
        {
            "$filter": f"receivedDateTime ge {_instant(since)}",
            "$orderby": "receivedDateTime desc",
            "$select": ",".join(fields),
            "$top": str(page_size),
        },
    )


def sent_since_path(since: datetime, fields: tuple[str, ...]) -> str:
    """The Sent Items messages sent since a moment, oldest first."""
    return path(
        "/me/mailFolders/sentitems/messages",
        {
            "$filter": f"sentDateTime ge {_instant(since)}",
            "$orderby": "sentDateTime asc",
            "$select": ",".join(fields),
            "$top": "50",
        },
    )


def _odata_string(value: str) -> str:
    """Inside an OData string literal a quote is written twice."""
    return value.replace("'", "''")


def _recipient(person: Person) -> dict[str, Any]:
    address: dict[str, str] = {"address": person.email}
    if person.name:
        address["name"] = person.name
    return {"emailAddress": address}


def draft_message(request: DraftRequest, mark_property_id: str) -> dict[str, Any]:
    """The message resource of a new draft (or the ``message`` of a createReply): plain text
    body, the mark as a single-value extended property only (no header travels with it)."""
    message: dict[str, Any] = {
        "subject": request.subject,
        "body": {"contentType": "Text", "content": request.body},
        "toRecipients": [_recipient(request.to)],
        "singleValueExtendedProperties": [{"id": mark_property_id,
                                           "value": request.mark.key}],
    }
    if request.sender is not None:
        message["from"] = _recipient(request.sender)
    return message


def draft_update(subject: str, body: str) -> dict[str, Any]:
    return {"subject": subject, "body": {"contentType": "Text", "content": body}}


# --- the calendar cursor ------------------------------------------------------------------


def encode_calendar_cursor(delta_link: str, window: SyncWindow) -> str:
    """A calendarView delta link with the window it was started on: the window is fixed for
    the life of the link, so the adapter must know when to start a new one."""
    return json.dumps({"v": 2, "link": delta_link, "start": _instant(window.start),
                       "end": _instant(window.end)}, separators=(",", ":"), sort_keys=True)


def decode_calendar_cursor(cursor: str | None) -> tuple[str, SyncWindow | None] | None:
    """(delta link, its window) of a calendar cursor; a bare link (an older cursor) has no
    known window; None when absent or unreadable."""
    if not cursor:
        return None
    if not cursor.lstrip().startswith("{"):
        return cursor, None
    try:
        raw = json.loads(cursor)
        link, start, end = raw["link"], raw["start"], raw["end"]
        window = SyncWindow(datetime.fromisoformat(start.replace("Z", "+00:00")),
                            datetime.fromisoformat(end.replace("Z", "+00:00")))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if raw.get("v") != 2 or not isinstance(link, str) or not link:
        return None
    return link, window


def event_path(event_id: str) -> str:
    return f"/me/events/{quote(event_id, safe='')}"


# --- the mail cursor ----------------------------------------------------------------------


def encode_mail_cursor(links: Mapping[str, str]) -> str:
    """Both folders' delta links in one opaque string."""
    return json.dumps({"v": 1, **{folder: links[folder] for folder in MAIL_FOLDERS}},
                      separators=(",", ":"), sort_keys=True)


def decode_mail_cursor(cursor: str | None) -> dict[str, str] | None:
    """The delta links of a mail cursor, or None when it is absent or unreadable."""
    if not cursor:
        return None
    try:
        raw = json.loads(cursor)
    except ValueError:
        return None
    if not isinstance(raw, dict) or raw.get("v") != 1:
        return None
    links = {folder: raw.get(folder) for folder in MAIL_FOLDERS}
    if not all(isinstance(link, str) and link for link in links.values()):
        return None
    return {folder: str(link) for folder, link in links.items()}


def relative_to_root(url: str, graph_base: str) -> str | None:
    """``https://graph.../v1.0/me/...`` -> ``/me/...``; None for a URL elsewhere (the bearer
    token is never sent outside the configured Graph root)."""
    if url.startswith("/"):
        return url
    prefix = graph_base.rstrip("/") + "/"
    if url.startswith(prefix):
        return "/" + url[len(prefix):]
    return None
