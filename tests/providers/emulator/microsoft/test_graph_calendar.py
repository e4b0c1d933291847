"""Graph calendar and profile over https: event resources, calendarView delta rounds with
paging, removals and stale tokens; /me and mailboxSettings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from providers.emulator.control import AttendeeSpec, EventSpec, PersonSpec
from tests.providers.emulator.microsoft.conftest import Outlook, Running, new_address, sign_in
from tests.providers.emulator.microsoft.shapes import (
    assert_event,
    assert_graph_error,
    assert_mailbox_settings,
    assert_user,
)

WINDOW = {"startDateTime": "2026-08-01T00:00:00Z", "endDateTime": "2026-10-01T00:00:00Z"}
RITA = PersonSpec("rita@acme.example", "Rita Ruiz")


def _interview(event_id: str, owner: str, *, day: int = 21, **changes: Any) -> EventSpec:
    fields: dict[str, Any] = {
        "id": event_id,
        "title": "Interview: Alex Kim / Data Engineer",
        "start": datetime(2026, 8, day, 14, 0, tzinfo=UTC),
        "end": datetime(2026, 8, day, 15, 0, tzinfo=UTC),
        "description": "Round 1 <b>with</b> Jane\n& the team",
        "location": "Zoom",
        "organizer": RITA,
        "attendees": (
            AttendeeSpec(owner, "Alex Kim", response="accepted"),
            AttendeeSpec("jane@acme.example", "Jane Doe", response="tentative"),
            AttendeeSpec("rita@acme.example", "Rita Ruiz", optional=True),
            AttendeeSpec("room-4@acme.example", "Room 4", resource=True, response="accepted"),
        ),
    }
    fields.update(changes)
    return EventSpec(**fields)


def _round(outlook: Outlook, url: str, params: dict[str, str] | None = None,
           page_size: int | None = None) -> tuple[list[dict[str, Any]], str, int]:
    """Follow nextLinks to the end of a round: (items, deltaLink, pages)."""
    headers = {"Prefer": f"odata.maxpagesize={page_size}"} if page_size else {}
    items: list[dict[str, Any]] = []
    pages = 0
    answer = outlook.graph.get(url, params=params, headers=headers)
    while True:
        assert answer.status_code == 200, answer.text
        body = answer.json()
        pages += 1
        assert len(body["value"]) <= (page_size or 10)
        items += body["value"]
        if "@odata.deltaLink" in body:
            assert "@odata.nextLink" not in body
            return items, body["@odata.deltaLink"], pages
        answer = outlook.graph.get(body["@odata.nextLink"], headers=headers)


def test_an_event_renders_as_a_graph_event(outlook: Outlook) -> None:
    outlook.control.put_event(outlook.address, _interview("ev1", outlook.address))
    [event], _, _ = _round(outlook, "/me/calendarView/delta", WINDOW)
    assert_event(event)
    assert event["id"] == "ev1"
    assert event["subject"] == "Interview: Alex Kim / Data Engineer"
    assert event["start"] == {"dateTime": "2026-08-21T14:00:00.0000000", "timeZone": "UTC"}
    assert event["end"] == {"dateTime": "2026-08-21T15:00:00.0000000", "timeZone": "UTC"}
    assert event["isOrganizer"] is False
    assert event["isCancelled"] is False
    assert event["responseStatus"]["response"] == "accepted"
    assert event["organizer"] == {"emailAddress": {"name": "Rita Ruiz",
                                                   "address": "rita@acme.example"}}
    assert [(a["type"], a["status"]["response"]) for a in event["attendees"]] == [
        ("required", "accepted"), ("required", "tentativelyAccepted"), ("optional", "none"),
        ("resource", "accepted")]
    assert event["location"]["displayName"] == "Zoom"
    assert event["body"]["contentType"] == "html"
    assert "Round 1 &lt;b&gt;with&lt;/b&gt; Jane<br>" in event["body"]["content"]
    assert "&amp; the team" in event["body"]["content"]
    assert event["bodyPreview"] == "Round 1 <b>with</b> Jane & the team"
    assert event["originalStartTimeZone"] == "Eastern Standard Time"


def test_owner_response_all_day_and_prefer_time_zone(outlook: Outlook) -> None:
    owner = outlook.address
    control = outlook.control
    control.put_event(owner, _interview("organized", owner, organizer=PersonSpec(owner)))
    control.put_event(owner, _interview("unanswered", owner, day=22, attendees=(
        AttendeeSpec(owner),)))
    control.put_event(owner, _interview("declined", owner, day=23, attendees=(
        AttendeeSpec(owner, response="declined"),)))
    control.put_event(owner, EventSpec(
        id="allday", title="Offsite", all_day=True,
        start=datetime(2026, 8, 24, tzinfo=UTC), end=datetime(2026, 8, 25, tzinfo=UTC)))
    items, _, _ = _round(outlook, "/me/calendarView/delta", WINDOW)
    by_id = {e["id"]: e for e in items}
    assert by_id["organized"]["isOrganizer"] is True
    assert by_id["organized"]["responseStatus"]["response"] == "organizer"
    assert by_id["unanswered"]["responseStatus"] == {"response": "notResponded",
                                                     "time": "0001-01-01T00:00:00Z"}
    assert by_id["declined"]["showAs"] == "free"
    assert by_id["allday"]["isAllDay"] is True
    assert by_id["allday"]["start"]["dateTime"] == "2026-08-24T00:00:00.0000000"
    assert by_id["allday"]["end"]["dateTime"] == "2026-08-25T00:00:00.0000000"

    local = outlook.graph.get("/me/events/organized",
                              headers={"Prefer": 'outlook.timezone="Pacific Standard Time"'})
    assert local.json()["start"] == {"dateTime": "2026-08-21T07:00:00.0000000",
                                     "timeZone": "Pacific Standard Time"}
    selected = outlook.graph.get("/me/events/organized", params={"$select": "subject,start"})
    assert set(selected.json()) == {"@odata.context", "@odata.etag", "id", "subject", "start"}
    missing = outlook.graph.get("/me/events/nope")
    assert missing.status_code == 404
    assert_graph_error(missing.json(), "ErrorItemNotFound")


def test_the_owners_answer_on_a_plus_address_is_the_owners(outlook: Outlook) -> None:
    """responseStatus is the calendar owner's answer ("getting Alex' response status for that
    event in Alex' calendar": learn.microsoft.com/graph/api/resources/responsestatus), also
    when the invite named the owner's plus-address, which Exchange delivers to the mailbox."""
    owner = outlook.address
    local, _, domain = owner.partition("@")
    plus = f"{local}+jobs@{domain}"
    outlook.control.put_event(owner, _interview("plus", owner, attendees=(
        AttendeeSpec(plus, response="declined"),)))
    items, _, _ = _round(outlook, "/me/calendarView/delta", WINDOW)
    [event] = [e for e in items if e["id"] == "plus"]
    assert event["responseStatus"]["response"] == "declined"
    assert event["showAs"] == "free"


