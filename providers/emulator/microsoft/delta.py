"""Delta query state, carried in the tokens themselves (``$skiptoken`` / ``$deltatoken``).

A round of a delta query reports what changed in ``(since, snapshot]`` of the mailbox's change
sequence; ``snapshot`` is fixed on the round's first page, and pages follow each other by
the last ``(seq, id)`` they returned, so an item that changes while a client pages is not
lost: it falls after ``snapshot`` and comes in the next round.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

T = TypeVar("T")


class StaleSyncState(Exception):
    """The token is unknown, garbled, too old, or from another mailbox: Graph's 410."""


@dataclass(frozen=True)
class SyncPosition:
    kind: str  # "calendarView" or "messages:<folder>"
    user_id: str
    generation: int
    since: int  # changes after this sequence number; -1 for the first (full) round
    snapshot: int  # changes up to this one belong to the current round
    issued: float  # clock time the token was handed out (epoch seconds)
    after: tuple[int, str] | None = None  # the last (seq, id) already paged in this round
    params: dict[str, Any] = field(default_factory=dict)  # window, $filter, $select, page size

    def next_page(self, after: tuple[int, str], issued: datetime) -> SyncPosition:
        return replace(self, after=after, issued=issued.timestamp())

    def next_round(self, issued: datetime) -> SyncPosition:
        return replace(self, since=self.snapshot, after=None, issued=issued.timestamp())


def encode(position: SyncPosition) -> str:
    payload = {
        "k": position.kind,
        "u": position.user_id,
        "g": position.generation,
        "s": position.since,
        "n": position.snapshot,
        "t": round(position.issued, 3),
        "a": list(position.after) if position.after else None,
        "p": position.params,
    }
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(token: str, kind: str, user_id: str, generation: int) -> SyncPosition:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
        after = payload["a"]
        position = SyncPosition(
            kind=str(payload["k"]),
            user_id=str(payload["u"]),
            generation=int(payload["g"]),
            since=int(payload["s"]),
            snapshot=int(payload["n"]),
            issued=float(payload["t"]),
            after=(int(after[0]), str(after[1])) if after else None,
            params=dict(payload["p"]),
        )
    except (binascii.Error, ValueError, TypeError, KeyError, IndexError, UnicodeDecodeError) \
            as error:
        raise StaleSyncState("the token cannot be read") from error
    if position.kind != kind or position.user_id != user_id or position.generation != generation:
        raise StaleSyncState("the token belongs to another sync")
    return position


def page(
    changed: Iterable[tuple[int, str, T]], after: tuple[int, str] | None, size: int
) -> tuple[list[T], tuple[int, str] | None]:
    """One page of ``changed`` (already limited to the round) after ``after``, in
    ``(seq, id)`` order; the second value is where the next page starts, None at the end."""
    ordered = sorted(
        (item for item in changed if after is None or (item[0], item[1]) > after),
        key=lambda item: (item[0], item[1]),
    )
    chosen = ordered[:size]
    if len(ordered) > size:
        last = chosen[-1]
        return [item[2] for item in chosen], (last[0], last[1])
    return [item[2] for item in chosen], None
