"""The owner's actions on a check-in, as pure state transitions (policy P5): the allowed
ones come from the one transition table in :mod:`service.follow_ups`. The engine stores the
result through that module, which writes the audit entry; decide() then does the rest
(approve -> WriteCheckIn, snooze end -> Suggest)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from providers.model import Person
from service.follow_ups import CheckInState, Happening, Refused, next_state

from .decide import validate_recipient
from .facts import CheckInFacts, Situation

ActionRefused = Refused  # the action does not apply in this state; one line for the owner
PENDING = (CheckInState.SUGGESTED, CheckInState.SNOOZED)  # waiting for the owner
# Before the draft is written the owner may still change who gets it.
_RECIPIENT_CHANGEABLE = (CheckInState.WAITING, *PENDING, CheckInState.APPROVED)


def _current(check_in: CheckInFacts | None) -> CheckInFacts:
    return check_in if check_in is not None else CheckInFacts(state=CheckInState.WAITING)


def _after(current: CheckInFacts, happening: Happening, refusal: str) -> CheckInState:
    after = next_state("check_in", current.state, happening)
    if after is None:
        raise ActionRefused(f"{refusal} (it is {current.state})")
    return CheckInState(after)


def approve(check_in: CheckInFacts | None) -> CheckInFacts:
    """A pending suggestion becomes approved; decide() then writes the draft."""
    current = _current(check_in)
    state = _after(current, Happening.APPROVE, "no pending check-in suggestion")
    return replace(current, state=state, snooze_until=None)


def dismiss(check_in: CheckInFacts | None) -> CheckInFacts:
    """Ends it: nothing more is ever suggested for that interview (P5.2). Allowed before
    the suggestion too (the owner may say no in advance), not once a draft exists."""
    current = _current(check_in)
    state = _after(current, Happening.DISMISS, "the check-in can no longer be dismissed")
    return replace(current, state=state, snooze_until=None)


def snooze(check_in: CheckInFacts | None, until: datetime, now: datetime) -> CheckInFacts:
    """Hide a pending suggestion until ``until``; it comes back as suggested then."""
    current = _current(check_in)
    state = _after(current, Happening.SNOOZE, "no pending check-in suggestion")
    if until.tzinfo is None or until <= now:
        raise ActionRefused("snooze until a moment in the future")
    return replace(current, state=state, snooze_until=until)


def change_recipient(check_in: CheckInFacts | None, situation: Situation, address: str,
                     name: str | None = None) -> CheckInFacts:
    """Send the check-in to someone else on the company side (before it is written)."""
    current = _current(check_in)
    if current.state not in _RECIPIENT_CHANGEABLE:
        raise ActionRefused(f"the check-in is already {current.state}")
    problem = validate_recipient(situation, address)
    if problem is not None:
        raise ActionRefused(f"cannot send the check-in to {address.strip()[:100]}: {problem}")
    return replace(current, recipient=Person(email=address.strip().lower(), name=name))
