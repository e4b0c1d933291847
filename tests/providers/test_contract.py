"""The provider contract: what the service relies on from any MailboxProvider, run unchanged
against every adapter on the loopback emulator (real HTTP, real client libraries)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from providers.emulator.control import AttendeeSpec, EventSpec, Faults, PersonSpec
from providers.errors import AuthError, AuthRevoked, RetryLater
from providers.interface import SyncResult, SyncWindow
from providers.model import (
    DraftMark,
    DraftRef,
    DraftRequest,
    MailMessage,
    Person,
    ReplyTarget,
)
from providers.retry import RetryPolicy
from tests.providers.harness import Harness

JANE = PersonSpec("jane.doe@acme.com", "Jane Doe")
_POLL_DEADLINE = 10.0


def window(harness: Harness) -> SyncWindow:
    now = harness.clock.now()
    return SyncWindow(start=now - timedelta(days=30), end=now + timedelta(days=60))


def interview(event_id: str, start: datetime, title: str = "Interview: Acme / Alex Kim",
              **changes: object) -> EventSpec:
    fields: dict[str, object] = {
        "id": event_id,
        "title": title,
        "start": start,
        "end": start + timedelta(hours=1),
        "description": "Senior Engineer, first round",
        "organizer": PersonSpec("recruiting@acme.com", "Acme Recruiting"),
        "attendees": (AttendeeSpec("jane.doe@acme.com", "Jane Doe", "accepted"),),
    }
    fields.update(changes)
    return EventSpec(**fields)  # type: ignore[arg-type]


def thank_you(harness: Harness, key: str, *, reply_to: ReplyTarget | None = None,
              subject: str = "Thank you") -> DraftRequest:
    return DraftRequest(
        mark=DraftMark(key),
        to=Person(JANE.email, JANE.name),
        subject=subject,
        body="Hi Jane,\n\nThank you for your time today.\n\nBest,\nAlex",
        sender=Person(harness.address, harness.owner_name),
        reply_to=reply_to,
    )


def full_sync(harness: Harness) -> SyncResult:
    return harness.provider.sync(None, None, window(harness))


def next_sync(harness: Harness, previous: SyncResult) -> SyncResult:
    return harness.provider.sync(previous.calendar.cursor, previous.mail.cursor,
                                 window(harness))


def open_drafts(harness: Harness, key: str) -> list[str]:
    """Draft ids the emulator holds open for this key (what the owner would see)."""
    return [record.draft_id for record in harness.control.drafts(harness.address)
            if record.fate == "open" and DraftMark.of(record.mark) == DraftMark(key)]


def poll(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + _POLL_DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


# --- connecting ---------------------------------------------------------------------------


def test_connect_signs_in_with_pkce_and_reads_the_identity(harness: Harness) -> None:
    connection = harness.connection
    assert connection is not None
    assert connection.identity.email == harness.address
    assert connection.identity.name == harness.owner_name
    assert connection.identity.timezone == harness.timezone
    assert connection.tokens.refresh_token
    assert connection.tokens.expires_at > harness.clock.now()
    # The code is bound to its PKCE verifier: a code exchanged with another one is refused.
    request = harness.oauth.authorization_request(harness.redirect_uri)
    other = harness.oauth.authorization_request(harness.redirect_uri)
    assert request.state != other.state and request.code_verifier != other.code_verifier
    landed = harness.consent(request.url)
    code = landed.split("code=", 1)[1].split("&", 1)[0]
    with pytest.raises(AuthError):
        harness.oauth.exchange_code(code, harness.redirect_uri, other.code_verifier)


# --- calendar -----------------------------------------------------------------------------


def test_full_then_incremental_calendar_sync(harness: Harness) -> None:
    now = harness.clock.now()
    for number in (1, 2, 3):
        harness.control.put_event(harness.address,
                                  interview(f"ev-{number}", now + timedelta(days=number)))
    first = full_sync(harness)
    assert sorted(event.id for event in first.calendar.events) == ["ev-1", "ev-2", "ev-3"]
    assert not first.calendar.full_resync and first.calendar.cursor
    jane = first.calendar.events[0].attendees[0]
    assert (jane.email, jane.name, jane.response) == ("jane.doe@acme.com", "Jane Doe",
                                                      "accepted")

    harness.clock.advance(timedelta(minutes=5))
    harness.control.put_event(harness.address, interview("ev-4", now + timedelta(days=4)))
    harness.control.put_event(harness.address,
                              interview("ev-2", now + timedelta(days=2, hours=3)))
    harness.control.put_event(harness.address,
                              interview("ev-3", now + timedelta(days=3), status="cancelled"))
    second = next_sync(harness, first)
    changed = {event.id: event for event in second.calendar.events}
    assert not second.calendar.full_resync
    assert set(changed) | set(second.calendar.removed_ids) == {"ev-2", "ev-3", "ev-4"}
    assert changed["ev-2"].start == now + timedelta(days=2, hours=3)
    assert "ev-3" in second.calendar.removed_ids or changed["ev-3"].status == "cancelled"
    assert "ev-1" not in changed

    third = next_sync(harness, second)
    assert third.calendar.events == [] and third.calendar.removed_ids == []


def test_stale_cursors_are_recovered_with_a_full_resync(harness: Harness) -> None:
    now = harness.clock.now()
    harness.control.put_event(harness.address, interview("ev-1", now + timedelta(days=1)))
    first = full_sync(harness)
    harness.control.put_event(harness.address, interview("ev-2", now + timedelta(days=2)))
    message_id = harness.control.deliver_mail(harness.address, JANE, (harness.address,),
                                              "Scheduling", "Does Tuesday work?")
    harness.expire_calendar_cursor()
    harness.expire_mail_cursor()

    recovered = next_sync(harness, first)
    assert recovered.calendar.full_resync and recovered.mail.full_resync
    assert sorted(event.id for event in recovered.calendar.events) == ["ev-1", "ev-2"]
    assert message_id in [message.id for message in recovered.mail.messages]
    # The new cursors work incrementally again.
    after = next_sync(harness, recovered)
    assert not after.calendar.full_resync and not after.mail.full_resync
    assert after.calendar.events == [] and after.mail.messages == []


def test_idle_sync_costs_at_most_the_documented_requests(harness: Harness) -> None:
    harness.control.put_event(harness.address,
                              interview("ev-1", harness.clock.now() + timedelta(days=1)))
    synced = next_sync(harness, full_sync(harness))
    results: list[SyncResult] = []
    calls = harness.api_calls_during(lambda: results.append(next_sync(harness, synced)))
    if harness.idle_sync_calls is None:
        assert sum(calls.values()) <= harness.idle_sync_requests, calls
    else:
        assert all(count <= harness.idle_sync_calls.get(method, 0)
                   for method, count in calls.items()), calls
    (idle,) = results
    assert idle.calendar.events == [] and idle.mail.messages == []


def test_malformed_and_hostile_events_never_break_a_sync(harness: Harness) -> None:
    now = harness.clock.now()
    harness.control.put_event(harness.address, interview(
        "ev-hostile", now + timedelta(days=1),
        title="Interview\r\nBcc: x@evil.example " + "A" * 5_000,
        description="<script>alert(1)</script><p>Role: Engineer</p>" * 200,
        attendees=(AttendeeSpec("not-an-address", "Nobody"),
                   AttendeeSpec("jane.doe@acme.com", "Jane\nDoe", "accepted"))))
    result = full_sync(harness)
    (event,) = result.calendar.events
    assert event.title.startswith("Interview Bcc: x@evil.example AAA")
    assert "\n" not in event.title and "\r" not in event.title
    assert len(event.title) < 5_000 and len(event.description) < 10_000
    assert "Role: Engineer" in event.description
    assert [a.email for a in event.attendees if not a.is_self] == ["jane.doe@acme.com"]
    (jane,) = [a for a in event.attendees if a.email == "jane.doe@acme.com"]
    assert jane.name is not None and "\n" not in jane.name


# --- drafts -------------------------------------------------------------------------------


def test_draft_create_update_find_and_delete(harness: Harness) -> None:
    provider = harness.provider
    ref = provider.create_draft(thank_you(harness, "key-crud"))
    (record,) = harness.control.drafts(harness.address)
    assert record.draft_id == ref.draft_id
    assert record.to == ("jane.doe@acme.com",) and record.cc == () and record.bcc == ()
    assert record.subject == "Thank you"
    assert record.body.strip() == thank_you(harness, "x").body
    assert DraftMark.of(record.mark) == ref.mark

    assert provider.find_draft("key-crud") == ref
    assert provider.find_draft("key-unknown") is None

    updated = provider.update_draft(ref, "Thank you, Jane", "Hi Jane,\n\nUpdated text.")
    assert updated.draft_id == ref.draft_id and updated.mark == ref.mark
    if harness.name == "gmail":  # a new message for every update (the draft id stays)
        assert updated.message_id != ref.message_id
    (record,) = harness.control.drafts(harness.address)
    assert record.subject == "Thank you, Jane"
    assert record.body.strip() == "Hi Jane,\n\nUpdated text."
    assert record.to == ("jane.doe@acme.com",)
    (state,) = provider.draft_states([updated])
    assert state.fate == "draft" and state.body is not None
    assert state.body.strip() == "Hi Jane,\n\nUpdated text."
    assert state.subject == "Thank you, Jane"
    assert state.recipients == ("jane.doe@acme.com",)

    provider.delete_draft(updated)
    provider.delete_draft(updated)  # already gone: fine
    assert provider.find_draft("key-crud") is None
    (record,) = harness.control.drafts(harness.address)
    assert record.fate == "deleted" and record.deleted_by == "service"
    (state,) = provider.draft_states([updated])
    assert state.fate == "gone" and state.thread_messages == ()


def test_draft_states_report_owner_edits_sends_and_deletes(harness: Harness) -> None:
    provider = harness.provider
    kept = provider.create_draft(thank_you(harness, "key-kept"))
    edited = provider.create_draft(thank_you(harness, "key-edited"))
    sent = provider.create_draft(thank_you(harness, "key-sent"))
    dropped = provider.create_draft(thank_you(harness, "key-dropped"))
    harness.control.owner_edit_draft(harness.address, edited.draft_id,
                                     "Hi Jane,\n\nMy own words.", subject="My subject")
    sent_id = harness.control.owner_send_draft(harness.address, sent.draft_id)
    harness.control.owner_delete_draft(harness.address, dropped.draft_id)

    states = {state.ref.mark.key: state
              for state in provider.draft_states([kept, edited, sent, dropped])}
    assert states["key-kept"].fate == "draft"
    assert (states["key-kept"].body or "").strip() == thank_you(harness, "x").body
    changed = states["key-edited"]
    assert changed.fate == "draft" and changed.subject == "My subject"
    assert (changed.body or "").strip() == "Hi Jane,\n\nMy own words."
    assert changed.ref.draft_id == edited.draft_id  # the draft id is the stable handle
    # A sent draft and a deleted one are both gone from Drafts: only the sent one has the
    # owner's message in its thread (the service judges which is which).
    assert states["key-dropped"].fate == "gone"
    assert states["key-dropped"].thread_messages == ()
    gone = states["key-sent"]
    assert gone.fate == "gone"
    (copy,) = gone.thread_messages
    assert copy.id == sent_id != sent.message_id  # a new message, on both providers
    assert copy.thread_id == sent.thread_id and copy.folder == "sent"
    assert [p.email for p in copy.to] == ["jane.doe@acme.com"]
    assert harness.control.sent(harness.address)[0].by == "owner"


def test_reply_draft_goes_into_the_thread_of_the_received_message(harness: Harness) -> None:
    first = full_sync(harness)
    received_id = harness.control.deliver_mail(
        harness.address, JANE, (harness.address,), "Next steps",
        "We will be making decisions by next Friday.")
    changes = next_sync(harness, first)
    (received,) = [m for m in changes.mail.messages if m.id == received_id]
    assert received.folder == "inbox"
    assert received.sender == Person("jane.doe@acme.com", "Jane Doe")
    assert "next Friday" in harness.provider.message_body(received_id)

    target = ReplyTarget(message_id=received.id, thread_id=received.thread_id,
                         message_id_header=received.message_id_header,
                         references=received.references, subject=received.subject)
    ref = harness.provider.create_draft(
        thank_you(harness, "key-reply", reply_to=target, subject="Re: Next steps"))
    assert ref.thread_id == received.thread_id
    (record,) = harness.control.drafts(harness.address)
    assert record.thread_id == received.thread_id
    assert record.in_reply_to_message_id == received.id


def test_a_reply_to_a_message_that_is_gone_starts_a_new_thread(harness: Harness) -> None:
    full_sync(harness)
    gone = ReplyTarget(message_id="AAMkAGgone0000=", thread_id="18f0000000000gone",
                       message_id_header="<gone@mail.acme.com>", subject="Next steps")
    ref = harness.provider.create_draft(
        thank_you(harness, "key-gone", reply_to=gone, subject="Re: Next steps"))
    (record,) = harness.control.drafts(harness.address)
    assert record.draft_id == ref.draft_id
    assert record.to == ("jane.doe@acme.com",)
    assert record.in_reply_to_message_id is None


def test_sent_draft_is_detected_and_a_reply_to_it_shows_up_in_its_thread(
        harness: Harness) -> None:
    ref = harness.provider.create_draft(thank_you(harness, "key-sent"))
    synced = full_sync(harness)
    sent_id = harness.control.owner_send_draft(harness.address, ref.draft_id)
    (state,) = harness.provider.draft_states([ref])
    assert state.fate == "gone"
    (copy,) = state.thread_messages
    thread = copy.thread_id
    assert thread == ref.thread_id

    reply_id = harness.control.deliver_mail(harness.address, JANE, (harness.address,),
                                            "Re: Thank you", "Thanks Alex, we'll be in touch.",
                                            in_reply_to_message_id=sent_id)
    changes = next_sync(harness, synced)
    by_id: dict[str, MailMessage] = {m.id: m for m in changes.mail.messages}
    assert reply_id in by_id
    reply = by_id[reply_id]
    assert reply.thread_id == thread and reply.folder == "inbox"
    assert reply.in_reply_to == copy.message_id_header
    sent_copies = [m for m in changes.mail.messages if m.folder == "sent"]
    assert [(m.id, m.thread_id) for m in sent_copies] == [(sent_id, thread)]


# --- failures -----------------------------------------------------------------------------


def test_revoked_access_raises_auth_revoked(harness: Harness) -> None:
    full_sync(harness)
    harness.control.revoke(harness.address)
    with pytest.raises(AuthRevoked):
        full_sync(harness)


def test_expired_access_token_is_refreshed_and_saved(harness: Harness) -> None:
    first = full_sync(harness)
    old = harness.connection.tokens if harness.connection else None
    harness.clock.advance(timedelta(hours=2))  # past the access token's lifetime
    next_sync(harness, first)
    assert harness.saved_tokens, "the refreshed tokens were not handed to the TokenSaver"
    assert old is not None and harness.saved_tokens[-1].access_token != old.access_token
    assert harness.saved_tokens[-1].expires_at > harness.clock.now()


def test_a_429_storm_ends_in_success_or_retry_later_and_never_a_duplicate(
        harness: Harness) -> None:
    synced = full_sync(harness)
    harness.control.set_faults(Faults(error_rate=0.6, error_statuses=(429, 500, 503),
                                      retry_after_seconds=1, seed=11), harness.address)
    provider = harness.new_provider(retry=RetryPolicy(max_attempts=4, base_delay=0.5))
    request = thank_you(harness, "key-storm")
    ref: DraftRef | None = None
    gave_up = 0
    for _ in range(20):  # what the outbox executor does: look up, then create
        try:
            ref = provider.find_draft("key-storm") or provider.create_draft(request)
            break
        except RetryLater as exc:
            gave_up += 1
            assert exc.retry_after is None or exc.retry_after >= 0
    assert ref is not None
    for _ in range(20):
        try:
            next_sync(harness, synced)
            break
        except RetryLater:
            gave_up += 1
    else:
        raise AssertionError("sync never got through a 60% error rate")
    assert harness.gate.sleeps, "no backoff happened"
    harness.control.set_faults(Faults(), harness.address)
    assert open_drafts(harness, "key-storm") == [ref.draft_id]


def test_a_create_that_timed_out_after_succeeding_leaves_exactly_one_draft(
        harness: Harness) -> None:
    provider = harness.new_provider(timeout=0.5)
    # Every answer comes 1.5 s late: the draft is written, its answer never arrives in time.
    harness.control.set_faults(Faults(delay_seconds=1.5), harness.address)
    harness.gate.close()
    outcome: dict[str, object] = {}

    def create() -> None:
        try:
            outcome["ref"] = provider.create_draft(thank_you(harness, "key-timeout"))
        except Exception as exc:  # reported below
            outcome["error"] = exc

    worker = threading.Thread(target=create, daemon=True)
    worker.start()
    # The adapter timed out and now waits to retry: the emulator has the draft already.
    assert harness.gate.waiting.wait(_POLL_DEADLINE), "the create did not time out"
    poll(lambda: len(open_drafts(harness, "key-timeout")) == 1, "the draft to exist")
    harness.control.set_faults(Faults(), harness.address)
    harness.gate.open()
    worker.join(_POLL_DEADLINE)
    assert not worker.is_alive()
    assert "error" not in outcome, outcome.get("error")
    ref = outcome["ref"]
    assert isinstance(ref, DraftRef)
    assert open_drafts(harness, "key-timeout") == [ref.draft_id]
    assert len(harness.control.drafts(harness.address)) == 1


def test_one_search_finds_company_mail_in_every_folder(harness: Harness) -> None:
    synced = full_sync(harness)
    since = harness.clock.now()
    harness.clock.advance(timedelta(minutes=1))
    filed = harness.control.deliver_mail(harness.address, JANE, (harness.address,),
                                         "Re: Thank you", "Could you do Tuesday?")
    harness.control.owner_move_mail(harness.address, filed, "Recruiting")  # a mail rule
    trashed = harness.control.deliver_mail(
        harness.address, PersonSpec("rita@acme.com", "Rita"), (harness.address,),
        "Schedule", "Hello")
    harness.control.owner_move_mail(harness.address, trashed, "trash")
    harness.control.deliver_mail(harness.address, PersonSpec("news@letters.example"),
                                 (harness.address,), "News", "Nothing")
    harness.control.owner_send_own(harness.address, ("jane.doe@acme.com",), "Hi", "Mine")
    found = harness.provider.search_mail(since, ["jane.doe@acme.com", "acme.com"])
    assert sorted(m.id for m in found) == sorted((filed, trashed))
    assert all(m.sender and m.sender.email.endswith("@acme.com") for m in found)
    assert harness.provider.search_mail(since + timedelta(hours=1), ["acme.com"]) == []
    next_sync(harness, synced)
