"""The documented shapes of the Graph v1.0 resources the adapters read: property names and
JSON types (message, event, user, mailboxSettings), checked on what the emulator sends."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z")
LOCAL_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}")
STR, BOOL, INT, LIST, DICT, NONE = str, bool, int, list, dict, type(None)


def _check(resource: dict[str, Any], fields: dict[str, tuple[type, ...]], what: str) -> None:
    for name, types in fields.items():
        assert name in resource, f"{what}: no '{name}'"
        assert isinstance(resource[name], types), \
            f"{what}: '{name}' is {type(resource[name]).__name__}, not {types}"


def instant(value: str) -> datetime:
    assert INSTANT.fullmatch(value), value
    return datetime.fromisoformat(value.replace("Z", "+00:00")[:19] + "+00:00")


def assert_recipient(value: Any) -> None:
    assert isinstance(value, dict) and set(value) == {"emailAddress"}
    _check(value["emailAddress"], {"name": (STR,), "address": (STR,)}, "emailAddress")


def assert_item_body(value: Any) -> None:
    assert isinstance(value, dict)
    _check(value, {"contentType": (STR,), "content": (STR,)}, "itemBody")
    assert value["contentType"] in ("text", "html")


MESSAGE_FIELDS: dict[str, tuple[type, ...]] = {
    "@odata.etag": (STR,), "id": (STR,), "createdDateTime": (STR,),
    "lastModifiedDateTime": (STR,), "changeKey": (STR,), "categories": (LIST,),
    "receivedDateTime": (STR,), "sentDateTime": (STR, NONE), "hasAttachments": (BOOL,),
    "internetMessageId": (STR,), "subject": (STR, NONE), "bodyPreview": (STR,),
    "importance": (STR,), "parentFolderId": (STR,), "conversationId": (STR,),
    "conversationIndex": (STR,), "isDeliveryReceiptRequested": (BOOL, NONE),
    "isReadReceiptRequested": (BOOL,), "isRead": (BOOL,), "isDraft": (BOOL,),
    "webLink": (STR,), "inferenceClassification": (STR,), "body": (DICT,),
    "sender": (DICT, NONE), "from": (DICT, NONE), "toRecipients": (LIST,),
    "ccRecipients": (LIST,), "bccRecipients": (LIST,), "replyTo": (LIST,), "flag": (DICT,),
}


def assert_message(message: dict[str, Any]) -> None:
    _check(message, MESSAGE_FIELDS, "message")
    for name in ("createdDateTime", "lastModifiedDateTime", "receivedDateTime"):
        instant(message[name])
    assert_item_body(message["body"])
    for name in ("toRecipients", "ccRecipients", "bccRecipients", "replyTo"):
        for recipient in message[name]:
            assert_recipient(recipient)
    for name in ("sender", "from"):
        if message[name] is not None:
            assert_recipient(message[name])
    assert message["internetMessageId"].startswith("<")
    assert message["internetMessageId"].endswith(">")
    assert message["importance"] in ("low", "normal", "high")


def assert_date_time_time_zone(value: Any) -> None:
    assert isinstance(value, dict)
    _check(value, {"dateTime": (STR,), "timeZone": (STR,)}, "dateTimeTimeZone")
    assert LOCAL_TIME.fullmatch(value["dateTime"]), value["dateTime"]


EVENT_FIELDS: dict[str, tuple[type, ...]] = {
    "@odata.etag": (STR,), "id": (STR,), "createdDateTime": (STR,),
    "lastModifiedDateTime": (STR,), "changeKey": (STR,), "categories": (LIST,),
    "originalStartTimeZone": (STR,), "originalEndTimeZone": (STR,), "iCalUId": (STR,),
    "reminderMinutesBeforeStart": (INT,), "isReminderOn": (BOOL,), "hasAttachments": (BOOL,),
    "subject": (STR,), "bodyPreview": (STR,), "importance": (STR,), "sensitivity": (STR,),
    "isAllDay": (BOOL,), "isCancelled": (BOOL,), "isOrganizer": (BOOL,),
    "responseRequested": (BOOL,), "seriesMasterId": (STR, NONE), "showAs": (STR,),
    "type": (STR,), "webLink": (STR,), "onlineMeetingUrl": (STR, NONE),
    "isOnlineMeeting": (BOOL,), "responseStatus": (DICT,), "body": (DICT,), "start": (DICT,),
    "end": (DICT,), "location": (DICT,), "locations": (LIST,), "recurrence": (DICT, NONE),
    "attendees": (LIST,), "organizer": (DICT,),
}
RESPONSES = {"none", "organizer", "tentativelyAccepted", "accepted", "declined",
             "notResponded"}


def assert_event(event: dict[str, Any]) -> None:
    _check(event, EVENT_FIELDS, "event")
    instant(event["createdDateTime"])
    instant(event["lastModifiedDateTime"])
    assert_item_body(event["body"])
    assert_date_time_time_zone(event["start"])
    assert_date_time_time_zone(event["end"])
    assert event["showAs"] in ("free", "tentative", "busy", "oof", "workingElsewhere",
                               "unknown")
    assert event["type"] in ("singleInstance", "occurrence", "exception", "seriesMaster")
    _check(event["responseStatus"], {"response": (STR,), "time": (STR,)}, "responseStatus")
    assert event["responseStatus"]["response"] in RESPONSES
    instant(event["responseStatus"]["time"])
    _check(event["location"], {"displayName": (STR,)}, "location")
    assert_recipient(event["organizer"])
    for attendee in event["attendees"]:
        _check(attendee, {"type": (STR,), "status": (DICT,), "emailAddress": (DICT,)},
               "attendee")
        assert attendee["type"] in ("required", "optional", "resource")
        assert attendee["status"]["response"] in RESPONSES
        instant(attendee["status"]["time"])
        _check(attendee["emailAddress"], {"name": (STR,), "address": (STR,)}, "emailAddress")


USER_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (STR,), "displayName": (STR, NONE), "mail": (STR, NONE),
    "userPrincipalName": (STR,), "businessPhones": (LIST,), "givenName": (STR, NONE),
    "surname": (STR, NONE), "jobTitle": (STR, NONE), "mobilePhone": (STR, NONE),
    "officeLocation": (STR, NONE), "preferredLanguage": (STR, NONE),
}


def assert_user(user: dict[str, Any]) -> None:
    _check(user, USER_FIELDS, "user")


def assert_mailbox_settings(settings: dict[str, Any]) -> None:
    _check(settings, {"timeZone": (STR,), "language": (DICT,), "workingHours": (DICT,),
                      "automaticRepliesSetting": (DICT,), "dateFormat": (STR,),
                      "timeFormat": (STR,)}, "mailboxSettings")
    _check(settings["workingHours"], {"daysOfWeek": (LIST,), "startTime": (STR,),
                                      "endTime": (STR,), "timeZone": (DICT,)}, "workingHours")


def assert_graph_error(body: dict[str, Any], code: str | None = None) -> None:
    """Graph's error body: {"error": {"code", "message", "innerError": {...}}}."""
    assert set(body) == {"error"}
    error = body["error"]
    _check(error, {"code": (STR,), "message": (STR,), "innerError": (DICT,)}, "error")
    _check(error["innerError"], {"date": (STR,), "request-id": (STR,),
                                 "client-request-id": (STR,)}, "innerError")
    if code is not None:
        assert error["code"] == code, error