def test_calendar_delta_pages_then_reports_changes(outlook: Outlook, running: Running) -> None:
    owner = outlook.address
    for number in range(23):
        outlook.control.put_event(owner, _interview(f"ev{number:02}", owner,
                                                    day=1 + number % 28))
    outlook.control.put_event(owner, _interview("outside", owner, start=datetime(
        2026, 12, 1, tzinfo=UTC), end=datetime(2026, 12, 1, 1, tzinfo=UTC)))
    items, delta_link, pages = _round(outlook, "/me/calendarView/delta", WINDOW, page_size=10)
    assert pages == 3
    assert sorted(e["id"] for e in items) == [f"ev{n:02}" for n in range(23)]

    quiet, delta_link, _ = _round(outlook, delta_link)
    assert quiet == []

    running.clock.advance(timedelta(minutes=10))
    control = outlook.control
    control.put_event(owner, _interview("ev01", owner, title="Interview (moved)", day=25))
    control.put_event(owner, _interview("ev02", owner, status="cancelled"))
    control.delete_event(owner, "ev03")
    control.put_event(owner, _interview("ev04", owner, start=datetime(2027, 1, 1, tzinfo=UTC),
                                        end=datetime(2027, 1, 1, 1, tzinfo=UTC)))
    control.put_event(owner, _interview("outside", owner, title="still outside",
                                        start=datetime(2026, 12, 2, tzinfo=UTC),
                                        end=datetime(2026, 12, 2, 1, tzinfo=UTC)))
    control.put_event(owner, _interview("new", owner, day=30))
    changes, delta_link, _ = _round(outlook, delta_link)
    by_id = {e["id"]: e for e in changes}
    assert set(by_id) == {"ev01", "ev02", "ev03", "ev04", "new"}
    assert by_id["ev01"]["subject"] == "Interview (moved)"
    assert by_id["ev02"]["isCancelled"] is True
    assert by_id["ev03"] == {"@odata.type": "#microsoft.graph.event", "id": "ev03",
                             "@removed": {"reason": "deleted"}}
    # The window is fixed for the life of the delta link, and an event that leaves it is
    # "@removed" like a deleted one (https://learn.microsoft.com/en-us/graph/delta-query-events)
    assert "@removed" in by_id["ev04"]
    assert_event(by_id["new"])

    # A created-then-deleted event between two rounds is not reported at all.
    control.put_event(owner, _interview("blink", owner))
    control.delete_event(owner, "blink")
    blink, _, _ = _round(outlook, delta_link)
    assert blink == []


