"""One pass after another: drafts appear once, survive restarts and crashes, and one
revoked mailbox never stops the others."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from providers.emulator.control import PersonSpec
from providers.errors import RetryLater
from providers.interface import MailboxProvider, SyncResult, SyncWindow, TokenSaver
from providers.model import (
    DraftMark,
    DraftRef,
    DraftRequest,
    DraftState,
    MailMessage,
    ProviderName,
    Tokens,
    WrittenDraft,
)
from service import actions
from service.engine.connectors import EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET
from service.engine.runner import Engine
from service.store.db import transaction
from service.store.models import Account, AuditEntry, FollowUp, OutboxItem, Suggestion
from tests.service.engine.conftest import World


def marked(world: World, address: str) -> list[tuple[str, str] | None]:
    """(kind, event id) of each draft in the mailbox, from the opaque key it carries."""
    with transaction(world.factory) as session:
        follow_ups = {f.idempotency_key: (f.kind, f.interview.event_id)
                      for f in session.scalars(select(FollowUp))}
    return [follow_ups.get(mark.key) if (mark := DraftMark.of(d.mark)) else None
            for d in world.control.drafts(address)]


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
    assert marked(world, owner) == [("thank_you", "ev1")]
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

    def write_checkpoint(self) -> str | None:
        return self.inner.write_checkpoint()

    def find_written(self, request: DraftRequest, since: datetime,
                     checkpoint: str | None) -> WrittenDraft:
        return self.inner.find_written(request, since, checkpoint)

    def draft_states(self, refs: Sequence[DraftRef]) -> list[DraftState]:
        return self.inner.draft_states(refs)

    def message_body(self, message_id: str) -> str:
        return self.inner.message_body(message_id)

    def search_mail(self, since: datetime, senders: Sequence[str]) -> list[MailMessage]:
        return self.inner.search_mail(since, senders)

    def close(self) -> None:
        self.inner.close()


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


def test_an_error_only_a_person_can_fix_is_said_once_with_what_to_do(world: World) -> None:
    owner = world.mailbox("blocked.owner")
    engine = world.engine()
    world.connect(engine, owner)
    engine.tick()
    if world.provider == "gmail":  # the Workspace admin disables Gmail apps (domainPolicy)
        world.emulator.google.block_app(owner)
        expected = "administrator"
    else:  # the app registration's client secret expired (invalid_client)
        world.emulator.microsoft.register_client(EMULATOR_CLIENT_ID, EMULATOR_CLIENT_SECRET)
        world.emulator.microsoft.expire_client_secret(EMULATOR_CLIENT_ID)
        expected = "FOLLOWUP_MICROSOFT_CLIENT_SECRET"
    world.clock.advance(timedelta(hours=2))  # past the access token's lifetime
    engine.tick()
    with transaction(world.factory) as session:
        account = session.scalars(select(Account)).one()
        said = [e for e in session.scalars(select(AuditEntry))
                if e.action == "account.needs_reauth"]
        assert account.status == "needs_reauth"
        assert expected in (account.status_reason or "")
    assert len(said) == 1
    calls = sum(world.control.api_calls(owner).values())
    for _ in range(3):  # never retried: the account waits for a person
        world.clock.advance(timedelta(hours=1))
        engine.tick()
    assert sum(world.control.api_calls(owner).values()) == calls


@pytest.mark.parametrize("world", ["gmail"], indirect=True)
def test_a_google_testing_consent_screen_is_named_when_access_ends_a_week_later(
        world: World) -> None:
    world.emulator.google.set_consent_screen_testing(EMULATOR_CLIENT_ID)
    owner = world.mailbox("testing.owner")
    engine = world.engine()
    world.connect(engine, owner)
    for _ in range(8):
        engine.tick()
        world.clock.advance(timedelta(days=1))
    with transaction(world.factory) as session:
        account = session.scalars(select(Account)).one()
    assert account.status == "needs_reauth"
    assert "consent screen is in Testing" in (account.status_reason or "")


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


@dataclass
class FlakyCreate(CrashAfterWrite):
    """Our own MailboxProvider around the real adapter: the next draft creations (counted
    across passes in ``refusals[0]``) are refused as "retry later" (throttling), before
    anything is written."""

    refusals: list[int] = field(default_factory=lambda: [0])

    def create_draft(self, request: DraftRequest) -> DraftRef:
        if self.refusals[0]:
            self.refusals[0] -= 1
            raise RetryLater("429 from the provider", retry_after=600.0)
        return self.inner.create_draft(request)


def flaky_engine(world: World, refusals: int) -> Engine:
    budget = [refusals]

    def make(account: Account, tokens: Tokens, save: TokenSaver) -> MailboxProvider:
        real = world.connectors.mailbox(account, tokens, save)
        return FlakyCreate(real, real.name, crashes_left=0, refusals=budget)

    return Engine(world.factory, world.engine().vault, world.clock, make,
                  timedelta(minutes=5))


def test_a_note_while_the_thank_you_waits_to_be_written_is_in_it(world: World) -> None:
    owner = world.mailbox("throttled.owner")
    spec = world.interview(owner)
    engine = flaky_engine(world, refusals=1)
    world.connect(engine, owner)
    world.clock.set(spec.end)
    engine.tick()  # decided, but the provider said "later"
    assert world.control.drafts(owner) == []
    world.clock.advance(timedelta(minutes=2))
    with transaction(world.factory) as session:
        interview = actions.find_interview(session, 1, "ev1")
        actions.add_note(session, interview, actions.NoteInput(topic="the ingestion backlog"),
                         world.clock.now())
    engine.tick()
    world.clock.advance(timedelta(minutes=15))
    engine.tick()
    [draft] = world.control.drafts(owner)
    assert "the ingestion backlog" in draft.body
    with transaction(world.factory) as session:
        follow_up = session.scalars(select(FollowUp)).one()
        assert follow_up.state == "drafted"  # not taken for an owner's edit
        assert follow_up.written_body == follow_up.body


def test_a_check_in_withdrawn_before_it_was_written_is_never_written(world: World) -> None:
    owner = world.mailbox("withdrawn.owner")
    spec = world.interview(owner)
    engine = flaky_engine(world, refusals=0)
    world.connect(engine, owner)
    world.clock.set(spec.end)
    engine.tick()
    wake = engine.next_wake()
    for _ in range(20):  # through the week, to the check-in suggestion
        if wake is None:
            break
        world.clock.set(max(wake, world.clock.now()))
        engine.tick()
        wake = engine.next_wake()
    with transaction(world.factory) as session:
        interview = actions.find_interview(session, 1, "ev1")
        assert actions.has_pending_check_in(interview)
        actions.approve_check_in(session, interview, world.clock.now())
    flaky = flaky_engine(world, refusals=1)  # the check-in's creation is throttled
    flaky.tick()
    world.control.deliver_mail(owner, PersonSpec("jane.doe@acme.com", "Jane Doe"), (owner,),
                               "Next steps", "Hi Alex, could you do a second round on Monday?")
    world.clock.advance(timedelta(minutes=5))
    flaky.tick()  # the reply is seen: the check-in is withdrawn before it was ever written
    world.clock.advance(timedelta(hours=1))
    flaky.tick()
    assert marked(world, owner) == [("thank_you", "ev1")]
    with transaction(world.factory) as session:
        assert session.scalars(select(Suggestion)).one().status == "withdrawn"
        statuses = {i.operation: i.status for i in session.scalars(
            select(OutboxItem).join(FollowUp).where(FollowUp.kind == "check_in"))}
        assert statuses == {"create": "cancelled", "delete": "done"}


def test_the_owners_edits_and_deletions_are_read_back_hourly(world: World) -> None:
    owner = world.mailbox("reconcile.owner")
    first = world.interview(owner, "ev1")
    second = world.interview(owner, "ev2", end=first.end,
                             title="Interview: Alex Kim / Data Engineer (Globex)")
    engine = world.engine()
    world.connect(engine, owner)
    world.clock.set(second.end)
    engine.tick()
    drafts = {event: d for d, (_, event) in zip(  # type: ignore[misc]
        world.control.drafts(owner), marked(world, owner), strict=True)}
    world.control.owner_delete_draft(owner, drafts["ev1"].draft_id)
    world.control.owner_edit_draft(owner, drafts["ev2"].draft_id, "Hi Jane,\n\nMy own words.")
    world.clock.advance(timedelta(hours=1, minutes=1))
    engine.tick()
    with transaction(world.factory) as session:
        states = {f.interview.event_id: f.state for f in session.scalars(select(FollowUp))}
    assert states == {"ev1": "deleted", "ev2": "edited"}
    assert len(world.control.drafts(owner)) == 2  # nothing rewritten
