"""Between storage and the pure policy: the mailbox's facts (loaded by
:mod:`service.store.facts`), :func:`service.policy.decide.decide` asked what is due, and each
intent reported to :mod:`service.follow_ups` (which decides the state) in the same
transaction as its outbox row. Each interview's next due moment is stored with it."""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from providers.model import Person
from service import follow_ups
from service.compose.check import check_draft
from service.engine import outbox
from service.engine.audit import audit
from service.follow_ups import Happening, ThankYouState
from service.policy.company import CompanySide, company_side
from service.policy.decide import decide, next_wakeup
from service.policy.facts import InterviewFacts
from service.policy.intents import (
    DeleteDraft,
    Intent,
    RewindThankYou,
    SkipThankYou,
    Suggest,
    UpdateDraft,
    Withdraw,
    WriteCheckIn,
    WriteThankYou,
)
from service.policy.keys import idempotency_key
from service.store import models
from service.store.facts import load_mailbox

log = logging.getLogger(__name__)


def run_policy(session: Session, account: models.Account, now: datetime,
               only: Collection[int] | None = None) -> datetime | None:
    """Decide and apply for the live interviews; returns the next moment policy may answer
    differently without new facts (None: nothing scheduled).

    ``only``: when nothing changed but some interviews' due times came, just those (the
    others' stored due times still stand); if one of them acts, that act is a new fact for
    the others, and every interview is decided again."""
    loaded = load_mailbox(session, account, now)
    if loaded is None:
        return None
    wakes: list[datetime] = []
    acted = False
    for interview in loaded.interviews:
        if only is not None and interview.id not in only:
            if interview.due_at is not None:
                wakes.append(interview.due_at)
            continue
        situation = loaded.situation(interview)
        intents = decide(now, situation)
        for intent in intents:
            apply_intent(session, account, interview, intent, now)
        acted = acted or bool(intents)
        if session.dirty or session.new:
            session.flush()
            situation = loaded.situation(interview)
        wake = next_wakeup(now, situation)
        if interview.due_at != wake:
            interview.due_at = wake  # the database knows when this one is due again
        if wake is not None:
            wakes.append(wake)
    if only is not None and acted:
        session.flush()
        return run_policy(session, account, now)
    return min(wakes) if wakes else None


def due_interviews(session: Session, account_id: int, now: datetime,
                   woken_at: datetime | None) -> set[int] | None:
    """The interviews whose due time came, if they are why the account was woken (its
    wake-up is the earliest of theirs); None: something else woke it (an owner's setting,
    a write to retry), and every interview is decided."""
    rows = session.execute(select(models.Interview.id, models.Interview.due_at).where(
        models.Interview.account_id == account_id, models.Interview.due_at <= now)).all()
    dues = [due for _, due in rows if due is not None]
    if not dues or woken_at is None or min(dues) != woken_at:
        return None
    return {interview_id for interview_id, _ in rows}


def about_to_suggest(session: Session, account: models.Account, now: datetime,
                     only: Collection[int] | None = None
                     ) -> list[tuple[InterviewFacts, CompanySide]]:
    """The interviews whose check-in policy would suggest now, with their company side:
    before it does, the whole mailbox is searched for a reply filed away (P4.1)."""
    loaded = load_mailbox(session, account, now)
    if loaded is None:
        return []
    due = []
    for interview in loaded.interviews:
        if only is not None and interview.id not in only:
            continue
        situation = loaded.situation(interview)
        if any(isinstance(intent, Suggest) for intent in decide(now, situation)):
            due.append((situation.interview, company_side(situation.interview, account.email)))
    return due


def _follow_up(interview: models.Interview, key: str) -> models.FollowUp | None:
    return next((f for f in interview.follow_ups if f.idempotency_key == key), None)


def _new_follow_up(interview: models.Interview, kind: str, key: str, recipient: Person,
                   now: datetime) -> models.FollowUp:
    row = models.FollowUp(kind=kind, recipient_email=recipient.email,
                          recipient_name=recipient.name, idempotency_key=key, created_at=now,
                          findings=[],
                          state=ThankYouState.PENDING if kind == "thank_you" else "")
    interview.follow_ups.append(row)
    return row


def _findings(kind: str, interview: models.Interview, subject: str, body: str,
              reply: bool = False) -> list[str]:
    return [f.message for f in check_draft(kind, interview.stage, subject, body,  # type: ignore[arg-type]
                                           job_title=interview.job_title,
                                           company=interview.company, reply=reply)]


