"""Scenario files for ``followup simulate`` (spec: simulation.md), read strictly: an unknown key
or a bad value is a :class:`ScenarioError` naming the field, e.g. ``events[2].start``.

Two timeline entries beyond the shared format (they change nothing an existing file means):

- ``edit_draft: {kind, to, body, subject}``: the owner changes that draft in their own mail
  client (web, desktop or phone); ``body`` and ``subject`` (at least one) replace what the
  draft says. The emulator answers as the provider does: on Gmail the draft's message gets
  a new id (and a new subject a new thread).
- ``move_mail: {subject, from, folder}``: a mail rule (or the owner) files the latest
  message that arrived with this subject (from this sender, if given) out of the Inbox:
  ``folder`` is ``archive``, ``trash``, ``spam`` or a folder/label of the owner's. Next to
  the ``mail_in`` at the same moment, it is a rule acting on arrival.

``send_draft`` is the owner's send from any client: web, desktop and phone alike, the
emulator answers as the least helpful of them does (new ids, no custom headers kept).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from providers.emulator.control import AttendeeSpec, EventSpec, PersonSpec
from service.errors import UsageError


class ScenarioError(UsageError):
    """The scenario is invalid; the message names the field."""


DraftKindName = Literal["thank_you", "check_in"]
RESPONSES = ("accepted", "declined", "tentative", "needsAction")


@dataclass(frozen=True)
class EventChange:
    at: datetime
    fields: dict[str, Any]  # the raw changed fields, validated like an event's


@dataclass(frozen=True)
class ScenarioEvent:
    spec: EventSpec
    created_at: datetime
    changes: tuple[EventChange, ...]


@dataclass(frozen=True)
class DraftSelector:
    kind: DraftKindName
    to: str


@dataclass(frozen=True)
class NoteAction:
    event: str
    topic: str | None
    interviewer: str | None
    decision_date: date | None
    insight: str | None


@dataclass(frozen=True)
class MailIn:
    sender: PersonSpec
    to: tuple[str, ...]
    subject: str
    body: str
    in_reply_to: DraftSelector | None


@dataclass(frozen=True)
class SendOwn:
    to: tuple[str, ...]
    subject: str
    body: str


@dataclass(frozen=True)
class EditDraft:
    draft: DraftSelector
    body: str | None
    subject: str | None


@dataclass(frozen=True)
class MoveMail:
    subject: str
    sender: str | None
    folder: str


Action = (NoteAction | MailIn | SendOwn | EditDraft | MoveMail | tuple[str, DraftSelector]
          | tuple[str, str])
"""("send_draft" | "delete_draft", selector) or ("approve_check_in" | "dismiss_check_in", event)"""


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    action: Action
    raw: dict[str, Any]  # as written, for the output's "skipped"
    index: int


@dataclass(frozen=True)
class Scenario:
    name: str
    owner_email: str
    owner_name: str
    timezone: str
    connected_at: datetime
    until: datetime
    signature: str | None
    strengths: str | None
    events: tuple[ScenarioEvent, ...]
    timeline: tuple[TimelineEntry, ...] = field(default=())


def _check_keys(where: str, mapping: Any, allowed: set[str], required: set[str]) -> dict[str, Any]:
    if not isinstance(mapping, dict):
        raise ScenarioError(f"{where}: expected a mapping")
    for key in mapping:
        if key not in allowed:
            raise ScenarioError(f"{where}.{key}: unknown key")
    for key in required:
        if key not in mapping or mapping[key] is None:
            raise ScenarioError(f"{where}.{key}: missing")
    return mapping


def _text(where: str, value: Any, *, allow_empty: bool = True) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise ScenarioError(f"{where}: expected text")
    return value


def _optional_text(where: str, value: Any) -> str | None:
    return _text(where, value) if value else None


def _email(where: str, value: Any) -> str:
    text = _text(where, value).strip().lower()
    if "@" not in text or any(c.isspace() for c in text):
        raise ScenarioError(f"{where}: not an email address: {value!r}")
    return text


def _moment(where: str, value: Any) -> datetime:
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, str):
        try:
            result = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ScenarioError(f"{where}: not an ISO 8601 time: {value!r}") from None
    else:
        raise ScenarioError(f"{where}: expected a time with an offset")
    if result.tzinfo is None:
        raise ScenarioError(f"{where}: the time needs an offset: {value!r}")
    return result


def _day(where: str, value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ScenarioError(f"{where}: expected a date (YYYY-MM-DD)")


def _bool(where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ScenarioError(f"{where}: expected true or false")
    return value


def _person(where: str, value: Any) -> PersonSpec:
    data = _check_keys(where, value, {"email", "name"}, {"email"})
    name = data.get("name")
    return PersonSpec(_email(f"{where}.email", data["email"]),
                      _text(f"{where}.name", name) if name is not None else None)


def _attendee(where: str, value: Any) -> AttendeeSpec:
    data = _check_keys(where, value, {"email", "name", "response", "optional", "resource"},
                       {"email"})
    response = data.get("response", "needsAction")
    if response not in RESPONSES:
        raise ScenarioError(f"{where}.response: one of {', '.join(RESPONSES)}")
    name = data.get("name")
    return AttendeeSpec(
        email=_email(f"{where}.email", data["email"]),
        name=_text(f"{where}.name", name) if name is not None else None,
        response=response,
        optional=_bool(f"{where}.optional", data.get("optional", False)),
        resource=_bool(f"{where}.resource", data.get("resource", False)),
    )


EVENT_FIELDS = {"title", "description", "location", "start", "end", "all_day", "organizer",
                "attendees", "status"}


def _event_time(where: str, value: Any, all_day: bool, tz: ZoneInfo) -> datetime:
    if all_day:
        day = _day(where, value)
        return datetime(day.year, day.month, day.day, tzinfo=tz)
    return _moment(where, value)


def _event_fields(where: str, data: dict[str, Any], base: dict[str, Any], tz: ZoneInfo
                  ) -> dict[str, Any]:
    """Validated EventSpec fields from ``data`` laid over ``base``."""
    result = dict(base)
    all_day = _bool(f"{where}.all_day", data.get("all_day", base.get("all_day", False)))
    result["all_day"] = all_day
    for key, value in data.items():
        path = f"{where}.{key}"
        if key in ("title", "description", "location"):
            result[key] = "" if value is None else _text(path, value)
        elif key in ("start", "end"):
            result[key] = _event_time(path, value, all_day, tz)
        elif key == "organizer":
            result[key] = None if value is None else _person(path, value)
        elif key == "attendees":
            if value is None:
                value = []
            if not isinstance(value, list):
                raise ScenarioError(f"{path}: expected a list")
            result[key] = tuple(_attendee(f"{path}[{i}]", a) for i, a in enumerate(value))
        elif key == "status":
            if value not in ("confirmed", "cancelled"):
                raise ScenarioError(f"{path}: confirmed or cancelled")
            result[key] = value
    return result


def _event(where: str, value: Any, connected_at: datetime, tz: ZoneInfo) -> ScenarioEvent:
    data = _check_keys(where, value, {"id", "created_at", "changes"} | EVENT_FIELDS,
                       {"id", "title", "start", "end"})
    event_id = _text(f"{where}.id", data["id"], allow_empty=False)
    fields = _event_fields(where, {k: v for k, v in data.items() if k in EVENT_FIELDS}, {}, tz)
    if fields["end"] < fields["start"]:
        raise ScenarioError(f"{where}.end: before the start")
    spec = EventSpec(id=event_id, **fields)
    created_at = (_moment(f"{where}.created_at", data["created_at"])
                  if data.get("created_at") is not None else connected_at)
    changes = []
    raw_changes = data.get("changes") or []
    if not isinstance(raw_changes, list):
        raise ScenarioError(f"{where}.changes: expected a list")
    for i, change in enumerate(raw_changes):
        path = f"{where}.changes[{i}]"
        change = _check_keys(path, change, {"at"} | EVENT_FIELDS, {"at"})
        at = _moment(f"{path}.at", change["at"])
        fields_changed = {k: v for k, v in change.items() if k != "at"}
        _event_fields(path, fields_changed, fields, tz)  # validate now, apply when due
        changes.append(EventChange(at=at, fields=fields_changed))
    return ScenarioEvent(spec=spec, created_at=created_at,
                         changes=tuple(sorted(changes, key=lambda c: c.at)))


def apply_change(event: EventSpec, change: EventChange, tz: ZoneInfo) -> EventSpec:
    current = {name: getattr(event, name) for name in EVENT_FIELDS}
    fields = _event_fields(f"event {event.id}", change.fields, current, tz)
    return EventSpec(id=event.id, **fields)


def _selector(where: str, value: Any) -> DraftSelector:
    data = _check_keys(where, value, {"kind", "to"}, {"kind", "to"})
    if data["kind"] not in ("thank_you", "check_in"):
        raise ScenarioError(f"{where}.kind: thank_you or check_in")
    return DraftSelector(kind=data["kind"], to=_email(f"{where}.to", data["to"]))


def _addresses(where: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ScenarioError(f"{where}: expected a list of addresses")
    return tuple(_email(f"{where}[{i}]", a) for i, a in enumerate(value))


TIMELINE_ACTIONS = {"note", "send_draft", "delete_draft", "send_own", "mail_in",
                    "approve_check_in", "dismiss_check_in", "edit_draft", "move_mail"}


def _timeline_entry(where: str, value: Any, index: int, event_ids: set[str]) -> TimelineEntry:
    data = _check_keys(where, value, {"at"} | TIMELINE_ACTIONS, {"at"})
    actions = [key for key in data if key != "at"]
    if len(actions) != 1:
        names = ", ".join(sorted(TIMELINE_ACTIONS))
        raise ScenarioError(f"{where}: exactly one action per entry ({names})")
    name = actions[0]
    at = _moment(f"{where}.at", data["at"])
    body = data[name]
    path = f"{where}.{name}"
    action: Action
    if name == "note":
        note = _check_keys(path, body, {"event", "topic", "interviewer", "decision_date",
                                        "insight"}, {"event"})
        action = NoteAction(
            event=_known_event(f"{path}.event", note["event"], event_ids),
            topic=_text(f"{path}.topic", note["topic"]) if note.get("topic") else None,
            interviewer=(_email(f"{path}.interviewer", note["interviewer"])
                         if note.get("interviewer") else None),
            decision_date=(_day(f"{path}.decision_date", note["decision_date"])
                           if note.get("decision_date") else None),
            insight=_text(f"{path}.insight", note["insight"]) if note.get("insight") else None,
        )
    elif name in ("send_draft", "delete_draft"):
        action = (name, _selector(path, body))
    elif name in ("approve_check_in", "dismiss_check_in"):
        item = _check_keys(path, body, {"event"}, {"event"})
        action = (name, _known_event(f"{path}.event", item["event"], event_ids))
    elif name == "edit_draft":
        edit = _check_keys(path, body, {"kind", "to", "body", "subject"}, {"kind", "to"})
        if edit.get("body") is None and edit.get("subject") is None:
            raise ScenarioError(f"{path}: body or subject (what the owner changes)")
        action = EditDraft(
            draft=_selector(path, {"kind": edit["kind"], "to": edit["to"]}),
            body=_text(f"{path}.body", edit["body"]) if edit.get("body") is not None else None,
            subject=(_text(f"{path}.subject", edit["subject"], allow_empty=False)
                     if edit.get("subject") is not None else None))
    elif name == "move_mail":
        move = _check_keys(path, body, {"subject", "from", "folder"}, {"subject", "folder"})
        action = MoveMail(
            subject=_text(f"{path}.subject", move["subject"]),
            sender=_email(f"{path}.from", move["from"]) if move.get("from") else None,
            folder=_text(f"{path}.folder", move["folder"], allow_empty=False).strip())
    elif name == "send_own":
        own = _check_keys(path, body, {"to", "subject", "body"}, {"to"})
        action = SendOwn(to=_addresses(f"{path}.to", own["to"]),
                         subject=_text(f"{path}.subject", own.get("subject") or ""),
                         body=_text(f"{path}.body", own.get("body") or ""))
    else:
        mail = _check_keys(path, body, {"from", "to", "subject", "body", "in_reply_to"},
                           {"from", "to"})
        action = MailIn(
            sender=_person(f"{path}.from", mail["from"]),
            to=_addresses(f"{path}.to", mail["to"]),
            subject=_text(f"{path}.subject", mail.get("subject") or ""),
            body=_text(f"{path}.body", mail.get("body") or ""),
            in_reply_to=(_selector(f"{path}.in_reply_to", mail["in_reply_to"])
                         if mail.get("in_reply_to") else None),
        )
    return TimelineEntry(at=at, action=action, raw={name: body}, index=index)


def _known_event(where: str, value: Any, event_ids: set[str]) -> str:
    event_id = _text(where, value, allow_empty=False)
    if event_id not in event_ids:
        raise ScenarioError(f"{where}: no event {event_id!r} in the scenario")
    return event_id


def parse_scenario(data: Any) -> Scenario:
    top = _check_keys("scenario", data, {"name", "about", "account", "until", "profile",
                                         "events", "timeline", "expect"},
                      {"name", "account", "until"})
    account = _check_keys("account", top["account"],
                          {"provider_email", "name", "timezone", "connected_at"},
                          {"provider_email", "timezone", "connected_at"})
    tz_name = _text("account.timezone", account["timezone"])
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScenarioError(f"account.timezone: unknown time zone {tz_name!r}") from None
    connected_at = _moment("account.connected_at", account["connected_at"])
    until = _moment("until", top["until"])
    if until <= connected_at:
        raise ScenarioError("until: must be after account.connected_at")
    profile = _check_keys("profile", top.get("profile") or {}, {"signature", "strengths"}, set())
    raw_events = top.get("events") or []
    if not isinstance(raw_events, list):
        raise ScenarioError("events: expected a list")
    events = tuple(_event(f"events[{i}]", e, connected_at, tz) for i, e in enumerate(raw_events))
    ids = [e.spec.id for e in events]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ScenarioError(f"events: the id {sorted(duplicates)[0]!r} is used twice")
    raw_timeline = top.get("timeline") or []
    if not isinstance(raw_timeline, list):
        raise ScenarioError("timeline: expected a list")
    timeline = tuple(sorted(
        (_timeline_entry(f"timeline[{i}]", t, i, set(ids)) for i, t in enumerate(raw_timeline)),
        key=lambda entry: (entry.at, entry.index),
    ))
    owner_email = _email("account.provider_email", account["provider_email"])
    owner_name = account.get("name")
    return Scenario(
        name=_text("name", top["name"], allow_empty=False),
        owner_email=owner_email,
        owner_name=(_text("account.name", owner_name) if owner_name
                    else owner_email.split("@")[0].replace(".", " ").title()),
        timezone=tz_name,
        connected_at=connected_at,
        until=until,
        signature=_optional_text("profile.signature", profile.get("signature")),
        strengths=_optional_text("profile.strengths", profile.get("strengths")),
        events=events,
        timeline=timeline,
    )


def load_scenario(path: Path) -> Scenario:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ScenarioError(f"{path}: not valid YAML{where}") from None
    return parse_scenario(data)
