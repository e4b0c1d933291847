"""The emulator's mailbox items rendered as Microsoft Graph v1.0 resources (JSON)."""

from __future__ import annotations

import hashlib
import html
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from providers.emulator.control import AttendeeSpec
from providers.emulator.microsoft.store import (
    FOLDER_DISPLAY_NAMES,
    BodyType,
    FolderName,
    Mailbox,
    Recipient,
    StoredEvent,
    StoredMessage,
    change_key,
)
from providers.emulator.microsoft.timezones import windows_name
from providers.html_text import html_to_text

JsonObject = dict[str, Any]

NO_RESPONSE_TIME = "0001-01-01T00:00:00Z"
PREVIEW_CHARS = 255

# Properties Graph returns only when $select names them.
SELECT_ONLY_MESSAGE_PROPERTIES = frozenset({"internetMessageHeaders", "uniqueBody"})


def graph_instant(moment: datetime) -> str:
    """Message timestamps: ``2026-08-20T17:30:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def graph_precise_instant(moment: datetime) -> str:
    """Event timestamps: ``2026-08-20T17:30:00.1234567Z``."""
    utc = moment.astimezone(UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond * 10:07d}Z"


def graph_local_time(moment: datetime, zone: ZoneInfo, label: str) -> JsonObject:
    """A dateTimeTimeZone: wall time in ``zone``, no offset, seven fraction digits."""
    local = moment.astimezone(zone)
    return {
        "dateTime": f"{local:%Y-%m-%dT%H:%M:%S}.{local.microsecond * 10:07d}",
        "timeZone": label,
    }


def html_document(text: str) -> str:
    """Plain text as Outlook stores it in an HTML body."""
    lines = [html.escape(line) for line in text.replace("\r\n", "\n").split("\n")]
    head = '<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    return (
        head + "\r\n</head>\r\n<body>\r\n<div>" + "<br>\r\n".join(lines)
        + "</div>\r\n</body>\r\n</html>\r\n"
    )


def body_in(body_type: BodyType, content: str, wanted: BodyType | None) -> JsonObject:
    """An itemBody, converted if the client asked (``Prefer: outlook.body-content-type``)."""
    if wanted is None or wanted == body_type:
        return {"contentType": body_type, "content": content}
    if wanted == "text":
        return {"contentType": "text", "content": html_to_text(content)}
    return {"contentType": "html", "content": html_document(content)}


def preview(body_type: BodyType, content: str) -> str:
    text = html_to_text(content) if body_type == "html" else content
    return " ".join(text.split())[:PREVIEW_CHARS]


def email_address(recipient: Recipient) -> JsonObject:
    return {"emailAddress": {"name": recipient.name or recipient.address,
                             "address": recipient.address}}


# --- events ----------------------------------------------------------------------------------

_RESPONSES = {
    "accepted": "accepted",
    "declined": "declined",
    "tentative": "tentativelyAccepted",
    "needsAction": "none",
}


def _ical_uid(event_id: str) -> str:
    digest = hashlib.sha256(event_id.encode()).hexdigest().upper()
    return "040000008200E00074C5B7101A82E00800000000" + digest[:64]


def _is_mailbox(address: str, mailbox: Mailbox) -> bool:
    """The mailbox's address, or a plus-address of it (Exchange delivers name+tag@ to the
    mailbox, and the invite is then the mailbox's own meeting)."""
    local, _, domain = address.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}" == mailbox.address


def _owner_response(event: StoredEvent, mailbox: Mailbox) -> tuple[str, str]:
    """The top-level responseStatus: the calendar owner's own answer, whichever of their
    addresses the invite named ("getting Alex' response status for that event in Alex'
    calendar returns notResponded": learn.microsoft.com/graph/api/resources/responsestatus)."""
    spec = event.spec
    if spec.organizer is None or _is_mailbox(spec.organizer.email, mailbox):
        return "organizer", NO_RESPONSE_TIME
    for attendee in spec.attendees:
        if _is_mailbox(attendee.email, mailbox):
            if attendee.response == "needsAction":
                return "notResponded", NO_RESPONSE_TIME
            return _RESPONSES[attendee.response], graph_instant(event.modified)
    return "none", NO_RESPONSE_TIME