def apply_intent(session: Session, account: models.Account, interview: models.Interview,
                 intent: Intent, now: datetime) -> None:
    """Report one intent: the draft's text and outbox row here, its state in follow_ups."""
    if isinstance(intent, WriteThankYou):
        row = _follow_up(interview, intent.key) or _new_follow_up(
            interview, "thank_you", intent.key, intent.recipient, now)
        if row.provider_draft_id and outbox.pending(session, row, "delete"):
            return  # written again (P1.4) once the draft of the earlier time is gone
        if not follow_ups.thank_you(session, row, Happening.WRITE, now, "the interview ended"):
            return
        revision = outbox.count(session, row, "create")
        if revision:  # P1.4: the interview moved; a fresh draft under the same key
            row.created_at = now  # decided now, after the new end
            row.provider_draft_id = row.provider_message_id = row.provider_thread_id = None
            row.written_subject = row.written_body = None
            row.drafted_at = row.updated_at = row.sent_at = None
            row.state_reason = None
        row.subject, row.body = intent.subject, intent.body
        row.findings = _findings("thank_you", interview, intent.subject, intent.body)
        session.flush()
        outbox.enqueue_create(session, row, account, now, reply_to=None, revision=revision)
    elif isinstance(intent, RewindThankYou):
        found = _follow_up(interview, intent.key)
        if found is None or not follow_ups.thank_you(session, found, Happening.RESCHEDULED,
                                                     now, intent.reason):
            return
        if found.provider_draft_id or outbox.pending(session, found, "create"):
            outbox.enqueue_delete(session, found, account, now, intent.reason,
                                  revision=outbox.count(session, found, "delete"))
    elif isinstance(intent, UpdateDraft):
        found = _follow_up(interview, intent.key)
        if found is None or not follow_ups.draft_wanted(found):
            return
        found.subject, found.body = intent.subject, intent.body
        found.findings = _findings(intent.kind, interview, intent.subject, intent.body)
        if found.provider_draft_id:  # else the pending create writes the new text
            outbox.enqueue_update(session, found, account, now,
                                  1 + outbox.count(session, found, "update"))
        audit(session, account.id, now, f"{intent.kind}.update", intent.key, "a new note")
    elif isinstance(intent, DeleteDraft):
        found = _follow_up(interview, intent.key)
        if found is not None and follow_ups.draft_wanted(found):
            outbox.enqueue_delete(session, found, account, now, intent.reason)
        follow_ups.check_in(session, interview, Happening.WITHDRAW, now, intent.reason)
    elif isinstance(intent, SkipThankYou):
        key = idempotency_key(str(account.id), interview.event_id, intent.recipient.email,
                              "thank_you")
        row = _follow_up(interview, key) or _new_follow_up(interview, "thank_you", key,
                                                           intent.recipient, now)
        follow_ups.thank_you(session, row, Happening.SKIP, now, intent.reason)
    elif isinstance(intent, Suggest):
        suggestion = follow_ups.check_in_row(interview)
        if suggestion is not None and suggestion.recipient_email:
            recipient = Person(suggestion.recipient_email, suggestion.recipient_name)
        else:
            recipient = intent.recipient
        suggestion = follow_ups.check_in(session, interview, Happening.SUGGEST, now,
                                         intent.reason, to=recipient.email)
        if suggestion is None:
            return
        suggestion.suggested_at = suggestion.suggested_at or now
        suggestion.snooze_until = None
        suggestion.recipient_email, suggestion.recipient_name = recipient.email, recipient.name
        suggestion.due_at = intent.due
        suggestion.decision_date = intent.decision_date
        suggestion.reply_to_message_id = (intent.reply_target.message_id
                                          if intent.reply_target else None)
    elif isinstance(intent, Withdraw):
        follow_ups.check_in(session, interview, Happening.WITHDRAW, now, intent.reason)
    elif isinstance(intent, WriteCheckIn):
        if follow_ups.check_in(session, interview, Happening.WRITE, now,
                               "approved by the owner", to=intent.recipient.email) is None:
            return
        row = _follow_up(interview, intent.key) or _new_follow_up(
            interview, "check_in", intent.key, intent.recipient, now)
        revision = outbox.count(session, row, "create")
        if revision or row.provider_draft_id:  # approved again after an approval was undone
            row.provider_draft_id = row.provider_message_id = row.provider_thread_id = None
            row.written_subject = row.written_body = None
            row.drafted_at = row.updated_at = row.sent_at = None
            row.state_reason = None
        row.subject, row.body = intent.subject, intent.body
        row.reply_to_kind = intent.reply_to_kind
        row.findings = _findings("check_in", interview, intent.subject, intent.body,
                                 reply=intent.reply_target is not None)
        session.flush()
        outbox.enqueue_create(session, row, account, now, reply_to=intent.reply_target,
                              revision=revision)
