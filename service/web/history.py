"""The audit log in words a person reads ("Thank-you to Jane written", "Check-in suggested:
a week passed with no reply"), never internal codes.

An audit row names what it acted on: the interview's event id, a follow-up's idempotency key,
or an outbox operation ``key:operation:revision``; the recipient is read from the follow-up
the key belongs to when the row does not say it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

KINDS = {"thank_you": "thank-you", "check_in": "check-in"}
_DRAFT_FATES = {
    "written": "{Kind} draft to {to} is in your Drafts folder",
    "updated": "{Kind} draft to {to} updated in your Drafts folder",
    "unchanged": "{Kind} draft to {to} already read as it should",
    "deleted": "{Kind} draft to {to} removed from your Drafts folder",
    "gone": "{Kind} draft to {to} was already gone from your Drafts folder",
    "sent": "{Kind} to {to}: you had sent it already",
    "edited": "{Kind} draft to {to}: you had edited it, so it was left alone",
    "never written": "{Kind} draft to {to} was not needed any more",
    "cancelled": "{Kind} draft to {to} was not needed any more",
}
_OWNER_CHECK_IN = {
    "approved": "You approved the check-in to {to}",
    "dismissed": "You dismissed the check-in",
    "snoozed": "You snoozed the check-in",
    "recipient": "You chose {to} for the check-in",
}


def sentence(action: str, subject: str, cause: str, detail: Mapping[str, Any],
             kind_of: Callable[[str], tuple[str, str] | None],
             name_of: Callable[[str | None], str]) -> str:
    """One history line. ``kind_of(subject)``: (kind, recipient email) of the follow-up a
    key names, or None; ``name_of(email)``: how to call a person."""
    area, _, verb = action.partition(".")
    follow_up = kind_of(subject.split(":", 1)[0]) if subject else None
    to = name_of(str(detail.get("to") or "") or (follow_up[1] if follow_up else None))
    kind = KINDS.get(area) or KINDS.get(follow_up[0] if follow_up else "", "draft")
    # str.format never reads braces inside the values: a cause is data, not a template
    values = {"to": to, "Kind": kind[:1].upper() + kind[1:], "kind": kind, "cause": cause}
    if area == "interview":
        return {
            "detected": "Found on your calendar and taken for an interview",
            "cancelled": ("Deleted from your calendar" if cause == "event deleted"
                          else "Cancelled on your calendar"),
            "declined": "You declined the invitation",
            "not_interview": "You marked it as not an interview",
            "marked": "You said this is an interview",
        }.get(verb, "The calendar event changed")
    if area == "note":
        return {"added": "You added a note", "edited": "You edited a note",
                "deleted": "You deleted a note"}.get(verb, "Your notes changed")
    if area == "draft":
        fate = cause.rsplit(": ", 1)[-1] if ": " in cause else ""
        return _DRAFT_FATES.get(fate, "{Kind} draft to {to} changed").format(**values)
    if area == "outbox" and verb == "failed":
        return f"Could not write to your mailbox: {cause}"
    if area == "check_in" and cause == "the owner":
        if detail.get("undid"):
            took = "approval" if detail.get("undid") == "approved" else "dismissal"
            return f"You took back the {took} of the check-in"
        return _OWNER_CHECK_IN.get(verb, "You changed the check-in").format(**values)
    if area in KINDS:
        return {
            "decided": "{Kind} to {to} written",
            "drafted": "{Kind} to {to} written",
            "approved": "Check-in to {to} approved",
            "suggested": "Check-in suggested: {cause}",
            "withdrawn": "Check-in withdrawn: {cause}",
            "skipped": "No thank-you to {to}: {cause}",
            "update": "{Kind} to {to} rewritten with your note",
            "delete": "{Kind} draft to {to} withdrawn: {cause}",
            "sent": "You sent the {kind} to {to}",
            "edited": "You edited the {kind} draft to {to} in your mailbox",
            "deleted": "You deleted the {kind} draft to {to}",
        }.get(verb, "The {kind} changed").format(**values)
    return "The service updated this interview"
