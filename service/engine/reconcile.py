"""Reading back the fate of the service's own drafts: still there, edited by the owner, sent,
or deleted. Sent ones also show up in the mail sync; deletions and edits only here. At most
once an hour per mailbox, so that an idle poll stays at its one sync."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from providers.interface import MailboxProvider
from providers.model import DraftMark, DraftRef
from service.engine.audit import audit
from service.engine.outbox import normalise_body
from service.store.db import transaction
from service.store.models import Account, FollowUp, Interview

log = logging.getLogger(__name__)

EVERY = timedelta(hours=1)
LOOK_BACK = timedelta(days=30)


def reconcile(factory: sessionmaker[Session], mailbox: MailboxProvider, account_id: int,
              now: datetime) -> None:
    with transaction(factory) as session:
        account = session.get_one(Account, account_id)
        if account.reconciled_at is not None and now - account.reconciled_at < EVERY:
            return
        open_drafts = list(session.scalars(
            select(FollowUp).join(Interview)
            .where(Interview.account_id == account_id,
                   FollowUp.state.in_(("drafted", "edited")),
                   FollowUp.provider_draft_id.is_not(None),
                   FollowUp.drafted_at >= now - LOOK_BACK)))
        refs = {f.id: DraftRef(
            draft_id=f.provider_draft_id or "", message_id=f.provider_message_id or "",
            thread_id=f.provider_thread_id or "",
            mark=DraftMark(key=f.idempotency_key, kind=f.kind,  # type: ignore[arg-type]
                           event_id=f.interview.event_id)) for f in open_drafts}
        written = {f.id: f.written_body for f in open_drafts}
    states = mailbox.draft_states(list(refs.values())) if refs else []
    by_key = {state.ref.mark.key: state for state in states}
    with transaction(factory) as session:
        account = session.get_one(Account, account_id)
        account.reconciled_at = now
        for follow_up_id, ref in refs.items():
            follow_up = session.get(FollowUp, follow_up_id)
            state = by_key.get(ref.mark.key)
            if follow_up is None or follow_up.state not in ("drafted", "edited"):
                continue
            if state is None or state.fate == "deleted":
                follow_up.state, follow_up.state_reason = "deleted", "deleted by the owner"
            elif state.fate == "sent":
                follow_up.state = "sent"
                follow_up.sent_at = follow_up.sent_at or now
            elif normalise_body(state.body) != normalise_body(written[follow_up_id]):
                follow_up.state = "edited"
            else:
                continue
            audit(session, account_id, now, f"{follow_up.kind}.{follow_up.state}",
                  follow_up.idempotency_key, "read back from the mailbox")
