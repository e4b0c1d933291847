"""The resources the emulator returns, checked against the discovery documents shipped in
google-api-python-client: every field must be declared there, with its declared type."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, PersonSpec
from tests.providers.emulator.conftest import OWNER, GoogleSession
from tests.providers.emulator.google_clients import DISCOVERY
from tests.providers.emulator.test_gmail import raw_message

_INT64 = re.compile(r"-?\d+\Z")
_BASE64URL = re.compile(r"[A-Za-z0-9_\-]*=*\Z")


def schemas(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((DISCOVERY / f"{name}.json").read_text())
    found: dict[str, Any] = document["schemas"]
    return found


def violations(value: Any, schema: dict[str, Any], known: dict[str, Any], where: str
               ) -> list[str]:
    if "$ref" in schema:
        return violations(value, known[schema["$ref"]], known, where)
    kind = schema.get("type")
    problems: list[str] = []
    if kind == "object":
        if not isinstance(value, dict):
            return [f"{where}: expected an object"]
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            if key in properties:
                problems += violations(item, properties[key], known, f"{where}.{key}")
            elif extra is not None:
                problems += violations(item, extra, known, f"{where}.{key}")
            else:
                problems.append(f"{where}.{key}: not in the discovery schema")
    elif kind == "array":
        if not isinstance(value, list):
            return [f"{where}: expected an array"]
        for index, item in enumerate(value):
            problems += violations(item, schema["items"], known, f"{where}[{index}]")
    elif kind == "string":
        if not isinstance(value, str):
            return [f"{where}: expected a string, got {value!r}"]
        fmt = schema.get("format")
        if fmt in ("int64", "uint64") and not _INT64.match(value):
            problems.append(f"{where}: expected an {fmt} string, got {value!r}")
        if fmt == "byte" and not _BASE64URL.match(value):
            problems.append(f"{where}: expected base64url")
        if fmt == "date-time":
            datetime.fromisoformat(value)
        if fmt == "date":
            datetime.strptime(value, "%Y-%m-%d")
    elif kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{where}: expected an integer, got {value!r}")
    elif kind == "boolean" and not isinstance(value, bool):
        problems.append(f"{where}: expected a boolean, got {value!r}")
    return problems


def check(value: Any, resource: str, api: str) -> None:
    known = schemas(api)
    assert violations(value, known[resource], known, resource) == []


def test_gmail_resources_match_the_discovery_document(session: GoogleSession,
                                                      emulator: Emulator) -> None:
    users = session.gmail.users()
    draft = users.drafts().create(userId="me", body={"message": {"raw": raw_message()}}
                                  ).execute()
    check(draft, "Draft", "gmail.v1")
    start = users.getProfile(userId="me").execute()
    check(start, "Profile", "gmail.v1")
    sent_id = emulator.google.owner_send_draft(OWNER, draft["id"])
    reply_id = emulator.google.deliver_mail(OWNER, PersonSpec("jane@acme.com", "Jane"),
                                            (OWNER,), "Re: Thank you", "Thanks!",
                                            in_reply_to_message_id=sent_id)
    emulator.google.owner_move_mail(OWNER, reply_id, "trash")  # labels added and removed
    second = users.drafts().create(userId="me", body={"message": {"raw": raw_message(
        subject="Multi", headers={"Cc": "x@y.org"})}}).execute()
    for fmt in ("full", "metadata", "minimal", "raw"):
        check(users.drafts().get(userId="me", id=second["id"], format=fmt).execute(), "Draft",
              "gmail.v1")
        message = users.messages().get(userId="me", id=sent_id, format=fmt).execute()
        check(message, "Message", "gmail.v1")
        if fmt != "raw":  # threads.get has no raw format
            thread = users.threads().get(userId="me", id=draft["message"]["threadId"],
                                         format=fmt).execute()
            check(thread, "Thread", "gmail.v1")
    check(users.messages().list(userId="me").execute(), "ListMessagesResponse", "gmail.v1")
    check(users.drafts().list(userId="me").execute(), "ListDraftsResponse", "gmail.v1")
    check(users.threads().list(userId="me").execute(), "ListThreadsResponse", "gmail.v1")
    check(users.labels().list(userId="me").execute(), "ListLabelsResponse", "gmail.v1")
    check(users.labels().get(userId="me", id="INBOX").execute(), "Label", "gmail.v1")
    emulator.google.owner_delete_draft(OWNER, second["id"])
    history = users.history().list(userId="me", startHistoryId=start["historyId"]).execute()
    assert {key for record in history["history"] for key in record} >= {
        "messagesAdded", "messagesDeleted", "labelsAdded", "labelsRemoved"}
    check(history, "ListHistoryResponse", "gmail.v1")


def test_multipart_message_renders_parts(session: GoogleSession, emulator: Emulator) -> None:
    raw = (b"From: Jane <jane@acme.com>\r\nTo: alex.kim@gmail.com\r\nSubject: Offer\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XYZ\r\n\r\n"
           b"--XYZ\r\nContent-Type: multipart/alternative; boundary=ALT\r\n\r\n"
           b"--ALT\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain words\r\n"
           b"--ALT\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Rich words</p>\r\n"
           b"--ALT--\r\n--XYZ\r\nContent-Type: application/pdf\r\n"
           b"Content-Disposition: attachment; filename=\"offer.pdf\"\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--XYZ--\r\n")
    draft = session.gmail.users().drafts().create(userId="me", body={"message": {
        "raw": base64.urlsafe_b64encode(raw).decode()}}).execute()
    message = session.gmail.users().messages().get(userId="me",
                                                   id=draft["message"]["id"]).execute()
    check(message, "Message", "gmail.v1")
    payload = message["payload"]
    assert payload["mimeType"] == "multipart/mixed" and payload["partId"] == ""
    alternative, attachment = payload["parts"]
    assert [part["partId"] for part in alternative["parts"]] == ["0.0", "0.1"]
    plain = alternative["parts"][0]["body"]["data"]
    assert base64.urlsafe_b64decode(plain) == b"Plain words"
    assert attachment["filename"] == "offer.pdf" and "attachmentId" in attachment["body"]
    assert message["snippet"] == "Plain words"
    [record] = emulator.google.drafts(OWNER)
    assert record.body == "Plain words"


def test_calendar_resources_match_the_discovery_document(session: GoogleSession,
                                                         emulator: Emulator) -> None:
    start = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
    emulator.google.put_event(OWNER, EventSpec(
        id="ev1", title="Interview", start=start, end=start + timedelta(hours=1),
        description="Panel", location="Zoom", organizer=PersonSpec("rita@acme.com", "Rita"),
        attendees=(AttendeeSpec(OWNER, "Alex", response="accepted"),
                   AttendeeSpec("rita@acme.com", optional=True),
                   AttendeeSpec("room@resource.calendar.google.com", resource=True))))
    emulator.google.put_event(OWNER, EventSpec(
        id="ev2", title="Day off", start=start, end=start + timedelta(days=1), all_day=True))
    events = session.calendar.events()
    listing = events.list(calendarId="primary", singleEvents=True).execute()
    assert len(listing["items"]) == 2
    check(listing, "Events", "calendar.v3")
    emulator.google.delete_event(OWNER, "ev2")
    changes = events.list(calendarId="primary", syncToken=listing["nextSyncToken"]).execute()
    check(changes, "Events", "calendar.v3")
    check(events.get(calendarId="primary", eventId="ev1").execute(), "Event", "calendar.v3")
    check(session.calendar.calendars().get(calendarId="primary").execute(), "Calendar",
          "calendar.v3")
    check(session.calendar.settings().get(setting="timezone").execute(), "Setting",
          "calendar.v3")
    check(session.calendar.calendarList().list().execute(), "CalendarList", "calendar.v3")


def test_scope_tables_match_the_discovery_document() -> None:
    """The emulator's scope table, method by method, is the discovery document's."""
    from providers.emulator.google import calendar, gmail
    from providers.emulator.google.dispatch import Router

    router = Router()
    gmail.register(router)
    calendar.register(router)
    documents = {"gmail": json.loads((DISCOVERY / "gmail.v1.json").read_text()),
                 "calendar": json.loads((DISCOVERY / "calendar.v3.json").read_text())}

    def methods(resource: dict[str, Any]) -> dict[str, Any]:
        found = {method["id"]: method for method in resource.get("methods", {}).values()}
        for child in resource.get("resources", {}).values():
            found.update(methods(child))
        return found

    declared = {**methods(documents["gmail"]), **methods(documents["calendar"])}
    for endpoint in router.endpoints:
        method = declared[endpoint.name]
        assert endpoint.http_method == method["httpMethod"], endpoint.name
        assert endpoint.scopes == frozenset(method["scopes"]), endpoint.name
