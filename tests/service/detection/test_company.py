"""Company and job title from the title, the description, the sender and the domain."""

from __future__ import annotations

import pytest

from service.detection.company import read_company_and_role, sender_company


@pytest.mark.parametrize(
    ("title", "description", "domains", "senders", "company", "job_title"),
    [("Hooli Final Round Interview", "", ["hooli.com"], [], "Hooli", None),
     ("Interview - Platform Engineer - Gringotts Bank", "", ["gringotts.com.au"], [],
      "Gringotts Bank", "Platform Engineer"),
     ("Technical Interview - Platform Engineer", "", ["monarchsolutions.io"], [],
      "Monarchsolutions", "Platform Engineer"),
     ("Technical Interview", "Thanks for your interest in joining Initech.", ["gmail.com"], [],
      "Initech", None),
     ("Virtual Onsite - Research Engineer", "Welcome to your virtual onsite with Wayne "
      "Enterprises!", ["wayne-enterprises.com"], [], "Wayne Enterprises", "Research Engineer"),
     ("Technical Interview (Data Engineer)", "", [], [("Acme Recruiting", True)], "Acme",
      "Data Engineer"),
     ("Acme Corp Backend Engineer Interview", "", ["acmecorp.com"], [], "Acme Corp",
      "Backend Engineer"),
     ("Interview for Backend Engineer at Acme (via Hays)", "", ["hays.com"], [], "Acme",
      "Backend Engineer"),
     ("Interview", "", [], [], None, None)],
)  # fmt: skip
def test_read_company_and_role(
    title: str,
    description: str,
    domains: list[str],
    senders: list[tuple[str, bool]],
    company: str | None,
    job_title: str | None,
) -> None:
    reading = read_company_and_role(title, description, domains, senders, ["Alex Kim"])
    assert (reading.company, reading.job_title) == (company, job_title)


@pytest.mark.parametrize(
    ("name", "system", "company"),
    [("Acme Recruiting", False, "Acme"), ("Globex Talent", False, "Globex"),
     ("Kramerica Industries Recruiting Team", False, "Kramerica Industries"),
     ("Jane Doe", False, None), ("Hooli", True, "Hooli"), ("Interview Scheduling", True, None),
     ("Greenhouse", True, None), (None, True, None)],
)  # fmt: skip
def test_sender_company(name: str | None, system: bool, company: str | None) -> None:
    assert sender_company(name, from_system=system) == company
