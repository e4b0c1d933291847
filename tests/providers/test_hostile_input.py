"""Arbitrary provider JSON (messages, headers, bodies, pages, batch answers, drafts, history)
fed to the pure parsers: each one returns a value or raises its documented error with a
one-line message, never anything else; the list-level parsers never raise at all (a bad
item becomes a SkippedItem). And hostile draft content gives a well-formed MIME message or
DraftContentError. Calendar events have their own property tests beside their parsers."""

from __future__ import annotations

import base64
import email
from collections.abc import Callable
from datetime import UTC, datetime
from email import policy
from functools import partial
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from providers.google import mail_json
from providers.google.calendar_json import parse_events as google_events
from providers.microsoft import graph_json
from providers.microsoft.calendar_json import parse_events as graph_events
from providers.microsoft.mark import MARK_PROPERTY_ID
from providers.mime import DraftContentError, build_draft
from providers.model import DraftMark, DraftRequest, Person, ReplyTarget

OWNER = "alex.kim@gmail.com"
MARK_ID = MARK_PROPERTY_ID
HOSTILE = settings(max_examples=200, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# Text a stranger (or a broken proxy) can put anywhere: line breaks, controls, encoded words,
# markup, template syntax, right-to-left marks, huge runs.
nasty_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["\r\nBcc: evil@example.com", "=?utf-8?b?SGk=?=", "=?x-bogus?q?=ZZ?=",
                     "<script>alert(1)</script>", "{{7*7}} {% print 1 %}", "\u202egnp.exe",
                     "a" * 1200, "\x00\x1b[31m", "2026-13-45T99:99:99Z", "-1", "1e309",
                     "<a@b> <c@d", "Monday, 30 Feb 2026 25:61:00 +9999"]),
)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | nasty_text
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
base64url = st.binary(max_size=200).map(lambda raw: base64.urlsafe_b64encode(raw).decode())


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return strategy | json_values


header_names = st.sampled_from(["From", "To", "Cc", "Subject", "Date", "Message-ID",
                                "In-Reply-To", "References", "X-Interview-Followup",
                                "Content-Type"]) | st.text(max_size=10)
gmail_headers = st.lists(maybe(st.fixed_dictionaries(
    {"name": maybe(header_names), "value": maybe(nasty_text)})), max_size=8)
gmail_parts = st.recursive(
    st.fixed_dictionaries({}, optional={
        "mimeType": maybe(st.sampled_from(["text/plain", "text/html", "multipart/alternative",
                                           "application/pdf"])),
        "headers": gmail_headers,
        "filename": maybe(nasty_text),
        "body": maybe(st.fixed_dictionaries({}, optional={"data": maybe(base64url),
                                                          "size": json_values})),
    }),
    lambda children: st.fixed_dictionaries(
        {"mimeType": st.just("multipart/mixed"), "parts": st.lists(children, max_size=3)}),
    max_leaves=6,
)
gmail_messages = maybe(st.fixed_dictionaries({}, optional={
    "id": maybe(st.text(max_size=20)), "threadId": maybe(st.text(max_size=20)),
    "labelIds": maybe(st.lists(maybe(st.sampled_from(["INBOX", "SENT", "DRAFT", "TRASH"])),
                               max_size=4)),
    "internalDate": maybe(st.integers(-10**15, 10**16).map(str)),
    "payload": maybe(gmail_parts),
}))
graph_people = st.lists(maybe(st.fixed_dictionaries({}, optional={
    "emailAddress": maybe(st.fixed_dictionaries({}, optional={
        "address": maybe(nasty_text), "name": maybe(nasty_text)}))})), max_size=4)
graph_messages = maybe(st.fixed_dictionaries({}, optional={
    "id": maybe(st.text(max_size=20)), "@removed": json_values,
    "receivedDateTime": maybe(nasty_text), "sentDateTime": maybe(nasty_text),
    "conversationId": maybe(nasty_text), "internetMessageId": maybe(nasty_text),
    "subject": maybe(nasty_text), "from": maybe(graph_people.map(lambda p: p[0] if p else {})),
    "toRecipients": maybe(graph_people), "ccRecipients": maybe(graph_people),
    "body": maybe(st.fixed_dictionaries({}, optional={
        "contentType": maybe(st.sampled_from(["html", "text", "HTML"])),
        "content": maybe(nasty_text)})),
    "internetMessageHeaders": maybe(st.lists(maybe(st.fixed_dictionaries(
        {"name": maybe(header_names), "value": maybe(nasty_text)})), max_size=6)),
    "singleValueExtendedProperties": maybe(st.lists(maybe(st.fixed_dictionaries(
        {"id": maybe(st.just(MARK_ID)), "value": maybe(nasty_text)})), max_size=2)),
}))


def one_documented_error(call: Callable[[], object], error: type[Exception]) -> None:
    try:
        call()
    except error as exc:
        assert "\n" not in str(exc) and "\r" not in str(exc)


