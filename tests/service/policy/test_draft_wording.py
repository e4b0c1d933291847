"""What decide() gives the templates (issue 11): variation across one company's loop, the
people named beside the reader, the owner's per-interview strengths, the decision date a
check-in says back."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from providers.model import Person
from service.policy.decide import decide, thank_you_letter
from service.policy.facts import InterviewFacts
from service.policy.intents import WriteCheckIn, WriteThankYou

from .situations import (
    BOB,
    END,
    JANE,
    OWNER,
    RITA,
    START,
    at,
    check_in,
    interview,
    mail_in,
    note,
    owner,
    situation,
)

MONA = Person("mona.adel@acme.com", "Mona Adel")
KARIM = Person("karim.said@acme.com", "Karim Said")


def writes(intents: Sequence[object]) -> list[WriteThankYou]:
    return [i for i in intents if isinstance(i, WriteThankYou)]


def blanked(body: str) -> str:
    for name in ("Jane", "Doe", "Bob", "Stone", "Mona", "Adel", "Karim", "Said", "Rita", "Ruiz"):
        body = re.sub(rf"\b{name}\b", "NAME", body)
    return " ".join(body.split())


def split_onsite() -> tuple[InterviewFacts, InterviewFacts]:
    """An onsite in two events on one day, the same company, three interviewers."""
    morning = interview(event_id="ev-1", stage="final_round", interviewers=(JANE, MONA),
                        invitees=(Person(OWNER), JANE, MONA))
    afternoon = interview(event_id="ev-2", stage="final_round", interviewers=(KARIM,),
                          invitees=(Person(OWNER), KARIM), start=START + timedelta(hours=3),
                          end=END + timedelta(hours=3))
    return morning, afternoon


def test_no_two_drafts_of_a_split_onsite_read_alike() -> None:
    morning, afternoon = split_onsite()
    both = (morning, afternoon)
    bodies = []
    for event in both:
        s = situation(interview=event, other_interviews=both)
        bodies += [w.body for w in writes(decide(at(hours=4), s))]
    assert len(bodies) == 3
    assert len({blanked(b) for b in bodies}) == 3
    first_lines = {blanked(b).split(". ")[0] for b in bodies}
    assert len(first_lines) == 3  # they differ from the first sentence on


def test_a_later_part_names_the_people_met_earlier_that_day() -> None:
    morning, afternoon = split_onsite()
    s = situation(interview=afternoon, other_interviews=(morning, afternoon))
    body = thank_you_letter(s, KARIM).body
    assert "Jane and Mona" in body
    earlier = situation(interview=morning, other_interviews=(morning, afternoon))
    body = thank_you_letter(earlier, JANE).body
    assert "Mona" in body and "Karim" not in body  # not met yet when it was written


def test_people_of_a_cancelled_part_are_not_named() -> None:
    morning, afternoon = split_onsite()
    cancelled = replace(morning, status="cancelled")
    s = situation(interview=afternoon, other_interviews=(cancelled, afternoon))
    assert "Mona" not in thank_you_letter(s, KARIM).body


def test_a_later_interview_does_not_change_an_earlier_ones_drafts() -> None:
    first = interview(event_id="ev-1")
    second = interview(event_id="ev-2", start=START + timedelta(days=5),
                       end=END + timedelta(days=5))
    alone = thank_you_letter(situation(interview=first, other_interviews=(first,)), JANE)
    later = thank_you_letter(situation(interview=first, other_interviews=(first, second)), JANE)
    assert alone == later
    second_round = thank_you_letter(
        situation(interview=second, other_interviews=(first, second)), JANE)
    assert blanked(second_round.body) != blanked(alone.body)


def test_a_panel_names_the_other_panelists() -> None:
    panel = interview(stage="panel", interviewers=(JANE, BOB),
                      invitees=(Person(OWNER), JANE, BOB))
    bodies = {w.recipient.email: w.body
              for w in writes(decide(at(hours=0.5), situation(interview=panel)))}
    assert " with Bob " in bodies[JANE.email] and " with Jane " in bodies[BOB.email]


def test_a_note_for_everyone_is_the_groups_discussion_in_a_panel() -> None:
    panel = interview(stage="panel", interviewers=(JANE, BOB),
                      invitees=(Person(OWNER), JANE, BOB))
    notes = (note(at(hours=0.1), topic="the move to event sourcing"),)
    for write in writes(decide(at(hours=0.3), situation(interview=panel, notes=notes))):
        assert "the move to event sourcing" in write.body
        assert "your view on the move" not in write.body
        assert re.search(r"panel|group", write.body.split("event sourcing")[0].split(".")[-1])


def test_the_strengths_noted_for_an_interview_override_the_profile() -> None:
    s = situation(owner=owner(strengths="Python and SQL"))
    assert "my experience with Python and SQL" in writes(decide(at(hours=0.3), s))[0].body
    notes = (note(at(hours=0.1), strengths="led the migration of 40 ETL jobs to Airflow"),
             note(at(hours=0.2), topic="the data pipeline"))
    [write] = writes(decide(at(hours=0.3), replace(s, notes=notes)))
    assert "I led the migration of 40 ETL jobs to Airflow." in write.body
    assert "Python and SQL" not in write.body
    later = (*notes, note(at(hours=0.25), strengths="five years of data engineering"))
    [write] = writes(decide(at(hours=0.3), replace(s, notes=later)))
    assert "my five years of data engineering" in write.body and "Airflow" not in write.body


def approved(**changes: object) -> WriteCheckIn:
    s = situation(check_in=check_in("approved", recipient=RITA), **changes)
    [write] = [i for i in decide(at(days=12), s) if isinstance(i, WriteCheckIn)]
    return write


def test_the_check_in_says_the_decision_date_from_a_note() -> None:
    write = approved(notes=(note(at(hours=1), decision_date=date(2026, 5, 15)),))
    assert "a decision was expected by Friday, May 15" in write.body \
        or "decide by Friday, May 15" in write.body or "decision by Friday, May 15" in write.body
    assert "Wednesday, May 6, " in write.body


def test_the_check_in_says_you_mentioned_to_the_one_who_wrote_the_date() -> None:
    mail = mail_in(RITA, at(days=1), subject="Timeline", decision=date(2026, 5, 15),
                   timeline_only=True)
    write = approved(mails=(mail,))
    assert "by Friday, May 15" in write.body
    assert re.search(r"\byou\b", write.body.split("May 15")[0].split(".")[-1], re.IGNORECASE)
