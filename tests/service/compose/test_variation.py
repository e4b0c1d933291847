"""Variation: the drafts of one company's loop take consecutive variants, and close variants
must read differently in most sentences, not by one synonym (issue 11)."""

from __future__ import annotations

import itertools
import re

import pytest

from providers.model import Person
from service.compose.render import STAGES, Stage, Variation, render_thank_you
from service.compose.sentences import body_text


def slots(variant: int, counts: tuple[int, ...]) -> tuple[int, ...]:
    pick = Variation(variant)
    return tuple(int(pick([str(i) for i in range(n)])) for n in counts)


def differing(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize(("window", "at_least"), [(16, 3), (32, 2)])
def test_close_variants_differ_in_several_slots(window: int, at_least: int) -> None:
    counts = (4, 4, 4, 4, 4, 4)
    for start in range(0, 4096, 37):
        seen = [slots(v, counts) for v in range(start, start + window)]
        assert min(differing(a, b) for a, b in itertools.combinations(seen, 2)) >= at_least


def test_a_slot_with_fewer_options_still_keeps_variants_apart() -> None:
    counts = (4, 4, 3, 4, 4, 4)
    for start in range(0, 4096, 37):
        seen = [slots(v, counts) for v in range(start, start + 16)]
        assert len(set(seen)) == 16


def test_no_options_no_words() -> None:
    assert Variation(3)([]) == ""


@pytest.mark.parametrize("stage", STAGES)
def test_a_loop_of_sixteen_drafts_reads_sixteen_ways(stage: Stage) -> None:
    """Sixteen drafts one company receives (a big panel, or a loop of rounds), names blanked:
    every two differ in at least two sentences."""
    bodies = []
    for index in range(16):
        person = Person(f"p{index}@acme.com", f"Person{index} Surname{index}")
        letter = render_thank_you(stage, recipient=person, company="Acme",
                                  job_title="Data Engineer", topic="the data pipeline",
                                  strengths="Python and SQL", variant=1000 + index)
        text = re.sub(r"Person\d+|Surname\d+", "NAME", body_text(letter.body))
        bodies.append(set(re.split(r"(?<=[.!?])\s+", text)))
    need = 1 if stage == "phone_screen" else 2
    for a, b in itertools.combinations(bodies, 2):
        assert len(a ^ b) // 2 >= need, (a, b)
