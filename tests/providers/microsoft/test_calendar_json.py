"""Microsoft Graph v1.0 event resources -> CalendarEvent, on hand-written fixtures."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from providers.html_text import MAX_TEXT_CHARS
from providers.microsoft.calendar_json import (
    GraphEventError,
    parse_event,
    parse_events,
    removed_id,
    zone_named,
)
from providers.model import Attendee, Person

OWNER = "sam.patel@outlook.com"


def address(email: str, name: str | None = None) -> dict[str, Any]:
    inner: dict[str, Any] = {"address": email}
    if name is not None:
        inner["name"] = name
    return {"emailAddress": inner}


EVENT: dict[str, Any] = {
    "id": "AAMkAGI1AAAt9AHjAAA=",
    "lastModifiedDateTime": "2026-05-28T16:00:00.1234567Z",
    "subject": "Globex | Product Designer - Hiring Manager Interview",
    "bodyPreview": "You'll meet Marcus Lee.",
    "body": {
        "contentType": "html",
        "content": (
            '<html><head><style>p {color: red}</style></head><body><div>You&#39;ll meet '
            "<b>Marcus Lee</b>, Head of Design.<br>Bring your portfolio &amp; questions.</div>"
            "<p>Room&nbsp;4</p></body></html>"
        ),
    },
    "isAllDay": False,
    "isCancelled": False,
    "isOrganizer": False,
    "showAs": "busy",
    "start": {"dateTime": "2026-06-02T14:00:00.0000000", "timeZone": "Central Standard Time"},
    "end": {"dateTime": "2026-06-02T14:45:00.0000000", "timeZone": "Central Standard Time"},
    "location": {"displayName": "Teams"},
    "responseStatus": {"response": "accepted", "time": "2026-05-28T17:00:00Z"},
    "organizer": address("Marcus.Lee@globex.com", "Marcus Lee"),
    "attendees": [
        {"type": "required", "status": {"response": "none"}, **address(OWNER, "Sam Patel")},
        {"type": "required", "status": {"response": "accepted"},
         **address("marcus.lee@globex.com", "Marcus Lee")},
        {"type": "optional", "status": {"response": "tentativelyAccepted"},
         **address("rita.ruiz@globex.com")},
        {"type": "resource", "status": {"response": "accepted"},
         **address("room4@globex.com", "Room 4")},
    ],
}  # fmt: skip


def event(**changes: Any) -> dict[str, Any]:
    item = copy.deepcopy(EVENT)
    for key, value in changes.items():
        if value is None:
            item.pop(key, None)
        else:
            item[key] = value
    return item


def test_a_timed_event_with_guests() -> None:
    parsed = parse_event(event(), OWNER)
    assert parsed.id == "AAMkAGI1AAAt9AHjAAA="
    assert parsed.title == "Globex | Product Designer - Hiring Manager Interview"
    # 14:00 in Chicago in June is 19:00 UTC.
    assert parsed.start == datetime(2026, 6, 2, 19, 0, tzinfo=UTC)
    assert parsed.end - parsed.start == timedelta(minutes=45)
    assert parsed.location == "Teams"
    assert parsed.status == "confirmed"
    assert parsed.kind == "default"
    assert not parsed.all_day
    assert parsed.organizer == Person("marcus.lee@globex.com", "Marcus Lee")
    assert parsed.owner_response == "accepted"
    assert parsed.updated == datetime(2026, 5, 28, 16, 0, 0, 123456, tzinfo=UTC)
    assert parsed.attendees == (
        Attendee(OWNER, "Sam Patel", "needsAction", is_self=True),
        Attendee("marcus.lee@globex.com", "Marcus Lee", "accepted", is_organizer=True),
        Attendee("rita.ruiz@globex.com", None, "tentative", optional=True),
        Attendee("room4@globex.com", "Room 4", "accepted", resource=True),
    )


def test_an_html_body_becomes_plain_text() -> None:
    parsed = parse_event(event(), OWNER)
    assert parsed.description == (
        "You'll meet Marcus Lee, Head of Design.\nBring your portfolio & questions.\n\nRoom 4"
    )


def test_a_text_body_and_a_missing_body() -> None:
    text = parse_event(event(body={"contentType": "text", "content": "Role: Designer"}), OWNER)
    assert text.description == "Role: Designer"
    assert parse_event(event(body=None), OWNER).description == "You'll meet Marcus Lee."


@pytest.mark.parametrize(
    ("zone", "utc_hour"),
    [("Pacific Standard Time", 21), ("Eastern Standard Time", 18), ("UTC", 14),
     ("Europe/Berlin", 12), ("W. Europe Standard Time", 12), ("India Standard Time", 8)],
)  # fmt: skip
def test_windows_and_iana_time_zones(zone: str, utc_hour: int) -> None:
    start = {"dateTime": "2026-06-02T14:00:00.0000000", "timeZone": zone}
    parsed = parse_event(event(start=start, end=start), OWNER)
    assert parsed.start.astimezone(UTC).hour == utc_hour


@pytest.mark.parametrize(
    ("zone", "utc_time"),
    [("Nepal Standard Time", "08:15"), ("Morocco Standard Time", "13:00"),
     ("(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "08:30"), ("UTC-03", "17:00"),
     ("GMT+1", "13:00"), ("tzone://Microsoft/Utc", "14:00"),
     ("Mars Standard Time", "14:00")],
)  # fmt: skip
def test_every_windows_zone_offsets_and_an_unknown_zone_read_as_utc(
    zone: str, utc_time: str
) -> None:
    """An unknown zone must not cost the event (detection needs its title and guests):
    the wall-clock time is read as UTC, and logged."""
    start = {"dateTime": "2026-06-02T14:00:00", "timeZone": zone}
    parsed = parse_event(event(start=start, end=start), OWNER)
    assert parsed.start.astimezone(UTC).strftime("%H:%M") == utc_time
    assert zone_named("Pacific Standard Time").key == "America/Los_Angeles"
    with pytest.raises(GraphEventError, match="unknown time zone"):
        zone_named("Mars Standard Time")


def test_all_day_cancelled_and_status_blocks() -> None:
    all_day = parse_event(
        event(isAllDay=True,
              start={"dateTime": "2026-06-02T00:00:00.0000000", "timeZone": "UTC"},
              end={"dateTime": "2026-06-03T00:00:00.0000000", "timeZone": "UTC"}),
        OWNER,
    )  # fmt: skip
    assert all_day.all_day
    assert parse_event(event(isCancelled=True), OWNER).status == "cancelled"
    assert parse_event(event(showAs="oof"), OWNER).kind == "outOfOffice"
    assert parse_event(event(showAs="workingElsewhere"), OWNER).kind == "workingLocation"
    assert parse_event(event(categories=["Focus time"]), OWNER).kind == "focusTime"
    assert parse_event(event(showAs="tentative"), OWNER).kind == "default"


@pytest.mark.parametrize(
    ("response", "owner_response"),
    [("none", "needsAction"), ("notResponded", "needsAction"), ("accepted", "accepted"),
     ("tentativelyAccepted", "tentative"), ("declined", "declined"),
     ("organizer", "accepted"), ("unheard-of", None)],
)  # fmt: skip
def test_the_owners_response_comes_from_the_top_level(
    response: str, owner_response: str | None
) -> None:
    parsed = parse_event(event(responseStatus={"response": response}), OWNER)
    assert parsed.owner_response == owner_response
    assert parsed.attendees[0].response == "needsAction"  # the owner's entry says "none"


def test_an_organizer_who_is_the_owner_has_accepted() -> None:
    parsed = parse_event(
        event(isOrganizer=True, responseStatus={"response": "none"},
              organizer=address(OWNER, "Sam Patel")),
        OWNER,
    )  # fmt: skip
    assert parsed.owner_response == "accepted"


def test_a_name_that_is_only_the_address_is_no_name() -> None:
    parsed = parse_event(
        event(organizer=address("jo@globex.com", "jo@globex.com"), attendees=[]), OWNER
    )
    assert parsed.organizer == Person("jo@globex.com", None)


def test_a_delta_removal_stub() -> None:
    stub = {"id": "AAMkAGone=", "@removed": {"reason": "deleted"}}
    assert removed_id(stub) == "AAMkAGone="
    assert removed_id(event()) is None


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("x", "must be a JSON object"),
        ({"subject": "no id"}, "no id"),
        ({"id": "x"}, "no start"),
        ({"id": "x", "start": {"dateTime": "soon", "timeZone": "UTC"}}, "start.dateTime"),
        ({"id": "x", "start": {"dateTime": "", "timeZone": "UTC"}}, "no start"),
    ],
)
def test_malformed_items_raise_a_one_line_value_error(item: Any, message: str) -> None:
    with pytest.raises(GraphEventError, match=message) as raised:
        parse_event(item, OWNER)
    assert isinstance(raised.value, ValueError)
    assert "\n" not in str(raised.value)


def test_wrong_types_and_hostile_text_are_tolerated() -> None:
    parsed = parse_event(
        event(subject=["x"], location="Room 1", organizer={"emailAddress": "nope"},
              body={"contentType": "html", "content": "<p>a\x00b</p>" + "<i>x</i>" * 100_000},
              attendees=[{"type": 5, **address("jo@globex.com", "Jo\x07")}, {"status": 1},
                         {"emailAddress": {"address": 42}}, "junk"],
              responseStatus="accepted", categories="Focus time"),
        OWNER,
    )  # fmt: skip
    assert parsed.title == ""
    assert parsed.location == ""
    assert parsed.organizer is None
    assert parsed.owner_response is None
    assert parsed.kind == "default"
    assert parsed.description.startswith("ab\n")
    assert len(parsed.description) <= MAX_TEXT_CHARS
    assert parsed.attendees == (Attendee("jo@globex.com", "Jo", "needsAction"),)


def test_parse_events_skips_what_it_cannot_read() -> None:
    events, skipped = parse_events([event(), {"id": "bad"}, 3], OWNER)
    assert [e.id for e in events] == [EVENT["id"]]
    assert [(s.id, s.error) for s in skipped] == [
        ("bad", "event has no start time"),
        (None, "an event must be a JSON object, not int"),
    ]


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
_time = st.fixed_dictionaries(
    {}, optional={"dateTime": st.text(max_size=30) | _json,
                  "timeZone": st.sampled_from(["UTC", "Pacific Standard Time", "Nowhere"])
                  | _json},
)  # fmt: skip
_fields = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=20) | _json,
        "subject": st.text(max_size=200) | _json,
        "body": st.fixed_dictionaries(
            {}, optional={"contentType": st.sampled_from(["html", "text"]) | _json,
                          "content": st.text(max_size=300) | _json}) | _json,
        "start": _time | _json,
        "end": _time | _json,
        "isAllDay": _json,
        "isCancelled": _json,
        "showAs": _json,
        "responseStatus": _json,
        "organizer": _json,
        "attendees": st.lists(_json, max_size=4) | _json,
    },
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(item=_fields)
def test_arbitrary_json_parses_or_raises_the_parsers_error(item: dict[str, Any]) -> None:
    try:
        parsed = parse_event(item, OWNER)
    except GraphEventError as exc:
        assert "\n" not in str(exc)
    else:
        assert parsed.start.tzinfo is not None and parsed.end >= parsed.start
