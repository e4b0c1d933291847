"""Who is on the company side of an interview (policy.md, "company side").

Detection works the side out once, when it reads the invite, and it is stored with the
interview (:class:`service.detection.side.CompanySide`); policy reads it from there. An
interview stored before that is read by the same rule from the addresses on its invite.
"""

from __future__ import annotations

import re

from service.detection.owner import Owner
from service.detection.side import CompanySide
from service.detection.side import company_side as side_of_addresses

from .facts import InterviewFacts

__all__ = ["CompanySide", "company_side", "is_no_reply"]

_NO_REPLY = re.compile(r"^(?:no|do[-_.]?not)[-_.]?reply\b|^noreply|^notifications?\b|^mailer")


def is_no_reply(address: str) -> bool:
    """An address nobody reads (no-reply@, notifications@): never a check-in recipient."""
    return bool(_NO_REPLY.search(address.strip().lower().rsplit("@", 1)[0]))


def company_side(interview: InterviewFacts, owner_email: str) -> CompanySide:
    if interview.company_side is not None:
        return interview.company_side
    people = [p.email for p in (*interview.invitees, *interview.interviewers)]
    if interview.organizer is not None:
        people.append(interview.organizer.email)
    return side_of_addresses(people, Owner(owner_email))
