"""`followup detect EVENTS.json --provider gmail|outlook --me OWNER_EMAIL [--name NAME]`:
classify a provider's calendar listing, one JSON answer per event, in input order."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from providers.google import calendar_json as google_calendar
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


def run(args: argparse.Namespace) -> int:
    provider = str(args.provider).strip().lower()
    if provider not in PROVIDERS:
        raise UsageError(f"unknown provider {args.provider!r}: use gmail or outlook")
    owner_email = str(args.me).strip()
    if "@" not in owner_email:
        raise UsageError(f"--me must be an email address, not {owner_email!r}")
    document = _read_json(str(args.events))
    answers = classify_listing(document, provider, Owner(owner_email, args.name or None))
    json.dump(answers, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


def classify_listing(document: Any, provider: str, owner: Owner) -> list[dict[str, Any]]:
    """One answer per item of a Google ``events.list`` / Graph events response (or a bare
    list of events), in input order; items that do not parse carry an ``error``."""
    items = _items(document, provider)
    parse: Callable[[Any, str], CalendarEvent]
    removed: Callable[[Any], str | None]
    if provider == "gmail":
        parse, removed = google_calendar.parse_event, google_calendar.removed_id
    else:
        parse, removed = graph_calendar.parse_event, graph_calendar.removed_id
    answers: list[dict[str, Any]] = []
    for item in items:
        item_id = _raw_id(item)
        deleted = removed(item)
        if deleted is not None:
            answers.append(_answer(deleted, Detection(False, reasons=("removed or cancelled",))))
            continue
        try:
            event = parse(item, owner.email)
        except ValueError as exc:
            answers.append(_error(item_id, str(exc)))
            continue
        try:
            detection = detect(event, owner)
        except Exception as exc:  # a bug must cost one answer, not the listing
            log.exception("detection failed on event %s", event.id)
            answers.append(_error(event.id, f"detection failed: {type(exc).__name__}"))
            continue
        answers.append(_answer(event.id, detection))
    return answers


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


def _answer(event_id: str, detection: Detection) -> dict[str, Any]:
    return {
        "id": event_id,
        "is_interview": detection.is_interview,
        "stage": detection.stage,
        "company": detection.company,
        "job_title": detection.job_title,
        "interviewers": [{"email": p.email, "name": p.name} for p in detection.interviewers],
        "reasons": list(detection.reasons),
    }


def _error(item_id: str | None, message: str) -> dict[str, Any]:
    answer = _answer(item_id or "", Detection(False))
    answer["id"] = item_id
    answer["error"] = message
    return answer
