"""The company side of an interview (policy.md, "company side"), worked out once, here, and
stored with the interview: policy and sync read it, none re-derives it.

The people on the invite other than the owner, and every address at their (registrable)
domains, so a colleague at eng.acme.com is on the same side as one at acme.com; on a public
mail domain only the exact address counts; scheduling-system and room domains never count,
nor the owner's own domain (colleagues are not the hiring company; the colleague on the
invite still counts by address).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from service.detection.domains import (
    domain_of,
    is_public_domain,
    is_role_address,
    is_room_domain,
    is_scheduling_domain,
    registrable_domain,
)
from service.detection.owner import Owner, OwnerAddresses

_MAX_ENTRIES = 200  # an invite is written by a stranger: a bounded side


def _never_company(address: str) -> bool:
    domain = domain_of(address)
    return not domain or is_scheduling_domain(domain) or is_room_domain(domain)


@dataclass(frozen=True)
class CompanySide:
    domains: frozenset[str] = frozenset()  # registrable domains: every address there
    addresses: frozenset[str] = frozenset()  # exact addresses (public mail ones included)

    def contains(self, address: str) -> bool:
        address = address.strip().lower()
        if not address or _never_company(address):
            return False
        return address in self.addresses or registrable_domain(domain_of(address)) in self.domains

    def is_person(self, address: str) -> bool:
        """On the company side and a person, not a role mailbox (careers@, no-reply@)."""
        return self.contains(address) and not is_role_address(address)

    def to_json(self) -> dict[str, list[str]]:
        return {"domains": sorted(self.domains), "addresses": sorted(self.addresses)}

    @classmethod
    def from_json(cls, data: Any) -> CompanySide | None:
        """The stored form back; None when it is missing or not one."""
        if not isinstance(data, Mapping):
            return None
        domains, addresses = data.get("domains"), data.get("addresses")
        if not isinstance(domains, list) or not isinstance(addresses, list):
            return None
        return cls(
            domains=frozenset(str(d).lower() for d in domains[:_MAX_ENTRIES] if d),
            addresses=frozenset(str(a).lower() for a in addresses[:_MAX_ENTRIES] if a),
        )


def company_side(addresses: Iterable[str], owner: Owner | OwnerAddresses) -> CompanySide:
    """The company side of an invite with these addresses (attendees, rooms left out, and
    the organizer) for ``owner``."""
    mine = owner if isinstance(owner, OwnerAddresses) else OwnerAddresses(owner)
    people: set[str] = set()
    for address in addresses:
        address = address.strip().lower()
        if "@" not in address or mine.is_owner(address) or _never_company(address):
            continue
        people.add(address)
        if len(people) >= _MAX_ENTRIES:
            break
    domains = {registrable_domain(domain_of(p)) for p in people}
    return CompanySide(
        domains=frozenset(d for d in domains if d and d != mine.domain and not is_public_domain(d)),
        addresses=frozenset(people),
    )
