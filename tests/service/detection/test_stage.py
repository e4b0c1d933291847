"""Stage precedence: final round, phone screen, panel, interview."""

from __future__ import annotations

import pytest

from service.detection.stage import stage_of


@pytest.mark.parametrize(
    ("title", "description", "interviewers", "stage"),
    [("Final Round: Acme", "", 1, "final_round"),
     ("Acme Onsite - Phone screen", "", 3, "final_round"),
     ("Virtual On-site", "", 0, "final_round"),
     ("Superday", "", 0, "final_round"),
     ("Technical Interview", "Welcome to your virtual onsite!", 1, "final_round"),
     ("Technical Interview", "If this goes well, the next step is an onsite.", 1, "interview"),
     ("Phone Screen", "", 2, "phone_screen"),
     ("Recruiter call - Acme", "", 1, "phone_screen"),
     ("Intro - Acme x Alex", "", 1, "phone_screen"),
     ("Interview", "30 minute call with our recruiter.", 1, "phone_screen"),
     ("Technical Interview", "Please be ready to share your screen.", 1, "interview"),
     ("Panel Interview", "", 1, "panel"),
     ("Interview", "Panel: Jo Lo, Ana Li", 0, "panel"),
     ("Interview", "", 2, "panel"),
     ("Hiring Manager Interview", "", 1, "interview"),
     ("Second round", "", 1, "interview")],
)  # fmt: skip
def test_stage(title: str, description: str, interviewers: int, stage: str) -> None:
    assert stage_of(title, description, interviewers)[0] == stage
