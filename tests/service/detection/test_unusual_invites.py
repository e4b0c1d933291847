"""Invites that read two ways: company names holding rule words, job titles that begin with
conversation words, interviewers on personal addresses, vendors named by their job, names
written surname first, coordinators who sign at the bottom (spec: detection.md)."""

from __future__ import annotations

import pytest

from providers.model import Person
from service.detection import detect
from service.detection.folding import fold
from tests.service.detection.builders import (
    ALEX,
    PAT,
    calendar_event,
    emails,
    guest,
    one_on_one,
)

# --- company names and job titles that hold rule words --------------------------------


def test_an_agency_invite_for_a_company_named_like_a_hold() -> None:
    event = calendar_event(
        "Backend Engineer interview at Hold Brothers (via Hays)",
        organizer=("emma.clarke@hays.com", "Emma Clarke"),
        guests=(guest("dana.lee@holdbrothers.com", "Dana Lee"),),
        organizer_listed=False,
    )
    detection = detect(event, ALEX)
    assert detection.is_interview
    assert (detection.company, detection.job_title) == ("Hold Brothers", "Backend Engineer")
    assert emails(detection) == ["dana.lee@holdbrothers.com"]


@pytest.mark.parametrize(
    "title", ["[Hold] Interview - Acme", "HOLD: Acme onsite", "Hold for Acme interview"]
)
def test_a_hold_tag_is_still_a_hold(title: str) -> None:
    assert not detect(one_on_one(title), ALEX).is_interview


def test_hold_in_a_company_name_from_a_gmail_interviewer() -> None:
    event = one_on_one(
        "Hold Brothers | UX Researcher - Hiring Manager Interview",
        email="noah.novak@icloud.com",
        name="Noah Novak",
    )
    detection = detect(event, ALEX)
    assert detection.is_interview
    assert (detection.company, detection.job_title) == ("Hold Brothers", "UX Researcher")


@pytest.mark.parametrize(
    ("title", "stage", "job_title"),
    [
        ("Interview - Call Center Agent - Acme", "interview", "Call Center Agent"),
        ("Panel Beater Interview | Acme", "interview", "Panel Beater"),
        ("Interview for Screen Printer at Acme", "interview", "Screen Printer"),
        ("Phone screen - Acme (Case Manager)", "phone_screen", "Case Manager"),
        ("Technical Recruiter interview at Acme", "interview", "Technical Recruiter"),
        ("Second Round Interview: Product Manager, Growth | Acme", "interview",
         "Product Manager, Growth"),
        ("Recruiter Phone Screen - Acme", "phone_screen", None),
        ("Hiring Manager Screen: Data Scientist @ Acme", "phone_screen", "Data Scientist"),
        ("Technical Interview - Backend Engineer - Acme", "interview", "Backend Engineer"),
    ],
)  # fmt: skip
def test_job_titles_that_begin_with_conversation_words(
    title: str, stage: str, job_title: str | None
) -> None:
    detection = detect(one_on_one(title), ALEX)
    assert detection.is_interview
    assert (detection.stage, detection.company, detection.job_title) == (stage, "Acme", job_title)


def test_a_role_named_in_the_description_says_nothing_about_the_stage() -> None:
    event = one_on_one("Acme interview", description="Thanks for your interest in the Panel "
                       "Beater role.")  # fmt: skip
    detection = detect(event, ALEX)
    assert (detection.stage, detection.job_title) == ("interview", "Panel Beater")


def test_a_legal_suffix_stays_with_the_company_name() -> None:
    event = one_on_one(
        "Gannet Media Group final interview for Business Analyst",
        email="vera.petrov@gannetmedia.co.nz",
        name="Vera Petrov",
    )
    detection = detect(event, ALEX)
    assert (detection.company, detection.stage) == ("Gannet Media Group", "final_round")


