"""Who is on the company side of an interview (policy.md, "company side").

The people on the invite other than the owner, and every address at their domains; on a
public mail domain only the exact address counts; scheduling-system and room domains never
count. The owner's own domain is left out too: colleagues are not the hiring company.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.detection.domains import (
    domain_of,
    is_public_domain,
    is_role_address,
    is_room_domain,
    is_scheduling_domain,
)

from .facts import InterviewFacts

_NO_REPLY = re.compile(r"^(?:no|do[-_.]?not)[-_.]?reply\b|^noreply|^notifications?\b|^mailer")


def is_no_reply(address: str) -> bool:
    """An address nobody reads (no-reply@, notifications@): never a check-in recipient."""
    return bool(_NO_REPLY.search(address.strip().lower().rsplit("@", 1)[0]))


def _never_company(address: str) -> bool:
    domain = domain_of(address)
    return not domain or is_scheduling_domain(domain) or is_room_domain(domain)


@dataclass(frozen=True)
class CompanySide:
    owner: str
    addresses: frozenset[str]
    domains: frozenset[str]

    def contains(self, address: str) -> bool:
        address = address.strip().lower()
        if not address or address == self.owner or _never_company(address):
            return False
        return address in self.addresses or domain_of(address) in self.domains

    def is_person(self, address: str) -> bool:
        """On the company side and a person, not a role mailbox (careers@, no-reply@)."""
        return self.contains(address) and not is_role_address(address)


def company_side(interview: InterviewFacts, owner_email: str) -> CompanySide:
    owner = owner_email.strip().lower()
    people = {p.email.strip().lower() for p in interview.invitees}
    people |= {p.email.strip().lower() for p in interview.interviewers}
    if interview.organizer is not None:
        people.add(interview.organizer.email.strip().lower())
    people = {p for p in people if p and p != owner and not _never_company(p)}
    owner_domain = domain_of(owner)
    domains = {domain_of(p) for p in people}
    domains = {d for d in domains if d and d != owner_domain and not is_public_domain(d)}
    return CompanySide(owner=owner, addresses=frozenset(people), domains=frozenset(domains))
