"""One mailbox's primary calendar: events, their change order, sync tokens, and the Calendar v3
``Event`` resource they render to.

Every change (put or delete) takes the next change number; ``events`` is kept in change order
so that an idle incremental sync looks at one event, not all of them. A sync token names the
calendar, a token generation (bumped by :meth:`CalendarStore.expire_tokens`) and the change
number it has seen.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from providers.emulator.control import EventSpec

# Fields whose change makes Google bump an event's ``sequence`` (iCalendar SEQUENCE).
_SEQUENCE_FIELDS = ("title", "start", "end", "location", "all_day", "status")


def rfc3339_utc(moment: datetime) -> str:
    """Google's form for ``created``/``updated``: UTC with milliseconds and ``Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{moment.microsecond // 1000:03d}Z"


@dataclass
class StoredEvent:
    spec: EventSpec
    created: datetime
    updated: datetime
    sequence: int
    change_seq: int
    deleted: bool = False

    @property
    def cancelled(self) -> bool:
        return self.deleted or self.spec.status == "cancelled"

    @property
    def etag(self) -> str:
        return f'"{int(self.updated.timestamp() * 1000)}{self.change_seq:06d}"'


class StaleSyncToken(ValueError):
    pass


class CalendarStore:
    def __init__(self, address: str) -> None:
        self.address = address
        self.events: dict[str, StoredEvent] = {}  # in change order, last changed last
        self.seq = 0
        self.generation = 0
        self.last_change: datetime | None = None

    def _changed(self, event_id: str, stored: StoredEvent, at: datetime) -> None:
        self.seq += 1
        stored.change_seq = self.seq
        stored.updated = at
        self.events.pop(event_id, None)
        self.events[event_id] = stored
        self.last_change = at

    def put(self, spec: EventSpec, at: datetime) -> StoredEvent:
        current = self.events.get(spec.id)
        if current is None:
            stored = StoredEvent(spec=spec, created=at, updated=at, sequence=0, change_seq=0)
        else:
            significant = current.deleted or any(
                getattr(current.spec, name) != getattr(spec, name) for name in _SEQUENCE_FIELDS)
            stored = StoredEvent(spec=spec, created=current.created, updated=at,
                                 sequence=current.sequence + (1 if significant else 0),
                                 change_seq=0)
        self._changed(spec.id, stored, at)
        return stored

    def delete(self, event_id: str, at: datetime) -> None:
        current = self.events.get(event_id)
        if current is None or current.deleted:
            raise KeyError(event_id)
        current.deleted = True
        current.sequence += 1
        self._changed(event_id, current, at)

    def changed_between(self, since: int, upto: int) -> list[StoredEvent]:
        """Events whose last change number is in (since, upto], in change order."""
        found: list[StoredEvent] = []
        for stored in reversed(self.events.values()):
            if stored.change_seq <= since:
                break
            if stored.change_seq <= upto:
                found.append(stored)
        found.reverse()
        return found

    # -- sync tokens -------------------------------------------------------------------------

    def sync_token(self, seq: int) -> str:
        text = f"{self.address}\n{self.generation}\n{seq}"
        return "CP" + base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    def read_sync_token(self, token: str) -> int:
        """The change number a token has seen; :class:`StaleSyncToken` if it is not valid here
        (another calendar, an expired generation, garbage)."""
        try:
            if not token.startswith("CP"):
                raise ValueError(token)
            body = token[2:]
            text = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
            address, generation, seq = text.split("\n")
            number = int(seq)
        except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
            raise StaleSyncToken(token) from exc
        if address != self.address or int(generation) != self.generation or number > self.seq:
            raise StaleSyncToken(token)
        return number

    def expire_tokens(self) -> None:
        self.generation += 1


def _person(email: str, name: str | None, owner: str) -> dict[str, Any]:
    person: dict[str, Any] = {"email": email}
    if name:
        person["displayName"] = name
    if email.lower() == owner:
        person["self"] = True
    return person


def _time(moment: datetime, all_day: bool, zone: ZoneInfo) -> dict[str, Any]:
    if all_day:
        return {"date": moment.date().isoformat()}
    return {"dateTime": moment.astimezone(zone).isoformat(timespec="seconds"),
            "timeZone": zone.key}


def render_event(stored: StoredEvent, owner: str, owner_name: str, zone: ZoneInfo
                 ) -> dict[str, Any]:
    """The Calendar v3 ``Event`` resource; a deleted event as Google sends it in a sync:
    id and status only."""
    spec = stored.spec
    if stored.deleted:
        return {"kind": "calendar#event", "etag": stored.etag, "id": spec.id,
                "status": "cancelled"}
    eid = base64.urlsafe_b64encode(f"{spec.id} {owner}".encode()).decode().rstrip("=")
    organizer = (_person(spec.organizer.email, spec.organizer.name, owner) if spec.organizer
                 else _person(owner, owner_name, owner))
    event: dict[str, Any] = {
        "kind": "calendar#event",
        "etag": stored.etag,
        "id": spec.id,
        "status": spec.status,
        "htmlLink": f"https://www.google.com/calendar/event?eid={eid}",
        "created": rfc3339_utc(stored.created),
        "updated": rfc3339_utc(stored.updated),
        "summary": spec.title,
    }
    if spec.description:
        event["description"] = spec.description
    if spec.location:
        event["location"] = spec.location
    event["creator"] = dict(organizer)
    event["organizer"] = organizer
    event["start"] = _time(spec.start, spec.all_day, zone)
    event["end"] = _time(spec.end, spec.all_day, zone)
    event["iCalUID"] = f"{spec.id}@google.com"
    event["sequence"] = stored.sequence
    if spec.attendees:
        organizer_email = organizer["email"].lower()
        attendees: list[dict[str, Any]] = []
        for attendee in spec.attendees:
            item = _person(attendee.email, attendee.name, owner)
            if attendee.email.lower() == organizer_email:
                item["organizer"] = True
            if attendee.resource:
                item["resource"] = True
            if attendee.optional:
                item["optional"] = True
            item["responseStatus"] = attendee.response
            attendees.append(item)
        event["attendees"] = attendees
    event["reminders"] = {"useDefault": True}
    event["eventType"] = "default"
    return event
