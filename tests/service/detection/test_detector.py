"""The detector, rule by rule (spec: detection.md), on hand-written events."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from providers.model import Attendee, CalendarEvent, EventKind, Person
from service.detection import Detection, Owner, detect
from tests.service.detection.builders import (
    ALEX,
    OWNER_EMAIL,
    OWNER_NAME,
    PAT,
    calendar_event,
    emails,
    guest,
    one_on_one,
)

# --- what is an interview -------------------------------------------------------------


def test_a_first_round_with_a_coordinator() -> None:
    event = calendar_event(
        "Interview: Alex Kim / Senior Data Engineer (Acme)",
        description=(
            "Hi Alex, thanks for taking the time to meet with us.\n"
            "Interviewer: Jane Doe, Engineering Manager, Data Platform\n"
            "Coordinator: Rita Ruiz, Recruiting Coordinator\n"
            "Join Zoom: https://acme.zoom.us/j/123456789"
        ),
        organizer=("rita.ruiz@acme.com", "Rita Ruiz"),
        guests=(guest("jane.doe@acme.com", "Jane Doe"),
                guest("rita.ruiz@acme.com", "Rita Ruiz", optional=True)),
    )  # fmt: skip
    detection = detect(event, ALEX)
    assert detection.is_interview
    assert detection.stage == "interview"
    assert detection.company == "Acme"
    assert detection.job_title == "Senior Data Engineer"
    assert detection.interviewers == (Person("jane.doe@acme.com", "Jane Doe"),)
    assert detection.reasons


@pytest.mark.parametrize(
    ("title", "description", "stage", "company", "job_title"),
    [
        ("Acme | Product Designer - Hiring Manager Interview", "", "interview", "Acme",
         "Product Designer"),
        ("Phone Screen: Alex Kim <> Acme", "30 minute call with our recruiter about the "
         "Site Reliability Engineer role.", "phone_screen", "Acme", "Site Reliability Engineer"),
        ("Intro call - Acme x Alex Kim", "Role: Backend Engineer", "phone_screen", "Acme",
         "Backend Engineer"),
        ("Final interview with Jane Doe (Acme)", "", "final_round", "Acme", None),
        ("Interview for Backend Engineer at Acme", "", "interview", "Acme", "Backend Engineer"),
        ("Acme Final Round Interview - Staff Software Engineer", "", "final_round", "Acme",
         "Staff Software Engineer"),
        ("Acme: second interview for Machine Learning Engineer", "", "interview", "Acme",
         "Machine Learning Engineer"),
        ("Engineering Manager Interview | Acme", "", "interview", "Acme", "Engineering Manager"),
        ("Recruiter Screen - Acme - iOS Engineer", "", "phone_screen", "Acme", "iOS Engineer"),
        ("Technical Interview - Technical Writer", "", "interview", "Acme", "Technical Writer"),
        ("Technical Interview", "Join with Google Meet: https://meet.google.com/x",
         "interview", "Acme", None),
        ("Onsite (1/3): Values - Acme - Product Designer", "", "final_round", "Acme",
         "Product Designer"),
        ("Acme Superday", "", "final_round", "Acme", None),
        ("HR call - Acme", "", "phone_screen", "Acme", None),
        ("Acme - Phone interview (Data Analyst)", "", "phone_screen", "Acme", "Data Analyst"),
        ("Panel Interview - Data Analyst - Acme", "", "panel", "Acme", "Data Analyst"),
        ("Acme Interview - Round 2 of 3 - Data Scientist", "", "interview", "Acme",
         "Data Scientist"),
        ("Virtual Onsite - Research Engineer", "Welcome to your virtual onsite with Acme "
         "Robotics!", "final_round", "Acme Robotics", "Research Engineer"),
    ],
)  # fmt: skip
def test_title_phrasings(
    title: str, description: str, stage: str, company: str, job_title: str | None
) -> None:
    detection = detect(
        one_on_one(title, email="jane.doe@acmerobotics.com"
                   if "Robotics" in description else "jane.doe@acme.com",
                   description=description),
        ALEX,
    )  # fmt: skip
    assert detection.is_interview, detection.reasons
    assert (detection.stage, detection.company, detection.job_title) == (stage, company, job_title)


def test_a_company_name_with_a_hyphenated_domain_and_words_the_rules_also_use() -> None:
    # "Research" and "Coffee" in a company's name say nothing about the meeting.
    research = one_on_one("Trey Research Interview - Data Analyst", email="a.b@treyresearch.net")
    coffee = one_on_one("Interview: Fourth Coffee (Barista)", email="a.b@fourthcoffee.com")
    wayne = one_on_one("Phone screen", email="bruce@jobs.wayne-enterprises.com", name="Bruce")
    assert detect(research, ALEX).company == "Trey Research"
    assert detect(coffee, ALEX).company == "Fourth Coffee"
    assert detect(coffee, ALEX).job_title == "Barista"
    assert detect(wayne, ALEX).company == "Wayne Enterprises"


def test_an_agency_invite_names_the_hiring_company() -> None:
    event = one_on_one(
        "Interview for Backend Engineer at Initech (via Hays)", email="tom.baker@hays.com",
        name="Tom Baker",
    )  # fmt: skip
    detection = detect(event, ALEX)
    assert detection.is_interview
    assert (detection.company, detection.job_title) == ("Initech", "Backend Engineer")


def test_a_company_name_with_a_cue_word_stays_whole() -> None:
    event = one_on_one(
        "Interview for Data Analyst - Best For You Organics", email="a.b@bestforyouorganics.com"
    )
    detection = detect(event, ALEX)
    assert (detection.company, detection.job_title) == ("Best For You Organics", "Data Analyst")


# --- not interviews -------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Interview prep: Acme system design",
        "Mock interview with Dwight",
        "Practice interview",
        "Podcast interview: The Import/Export Show",
        "Press interview with TechCrunch",
        "Media interview",
        "User interview - checkout flow",
        "Research interview: banking habits",
        "Acme Career Fair",
        "Acme Careers Info Session (campus recruiting)",
        "Recruiting event - Acme",
        "Office Hours - Acme Recruiting",
        "Webinar: how we hire at Acme",
        "Interviewer training",
        "Reference check: Sam Lee",
        "Exit interview",
        "[Hold] Interview - Michael Garcia",
        "Scorecard due: Chloe Belson",
        "Debrief: Jim Octavius (Product Designer)",
        "Coffee chat with Jane (Acme)",
        "Out of office",
        "Sync with Acme",
        "Team standup",
    ],
)
def test_negatives(title: str) -> None:
    detection = detect(one_on_one(title), ALEX)
    assert not detection.is_interview
    assert detection == Detection(False, reasons=detection.reasons)
    assert detection.reasons


def test_a_podcast_sent_by_a_press_mailbox_is_not_a_job_interview() -> None:
    event = one_on_one("Interview with The Daily", email="producer@thedaily.fm", name="Sam")
    assert not detect(event, ALEX).is_interview


def test_coffee_chats_count_only_when_they_name_an_interview_or_a_role() -> None:
    assert detect(one_on_one("Coffee chat with Jane (Acme) - Data Analyst role"), ALEX).is_interview
    assert detect(
        one_on_one("Coffee with Jane", description="Informal screen for the Data Analyst role"),
        ALEX,
    ).is_interview
    assert not detect(one_on_one("Coffee with Jane"), ALEX).is_interview


def test_cancelled_declined_all_day_and_status_blocks() -> None:
    title = "Interview with Acme - Backend Engineer"
    assert detect(one_on_one(title), ALEX).is_interview
    assert detect(one_on_one(title, status="cancelled"), ALEX).reasons == ("cancelled",)
    assert not detect(one_on_one(title, owner_response="declined"), ALEX).is_interview
    assert not detect(one_on_one(title, all_day=True), ALEX).is_interview
    kinds: tuple[EventKind, ...] = ("outOfOffice", "focusTime", "workingLocation")
    for kind in kinds:
        assert not detect(one_on_one(title, kind=kind), ALEX).is_interview
    tentative = detect(one_on_one(title, owner_response="tentative"), ALEX)
    assert tentative.is_interview


def test_the_graph_owner_response_overrides_the_attendee_entry() -> None:
    event = replace(one_on_one("Interview with Acme", owner_response="needsAction"),
                    owner_response="declined")  # fmt: skip
    assert not detect(event, ALEX).is_interview


# --- hiring side ----------------------------------------------------------------------


def test_the_owners_own_domain_on_the_company_side_is_the_hiring_side() -> None:
    event = calendar_event(
        "Interview: Mateo Lindqvist for Product Designer",
        description="Candidate: Mateo Lindqvist",
        organizer=("recruiting@vandelay.com", "Recruiting"),
        guests=(guest("ingrid.octavius@vandelay.com", "Ingrid Octavius"),
                guest("mateo.lindqvist@gmail.com", "Mateo Lindqvist")),
        owner_email=PAT.email, owner_name=PAT.name,
    )  # fmt: skip
    detection = detect(event, PAT)
    assert not detection.is_interview
    assert "hiring side" in detection.reasons[0]


def test_an_owner_organised_interview_with_a_candidate_is_the_hiring_side() -> None:
    event = calendar_event(
        "Interview with Pepper Alvarez",
        description="Candidate interview for the Engineering Manager opening.",
        organizer=(PAT.email, PAT.name),
        guests=(guest("pepper.alvarez@gmail.com", "Pepper Alvarez"),),
        owner_email=PAT.email, owner_name=PAT.name,
    )  # fmt: skip
    assert not detect(event, PAT).is_interview
    without_description = replace(event, description="")
    assert not detect(without_description, PAT).is_interview


def test_a_scheduling_system_invite_naming_another_candidate_is_the_hiring_side() -> None:
    event = calendar_event(
        "Interview: Jane Roe for Backend Engineer",
        organizer=("no-reply@greenhouse.io", "Greenhouse"),
        guests=(guest("jane.roe@gmail.com", "Jane Roe"),),
        owner_email=PAT.email, owner_name=PAT.name,
    )  # fmt: skip
    assert not detect(event, PAT).is_interview


def test_a_corporate_owner_can_still_be_a_candidate_elsewhere() -> None:
    event = one_on_one("Interview with Acme - Backend Engineer", owner_email=PAT.email,
                       owner_name=PAT.name)  # fmt: skip
    assert detect(event, PAT).is_interview


def test_a_public_domain_owner_shares_no_company_with_gmail_interviewers() -> None:
    event = one_on_one("Interview - Nanny position", email="mom.smith@gmail.com", name="Mo")
    detection = detect(event, ALEX)
    assert detection.is_interview
    assert detection.company is None and detection.job_title == "Nanny"


# --- no one else on it ----------------------------------------------------------------


def test_a_reminder_the_owner_made_is_not_an_interview() -> None:
    event = calendar_event("Interview w/ Monarch Solutions", organizer=(OWNER_EMAIL, OWNER_NAME))
    assert detect(event, ALEX).reasons == ("no one else is on it",)


def test_hidden_guests_sent_by_a_company_naming_a_stage_is_an_interview() -> None:
    event = calendar_event(
        "Rekall - Technical Interview (Operations Analyst)",
        description="Your interview is confirmed.\n\nInterviewers\n\nOtto Schrute\n\n"
        "Jim Mensah\n\nPowered by GoodTime",
        organizer=("recruiting@rekall.com", "Rekall Recruiting"),
    )
    detection = detect(event, ALEX)
    assert detection.is_interview
    assert detection.interviewers == ()
    assert (detection.stage, detection.company, detection.job_title) == (
        "interview",
        "Rekall",
        "Operations Analyst",
    )


def test_hidden_guests_from_a_scheduling_system_writing_as_the_company() -> None:
    event = calendar_event(
        "Technical Interview (Data Engineer)", organizer=("no-reply@ashbyhq.com", "Hooli")
    )
    detection = detect(event, ALEX)
    assert detection.is_interview and detection.company == "Hooli"
    unnamed = calendar_event("Interview", organizer=("no-reply@ashbyhq.com", "Scheduling"))
    assert not detect(unnamed, ALEX).is_interview


def test_an_event_without_guests_and_no_stage_or_role_is_not_an_interview() -> None:
    event = calendar_event("Office visit", organizer=("recruiting@rekall.com", "Rekall"))
    assert not detect(event, ALEX).is_interview


# --- interviewers ---------------------------------------------------------------------


def test_rooms_systems_role_mailboxes_and_coordinators_are_not_interviewers() -> None:
    event = calendar_event(
        "Panel Interview - Backend Engineer - Initech",
        description="Panel: Tom Becker, Priya Nair, Olu Adeyemi\n"
        "Coordinator: Lena Vogel, Recruiting Coordinator",
        organizer=("lena.vogel@initech.io", "Lena Vogel"),
        guests=(
            guest("tom.becker@initech.io", "Tom Becker"),
            guest("priya.nair@initech.io", "Priya Nair"),
            guest("olu.adeyemi@initech.io", None, optional=True),
            guest("lena.vogel@initech.io", "Lena Vogel"),
            guest("c_188a@resource.calendar.google.com", "MAD-3-Atlas (8)", resource=True),
            guest("room-2@initech.io", "Room 2"),
            guest("no-reply@greenhouse.io", "Greenhouse"),
            guest("recruiting@initech.io", "Initech Recruiting"),
            guest("jobs@initech.io"),
            guest("scheduler@goodtime.io", "GoodTime"),
        ),
    )
    detection = detect(event, ALEX)
    assert emails(detection) == [
        "olu.adeyemi@initech.io",
        "priya.nair@initech.io",
        "tom.becker@initech.io",
    ]
    assert detection.stage == "panel"
    names = {p.email: p.name for p in detection.interviewers}
    assert names["olu.adeyemi@initech.io"] == "Olu Adeyemi"  # read from the address


def test_an_optional_guest_not_named_as_interviewer_is_left_out() -> None:
    event = calendar_event(
        "Interview with Acme",
        organizer=("jane.doe@acme.com", "Jane Doe"),
        guests=(guest("jane.doe@acme.com", "Jane Doe"), guest("sam.lee@acme.com", "Sam Lee",
                                                              optional=True)),
    )  # fmt: skip
    assert emails(detect(event, ALEX)) == ["jane.doe@acme.com"]


def test_the_organizer_counts_only_as_an_attendee_else_as_the_last_resort() -> None:
    listed = calendar_event(
        "Interview with Acme", organizer=("jane.doe@acme.com", "Jane Doe"),
        guests=(guest("jane.doe@acme.com", "Jane Doe"), guest("sam.lee@acme.com", "Sam Lee")),
    )  # fmt: skip
    assert emails(detect(listed, ALEX)) == ["jane.doe@acme.com", "sam.lee@acme.com"]
    unlisted = calendar_event(
        "Interview with Acme", organizer=("jane.doe@acme.com", "Jane Doe"),
        guests=(guest("jane.doe@acme.com", "Jane Doe"), guest("sam.lee@acme.com", "Sam Lee")),
        organizer_listed=False,
    )  # fmt: skip
    assert emails(detect(unlisted, ALEX)) == ["sam.lee@acme.com"]
    alone = one_on_one("Recruiter screen - Acme", organizer_listed=False)
    assert emails(detect(alone, ALEX)) == ["jane.doe@acme.com"]
    role = calendar_event("Interview - Acme - Data Analyst", organizer=("talent@acme.com", "T"),
                          guests=(guest("jane.doe@acme.com", "Jane Doe"),))  # fmt: skip
    assert emails(detect(role, ALEX)) == ["jane.doe@acme.com"]


def test_names_come_from_the_address_when_the_event_has_none() -> None:
    detection = detect(one_on_one("Interview with Acme", email="rachael@tyrell.com", name=None),
                       ALEX)  # fmt: skip
    assert detection.interviewers == (Person("rachael@tyrell.com", "Rachael"),)


def test_two_interviewers_make_a_panel_but_a_final_round_stays_final() -> None:
    two = (guest("jane.doe@acme.com", "Jane Doe"), guest("sam.lee@acme.com", "Sam Lee"))
    panel = calendar_event("Interview - Data Analyst - Acme", organizer=("jane.doe@acme.com",
                           "Jane Doe"), guests=two)  # fmt: skip
    final = calendar_event("Acme Final Round Interview", organizer=("jane.doe@acme.com",
                           "Jane Doe"), guests=two)  # fmt: skip
    assert detect(panel, ALEX).stage == "panel"
    assert detect(final, ALEX).stage == "final_round"


def test_share_your_screen_is_not_a_screen() -> None:
    event = one_on_one(
        "Acme - Technical Interview (Data Analyst)",
        description="We'll use CoderPad, so please be ready to share your screen.",
    )
    assert detect(event, ALEX).stage == "interview"


# --- hostile input --------------------------------------------------------------------


def test_huge_and_strange_fields_do_not_crash() -> None:
    event = one_on_one(
        "Interview " + "Ω∑ <script>alert(1)</script> " * 2000,
        description=("Role: " + "x" * 50_000 + "\n") * 3,
        email="j@" + "a" * 200 + ".com",
        name="\u202e" + "N" * 500,
    )
    detection = detect(event, ALEX)
    assert isinstance(detection, Detection)


def test_an_event_without_owner_entry_organizer_or_title_is_not_an_interview() -> None:
    bare = calendar_event("", owner_listed=False)
    assert not detect(bare, ALEX).is_interview
    assert not detect(bare, Owner("", None)).is_interview


_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]), max_size=80
) | st.sampled_from(
    ["Interview", "Phone screen - Acme", "Final round: Acme (Engineer)", "Coffee chat",
     "Interview for Engineer at Acme (via Hays)", "Role: Engineer", "Candidate: Jo",
     "Interviewers\n\nJo Lo\n\nAna Li", "Coordinator: Jo Lo"]
)  # fmt: skip
_addresses = st.sampled_from(
    ["jane.doe@acme.com", "no-reply@greenhouse.io", "recruiting@acme.com", "x@gmail.com",
     "c_1@resource.calendar.google.com", OWNER_EMAIL, "@", "odd", "a@b"]
)  # fmt: skip
_attendees = st.builds(
    Attendee,
    email=_addresses,
    name=st.none() | _text,
    response=st.sampled_from(["accepted", "declined", "tentative", "needsAction"]),
    optional=st.booleans(),
    resource=st.booleans(),
    is_self=st.booleans(),
    is_organizer=st.booleans(),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_text,
    description=_text,
    organizer=st.none() | st.builds(Person, email=_addresses, name=st.none() | _text),
    attendees=st.lists(_attendees, max_size=5),
    owner_name=st.none() | _text,
)
def test_any_event_gets_an_answer(
    title: str,
    description: str,
    organizer: Person | None,
    attendees: list[Attendee],
    owner_name: str | None,
) -> None:
    event = replace(
        calendar_event("x"), title=title, description=description, organizer=organizer,
        attendees=tuple(attendees),
    )  # fmt: skip
    detection = detect(event, Owner(OWNER_EMAIL, owner_name))
    if detection.is_interview:
        assert detection.stage in ("phone_screen", "interview", "panel", "final_round")
        assert all(p.email != OWNER_EMAIL for p in detection.interviewers)
    else:
        assert detection.stage is None and detection.interviewers == ()


def test_detection_is_a_frozen_value() -> None:
    detection = detect(one_on_one("Interview with Acme"), ALEX)
    with pytest.raises(AttributeError):
        detection.is_interview = False  # type: ignore[misc]
    assert isinstance(detection.interviewers, tuple) and isinstance(detection.reasons, tuple)
    assert isinstance(CalendarEvent, type)
