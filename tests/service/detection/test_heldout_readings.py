"""Readings of spec/detection.md that the held-out calendars called for: agencies that send
for a client, a role's own words after a dash, requisition ids and inclusive endings, short
and acronym brands, role mailboxes and coordinators in the owners' languages, an
interview for a publication, and whose answer the owner's is."""

from __future__ import annotations

import pytest

from providers.model import Attendee
from service.detection import Owner, detect
from service.detection.company import read_company_and_role, sender_company
from service.detection.domains import is_agency_domain, is_role_address
from service.detection.roles import is_role_like
from tests.service.detection.builders import ALEX, calendar_event, emails, guest, one_on_one

# --- agencies ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "domains", "company", "job_title"),
    [("Robert Half – Interview at Bupa – Contract Analytics Engineer",
      ["bupa.com", "roberthalf.co.uk"], "Bupa", "Contract Analytics Engineer"),
     ("Michael Page: 1st stage interview – Lloyds Banking Group – Data Platform Lead",
      ["lloydsbanking.com", "michaelpage.co.uk"], "Lloyds Banking Group", "Data Platform Lead"),
     ("Harnham | Introductory call re: Lead Data Engineer role at Deliveroo",
      ["harnham.com"], "Deliveroo", "Lead Data Engineer"),
     ("Telefonat: SAP FI/CO Berater (m/w/d) für Munich Re – Hays", ["hays.de"], "Munich Re",
      "SAP FI/CO Berater"),
     ("Entrevista EDP – Controller Financeiro | Michael Page Portugal",
      ["edp.com", "michaelpage.pt"], "EDP", "Controller Financeiro"),
     # an agency's own call, no client named: the agency
     ("Hays | Call about your application", ["hays.co.uk"], "Hays", None)],
)  # fmt: skip
def test_the_client_an_agency_invite_names_is_the_company(
    title: str, domains: list[str], company: str, job_title: str | None
) -> None:
    reading = read_company_and_role(title, "", domains, [], ["Tom Hughes"])
    assert (reading.company, reading.job_title) == (company, job_title)


def test_agencies_by_the_name_in_their_domains() -> None:
    assert is_agency_domain("hays.co.uk") and is_agency_domain("mail.michaelpage.fr")
    assert is_agency_domain("reed.co.uk") and not is_agency_domain("reed-smith.com")
    assert not is_agency_domain("acme.com")


def test_a_client_named_in_an_agency_description() -> None:
    reading = read_company_and_role(
        "Interview – Senior Data Engineer", "Arranged by Rachel Green, Hays, on behalf of "
        "Monzo.", ["hays.co.uk"], [], ["Rachel Green"])
    assert reading.company == "Monzo"


@pytest.mark.parametrize(
    "note",
    ["Termin vereinbart durch Markus Braun (Hays).", "Cita gestionada por Markus Braun (Hays).",
     "Arranged by Markus Braun, Hays."],
)
def test_the_agency_consultant_who_scheduled_it_is_a_coordinator(note: str) -> None:
    event = calendar_event(
        "Vorstellungsgespräch bei Munich Re (über Hays) – Controller (m/w/d)",
        description=note,
        organizer=("markus.braun@hays.de", "Markus Braun"),
        guests=(guest("markus.braun@hays.de", "Markus Braun"),
                guest("kvogel@munichre.com", "Dr. Katrin Vogel")),
    )
    detection = detect(event, ALEX)
    assert detection.is_interview and detection.company == "Munich Re"
    assert emails(detection) == ["kvogel@munichre.com"]
    assert detection.stage == "interview"


# --- job titles --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "job_title"),
    [("Revolut | Backend Engineer - Java | Technical Interview", "Backend Engineer - Java"),
     ("Technical Interview (CoderPad) – Senior Software Engineer - Process Mining | Celonis",
      "Senior Software Engineer - Process Mining"),
     ("Datadog Virtual Onsite – Software Engineer - New Grad", "Software Engineer - New Grad"),
     # a name, a stage or the company after the dash is not the role's
     ("Interview: Backend Engineer - Jane Doe", "Backend Engineer"),
     ("Acme | Product Designer - Hiring Manager Interview", "Product Designer"),
     ("Backend Engineer - Acme", "Backend Engineer"),
     ("R-33412 Analista de Riesgos - Entrevista telefónica", "Analista de Riesgos"),
     ("Entretien téléphonique – Chargé(e) d'affaires réglementaires (H/F)",
      "Chargé(e) d'affaires réglementaires"),
     ("Karat Interview for Faire – Engineering Manager, Payments",
      "Engineering Manager, Payments")],
)  # fmt: skip
def test_job_titles(title: str, job_title: str) -> None:
    reading = read_company_and_role(title, "", ["acme.com"], [], ["Jane Doe", "Alex Kim"])
    assert reading.job_title == job_title


