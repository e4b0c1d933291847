"""Google Calendar API v3 methods: events.list (full and incremental sync), events.get,
calendars.get, calendarList.get/list, settings.get/list - for the primary calendar."""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from providers.emulator.google.calendar_store import (
    StaleSyncToken,
    StoredEvent,
    render_event,
    rfc3339_utc,
)
from providers.emulator.google.dispatch import Call, Router, bool_param, int_param
from providers.emulator.google.errors import (
    ApiResponse,
    GoogleApiError,
    bad_request,
    invalid_parameter,
    not_found,
)

_C = "https://www.googleapis.com/auth/calendar"
EVENT_READ_SCOPES = frozenset({_C, _C + ".app.created", _C + ".events", _C + ".events.freebusy",
                               _C + ".events.owned", _C + ".events.owned.readonly",
                               _C + ".events.public.readonly", _C + ".events.readonly",
                               _C + ".readonly"})
SETTINGS_SCOPES = frozenset({_C, _C + ".readonly", _C + ".settings", _C + ".settings.readonly"})
CALENDAR_SCOPES = frozenset({_C, _C + ".app.created", _C + ".calendars",
                             _C + ".calendars.readonly", _C + ".readonly"})
CALENDAR_LIST_SCOPES = frozenset({_C, _C + ".app.created", _C + ".calendarlist",
                                  _C + ".calendarlist.readonly", _C + ".readonly"})
CALENDAR_LIST_LIST_SCOPES = CALENDAR_LIST_SCOPES - {_C + ".app.created"}

BASE = "/calendar/v3"
# Parameters Google refuses next to a syncToken (they would change the result set).
_NOT_WITH_SYNC_TOKEN = ("iCalUID", "orderBy", "privateExtendedProperty", "q",
                        "sharedExtendedProperty", "timeMin", "timeMax", "updatedMin")


def _calendar_error(status: int, reason: str, message: str) -> GoogleApiError:
    return GoogleApiError(status, reason, message, with_status=False)


def full_sync_required() -> GoogleApiError:
    return _calendar_error(410, "fullSyncRequired",
                           "Sync token is no longer valid, a full sync is required.")


def _check_calendar(call: Call) -> None:
    calendar_id = call.path["calendarId"]
    if calendar_id != "primary" and calendar_id.lower() != call.mailbox.address:
        raise not_found("Not Found")


def _zone(call: Call) -> ZoneInfo:
    requested = call.request.param("timeZone")
    if requested:
        try:
            return ZoneInfo(requested)
        except (ZoneInfoNotFoundError, ValueError):
            raise invalid_parameter("timeZone", requested) from None
    return call.mailbox.timezone


def _instant(call: Call, name: str) -> datetime | None:
    raw = call.request.param(name)
    if raw is None or raw == "":
        return None
    try:
        moment = datetime.fromisoformat(raw.replace("z", "Z"))
    except ValueError:
        raise bad_request("Bad Request", reason="badRequest") from None
    if moment.tzinfo is None:
        raise bad_request("Bad Request", reason="badRequest")
    return moment


def _event_json(call: Call, stored: StoredEvent, zone: ZoneInfo) -> dict[str, Any]:
    mailbox = call.mailbox
    return render_event(stored, mailbox.address, mailbox.name, zone)


def _encode(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()
                                    ).decode().rstrip("=")


def _decode_page_token(token: str) -> dict[str, Any]:
    try:
        value = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid_parameter("pageToken", token) from None
    if not isinstance(value, dict) or not isinstance(value.get("offset"), int) \
            or not isinstance(value.get("upto"), int):
        raise invalid_parameter("pageToken", token)
    return value


def _matches_text(stored: StoredEvent, text: str) -> bool:
    spec = stored.spec
    fields = [spec.title, spec.description, spec.location]
    fields += [attendee.email for attendee in spec.attendees]
    fields += [attendee.name or "" for attendee in spec.attendees]
    if spec.organizer:
        fields += [spec.organizer.email, spec.organizer.name or ""]
    return text.lower() in " ".join(fields).lower()


def events_list(call: Call) -> ApiResponse:
    _check_calendar(call)
    request = call.request
    store = call.mailbox.calendar
    zone = _zone(call)
    size = int_param(request, "maxResults", 250, 1, 2500)
    single_events = bool_param(request, "singleEvents")
    order_by = request.param("orderBy")
    if order_by not in (None, "", "startTime", "updated"):
        raise invalid_parameter("orderBy", order_by or "")
    if order_by == "startTime" and not single_events:
        raise bad_request("The requested ordering is not available for the particular query.",
                          reason="badRequest")
    sync_token = request.param("syncToken")
    page_token = request.param("pageToken")
    page = _decode_page_token(page_token) if page_token else None

    if sync_token or (page and page.get("since") is not None):
        if sync_token:
            clashing = [name for name in _NOT_WITH_SYNC_TOKEN if request.param(name)]
            if clashing:
                raise bad_request(f"Parameter {clashing[0]} is not allowed with syncToken.",
                                  reason="invalid")
        if page is not None:
            since, upto = int(page["since"]), int(page["upto"])
            if page.get("generation") != store.generation:
                raise full_sync_required()
        else:
            try:
                since = store.read_sync_token(sync_token or "")
            except StaleSyncToken:
                raise full_sync_required() from None
            upto = store.seq
        events = store.changed_between(since, upto)
    else:
        since = None
        upto = int(page["upto"]) if page else store.seq
        events = _full_listing(call, upto)
        if order_by == "updated":
            events.sort(key=lambda stored: (stored.updated, stored.spec.id))
        else:
            events.sort(key=lambda stored: (stored.spec.start, stored.spec.id))

    offset = int(page["offset"]) if page else 0
    chosen = events[offset:offset + size]
    mailbox = call.mailbox
    answer: dict[str, Any] = {
        "kind": "calendar#events",
        "etag": f'"p{store.seq:012d}"',
        "summary": mailbox.address,
        "description": "",
        "updated": rfc3339_utc(store.last_change or call.now),
        "timeZone": zone.key,
        "accessRole": "owner",
        "defaultReminders": [{"method": "popup", "minutes": 10}],
    }
    if offset + size < len(events):
        answer["nextPageToken"] = _encode({"offset": offset + size, "upto": upto,
                                           "since": since, "generation": store.generation})
    else:
        answer["nextSyncToken"] = store.sync_token(upto)
    answer["items"] = [_event_json(call, stored, zone) for stored in chosen]
    return ApiResponse.json(answer)


