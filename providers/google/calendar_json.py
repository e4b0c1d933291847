"""Google Calendar API v3 Event resources -> :class:`providers.model.CalendarEvent`.

Pure functions over the decoded JSON: no I/O. Calendar invites are written by strangers, so
anything malformed is either tolerated (odd optional fields) or reported as
:class:`GoogleEventError` with a one-line message (no id, no start), never a crash.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from providers.html_text import description_text, one_line
from providers.model import (
    Attendee,
    CalendarEvent,
    EventKind,
    EventStatus,
    Person,
    Response,
    SkippedItem,
)
from providers.parsing import item_id, parse_each

_RESPONSES: frozenset[str] = frozenset({"accepted", "declined", "tentative", "needsAction"})
_STATUSES: frozenset[str] = frozenset({"confirmed", "tentative", "cancelled"})
_KINDS: dict[str, EventKind] = {
    "outOfOffice": "outOfOffice",
    "focusTime": "focusTime",
    "workingLocation": "workingLocation",
}
_MAX_ATTENDEES = 500


class GoogleEventError(ValueError):
    """A Google Calendar item that cannot become a CalendarEvent; the message is one line."""


def parse_events(
    items: Iterable[Any], owner_email: str
) -> tuple[list[CalendarEvent], list[SkippedItem]]:
    """Every item that parses, and a SkippedItem (logged) for each one that does not."""
    return parse_each(items, lambda item: parse_event(item, owner_email), GoogleEventError,
                      "calendar item")


def removed_id(item: Any) -> str | None:
    """The id of a deletion stub (incremental sync sends ``{"id", "status": "cancelled"}``
    without times for events deleted since the last sync), else None."""
    if (
        isinstance(item, Mapping)
        and item.get("status") == "cancelled"
        and not isinstance(item.get("start"), Mapping)
    ):
        return item_id(item)
    return None


def parse_event(item: Any, owner_email: str) -> CalendarEvent:
    if not isinstance(item, Mapping):
        raise GoogleEventError(f"an event must be a JSON object, not {type(item).__name__}")
    event_id = item_id(item)
    if not event_id:
        raise GoogleEventError("event has no id")
    owner = owner_email.strip().lower()
    all_day = _is_date_only(item.get("start"))
    start = _parse_time(item.get("start"), "start")
    end = _parse_time(item.get("end"), "end") if item.get("end") is not None else start
    if end < start:
        end = start
    status_raw = item.get("status")
    status = cast(EventStatus, status_raw if isinstance(status_raw, str)
                  and status_raw in _STATUSES else "confirmed")
    organizer = _person(item.get("organizer"))
    attendees = _attendees(item.get("attendees"), owner, organizer)
    kind = _KINDS.get(str(item.get("eventType") or "default"), "default")
    return CalendarEvent(
        id=event_id,
        title=one_line(_text(item.get("summary"))),
        description=description_text(_text(item.get("description"))),
        location=one_line(_text(item.get("location"))),
        start=start,
        end=end,
        all_day=all_day,
        status=status,
        organizer=organizer,
        attendees=attendees,
        owner_response=None,  # Google states it only on the attendee marked "self"
        kind=kind,
        updated=_parse_instant(item.get("updated")),
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _email(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    email = one_line(value, 320).lower().strip("<>\"' ")
    return email if "@" in email else None


def _name(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return one_line(value, 200) or None


def _person(raw: Any) -> Person | None:
    if not isinstance(raw, Mapping):
        return None
    email = _email(raw.get("email"))
    if email is None:
        return None
    return Person(email=email, name=_name(raw.get("displayName")))


def _attendees(raw: Any, owner: str, organizer: Person | None) -> tuple[Attendee, ...]:
    if not isinstance(raw, list):
        return ()
    seen: set[str] = set()
    attendees: list[Attendee] = []
    for entry in raw[:_MAX_ATTENDEES]:
        if not isinstance(entry, Mapping):
            continue
        email = _email(entry.get("email"))
        if email is None or email in seen:
            continue
        seen.add(email)
        response_raw = entry.get("responseStatus")
        # a list or an object there is no status (and cannot be looked up in a set)
        response = cast(Response, response_raw if isinstance(response_raw, str)
                        and response_raw in _RESPONSES else "needsAction")
        attendees.append(
            Attendee(
                email=email,
                name=_name(entry.get("displayName")),
                response=response,
                optional=entry.get("optional") is True,
                resource=entry.get("resource") is True,
                is_self=entry.get("self") is True or email == owner,
                is_organizer=entry.get("organizer") is True
                or (organizer is not None and email == organizer.email),
            )
        )
    return tuple(attendees)


def _is_date_only(raw: Any) -> bool:
    return isinstance(raw, Mapping) and not raw.get("dateTime") and bool(raw.get("date"))


def _parse_time(raw: Any, which: str) -> datetime:
    """``{"dateTime": "...+02:00"}`` or ``{"date": "2026-05-01"}`` (all-day, in the event's
    or else UTC's midnight) as an aware datetime."""
    if not isinstance(raw, Mapping):
        raise GoogleEventError(f"event has no {which} time")
    zone = _zone(raw.get("timeZone"))
    date_time = raw.get("dateTime")
    if isinstance(date_time, str) and date_time:
        try:
            moment = datetime.fromisoformat(date_time.strip())
        except ValueError:
            raise GoogleEventError(f"{which}.dateTime is not a date-time") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone or UTC)
        return moment
    day = raw.get("date")
    if isinstance(day, str) and day:
        try:
            parsed = date.fromisoformat(day.strip())
        except ValueError:
            raise GoogleEventError(f"{which}.date is not a date") from None
        return datetime.combine(parsed, time(0), tzinfo=zone or UTC)
    raise GoogleEventError(f"event has no {which} time")


def _zone(raw: Any) -> ZoneInfo | None:
    if not isinstance(raw, str) or not raw or len(raw) > 64:
        return None
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _parse_instant(raw: Any) -> datetime | None:
    if not isinstance(raw, str):
        return None
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