def _attendee(attendee: AttendeeSpec, answered_at: datetime) -> JsonObject:
    kind = "resource" if attendee.resource else "optional" if attendee.optional else "required"
    response = _RESPONSES[attendee.response]
    return {
        "type": kind,
        "status": {
            "response": response,
            "time": NO_RESPONSE_TIME if response == "none" else graph_instant(answered_at),
        },
        "emailAddress": {"name": attendee.name or attendee.email, "address": attendee.email},
    }


def _show_as(event: StoredEvent, owner_response: str) -> str:
    if event.spec.status == "cancelled" or owner_response == "declined":
        return "free"
    if owner_response == "tentativelyAccepted":
        return "tentative"
    return "busy"


def _event_times(
    event: StoredEvent, zone: ZoneInfo, label: str
) -> tuple[JsonObject, JsonObject]:
    spec = event.spec
    if spec.all_day:
        # All-day events are floating dates: midnight of each day, whatever the zone.
        return (
            {"dateTime": f"{spec.start.date().isoformat()}T00:00:00.0000000", "timeZone": label},
            {"dateTime": f"{spec.end.date().isoformat()}T00:00:00.0000000", "timeZone": label},
        )
    return graph_local_time(spec.start, zone, label), graph_local_time(spec.end, zone, label)


def render_event(
    event: StoredEvent,
    mailbox: Mailbox,
    zone: ZoneInfo,
    zone_label: str,
    body_type: BodyType | None,
) -> JsonObject:
    spec = event.spec
    owner_response, owner_response_time = _owner_response(event, mailbox)
    organizer = spec.organizer
    organizer_json = (
        {"emailAddress": {"name": organizer.name or organizer.email,
                          "address": organizer.email}}
        if organizer is not None
        else {"emailAddress": {"name": mailbox.name, "address": mailbox.address}}
    )
    start, end = _event_times(event, zone, zone_label)
    key = change_key(spec.id, event.seq)
    original_zone = windows_name(mailbox.timezone) or mailbox.timezone
    location = spec.location
    return {
        "@odata.etag": f'W/"{key}"',
        "id": spec.id,
        "createdDateTime": graph_precise_instant(event.created),
        "lastModifiedDateTime": graph_precise_instant(event.modified),
        "changeKey": key,
        "categories": [],
        "transactionId": None,
        "originalStartTimeZone": original_zone,
        "originalEndTimeZone": original_zone,
        "iCalUId": _ical_uid(spec.id),
        "uid": _ical_uid(spec.id),
        "reminderMinutesBeforeStart": 15,
        "isReminderOn": owner_response != "declined",
        "hasAttachments": False,
        "subject": spec.title,
        "bodyPreview": " ".join(spec.description.split())[:PREVIEW_CHARS],
        "importance": "normal",
        "sensitivity": "normal",
        "isAllDay": spec.all_day,
        "isCancelled": spec.status == "cancelled",
        "isOrganizer": owner_response == "organizer",
        "responseRequested": True,
        "seriesMasterId": None,
        "showAs": _show_as(event, owner_response),
        "type": "singleInstance",
        "webLink": "https://outlook.office365.com/owa/?itemid="
        + quote(spec.id, safe="")
        + "&exvsurl=1&path=/calendar/item",
        "onlineMeetingUrl": None,
        "isOnlineMeeting": False,
        "onlineMeetingProvider": "unknown",
        "allowNewTimeProposals": True,
        "occurrenceId": None,
        "isDraft": False,
        "hideAttendees": False,
        "responseStatus": {"response": owner_response, "time": owner_response_time},
        "body": body_in("html", html_document(spec.description), body_type),
        "start": start,
        "end": end,
        "location": {
            "displayName": location,
            "locationType": "default",
            "uniqueIdType": "unknown" if not location else "private",
            "address": {},
            "coordinates": {},
        },
        "locations": [{"displayName": location, "locationType": "default",
                       "uniqueIdType": "private"}] if location else [],
        "recurrence": None,
        "attendees": [_attendee(a, event.modified) for a in spec.attendees],
        "organizer": organizer_json,
        "onlineMeeting": None,
    }


