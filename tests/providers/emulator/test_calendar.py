"""Calendar v3 of the emulator, driven by google-api-python-client."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from googleapiclient.errors import HttpError

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, PersonSpec
from tests.providers.emulator.conftest import OWNER, GoogleSession

RITA = PersonSpec("rita@acme.com", "Rita Ruiz")


def interview(event_id: str, start: datetime, **changes: Any) -> EventSpec:
    fields: dict[str, Any] = dict(
        id=event_id, title="Interview: Alex Kim / Data Engineer", start=start,
        end=start + timedelta(hours=1), description="Panel", location="Zoom", organizer=RITA,
        attendees=(AttendeeSpec(OWNER, "Alex Kim", response="accepted"),
                   AttendeeSpec("jane.doe@acme.com", "Jane Doe", response="accepted"),
                   AttendeeSpec("rita@acme.com", "Rita Ruiz", optional=True),
                   AttendeeSpec("room-4@resource.calendar.google.com", "Room 4",
                                resource=True)))
    fields.update(changes)
    return EventSpec(**fields)


def full_sync(session: GoogleSession, **params: Any) -> tuple[list[dict[str, Any]], str]:
    events = session.calendar.events()
    items: list[dict[str, Any]] = []
    request = events.list(calendarId="primary", singleEvents=True, **params)
    while True:
        page = request.execute()
        items += page["items"]
        if "nextPageToken" not in page:
            return items, page["nextSyncToken"]
        request = events.list_next(request, page)


def incremental(session: GoogleSession, token: str) -> tuple[list[dict[str, Any]], str]:
    page = session.calendar.events().list(calendarId="primary", syncToken=token).execute()
    return page["items"], page["nextSyncToken"]


def test_event_renders_as_calendar_v3(session: GoogleSession, emulator: Emulator,
                                      clock: VirtualClock) -> None:
    start = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
    emulator.google.put_event(OWNER, interview("ev1", start))
    [event], _ = full_sync(session)
    assert event["start"] == {"dateTime": "2026-03-04T10:00:00-05:00",
                              "timeZone": "America/New_York"}
    assert event["end"]["dateTime"] == "2026-03-04T11:00:00-05:00"
    assert event["organizer"] == {"email": "rita@acme.com", "displayName": "Rita Ruiz"}
    assert event["status"] == "confirmed" and event["eventType"] == "default"
    assert event["created"] == event["updated"] == "2026-03-02T13:00:00.000Z"
    assert event["iCalUID"] == "ev1@google.com" and event["sequence"] == 0
    attendees = {a["email"]: a for a in event["attendees"]}
    assert attendees[OWNER] == {"email": OWNER, "displayName": "Alex Kim", "self": True,
                                "responseStatus": "accepted"}
    assert attendees["rita@acme.com"]["organizer"] is True
    assert attendees["rita@acme.com"]["optional"] is True
    assert attendees["room-4@resource.calendar.google.com"]["resource"] is True
    assert attendees["jane.doe@acme.com"]["responseStatus"] == "accepted"

    all_day = EventSpec(id="holiday", title="Offsite", start=datetime(2026, 3, 6, tzinfo=UTC),
                        end=datetime(2026, 3, 7, tzinfo=UTC), all_day=True)
    emulator.google.put_event(OWNER, all_day)
    got = session.calendar.events().get(calendarId="primary", eventId="holiday").execute()
    assert got["start"] == {"date": "2026-03-06"} and got["end"] == {"date": "2026-03-07"}
    assert got["organizer"] == {"email": OWNER, "displayName": "Alex Kim", "self": True}


def test_window_paging_and_sync_token(session: GoogleSession, emulator: Emulator,
                                      clock: VirtualClock) -> None:
    base = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)
    for index in range(7):
        emulator.google.put_event(OWNER, interview(f"ev{index}", base + timedelta(days=index)))
    window = {"timeMin": "2026-03-04T00:00:00Z", "timeMax": "2026-03-08T00:00:00-05:00"}
    items, token = full_sync(session, maxResults=2, orderBy="startTime", **window)
    assert [item["id"] for item in items] == ["ev1", "ev2", "ev3", "ev4"]

    assert incremental(session, token)[0] == []  # idle

    clock.advance(timedelta(hours=1))
    emulator.google.put_event(OWNER, interview("ev2", base + timedelta(days=2, hours=3)))
    emulator.google.delete_event(OWNER, "ev3")
    emulator.google.put_event(OWNER, interview("ev4", base + timedelta(days=4), status="cancelled"))
    changed, token = incremental(session, token)
    assert [item["id"] for item in changed] == ["ev2", "ev3", "ev4"]
    moved, deleted, cancelled = changed
    assert moved["sequence"] == 1 and moved["updated"] == "2026-03-02T14:00:00.000Z"
    assert moved["start"]["dateTime"] == "2026-03-05T12:00:00-05:00"
    assert deleted == {"kind": "calendar#event", "etag": deleted["etag"], "id": "ev3",
                       "status": "cancelled"}
    assert cancelled["status"] == "cancelled" and cancelled["summary"]
    assert incremental(session, token)[0] == []

    # Cancelled events are left out of a full sync unless showDeleted.
    items, _ = full_sync(session, **window)
    assert sorted(item["id"] for item in items) == ["ev1", "ev2"]
    items, _ = full_sync(session, showDeleted=True, **window)
    assert sorted(item["id"] for item in items) == ["ev1", "ev2", "ev3", "ev4"]


def test_stale_sync_token_is_410(session: GoogleSession, emulator: Emulator) -> None:
    _, token = full_sync(session)
    emulator.google.expire_sync_tokens(OWNER)
    for stale in (token, "garbage-token", "CPbm90IGJhc2U2NA"):
        with pytest.raises(HttpError) as gone:
            incremental(session, stale)
        assert gone.value.resp.status == 410
        assert gone.value.error_details[0]["reason"] == "fullSyncRequired"
        assert "full sync is required" in gone.value.reason
    _, fresh = full_sync(session)
    assert incremental(session, fresh)[0] == []


def test_bad_parameters_are_400(session: GoogleSession) -> None:
    events = session.calendar.events()
    _, token = full_sync(session)
    for request in (
        events.list(calendarId="primary", timeMin="2026-03-04T00:00:00"),  # no offset
        events.list(calendarId="primary", timeMin="yesterday"),
        events.list(calendarId="primary", syncToken=token, timeMin="2026-03-04T00:00:00Z"),
        events.list(calendarId="primary", orderBy="startTime"),  # needs singleEvents
        events.list(calendarId="primary", pageToken="not-a-token"),
    ):
        with pytest.raises(HttpError) as refused:
            request.execute()
        assert refused.value.resp.status == 400, request.uri
    with pytest.raises(HttpError) as missing:
        events.list(calendarId="someone@else.com").execute()
    assert missing.value.resp.status == 404


def test_time_zone_setting(session: GoogleSession) -> None:
    setting = session.calendar.settings().get(setting="timezone").execute()
    assert setting["value"] == "America/New_York"
    calendar = session.calendar.calendars().get(calendarId="primary").execute()
    assert calendar["timeZone"] == "America/New_York" and calendar["id"] == OWNER
