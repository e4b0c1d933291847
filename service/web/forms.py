"""The dashboard's forms: read (bounded), then checked into the values actions take.

A bad field is a :class:`FormError` whose message is one line for the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

from starlette.requests import Request

from service.actions import MAX_NOTE_CHARS, NoteInput, SnoozePreset
from service.owners import Hours, Profile

MAX_FORM_BYTES = 64 * 1024
MAX_FIELDS = 40


class FormError(ValueError):
    """A field is missing or malformed; nothing was changed."""


class FormTooLarge(FormError):
    pass


async def read_form(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body (what the pages' forms send); a field
    sent several times (ticked checkboxes) is kept whole, joined by NUL (see :func:`many`)."""
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
        if name in form and name in REPEATED:
            form[name] += "\0" + value
        else:
            form.setdefault(name, value)
    return form


REPEATED = frozenset({"day", "item"})  # checkboxes: one field per ticked box


def many(form: dict[str, str], name: str) -> list[str]:
    value = form.get(name, "")
    return [part for part in value.split("\0") if part] if value else []


def parse_date(text: str, field: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FormError(f"{field}: not a date (use YYYY-MM-DD)") from None


@dataclass(frozen=True)
class NoteFields:
    """The note form as typed (whole: a refused note comes back as it was, to fix)."""

    note_id: str = ""
    interviewer: str = ""
    topic: str = ""
    insight: str = ""
    strengths: str = ""
    decision_date: str = ""

    @classmethod
    def of(cls, form: dict[str, str]) -> NoteFields:
        return cls(note_id=form.get("note_id", "")[:20],
                   interviewer=form.get("interviewer", "")[:320],
                   topic=form.get("topic", ""), insight=form.get("insight", ""),
                   strengths=form.get("strengths", ""),
                   decision_date=form.get("decision_date", "")[:40])


def _length(form: dict[str, str], name: str, field: str) -> str | None:
    """The field as typed; too long is refused (the action folds whitespace itself)."""
    value = form.get(name, "")
    if len(" ".join(value.split())) > MAX_NOTE_CHARS:
        raise FormError(f"{field}: at most {MAX_NOTE_CHARS} characters "
                        f"(this has {len(' '.join(value.split()))})")
    return value.strip() or None


def parse_note(form: dict[str, str]) -> NoteInput:
    topic = _length(form, "topic", "What was discussed")
    insight = _length(form, "insight", "The extra thought")
    strengths = _length(form, "strengths", "What you bring to this role")
    decision_date = parse_date(form.get("decision_date", ""), "Decision date")
    if topic is None and insight is None and strengths is None and decision_date is None:
        raise FormError("the note is empty: write what was discussed, a thought, what you "
                        "bring, or a decision date")
    interviewer = form.get("interviewer", "").strip() or None
    return NoteInput(topic=topic, interviewer=interviewer, decision_date=decision_date,
                     insight=insight, strengths=strengths)


def parse_id(form: dict[str, str], name: str) -> int:
    raw = form.get(name, "").strip()
    if not raw.isdigit() or len(raw) > 18:
        raise FormError("the form names nothing that exists here; reload the page")
    return int(raw)


def parse_snooze(form: dict[str, str], presets: dict[SnoozePreset, datetime],
                 timezone: ZoneInfo, day_starts: time) -> datetime:
    preset = form.get("preset", "")
    if preset in presets:
        return presets[preset]
    until = parse_date(form.get("until", ""), "Snooze until")
    if until is None:
        raise FormError("Snooze until: choose 2 days, next Monday, or a date")
    return datetime.combine(until, day_starts, tzinfo=timezone)


def parse_recipient(form: dict[str, str]) -> str:
    recipient = form.get("recipient", "").strip()
    if not recipient:
        raise FormError("Recipient: choose a person")
    return recipient[:320]


# -- settings --------------------------------------------------------------------------------

def parse_profile(form: dict[str, str]) -> Profile:
    def text(name: str) -> str | None:
        return form.get(name, "").strip() or None

    return Profile(name=text("name"), signature=form.get("signature", "").strip() or None,
                   strengths=text("strengths"), timezone=text("timezone"))


def _clock(text: str, field: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise FormError(f"{field}: not a time (use HH:MM)") from None


def parse_hours(form: dict[str, str], days: list[str]) -> Hours:
    chosen = []
    for raw in days:
        if not raw.isdigit() or not 1 <= int(raw) <= 7:
            raise FormError("Working days: not a day of the week")
        chosen.append(int(raw))
    return Hours(working_days=tuple(chosen),
                 day_starts=_clock(form.get("day_starts", ""), "Day starts"),
                 day_ends=_clock(form.get("day_ends", ""), "Day ends"))


def parse_addresses(form: dict[str, str]) -> list[str]:
    text = form.get("other_addresses", "")
    return [part for part in text.replace(",", "\n").splitlines() if part.strip()]
