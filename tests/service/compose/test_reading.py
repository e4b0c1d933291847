"""How a draft reads (issue 11): two or three short paragraphs, one warm word at most, the
check-in's dates, and what the content check now points out."""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest

from providers.model import Person
from service.compose.check import awkward_joins, check_draft
from service.compose.render import STAGES, Stage, render_check_in, render_thank_you
from service.compose.sentences import body_lines_between

JANE = Person("jane.doe@acme.com", "Jane Doe")
# Intensifiers and strong feelings: a calm draft has one of them at most.
WARM = re.compile(r"\b(really|genuinely|truly|very|especially|particularly|thrilled|excited|"
                  r"exciting|enthusiastic|delighted|love|great|wonderful|fantastic|amazing|"
                  r"incredibly|deeply|eager|passionate)\b", re.IGNORECASE)


def paragraphs(body: str) -> list[str]:
    greeting, sign_off, lines = body_lines_between(body)
    assert greeting is not None and sign_off is not None
    text = "\n".join(lines[greeting + 1:sign_off]).strip()
    return [p for p in text.split("\n\n") if p.strip()]


def check_ins(**changes: object) -> list[str]:
    bodies = []
    for variant, was in itertools.product(range(8), [True, False]):
        values: dict[str, object] = dict(
            recipient=JANE, company="Acme", job_title="Data Engineer",
            interview_day=date(2026, 3, 4), recipient_was_interviewer=was, variant=variant)
        values.update(changes)
        bodies.append(render_check_in(**values).body)  # type: ignore[arg-type]
    return bodies


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("variant", range(12))
@pytest.mark.parametrize("group", [False, True])
def test_short_paragraphs_and_one_warm_word(stage: Stage, variant: int, group: bool) -> None:
    colleagues = [Person("bob@acme.com", "Bob Stone")] if group else []
    for notes in ({}, {"topic": "the data pipeline", "strengths": "Python and SQL",
                       "insight": "a shadow mode would de-risk it"}):
        letter = render_thank_you(stage, recipient=JANE, company="Acme",
                                  job_title="Data Engineer", variant=variant,
                                  colleagues=colleagues, **notes)  # type: ignore[arg-type]
        parts = paragraphs(letter.body)
        assert 2 <= len(parts) <= 3, letter.body
        assert all(len(p.split()) <= 75 for p in parts), letter.body
        assert len(WARM.findall(letter.body)) <= 1, letter.body
        assert "that work" not in letter.body


def test_check_ins_read_calmly_in_two_paragraphs() -> None:
    for body in check_ins() + check_ins(decision_day=date(2026, 3, 13)):
        assert len(paragraphs(body)) == 2
        assert len(WARM.findall(body)) <= 1, body
        assert "timeline" in body and "information" in body and "follow up" in body


def test_the_check_in_says_the_decision_date_it_was_given() -> None:
    for body in check_ins(decision_day=date(2026, 3, 13)):
        assert "by Friday, March 13" in body, body
        assert "Wednesday, March 4, " in body  # a comma after the date in mid-sentence
    told = check_ins(decision_day=date(2026, 3, 13), decision_stated_by_recipient=True)
    assert all(re.search(r"\byou\b", body, re.IGNORECASE) and "understood" not in body
               for body in told)
    for body in check_ins():
        assert "decision by" not in body and "Wednesday, March 4, " in body


def test_a_decision_day_not_after_the_interview_is_not_said() -> None:
    for body in check_ins(decision_day=date(2026, 3, 4)):
        assert "by Wednesday" not in body


def test_the_check_flags_a_long_sentence_and_words_against_grammar() -> None:
    long = " ".join(["word"] * 36)
    body = (f"Hi Jane,\n\nThank you for the call. I enjoyed hearing about We talked a lot. "
            f"{long}.\n\nBest regards,\nAlex\n")
    findings = {f.code: f for f in check_draft("thank_you", "phone_screen", "Thank you", body)}
    assert findings["long"].severity == "warning" and "36 words" in findings["long"].message
    assert "about We talked" in findings["grammar"].message


@pytest.mark.parametrize(("text", "awkward"), [
    ("I enjoyed learning about We talked a lot", ["about We talked"]),
    ("Your perspective on how do they price payments stood out", ["on how do they price"]),
    ("My experience with I led the migration", ["with I led"]),
    ("I enjoyed hearing about how they price payments", []),
    ("I asked about it and about you", []),
    ("What I keep thinking about is our discussion", []),
])
def test_awkward_joins(text: str, awkward: list[str]) -> None:
    assert awkward_joins(text) == awkward


def test_a_prompt_left_in_the_body_is_flagged() -> None:
    letter = render_thank_you("interview", recipient=JANE, company="Acme",
                              job_title="Data Engineer")
    [finding] = [f for f in check_draft("thank_you", "interview", letter.subject, letter.body)
                 if f.code == "placeholder"]
    assert "2 bracketed prompts" in finding.message
