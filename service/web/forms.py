"""The dashboard's forms: read (bounded), then checked into the values actions take.

A bad field is a :class:`FormError` whose message is one line for the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

from starlette.requests import Request

from service.actions import MAX_NOTE_CHARS, NoteInput

MAX_FORM_BYTES = 64 * 1024
MAX_FIELDS = 20
SNOOZE_HOUR = time(9, 0)  # a snoozed check-in comes back on the morning of the chosen day


class FormError(ValueError):
    """A field is missing or malformed; nothing was changed."""


class FormTooLarge(FormError):
    pass


async def read_form(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body (what the pages' forms send)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_FORM_BYTES:
        raise FormTooLarge("the form is too large")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise FormTooLarge("the form is too large")
    if kind != "application/x-www-form-urlencoded":
        if not body and not kind:
            return {}  # a form with no fields at all
        raise FormError("the form was not sent as a web form")
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS,
                          strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        raise FormError("the form could not be read") from None
    form: dict[str, str] = {}
    for name, value in pairs:
        form.setdefault(name, value)
    return form


def parse_date(text: str, field: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FormError(f"{field}: not a date (use YYYY-MM-DD)") from None


def _text(form: dict[str, str], name: str, field: str) -> str | None:
    value = " ".join(form.get(name, "").split())
    if len(value) > MAX_NOTE_CHARS:
        raise FormError(f"{field}: at most {MAX_NOTE_CHARS} characters")
    return value or None


@dataclass(frozen=True)
class NoteFields:
    """The note form as typed, to show it again when something was wrong."""

    interviewer: str = ""
    topic: str = ""
    insight: str = ""
    decision_date: str = ""

    @classmethod
    def of(cls, form: dict[str, str]) -> NoteFields:
        return cls(interviewer=form.get("interviewer", "")[:320],
                   topic=form.get("topic", "")[:MAX_NOTE_CHARS],
                   insight=form.get("insight", "")[:MAX_NOTE_CHARS],
                   decision_date=form.get("decision_date", "")[:40])


def parse_note(form: dict[str, str]) -> NoteInput:
    topic = _text(form, "topic", "Topic")
    insight = _text(form, "insight", "Insight")
    decision_date = parse_date(form.get("decision_date", ""), "Decision date")
    if topic is None and insight is None and decision_date is None:
        raise FormError("the note is empty: write a topic, an insight or a decision date")
    interviewer = form.get("interviewer", "").strip() or None
    return NoteInput(topic=topic, interviewer=interviewer, decision_date=decision_date,
                     insight=insight)


def parse_snooze(form: dict[str, str], timezone: ZoneInfo) -> datetime:
    until = parse_date(form.get("until", ""), "Snooze until")
    if until is None:
        raise FormError("Snooze until: choose a date")
    return datetime.combine(until, SNOOZE_HOUR, tzinfo=timezone)


def parse_recipient(form: dict[str, str]) -> str:
    recipient = form.get("recipient", "").strip()
    if not recipient:
        raise FormError("Recipient: choose a person")
    return recipient[:320]