def test_a_described_role_keeps_its_words_after_a_dash() -> None:
    reading = read_company_and_role(
        "Recruiter Screen", "Looking forward to our chat about the Senior Software Engineer - "
        "Process Mining role at Celonis!", ["celonis.com"], [], [])
    assert (reading.company, reading.job_title) == (
        "Celonis", "Senior Software Engineer - Process Mining")
    assert is_role_like("Backend Engineer - Java") and not is_role_like("Backend - Java")


# --- companies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "description", "domains", "senders", "company"),
    [("Interview – Senior Data Engineer (Req 58213) – BT Group", "", ["bt.com"], [],
      "BT Group"),
     ("YOOX NET-A-PORTER | Data Engineer | Hiring Manager Interview", "", ["ynap.com"], [],
      "YOOX NET-A-PORTER"),
     ("Entretien de recrutement - Gestionnaire sinistres", "", ["apicil.com"],
      [("Recrutement Apicil", True)], "Apicil"),
     ("Telefonisches Erstgespräch – Product Analyst", "Vielen Dank für deine Bewerbung bei "
      "FlixBus!", ["flix.com"], [], "FlixBus"),
     ("Phone interview", "Invitation from Google Calendar: https://calendar.google.com/",
      ["acme.com"], [], "Acme")],
)  # fmt: skip
def test_companies(
    title: str, description: str, domains: list[str], senders: list[tuple[str, bool]],
    company: str,
) -> None:
    reading = read_company_and_role(title, description, domains, senders, ["Lena Hoffmann"])
    assert reading.company == company


def test_sender_words_before_the_company() -> None:
    assert sender_company("Talent Acquisition Pirelli") == "Pirelli"
    assert sender_company("Recrutement Apicil", from_system=True) == "Apicil"


# --- people ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "role"),
    [("recrutement@biomerieux.com", True), ("recrutamento@criticalsoftware.com", True),
     ("Bewerbungen-SWM@swm.de", True), ("SkyCareers@sky.uk", True),
     ("RecrutementApicil@apicil.com", True), ("rrhh@ulabox.com", True),
     ("priyanka.nair@celonis.com", False), ("karen.carrington@acme.com", False)],
)  # fmt: skip
def test_role_mailboxes_in_the_owners_languages(address: str, role: bool) -> None:
    assert is_role_address(address) is role


def test_the_self_attendee_answers_for_the_owner() -> None:
    """A forwarded copy: the owner's personal address is still invited (no answer), the
    calendar's own address declined: the owner declined it."""
    owner = Owner("priya.raman@maplecart.ca", "Priya Raman", ("priya.raman@gmail.com",))
    event = calendar_event(
        "Shopify – Technical Deep Dive – Director of Engineering",
        organizer=("tyler.brooks@shopify.com", "Tyler Brooks"),
        guests=(guest("tyler.brooks@shopify.com", "Tyler Brooks"),),
        owner_listed=False,
    )
    attendees = (Attendee("priya.raman@gmail.com", None, "needsAction"),
                 *event.attendees,
                 Attendee("priya.raman@maplecart.ca", "Priya Raman", "declined", is_self=True))
    declined = detect(type(event)(**{**event.__dict__, "attendees": attendees}), owner)
    assert not declined.is_interview


# --- not interviews ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["Entrevista para La Vanguardia: mujeres en tech", "Interview pour Le Progrès – startups",
     "Interview met Het Parool", "Interview mit der Süddeutschen Zeitung",
     "Entrevista à Rádio Observador", "Exit-Interview", "Entrevista de salida – RRHH",
     "Nutzerinterview – App (Research)", "Informational interview – Data team at Wise",
     "Entrevista informativa con Pau (networking)", "Housing association interview – Peabody",
     "Vorstellungsgespräch – Wohnungsgenossenschaft Isarwinkel eG",
     "Atelier CV & entretien – France Travail", "Colloquio con la maestra di Sofia"],
)  # fmt: skip
def test_interviews_in_another_sense(title: str) -> None:
    assert not detect(one_on_one(title, email="clara.roth@example-news.com",
                                 name="Clara Roth"), ALEX).is_interview


