"""Detection meets the bar on invites as real scheduling systems, agencies and recruiters
write them, in five languages, for each persona on its own (not pooled).

The calendars come from :mod:`tests.service.detection.realistic_calendars` (its module
docstring says where each format was read), in both wire forms, and go through the code
``followup detect`` runs. The bar is issue 12's: precision 0.98, recall 0.95, stage 0.90,
interviewers 0.95, company 0.90, job title 0.90.
"""

from __future__ import annotations

import dataclasses

import pytest

from service.detection import Owner
from tests.service.detection.realistic_calendars import PERSONAS, Persona, build_calendar
from tests.service.detection.scoring import Tally, score_calendar, short_of

BAR = {"precision": 0.98, "recall": 0.95, "stage": 0.90, "interviewers": 0.95,
       "company": 0.90, "job_title": 0.90}  # fmt: skip


def _tally(persona: Persona, count: int = 320) -> Tally:
    calendar = build_calendar(persona, count)
    owner = Owner(persona.email, persona.name, persona.also)
    return score_calendar(calendar.google, calendar.graph, calendar.labels, owner)


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.key for p in PERSONAS])
def test_each_persona_meets_the_bar(persona: Persona) -> None:
    tally = _tally(persona)
    assert tally.tp >= 150, "too few interviews to measure"
    assert tally.fp + tally.tp + tally.fn < 2 * 320, "the calendar has everyday events too"
    short = short_of(tally.figures(), BAR)
    assert not short, f"{persona.key} below the bar: {short}\n" + "\n".join(tally.misses[:40])


@pytest.mark.parametrize("draw", [2, 3])
def test_other_draws_of_the_same_formats_meet_the_bar(draw: int) -> None:
    """The same formats, other people, companies and combinations: the rules are not tied
    to one draw."""
    for persona in PERSONAS:
        tally = _tally(dataclasses.replace(persona, seed=persona.seed + 1000 * draw), 200)
        short = short_of(tally.figures(), BAR)
        assert not short, f"{persona.key} draw {draw}: {short}\n" + "\n".join(tally.misses[:20])


def test_the_corpus_covers_every_system_language_and_look_alike() -> None:
    patterns: set[str] = set()
    for persona in PERSONAS:
        labels = build_calendar(persona).labels["labels"]
        patterns |= {label["pattern"] for label in labels.values()}
    expected = {
        "ats_confirmation", "recruiter_call", "role_only_in_description", "calendly", "cal.com",
        "hidden_guests_ashby", "hidden_guests_workday", "hidden_guests_goodtime", "agency",
        "karat", "coding_tool", "interviewer_event_with_candidate", "not_an_interview",
        "coffee_chat", "everyday", "everyday_solo", "status_block", "all_day", "solo_reminder",
        "cancelled_or_declined", "business_meeting", "hiring_side_interviewer",
        "hiring_side_meeting", "hiring_side_agency",
    }  # fmt: skip
    assert expected <= patterns, expected - patterns


def test_the_calendars_are_consistent_and_the_same_every_time() -> None:
    persona = PERSONAS[0]
    calendar = build_calendar(persona, 80)
    labels = calendar.labels["labels"]
    assert sorted(item["id"] for item in calendar.google["items"]) == sorted(labels)
    assert sorted(calendar.labels["graph_ids"].values()) == sorted(labels)
    assert all(
        label["stage"] is None and not label["interviewers"] and label["company"] is None
        for label in labels.values()
        if not label["is_interview"]
    )
    assert build_calendar(persona, 80).labels == calendar.labels
