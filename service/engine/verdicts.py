"""The owner's word on calendar events, and the events detection passed over.

"Mark as not an interview" and "this is an interview" are kept per event id
(:class:`EventVerdict`) and win over detection at every later sync. Events that are not
interviews are kept briefly (title, time, people; never the description) as
:class:`OtherEvent` rows, so that the dashboard can offer "this is an interview" on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from providers.model import Attendee, CalendarEvent, Person
from service.detection import Detection, Owner, company_side
from service.store import models

OWNER_SAID = "you said this is an interview"
KEEP_OTHER_EVENTS = timedelta(days=30)  # after their end: nothing to say about them later


def own_addresses(account: models.Account) -> set[str]:
    """The mailbox's address and the owner's other addresses (a forwarded invite from a
    personal address is the owner, not an interviewer)."""
    others = {a.strip().lower() for a in account.owner.other_addresses or () if a.strip()}
    mailboxes = {a.email for a in account.owner.accounts}
    return {account.email} | others | mailboxes


def load(session: Session, account_id: int, event_ids: Sequence[str]) -> dict[str, bool]:
    if not event_ids:
        return {}
    return {row.event_id: row.is_interview for row in session.scalars(
        select(models.EventVerdict).where(models.EventVerdict.account_id == account_id,
                                          models.EventVerdict.event_id.in_(event_ids)))}


def apply(detection: Detection, verdict: bool | None, event: CalendarEvent,
          owner: Owner) -> Detection:
    """Detection as the owner corrected it."""
    if verdict is None or verdict == detection.is_interview:
        return detection
    if not verdict:
        return Detection(is_interview=False, reasons=("you said this is not an interview",))
    mine = {owner.email, *owner.other_addresses}
    people = [Person(a.email, a.name) for a in event.attendees
              if a.email not in mine and not a.resource]
    if not people and event.organizer is not None and event.organizer.email not in mine:
        people = [event.organizer]
    side = detection.company_side
    if not side.domains and not side.addresses:
        # detection passed the event over, so it read no side: the same rule, over the invite
        invite = [a.email for a in event.attendees if not a.resource]
        side = company_side(invite + ([event.organizer.email] if event.organizer else []),
                            owner)
    return replace(detection, is_interview=True, stage=detection.stage or "interview",
                   interviewers=detection.interviewers or tuple(people), company_side=side,
                   reasons=(OWNER_SAID, *detection.reasons))


def record(session: Session, account_id: int, event_id: str, is_interview: bool,
           now: datetime) -> None:
    row = session.scalar(select(models.EventVerdict).where(
        models.EventVerdict.account_id == account_id, models.EventVerdict.event_id == event_id))
    if row is None:
        row = models.EventVerdict(account_id=account_id, event_id=event_id)
        session.add(row)
    row.is_interview = is_interview
    row.decided_at = now


def keep_other_event(session: Session, account_id: int, event: CalendarEvent, mine: set[str],
                     now: datetime) -> None:
    if event.all_day or event.kind != "default":
        return  # a holiday or a status block is never an interview
    row = session.scalar(select(models.OtherEvent).where(
        models.OtherEvent.account_id == account_id, models.OtherEvent.event_id == event.id))
    if row is None:
        session.execute(delete(models.OtherEvent).where(
            models.OtherEvent.account_id == account_id,
            models.OtherEvent.end < now - KEEP_OTHER_EVENTS))
        row = models.OtherEvent(account_id=account_id, event_id=event.id)
        session.add(row)
    row.title = event.title[:2000]
    row.start, row.end = event.start, event.end
    row.organizer_email = event.organizer.email if event.organizer else None
    row.organizer_name = event.organizer.name[:200] if event.organizer and \
        event.organizer.name else None
    row.attendees = [{"email": a.email[:320], "name": (a.name or "")[:200] or None,
                      "resource": a.resource}
                     for a in event.attendees if a.email not in mine][:100]
    row.seen_at = now


def forget_other_event(session: Session, account_id: int, event_id: str) -> None:
    session.execute(delete(models.OtherEvent).where(
        models.OtherEvent.account_id == account_id, models.OtherEvent.event_id == event_id))


def as_calendar_event(row: models.OtherEvent) -> CalendarEvent:
    """A kept event as a sync would deliver it (without its description)."""
    organizer = (Person(row.organizer_email, row.organizer_name)
                 if row.organizer_email else None)
    attendees = tuple(Attendee(email=str(a.get("email", "")), name=a.get("name"),
                               response="accepted", resource=bool(a.get("resource")))
                      for a in row.attendees if isinstance(a, dict) and a.get("email"))
    return CalendarEvent(id=row.event_id, title=row.title, description="", location="",
                         start=row.start, end=row.end, all_day=False, status="confirmed",
                         organizer=organizer, attendees=attendees)
