"""A role our vocabulary does not know is still the job title when it is the one part of the
title left (detection.md), and markup or template syntax in a title is never part of it."""

from __future__ import annotations

import pytest

from service.detection import detect
from tests.service.detection.builders import ALEX, one_on_one


@pytest.mark.parametrize(
    ("title", "company", "job_title"),
    [
        ("Canyon Health - Nurse Informaticist - Interview", "Canyon Health",
         "Nurse Informaticist"),
        ("Zephyr Labs | Interview - Growth Hacker", "Zephyr Labs", "Growth Hacker"),
        ("Interview - Sommelier - Zephyr Labs", "Zephyr Labs", "Sommelier"),
        ("Interview - Zephyr Labs (Zoom)", "Zephyr Labs", None),
    ],
)
def test_the_lone_leftover_part_is_the_job_title(title: str, company: str,
                                                 job_title: str | None) -> None:
    domain = "canyonhealth.org" if "Canyon" in title else "zephyrlabs.io"
    detection = detect(one_on_one(title, email=f"kim.lo@{domain}", name="Kim Lo"), ALEX)
    assert detection.is_interview
    assert (detection.company, detection.job_title) == (company, job_title)


def test_markup_and_template_syntax_are_not_part_of_the_title() -> None:
    title = "<script>alert(1)</script> Interview: Backend Engineer {{ 7*7 }} (Acme Robotics)"
    detection = detect(one_on_one(title, email="jo.ray@acmerobotics.com", name="Jo Ray"), ALEX)
    assert detection.is_interview
    assert (detection.company, detection.job_title) == ("Acme Robotics", "Backend Engineer")
