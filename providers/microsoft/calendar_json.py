"""Microsoft Graph v1.0 event resources -> :class:`providers.model.CalendarEvent`.

Pure functions over the decoded JSON: no I/O. Calendar invites are written by strangers, so
anything malformed is either tolerated (odd optional fields; a time zone no table knows is
read as UTC, logged) or reported as :class:`GraphEventError` with a one-line message (no id,
no start), never a crash.

Graph states the owner's own answer in the top-level ``responseStatus``; the owner's entry
in ``attendees`` often says ``none`` whatever they answered.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# CLDR's whole Windows -> IANA table (tzlocal is pinned: APScheduler 3 depends on it).
from tzlocal.windows_tz import win_tz

from providers.html_text import clean_text, description_text, html_to_text, one_line
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

log = logging.getLogger(__name__)

_RESPONSES: dict[str, Response] = {
    "none": "needsAction",
    "notresponded": "needsAction",
    "accepted": "accepted",
    "organizer": "accepted",
    "tentativelyaccepted": "tentative",
    "declined": "declined",
}
_KINDS: dict[str, EventKind] = {"oof": "outOfOffice", "workingelsewhere": "workingLocation"}
_MAX_ATTENDEES = 500
# Graph writes seven fractional digits ("2026-05-01T09:00:00.0000000"); Python reads six.
_FRACTION = re.compile(r"(\.\d{1,6})\d*")

# Windows time zone names Graph returns when the mailbox (or a Prefer header) asks for them,
# mapped to IANA names (from CLDR's windowsZones, the "001" territory).
WINDOWS_ZONES: dict[str, str] = {
    "UTC": "UTC",
    "Coordinated Universal Time": "UTC",
    "GMT Standard Time": "Europe/London",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "W. Europe Standard Time": "Europe/Berlin",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "Romance Standard Time": "Europe/Paris",
    "E. Europe Standard Time": "Europe/Chisinau",
    "FLE Standard Time": "Europe/Kiev",
    "GTB Standard Time": "Europe/Bucharest",
    "Russian Standard Time": "Europe/Moscow",
    "Turkey Standard Time": "Europe/Istanbul",
    "Israel Standard Time": "Asia/Jerusalem",
    "South Africa Standard Time": "Africa/Johannesburg",
    "Egypt Standard Time": "Africa/Cairo",
    "Arabian Standard Time": "Asia/Dubai",
    "Arab Standard Time": "Asia/Riyadh",
    "India Standard Time": "Asia/Kolkata",
    "Pakistan Standard Time": "Asia/Karachi",
    "Bangladesh Standard Time": "Asia/Dhaka",
    "SE Asia Standard Time": "Asia/Bangkok",
    "China Standard Time": "Asia/Shanghai",
    "Singapore Standard Time": "Asia/Singapore",
    "Taipei Standard Time": "Asia/Taipei",
    "Tokyo Standard Time": "Asia/Tokyo",
    "Korea Standard Time": "Asia/Seoul",
    "W. Australia Standard Time": "Australia/Perth",
    "Cen. Australia Standard Time": "Australia/Adelaide",
    "AUS Eastern Standard Time": "Australia/Sydney",
    "E. Australia Standard Time": "Australia/Brisbane",
    "New Zealand Standard Time": "Pacific/Auckland",
    "Hawaiian Standard Time": "Pacific/Honolulu",
    "Alaskan Standard Time": "America/Anchorage",
    "Pacific Standard Time": "America/Los_Angeles",
    "US Mountain Standard Time": "America/Phoenix",
    "Mountain Standard Time": "America/Denver",
    "Central Standard Time": "America/Chicago",
    "Canada Central Standard Time": "America/Regina",
    "Central America Standard Time": "America/Guatemala",
    "Central Standard Time (Mexico)": "America/Mexico_City",
    "Eastern Standard Time": "America/New_York",
    "US Eastern Standard Time": "America/Indianapolis",
    "Atlantic Standard Time": "America/Halifax",
    "Newfoundland Standard Time": "America/St_Johns",
    "SA Pacific Standard Time": "America/Bogota",
    "Pacific SA Standard Time": "America/Santiago",
    "E. South America Standard Time": "America/Sao_Paulo",
    "Argentina Standard Time": "America/Buenos_Aires",
}


class GraphEventError(ValueError):
    """A Graph event that cannot become a CalendarEvent; the message is one line."""


def parse_events(
    items: Iterable[Any], owner_email: str
) -> tuple[list[CalendarEvent], list[SkippedItem]]:
    """Every item that parses, and a SkippedItem (logged) for each one that does not."""
    return parse_each(items, lambda item: parse_event(item, owner_email), GraphEventError,
                      "calendar item")


def removed_id(item: Any) -> str | None:
    """The id of a delta deletion stub (``{"id": ..., "@removed": {...}}``), else None."""
    if isinstance(item, Mapping) and "@removed" in item:
        return item_id(item)
    return None


def parse_event(item: Any, owner_email: str) -> CalendarEvent:
    if not isinstance(item, Mapping):
        raise GraphEventError(f"an event must be a JSON object, not {type(item).__name__}")
    event_id = item_id(item)
    if not event_id:
        raise GraphEventError("event has no id")
    owner = owner_email.strip().lower()
    start = _parse_time(item.get("start"), "start")
    end = _parse_time(item.get("end"), "end") if item.get("end") is not None else start
    if end < start:
        end = start
    organizer = graph_person(item.get("organizer"))
    owner_organizes = item.get("isOrganizer") is True or (
        organizer is not None and organizer.email == owner
    )
    attendees = _attendees(item.get("attendees"), owner, organizer)
    status: EventStatus = "cancelled" if item.get("isCancelled") is True else "confirmed"
    show_as = item.get("showAs")
    categories = item.get("categories")
    kind: EventKind = (
        _KINDS.get(show_as.lower(), "default") if isinstance(show_as, str) else "default"
    )
    # Outlook has no focus-time kind; Viva Insights marks its blocks with this category.
    if (
        kind == "default"
        and isinstance(categories, list)
        and any(isinstance(c, str) and c.strip().lower() == "focus time" for c in categories)
    ):
        kind = "focusTime"
    return CalendarEvent(
        id=event_id,
        title=one_line(_text(item.get("subject"))),
        description=_body_text(item),
        location=_location(item.get("location")),
        start=start,
        end=end,
        all_day=item.get("isAllDay") is True,
        status=status,
        organizer=organizer,
        attendees=attendees,
        owner_response=_owner_response(item.get("responseStatus"), owner_organizes),
        kind=kind,
        updated=_parse_instant(item.get("lastModifiedDateTime")),
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _body_text(item: Mapping[str, Any]) -> str:
    body = item.get("body")
    if isinstance(body, Mapping):
        content = _text(body.get("content"))
        content_type = body.get("contentType")
        if isinstance(content_type, str) and content_type.lower() == "html":
            return html_to_text(content)
        if content:
            return description_text(content)
    return clean_text(_text(item.get("bodyPreview")))


def _location(raw: Any) -> str:
    if isinstance(raw, Mapping):
        return one_line(_text(raw.get("displayName")))
    return ""


def _email_address(raw: Any) -> tuple[str, str | None] | None:
    """``{"emailAddress": {"address", "name"}}`` -> (lower-cased address, name or None)."""
    if not isinstance(raw, Mapping):
        return None
    inner = raw.get("emailAddress")
    if not isinstance(inner, Mapping):
        return None
    address = inner.get("address")
    if not isinstance(address, str):
        return None
    email = one_line(address, 320).lower().strip("<>\"' ")
    if "@" not in email:
        return None
    name_raw = inner.get("name")
    name = one_line(name_raw, 200) if isinstance(name_raw, str) else ""
    # Graph fills a missing name with the address itself: that is no name.
    if not name or name.lower() == email:
        return email, None
    return email, name


def graph_person(raw: Any) -> Person | None:
    """``{"emailAddress": {"address", "name"}}`` -> Person (name None when absent or when
    Graph filled it with the address itself)."""
    found = _email_address(raw)
    if found is None:
        return None
    return Person(email=found[0], name=found[1])


def _response(raw: Any) -> Response | None:
    if not isinstance(raw, Mapping):
        return None
    value = raw.get("response")
    if not isinstance(value, str):
        return None
    return _RESPONSES.get(value.lower())


def _owner_response(raw: Any, owner_organizes: bool) -> Response | None:
    response = _response(raw)
    if owner_organizes and response in (None, "needsAction"):
        return "accepted"
    return response


def _attendees(raw: Any, owner: str, organizer: Person | None) -> tuple[Attendee, ...]:
    if not isinstance(raw, list):
        return ()
    seen: set[str] = set()
    attendees: list[Attendee] = []
    for entry in raw[:_MAX_ATTENDEES]:
        if not isinstance(entry, Mapping):
            continue
        found = _email_address(entry)
        if found is None or found[0] in seen:
            continue
        email, name = found
        seen.add(email)
        kind = entry.get("type")
        kind = kind.lower() if isinstance(kind, str) else "required"
        attendees.append(
            Attendee(
                email=email,
                name=name,
                response=_response(entry.get("status")) or "needsAction",
                optional=kind == "optional",
                resource=kind == "resource",
                is_self=email == owner,
                is_organizer=organizer is not None and email == organizer.email,
            )
        )
    return tuple(attendees)


def zone_named(name: str) -> ZoneInfo:
    """An IANA zone for an IANA or a Windows time zone name."""
    key = name.strip()
    iana = WINDOWS_ZONES.get(key) or win_tz.get(key) or key
    if not iana or len(iana) > 64:
        raise GraphEventError("unknown time zone")
    try:
        return ZoneInfo(iana)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise GraphEventError(f"unknown time zone {one_line(name, 64)!r}") from None


# "UTC+05:30", "GMT-3", a Windows display name "(UTC+01:00) Amsterdam, Berlin, ...".
_OFFSET_NAME = re.compile(
    r"^\(?\s*(?:utc|gmt)(?![a-z])\s*(?:(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2})"
    r"(?::?(?P<minutes>\d{2}))?)?\s*(?:\)|$|\s)",
    re.IGNORECASE,
)


def _event_zone(name: str) -> tzinfo:
    """The zone an event time is written in. Names no table knows are read as UTC (and
    logged) rather than costing the event: Graph writes times in the zone the request's
    Prefer header asked for (UTC unless the adapter says otherwise), so an unknown name is
    odd input, and an hour misread is less harm than an interview never seen."""
    try:
        return zone_named(name)
    except GraphEventError:
        pass
    cleaned = name.strip()
    if cleaned.lower().startswith("tzone://microsoft/utc"):
        return UTC
    match = _OFFSET_NAME.match(cleaned)
    if match is not None:
        if not match.group("sign"):
            return UTC
        hours, minutes = int(match.group("hours")), int(match.group("minutes") or 0)
        if hours <= 14 and minutes < 60:
            sign = -1 if match.group("sign") in "-\u2212" else 1
            return timezone(sign * timedelta(hours=hours, minutes=minutes))
    log.warning("unknown time zone %r: reading the time as UTC", one_line(name, 64))
    return UTC


def _parse_time(raw: Any, which: str) -> datetime:
    """``{"dateTime": "2026-05-01T09:00:00.0000000", "timeZone": "..."}`` as aware."""
    if not isinstance(raw, Mapping):
        raise GraphEventError(f"event has no {which} time")
    date_time = raw.get("dateTime")
    if not isinstance(date_time, str) or not date_time.strip():
        raise GraphEventError(f"event has no {which} time")
    try:
        moment = datetime.fromisoformat(_FRACTION.sub(r"\1", date_time.strip()[:64], count=1))
    except ValueError:
        raise GraphEventError(f"{which}.dateTime is not a date-time") from None
    if moment.tzinfo is not None:
        return moment
    zone_raw = raw.get("timeZone")
    zone = _event_zone(zone_raw) if isinstance(zone_raw, str) and zone_raw.strip() else UTC
    return moment.replace(tzinfo=zone)


def _parse_instant(raw: Any) -> datetime | None:
    if not isinstance(raw, str):
        return None
    try:
        moment = datetime.fromisoformat(_FRACTION.sub(r"\1", raw.strip()[:64], count=1))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
