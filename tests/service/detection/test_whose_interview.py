"""Whose interview it is, the owner's other addresses, agencies, interviewing services,
booking pages and hidden guests (spec: detection.md), and the company side detection
works out for policy and sync."""

from __future__ import annotations

from service.detection import CompanySide, Detection, Owner, company_side, detect
from tests.service.detection.builders import (
    ALEX,
    OWNER_EMAIL,
    PAT,
    calendar_event,
    emails,
    guest,
    one_on_one,
)

KIT = "Interview kit: https://app.greenhouse.io/guides/4411\nPlease submit your feedback form."


def _rules(detection: Detection) -> list[str]:
    return [rule for rule, _ in detection.trace]


# --- whose interview it is ---------------------------------------------------------------


def test_an_interviewers_event_the_candidate_was_added_to_is_the_candidates_interview() -> None:
    event = calendar_event(
        "Technical Interview - Alex Kim (Platform Engineer)",
        description=KIT,
        organizer=("coord@tessellate.io", "Mia Coord"),
        guests=(guest("ravi.shah@tessellate.io", "Ravi Shah"),
                guest("tessellate@scheduling.greenhouse.io", "Greenhouse")),
    )  # fmt: skip
    detection = detect(event, ALEX)
    assert detection.is_interview, detection.trace
    assert emails(detection) == ["ravi.shah@tessellate.io"]
    assert detection.job_title == "Platform Engineer"


def test_the_same_event_naming_someone_else_is_for_interviewers() -> None:
    event = calendar_event(
        "Technical Interview - Jo Park (Platform Engineer)",
        description=KIT + "\nCandidate: Jo Park",
        organizer=("coord@tessellate.io", "Mia Coord"),
        guests=(guest("ravi.shah@tessellate.io", "Ravi Shah"),),
    )  # fmt: skip
    assert not detect(event, ALEX).is_interview


def test_an_agency_recruiter_presenting_a_candidate_is_the_hiring_side() -> None:
    recruiter = Owner("sam.bell@talentbridge.co.uk", "Sam Bell")
    event = calendar_event(
        "Client interview - Tessellate / Jo Park",
        description="Candidate: Jo Park\nInterviewers: Ravi Shah",
        organizer=(recruiter.email, recruiter.name),
        guests=(guest("ravi.shah@tessellate.io", "Ravi Shah"), guest("jo.park@gmail.com")),
        owner_email=recruiter.email, owner_name=recruiter.name,
    )  # fmt: skip
    assert not detect(event, recruiter).is_interview


# --- the owner's other addresses -------------------------------------------------------


def test_the_owners_plus_address_is_the_owner() -> None:
    event = calendar_event(
        "Interview - Tessellate - Platform Engineer",
        organizer=("ravi.shah@tessellate.io", "Ravi Shah"),
        guests=(guest("ravi.shah@tessellate.io", "Ravi Shah"),
                guest("alex.kim+jobs@gmail.com", "Alex Kim")),
        owner_listed=False,
    )  # fmt: skip
    detection = detect(event, ALEX)
    assert emails(detection) == ["ravi.shah@tessellate.io"]
    assert "alex.kim+jobs@gmail.com" not in detection.company_side.addresses


def test_an_address_the_owner_lists_is_the_owner() -> None:
    forwarded = calendar_event(
        "FW: Interview - Tessellate - Platform Engineer",
        organizer=("ravi.shah@tessellate.io", "Ravi Shah"),
        guests=(guest("ravi.shah@tessellate.io", "Ravi Shah"),
                guest("alex.personal@hotmail.com", "Alex Kim")),
    )  # fmt: skip
    unlisted = detect(forwarded, ALEX)
    listed = detect(forwarded, Owner(OWNER_EMAIL, "Alex Kim", ("Alex.Personal@hotmail.com",)))
    assert emails(unlisted) == ["alex.personal@hotmail.com", "ravi.shah@tessellate.io"]
    assert emails(listed) == ["ravi.shah@tessellate.io"]
    assert listed.job_title == "Platform Engineer"


# --- agencies, interviewing services, booking pages, hidden guests -----------------------


def test_an_agency_consultant_who_scheduled_it_is_a_coordinator() -> None:
    event = calendar_event(
        "Interview at Tessellate - Platform Engineer (via Hays)",
        description="Interviewers: Ravi Shah\nScheduled by Emma Clarke, Hays",
        organizer=("emma.clarke@hays.com", "Emma Clarke"),
        guests=(guest("ravi.shah@tessellate.io", "Ravi Shah"),
                guest("emma.clarke@hays.com", "Emma Clarke")),
    )  # fmt: skip
    detection = detect(event, ALEX)
    assert (detection.company, detection.job_title) == ("Tessellate", "Platform Engineer")
    assert emails(detection) == ["ravi.shah@tessellate.io"]


