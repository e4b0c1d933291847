"""Gmail message, draft and history JSON -> model values, on hand-written fixtures."""

from __future__ import annotations

import json
import pathlib
from datetime import UTC, datetime
from typing import Any

import pytest

from providers.google.mail_json import (
    GmailMessageError,
    body_text,
    decode_words,
    draft_body_text,
    folder_of,
    parse_addresses,
    parse_draft,
    parse_history_page,
    parse_message,
    parse_messages,
    profile_history_id,
)
from providers.model import Person

FIXTURES = pathlib.Path(__file__).parent / "fixtures"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_metadata_message_with_encoded_words_and_commas_in_names() -> None:
    item = fixture("messages_metadata.json")["messages"][0]
    message = parse_message(item)
    assert message.id == "18e2a0c0000003e9"
    assert message.thread_id == "18e2a0c000000001"
    assert message.folder == "inbox"
    assert message.sender == Person("jose.muller@acme.com", "José Müller")
    assert message.to == (
        Person("alex.kim@gmail.com", "Kim, Alex"),
        Person("jane.doe@acme.com", "Doe, Jane"),
        Person("recruiting@acme.com", None),
    )
    # duplicates (any case) collapse; the first display name wins
    assert message.cc == (Person("hiring@acme.com", "Hiring Team"),
                          Person("alex.kim@gmail.com", "Kim, Alex"))
    assert message.subject == "Re: Next steps — Senior Engineer"
    assert message.date == datetime(2026, 3, 4, 17, 0, tzinfo=UTC)  # internalDate wins
    assert message.message_id_header == "<CAB+reply.123@mail.acme.com>"
    assert message.in_reply_to == "<followup-k1@interview-followup.local>"
    assert message.references == ("<root@mail.acme.com>", "<followup-k1@interview-followup.local>")
    assert message.body_text is None


def test_sent_message() -> None:
    message = parse_message(fixture("messages_metadata.json")["messages"][1])
    assert message.folder == "sent"
    assert message.to == (Person("jane.doe@acme.com", "Jane Doe"),)


def test_date_header_is_the_fallback_for_a_missing_internal_date() -> None:
    message = parse_message(fixture("messages_metadata.json")["messages"][3])
    assert message.date == datetime(2026, 3, 5, 7, 15, tzinfo=UTC)
    assert message.sender is None and message.to == () and message.subject == ""


def test_hostile_headers_are_tamed_not_fatal() -> None:
    message = parse_message(fixture("messages_metadata.json")["messages"][4])
    assert message.sender is not None
    assert message.sender.email == "evil@corp.example"
    assert "\n" not in (message.sender.name or "")
    assert message.to == ()  # a number where a string belongs
    assert message.subject == "Line one Line two"
    assert message.message_id_header is None


def test_unreadable_messages_are_skipped_with_one_line_reasons() -> None:
    messages, skipped = parse_messages(fixture("messages_metadata.json")["messages"])
    assert [m.id for m in messages] == [
        "18e2a0c0000003e9", "18e2a0c0000007d1", "m-headerdate", "m-hostile"]
    assert [(s.id, s.error) for s in skipped] == [
        ("m-nodate", "message has neither internalDate nor a readable Date header"),
        (None, "a message must be a JSON object, not str"),
        ("no-thread", "message has no threadId"),
    ]


def test_multipart_alternative_prefers_plain_text_and_skips_attachments() -> None:
    item = fixture("messages_full.json")["multipart_alternative"]
    message = parse_message(item, with_body=True)
    assert message.body_text == "Hi Alex,\n\nWe will be making decisions by next Friday — thanks!"


def test_html_only_body_becomes_text_in_its_charset() -> None:
    item = fixture("messages_full.json")["html_only"]
    text = body_text(item["payload"])
    assert [line for line in text.splitlines() if line] == [
        "Bonjour Alex,",
        "Vous aurez des nouvelles d'ici vendredi 13 mars.",
        "Cordialement,",
        "Renée",
    ]


def test_broken_parts_and_unknown_charsets_do_not_crash() -> None:
    item = fixture("messages_full.json")["broken_parts"]
    assert body_text(item["payload"]) == "plain text survives"
    assert body_text(None) == ""
    assert body_text({"mimeType": "image/png"}) == ""


def test_draft_resource_and_its_body_for_edit_detection() -> None:
    entry = parse_draft(fixture("messages_full.json")["draft"])
    assert (entry.draft_id, entry.message_id, entry.thread_id) == (
        "r5102938475610000001", "18e2a0c000000bb9", "18e2a0c000000bb9")
    assert draft_body_text(entry.message["payload"]) == "Hi Jane,\n\nThank you — truly."
    with pytest.raises(GmailMessageError):
        parse_draft({"id": "r1"})


def test_history_page_lists_inbox_and_sent_changes_once_and_drops_deleted() -> None:
    page = parse_history_page(fixture("history.json")["page"])
    # d-1 was a draft (and deleted), m-gone was deleted, m-spam is in neither label,
    # m-in's later STARRED label is no change worth reading again.
    assert page.changed_ids == ["m-in", "d-2", "m-sent"]
    assert page.deleted_ids == ["m-gone", "d-1"]
    assert page.history_id == "10250"
    assert page.next_page_token == "page-2"


def test_empty_history_page_still_moves_the_cursor() -> None:
    page = parse_history_page(fixture("history.json")["empty"])
    assert (page.changed_ids, page.deleted_ids, page.history_id, page.next_page_token) == (
        [], [], "10300", None)
    with pytest.raises(GmailMessageError):
        parse_history_page(["not", "a", "page"])


def test_folders_labels_and_profile() -> None:
    assert folder_of(["INBOX", "SENT"]) == "sent"
    assert folder_of(["DRAFT", "SENT"]) == "drafts"
    assert folder_of(["CATEGORY_UPDATES"]) == "other"
    assert profile_history_id({"emailAddress": "a@b.c", "historyId": "777"}) == "777"
    with pytest.raises(GmailMessageError):
        profile_history_id({"emailAddress": "a@b.c"})


def test_address_lists_and_encoded_words_edge_cases() -> None:
    assert parse_addresses(None) == ()
    assert parse_addresses("Group: a@x.com, b@y.com;") == (Person("a@x.com"), Person("b@y.com"))
    assert parse_addresses("not an address") == ()
    assert decode_words("=?utf-8?q?broken") == "=?utf-8?q?broken"
    assert decode_words("=?unknown-charset?q?abc?=") == "=?unknown-charset?q?abc?="
