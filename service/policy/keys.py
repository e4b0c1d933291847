"""Deterministic idempotency keys for the drafts the service writes (policy P1.6)."""

from __future__ import annotations

import hashlib
import json

from providers.model import DraftKind


def idempotency_key(account_id: str, event_id: str, recipient: str, kind: DraftKind) -> str:
    """sha256 of (account, event, recipient, kind): one draft of a kind per person and event.

    The parts are JSON-encoded, so no choice of characters in an id can make two different
    tuples collide."""
    payload = json.dumps([account_id, event_id, recipient.strip().lower(), kind],
                         separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(payload.encode("ascii")).hexdigest()
