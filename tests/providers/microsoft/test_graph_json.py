"""Pure parsing of Graph mail JSON: messages, delta pages, batch answers, errors, identity."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from providers.microsoft.graph_json import (
    GraphShapeError,
    message_body_text,
    parse_batch,
    parse_error,
    parse_identity,
    parse_message,
    parse_message_changes,
    parse_page,
)
from providers.model import Person

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


def test_inbox_delta_page_messages_removals_and_skips() -> None:
    page = parse_page(fixture("inbox_delta_page.json"))
    assert page.next_link is not None and page.next_link.endswith("$skiptoken=AbC123")
    assert page.delta_link is None

    changes = parse_message_changes(page.items, "inbox")

    assert [m.id for m in changes.messages] == ["AAMkAGI2TG93AAA=", "AAMkAGI2TG94AAA="]
    assert changes.removed_ids == ["AAMkAGI2TG95AAA="]
    assert [s.id for s in changes.skipped] == [None, "AAMkNoDate", None]
    assert all("\n" not in s.error and s.error for s in changes.skipped)


def test_message_with_names() -> None:
    item = fixture("inbox_delta_page.json")["value"][0]
    message = parse_message(item, "inbox")

    assert message.folder == "inbox"
    assert message.thread_id == "AAQkAGI2TG93conv1="
    assert message.sender == Person(email="dana.recruiter@acme.example", name="Dana Recruiter")
    # Lower-cased, de-duplicated, and a name that is only the address is no name.
    assert message.to == (Person(email="sam@contoso.example", name="Sam Owner"),)
    assert message.cc == (Person(email="hr@acme.example", name=None),)
    assert message.date == datetime(2026, 5, 4, 14, 3, 11, tzinfo=UTC)  # received, for inbox
    assert message.subject == "Re: Your interview with Acme"
    assert message.message_id_header == "<CAF+abc123@mail.acme.example>"
    assert message.in_reply_to == "<sent1@contoso.example>"
    assert message.references == ("<first@acme.example>", "<sent1@contoso.example>")
    assert message.body_text is None  # not selected during sync


def test_message_without_names_and_seven_fraction_digits() -> None:
    item = fixture("inbox_delta_page.json")["value"][1]
    message = parse_message(item, "inbox")

    assert message.sender == Person(email="news@letters.example")
    assert message.to == (Person(email="sam@contoso.example"),)
    assert message.cc == ()
    assert message.date == datetime(2026, 5, 5, 8, 0, 0, 123456, tzinfo=UTC)
    assert message.message_id_header is None
    assert message.in_reply_to is None and message.references == ()


def test_sent_message_uses_sent_time() -> None:
    page = parse_page(fixture("sent_delta_last_page.json"))
    assert page.next_link is None
    assert page.delta_link is not None and page.delta_link.endswith("$deltatoken=Zz9")

    (message,) = parse_message_changes(page.items, "sent").messages

    assert message.folder == "sent"
    assert message.date == datetime(2026, 5, 6, 10, 0, 0, tzinfo=UTC)


def test_html_body_becomes_plain_text() -> None:
    item = fixture("message_html_body.json")
    message = parse_message(item, "inbox")

    assert message.body_text == (
        "Hi Sam,\n\nYou will hear from us by Friday, May 15.\n\nThanks & best,\nDana"
    )
    assert "alert" not in message_body_text(item)
    assert "color" not in message_body_text(item)


def test_text_body_is_kept_as_text() -> None:
    item = {"body": {"contentType": "text", "content": "a <b> c\r\nline two"}}
    assert message_body_text(item) == "a <b> c\nline two"
    assert message_body_text({"body": "not an object"}) == ""
    assert message_body_text(None) == ""


@pytest.mark.parametrize(
    "body",
    [None, [], {"value": "x"}, {"value": [1], "@odata.nextLink": 5}],
)
def test_odd_pages(body: Any) -> None:
    if isinstance(body, dict) and isinstance(body.get("value"), list):
        page = parse_page(body)
        assert page.items == [1] and page.next_link is None and page.delta_link is None
    else:
        with pytest.raises(GraphShapeError):
            parse_page(body)


def test_batch_answer_with_per_item_errors() -> None:
    replies = parse_batch(fixture("batch_mixed.json"))

    assert set(replies) == {"inbox", "calendar", "sent"}
    assert replies["inbox"].status == 429
    assert replies["inbox"].headers["retry-after"] == "7"
    assert parse_error(replies["inbox"].body).code == "ApplicationThrottled"
    assert replies["calendar"].status == 200
    assert parse_page(replies["calendar"].body).delta_link is not None
    assert parse_error(replies["sent"].body).code == "SyncStateNotFound"


@pytest.mark.parametrize(
    "body",
    [
        None,
        {"responses": "x"},
        {"responses": ["x"]},
        {"responses": [{"id": 1, "status": 200}]},
        {"responses": [{"id": "1", "status": "200"}]},
        {"responses": [{"id": "1", "status": True}]},
    ],
)
def test_malformed_batch_answers(body: Any) -> None:
    with pytest.raises(GraphShapeError):
        parse_batch(body)


def test_error_bodies() -> None:
    info = parse_error({"error": {"code": "ErrorItemNotFound", "message": "line one\nline two"}})
    assert info.code == "ErrorItemNotFound"
    assert info.message == "line one line two"
    assert parse_error({"error": "invalid_grant"}).code == "invalid_grant"
    assert parse_error("<html>").code == ""


def test_identity_maps_windows_time_zone() -> None:
    identity = parse_identity(
        {"displayName": "Sam Owner", "mail": "Sam@Contoso.example", "userPrincipalName": "x"},
        {"timeZone": "Pacific Standard Time"},
    )
    assert (identity.email, identity.name, identity.timezone) == (
        "sam@contoso.example", "Sam Owner", "America/Los_Angeles"
    )


def test_identity_fallbacks() -> None:
    identity = parse_identity(
        {"mail": None, "userPrincipalName": "sam@contoso.example"},
        {"timeZone": "Mars Standard Time"},
    )
    assert (identity.email, identity.name, identity.timezone) == (
        "sam@contoso.example", None, "UTC"
    )
    assert parse_identity({"mail": "a@b.example"}, None).timezone == "UTC"
    assert parse_identity({"mail": "a@b.example"}, {"timeZone": "Europe/Paris"}).timezone == (
        "Europe/Paris"
    )
    with pytest.raises(GraphShapeError):
        parse_identity({"displayName": "no mail"}, {})
