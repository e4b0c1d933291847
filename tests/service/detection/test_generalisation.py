"""Detection holds the spec's bar on calendars it was not written against.

The calendars come from :mod:`tests.service.detection.generated_calendars` (built from the
spec alone: its own names, companies and phrasings), one per persona, in both wire forms, and
go through the code ``followup detect`` runs. The figures are the spec's: interview precision
and recall, then stage, interviewer-set, company and job-title agreement on the interviews
found, for the Google and Graph forms together.
"""

from __future__ import annotations

import pytest

from service.detection import Owner
from tests.service.detection.generated_calendars import PERSONAS, Persona, build_calendar
from tests.service.detection.scoring import Tally, score_calendar, short_of

BAR = {"precision": 0.98, "recall": 0.95, "stage": 0.90, "interviewers": 0.95,
       "company": 0.90, "job_title": 0.85}  # fmt: skip
EVENTS_PER_PERSONA = 400


def _score(persona: Persona) -> Tally:
    calendar = build_calendar(persona, EVENTS_PER_PERSONA)
    owner = Owner(persona.owner.email, persona.owner.name)
    return score_calendar(calendar.google, calendar.graph, calendar.labels, owner)


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.key for p in PERSONAS])
def test_generated_calendar_meets_the_bar(persona: Persona) -> None:
    tally = _score(persona)
    short = short_of(tally.figures(), BAR)
    assert tally.tp >= 200, "too few interviews to measure"
    assert not short, f"below the bar: {short}\n" + "\n".join(tally.misses[:40])


def test_the_generated_calendars_are_consistent() -> None:
    """Each labels file covers both listings, one label per event, ids mapped both ways."""
    calendar = build_calendar(PERSONAS[0], 120)
    labels = calendar.labels["labels"]
    google_ids = [item["id"] for item in calendar.google["items"]]
    graph_ids = [item["id"] for item in calendar.graph["value"]]
    assert sorted(google_ids) == sorted(labels)
    assert sorted(calendar.labels["graph_ids"]) == sorted(graph_ids)
    assert sorted(calendar.labels["graph_ids"].values()) == sorted(labels)
    interviews = [v for v in labels.values() if v["is_interview"]]
    assert interviews and len(interviews) < len(labels)
    assert all(v["stage"] is None and not v["interviewers"] for v in labels.values()
               if not v["is_interview"])  # fmt: skip
    # the same draw every time
    assert build_calendar(PERSONAS[0], 120).labels == calendar.labels
