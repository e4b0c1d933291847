"""Job titles: recognising them and finding one in a description."""

from __future__ import annotations

import pytest

from service.detection.roles import clean_job_title, is_role_like, job_title_in_description


@pytest.mark.parametrize(
    "text",
    ["Senior Data Engineer", "Head of Growth", "Account Executive", "VP Marketing",
     "Software Engineer II", "UI/UX Designer", "Chief of Staff", "Data Analyst role", "Nanny"],
)  # fmt: skip
def test_role_like(text: str) -> None:
    assert is_role_like(text)


@pytest.mark.parametrize(
    "text", ["Acme", "Los Pollos Hermanos", "Gekko & Co", "Senior", "Lead", "", "Umbrella Health"]
)
def test_not_role_like(text: str) -> None:
    assert not is_role_like(text)


@pytest.mark.parametrize(
    ("description", "role"),
    [("Role: Senior Data Engineer", "Senior Data Engineer"),
     ("Thanks for applying. Position: Backend Engineer", "Backend Engineer"),
     ("30 minute call about the Product Manager role.", "Product Manager"),
     ("Thanks for your interest in the iOS Engineer position!", "iOS Engineer"),
     ("We are hiring for the role of Head of Sales.", "Head of Sales"),
     ("Join with Google Meet", None), ("the Acme role", None), ("", None)],
)  # fmt: skip
def test_job_title_in_description(description: str, role: str | None) -> None:
    assert job_title_in_description(description) == role


def test_clean_job_title() -> None:
    assert clean_job_title("the Backend Engineer role (Req 12345)") == "Backend Engineer"
    assert clean_job_title("our Data Analyst position") == "Data Analyst"
