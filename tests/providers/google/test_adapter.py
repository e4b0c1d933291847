"""Gmail-specific behaviour of GmailProvider on the emulator: request budget, batching, token
refresh, scopes, error mapping. The provider-neutral contract is tests/providers/test_contract."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

import pytest

from providers.emulator.control import Faults, PersonSpec
from providers.emulator.google import GoogleEmulator
from providers.errors import AuthExpired, NotFound
from providers.interface import SyncResult, SyncWindow
from providers.model import DraftMark, DraftRequest, Person, ReplyTarget
from tests.providers.harness import Harness

JANE = PersonSpec("jane.doe@acme.com", "Jane Doe")


def window(gmail: Harness) -> SyncWindow:
    now = gmail.clock.now()
    return SyncWindow(now - timedelta(days=30), now + timedelta(days=60))


def draft(key: str) -> DraftRequest:
    return DraftRequest(mark=DraftMark(key),
                        to=Person("jane.doe@acme.com", "Jane Doe"), subject="Thank you",
                        body="Hi Jane,\n\nThanks.")


def deliver(gmail: Harness, count: int) -> list[str]:
    return [gmail.control.deliver_mail(gmail.address, JANE, (gmail.address,), f"Note {n}",
                                       f"Body {n}") for n in range(count)]


def test_first_sync_reads_recent_mail_headers_in_one_batch(gmail: Harness) -> None:
    ids = deliver(gmail, 3)
    own = gmail.control.owner_send_own(gmail.address, ("jane.doe@acme.com",), "Hello", "Hi")
    result: list[SyncResult] = []
    calls = gmail.api_calls_during(lambda: result.append(
        gmail.provider.sync(None, None, window(gmail))))
    (synced,) = result
    assert sorted(m.id for m in synced.mail.messages) == sorted([*ids, own])
    assert {m.folder for m in synced.mail.messages} == {"inbox", "sent"}
    assert calls == {"calendar.events.list": 1, "gmail.users.getProfile": 1,
                     "gmail.users.messages.list": 2, "gmail.batch": 1,
                     "gmail.users.messages.get": 4}


def test_a_failed_batch_part_is_fetched_again_alone(gmail: Harness) -> None:
    first = gmail.provider.sync(None, None, window(gmail))
    ids = deliver(gmail, 3)
    # events.list, history.list, part 1 pass; part 2 answers 503; part 3 passes.
    gmail.control.set_faults(Faults(fail_next=[0, 0, 0, 503]), gmail.address)
    result: list[SyncResult] = []
    calls = gmail.api_calls_during(lambda: result.append(gmail.provider.sync(
        first.calendar.cursor, first.mail.cursor, window(gmail))))
    assert sorted(m.id for m in result[0].mail.messages) == sorted(ids)
    assert calls["gmail.batch"] == 2 and calls["gmail.users.messages.get"] == 4
    assert gmail.gate.sleeps  # the retry waited through the clock


def test_drafts_are_not_reported_as_mail_and_sent_ones_are(gmail: Harness) -> None:
    first = gmail.provider.sync(None, None, window(gmail))
    ref = gmail.provider.create_draft(draft("k-1"))
    quiet = gmail.provider.sync(first.calendar.cursor, first.mail.cursor, window(gmail))
    assert quiet.mail.messages == []
    sent_id = gmail.control.owner_send_draft(gmail.address, ref.draft_id)
    sent = gmail.provider.sync(quiet.calendar.cursor, quiet.mail.cursor, window(gmail))
    (message,) = sent.mail.messages
    # Gmail sends a draft as a new message, with a new id, in the draft's thread
    # (https://developers.google.com/gmail/api/guides/drafts).
    assert (message.id, message.folder, message.thread_id) == (sent_id, "sent", ref.thread_id)
    assert message.id != ref.message_id


def test_a_401_refreshes_once_saves_the_tokens_and_retries(gmail: Harness) -> None:
    first = gmail.provider.sync(None, None, window(gmail))
    gmail.control.set_faults(Faults(fail_next=[401]), gmail.address)
    calls = gmail.api_calls_during(lambda: gmail.provider.sync(
        first.calendar.cursor, first.mail.cursor, window(gmail)))
    assert calls["oauth2.token"] == 1
    assert calls["calendar.events.list"] == 2
    (saved,) = gmail.saved_tokens
    assert gmail.connection is not None
    assert saved.access_token != gmail.connection.tokens.access_token
    assert saved.refresh_token == gmail.connection.tokens.refresh_token


def test_a_second_401_after_the_refresh_is_auth_expired(gmail: Harness) -> None:
    gmail.control.set_faults(Faults(fail_next=[401, 401]), gmail.address)
    with pytest.raises(AuthExpired):
        gmail.provider.sync(None, None, window(gmail))


def test_tokens_are_refreshed_before_they_expire_on_the_injected_clock(gmail: Harness
                                                                       ) -> None:
    first = gmail.provider.sync(None, None, window(gmail))
    gmail.clock.advance(timedelta(minutes=56))  # inside the 5-minute margin of a 1 h token
    calls = gmail.api_calls_during(lambda: gmail.provider.sync(
        first.calendar.cursor, first.mail.cursor, window(gmail)))
    assert calls == {"oauth2.token": 1, "calendar.events.list": 1,
                     "gmail.users.history.list": 1}  # no request was refused first
    assert gmail.saved_tokens[-1].expires_at == gmail.clock.now() + timedelta(hours=1)


def test_updating_a_sent_draft_is_not_found_and_nothing_is_ever_sent(gmail: Harness) -> None:
    provider = gmail.provider
    ref = provider.create_draft(draft("k-sent"))
    updated = provider.update_draft(ref, "Thank you!", "Hi Jane,\n\nThanks again.")
    assert updated.message_id != ref.message_id  # Gmail: a new message per draft update
    gmail.control.owner_send_draft(gmail.address, updated.draft_id)
    with pytest.raises(NotFound):
        provider.update_draft(updated, "Again", "text")
    provider.draft_states([updated])
    provider.delete_draft(updated)
    calls = gmail.control.api_calls(gmail.address)
    assert "gmail.users.drafts.send" not in calls and "gmail.users.messages.send" not in calls
    assert [record.by for record in gmail.control.sent(gmail.address)] == ["owner"]


def test_update_keeps_the_reply_headers_and_the_recipient(gmail: Harness) -> None:
    google = cast(GoogleEmulator, gmail.control)
    first = gmail.provider.sync(None, None, window(gmail))
    received_id = deliver(gmail, 1)[0]
    changes = gmail.provider.sync(first.calendar.cursor, first.mail.cursor, window(gmail))
    (received,) = changes.mail.messages
    request = DraftRequest(
        mark=DraftMark("k-reply"), to=Person(JANE.email, JANE.name),
        subject="Re: Note 0", body="Hi Jane,\n\nAny news?",
        reply_to=ReplyTarget(received.id, received.thread_id, received.message_id_header,
                             received.references, received.subject))
    ref = gmail.provider.create_draft(request)
    updated = gmail.provider.update_draft(ref, "Re: Note 0", "Hi Jane,\n\nAny news yet?")
    (record,) = google.drafts(gmail.address)
    assert record.thread_id == received.thread_id == updated.thread_id
    assert record.in_reply_to_message_id == received_id
    assert record.to == ("jane.doe@acme.com",)


def test_a_401_inside_a_batch_refreshes_through_the_same_path(gmail: Harness) -> None:
    first = gmail.provider.sync(None, None, window(gmail))
    ids = deliver(gmail, 3)
    # events.list, history.list pass; the batch's first part is refused; googleapiclient
    # refreshes by itself and asks again for that part.
    gmail.control.set_faults(Faults(fail_next=[0, 0, 401]), gmail.address)
    result: list[SyncResult] = []
    calls = gmail.api_calls_during(lambda: result.append(gmail.provider.sync(
        first.calendar.cursor, first.mail.cursor, window(gmail))))
    assert sorted(m.id for m in result[0].mail.messages) == sorted(ids)
    assert calls["oauth2.token"] == 1
    assert len(gmail.saved_tokens) == 1
    assert gmail.saved_tokens[0].expires_at == gmail.clock.now() + timedelta(hours=1)