def test_delta_paging_survives_changes_between_pages(outlook: Outlook) -> None:
    owner = outlook.address
    for number in range(6):
        outlook.control.put_event(owner, _interview(f"e{number}", owner, day=10 + number))
    headers = {"Prefer": "odata.maxpagesize=3"}
    first = outlook.graph.get("/me/calendarView/delta", params=WINDOW, headers=headers).json()
    seen = [e["id"] for e in first["value"]]
    # An item of the next page changes while the client pages: it is not lost.
    late = next(n for n in ("e3", "e4", "e5") if n not in seen)
    outlook.control.put_event(owner, _interview(late, owner, title="changed", day=20))
    rest = outlook.graph.get(first["@odata.nextLink"], headers=headers).json()
    seen += [e["id"] for e in rest["value"]]
    while "@odata.nextLink" in rest:
        rest = outlook.graph.get(rest["@odata.nextLink"], headers=headers).json()
        seen += [e["id"] for e in rest["value"]]
    after = outlook.graph.get(rest["@odata.deltaLink"]).json()
    seen += [e["id"] for e in after["value"]]
    assert set(seen) == {f"e{n}" for n in range(6)}
    assert late in [e["id"] for e in after["value"]]


def test_stale_delta_tokens_are_410(outlook: Outlook, running: Running) -> None:
    _, delta_link, _ = _round(outlook, "/me/calendarView/delta", WINDOW)
    outlook.control.expire_sync_state(outlook.address)
    stale = outlook.graph.get(delta_link)
    assert stale.status_code == 410
    assert_graph_error(stale.json(), "SyncStateNotFound")
    garbled = outlook.graph.get("/me/calendarView/delta", params={"$deltatoken": "!!nope"})
    assert garbled.status_code == 410

    _, delta_link, _ = _round(outlook, "/me/calendarView/delta", WINDOW)
    running.clock.advance(timedelta(days=31))
    fresh = sign_in(running, outlook.address)
    too_old = fresh.graph.get(delta_link)
    assert too_old.status_code == 410
    # Another mailbox's token is not this mailbox's sync state either.
    other = sign_in(running, new_address(running))
    _, other_link, _ = _round(other, "/me/calendarView/delta", WINDOW)
    assert fresh.graph.get(other_link).status_code == 410


def test_calendar_delta_needs_a_window_and_refuses_odata(outlook: Outlook) -> None:
    for params in ({}, {"startDateTime": "2026-08-01T00:00:00Z"},
                   {"startDateTime": "yesterday", "endDateTime": "today"},
                   {**WINDOW, "$select": "subject"},
                   {"startDateTime": "2026-09-01T00:00:00Z",
                    "endDateTime": "2026-08-01T00:00:00Z"}):
        answer = outlook.graph.get("/me/calendarView/delta", params=params)
        assert answer.status_code == 400, (params, answer.text)
        assert_graph_error(answer.json())


def test_calendar_view_lists_with_paging(outlook: Outlook) -> None:
    for number in range(3):
        outlook.control.put_event(outlook.address, _interview(f"v{number}", outlook.address,
                                                              day=5 + number))
    first = outlook.graph.get("/me/calendarView", params={**WINDOW, "$top": "2"}).json()
    assert [e["id"] for e in first["value"]] == ["v0", "v1"]
    second = outlook.graph.get(first["@odata.nextLink"]).json()
    assert [e["id"] for e in second["value"]] == ["v2"]


def test_me_and_mailbox_settings(running: Running) -> None:
    address = new_address(running, name="Alex Kim", timezone="Europe/Berlin")
    outlook = sign_in(running, address)
    me = outlook.graph.get("/me").json()
    assert_user(me)
    assert (me["mail"], me["userPrincipalName"], me["displayName"]) == (
        address, address, "Alex Kim")
    selected = outlook.graph.get("/me", params={"$select": "displayName,mail"}).json()
    assert set(selected) == {"@odata.context", "id", "displayName", "mail"}
    settings = outlook.graph.get("/me/mailboxSettings").json()
    assert_mailbox_settings(settings)
    assert settings["timeZone"] == "W. Europe Standard Time"
    zone = outlook.graph.get("/me/mailboxSettings/timeZone").json()
    assert zone["value"] == "W. Europe Standard Time"


def test_missing_permissions_are_403(running: Running) -> None:
    outlook = sign_in(running, new_address(running), scopes=("Mail.ReadWrite",))
    me = outlook.graph.get("/me")
    assert me.status_code == 403
    assert_graph_error(me.json(), "Authorization_RequestDenied")
    calendar = outlook.graph.get("/me/calendarView/delta", params=WINDOW)
    assert calendar.status_code == 403
    assert_graph_error(calendar.json(), "ErrorAccessDenied")


def test_no_or_bad_token_is_401(running: Running) -> None:
    with httpx.Client(base_url=f"{running.base_url}/v1.0", verify=running.ssl_context(),
                      trust_env=False) as anonymous:
        empty = anonymous.get("/me")
        wrong = anonymous.get("/me", headers={"Authorization": "Bearer forged"})
    for answer in (empty, wrong):
        assert answer.status_code == 401
        assert_graph_error(answer.json(), "InvalidAuthenticationToken")
        assert "www-authenticate" in answer.headers
