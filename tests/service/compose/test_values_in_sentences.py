"""How stranger- and owner-written values sit inside the templates' sentences: stray braces,
a phone screen's short topic, team mailboxes' greetings, a topic's leading capital."""

from __future__ import annotations

import pytest

from providers.model import Person
from service.compose.clean import clean_line, greeting_name
from service.compose.grammar import lower_first_function_word
from service.compose.render import render_check_in, render_thank_you
from service.compose.sentences import SENTENCE_RANGE, count_sentences

HAILEY = Person("hailey.brooks@prairiegrid.com", "Hailey Brooks")


@pytest.mark.parametrize(("raw", "cleaned"), [
    ("Backend Engineer {", "Backend Engineer"),
    ("Backend Engineer {{ 7*7 }}", "Backend Engineer"),
    ("{ role }", "role"),
    ("<b>Acme</b> }", "Acme"),
])
def test_stray_braces_and_angle_brackets_are_dropped(raw: str, cleaned: str) -> None:
    assert clean_line(raw, 100) == cleaned


def test_a_phone_screen_keeps_a_long_topic_whole() -> None:
    topic = ("[hybrid schedule] and the desk's growth plans. They trade power in ERCOT! "
             "Big team.")
    letter = render_thank_you("phone_screen", recipient=HAILEY, company="Prairie Grid",
                              job_title="Energy Trading Analyst", topic=topic)
    assert "(hybrid schedule) and the desk's growth plans" in letter.body
    assert "trade power in ERCOT" in letter.body and "Big team" in letter.body
    assert "[" not in letter.body
    low, high = SENTENCE_RANGE["phone_screen"]
    assert low <= count_sentences(letter.body) <= high


@pytest.mark.parametrize(("name", "email", "greeting"), [
    ("Dunmore Talent Team", "recruiting@dunmore.com", "Dunmore Talent Team"),
    ("Acme Careers", "careers@acme.com", "Acme Careers"),
    (None, "careers@acme.com", None),
    ("Jared Dunn", "jared.dunn@hooli.com", "Jared"),
])
def test_a_team_mailbox_is_greeted_by_its_whole_name(name: str | None, email: str,
                                                      greeting: str | None) -> None:
    assert greeting_name(name, email) == greeting


def test_a_check_in_to_a_team_mailbox() -> None:
    from datetime import date
    letter = render_check_in(recipient=Person("recruiting@dunmore.com", "Dunmore Talent Team"),
                             company="Dunmore Outfitters", job_title="Retail Operations Lead",
                             interview_day=date(2026, 11, 3), recipient_was_interviewer=False,
                             thread_subject="Your final round with Dunmore Outfitters")
    assert letter.body.startswith("Hi Dunmore Talent Team,\n")
    assert letter.subject == "Re: Your final round with Dunmore Outfitters"


@pytest.mark.parametrize(("topic", "expected"), [
    ("The migration to Kafka", "the migration to Kafka"),
    ("How the team ships weekly", "how the team ships weekly"),
    ("Kafka Streams", "Kafka Streams"),
    ("The", "The"),
])
def test_a_topic_reads_as_part_of_the_sentence(topic: str, expected: str) -> None:
    assert lower_first_function_word(topic) == expected
    letter = render_thank_you("interview", recipient=HAILEY, company="Acme",
                              job_title="Data Engineer", topic=topic)
    assert expected in letter.body


def test_a_long_job_title_is_named_whole() -> None:
    title = ("Senior Staff Software Engineer, Machine Learning Infrastructure and Developer "
             "Productivity Platform")
    letter = render_thank_you("interview", recipient=HAILEY, company="Acme", job_title=title)
    assert title in letter.body and title in letter.subject
    assert "\n" not in letter.subject
