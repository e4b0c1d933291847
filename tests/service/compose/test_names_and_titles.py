"""Names and job titles as people write them (issue 11), and values that are mostly markup
or template syntax taken as absent (issue 14: "{{7*7}} {% print 1 %}" greeted "Hi Print,")."""

from __future__ import annotations

import pytest

from providers.model import Person
from service.compose.clean import clean_line, greeting_name, title_case
from service.compose.render import STAGES, Stage, render_check_in, render_thank_you


@pytest.mark.parametrize(("name", "greeting"), [
    ("Jane Doe", "Jane"),
    ("JANE DOE", "Jane"),  # typed in capitals: put right
    ("jane doe", "Jane"),
    ("JD", "JD"),  # initials as written
    ("JD Smith", "JD"),
    ("J. Peterman", "J. Peterman"),
    ("J.D. Salinger", "J.D. Salinger"),
    ("Mary-Jane Watson", "Mary-Jane"),
    ("mary-jane watson", "Mary-Jane"),
    ("MARY-JANE WATSON", "Mary-Jane"),
    ("siobhán o'brien", "Siobhán"),
    ("DeShawn Jones", "DeShawn"),  # the owner's capitals
    ("José Álvarez", "José"),  # accents intact
    ("Zoë Ångström", "Zoë"),
    ("LI WEI", "Li"),
    ("Dr. Anjali Rao", "Anjali"),  # honorifics and titles dropped
    ("Dr Anjali Rao", "Anjali"),
    ("Prof. Ada Byron", "Ada"),
    ("Professor Ada Byron", "Ada"),
    ("Prof. Dr. Anna Schmidt", "Anna"),
    ("Rev. Martin Green", "Martin"),
    ("Sir Ian McKellen", "Ian"),
    ("Capt. Kathryn Janeway", "Kathryn"),
    ("Ms Jane Doe", "Jane"),
    ("Dr. Rao", "Dr. Rao"),  # no first name to greet by
    ("Professor", "Professor"),
    ("نور الهدى", "نور"),
    ("Omar {{ 7*7 }} <b>Karimi</b> 😀", "Omar"),
])
def test_greetings_as_people_write_them(name: str, greeting: str) -> None:
    assert greeting_name(name, "someone@acme.com") == greeting


@pytest.mark.parametrize("name", ["{{7*7}} {% print 1 %}", "<b>", "{% print 1 %}", "<i></i>",
                                  "{{ user.name }}", "${jndi:ldap://x}"])
def test_a_name_that_is_mostly_markup_is_no_name(name: str) -> None:
    assert greeting_name(name, "x@acme.com") is None
    letter = render_thank_you("interview", recipient=Person("x@acme.com", name),
                              company="Acme", job_title="Data Engineer")
    assert letter.body.startswith("Hello,\n")


def test_a_name_that_is_mostly_markup_falls_back_on_the_address() -> None:
    assert greeting_name("{{7*7}} {% print 1 %}", "jane.doe@acme.com") == "Jane"


@pytest.mark.parametrize(("title", "written"), [
    ("SENIOR PRODUCT MANAGER", "Senior Product Manager"),
    ("senior data engineer", "Senior Data Engineer"),
    ("DATA ENGINEER II", "Data Engineer II"),
    ("VP OF ENGINEERING", "VP of Engineering"),
    ("SRE LEAD", "SRE Lead"),
    ("ios engineer", "iOS Engineer"),
    ("head of data and ml", "Head of Data and ML"),
    ("FRONT-END ENGINEER", "Front-End Engineer"),
    ("iOS Engineer", "iOS Engineer"),  # its own case is kept
    ("VP, Data", "VP, Data"),
    ("Head of Data", "Head of Data"),
    ("Développeur Backend", "Développeur Backend"),
    ("DÉVELOPPEUR BACKEND", "Développeur Backend"),
])
def test_job_titles_in_title_case_unless_they_carry_their_own(title: str, written: str) -> None:
    assert title_case(title) == written


@pytest.mark.parametrize("stage", STAGES)
def test_the_title_is_written_the_same_in_subject_and_body(stage: Stage) -> None:
    letter = render_thank_you(stage, recipient=Person("jane@acme.com", "JANE DOE"),
                              company="Acme", job_title="SENIOR PRODUCT MANAGER")
    assert "Senior Product Manager" in letter.subject
    assert "the Senior Product Manager role at Acme" in letter.body
    assert "SENIOR" not in letter.body and letter.body.startswith("Hi Jane,\n")


@pytest.mark.parametrize(("title", "company"), [
    ("{{7*7}} {% print 1 %}", "Acme"), ("Data Engineer", "<b></b>{{ x }}")])
def test_a_title_or_company_that_is_mostly_markup_is_left_out(title: str, company: str) -> None:
    letter = render_thank_you("interview", recipient=Person("jane@acme.com", "Jane"),
                              company=company, job_title=title)
    assert "print" not in letter.body + letter.subject
    assert "{" not in letter.body + letter.subject and "<" not in letter.body


def test_markup_inside_a_value_goes_with_the_code_it_held() -> None:
    assert clean_line("Backend Engineer {{ 7*7 }}", 100) == "Backend Engineer"
    assert clean_line("<b>Acme</b> Robotics", 100) == "Acme Robotics"


def test_the_signature_drops_lines_of_template_syntax() -> None:
    letter = render_thank_you("interview", recipient=Person("jane@acme.com", "Jane"),
                              company="Acme", job_title="Data Engineer",
                              signature="Alex Rivera\n{{ 7*7 }}\n+1 555 0100")
    assert letter.body.endswith("Best regards,\nAlex Rivera\n+1 555 0100\n")


def test_co_panelists_are_named_by_first_name() -> None:
    colleagues = [Person("priya@acme.com", "Dr. Priya Nair"), Person("olu@acme.com", "OLU A")]
    bodies = [render_thank_you("panel", recipient=Person("tom@acme.com", "Tom Becker"),
                               company="Acme", job_title="Data Engineer", variant=v,
                               colleagues=colleagues).body for v in range(4)]
    assert all("Priya and Olu" in body for body in bodies)


def test_a_big_panel_is_not_listed_by_name() -> None:
    colleagues = [Person(f"p{i}@acme.com", f"Person{i} X") for i in range(5)]
    body = render_thank_you("panel", recipient=Person("tom@acme.com", "Tom Becker"),
                            company="Acme", job_title="Data Engineer",
                            colleagues=colleagues).body
    assert "Person0" not in body


def test_a_check_in_greets_without_the_honorific() -> None:
    from datetime import date
    letter = render_check_in(recipient=Person("x@acme.com", "Prof. Ada Byron"), company="Acme",
                             job_title="data engineer", interview_day=date(2026, 10, 7),
                             recipient_was_interviewer=True)
    assert letter.body.startswith("Hi Ada,\n")
    assert letter.subject == "Following up on the Data Engineer interview"
