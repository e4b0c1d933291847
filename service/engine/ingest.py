"""Storing what a sync delivered: calendar events become interviews (through detection), mail
becomes facts (headers, and what policy learns from a body, never the body itself). Runs in
the same transaction that advances the cursors. What became of the service's own drafts is
not read here but judged from these facts by :mod:`service.follow_ups`."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from providers.model import CalendarEvent, MailMessage
from service.detection import Detection, Owner, detect
from service.engine import verdicts
from service.engine.audit import audit
from service.policy.facts import MailFact
from service.store import models

log = logging.getLogger(__name__)

def interview_status(event: CalendarEvent, owner_email: str, now: datetime) -> str:
    """scheduled | done | cancelled | declined, as the event stands at ``now``."""
    if event.status == "cancelled":
        return "cancelled"
    response = event.owner_response
    if response is None:
        response = next((a.response for a in event.attendees
                         if a.is_self or a.email == owner_email), None)
    if response == "declined":
        return "declined"
    return "done" if event.end <= now else "scheduled"


def detection_owner(account: models.Account) -> Owner:
    """The owner detection reads an account's events for (sync and storage alike): the
    mailbox's address, with the owner's other addresses and mailboxes as theirs too."""
    others = verdicts.own_addresses(account) - {account.email}
    return Owner(email=account.email, name=account.display_name,
                 other_addresses=tuple(sorted(others)))


def apply_calendar(session: Session, account: models.Account, events: list[CalendarEvent],
                   removed_ids: list[str], now: datetime) -> list[models.Interview]:
    """Upsert interviews from changed events; returns the interviews that changed. The
    owner's word on an event (:mod:`service.engine.verdicts`) wins over detection."""
    mine = verdicts.own_addresses(account)
    owner = detection_owner(account)
    said = verdicts.load(session, account.id, [e.id for e in events]) if events else {}
    changed: list[models.Interview] = []
    for event in events:
        existing = session.scalar(select(models.Interview).where(
            models.Interview.account_id == account.id, models.Interview.event_id == event.id))
        status = interview_status(event, account.email, now)
        if status in ("cancelled", "declined"):
            verdicts.forget_other_event(session, account.id, event.id)
            if existing is not None and existing.status != status:
                existing.status = status
                existing.updated_at = now
                audit(session, account.id, now, f"interview.{status}", event.id,
                      "the calendar says so")
                changed.append(existing)
            continue
        try:
            detection = verdicts.apply(detect(event, owner), said.get(event.id), event, owner)
        except Exception:  # a hostile event must never stop a sync
            log.exception("detection failed for event %s; skipped", event.id)
            continue
        if not detection.is_interview:
            verdicts.keep_other_event(session, account.id, event, mine, now)
            if existing is not None and existing.status in ("scheduled", "done"):
                existing.status = "not_interview"
                existing.updated_at = now
                changed.append(existing)
            continue
        verdicts.forget_other_event(session, account.id, event.id)
        changed.append(store_interview(session, account, event, detection, status, now,
                                       existing, mine))
    for event_id in removed_ids:
        verdicts.forget_other_event(session, account.id, event_id)
        existing = session.scalar(select(models.Interview).where(
            models.Interview.account_id == account.id, models.Interview.event_id == event_id))
        if existing is not None and existing.status != "cancelled":
            existing.status = "cancelled"
            existing.updated_at = now
            audit(session, account.id, now, "interview.cancelled", event_id, "event deleted")
            changed.append(existing)
    session.flush()
    return changed


def store_interview(session: Session, account: models.Account, event: CalendarEvent,
                    detection: Detection, status: str, now: datetime,
                    existing: models.Interview | None, mine: set[str]) -> models.Interview:
    """The interview row for an event taken for one (created, or brought up to date)."""
    invite = sorted({a.email for a in event.attendees
                     if a.email not in mine and not a.resource}
                    | ({event.organizer.email} if event.organizer
                       and event.organizer.email not in mine else set()))
    if existing is None:
        existing = models.Interview(account_id=account.id, event_id=event.id,
                                    first_seen_at=now)
        session.add(existing)
        audit(session, account.id, now, "interview.detected", event.id,
              "; ".join(detection.reasons)[:500])
    existing.title = event.title[:2000]
    existing.start = event.start
    existing.end = event.end
    existing.status = status
    existing.stage = detection.stage or "interview"
    existing.company = detection.company
    existing.job_title = detection.job_title
    existing.organizer_email = event.organizer.email if event.organizer else None
    existing.organizer_name = event.organizer.name if event.organizer else None
    existing.invite = invite
    existing.company_side = detection.company_side.to_json()
    existing.reasons = list(detection.reasons)
    existing.updated_at = now
    # the owner's own addresses are never an interviewer, whatever detection made of them
    _set_interviewers(existing, [(p.email, p.name) for p in detection.interviewers
                                 if p.email not in mine])
    return existing


def _set_interviewers(interview: models.Interview, people: list[tuple[str, str | None]]) -> None:
    by_email = {i.email: i for i in interview.interviewers}
    wanted = [email for email, _ in people]
    for email, interviewer in list(by_email.items()):
        if email not in wanted:
            interview.interviewers.remove(interviewer)
    for position, (email, name) in enumerate(people):
        row = by_email.get(email)
        if row is None:
            interview.interviewers.append(models.Interviewer(email=email, name=name,
                                                             position=position))
        else:
            row.name = name
            row.position = position


def apply_mail(session: Session, account: models.Account, messages: list[MailMessage],
               now: datetime, bodies: dict[str, str]) -> list[models.MailMessage]:
    """Store inbound and sent message facts. ``bodies``: the text of inbound company mail,
    read for what it says about a decision date and then dropped (never stored or logged).
    Mail outside Inbox and Sent (archived by a filter) counts as inbound."""
    stored: list[models.MailMessage] = []
    for message in messages:
        if message.folder == "drafts":
            continue
        try:
            row = _store_message(session, account, message, now, bodies.get(message.id))
        except Exception as exc:  # a stranger's mail must never stop a sync
            log.warning("message %s not understood (%s); stored without its dates",
                        message.id, type(exc).__name__)
            row = _store_message(session, account, message, now, None, analyse=False)
        stored.append(row)
    session.flush()
    return stored


def _store_message(session: Session, account: models.Account, message: MailMessage,
                   now: datetime, body: str | None, analyse: bool = True) -> models.MailMessage:
    row = session.scalar(select(models.MailMessage).where(
        models.MailMessage.account_id == account.id,
        models.MailMessage.provider_message_id == message.id))
    if row is None:
        row = models.MailMessage(account_id=account.id, provider_message_id=message.id,
                                 seen_at=now, timeline_only=False)
        if analyse:
            fact = MailFact.from_message(replace(message, body_text=body), account.email,
                                         account.local_timezone)
            row.decision_date = fact.decision_date
            row.timeline_only = fact.timeline_only
        session.add(row)
    row.thread_id = message.thread_id
    sender = message.sender.email.lower() if message.sender else None
    row.direction = "out" if message.folder == "sent" or sender == account.email else "in"
    row.sender_email = sender
    row.sender_name = message.sender.name if message.sender else None
    row.recipients = [p.email.lower() for p in message.to + message.cc]
    row.sent_at = message.date
    row.subject = message.subject[:2000]
    row.message_id_header = message.message_id_header
    row.references = list(message.references)
    return row
