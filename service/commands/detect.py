"""`followup detect EVENTS.json --provider gmail|outlook --me OWNER_EMAIL [--name NAME]
[--also ADDRESS ...] [--explain]`: classify a provider's calendar listing, one JSON answer
per event, in input order; with ``--explain``, per event the rules that fired, for people
who report a miss."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from providers.google import calendar_json as google_calendar
from providers.html_text import one_line
from providers.microsoft import calendar_json as graph_calendar
from providers.model import PROVIDERS, CalendarEvent
from service.detection import Detection, Owner, detect
from service.errors import UsageError

log = logging.getLogger(__name__)

_MAX_INPUT_BYTES = 200 * 1024 * 1024
_LIST_KEYS = {"gmail": "items", "outlook": "value"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "events",
        metavar="EVENTS.json",
        help="a calendar listing as the provider's API returns it ('-' reads standard input)",
    )
    parser.add_argument(
        "--provider",
        required=True,
        help="gmail (Google Calendar v3 events.list) or outlook (Microsoft Graph v1.0 events)",
    )
    parser.add_argument("--me", required=True, metavar="OWNER_EMAIL", help="the mailbox owner")
    parser.add_argument("--name", default=None, help="the owner's name, as in invites")
    parser.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="another address of the owner's (repeatable); plus-addresses need not be listed",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print, per event, the rules that fired and what they found, instead of JSON",
    )


def run(args: argparse.Namespace) -> int:
    provider = str(args.provider).strip().lower()
    if provider not in PROVIDERS:
        raise UsageError(f"unknown provider {args.provider!r}: use gmail or outlook")
    owner_email = str(args.me).strip()
    if "@" not in owner_email:
        raise UsageError(f"--me must be an email address, not {owner_email!r}")
    also = tuple(str(a).strip() for a in args.also)
    for address in also:
        if "@" not in address:
            raise UsageError(f"--also must be an email address, not {address!r}")
    owner = Owner(owner_email, args.name or None, also)
    document = _read_json(str(args.events))
    if args.explain:
        for outcome in read_listing(document, provider, owner):
            sys.stdout.write(explain(outcome))
        return 0
    json.dump(classify_listing(document, provider, owner), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


@dataclass(frozen=True)
class Outcome:
    """One listing item: its id, the event when it parsed, and the answer or the error."""

    item_id: str | None
    event: CalendarEvent | None
    detection: Detection
    error: str | None = None


def read_listing(document: Any, provider: str, owner: Owner) -> list[Outcome]:
    """Every item of a Google ``events.list`` / Graph events response (or a bare list of
    events), parsed and detected, in input order."""
    items = _items(document, provider)
    parse: Callable[[Any, str], CalendarEvent]
    removed: Callable[[Any], str | None]
    if provider == "gmail":
        parse, removed = google_calendar.parse_event, google_calendar.removed_id
    else:
        parse, removed = graph_calendar.parse_event, graph_calendar.removed_id
    return [_outcome(item, parse, removed, owner) for item in items]


def _outcome(
    item: Any,
    parse: Callable[[Any, str], CalendarEvent],
    removed: Callable[[Any], str | None],
    owner: Owner,
) -> Outcome:
    deleted = removed(item)
    if deleted is not None:
        return Outcome(deleted, None, Detection(False, reasons=("removed or cancelled",)))
    try:
        event = parse(item, owner.email)
    except ValueError as exc:
        return Outcome(_raw_id(item), None, Detection(False), str(exc))
    try:
        return Outcome(event.id, event, detect(event, owner))
    except Exception as exc:  # a bug must cost one answer, not the listing
        log.exception("detection failed on event %s", event.id)
        return Outcome(event.id, event, Detection(False), f"detection failed: {type(exc).__name__}")


def classify_listing(document: Any, provider: str, owner: Owner) -> list[dict[str, Any]]:
    """One answer per item, in input order; items that do not parse carry an ``error``."""
    return [_json(o) for o in read_listing(document, provider, owner)]


def explain(outcome: Outcome) -> str:
    """What detection read in one event, rule by rule, for a person."""
    event, detection = outcome.event, outcome.detection
    title = one_line(event.title)[:200] if event is not None else ""
    lines = [f"{outcome.item_id or '(no id)'}  {title!r}"]
    if outcome.error is not None:
        lines.append(f"  not read: {outcome.error}")
    verdict = "an interview" if detection.is_interview else "not an interview"
    lines.append(f"  => {verdict}")
    lines.extend(f"  {rule}: {found}" for rule, found in detection.trace)
    if detection.is_interview:
        people = ", ".join(p.email for p in detection.interviewers) or "none the owner can see"
        side = detection.company_side
        lines.append(
            f"  stage {detection.stage}; company {detection.company!r}; "
            f"job title {detection.job_title!r}; interviewers {people}"
        )
        lines.append(
            f"  company side: domains {sorted(side.domains)}, addresses {sorted(side.addresses)}"
        )
    return "\n".join(lines) + "\n\n"


def _read_json(path: str) -> Any:
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(_MAX_INPUT_BYTES + 1)
        else:
            with Path(path).open("rb") as handle:
                raw = handle.read(_MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(raw) > _MAX_INPUT_BYTES:
        raise UsageError(f"{path} is larger than {_MAX_INPUT_BYTES // (1024 * 1024)} MB")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"{path} is not JSON: {first_line}") from None


def _items(document: Any, provider: str) -> list[Any]:
    if isinstance(document, list):
        return document
    key = _LIST_KEYS[provider]
    if isinstance(document, dict) and isinstance(document.get(key), list):
        items: list[Any] = document[key]
        return items
    if isinstance(document, dict) and key not in document:
        other = "value" if key == "items" else "items"
        hint = (
            f" (it looks like an {'outlook' if key == 'items' else 'gmail'} listing)"
            if (other in document)
            else ""
        )
        raise UsageError(f"not a {provider} calendar listing: no {key!r} list{hint}")
    raise UsageError(f"not a {provider} calendar listing: expected a list of events")


def _raw_id(item: Any) -> str | None:
    if isinstance(item, dict):
        raw = item.get("id")
        if isinstance(raw, str):
            return raw[:1024]
        if isinstance(raw, int) and not isinstance(raw, bool):
            return str(raw)
    return None


def _json(outcome: Outcome) -> dict[str, Any]:
    detection = outcome.detection
    answer: dict[str, Any] = {
        "id": outcome.item_id,
        "is_interview": detection.is_interview,
        "stage": detection.stage,
        "company": detection.company,
        "job_title": detection.job_title,
        "interviewers": [{"email": p.email, "name": p.name} for p in detection.interviewers],
        "reasons": list(detection.reasons),
    }
    if detection.is_interview:
        answer["company_side"] = detection.company_side.to_json()
    if outcome.error is not None:
        answer["error"] = outcome.error
    return answer