def test_an_interviewing_service_interviews_for_its_client() -> None:
    event = calendar_event(
        "Karat Technical Interview: Tessellate - Platform Engineer",
        organizer=("scheduling@karat.com", "Karat Scheduling"),
        guests=(guest("lee.wong@karat.com", "Lee Wong"),),
    )  # fmt: skip
    detection = detect(event, ALEX)
    assert detection.is_interview, detection.trace
    assert (detection.company, detection.job_title) == ("Tessellate", "Platform Engineer")
    assert emails(detection) == ["lee.wong@karat.com"]
    assert not detection.company_side.contains("lee.wong@karat.com")  # never the company


def test_a_booking_page_title_names_the_team_not_between_and() -> None:
    event = one_on_one("Intro Call between Tessellate Talent and Alex Kim",
                       email="ravi.shah@tessellate.io", name="Ravi Shah")  # fmt: skip
    detection = detect(event, ALEX)
    assert (detection.stage, detection.company) == ("phone_screen", "Tessellate")


def test_a_calendly_title_of_names_reads_the_event_name() -> None:
    event = one_on_one("Alex Kim and Ravi Shah", email="ravi.shah@tessellate.io",
                       name="Ravi Shah",
                       description="Event Name: Phone Screen - Tessellate\nPowered by Calendly.com")
    detection = detect(event, ALEX)  # fmt: skip
    assert (detection.is_interview, detection.stage, detection.company) == (
        True, "phone_screen", "Tessellate")  # fmt: skip


def test_a_shared_candidate_calendar_hiding_the_guests() -> None:
    event = calendar_event(
        "Tessellate - Virtual Onsite - Platform Engineer",
        organizer=("c_9f1@group.calendar.google.com", "Tessellate Candidate Interviews"),
    )
    detection = detect(event, ALEX)
    assert detection.is_interview, detection.trace
    assert (detection.stage, detection.interviewers) == ("final_round", ())
    assert "hidden-guests" in _rules(detection)


def test_job_titles_keep_their_words_and_lose_their_markers() -> None:
    def job(title: str) -> str | None:
        return detect(one_on_one(title, email="ravi.shah@tessellate.io"), ALEX).job_title

    assert job("Tessellate | Software Engineer - Infrastructure | Phone Screen") == (
        "Software Engineer - Infrastructure")  # fmt: skip
    assert job("Interview: Head of Platform Engineering - Tessellate") == (
        "Head of Platform Engineering")  # fmt: skip
    assert job("Executive Interview - Tessellate") is None
    assert job("Vorstellungsgespräch: Werkstudent Marketing (w/m/d) bei Tessellate") == (
        "Werkstudent Marketing")  # fmt: skip
    assert job("Technical Interview (CoderPad) - Tessellate - Data Engineer") == "Data Engineer"


# --- the company side ------------------------------------------------------------------


def test_the_company_side_goes_by_registrable_domain() -> None:
    event = calendar_event(
        "Panel Interview - Tessellate",
        organizer=("mia@tessellate.io", "Mia Coord"),
        guests=(guest("ravi.shah@eng.tessellate.io", "Ravi Shah"),
                guest("sue.lo@gmail.com", "Sue Lo"),
                guest("c_1@resource.calendar.google.com", "Room 4", resource=True),
                guest("no-reply@greenhouse.io", "Greenhouse")),
    )  # fmt: skip
    side = detect(event, ALEX).company_side
    assert side.domains == frozenset({"tessellate.io"})
    assert side.contains("anyone@jobs.tessellate.io")
    assert side.contains("RAVI.SHAH@ENG.tessellate.io")
    assert side.contains("sue.lo@gmail.com") and not side.contains("bob@gmail.com")
    assert not side.contains("x@greenhouse.io") and not side.contains(OWNER_EMAIL)
    assert side.is_person("ravi.shah@eng.tessellate.io")
    assert not side.is_person("jobs@tessellate.io")


def test_the_owners_domain_counts_by_address_only() -> None:
    side = company_side(["pat.morgan@vandelay.com", "art@vandelay.com", "cosmo@kramerica.com"],
                        PAT)  # fmt: skip
    assert side.domains == frozenset({"kramerica.com"})
    assert side.contains("art@vandelay.com") and not side.contains("george@vandelay.com")


def test_the_company_side_is_stored_as_json_and_read_back() -> None:
    side = company_side(["ravi.shah@tessellate.io", "sue.lo@gmail.com"], ALEX)
    assert CompanySide.from_json(side.to_json()) == side
    assert CompanySide.from_json(None) is None
    assert CompanySide.from_json({"domains": "x"}) is None
