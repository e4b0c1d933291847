"""The OData subset on its own: parsing, checking against a resource's shape, evaluation."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from providers.emulator.microsoft.odata import (
    ODataError,
    check_filter,
    evaluate,
    filter_properties,
    parse_datetime,
    parse_filter,
    parse_orderby,
    parse_select,
    schema_of,
    sort_resources,
)

MESSAGE = {
    "id": "AAMkA1",
    "subject": "Interview: Data Engineer",
    "receivedDateTime": "2026-08-20T17:30:00Z",
    "isDraft": True,
    "conversationId": "AAQkAbc",
    "from": {"emailAddress": {"name": "Jane", "address": "Jane.Doe@acme.example"}},
    "toRecipients": [{"emailAddress": {"name": "A", "address": "a@x.example"}}],
    "singleValueExtendedProperties": [
        {"id": "String {6f1c3b52-8a4e-4f0e-9a63-2f3c1d0b7e11} Name Mark", "value": "v1; k=1"}],
}
SCHEMA = schema_of(MESSAGE)


@pytest.mark.parametrize(("text", "expected"), [
    ("isDraft eq true", True),
    ("isDraft eq false", False),
    ("receivedDateTime ge 2026-08-20T17:30:00Z", True),
    ("receivedDateTime gt 2026-08-20T17:30:00.0000001Z", False),
    ("receivedDateTime lt 2026-08-20T19:00:00+02:00", False),
    ("receivedDateTime lt 2026-08-20T20:00:00+02:00", True),
    ("subject eq 'interview: data engineer'", True),  # strings ignore case, ids do not
    ("conversationId eq 'aaqkabc'", False),
    ("from/emailAddress/address eq 'jane.doe@acme.example'", True),
    ("toRecipients/any(r: r/emailAddress/address eq 'a@x.example')", True),
    ("singleValueExtendedProperties/Any(ep: ep/id eq "
     "'string {6F1C3B52-8A4E-4F0E-9A63-2F3C1D0B7E11}  name mark' and ep/value eq 'v1; k=1')",
     True),
    ("singleValueExtendedProperties/any(ep: ep/value eq 'other')", False),
    ("startswith(subject, 'interview')", True),
    ("not (isDraft eq true) or subject ne 'x'", True),
    ("subject eq 'it''s'", False),
])
def test_evaluation(text: str, expected: bool) -> None:
    node = parse_filter(text)
    check_filter(node, SCHEMA, "microsoft.graph.message")
    assert evaluate(node, MESSAGE) is expected


@pytest.mark.parametrize("text", [
    "", "subject eq", "subject eq 'x' and", "(subject eq 'x'", "subject eq 'x')",
    "subject == 'x'", "subject eq 'unterminated", "contains(subject, 'x')",
    "startswith(subject)", "a/any(x x eq 1)", "(" * 200 + "subject eq 'x'" + ")" * 200,
    "not " * 100 + "isDraft eq true", "subject eq 'x' " * 2000,
])
def test_malformed_filters_raise_odata_errors(text: str) -> None:
    with pytest.raises(ODataError):
        parse_filter(text)


def test_unknown_properties_are_named() -> None:
    with pytest.raises(ODataError, match="nosuch"):
        check_filter(parse_filter("from/emailAddress/nosuch eq 'x'"), SCHEMA, "message")
    with pytest.raises(ODataError):
        check_filter(parse_filter("subject/any(s: s eq 'x')"), SCHEMA, "message")
    with pytest.raises(ODataError):
        parse_select("subject,Nope", SCHEMA, "message")
    assert parse_select("SUBJECT,id", SCHEMA, "message") == ["subject", "id"]


def test_filter_properties_keep_their_order() -> None:
    node = parse_filter("receivedDateTime ge 2026-01-01T00:00:00Z and conversationId eq 'c'")
    assert filter_properties(node) == ["receiveddatetime", "conversationid"]


def test_sorting_puts_nulls_last_both_ways() -> None:
    items: list[dict[str, Any]] = [
        {"t": "2026-01-02T00:00:00Z"}, {"t": None}, {"t": "2026-01-03T00:00:00Z"}]
    schema = {"t": None}
    descending = sort_resources(items, parse_orderby("t desc", schema, "x"))
    ascending = sort_resources(items, parse_orderby("t", schema, "x"))
    assert [i["t"] for i in descending] == ["2026-01-03T00:00:00Z", "2026-01-02T00:00:00Z", None]
    assert [i["t"] for i in ascending] == ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", None]


def test_graph_date_times() -> None:
    assert parse_datetime("2026-08-20T17:30:00.1234567Z") == datetime(
        2026, 8, 20, 17, 30, 0, 123456, tzinfo=UTC)
    assert parse_datetime("2026-08-20T17:30:00") == datetime(2026, 8, 20, 17, 30, tzinfo=UTC)
    assert parse_datetime("2026-13-20T17:30:00Z") is None
    assert parse_datetime("yesterday") is None
