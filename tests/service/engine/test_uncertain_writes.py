"""A worker dies right after its draft reached the mailbox, before it could record it; the
owner sends or deletes that draft before the restarted worker runs. The draft is found
where it went, recorded as the owner left it, and never written again (P1.5); the restarted
worker (same worker id) takes the row back at once instead of waiting out the lease."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from providers.interface import MailboxProvider, TokenSaver
from providers.model import DraftRef, DraftRequest, Tokens
from service.engine.runner import Engine
from service.store.db import transaction
from service.store.models import Account, FollowUp, OutboxItem
from tests.service.engine.conftest import World
from tests.service.engine.test_engine import CrashAfterWrite

WORKER = "host-a"


def crash_once(world: World) -> Engine:
    def make(account: Account, tokens: Tokens, save: TokenSaver) -> MailboxProvider:
        real = world.connectors.mailbox(account, tokens, save)
        return CrashAfterWrite(real, real.name)

    return Engine(world.factory, world.engine().vault, world.clock, make,
                  timedelta(minutes=5), worker_id=WORKER)


def restarted(world: World) -> Engine:
    return Engine(world.factory, world.engine().vault, world.clock, world.connectors.mailbox,
                  timedelta(minutes=5), worker_id=WORKER)


def owner_deletes(world: World, owner: str, draft_id: str) -> None:
    world.control.owner_delete_draft(owner, draft_id)


def owner_sends(world: World, owner: str, draft_id: str) -> None:
    world.control.owner_send_draft(owner, draft_id)


@pytest.mark.parametrize(("act", "state"), [(owner_deletes, "deleted"), (owner_sends, "sent")])
def test_the_owner_acts_on_a_draft_while_its_writer_is_dead(
        world: World, act: Callable[[World, str, str], None], state: str) -> None:
    owner = world.mailbox("crash.owner")
    spec = world.interview(owner)
    engine = crash_once(world)
    account_id = world.connect(engine, owner)
    world.clock.set(spec.end)
    with contextlib.suppress(SystemExit):
        engine.tick()
    (written,) = world.control.drafts(owner)  # in the mailbox; not in the database
    act(world, owner, written.draft_id)
    world.clock.advance(timedelta(seconds=5))  # seconds after the restart, not a lease later

    report = restarted(world).run_account(account_id)

    assert report.error is None
    with transaction(world.factory) as session:
        follow_up = session.scalars(select(FollowUp)).one()
        assert follow_up.state == state
        (row,) = session.scalars(select(OutboxItem))
        assert row.status == "done" and row.attempts == 2
    for _ in range(3):  # later passes, later restarts: never written again
        world.clock.advance(timedelta(minutes=20))
        restarted(world).tick()
    assert len(world.control.drafts(owner)) == 1
    assert [s.by for s in world.control.sent(owner)] == (["owner"] if state == "sent" else [])


class CrashBeforeWrite(CrashAfterWrite):
    """The process dies after the attempt was recorded, before the request left."""

    def create_draft(self, request: DraftRequest) -> DraftRef:
        if self.crashes_left:
            self.crashes_left -= 1
            raise SystemExit("the process died before the draft was written")
        return self.inner.create_draft(request)


def test_a_crash_before_the_write_reached_the_mailbox_writes_it_once(world: World) -> None:
    owner = world.mailbox("early.owner")
    spec = world.interview(owner)

    def make(account: Account, tokens: Tokens, save: TokenSaver) -> MailboxProvider:
        real = world.connectors.mailbox(account, tokens, save)
        return CrashBeforeWrite(real, real.name)

    engine = Engine(world.factory, world.engine().vault, world.clock, make,
                    timedelta(minutes=5), worker_id=WORKER)
    account_id = world.connect(engine, owner)
    world.clock.set(spec.end)
    with contextlib.suppress(SystemExit):
        engine.tick()
    assert world.control.drafts(owner) == []
    with transaction(world.factory) as session:
        assert "attempt" in session.scalars(select(OutboxItem)).one().payload
    restarted(world).run_account(account_id)
    (draft,) = world.control.drafts(owner)
    assert draft.fate == "open"
    with transaction(world.factory) as session:
        assert session.scalars(select(FollowUp)).one().provider_draft_id == draft.draft_id
