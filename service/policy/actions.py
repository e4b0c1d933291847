"""The owner's actions on a check-in, as pure state transitions (policy P5, architecture
"follow-up states"). The engine stores the result and writes the audit row; decide() then
does the rest (approve -> WriteCheckIn, snooze end -> Suggest)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from providers.model import Person

from .decide import validate_recipient
from .facts import CheckInFacts, Situation

PENDING = ("suggested", "snoozed")


class ActionRefused(ValueError):
    """The action does not apply in this state; the message is one line for the owner."""


def _current(check_in: CheckInFacts | None) -> CheckInFacts:
    return check_in if check_in is not None else CheckInFacts(state="waiting")


def approve(check_in: CheckInFacts | None) -> CheckInFacts:
    """A pending suggestion becomes approved; decide() then writes the draft."""
    current = _current(check_in)
    if current.state not in PENDING:
        raise ActionRefused(f"no pending check-in suggestion (it is {current.state})")
    return replace(current, state="approved", snooze_until=None)


def dismiss(check_in: CheckInFacts | None) -> CheckInFacts:
    """Ends it: nothing more is ever suggested for that interview (P5.2). Allowed before
    the suggestion too (the owner may say no in advance), not once a draft exists."""
    current = _current(check_in)
    if current.state not in ("waiting", *PENDING, "approved"):
        raise ActionRefused(f"the check-in can no longer be dismissed (it is {current.state})")
    return replace(current, state="dismissed", snooze_until=None)


def snooze(check_in: CheckInFacts | None, until: datetime, now: datetime) -> CheckInFacts:
    """Hide a pending suggestion until ``until``; it comes back as suggested then."""
    current = _current(check_in)
    if current.state not in PENDING:
        raise ActionRefused(f"no pending check-in suggestion (it is {current.state})")
    if until.tzinfo is None or until <= now:
        raise ActionRefused("snooze until a moment in the future")
    return replace(current, state="snoozed", snooze_until=until)


def change_recipient(check_in: CheckInFacts | None, situation: Situation, address: str,
                     name: str | None = None) -> CheckInFacts:
    """Send the check-in to someone else on the company side (before it is written)."""
    current = _current(check_in)
    if current.state not in ("waiting", *PENDING, "approved"):
        raise ActionRefused(f"the check-in is already {current.state}")
    problem = validate_recipient(situation, address)
    if problem is not None:
        raise ActionRefused(f"cannot send the check-in to {address.strip()[:100]}: {problem}")
    return replace(current, recipient=Person(email=address.strip().lower(), name=name))
