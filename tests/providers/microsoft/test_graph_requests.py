"""What the Outlook adapter sends: paths, filters, draft payloads, the mail cursor, and how
Graph's errors map to the provider error tree."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest

from providers.errors import AuthExpired, BadRequest, CursorExpired, NotFound, RetryLater
from providers.interface import SyncWindow
from providers.microsoft import graph_requests as requests
from providers.microsoft.graph_errors import error_for
from providers.microsoft.mark import MARK_PROPERTY_ID
from providers.model import DraftMark, DraftRequest, Person

MARK = DraftMark("k'1")
NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def query(path: str) -> dict[str, str]:
    parts = urlsplit(path)
    return {key: values[0] for key, values in parse_qs(parts.query).items()}


def test_calendar_delta_window_in_utc() -> None:
    paris = timezone(timedelta(hours=2))
    window = SyncWindow(datetime(2026, 5, 1, 2, 0, tzinfo=paris), datetime(2026, 6, 1, tzinfo=UTC))
    path = requests.calendar_delta_path(window)
    assert path.startswith("/me/calendarView/delta?")
    assert query(path) == {
        "startDateTime": "2026-05-01T00:00:00Z",
        "endDateTime": "2026-06-01T00:00:00Z",
    }
    assert " " not in path


def test_folder_delta_selects_headers_and_expands_nothing() -> None:
    path = requests.folder_delta_path("sent", NOW)
    assert path.startswith("/me/mailFolders/sentitems/messages/delta?")
    params = query(path)
    assert set(params["$select"].split(",")) == {
        "from", "toRecipients", "ccRecipients", "subject", "receivedDateTime",
        "sentDateTime", "conversationId", "internetMessageId", "internetMessageHeaders",
    }
    assert "$expand" not in params  # Graph answers $expand on a message delta with 500
    assert params["$filter"] == "receivedDateTime ge 2026-05-01T12:00:00Z"
    assert " " not in path and "{" not in path


def test_mark_filter_quotes_the_value() -> None:
    assert requests.mark_filter(MARK_PROPERTY_ID, MARK) == (
        f"singleValueExtendedProperties/Any(ep: ep/id eq '{MARK_PROPERTY_ID}' and "
        "ep/value eq 'k''1')"
    )
    path = requests.marked_in_folder_path("drafts", MARK_PROPERTY_ID, MARK, ("id",))
    assert query(path)["$filter"] == requests.mark_filter(MARK_PROPERTY_ID, MARK)


def test_draft_payload_carries_the_key_in_the_extended_property_only() -> None:
    request = DraftRequest(
        mark=MARK,
        to=Person(email="dana@acme.example", name="Dana"),
        subject="Thank you",
        body="Hi Dana,\n\nThanks!",
        sender=Person(email="sam@contoso.example"),
    )
    payload = requests.draft_message(request, MARK_PROPERTY_ID)
    assert payload["body"] == {"contentType": "Text", "content": "Hi Dana,\n\nThanks!"}
    assert payload["toRecipients"] == [
        {"emailAddress": {"address": "dana@acme.example", "name": "Dana"}}
    ]
    assert "internetMessageHeaders" not in payload  # nothing that travels with the message
    assert payload["singleValueExtendedProperties"] == [{"id": MARK_PROPERTY_ID, "value": "k'1"}]


def test_mail_cursor_round_trip_and_garbage() -> None:
    links = {"inbox": "https://g/v1.0/a?$deltatoken=1", "sent": "https://g/v1.0/b?$deltatoken=2"}
    assert requests.decode_mail_cursor(requests.encode_mail_cursor(links)) == links
    for bad in (None, "", "123", "{", '{"v":1,"inbox":"x"}', '{"v":2,"inbox":"a","sent":"b"}',
                '["a"]', '{"v":1,"inbox":"","sent":"b"}'):
        assert requests.decode_mail_cursor(bad) is None


def test_relative_to_root_refuses_other_hosts() -> None:
    base = "https://graph.microsoft.com/v1.0"
    assert requests.relative_to_root(f"{base}/me/x?a=1", base) == "/me/x?a=1"
    assert requests.relative_to_root(f"{base}/me/x", base + "/") == "/me/x"
    assert requests.relative_to_root("/me/x", base) == "/me/x"
    assert requests.relative_to_root("https://evil.example/v1.0/me/x", base) is None
    assert requests.relative_to_root("https://graph.microsoft.com/v1.0.evil/me", base) is None


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (410, {"error": {"code": "SyncStateNotFound"}}, CursorExpired),
        (400, {"error": {"code": "SyncStateInvalid"}}, CursorExpired),
        (400, {"error": {"code": "ErrorInvalidRequest"}}, BadRequest),
        (404, {"error": {"code": "ErrorItemNotFound"}}, NotFound),
        (401, None, AuthExpired),
        (403, {"error": {"code": "ErrorAccessDenied"}}, AuthExpired),
        (429, None, RetryLater),
        (500, "<html>", RetryLater),
        (503, None, RetryLater),
        (504, None, RetryLater),
        (409, None, RetryLater),
    ],
)
def test_status_mapping(status: int, body: object, expected: type[Exception]) -> None:
    error = error_for(status, {}, body, NOW, "test")
    assert type(error) is expected
    assert "\n" not in str(error)


def test_retry_after_is_honoured_in_seconds_and_dates() -> None:
    error = error_for(429, {"retry-after": "7"}, None, NOW, "test")
    assert isinstance(error, RetryLater) and error.retry_after == 7
    later = "Fri, 01 May 2026 12:00:30 GMT"
    error = error_for(503, {"retry-after": later}, None, NOW, "test")
    assert isinstance(error, RetryLater) and error.retry_after == 30
