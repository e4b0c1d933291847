"""Small builders for calendar events as detection sees them (provider-neutral)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from providers.model import Attendee, CalendarEvent, EventKind, EventStatus, Person, Response
from service.detection import Detection, Owner

OWNER_EMAIL = "alex.kim@gmail.com"
OWNER_NAME = "Alex Kim"
START = datetime(2026, 5, 6, 14, 0, tzinfo=UTC)


def guest(
    email: str,
    name: str | None = None,
    *,
    optional: bool = False,
    resource: bool = False,
    response: Response = "accepted",
) -> Attendee:
    return Attendee(email, name, response, optional=optional, resource=resource)


def calendar_event(
    title: str,
    *,
    description: str = "",
    organizer: tuple[str, str | None] | None = None,
    guests: tuple[Attendee, ...] = (),
    owner_email: str = OWNER_EMAIL,
    owner_name: str | None = OWNER_NAME,
    owner_response: Response = "accepted",
    owner_listed: bool = True,
    status: EventStatus = "confirmed",
    all_day: bool = False,
    kind: EventKind = "default",
    organizer_listed: bool = True,
) -> CalendarEvent:
    """An event on the owner's calendar. The organizer is listed among the attendees (as
    Google lists them) unless ``organizer_listed`` is False or it is not among ``guests``."""
    organizer_person = Person(organizer[0], organizer[1]) if organizer else None
    attendees: list[Attendee] = []
    if owner_listed:
        attendees.append(
            Attendee(owner_email, owner_name, owner_response, is_self=True,
                     is_organizer=organizer_person is not None
                     and organizer_person.email == owner_email)
        )  # fmt: skip
    for attendee in guests:
        is_organizer = organizer_person is not None and attendee.email == organizer_person.email
        if is_organizer and not organizer_listed:
            continue
        attendees.append(
            Attendee(attendee.email, attendee.name, attendee.response, attendee.optional,
                     attendee.resource, False, is_organizer)
        )  # fmt: skip
    return CalendarEvent(
        id="evt-1",
        title=title,
        description=description,
        location="",
        start=START,
        end=START + timedelta(hours=1),
        all_day=all_day,
        status=status,
        organizer=organizer_person,
        attendees=tuple(attendees),
        owner_response=None,
        kind=kind,
    )


def one_on_one(
    title: str,
    *,
    email: str = "jane.doe@acme.com",
    name: str | None = "Jane Doe",
    description: str = "",
    **options: object,
) -> CalendarEvent:
    """The owner and one person from a company, who sent the invite."""
    return calendar_event(
        title,
        description=description,
        organizer=(email, name),
        guests=(guest(email, name),),
        **options,  # type: ignore[arg-type]
    )


ALEX = Owner(OWNER_EMAIL, OWNER_NAME)
PAT = Owner("pat.morgan@vandelay.com", "Pat Morgan")  # a corporate owner (hiring side)


def emails(detection: Detection) -> list[str]:
    return sorted(p.email for p in detection.interviewers)
