"""One pass after another: drafts appear once, survive restarts and crashes, and one
revoked mailbox never stops the others."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from providers.interface import MailboxProvider, SyncResult, SyncWindow, TokenSaver
from providers.model import (
    DraftMark,
    DraftRef,
    DraftRequest,
    DraftState,
    ProviderName,
    Tokens,
)
from service.engine.runner import Engine
from service.store.db import transaction
from service.store.models import Account, AuditEntry, FollowUp, OutboxItem
from tests.service.engine.conftest import World


def marks(world: World, address: str) -> list[DraftMark | None]:
    return [DraftMark.parse(d.mark_header) for d in world.control.drafts(address)]


def test_thank_you_is_written_at_the_end_and_only_once(world: World) -> None:
    owner = world.mailbox("alex.kim")
    spec = world.interview(owner)
    engine = world.engine()
    world.connect(engine, owner)
    engine.tick()
    assert world.control.drafts(owner) == []  # not before the end
    wake = engine.next_wake()
    assert wake == spec.end
    world.clock.set(spec.end)
    engine.tick()
    drafts = world.control.drafts(owner)
    assert [d.to for d in drafts] == [("jane.doe@acme.com",)]
    assert drafts[0].created_at == spec.end
    mark = marks(world, owner)[0]
    assert mark is not None and mark.kind == "thank_you" and mark.event_id == "ev1"
    for _ in range(3):  # more polls, and a restarted process, write nothing more
        world.clock.advance(timedelta(minutes=5))
        engine.tick()
        world.engine().tick()
    assert len(world.control.drafts(owner)) == 1


@dataclass
class CrashAfterWrite:
    """Our own MailboxProvider around the real adapter: the write succeeds at the provider,
    then the process "dies" before the outcome is recorded."""

    inner: MailboxProvider
    name: ProviderName
    crashes_left: int = 1

    def sync(self, calendar_cursor: str | None, mail_cursor: str | None, window: SyncWindow
             ) -> SyncResult:
        return self.inner.sync(calendar_cursor, mail_cursor, window)

    def create_draft(self, request: DraftRequest) -> DraftRef:
        ref = self.inner.create_draft(request)
        if self.crashes_left:
            self.crashes_left -= 1
            raise SystemExit("the process died after the draft was written")
        return ref

    def update_draft(self, ref: DraftRef, subject: str, body: str) -> DraftRef:
        return self.inner.update_draft(ref, subject, body)

    def delete_draft(self, ref: DraftRef) -> None:
        self.inner.delete_draft(ref)

    def find_draft(self, key: str) -> DraftRef | None:
        return self.inner.find_draft(key)

    def draft_states(self, refs: Sequence[DraftRef]) -> list[DraftState]:
        return self.inner.draft_states(refs)

    def message_body(self, message_id: str) -> str:
        return self.inner.message_body(message_id)


def test_a_crash_after_the_write_never_makes_a_second_draft(world: World) -> None:
    owner = world.mailbox("crash.test")
    spec = world.interview(owner)
    crashing: list[CrashAfterWrite] = []

    def make(account: Account, tokens: Tokens, save: TokenSaver) -> MailboxProvider:
        real = world.connectors.mailbox(account, tokens, save)
        wrapper = CrashAfterWrite(real, real.name)
        crashing.append(wrapper)
        return wrapper

    engine = Engine(world.factory, world.engine().vault, world.clock, make, timedelta(minutes=5))
    world.connect(engine, owner)
    world.clock.set(spec.end)
    with contextlib.suppress(SystemExit):
        engine.tick()
    assert len(world.control.drafts(owner)) == 1  # written, but not recorded
    with transaction(world.factory) as session:
        assert session.scalars(select(FollowUp)).one().provider_draft_id is None
    # the restarted service, once the dead worker's leases ran out
    world.clock.advance(timedelta(minutes=15))
    restarted = world.engine()
    restarted.tick()
    assert len(world.control.drafts(owner)) == 1
    with transaction(world.factory) as session:
        follow_up = session.scalars(select(FollowUp)).one()
        assert follow_up.provider_draft_id == world.control.drafts(owner)[0].draft_id
        assert session.scalars(select(OutboxItem)).one().status == "done"


def test_a_revoked_mailbox_is_marked_and_the_others_go_on(world: World) -> None:
    revoked = world.mailbox("revoked.owner")
    healthy = world.mailbox("healthy.owner")
    ends = [world.interview(owner).end for owner in (revoked, healthy)]
    engine = world.engine()
    world.connect(engine, revoked)
    world.connect(engine, healthy)
    engine.tick()
    world.control.revoke(revoked)
    world.clock.set(max(ends) + timedelta(hours=2))  # past the access tokens' lifetime too
    reports = engine.tick()
    assert any(r.error == "needs re-authentication" for r in reports)
    with transaction(world.factory) as session:
        status = {a.email: (a.status, a.status_reason) for a in session.scalars(select(Account))}
        audit = [e.action for e in session.scalars(select(AuditEntry))]
    assert status[revoked][0] == "needs_reauth"
    assert "sign in again" in (status[revoked][1] or "")
    assert status[healthy][0] == "active"
    assert "account.needs_reauth" in audit
    assert len(world.control.drafts(healthy)) == 1
    assert world.control.drafts(revoked) == []
    # a marked account is left alone until its owner signs in again
    world.clock.advance(timedelta(hours=1))
    assert all(r.account_id != 1 or r.error for r in engine.tick())
    assert world.control.drafts(revoked) == []


def test_tokens_are_stored_encrypted(world: World) -> None:
    owner = world.mailbox("vault.owner")
    engine = world.engine()
    world.connect(engine, owner)
    with transaction(world.factory) as session:
        account = session.scalars(select(Account)).one()
        tokens = engine.vault.open(account.sealed_tokens)
        assert tokens.access_token.encode() not in account.sealed_tokens
        assert tokens.refresh_token and tokens.refresh_token.encode() not in account.sealed_tokens


def test_an_idle_pass_costs_one_sync(world: World) -> None:
    owner = world.mailbox("idle.owner")
    spec = world.interview(owner)
    engine = world.engine()
    world.connect(engine, owner)
    world.clock.set(spec.end)
    engine.tick()
    world.clock.advance(timedelta(minutes=5))
    engine.tick()  # settles (the sent/drafted state is read back once)
    before = world.control.api_calls(owner)
    world.clock.advance(timedelta(minutes=5))
    engine.tick()
    after = world.control.api_calls(owner)
    spent = {m: after[m] - before.get(m, 0) for m in after if after[m] != before.get(m, 0)}
    if world.provider == "gmail":
        assert spent == {"calendar.events.list": 1, "gmail.users.history.list": 1}
    else:  # one HTTP request: the three deltas inside one $batch (counted inside too)
        assert spent.pop("graph.batch") == 1
        assert set(spent) <= {"graph.calendarView.delta", "graph.mailFolders.messages.delta"}
