"""People on an invite: names from addresses and what the description says about them."""

from __future__ import annotations

import pytest

from service.detection.people import name_from_address, people_in_description


@pytest.mark.parametrize(
    ("email", "name"),
    [("jane.doe@acme.com", "Jane Doe"), ("rachael@tyrell.com", "Rachael"),
     ("mary_jane-watson+jobs@x.io", "Mary Jane Watson"), ("j2@x.io", None), ("odd", None)],
)  # fmt: skip
def test_name_from_address(email: str, name: str | None) -> None:
    assert name_from_address(email) == name


def test_interviewers_coordinators_and_candidates_in_a_description() -> None:
    described = people_in_description(
        "Interview schedule for Alex Kim\nPanel: Tom Becker (Staff Engineer), Priya Nair\n"
        "Coordinator: Lena Vogel, Recruiting Coordinator\nCandidate: Mateo Lindqvist"
    )
    assert "tom becker" in described.interviewer_text
    assert "priya nair" in described.interviewer_text
    assert "lena vogel" in described.coordinator_text
    assert "lena vogel" not in described.interviewer_text
    assert described.candidates == ("Mateo Lindqvist",)
    assert "Staff Engineer" not in described.names


def test_interviewers_listed_under_a_heading() -> None:
    described = people_in_description(
        "Your interview is confirmed.\n\nInterviewers\n\nOtto Schrute\n\nJim Mensah\n\n"
        "Powered by GoodTime"
    )
    assert {"Otto Schrute", "Jim Mensah"} <= set(described.names)
    assert "powered" not in described.interviewer_text