@pytest.mark.parametrize(
    ("title", "email", "company"),
    [
        ("Coffee chat - Sørlandet Kraft (Data Engineer)", "ana@sorlandet-kraft.no",
         "Sørlandet Kraft"),
        ("Interview - Macy's - Buyer", "ana@macys.com", "Macy's"),
    ],
)  # fmt: skip
def test_company_names_match_their_domain_across_letters_and_apostrophes(
    title: str, email: str, company: str
) -> None:
    assert detect(one_on_one(title, email=email, name="Ana"), ALEX).company == company


def test_folding_spells_names_the_way_addresses_do() -> None:
    assert fold("Łukasz Weiß-Ørsted") == "lukasz weiss orsted"
    assert fold("Tomasz D'Souza") == "tomasz dsouza"


def test_a_company_named_in_the_description_is_read_whole() -> None:
    event = calendar_event(
        "Jane Doe / Alex Kim",
        description="You'll be meeting the team at Made for Makers.\nPosition: Platform Engineer",
        organizer=("jane.doe@madeformakers.com", "Jane Doe"),
        guests=(guest("jane.doe@madeformakers.com", "Jane Doe"),),
    )
    detection = detect(event, ALEX)
    assert detection.is_interview
    assert (detection.company, detection.job_title) == ("Made for Makers", "Platform Engineer")


# --- who is behind the invite ----------------------------------------------------------


def test_a_gmail_interviewer_named_in_the_title_is_not_the_candidate() -> None:
    """A corporate owner interviewing elsewhere; the interviewer writes from gmail."""
    event = one_on_one(
        "Final interview with Grace Smith-Jones (Bluefin Capital)",
        email="grace_smith-jones@gmail.com",
        name="Grace Smith-Jones",
        owner_email=PAT.email,
        owner_name=PAT.name,
    )
    detection = detect(event, PAT)
    assert detection.is_interview
    assert detection.company == "Bluefin Capital"
    assert emails(detection) == ["grace_smith-jones@gmail.com"]


def test_the_owners_company_interviewing_a_gmail_candidate_is_still_the_hiring_side() -> None:
    event = calendar_event(
        "Interview with Grace Chen",
        organizer=(PAT.email, PAT.name),
        guests=(guest("grace.chen@gmail.com", "Grace Chen"),),
        owner_email=PAT.email,
        owner_name=PAT.name,
    )
    assert not detect(event, PAT).is_interview


def test_a_friend_on_gmail_asking_for_an_interview_is_no_job() -> None:
    event = one_on_one(
        "Interview Grandma (family history project)", email="mei.chen@gmail.com", name="Mei Chen"
    )
    assert not detect(event, ALEX).is_interview


@pytest.mark.parametrize(
    "title",
    [
        "Call with Acme Account Executive",
        "Meeting with Acme Solutions Architect",
        "Sync with Account Manager (Acme)",
        "Catch-up call with Jane (Acme Account Manager)",
    ],
)
def test_a_vendor_named_by_their_job_is_no_interview(title: str) -> None:
    assert not detect(one_on_one(title, description="Renewal and roadmap."), ALEX).is_interview


@pytest.mark.parametrize(
    "title",
    [
        "Interview with The Weekly Ledger (press)",
        "Parent teacher interview",
        "Interview user #4",
        "Panel: The Future of Work (Acme)",
    ],
)
def test_interview_in_another_sense(title: str) -> None:
    assert not detect(one_on_one(title), ALEX).is_interview


def test_a_case_study_interview_is_an_interview() -> None:
    assert detect(one_on_one("Acme Case Study Interview"), ALEX).is_interview


# --- the words around the people -------------------------------------------------------


def test_a_booking_tool_title_with_the_role_in_the_description() -> None:
    event = one_on_one("30 Minute Meeting between Jane Doe and Alex Kim (PST)",
                       description="Role: Account Executive")  # fmt: skip
    detection = detect(event, ALEX)
    assert detection.is_interview
    assert (detection.stage, detection.company, detection.job_title) == (
        "interview", "Acme", "Account Executive")  # fmt: skip


