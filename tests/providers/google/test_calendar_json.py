"""Google Calendar v3 Event resources -> CalendarEvent, on hand-written fixtures."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from providers.google.calendar_json import (
    GoogleEventError,
    parse_event,
    parse_events,
    removed_id,
)
from providers.html_text import MAX_TEXT_CHARS, MAX_TITLE_CHARS
from providers.model import Attendee, Person

OWNER = "alex.kim@gmail.com"

EVENT: dict[str, Any] = {
    "kind": "calendar#event",
    "id": "evt-acme-1",
    "status": "confirmed",
    "updated": "2026-04-30T19:12:00.000Z",
    "summary": "Interview: Alex Kim / Senior Data Engineer (Acme)",
    "description": (
        "<p>Hi Alex,</p><p>Interviewer: Jane Doe<br>Coordinator: Rita Ruiz &amp; team</p>"
        '<a href="https://acme.zoom.us/j/1">Join Zoom</a>'
    ),
    "location": "Zoom",
    "organizer": {"email": "Rita.Ruiz@acme.com", "displayName": "Rita Ruiz"},
    "start": {"dateTime": "2026-05-06T10:00:00-04:00", "timeZone": "America/New_York"},
    "end": {"dateTime": "2026-05-06T11:00:00-04:00", "timeZone": "America/New_York"},
    "eventType": "default",
    "attendees": [
        {"email": "alex.kim@gmail.com", "self": True, "responseStatus": "accepted"},
        {"email": "jane.doe@acme.com", "displayName": "Jane Doe", "responseStatus": "tentative"},
        {"email": "rita.ruiz@acme.com", "displayName": "Rita Ruiz", "organizer": True,
         "optional": True, "responseStatus": "accepted"},
        {"email": "c_1@resource.calendar.google.com", "displayName": "NYC-4-Atlas (6)",
         "resource": True, "responseStatus": "accepted"},
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
    assert parsed.id == "evt-acme-1"
    assert parsed.title == "Interview: Alex Kim / Senior Data Engineer (Acme)"
    assert parsed.start == datetime(2026, 5, 6, 14, 0, tzinfo=UTC)
    assert parsed.end - parsed.start == timedelta(hours=1)
    assert parsed.start.utcoffset() == timedelta(hours=-4)
    assert not parsed.all_day
    assert parsed.status == "confirmed"
    assert parsed.kind == "default"
    assert parsed.location == "Zoom"
    assert parsed.organizer == Person("rita.ruiz@acme.com", "Rita Ruiz")
    assert parsed.owner_response is None  # Google states it on the "self" attendee
    assert parsed.updated == datetime(2026, 4, 30, 19, 12, tzinfo=UTC)
    assert parsed.attendees == (
        Attendee("alex.kim@gmail.com", None, "accepted", is_self=True),
        Attendee("jane.doe@acme.com", "Jane Doe", "tentative"),
        Attendee("rita.ruiz@acme.com", "Rita Ruiz", "accepted", optional=True,
                 is_organizer=True),
        Attendee("c_1@resource.calendar.google.com", "NYC-4-Atlas (6)", "accepted",
                 resource=True),
    )  # fmt: skip


def test_an_html_description_becomes_plain_text_with_its_line_breaks() -> None:
    parsed = parse_event(event(), OWNER)
    assert parsed.description == (
        "Hi Alex,\n\nInterviewer: Jane Doe\nCoordinator: Rita Ruiz & team\nJoin Zoom"
    )


def test_a_plain_description_with_angle_brackets_is_left_alone() -> None:
    parsed = parse_event(event(description="Alex <> Acme\r\nRole: a < b"), OWNER)
    assert parsed.description == "Alex <> Acme\nRole: a < b"


def test_an_all_day_event() -> None:
    parsed = parse_event(event(start={"date": "2026-05-06"}, end={"date": "2026-05-07"}), OWNER)
    assert parsed.all_day
    assert parsed.start == datetime(2026, 5, 6, tzinfo=UTC)
    assert parsed.end == datetime(2026, 5, 7, tzinfo=UTC)


def test_a_date_time_without_offset_takes_the_events_time_zone() -> None:
    parsed = parse_event(
        event(start={"dateTime": "2026-05-06T10:00:00", "timeZone": "Europe/Madrid"}), OWNER
    )
    assert parsed.start == datetime(2026, 5, 6, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("event_type", "kind"),
    [("outOfOffice", "outOfOffice"), ("focusTime", "focusTime"),
     ("workingLocation", "workingLocation"), ("fromGmail", "default"), ("birthday", "default"),
     (42, "default")],
)  # fmt: skip
def test_event_types_become_kinds(event_type: Any, kind: str) -> None:
    assert parse_event(event(eventType=event_type), OWNER).kind == kind


@pytest.mark.parametrize(
    ("status", "parsed_status"),
    [("cancelled", "cancelled"), ("tentative", "tentative"), ("weird", "confirmed")],
)
def test_status(status: str, parsed_status: str) -> None:
    assert parse_event(event(status=status), OWNER).status == parsed_status


def test_the_owner_is_recognised_by_address_when_self_is_missing() -> None:
    item = event()
    item["attendees"][0] = {"email": "ALEX.KIM@gmail.com", "responseStatus": "declined"}
    parsed = parse_event(item, "Alex.Kim@gmail.com")
    assert parsed.attendees[0].is_self
    assert parsed.attendees[0].response == "declined"


def test_a_deletion_stub_is_a_removal_not_an_event() -> None:
    stub = {"kind": "calendar#event", "id": "evt-gone", "status": "cancelled"}
    assert removed_id(stub) == "evt-gone"
    assert removed_id(event()) is None
    with pytest.raises(GoogleEventError, match="no start"):
        parse_event(stub, OWNER)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ([], "must be a JSON object"),
        ({"summary": "no id"}, "no id"),
        ({"id": "x", "start": "tomorrow"}, "no start"),
        ({"id": "x", "start": {"dateTime": "not a time"}}, "start.dateTime"),
        ({"id": "x", "start": {"date": "2026-13-45"}}, "start.date"),
        ({"id": "x", "start": {}}, "no start"),
    ],
)
def test_malformed_items_raise_a_one_line_value_error(item: Any, message: str) -> None:
    with pytest.raises(GoogleEventError, match=message) as raised:
        parse_event(item, OWNER)
    assert isinstance(raised.value, ValueError)
    assert "\n" not in str(raised.value)


def test_wrong_types_in_optional_fields_are_tolerated() -> None:
    parsed = parse_event(
        event(summary=123, description=["x"], location={"a": 1}, organizer="someone",
              attendees=[None, 5, {"displayName": "no address"}, {"email": 7},
                         {"email": "jane.doe@acme.com", "responseStatus": "maybe",
                          "optional": "yes"},
                         {"email": "JANE.DOE@acme.com"}],
              updated="yesterday"),
        OWNER,
    )  # fmt: skip
    assert parsed.title == ""
    assert parsed.description == ""
    assert parsed.location == ""
    assert parsed.organizer is None
    assert parsed.updated is None
    assert parsed.attendees == (Attendee("jane.doe@acme.com", None, "needsAction"),)


def test_hostile_text_is_cleaned_and_bounded() -> None:
    parsed = parse_event(
        event(summary="Inter\x00view\u200b\n" + "x" * 50_000,
              description="Role:\x07 Engineer\n" + "y" * 1_000_000,
              attendees=[{"email": "a@b.com", "displayName": "Eve\x1b[31m" + "z" * 10_000}]),
        OWNER,
    )  # fmt: skip
    assert parsed.title.startswith("Interview ")
    assert len(parsed.title) <= MAX_TITLE_CHARS
    assert "\n" not in parsed.title
    assert parsed.description.startswith("Role: Engineer\n")
    assert len(parsed.description) <= MAX_TEXT_CHARS
    name = parsed.attendees[0].name
    assert name is not None and name.startswith("Eve[31m") and len(name) <= 200


def test_deeply_nested_markup_does_not_crash() -> None:
    markup = "<div>" * 5_000 + "<b>Role: Engineer</b>" + "</div>" * 5_000
    assert "Role: Engineer" in parse_event(event(description=markup), OWNER).description


def test_an_end_before_the_start_is_clamped() -> None:
    parsed = parse_event(event(end={"dateTime": "2026-05-06T09:00:00-04:00"}), OWNER)
    assert parsed.end == parsed.start


def test_a_garbage_time_zone_is_ignored() -> None:
    parsed = parse_event(
        event(start={"dateTime": "2026-05-06T10:00:00", "timeZone": "../../etc/passwd"}), OWNER
    )
    assert parsed.start.tzinfo is not None


def test_parse_events_skips_what_it_cannot_read_and_says_why() -> None:
    events, skipped = parse_events(
        [event(), {"id": "bad", "start": {"dateTime": "?"}}, "junk", event(id="evt-2")], OWNER
    )
    assert [e.id for e in events] == ["evt-acme-1", "evt-2"]
    assert [(s.id, s.error) for s in skipped] == [
        ("bad", "start.dateTime is not a date-time"),
        (None, "an event must be a JSON object, not str"),
    ]


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
_fields = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=20) | st.integers(),
        "status": st.sampled_from(["confirmed", "cancelled", "x"]) | _json,
        "summary": st.text(max_size=200) | _json,
        "description": st.text(max_size=500) | _json,
        "start": st.fixed_dictionaries(
            {}, optional={"dateTime": st.text(max_size=30), "date": st.text(max_size=12),
                          "timeZone": st.text(max_size=20)}) | _json,
        "end": _json,
        "organizer": st.fixed_dictionaries({}, optional={"email": st.text(max_size=30)}) | _json,
        "attendees": st.lists(_json | st.fixed_dictionaries(
            {"email": st.emails()}, optional={"self": _json, "optional": _json}), max_size=4)
        | _json,
        "eventType": _json,
    },
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(item=_fields)
def test_arbitrary_json_parses_or_raises_the_parsers_error(item: dict[str, Any]) -> None:
    try:
        parsed = parse_event(item, OWNER)
    except GoogleEventError as exc:
        assert "\n" not in str(exc)
    else:
        assert parsed.start.tzinfo is not None and parsed.end >= parsed.start


def test_fixed_offsets_survive() -> None:
    parsed = parse_event(event(start={"dateTime": "2026-05-06T10:00:00+05:30"}), OWNER)
    assert parsed.start.utcoffset() == timezone(timedelta(hours=5, minutes=30)).utcoffset(None)