def _full_listing(call: Call, upto: int) -> list[StoredEvent]:
    request = call.request
    time_min = _instant(call, "timeMin")
    time_max = _instant(call, "timeMax")
    updated_min = _instant(call, "updatedMin")
    if time_min and time_max and time_max <= time_min:
        raise bad_request("Bad Request", reason="timeRangeEmpty")
    show_deleted = bool_param(request, "showDeleted")
    text = request.param("q")
    ical_uid = request.param("iCalUID")
    event_types = request.params("eventTypes")
    found: list[StoredEvent] = []
    for stored in call.mailbox.calendar.events.values():
        spec = stored.spec
        if stored.change_seq > upto:
            continue
        if stored.cancelled and not show_deleted:
            continue
        if time_min and spec.end <= time_min:
            continue
        if time_max and spec.start >= time_max:
            continue
        if updated_min and stored.updated < updated_min:
            continue
        if text and not _matches_text(stored, text):
            continue
        if ical_uid and ical_uid != f"{spec.id}@google.com":
            continue
        if event_types and "default" not in event_types:
            continue
        found.append(stored)
    return found


def events_get(call: Call) -> ApiResponse:
    _check_calendar(call)
    stored = call.mailbox.calendar.events.get(call.path["eventId"])
    if stored is None:
        raise _calendar_error(404, "notFound", "Not Found")
    return ApiResponse.json(_event_json(call, stored, _zone(call)))


def _calendar_resource(call: Call, kind: str) -> dict[str, Any]:
    mailbox = call.mailbox
    resource: dict[str, Any] = {
        "kind": kind,
        "etag": f'"{zlib.crc32(mailbox.address.encode()):015d}"',
        "id": mailbox.address,
        "summary": mailbox.address,
        "timeZone": mailbox.timezone.key,
        "conferenceProperties": {"allowedConferenceSolutionTypes": ["hangoutsMeet"]},
    }
    return resource


def calendars_get(call: Call) -> ApiResponse:
    _check_calendar(call)
    return ApiResponse.json(_calendar_resource(call, "calendar#calendar"))


def _calendar_list_entry(call: Call) -> dict[str, Any]:
    entry = _calendar_resource(call, "calendar#calendarListEntry")
    entry.update(colorId="14", backgroundColor="#9fe1e7", foregroundColor="#000000",
                 selected=True, accessRole="owner",
                 defaultReminders=[{"method": "popup", "minutes": 10}], primary=True)
    return entry


def calendar_list_get(call: Call) -> ApiResponse:
    _check_calendar(call)
    return ApiResponse.json(_calendar_list_entry(call))


def calendar_list_list(call: Call) -> ApiResponse:
    return ApiResponse.json({"kind": "calendar#calendarList", "etag": '"p1"',
                             "nextSyncToken": "CLIST1", "items": [_calendar_list_entry(call)]})


def _settings(call: Call) -> dict[str, str]:
    return {"timezone": call.mailbox.timezone.key, "locale": "en", "format24HourTime": "false",
            "weekStart": "0", "dateFieldOrder": "MDY"}


def _setting_json(name: str, value: str) -> dict[str, Any]:
    return {"kind": "calendar#setting", "etag": f'"{len(value):015d}"', "id": name,
            "value": value}


def settings_get(call: Call) -> ApiResponse:
    name = call.path["setting"]
    value = _settings(call).get(name)
    if value is None:
        raise _calendar_error(404, "notFound", "Not Found")
    return ApiResponse.json(_setting_json(name, value))


def settings_list(call: Call) -> ApiResponse:
    items = [_setting_json(name, value) for name, value in _settings(call).items()]
    return ApiResponse.json({"kind": "calendar#settings", "etag": '"s1"', "items": items,
                             "nextSyncToken": "CSET1"})


def register(router: Router) -> None:
    calendar = BASE + r"/calendars/(?P<calendarId>[^/]+)"

    def add(pattern: str, name: str, handler: Any, scopes: frozenset[str]) -> None:
        router.add("GET", pattern, f"calendar.{name}", handler, api="calendar", scopes=scopes)

    add(calendar + "/events", "events.list", events_list, EVENT_READ_SCOPES)
    add(calendar + r"/events/(?P<eventId>[^/]+)", "events.get", events_get, EVENT_READ_SCOPES)
    add(calendar, "calendars.get", calendars_get, CALENDAR_SCOPES)
    add(BASE + r"/users/me/calendarList/(?P<calendarId>[^/]+)", "calendarList.get",
        calendar_list_get, CALENDAR_LIST_SCOPES)
    add(BASE + "/users/me/calendarList", "calendarList.list", calendar_list_list,
        CALENDAR_LIST_LIST_SCOPES)
    add(BASE + r"/users/me/settings/(?P<setting>[^/]+)", "settings.get", settings_get,
        SETTINGS_SCOPES)
    add(BASE + "/users/me/settings", "settings.list", settings_list, SETTINGS_SCOPES)
