"""Graph's calendar endpoints (calendarView and its delta, one event) and the signed-in user
with their mailbox settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from providers.emulator.control import AttendeeSpec, EventSpec, PersonSpec
from providers.emulator.microsoft import delta
from providers.emulator.microsoft.graph_protocol import (
    GraphCall,
    GraphError,
    GraphResponse,
    JsonObject,
    bad_request,
    int_option,
)
from providers.emulator.microsoft.odata import parse_datetime, parse_select, schema_of
from providers.emulator.microsoft.resources import (
    mailbox_time_zone,
    removed,
    render_event,
    render_mailbox_settings,
    render_user,
)
from providers.emulator.microsoft.store import Mailbox, StoredEvent
from providers.emulator.microsoft.timezones import zone_for

EVENT_TYPE = "microsoft.graph.event"
USER_TYPE = "microsoft.graph.user"
DEFAULT_PAGE_SIZE = 10
MAX_TOP = 1000
DELTA_OPTIONS = frozenset({"$skiptoken", "$deltatoken"})
VIEW_OPTIONS = frozenset({"$top", "$skip", "$select"})
GET_OPTIONS = frozenset({"$select"})
USER_OPTIONS = frozenset({"$select"})


def _sample_schema() -> dict[str, object]:
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    person = PersonSpec("a@example.com", "A")
    spec = EventSpec(id="sample", title="", start=moment, end=moment, organizer=person,
                     attendees=(AttendeeSpec("a@example.com"),), location="x")
    mailbox = Mailbox("owner@example.com", "Owner", "UTC")
    event = StoredEvent(spec=spec, created=moment, modified=moment, seq=0)
    return schema_of(render_event(event, mailbox, ZoneInfo("UTC"), "UTC", None))


EVENT_SCHEMA = _sample_schema()
_UTC = ZoneInfo("UTC")


def _zone(call: GraphCall) -> tuple[ZoneInfo, str]:
    """``Prefer: outlook.timezone`` (Windows or IANA name); UTC when absent or unknown."""
    name = call.preferences.time_zone
    if name:
        zone = zone_for(name)
        if zone is not None:
            return zone, name
    return _UTC, "UTC"


def _render(call: GraphCall, event: StoredEvent, zone: ZoneInfo, label: str) -> JsonObject:
    return render_event(event, call.mailbox, zone, label, call.preferences.body_type)


def _overlaps(start: datetime, end: datetime, window: tuple[datetime, datetime]) -> bool:
    return start < window[1] and end > window[0]


def _window_parameter(call: GraphCall, name: str) -> datetime:
    raw = next((v for k, v in call.request.query if k.lower() == name.lower()), None)
    if raw is None:
        raise bad_request("This request requires a time window specified by the query string "
                          "parameters StartDateTime and EndDateTime.",
                          code="ErrorInvalidParameter")
    moment = parse_datetime(raw.strip().replace(" ", "+"))
    if moment is None:
        raise bad_request(f"The value '{raw}' of parameter '{name}' is not a valid date-time.",
                          code="ErrorInvalidParameter")
    return moment


def _window(call: GraphCall) -> tuple[datetime, datetime]:
    start = _window_parameter(call, "startDateTime")
    end = _window_parameter(call, "endDateTime")
    if end <= start:
        raise bad_request("The parameter 'EndDateTime' must be after 'StartDateTime'.",
                          code="ErrorInvalidParameter")
    return start, end


def calendar_view_delta(call: GraphCall, sync_state_lifetime: timedelta) -> GraphResponse:
    mailbox = call.mailbox
    kind = "calendarView"
    token = call.options.get("$skiptoken") or call.options.get("$deltatoken")
    if token is not None:
        position = delta.decode(token, kind, mailbox.user_id, mailbox.sync_generation)
        if position.snapshot > mailbox.seq or \
                call.now.timestamp() - position.issued > sync_state_lifetime.total_seconds():
            raise delta.StaleSyncState("the sync state expired")
        if call.options.get("$deltatoken"):
            position = delta.SyncPosition(
                kind=kind, user_id=position.user_id, generation=position.generation,
                since=position.since, snapshot=mailbox.seq, issued=position.issued,
                params=position.params,
            )
        start = parse_datetime(str(position.params.get("start")))
        end = parse_datetime(str(position.params.get("end")))
        if start is None or end is None:
            raise delta.StaleSyncState("the token has no window")
        window = (start, end)
    else:
        window = _window(call)
        position = delta.SyncPosition(
            kind=kind, user_id=mailbox.user_id, generation=mailbox.sync_generation, since=-1,
            snapshot=mailbox.seq, issued=call.now.timestamp(),
            params={"start": window[0].isoformat(), "end": window[1].isoformat()},
        )
    zone, label = _zone(call)
    size = call.preferences.max_page_size or DEFAULT_PAGE_SIZE
    changed = [
        (event.seq, event_id, event) for event_id, event in mailbox.events.items()
        if position.since < event.seq <= position.snapshot
    ]
    chosen, after = delta.page(changed, position.after, size)
    values: list[JsonObject] = []
    for event in chosen:
        if event.alive and _overlaps(event.spec.start, event.spec.end, window):
            values.append(_render(call, event, zone, label))
        elif position.since >= 0:
            seen = event.version_at(position.since)
            if seen is not None and seen.alive and _overlaps(seen.start, seen.end, window):
                values.append(removed("event", event.spec.id))
    body: JsonObject = {"@odata.context": call.context("Collection(event)"), "value": values}
    if after is not None:
        body["@odata.nextLink"] = call.link(
            "me/calendarView/delta",
            [("$skiptoken", delta.encode(position.next_page(after, call.now)))])
    else:
        body["@odata.deltaLink"] = call.link(
            "me/calendarView/delta",
            [("$deltatoken", delta.encode(position.next_round(call.now)))])
    headers = {}
    if call.preferences.max_page_size:
        headers["Preference-Applied"] = f"odata.maxpagesize={call.preferences.max_page_size}"
    return GraphResponse(200, body, headers)


def _select(call: GraphCall, resource: JsonObject, schema: dict[str, object],
            type_name: str) -> JsonObject:
    text = call.options.get("$select")
    if not text:
        return resource
    names = set(parse_select(text, schema, type_name))
    return {k: v for k, v in resource.items()
            if k in names or k in ("id", "@odata.etag")}


def calendar_view(call: GraphCall) -> GraphResponse:
    window = _window(call)
    zone, label = _zone(call)
    top = int_option(call.options, "$top", 1, MAX_TOP) or DEFAULT_PAGE_SIZE
    skip = int_option(call.options, "$skip", 0, 10**9) or 0
    events = sorted(
        (e for e in call.mailbox.events.values()
         if e.alive and _overlaps(e.spec.start, e.spec.end, window)),
        key=lambda e: (e.spec.start, e.spec.id),
    )
    chosen = events[skip:skip + top]
    body: JsonObject = {
        "@odata.context": call.context(f"users('{call.mailbox.address}')/calendarView"),
        "value": [_select(call, _render(call, e, zone, label), EVENT_SCHEMA, EVENT_TYPE)
                  for e in chosen],
    }
    if skip + top < len(events):
        params = [(k, v) for k, v in call.request.query if k.lower() != "$skip"]
        params.append(("$skip", str(skip + top)))
        body["@odata.nextLink"] = call.link("me/calendarView", params)
    return GraphResponse(200, body)


def get_event(call: GraphCall) -> GraphResponse:
    event = call.mailbox.events.get(call.match["id"])
    if event is None or not event.alive:
        raise GraphError(404, "ErrorItemNotFound",
                         "The specified object was not found in the store.")
    zone, label = _zone(call)
    resource = _select(call, _render(call, event, zone, label), EVENT_SCHEMA, EVENT_TYPE)
    return GraphResponse(200, {
        "@odata.context": call.context(f"users('{call.mailbox.address}')/events/$entity"),
        **resource,
    })


_USER_SCHEMA = schema_of(render_user(Mailbox("owner@example.com", "Owner Name", "UTC")))


def get_me(call: GraphCall) -> GraphResponse:
    resource = _select(call, render_user(call.mailbox), _USER_SCHEMA, USER_TYPE)
    return GraphResponse(200, {"@odata.context": call.context("users/$entity"), **resource})


def get_mailbox_settings(call: GraphCall, windows_names: bool) -> GraphResponse:
    settings = render_mailbox_settings(call.mailbox, windows_names)
    text = call.options.get("$select")
    if text:
        names = set(parse_select(text, schema_of(settings), "microsoft.graph.mailboxSettings"))
        settings = {k: v for k, v in settings.items() if k in names}
    return GraphResponse(200, {
        "@odata.context": call.context(f"users('{call.mailbox.address}')/mailboxSettings"),
        **settings,
    })


def get_mailbox_time_zone(call: GraphCall, windows_names: bool) -> GraphResponse:
    return GraphResponse(200, {
        "@odata.context":
            call.context(f"users('{call.mailbox.address}')/mailboxSettings/timeZone"),
        "value": mailbox_time_zone(call.mailbox, windows_names),
    })