@HOSTILE
@given(item=gmail_messages, with_body=st.booleans())
def test_gmail_messages(item: Any, with_body: bool) -> None:
    one_documented_error(lambda: mail_json.parse_message(item, with_body=with_body),
                         mail_json.GmailMessageError)
    parsed, skipped = mail_json.parse_messages([item, item])
    assert len(parsed) + len(skipped) == 2
    for message in parsed:
        assert "\n" not in message.subject and message.date.tzinfo is not None
    payload = item.get("payload") if isinstance(item, dict) else item
    assert isinstance(mail_json.body_text(payload), str)
    assert isinstance(mail_json.draft_body_text(payload), str)
    assert all(isinstance(v, str) for v in mail_json.headers_of(payload).values())


@HOSTILE
@given(response=json_values | st.fixed_dictionaries({}, optional={
    "drafts": maybe(st.lists(maybe(st.fixed_dictionaries({}, optional={
        "id": json_values, "message": gmail_messages})), max_size=3)),
    "messages": maybe(st.lists(json_values, max_size=3)),
    "history": maybe(st.lists(json_values, max_size=3)),
    "historyId": json_values, "nextPageToken": json_values}))
def test_gmail_pages(response: Any) -> None:
    assert isinstance(mail_json.draft_list(response), list)
    assert isinstance(mail_json.message_refs(response), list)
    one_documented_error(lambda: mail_json.parse_history_page(response),
                         mail_json.GmailMessageError)
    one_documented_error(lambda: mail_json.profile_history_id(response),
                         mail_json.GmailMessageError)
    one_documented_error(lambda: mail_json.parse_draft(response), mail_json.GmailMessageError)


@HOSTILE
@given(raw=nasty_text)
def test_header_values(raw: str) -> None:
    for person in mail_json.parse_addresses(raw):
        assert "\n" not in person.email and "\n" not in (person.name or "")
    assert isinstance(mail_json.decode_words(raw), str)


@HOSTILE
@given(items=st.lists(graph_messages, max_size=3),
       folder=st.sampled_from(["inbox", "sent", "drafts"]))
def test_graph_messages(items: list[Any], folder: Any) -> None:
    for item in items:
        one_documented_error(partial(graph_json.parse_message, item, folder),
                             graph_json.GraphShapeError)
        assert isinstance(graph_json.message_body_text(item), str)
        assert all(isinstance(a, str) for a in graph_json.recipient_addresses(item))
    changes = graph_json.parse_message_changes(items, folder)
    assert len(changes.messages) + len(changes.skipped) <= len(items)


@HOSTILE
@given(body=json_values | st.fixed_dictionaries({}, optional={
    "value": maybe(st.lists(json_values, max_size=3)),
    "@odata.nextLink": maybe(nasty_text), "@odata.deltaLink": maybe(nasty_text),
    "responses": maybe(st.lists(maybe(st.fixed_dictionaries({}, optional={
        "id": maybe(st.text(max_size=5)), "status": maybe(st.integers(-1, 999)),
        "headers": json_values, "body": json_values})), max_size=4)),
    "error": maybe(st.fixed_dictionaries({}, optional={"code": json_values,
                                                       "message": json_values})),
    "mail": maybe(nasty_text), "userPrincipalName": maybe(nasty_text),
    "displayName": maybe(nasty_text), "timeZone": maybe(nasty_text)}))
def test_graph_pages_batches_errors_and_identity(body: Any) -> None:
    one_documented_error(lambda: graph_json.parse_page(body), graph_json.GraphShapeError)
    one_documented_error(lambda: graph_json.parse_batch(body), graph_json.GraphShapeError)
    one_documented_error(lambda: graph_json.parse_identity(body, body),
                         graph_json.GraphShapeError)
    info = graph_json.parse_error(body)
    assert "\n" not in info.code + info.message


@HOSTILE
@given(items=st.lists(json_values, max_size=4))
def test_event_lists_never_raise(items: list[Any]) -> None:
    for parse in (google_events, graph_events):
        events, skipped = parse(items, OWNER)
        assert len(events) + len(skipped) <= len(items)


people = st.builds(Person, email=nasty_text | st.emails(), name=st.none() | nasty_text)


@HOSTILE
@given(to=people, sender=st.none() | people, subject=nasty_text, body=nasty_text,
       key=nasty_text, parent=st.none() | nasty_text, references=st.lists(nasty_text,
                                                                          max_size=3))
def test_draft_content(to: Person, sender: Person | None, subject: str, body: str, key: str,
                       parent: str | None, references: list[str]) -> None:
    request = DraftRequest(
        mark=DraftMark(key=key), to=to, subject=subject,
        body=body, sender=sender,
        reply_to=ReplyTarget(message_id="m1", thread_id="t1", message_id_header=parent,
                             references=tuple(references)))
    try:
        wire = build_draft(request, owner_email="owner@example.com",
                           date=datetime(2026, 5, 4, tzinfo=UTC)).as_bytes()
    except DraftContentError as exc:
        assert "\n" not in str(exc)
        return
    parsed = email.message_from_bytes(wire, policy=policy.default)
    assert len(parsed.get_all("To") or []) == 1 and parsed.get_all("Bcc") is None
    assert parsed.get_all("Cc") is None
    for name, value in parsed.items():
        assert "\n" not in str(value) and "\r" not in str(value), name
