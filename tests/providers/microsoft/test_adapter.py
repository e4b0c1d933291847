"""The Outlook adapter on the emulator, beyond the shared contract: JSON batching, paging,
per-item failures inside a batch, partial cursor expiry, TLS trust, reply fallbacks."""

from __future__ import annotations

import ssl
from dataclasses import replace
from datetime import timedelta

import httpx
import pytest

from providers.emulator.control import AttendeeSpec, EventSpec, Faults, PersonSpec
from providers.emulator.server import EmulatorServer
from providers.errors import RetryLater
from providers.interface import SyncWindow
from providers.microsoft.adapter import OutlookProvider
from providers.microsoft.endpoints import MicrosoftEndpoints
from providers.microsoft.oauth import MicrosoftOAuth
from providers.model import DraftMark, DraftRequest, Person, ReplyTarget, Tokens
from providers.retry import RetryPolicy
from tests.providers.harness import TEST_RETRY, Harness
from tests.providers.harness_microsoft import CLIENT_ID, CLIENT_SECRET

JANE = PersonSpec("jane.doe@acme.com", "Jane Doe")


class CountingTransport(httpx.BaseTransport):
    """The real HTTP transport, with a log of what went over the wire."""

    def __init__(self, ca_path: str) -> None:
        self._inner = httpx.HTTPTransport(verify=ssl.create_default_context(cafile=ca_path))
        self.sent: list[tuple[str, str]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((request.method, request.url.path))
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def adapter(harness: Harness, server: EmulatorServer, *, page_size: int = 200,
            retry: RetryPolicy = TEST_RETRY) -> tuple[OutlookProvider, CountingTransport]:
    assert harness.connection is not None and isinstance(harness.oauth, MicrosoftOAuth)
    wire = CountingTransport(str(server.ca_path))
    provider = OutlookProvider(harness.address, harness.connection.tokens,
                               harness.saved_tokens.append, harness.oauth, harness.gate,
                               retry=retry, page_size=page_size, http_transport=wire)
    return provider, wire


def window(harness: Harness) -> SyncWindow:
    now = harness.clock.now()
    return SyncWindow(now - timedelta(days=30), now + timedelta(days=60))


def event(event_id: str, harness: Harness, days: int) -> EventSpec:
    start = harness.clock.now() + timedelta(days=days)
    return EventSpec(id=event_id, title=f"Interview {event_id}", start=start,
                     end=start + timedelta(hours=1),
                     attendees=(AttendeeSpec(JANE.email, JANE.name, "accepted"),))


def draft(harness: Harness, key: str, reply_to: ReplyTarget | None = None) -> DraftRequest:
    return DraftRequest(mark=DraftMark(key),
                        to=Person(JANE.email, JANE.name), subject="Thank you",
                        body="Hi Jane,\n\nThank you.", reply_to=reply_to)


def test_an_idle_sync_is_one_batch_request_on_the_wire(
        outlook: Harness, emulator_server: EmulatorServer) -> None:
    provider, wire = adapter(outlook, emulator_server)
    first = provider.sync(None, None, window(outlook))
    assert wire.sent == [("POST", "/v1.0/$batch")]  # the full sync of an empty mailbox too

    wire.sent.clear()
    idle = provider.sync(first.calendar.cursor, first.mail.cursor, window(outlook))
    assert wire.sent == [("POST", "/v1.0/$batch")]
    assert idle.calendar.events == [] and idle.mail.messages == []
    assert not idle.calendar.full_resync and not idle.mail.full_resync


def test_long_deltas_are_paged_together_and_nothing_is_lost(
        outlook: Harness, emulator_server: EmulatorServer) -> None:
    provider, wire = adapter(outlook, emulator_server, page_size=5)
    for number in range(12):
        outlook.control.put_event(outlook.address, event(f"ev-{number}", outlook, number % 20))
    delivered = {
        outlook.control.deliver_mail(outlook.address, JANE, (outlook.address,),
                                     f"Message {number}", "Hello")
        for number in range(7)
    }
    sent = outlook.control.owner_send_own(outlook.address, (JANE.email,), "Mine", "Hi")

    result = provider.sync(None, None, window(outlook))

    assert sorted(e.id for e in result.calendar.events) == sorted(f"ev-{n}" for n in range(12))
    assert {m.id for m in result.mail.messages if m.folder == "inbox"} == delivered
    assert [m.id for m in result.mail.messages if m.folder == "sent"] == [sent]
    # Rounds: the three streams share batches while more than one has pages left.
    assert len(wire.sent) == 3  # 12 events in pages of 5: three rounds
    assert all(path == "/v1.0/$batch" for _, path in wire.sent[:2])

    wire.sent.clear()
    outlook.control.put_event(outlook.address, event("ev-new", outlook, 3))
    later = provider.sync(result.calendar.cursor, result.mail.cursor, window(outlook))
    assert [e.id for e in later.calendar.events] == ["ev-new"]
    assert later.mail.messages == []
    assert len(wire.sent) == 1


def test_a_throttled_item_inside_the_batch_is_retried_alone(
        outlook: Harness, emulator_server: EmulatorServer) -> None:
    provider, wire = adapter(outlook, emulator_server)
    outlook.control.put_event(outlook.address, event("ev-1", outlook, 1))
    first = provider.sync(None, None, window(outlook))
    outlook.control.put_event(outlook.address, event("ev-2", outlook, 2))
    wire.sent.clear()
    # The batch itself passes; its first inner request (the calendar delta) is throttled.
    outlook.control.set_faults(Faults(fail_next=[0, 429], retry_after_seconds=3),
                               outlook.address)

    result = provider.sync(first.calendar.cursor, first.mail.cursor, window(outlook))

    assert [e.id for e in result.calendar.events] == ["ev-2"]
    assert outlook.gate.sleeps[-1] == 3  # Retry-After honoured, through the clock
    assert wire.sent == [("POST", "/v1.0/$batch"), ("GET", "/v1.0/me/calendarView/delta")]


def test_a_batch_that_keeps_failing_ends_in_retry_later(
        outlook: Harness, emulator_server: EmulatorServer) -> None:
    provider, _ = adapter(outlook, emulator_server,
                          retry=RetryPolicy(max_attempts=3, base_delay=0.1))
    first = provider.sync(None, None, window(outlook))
    outlook.control.set_faults(Faults(error_rate=1.0, error_statuses=(503,)), outlook.address)
    with pytest.raises(RetryLater):
        provider.sync(first.calendar.cursor, first.mail.cursor, window(outlook))
    assert len(outlook.gate.sleeps) == 2


def test_a_stale_mail_cursor_restarts_both_folders_but_not_the_calendar(
        outlook: Harness, emulator_server: EmulatorServer) -> None:
    provider, _ = adapter(outlook, emulator_server)
    outlook.control.put_event(outlook.address, event("ev-1", outlook, 1))
    inbound = outlook.control.deliver_mail(outlook.address, JANE, (outlook.address,),
                                           "Hello", "Hi")
    first = provider.sync(None, None, window(outlook))
    # A garbage mail cursor: as good as an expired one.
    result = provider.sync(first.calendar.cursor, '{"v":1,"inbox":"x"}', window(outlook))
    assert result.mail.full_resync and not result.calendar.full_resync
    assert [m.id for m in result.mail.messages] == [inbound]
    assert result.calendar.events == []
    # A cursor pointing outside the Graph root is never followed (the token stays home).
    foreign = first.calendar.cursor.replace(emulator_server.https_url, "https://evil.example")
    result = provider.sync(foreign, result.mail.cursor, window(outlook))
    assert result.calendar.full_resync and [e.id for e in result.calendar.events] == ["ev-1"]


def test_removed_events_come_back_as_removed_ids(
        outlook: Harness, emulator_server: EmulatorServer) -> None:
    provider, _ = adapter(outlook, emulator_server)
    outlook.control.put_event(outlook.address, event("ev-1", outlook, 1))
    outlook.control.put_event(outlook.address, event("ev-2", outlook, 2))
    first = provider.sync(None, None, window(outlook))
    outlook.control.delete_event(outlook.address, "ev-1")
    result = provider.sync(first.calendar.cursor, first.mail.cursor, window(outlook))
    assert result.calendar.removed_ids == ["ev-1"] and result.calendar.events == []


def test_a_reply_to_a_vanished_message_becomes_a_new_draft(
        outlook: Harness, emulator_server: EmulatorServer) -> None:
    provider, _ = adapter(outlook, emulator_server)
    gone = ReplyTarget(message_id="AAMkNoSuchMessage", thread_id="conv", message_id_header=None)
    ref = provider.create_draft(draft(outlook, "key-orphan", reply_to=gone))
    (record,) = outlook.control.drafts(outlook.address)
    assert record.draft_id == ref.draft_id and record.in_reply_to_message_id is None
    assert DraftMark.of(record.mark) == ref.mark


def test_a_draft_sent_by_the_owner_is_gone_with_its_copy_in_its_conversation(
        outlook: Harness, emulator_server: EmulatorServer) -> None:
    provider, wire = adapter(outlook, emulator_server)
    refs = [provider.create_draft(draft(outlook, f"key-{n}")) for n in range(3)]
    sent_id = outlook.control.owner_send_draft(outlook.address, refs[1].draft_id)
    outlook.control.owner_delete_draft(outlook.address, refs[2].draft_id)
    wire.sent.clear()

    states = provider.draft_states(refs)

    assert [s.fate for s in states] == ["draft", "gone", "gone"]
    (sent,) = states[1].thread_messages  # the Sent Items copy: another id, no mark
    assert sent.id == sent_id != refs[1].message_id
    assert sent.thread_id == refs[1].thread_id and sent.folder == "sent"
    assert states[2].thread_messages == ()
    # One batch for the drafts, one for the two missing ones' conversations.
    assert wire.sent == [("POST", "/v1.0/$batch"), ("POST", "/v1.0/$batch")]


def test_an_adapter_without_the_ca_bundle_trusts_nothing_of_the_emulator(
        outlook: Harness, emulator_server: EmulatorServer) -> None:
    assert outlook.connection is not None
    endpoints = MicrosoftEndpoints(authority=f"{emulator_server.https_url}/common",
                                   graph_root=f"{emulator_server.https_url}/v1.0")
    oauth = MicrosoftOAuth(CLIENT_ID, CLIENT_SECRET, endpoints, outlook.gate)
    provider = OutlookProvider(outlook.address, outlook.connection.tokens, lambda _: None,
                               oauth, outlook.gate, retry=RetryPolicy(max_attempts=1))
    with pytest.raises(RetryLater):
        provider.sync(None, None, window(outlook))
    with pytest.raises(RetryLater):
        oauth.authorization_request("http://127.0.0.1:8765/oauth/callback")


def test_a_refused_token_is_refreshed_once_and_saved(
        outlook: Harness, emulator_server: EmulatorServer) -> None:
    assert outlook.connection is not None and isinstance(outlook.oauth, MicrosoftOAuth)
    stored = outlook.connection.tokens
    outlook.clock.advance(timedelta(hours=3))  # the server expired it; we believe it valid
    believed = replace(stored, expires_at=outlook.clock.now() + timedelta(hours=1))
    saved: list[Tokens] = []
    wire = CountingTransport(str(emulator_server.ca_path))
    provider = OutlookProvider(outlook.address, believed, saved.append, outlook.oauth,
                               outlook.gate, http_transport=wire)

    provider.sync(None, None, window(outlook))

    assert wire.sent == [("POST", "/v1.0/$batch")] * 2  # refused, then the same again
    (fresh,) = saved
    assert fresh.access_token != stored.access_token and fresh.refresh_token
    assert provider.tokens == fresh
