from __future__ import annotations

import itertools
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from providers.model import Person
from service.compose.check import check_draft
from service.compose.render import (
    STAGES,
    Letter,
    Stage,
    fingerprint,
    render_check_in,
    render_thank_you,
    reply_subject,
)
from service.compose.sentences import SENTENCE_RANGE, count_sentences, forbidden_words

JANE = Person("jane.doe@acme.com", "Jane Doe")
TOPICS = [None, "the team's approach to scaling the data pipeline",
          "e.g. the v2.0 rollout in the U.S. market", "Kafka vs. Pulsar! And more? Yes.",
          "the migration. Then the rewrite. Then the launch"]
HOSTILE = [
    "{{ 7*7 }}", "{% for x in range(9) %}loop{% endfor %}", "{{ ''.__class__.__mro__ }}",
    "<script>alert(1)</script>", "Jane\r\nBcc: evil@example.com", "Jane\nBest regards,",
    "\x00\x07\x1b[31mred\u202e", "{#", "${jndi:ldap://x}", "[specific]", "A" * 100_000,
    "Mr. Smith. Dr. Who. U.S.A.", "Salary talk", "sorry about the LinkedIn thing",
]


def render(stage: Stage, **values: object) -> Letter:
    base: dict[str, object] = dict(recipient=JANE, company="Acme",
                                   job_title="Senior Data Engineer", signature="Alex Kim")
    base.update(values)
    return render_thank_you(stage, **base)  # type: ignore[arg-type]


@pytest.mark.parametrize(("stage", "topic", "variant", "known"),
                         list(itertools.product(STAGES, TOPICS, range(5), [True, False])))
def test_every_stage_is_in_range_and_clean(stage: Stage, topic: str | None, variant: int,
                                           known: bool) -> None:
    letter = render(stage, topic=topic, variant=variant,
                    insight="keep the legacy index serving reads. It is safer" if known
                    else None,
                    company="Acme" if known else None,
                    job_title="Senior Data Engineer" if known else None)
    low, high = SENTENCE_RANGE[stage]
    assert low <= count_sentences(letter.body) <= high, letter.body
    assert not forbidden_words(letter.subject + letter.body)
    assert letter.body.startswith("Hi Jane,\n\n")
    assert "\nBest regards,\nAlex Kim\n" in letter.body
    assert "Thank you" in letter.subject
    assert "\n" not in letter.subject
    if known:
        assert "Acme" in letter.body and "Senior Data Engineer" in letter.body
    else:
        assert "the role" in letter.body
    findings = check_draft("thank_you", stage, letter.subject, letter.body)
    assert [f for f in findings if f.severity == "error"] == []


@pytest.mark.parametrize("stage", ["interview", "panel", "final_round"])
def test_a_prompt_where_nothing_is_known_and_the_topic_where_it_is(stage: Stage) -> None:
    assert "[specific topic you discussed]" in render(stage).body
    with_topic = render(stage, topic="event sourcing")
    assert "event sourcing" in with_topic.body
    assert "[specific topic you discussed]" not in with_topic.body


def test_phone_screen_never_has_a_prompt() -> None:
    for variant in range(4):
        assert "[" not in render("phone_screen", variant=variant).body
        assert "[" not in render("phone_screen", variant=variant, topic="on-call").body


def test_final_round_uses_the_insight() -> None:
    body = render("final_round", topic="search backends",
                  insight="a phased migration behind a feature flag").body
    assert "a phased migration behind a feature flag" in body
    assert "[an added thought" not in body


@pytest.mark.parametrize("stage", STAGES)
def test_variants_differ_beyond_names(stage: Stage) -> None:
    people = [Person(f"p{i}@acme.com", f"Person{i} Surname{i}") for i in range(12)]
    bodies = set()
    for index, person in enumerate(people):
        body = render(stage, recipient=person, variant=index).body
        bodies.add(re.sub(r"Person\d+|Surname\d+", "NAME", body))
    assert len(bodies) == len(people)


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("stage", STAGES)
def test_hostile_values_are_inert(stage: Stage, value: str) -> None:
    letter = render(stage, recipient=Person("x@acme.com", value), company=value,
                    job_title=value, topic=value[:2000], insight=value[:2000],
                    strengths=value[:2000], signature=value)
    text = letter.subject + "\n" + letter.body
    assert "49" not in text and "looploop" not in text  # printed, never evaluated
    assert not re.search(r"\{\{|\{%|\{#|<script|\x00|\x1b|\r|\u202e", text)
    assert "__class__" not in text or "{{" not in text
    assert "\n" not in letter.subject and len(letter.subject) <= 200
    assert len(letter.body) < 4000 + 3 * 2000  # invite values are capped, notes are not cut
    low, high = SENTENCE_RANGE[stage]
    assert low <= count_sentences(letter.body) <= high, letter.body
    # the company and the job title are named as they are (P2.4); nothing else says it
    assert set(forbidden_words(text)) <= set(forbidden_words(value))
    assert not forbidden_words(text.replace(value, " "))
    lines = letter.body.split("\n")
    assert re.match(r"^(Hi .+|Hello),$", lines[0])
    assert "Bcc:" not in lines[0] or lines[0].endswith(",")
    assert lines.count("Best regards,") == 1


