"""After an uncertain write, a draft is found wherever it went: still a draft, sent by the
owner, deleted by the owner, or never written. Run unchanged against both adapters on the
loopback emulator.

Gmail: discarding a draft deletes it for good, as ``drafts.delete`` does ("Immediately and
permanently deletes the specified draft. Does not simply trash it.",
https://developers.google.com/gmail/api/reference/rest/v1/users.drafts/delete), and a sent
draft gets Gmail's own Message-ID: only ``history.list`` (messageAdded / messageDeleted,
https://developers.google.com/gmail/api/reference/rest/v1/users.history/list) tells.
Outlook: a draft deleted for good stays in Recoverable Items with its properties
(``recoverableitemsdeletions``, https://learn.microsoft.com/en-us/graph/api/resources/mailfolder);
the owner's clients send it as a new item without them."""

from __future__ import annotations

from providers.model import ReplyTarget
from tests.providers.harness import Harness
from tests.providers.test_contract import JANE, full_sync, next_sync, thank_you


def test_a_draft_still_in_drafts_is_found_as_a_draft(harness: Harness) -> None:
    request = thank_you(harness, "key-kept")
    since = harness.clock.now()
    checkpoint = harness.provider.write_checkpoint()
    ref = harness.provider.create_draft(request)
    found = harness.provider.find_written(request, since, checkpoint)
    assert found.where == "draft" and found.state is not None
    assert found.state.ref.draft_id == ref.draft_id


def test_a_draft_never_written_is_absent(harness: Harness) -> None:
    harness.provider.create_draft(thank_you(harness, "key-other"))
    request = thank_you(harness, "key-never")
    since = harness.clock.now()
    checkpoint = harness.provider.write_checkpoint()
    assert harness.provider.find_written(request, since, checkpoint).where == "absent"


def test_a_draft_the_owner_deleted_after_the_write_is_found_deleted(harness: Harness) -> None:
    request = thank_you(harness, "key-dropped")
    since = harness.clock.now()
    checkpoint = harness.provider.write_checkpoint()
    ref = harness.provider.create_draft(request)  # its answer "lost": the service never knew
    harness.control.owner_delete_draft(harness.address, ref.draft_id)
    assert harness.provider.find_draft("key-dropped") is None  # why find_draft is not enough
    found = harness.provider.find_written(request, since, checkpoint)
    assert found.where == "deleted" and found.state is not None
    assert found.state.fate == "gone" and found.state.thread_messages == ()
    (record,) = harness.control.drafts(harness.address)
    assert record.fate == "deleted" and record.deleted_by == "owner"


def test_a_draft_the_owner_sent_after_the_write_is_found_sent(harness: Harness) -> None:
    request = thank_you(harness, "key-sent")
    since = harness.clock.now()
    checkpoint = harness.provider.write_checkpoint()
    ref = harness.provider.create_draft(request)
    sent_id = harness.control.owner_send_draft(harness.address, ref.draft_id)
    found = harness.provider.find_written(request, since, checkpoint)
    assert found.where == "sent" and found.state is not None
    (copy,) = found.state.thread_messages
    assert copy.id == sent_id and copy.folder == "sent"
    assert found.state.ref.thread_id == copy.thread_id == ref.thread_id


def test_a_reply_deleted_by_the_owner_is_found_in_its_thread(harness: Harness) -> None:
    first = full_sync(harness)
    received_id = harness.control.deliver_mail(harness.address, JANE, (harness.address,),
                                               "Next steps", "Talk soon.")
    (received,) = [m for m in next_sync(harness, first).mail.messages if m.id == received_id]
    target = ReplyTarget(message_id=received.id, thread_id=received.thread_id,
                         message_id_header=received.message_id_header,
                         references=received.references, subject=received.subject)
    request = thank_you(harness, "key-reply", reply_to=target, subject="Re: Next steps")
    since = harness.clock.now()
    checkpoint = harness.provider.write_checkpoint()
    ref = harness.provider.create_draft(request)
    harness.control.owner_delete_draft(harness.address, ref.draft_id)
    found = harness.provider.find_written(request, since, checkpoint)
    assert found.where == "deleted" and found.state is not None
    assert found.state.ref.thread_id == received.thread_id
