"""Who is behind an address: public mailbox, scheduling system, room, role mailbox."""

from __future__ import annotations

import pytest

from service.detection.domains import (
    company_name_from_domain,
    domain_label,
    domain_of,
    is_public_domain,
    is_role_address,
    is_room_domain,
    is_scheduling_domain,
    registrable_domain,
)


@pytest.mark.parametrize(
    "domain", ["gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.fr", "icloud.com", "proton.me"]
)
def test_public_mail_domains(domain: str) -> None:
    assert is_public_domain(domain)


@pytest.mark.parametrize("domain", ["acme.com", "vandelay.com", "gmail-tools.io", ""])
def test_company_domains_are_not_public(domain: str) -> None:
    assert not is_public_domain(domain)


@pytest.mark.parametrize(
    "domain",
    ["greenhouse.io", "mail.greenhouse.io", "hire.lever.co", "ashbyhq.com", "myworkday.com",
     "goodtime.io", "calendly.com", "modernloop.io"],
)  # fmt: skip
def test_scheduling_domains_cover_their_subdomains(domain: str) -> None:
    assert is_scheduling_domain(domain)
    assert not is_scheduling_domain("acme.com")


def test_room_domains() -> None:
    assert is_room_domain("resource.calendar.google.com")
    assert not is_room_domain("calendar.google.com")


@pytest.mark.parametrize(
    ("email", "role"),
    [("recruiting@acme.com", True), ("talent@acme.com", True), ("careers@acme.com", True),
     ("jobs@acme.com", True), ("hr@acme.com", True), ("scheduling@goodtime.io", True),
     ("no-reply@greenhouse.io", True), ("noreply@acme.com", True),
     ("notifications@acme.com", True), ("acme-recruiting@acme.com", True),
     ("talent.acquisition@acme.com", True), ("jane.doe@acme.com", False),
     ("steve.jobs@apple.com", False), ("not-an-address", False)],
)  # fmt: skip
def test_role_addresses(email: str, role: bool) -> None:
    assert is_role_address(email) is role


@pytest.mark.parametrize(
    ("domain", "registrable", "label", "name"),
    [("acme.com", "acme.com", "acme", "Acme"),
     ("jobs.acme-corp.io", "acme-corp.io", "acme-corp", "Acme Corp"),
     ("umbrellahealth.com", "umbrellahealth.com", "umbrellahealth", "Umbrellahealth"),
     ("mail.gringotts.com.au", "gringotts.com.au", "gringotts", "Gringotts"),
     ("nakatomi.co.jp", "nakatomi.co.jp", "nakatomi", "Nakatomi")],
)  # fmt: skip
def test_names_from_domains(domain: str, registrable: str, label: str, name: str) -> None:
    assert registrable_domain(domain) == registrable
    assert domain_label(domain) == label
    assert company_name_from_domain(domain) == name


def test_domain_of() -> None:
    assert domain_of("Jane.Doe@ACME.com") == "acme.com"
    assert domain_of("no address") == ""
    assert company_name_from_domain("") is None