def test_check_in_new_thread() -> None:
    letter = render_check_in(recipient=JANE, company="Acme", job_title="Senior Data Engineer",
                             interview_day=date(2026, 10, 7), recipient_was_interviewer=True,
                             signature="Alex Kim")
    assert letter.subject == "Following up on the Senior Data Engineer interview"
    assert "our conversation on Wednesday, October 7, about the Senior Data Engineer role" \
        in letter.body
    assert 3 <= count_sentences(letter.body) <= 6
    assert re.search(r"timeline", letter.body) and re.search(r"information", letter.body)
    assert check_draft("check_in", None, letter.subject, letter.body,
                       job_title="Senior Data Engineer") == []


def test_check_in_reply_keeps_the_thread_subject() -> None:
    letter = render_check_in(recipient=JANE, company=None, job_title=None,
                             interview_day=date(2026, 10, 7), recipient_was_interviewer=False,
                             thread_subject="Update on your Hooli interview")
    assert letter.subject == "Re: Update on your Hooli interview"
    assert "my interview on Wednesday, October 7, for the role" in letter.body
    assert reply_subject("RE: x") == "RE: x"
    assert reply_subject("Thank you\r\nBcc: y") == "Re: Thank you Bcc: y"
    assert check_draft("check_in", None, letter.subject, letter.body, reply=True) == []


def test_greeting_without_a_usable_name() -> None:
    assert render("interview", recipient=Person("hr@acme.com")).body.startswith("Hello,\n")
    assert render("interview", recipient=Person("jane.doe@acme.com")).body.startswith(
        "Hi Jane,\n")
    assert render("interview", recipient=Person("x@acme.com", "Dr. Priya Nair")).body \
        .startswith("Hi Priya,\n")
    assert render("interview", recipient=Person("x@acme.com", "J. Peterman")).body \
        .startswith("Hi J. Peterman,\n")


def test_signature_drops_social_media_lines() -> None:
    body = render("interview", signature="Alex Kim\nlinkedin.com/in/alex\n+1 555 0100").body
    assert "Alex Kim\n+1 555 0100" in body and "linkedin" not in body.lower()


def test_fingerprint_ignores_whitespace_only() -> None:
    assert fingerprint("Hi Jane,\n\nThanks.") == fingerprint("Hi Jane,\r\n\r\n Thanks. ")
    assert fingerprint("Hi Jane, Thanks.") != fingerprint("Hi Jane, Thanks!")


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(STAGES), st.text(max_size=300), st.text(max_size=120),
       st.integers(min_value=0, max_value=1000))
def test_any_values_keep_the_shape(stage: Stage, topic: str, name: str, variant: int) -> None:
    letter = render(stage, topic=topic, insight=topic, recipient=Person("a@acme.com", name),
                    job_title=name, company=name, variant=variant)
    low, high = SENTENCE_RANGE[stage]
    assert low <= count_sentences(letter.body) <= high, letter.body
    assert "\n" not in letter.subject
    assert set(forbidden_words(letter.subject + letter.body)) <= set(forbidden_words(name))


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("company", ["Acme Inc.", "Smith & Co", "Acme Ltd", "Node.js Ltd.",
                                     "Cobalt Mining Co"])
def test_an_abbreviation_at_a_sentence_end_does_not_merge_sentences(stage: Stage,
                                                                    company: str) -> None:
    letter = render(stage, company=company, topic="hiring in St. Louis etc.",
                    job_title="Engineer Jr.")
    low, high = SENTENCE_RANGE[stage]
    assert low <= count_sentences(letter.body) <= high, letter.body
    assert company.split()[0].rstrip(".") in letter.body
    # P2.3: the whole name is said somewhere, in the subject if the body had to shorten it
    assert company.rstrip(".") in letter.subject + " " + letter.body


def test_names_are_named_as_they_are() -> None:
    """P2.4: a company or a role that holds a forbidden word is still named; a note that
    does is not used."""
    letter = render("interview", company="Quetzal Pay", job_title="Compensation Analyst",
                    topic="how the salary bands are reviewed")
    assert "Quetzal Pay" in letter.body and "Compensation Analyst" in letter.body
    assert "salary" not in letter.body.lower() and "[" in letter.body
    check_in = render_check_in(recipient=JANE, company="Sorry Labs",
                               job_title="Payroll Systems Engineer",
                               interview_day=date(2026, 3, 4), recipient_was_interviewer=True)
    assert "Payroll Systems Engineer" in check_in.subject + check_in.body
    assert check_draft("thank_you", "interview", letter.subject, letter.body,
                       job_title="Compensation Analyst", company="Quetzal Pay") == [
        f for f in check_draft("thank_you", "interview", letter.subject, letter.body)
        if f.code == "placeholder"]


def test_check_in_survives_an_abbreviated_company() -> None:
    letter = render_check_in(recipient=JANE, company="Acme Inc.", job_title="Engineer Sr.",
                             interview_day=date(2026, 10, 7), recipient_was_interviewer=True)
    assert 3 <= count_sentences(letter.body) <= 6, letter.body