def removed(kind: str, item_id: str, reason: str = "deleted") -> JsonObject:
    return {"@odata.type": f"#microsoft.graph.{kind}", "id": item_id,
            "@removed": {"reason": reason}}


# --- messages ---------------------------------------------------------------------------------

def render_message(
    message: StoredMessage, mailbox: Mailbox, body_type: BodyType | None,
    immutable_ids: bool = False,
) -> JsonObject:
    """Every property, select-only ones and extended properties included (for $filter);
    :func:`project_message` cuts it down to what Graph would send. The id is the REST one
    (it changes when the message moves) unless the request asked for immutable ids."""
    key = change_key(message.id, message.seq)
    shown_id = message.shown_id(immutable_ids)
    received = message.received
    sent = message.sent or message.created
    sender = email_address(message.sender) if message.sender else None
    resource: JsonObject = {
        "@odata.etag": f'W/"{key}"',
        "id": shown_id,
        "createdDateTime": graph_instant(message.created),
        "lastModifiedDateTime": graph_instant(message.modified),
        "changeKey": key,
        "categories": list(message.categories),
        "receivedDateTime": graph_instant(received),
        "sentDateTime": graph_instant(sent),
        "hasAttachments": False,
        "internetMessageId": message.internet_message_id,
        "subject": message.subject,
        "bodyPreview": preview(message.body_type, message.body),
        "importance": message.importance,
        "parentFolderId": mailbox.folder_ids[message.folder],
        "conversationId": message.conversation_id,
        "conversationIndex": message.conversation_index,
        "isDeliveryReceiptRequested": False,
        "isReadReceiptRequested": False,
        "isRead": message.is_read,
        "isDraft": message.is_draft,
        "webLink": "https://outlook.office365.com/owa/?ItemID="
        + quote(shown_id, safe="")
        + "&exvsurl=1&viewmodel=ReadMessageItem",
        "inferenceClassification": "focused",
        "body": body_in(message.body_type, message.body, body_type),
        "sender": sender,
        "from": sender,
        "toRecipients": [email_address(r) for r in message.to],
        "ccRecipients": [email_address(r) for r in message.cc],
        "bccRecipients": [email_address(r) for r in message.bcc],
        "replyTo": [email_address(r) for r in message.reply_to],
        "flag": {"flagStatus": "notFlagged"},
        # Graph has internet headers for received mail only, wherever it was filed
        # (https://github.com/microsoftgraph/microsoft-graph-docs/issues/2716).
        "internetMessageHeaders": [
            {"name": name, "value": value} for name, value in message.headers
        ] if _received(message, mailbox) else None,
        "uniqueBody": body_in(message.body_type, message.body, body_type),
        "singleValueExtendedProperties": [
            {"id": prop.id, "value": prop.value} for prop in message.extended.values()
        ],
    }
    return resource


def _received(message: StoredMessage, mailbox: Mailbox) -> bool:
    sender = message.sender
    return not message.is_draft and (sender is None or sender.address.lower() != mailbox.address)


