"""What every pure parser of provider JSON shares: an item's id, and reading a list of items
where one bad item is skipped and reported, never fatal."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from providers.model import SkippedItem

log = logging.getLogger(__name__)

MAX_ID_CHARS = 1_024
Parsed = TypeVar("Parsed")


def item_id(item: Any) -> str | None:
    """The ``id`` of a JSON object, cut to a sane length; None when it has none."""
    if not isinstance(item, Mapping):
        return None
    raw = item.get("id")
    if isinstance(raw, str) and raw.strip():
        return raw.strip()[:MAX_ID_CHARS]
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    return None


def parse_each(items: Iterable[Any], parse: Callable[[Any], Parsed],
               error: type[ValueError], what: str) -> tuple[list[Parsed], list[SkippedItem]]:
    """Every item that parses, and a SkippedItem (logged, one line) for each that raises
    ``error``."""
    parsed: list[Parsed] = []
    skipped: list[SkippedItem] = []
    for item in items:
        try:
            parsed.append(parse(item))
        except error as exc:
            found = item_id(item)
            log.warning("skipped %s %s: %s", what, found or "(no id)", exc)
            skipped.append(SkippedItem(id=found, error=str(exc)))
    return parsed, skipped
