"""Reading back the fate of the service's own drafts: still there (as written, or changed by
the owner), or gone, with the owner's messages in their threads; :mod:`service.follow_ups`
judges what that means (edited, sent, deleted). At most once an hour per mailbox, so that an
idle poll stays at its one sync, and at once when a sync brought a message of the owner's
(a draft may just have been sent)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from providers.interface import MailboxProvider
from providers.model import DraftMark, DraftRef
from service import follow_ups
from service.engine.ingest import apply_mail
from service.store.db import transaction
from service.store.models import Account, FollowUp

log = logging.getLogger(__name__)

EVERY = timedelta(hours=1)
LOOK_BACK = timedelta(days=30)


def read_back_due(account: Account, now: datetime) -> bool:
    """Whether the hourly read-back is due (a pass that finds nothing new still does it)."""
    return account.reconciled_at is None or now - account.reconciled_at >= EVERY


def reconcile(factory: sessionmaker[Session], mailbox: MailboxProvider, account_id: int,
              now: datetime, *, force: bool = False) -> bool:
    """Returns whether any draft was read back (what it found is a fact policy reads)."""
    with transaction(factory) as session:
        account = session.get_one(Account, account_id)
        if not force and not read_back_due(account, now):
            return False
        refs = {f.id: DraftRef(draft_id=f.provider_draft_id or "",
                               message_id=f.provider_message_id or "",
                               thread_id=f.provider_thread_id or "",
                               mark=DraftMark(f.idempotency_key))
                for f in follow_ups.open_drafts(session, account_id, now - LOOK_BACK)}
    states = mailbox.draft_states(list(refs.values())) if refs else []
    with transaction(factory) as session:
        account = session.get_one(Account, account_id)
        account.reconciled_at = now
        for follow_up_id, state in zip(refs, states, strict=True):
            follow_up = session.get(FollowUp, follow_up_id)
            if follow_up is None or not follow_ups.draft_open(follow_up):
                continue
            if state.thread_messages:  # the owner's, perhaps not synced yet: facts too
                apply_mail(session, account, list(state.thread_messages), now, {})
            follow_ups.observe_draft(session, follow_up, state, now,
                                     "read back from the mailbox")
    return bool(refs)