def project_message(
    full: JsonObject,
    select: list[str] | None,
    expanded_properties: list[JsonObject] | None,
) -> JsonObject:
    """What Graph sends for one message given $select and $expand."""
    result: JsonObject = {}
    for key, value in full.items():
        if key == "singleValueExtendedProperties":
            continue
        if select is None:
            if key in SELECT_ONLY_MESSAGE_PROPERTIES:
                continue
        elif key not in select and key not in ("@odata.etag", "id"):
            continue
        if key == "internetMessageHeaders" and value is None:
            continue
        result[key] = value
    if expanded_properties:
        result["singleValueExtendedProperties"] = expanded_properties
    return result


def message_schema_sample() -> JsonObject:
    """A rendering with one element in each collection: the shape $filter/$select check."""
    mailbox = Mailbox("owner@example.com", "Owner", "UTC")
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    person = Recipient("someone@example.com", "Someone")
    sample = StoredMessage(
        id="sample", folder="inbox", created=moment, modified=moment, received=moment,
        sent=moment, subject="", body_type="text", body="", sender=person, to=[person],
        cc=[person], bcc=[person], reply_to=[person], conversation_id="c",
        conversation_index="", internet_message_id="", seq=0, created_seq=0, is_draft=False,
        is_read=False, categories=["c"], headers=[("X-A", "b")],
    )
    full = render_message(sample, mailbox, None)
    full["singleValueExtendedProperties"] = [{"id": "", "value": ""}]
    return full


# --- the user and the mailbox ----------------------------------------------------------------

def render_user(mailbox: Mailbox) -> JsonObject:
    given, _, surname = mailbox.name.partition(" ")
    return {
        "businessPhones": [],
        "displayName": mailbox.name,
        "givenName": given or None,
        "jobTitle": None,
        "mail": mailbox.address,
        "mobilePhone": None,
        "officeLocation": None,
        "preferredLanguage": "en-US",
        "surname": surname or None,
        "userPrincipalName": mailbox.address,
        "id": mailbox.user_id,
    }


def mailbox_time_zone(mailbox: Mailbox, windows_names: bool) -> str:
    if windows_names:
        return windows_name(mailbox.timezone) or mailbox.timezone
    return mailbox.timezone


def render_mailbox_settings(mailbox: Mailbox, windows_names: bool) -> JsonObject:
    zone = mailbox_time_zone(mailbox, windows_names)
    return {
        "archiveFolder": mailbox.folder_ids["inbox"][:-4] + "AQAA",
        "timeZone": zone,
        "delegateMeetingMessageDeliveryOptions": "sendToDelegateOnly",
        "dateFormat": "M/d/yyyy",
        "timeFormat": "h:mm tt",
        "userPurpose": "user",
        "automaticRepliesSetting": {
            "status": "disabled",
            "externalAudience": "all",
            "internalReplyMessage": "",
            "externalReplyMessage": "",
            "scheduledStartDateTime": {"dateTime": "2026-01-01T00:00:00.0000000",
                                       "timeZone": "UTC"},
            "scheduledEndDateTime": {"dateTime": "2026-01-02T00:00:00.0000000",
                                     "timeZone": "UTC"},
        },
        "language": {"locale": "en-US", "displayName": "English (United States)"},
        "workingHours": {
            "daysOfWeek": ["monday", "tuesday", "wednesday", "thursday", "friday"],
            "startTime": "08:00:00.0000000",
            "endTime": "17:00:00.0000000",
            "timeZone": {"name": zone},
        },
    }


def render_folder(mailbox: Mailbox, folder: FolderName) -> JsonObject:
    items = [m for m in mailbox.messages.values() if m.alive and m.folder == folder]
    return {
        "id": mailbox.folder_ids[folder],
        "displayName": FOLDER_DISPLAY_NAMES.get(folder, folder),
        "parentFolderId": mailbox.folder_ids["inbox"][:-4] + "AQEA",
        "childFolderCount": 0,
        "unreadItemCount": sum(1 for m in items if not m.is_read),
        "totalItemCount": len(items),
        "sizeInBytes": sum(len(m.body) for m in items),
        "isHidden": False,
    }