@pytest.mark.parametrize(
    "title",
    ["Interview for Backend Engineer at Acme", "Entrevista con Glovo",
     "Vorstellungsgespräch – Redakteur (m/w/d) – Süddeutsche Zeitung",
     "Interview with The Trade Desk – Account Manager"],
)
def test_still_job_interviews(title: str) -> None:
    assert detect(one_on_one(title), ALEX).is_interview


@pytest.mark.parametrize(
    ("title", "stage"),
    [("Kennenlernen: Lena x Forto – Founding Engineer", "phone_screen"),
     ("Primo colloquio telefonico – Data Analyst – Satispay", "phone_screen"),
     ("Colloquio finale – Data Analyst (Satispay)", "final_round"),
     ("Telefonisch interview – Data Analyst – Picnic", "phone_screen"),
     ("Eindgesprek – Java Engineer – Adyen", "final_round"),
     ("Sollicitatiegesprek Adyen – Java Engineer", "interview")],
)
def test_stages_in_more_languages(title: str, stage: str) -> None:
    detection = detect(one_on_one(title), ALEX)
    assert detection.is_interview and detection.stage == stage


# --- found on the two personas written after the first round -------------------------------


@pytest.mark.parametrize(
    ("title", "domain", "job_title"),
    [("Entrevista - Desenvolvedor(a) Backend Sênior - iFood", "ifood.com.br",
      "Desenvolvedor(a) Backend Sênior"),
     ("Vorstellungsgespräch – Data Scientist 80-100% (w/m/d) – Roche", "roche.com",
      "Data Scientist"),
     ("Controller (100 %) – Stadt Zürich", "stadt-zuerich.ch", "Controller")],
)  # fmt: skip
def test_inclusive_endings_and_workloads(title: str, domain: str, job_title: str) -> None:
    reading = read_company_and_role(title, "", [domain], [], [])
    assert reading.job_title == job_title


def test_a_domain_spells_out_umlauts() -> None:
    reading = read_company_and_role("Interview bei Zühlke – Software Engineer", "",
                                    ["zuehlke.com"], [], [])
    assert (reading.company, reading.job_title) == ("Zühlke", "Software Engineer")


def test_a_candidate_calendar_names_its_company_even_a_tools_name() -> None:
    assert sender_company("Google Candidate Calendar", from_system=True) == "Google"
    assert sender_company("Greenhouse Scheduling", from_system=True) is None
    assert sender_company("Zoom", from_system=True) is None


def test_the_company_a_role_is_followed_by_is_no_specialty() -> None:
    reading = read_company_and_role(
        "Entrevista final – Analista de Dados Pleno – Nubank", "", [],
        [("Nubank Candidate Calendar", True)], [])
    assert (reading.company, reading.job_title) == ("Nubank", "Analista de Dados Pleno")


def test_brackets_after_a_first_name_met_with_name_the_company() -> None:
    event = one_on_one("Papo com a Luiza (Magalu) sobre a vaga de Tech Lead",
                       email="luiza.campos@magazineluiza.com.br", name="Luiza Campos")
    detection = detect(event, ALEX)
    assert detection.is_interview
    assert (detection.company, detection.job_title) == ("Magalu", "Tech Lead")


def test_a_chat_with_recruiting_is_a_screen() -> None:
    detection = detect(one_on_one("Bate-papo com Recrutamento – Analista de Dados | Nubank",
                                  email="carolina.alves@nubank.com.br"), ALEX)
    assert detection.is_interview and detection.stage == "phone_screen"


def test_thanks_for_scheduling_names_no_coordinator() -> None:
    from service.detection.people import people_in_description

    thanks = people_in_description("Thank you for scheduling your phone screen for the "
                                   "Senior Director, Data Platforms position at RBC.")
    assert thanks.coordinator_text == "" and thanks.names == ()
    assert "jane" in people_in_description("For scheduling, contact Jane Doe.").coordinator_text