def test_a_title_naming_a_role_and_a_description_naming_the_stage() -> None:
    event = one_on_one("Acme | Security Engineer", description="Welcome to your onsite!")
    detection = detect(event, ALEX)
    assert (detection.is_interview, detection.stage) == (True, "final_round")


def test_a_business_meeting_that_mentions_an_onsite_is_not_an_interview() -> None:
    event = one_on_one("Vendor review - Acme", description="We'll host you onsite.")
    assert not detect(event, ALEX).is_interview


def test_a_coordinator_who_signs_the_invite() -> None:
    event = calendar_event(
        "Interview - Product Designer - Acme",
        description="You'll meet Jane Doe.\n\nBest,\nŁukasz Nowak\nRecruiting Coordinator",
        organizer=("lukasz.nowak@acme.com", "Łukasz Nowak"),
        guests=(guest("jane.doe@acme.com", "Jane Doe"),
                guest("lukasz.nowak@acme.com", "Łukasz Nowak")),
    )  # fmt: skip
    detection = detect(event, ALEX)
    assert (emails(detection), detection.stage) == (["jane.doe@acme.com"], "interview")


def test_a_bulleted_interviewer_list_ends_at_the_coordinators_line() -> None:
    event = calendar_event(
        "Panel Interview - Product Designer - Acme",
        description="Your interviewers:\n- Jane Doe\n- Łukasz Nowak\n"
        "Rita Ruiz (Recruiting Coordinator) is your point of contact.",
        organizer=("rita.ruiz@acme.com", "Rita Ruiz"),
        guests=(guest("jane.doe@acme.com", "Jane Doe"),
                guest("lukasz.nowak@acme.com", "Łukasz Nowak", optional=True),
                guest("rita.ruiz@acme.com", "Rita Ruiz", optional=True)),
    )  # fmt: skip
    assert emails(detect(event, ALEX)) == ["jane.doe@acme.com", "lukasz.nowak@acme.com"]


def test_names_written_surname_first() -> None:
    event = calendar_event(
        "Case interview: Acme (Business Analyst)",
        description="Interviewers: Qing Okonkwo",
        organizer=("qing@acme.com", "Qing Okonkwo"),
        guests=(guest("qing@acme.com", "Qing Okonkwo"),
                guest("hana.okonkwo@acme.com", "Okonkwo, Hana", optional=True)),
    )  # fmt: skip
    detection = detect(event, ALEX)
    assert detection.interviewers == (Person("qing@acme.com", "Qing Okonkwo"),)


def test_a_first_name_shared_with_an_absent_coordinator_names_no_one() -> None:
    event = calendar_event(
        "Recruiter Phone Screen - Uplift Learning",
        description="Coordinator: Farah Fernández, Recruiting Coordinator",
        organizer=("farah.fernandez@upliftlearning.org", "Farah Fernández"),
        guests=(guest("farah.boateng@upliftlearning.org", "Farah Boateng"),),
        organizer_listed=False,
    )
    assert emails(detect(event, ALEX)) == ["farah.boateng@upliftlearning.org"]


def test_an_intro_call_with_hidden_guests_from_a_role_mailbox() -> None:
    event = calendar_event(
        "Intro call - Made for Makers x Alex Kim",
        organizer=("recruiting@madeformakers.com", "Made for Makers Recruiting"),
    )
    detection = detect(event, ALEX)
    assert (detection.is_interview, detection.stage, detection.interviewers) == (
        True, "phone_screen", ())  # fmt: skip


def test_a_room_is_never_the_company() -> None:
    event = calendar_event(
        "Technical Interview",
        description="Role: Registered Nurse",
        organizer=("ebony@redwoodmutual.com", "Ebony Dubois"),
        guests=(guest("ebony@redwoodmutual.com", "Ebony Dubois"),
                guest("c_65b3@resource.calendar.google.com", "Redwood-HQ-2-Lima (4)",
                      resource=True)),
    )  # fmt: skip
    assert detect(event, ALEX).company == "Redwoodmutual"
