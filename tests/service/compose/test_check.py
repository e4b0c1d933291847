from __future__ import annotations

from service.compose.check import Finding, check_draft
from service.compose.clean import clean_line, clean_phrase, greeting_name
from service.compose.sentences import count_sentences

GOOD = ("Hi Jane,\n\nThank you for the call. I enjoyed it. I look forward to next steps.\n\n"
        "Best regards,\nAlex\n")


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def test_a_good_phone_screen_passes() -> None:
    assert check_draft("thank_you", "phone_screen", "Thank you for the call", GOOD) == []


def test_length_out_of_range() -> None:
    found = check_draft("thank_you", "interview", "Thank you", GOOD)
    assert codes(found) == {"length"}
    assert "3 sentences" in found[0].message


def test_forbidden_placeholder_greeting_sign_off_subject() -> None:
    body = "Thanks for the chat about salary. Sorry for the delay. [topic]\n"
    found = check_draft("thank_you", "phone_screen", "Hello", body)
    assert {"forbidden", "placeholder", "greeting", "sign_off", "subject"} <= codes(found)
    assert {f.message for f in found if f.code == "forbidden"} == {
        "mentions salary: leave it out", "mentions sorry: leave it out"}


def test_template_leftovers_are_flagged() -> None:
    body = GOOD.replace("I enjoyed it.", "I enjoyed {{ topic }}.")
    assert "template" in codes(check_draft("thank_you", "phone_screen", "Thank you", body))


def test_check_in_subjects() -> None:
    body = ("Hi Jane,\n\nI hope you are well. Any update on the timeline? Happy to share "
            "more information.\n\nBest regards,\nAlex\n")
    assert check_draft("check_in", None, "Following up on the Data Engineer role", body,
                       job_title="Data Engineer") == []
    assert codes(check_draft("check_in", None, "Checking in", body, job_title="Data Engineer")
                 ) == {"subject"}
    assert codes(check_draft("check_in", None, "Following up", body, reply=True)) == {"subject"}
    assert check_draft("check_in", None, "Re: Thank you", body, reply=True) == []


def test_sentence_count_matches_the_acceptance_rules() -> None:
    body = ("Hi Jane,\n\nWe discussed e.g. Kafka vs. Pulsar at Acme Inc. today. "
            "[a topic. with periods.] Great! Really? Yes.\n\nBest,\nAlex\n")
    assert count_sentences(body) == 4  # the prompt is a phrase inside "X Great!"
    assert count_sentences("no greeting. two sentences.") == 2


def test_clean_line_and_phrase() -> None:
    assert clean_line("a\r\nb\tc\x00d", 100) == "a b c d"
    assert clean_line("{{ x }} <b>Acme</b> [p] Robotics", 100) == "Acme (p) Robotics"
    assert clean_line("{{ x }}{%y%}<b>z</b>[p]", 100) == ""  # mostly template syntax
    assert clean_line("{{{{ x }}}}", 100) == ""
    assert len(clean_line("word " * 1000, 50)) <= 50
    assert clean_phrase("The U.S. market. Then Europe!", 100) == "The US market; Then Europe"
    assert clean_phrase("first. second. third", 100, max_sentences=2) == \
        "first. second; third"
    assert clean_phrase("our pay bands", 100) == ""
    assert clean_phrase(None, 10) == ""


def test_greeting_names() -> None:
    assert greeting_name("Jane Doe", "x@y.com") == "Jane"
    assert greeting_name("JANE DOE", "x@y.com") == "Jane"
    assert greeting_name(None, "jane.doe@acme.com") == "Jane"
    assert greeting_name(None, "hr@acme.com") is None
    assert greeting_name("{{ 7*7 }}", "x@acme.com") is None
    assert greeting_name("Ms Jane Doe", "x@y.com") == "Jane"
