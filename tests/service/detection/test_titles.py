"""Splitting titles into parts and setting aside the words for the kind of conversation."""

from __future__ import annotations

import pytest

from service.detection.titles import Part, clean_title, split_title, strip_conversation_words


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("Interview: Alex Kim / Senior Data Engineer (Acme)",
         [("start", "Interview"), ("sep", "Alex Kim"), ("sep", "Senior Data Engineer"),
          ("paren", "Acme")]),
        ("Acme | Product Designer - Hiring Manager Interview",
         [("start", "Acme"), ("sep", "Product Designer"), ("sep", "Hiring Manager Interview")]),
        ("Phone Screen: Alex Kim <> Acme",
         [("start", "Phone Screen"), ("sep", "Alex Kim"), ("sep", "Acme")]),
        ("Intro call - Acme x Alex Kim",
         [("start", "Intro call"), ("sep", "Acme"), ("sep", "Alex Kim")]),
        ("Final interview with Jane Doe (Acme)",
         [("start", "Final interview"), ("with", "Jane Doe"), ("paren", "Acme")]),
        ("Interview for Backend Engineer at Acme (via Hays)",
         [("start", "Interview"), ("for", "Backend Engineer"), ("at", "Acme"), ("via", "Hays")]),
        ("Onsite (1/3): Values – Gekko & Co — UI/UX Designer",
         [("start", "Onsite"), ("sep", "Values"), ("sep", "Gekko & Co"),
          ("sep", "UI/UX Designer")]),
        ("Interview w/ Monarch Solutions", [("start", "Interview"), ("with", "Monarch Solutions")]),
        ("Screening call with Acme re: Data Analyst",
         [("start", "Screening call"), ("with", "Acme"), ("for", "Data Analyst")]),
        ("Acme Interview - Round 2 of 3 - Data Scientist",
         [("start", "Acme Interview"), ("sep", "Data Scientist")]),
    ],
)  # fmt: skip
def test_split_title(title: str, parts: list[tuple[str, str]]) -> None:
    assert [(p.cue, p.text) for p in split_title(title)] == parts


def test_a_part_remembers_the_dash_before_it() -> None:
    # "Backend Engineer - Java": the role's own words after a dash (company.py joins them)
    assert split_title("Revolut | Backend Engineer - Java | Technical Interview") == (
        Part("Revolut", "start"), Part("Backend Engineer", "sep"),
        Part("Java", "sep", dash=True), Part("Technical Interview", "sep"),
    )


def test_french_inclusive_endings_are_the_word_s() -> None:
    parts = split_title("Entretien téléphonique – Chargé(e) d'affaires réglementaires (H/F)")
    assert [p.text for p in parts] == ["Entretien téléphonique",
                                       "Chargé(e) d'affaires réglementaires"]


def test_re_inside_a_name_is_no_cue() -> None:
    parts = split_title("Telefonat: SAP FI/CO Berater für Munich Re – Hays")
    assert [(p.cue, p.text) for p in parts] == [
        ("start", "Telefonat"), ("sep", "SAP FI/CO Berater"), ("for", "Munich Re"),
        ("sep", "Hays")]


def test_whole_names_are_not_split_on_their_words() -> None:
    parts = split_title("Interview for Analyst - Best For You Organics", ["Best For You Organics"])
    assert [p.text for p in parts] == ["Interview", "Analyst", "Best For You Organics"]


def test_client_prefixes_are_dropped() -> None:
    assert clean_title("Canceled: Interview with Initech") == "Interview with Initech"
    assert clean_title("Updated invitation: Call") == "Call"


@pytest.mark.parametrize(
    ("text", "left"),
    [("Kramerica Industries Final Round Interview", "Kramerica Industries"),
     ("Technical Interview", ""), ("Technical Writer", "Technical Writer"),
     ("Engineering Manager Interview", "Engineering Manager"),
     ("Hiring Manager Interview", ""), ("Values", ""), ("Culture Interview", ""),
     ("Case Manager Interview", "Case Manager"),
     ("Research Engineer interview", "Research Engineer"),
     ("Your interview with", "with"), ("", "")],
)  # fmt: skip
def test_strip_conversation_words(text: str, left: str) -> None:
    assert strip_conversation_words(text) == left
