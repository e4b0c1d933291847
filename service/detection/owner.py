"""The mailbox owner as detection and the company side see them: their addresses (a
plus-address counts as theirs) and the employer's domain."""

from __future__ import annotations

from dataclasses import dataclass

from service.detection.domains import domain_of, is_public_domain, registrable_domain


@dataclass(frozen=True)
class Owner:
    """The mailbox owner: the would-be candidate. ``other_addresses`` are the addresses the
    owner lists as theirs (a forwarding or old address); the owner's plus-addresses
    (``name+jobs@``) are the owner without being listed."""

    email: str
    name: str | None = None
    other_addresses: tuple[str, ...] = ()


class OwnerAddresses:
    """Which addresses are the owner's, and the owner's own (employer's) domain."""

    def __init__(self, owner: Owner) -> None:
        self.email = owner.email.strip().lower()
        listed = {self.email, *(a.strip().lower() for a in owner.other_addresses)}
        self.addresses = frozenset(a for a in listed if "@" in a)
        raw_domain = domain_of(self.email)
        # the owner's employer: colleagues there are the hiring side, never the company
        public = not raw_domain or is_public_domain(raw_domain)
        self.domain = "" if public else registrable_domain(raw_domain)

    def is_owner(self, address: str) -> bool:
        """The owner's address, one the owner lists, or a plus-address of either."""
        address = address.strip().lower()
        if address in self.addresses:
            return True
        local, at, domain = address.rpartition("@")
        return bool(at) and "+" in local and f"{local.split('+', 1)[0]}@{domain}" in self.addresses
