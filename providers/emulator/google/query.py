"""Gmail's search language (``q``), the part clients use: ``from: to: cc: bcc: subject:
after: before: older: newer: newer_than: older_than: in: is: label: rfc822msgid: has:``,
bare words and "phrases", ``-`` negation, ``OR`` and ``{a b}`` alternatives.

Dates in ``after:``/``before:`` are epoch seconds or ``YYYY/MM/DD`` (midnight Pacific time,
as Gmail documents). Unknown operators search as plain text, as in Gmail.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from providers.emulator.google.errors import bad_request
from providers.emulator.google.gmail_store import StoredMessage

_PACIFIC = ZoneInfo("America/Los_Angeles")
_TOKEN = re.compile(r'-?[A-Za-z_][A-Za-z0-9_]*:"[^"]*"|-?"[^"]*"|[{}()]|[^\s{}()]+')
_RELATIVE = re.compile(r"(\d+)([dmy])\Z")
_LABEL_NAMES = {"inbox": "INBOX", "sent": "SENT", "draft": "DRAFT", "drafts": "DRAFT",
                "unread": "UNREAD", "starred": "STARRED", "important": "IMPORTANT",
                "trash": "TRASH", "spam": "SPAM"}
MAX_QUERY_CHARS = 2_000

Predicate = Callable[[StoredMessage], bool]


@dataclass(frozen=True)
class Term:
    negated: bool
    operator: str | None
    value: str


def _strip_quotes(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def _tokens(query: str) -> list[str]:
    return _TOKEN.findall(query)


def _date_bound(value: str) -> int:
    """Milliseconds since the epoch for an after:/before: value."""
    if value.isdigit():
        return int(value) * 1000
    parts = re.split(r"[/-]", value)
    try:
        year, month, day = (int(part) for part in parts)
        moment = datetime(year, month, day, tzinfo=_PACIFIC)
    except (ValueError, TypeError):
        raise bad_request(f"Invalid date in query: {value[:40]}") from None
    return int(moment.timestamp() * 1000)


def _relative_bound(value: str, now: datetime) -> int:
    found = _RELATIVE.match(value.lower())
    if not found:
        raise bad_request(f"Invalid relative date in query: {value[:40]}")
    amount, unit = int(found.group(1)), found.group(2)
    days = amount * {"d": 1, "m": 30, "y": 365}[unit]
    return int((now - timedelta(days=days)).timestamp() * 1000)


def _headers_text(message: StoredMessage, *names: str) -> str:
    wanted = {name.lower() for name in names}
    return " ".join(value for key, value in message.parsed.headers
                    if key.lower() in wanted).lower()


def _term_predicate(term: Term, now: datetime) -> Predicate:
    value = _strip_quotes(term.value)
    lowered = value.lower()
    operator = term.operator
    if operator in ("from", "to", "cc", "bcc"):
        headers = ("to", "cc", "bcc") if operator == "to" else (operator,)
        return lambda message: lowered in _headers_text(message, *headers)
    if operator == "subject":
        return lambda message: lowered in message.parsed.subject.lower()
    if operator in ("after", "newer"):
        bound = _date_bound(value)
        return lambda message: message.internal_date_ms >= bound
    if operator in ("before", "older"):
        bound = _date_bound(value)
        return lambda message: message.internal_date_ms < bound
    if operator == "newer_than":
        bound = _relative_bound(value, now)
        return lambda message: message.internal_date_ms >= bound
    if operator == "older_than":
        bound = _relative_bound(value, now)
        return lambda message: message.internal_date_ms < bound
    if operator in ("in", "label", "is"):
        if lowered in ("anywhere", "all"):
            return lambda message: True
        if operator == "is" and lowered == "read":
            return lambda message: "UNREAD" not in message.labels
        label = _LABEL_NAMES.get(lowered, value)
        return lambda message: label in message.labels
    if operator == "rfc822msgid":
        wanted = lowered.strip("<>")
        return lambda message: (message.parsed.message_id or "").lower().strip("<>") == wanted
    if operator == "has" and lowered == "attachment":
        return lambda message: _has_attachment(message.parsed.payload)
    text = f"{operator}:{lowered}" if operator else lowered

    def matches_text(message: StoredMessage) -> bool:
        parsed = message.parsed
        haystack = " ".join((parsed.subject, parsed.text_body,
                             _headers_text(message, "from", "to", "cc"))).lower()
        return text in haystack

    return matches_text


def _has_attachment(part: dict[str, object]) -> bool:
    if part.get("filename"):
        return True
    children = part.get("parts")
    return isinstance(children, list) and any(_has_attachment(child) for child in children)


def _parse_term(token: str) -> Term:
    negated = token.startswith("-") and len(token) > 1
    body = token[1:] if negated else token
    if not body.startswith('"') and ":" in body:
        operator, _, value = body.partition(":")
        if operator and value and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", operator):
            return Term(negated, operator.lower(), value)
    return Term(negated, None, body)


def compile_query(query: str, now: datetime) -> Predicate:
    """A predicate over messages; raises a 400 GoogleApiError for what Gmail would refuse."""
    if len(query) > MAX_QUERY_CHARS:
        raise bad_request("Query too long")
    # Each clause is a list of alternatives; the clauses are ANDed.
    clauses: list[list[Predicate]] = []
    tokens = _tokens(query)
    index = 0
    join_next = False
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token in ("(", ")"):
            continue
        if token == "OR":
            join_next = bool(clauses)
            continue
        if token == "{":
            group: list[Predicate] = []
            while index < len(tokens) and tokens[index] != "}":
                if tokens[index] not in ("(", ")", "OR"):
                    group.append(_predicate(_parse_term(tokens[index]), now))
                index += 1
            index += 1
            alternatives = group or [lambda message: True]
        elif token == "}":
            continue
        else:
            alternatives = [_predicate(_parse_term(token), now)]
        if join_next:
            clauses[-1].extend(alternatives)
        else:
            clauses.append(alternatives)
        join_next = False

    def matches(message: StoredMessage) -> bool:
        return all(any(alternative(message) for alternative in clause) for clause in clauses)

    return matches


def _predicate(term: Term, now: datetime) -> Predicate:
    inner = _term_predicate(term, now)
    if term.negated:
        return lambda message: not inner(message)
    return inner
