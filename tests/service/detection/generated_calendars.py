"""Labelled calendars for testing that interview detection generalises.

Built from spec/detection.md alone, with names, companies and phrasings of its own (none
taken from the detector's tables), in the two wire forms the detector reads: a Google
Calendar v3 ``events.list`` response and a Microsoft Graph v1.0 events response, plus a labels
document in the scorer's shape (``me``, ``name``, ``labels``, ``graph_ids``).

Every event is drawn from a template whose label follows the spec's words; templates that the
spec leaves open to two readings are left out rather than guessed.

``python -m tests.service.detection.generated_calendars OUT_DIR`` writes the files.
"""

from __future__ import annotations

import html
import json
import random
import sys
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

Json = dict[str, Any]

# --------------------------------------------------------------------------- the world


@dataclass(frozen=True)
class Company:
    name: str
    domain: str  # the registrable domain its people write from
    mail_host: str = ""  # a subdomain its recruiting mail comes from, when it has one

    @property
    def derived_name(self) -> str:
        """The spec's fallback: registrable name, hyphens as spaces, words capitalised."""
        label = self.domain.split(".")[0]
        return " ".join(word.capitalize() for word in label.split("-"))

    @property
    def recruiting_host(self) -> str:
        return self.mail_host or self.domain


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    show_name: bool = True  # the invite carries a display name
    display: str = ""  # the display name when it is not ``name`` ("Doe, Jane")

    @property
    def first(self) -> str:
        return self.name.split()[0]

    @property
    def shown(self) -> str:
        return self.display or self.name


@dataclass(frozen=True)
class Persona:
    key: str
    owner: Person
    zone: str
    employer: Company | None  # set for an owner who writes from a company domain
    seed: int


COMPANIES: tuple[Company, ...] = (
    Company("Umbral Health", "umbralhealth.com"),
    Company("Brightwater Analytics", "brightwater.co.uk"),
    Company("Northwind Traders", "northwind-traders.com"),
    Company("Acme Corp", "acme-corp.io", "jobs.acme-corp.io"),
    Company("Kestrel Robotics", "kestrelrobotics.de"),
    Company("Bluefin Capital", "bluefincapital.com.au"),
    Company("Lumen & Lark", "lumenlark.com"),
    Company("Orbital Foods", "orbital-foods.com"),
    Company("Pinecrest Health Systems", "pinecresthealth.org"),
    Company("Quantix", "quantix.ai"),
    Company("Redwood Mutual", "redwoodmutual.com"),
    Company("Tidewater Logistics", "tidewater-logistics.co.uk"),
    Company("Uplift Learning", "upliftlearning.org"),
    Company("Vireo Labs", "vireolabs.io", "careers.vireolabs.io"),
    Company("Zürich Mobility", "zurichmobility.ch"),
    Company("Café Nube", "cafenube.es"),
    Company("Hold Brothers", "holdbrothers.com"),
    Company("Mosaic Health", "mosaichealth.com"),
    Company("Ferro Motors", "ferromotors.it"),
    Company("Gannet Media Group", "gannetmedia.co.nz"),
    Company("Ironbark Mining", "ironbark.com.au"),
    Company("Larkspur Insurance", "larkspur-insurance.com"),
    Company("Meridian Bank", "meridianbank.co.uk", "talent.meridianbank.co.uk"),
    Company("Nimbus Cloud", "nimbuscloud.io"),
    Company("Oakridge Partners", "oakridgepartners.com"),
    Company("Polar Bear Games", "polarbeargames.com"),
    Company("Sable & Stone", "sablestone.com"),
    Company("Verdant Energy", "verdant-energy.de"),
    Company("Wildflower Studios", "wildflowerstudios.tv"),
    Company("Copperleaf Software", "copperleaf.io"),
    Company("Yarrow Bank", "yarrowbank.com"),
    Company("Sørlandet Kraft", "sorlandet-kraft.no"),
    Company("Halvorsen & Diaz", "halvorsen-diaz.com"),
    Company("Tandem Freight", "tandemfreight.com"),
    Company("Bank of Avalon", "bankofavalon.com"),
    Company("Stone and Field", "stoneandfield.com"),
    Company("Studio 42", "studio42.com"),
    Company("Made for Makers", "madeformakers.com"),
    Company("Garrison Lowe", "garrisonlowe.com"),  # reads like a person's name
    Company("Nordlicht Energie", "nordlicht-energie.de"),
)

AGENCIES: tuple[Company, ...] = (
    Company("Hays", "hays.com"),
    Company("Michael Page", "michaelpage.co.uk"),
    Company("Robert Half", "roberthalf.com"),
    Company("Harvey Nash", "harveynash.com"),
)

COMMON_ROLES: tuple[str, ...] = (
    "Senior Backend Engineer", "Staff Software Engineer", "Product Designer",
    "Senior Product Manager", "Data Scientist", "Machine Learning Engineer",
    "Site Reliability Engineer", "UX Researcher", "Solutions Architect", "Business Analyst",
    "Financial Controller", "Head of Marketing", "Customer Success Manager",
    "Sales Development Representative", "Account Executive", "Frontend Developer",
    "Data Engineer II", "Sr. Software Engineer", "Engineering Manager", "Technical Writer",
    "Technical Program Manager", "Content Strategist", "Registered Nurse", "Operations Analyst",
    "Legal Counsel", "Mechanical Engineer", "Supply Chain Analyst",
    "Software Engineering Intern", "iOS Developer", "Platform Engineer", "Security Engineer",
    "Brand Designer", "Quantitative Researcher", "People Operations Manager",
    "Full-Stack Engineer", "Senior Software Engineer, Backend", "Product Manager, Growth",
    "UX/UI Designer", "Sales & Partnerships Manager", "Director of Engineering",
    "Head of People",
)  # fmt: skip
# Job titles that start with a word the spec sets aside as a conversation word: rare.
TRICKY_ROLES: tuple[str, ...] = (
    "Call Center Agent", "Screen Printer", "Panel Beater", "Case Manager", "Video Producer",
    "Technical Recruiter", "HR Business Partner", "Talent Acquisition Partner",
    "Meeting Planner",
)  # fmt: skip

FIRST_NAMES: tuple[str, ...] = (
    "Amara", "Björn", "Chiara", "Dmitri", "Ebony", "Farah", "Gustavo", "Hana", "Inés",
    "Jae-won", "Kofi", "Léa", "Mateus", "Niamh", "Oluwaseun", "Pablo", "Qing", "Rosa",
    "Siddharth", "Tamsin", "Uriel", "Valentina", "Wei", "Ximena", "Yusuf", "Zainab",
    "Anne-Marie", "José", "Renée", "Søren", "Łukasz", "Aoife", "Jean-Luc", "Mei", "Rahul",
    "Fatima", "Noah", "Grace", "Liam", "Olivia", "Ravi", "Helga", "Tomasz", "Keira",
)  # fmt: skip
LAST_NAMES: tuple[str, ...] = (
    "Okonkwo", "Lindgren", "Rossi", "Petrov", "Mensah", "Haddad", "Silva", "Tanaka", "Moreau",
    "Boateng", "Dubois", "Costa", "O'Brien", "Fernández", "Zhang", "Iyer", "Whitlock",
    "Ben-David", "Nakamura", "Castillo", "Chen", "Al-Sayed", "D'Souza", "Kowalski",
    "Smith-Jones", "Nguyen", "Müller", "Gallagher", "Adeleke", "Novak", "Sørensen", "Lefèvre",
    "MacLeod", "García", "Abara", "Villanueva", "Eriksen", "Quist",
)  # fmt: skip

PUBLIC_DOMAINS: tuple[str, ...] = (
    "gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me",
    "protonmail.com", "live.com", "googlemail.com", "yahoo.co.uk", "aol.com", "gmx.de",
)  # fmt: skip

ATS_SENDERS: tuple[str, ...] = (
    "no-reply@greenhouse.io", "notifications@lever.co", "no-reply@ashbyhq.com",
    "noreply@myworkday.com", "scheduling@goodtime.io", "notifications@calendly.com",
    "noreply@modernloop.io", "calendar@app.ashbyhq.com",
)  # fmt: skip
CUE_WORDS: tuple[str, ...] = ("at", "for", "with", "via")
ROLE_LOCALS: tuple[str, ...] = ("recruiting", "talent", "careers", "jobs", "hr", "scheduling")

PERSONAS: tuple[Persona, ...] = (
    Persona(
        "corp-uk",
        Person("Seán O'Connor", "sean.oconnor@halcyon-freight.co.uk"),
        "Europe/London",
        Company("Halcyon Freight", "halcyon-freight.co.uk"),
        101,
    ),
    Persona(
        "corp-us",
        Person("Marie-Claire Dubois", "mc.dubois@brightpath.ai"),
        "America/Los_Angeles",
        Company("Brightpath", "brightpath.ai"),
        202,
    ),
    Persona(
        "gmail", Person("Priya Raman", "priya.raman94@gmail.com"), "America/Chicago", None, 303
    ),
    Persona(
        "outlook",
        Person("Tomás Ferreira", "tomas_ferreira@outlook.com"),
        "Europe/Lisbon",
        None,
        404,
    ),
    Persona(
        "yahoo", Person("Zoë Kowalczyk", "zoe.kowalczyk@yahoo.com"), "Europe/Warsaw", None, 505
    ),
    Persona(
        "proton", Person("D'Andre Williams", "dandre.w@proton.me"), "America/New_York", None, 606
    ),
    Persona(
        "corp-de",
        Person("Jürgen Weiß", "juergen.weiss@nordlicht-energie.de"),
        "Europe/Berlin",
        Company("Nordlicht Energie", "nordlicht-energie.de"),
        707,
    ),
)

# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Guest:
    person: Person
    optional: bool = False
    resource: bool = False
    organizer: bool = False
    response: str = "accepted"


@dataclass
class Draft:
    """One event, provider-neutral, with its label."""

    title: str
    organizer: Person
    guests: list[Guest] = field(default_factory=list)  # listed attendees besides the owner
    description: str = ""
    html: bool = False
    owner_listed: bool = True  # the owner is among the attendees
    owner_response: str = "accepted"  # Google's words
    all_day: bool = False
    cancelled: bool = False
    event_type: str = "default"
    location: str = ""
    minutes: int = 60
    pattern: str = "ordinary"
    interview: bool = False
    stage: str | None = None
    company: str | None = None
    job_title: str | None = None
    interviewers: list[Person] = field(default_factory=list)

    def label(self) -> Json:
        if not self.interview:
            return {
                "is_interview": False,
                "stage": None,
                "company": None,
                "job_title": None,
                "interviewers": [],
                "pattern": self.pattern,
            }
        return {
            "is_interview": True,
            "stage": self.stage,
            "company": self.company,
            "job_title": self.job_title,
            "interviewers": [{"email": p.email, "name": p.name} for p in self.interviewers],
            "pattern": self.pattern,
        }


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    for plain, fancy in (("l", "ł"), ("o", "ø"), ("L", "Ł"), ("O", "Ø"), ("ss", "ß")):
        folded = folded.replace(fancy, plain)
    return folded


def _local_part(name: str, style: int) -> str:
    words = [_ascii(w).lower().replace("'", "") for w in name.split()]
    first, last = words[0], "".join(words[1:])
    if style == 1:
        return f"{first[0]}{last}"
    if style == 2:
        return f"{first}_{last}"
    return f"{first}.{last}"


class _World:
    """The random choices of one calendar."""

    def __init__(self, persona: Persona) -> None:
        self.persona = persona
        self.rng = random.Random(persona.seed)
        self._used_names: set[str] = {persona.owner.name}

    def person(
        self, domain: str, *, show_name: bool | None = None, style: int | None = None
    ) -> Person:
        rng = self.rng
        for _ in range(50):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name not in self._used_names:
                break
        self._used_names.add(name)
        shown = rng.random() > 0.08 if show_name is None else show_name
        # an address without a display name is first.last, so the name can be read back
        chosen_style = (
            0 if not shown else (style if style is not None else rng.choice((0, 0, 0, 1, 2)))
        )
        local = _local_part(name, chosen_style)
        if rng.random() < 0.04:  # some directories keep capitals: Jane.Doe@acme.com
            local = ".".join(part.capitalize() for part in local.split("."))
        display = ""
        if shown and rng.random() < 0.05:  # Outlook directories: "Doe, Jane"
            first, _, last = name.partition(" ")
            display = f"{last}, {first}"
        return Person(name, f"{local}@{domain}", shown, display)

    def people(self, domain: str, count: int) -> list[Person]:
        return [self.person(domain) for _ in range(count)]

    def friend(self) -> Person:
        return self.person(self.rng.choice(PUBLIC_DOMAINS))

    def company(self) -> Company:
        employer = self.persona.employer
        while True:
            company = self.rng.choice(COMPANIES)
            if employer is None or company.domain != employer.domain:
                return company

    def role(self) -> str:
        if self.rng.random() < 0.04:
            return self.rng.choice(TRICKY_ROLES)
        return self.rng.choice(COMMON_ROLES)

    def owner_as_written(self) -> str:
        name = self.persona.owner.name
        return _ascii(name) if self.rng.random() < 0.15 else name


def _room(world: _World, company: Company) -> Person:
    rng = world.rng
    if rng.random() < 0.5:
        ident = "".join(rng.choice("0123456789abcdef") for _ in range(14))
        return Person(
            f"{company.name.split()[0]}-HQ-{rng.randint(1, 6)}-"
            f"{rng.choice(['Oslo', 'Lima', 'Kyoto'])} ({rng.randint(4, 12)})",
            f"c_{ident}@resource.calendar.google.com",
        )
    return Person(
        f"Conf Room {rng.randint(1, 9)}{rng.choice('ABC')}",
        f"room-{rng.randint(100, 999)}@{company.domain}",
    )


def _role_address(world: _World, company: Company, *, named: bool = True) -> Person:
    """recruiting@, talent@, ...: shown as "<Company> Recruiting" when ``named``, else with a
    name that does not name the company (so the company can only come from the domain)."""
    local = world.rng.choice(ROLE_LOCALS)
    shown = f"{company.name} {local.capitalize()}" if named else f"{local.capitalize()} Team"
    return Person(shown, f"{local}@{company.recruiting_host}")


# --------------------------------------------------------------------------- interviews

# Title templates by family. {co} company, {role} job title, {me} the owner, {iv} the first
# interviewer, {agency} a recruiting agency, {k}/{n} a part of a series, {session} a session.
SCREEN_TITLES: tuple[str, ...] = (
    "Phone Screen: {me} <> {co}",
    "Phone screen - {co} ({role})",
    "Recruiter Screen - {co} - {role}",
    "{co} | Recruiter call | {role}",
    "Intro call - {co} x {me}",
    "Introductory call: {me} / {co}",
    "Initial call – {role} – {co}",
    "HR call - {co}",
    "Screening call with {iv} ({co})",
    "{co} Phone Interview - {role}",
    "Hiring Manager Screen: {role} @ {co}",
    "Video screen | {co} | {role}",
    "{co}: Recruiter Call for {role}",
    "Phone interview for {role} at {co}",
    "Screening Call - {role} ({co})",
    "Recruiter call with {iv} - {co}",
    "Phone screen",
    "Intro call: {role}",
    "Recruiter Phone Screen – {co}",
    "{co} | HR Screening ({role})",
    "Phone Screen w/ {iv} – {co}",
    "Quick intro call with {co}",
    "Introductory call with {co} re: {role}",
    "Technical Phone Screen - {co}",
    "Phone Screen (Technical) - {role} - {co}",
    "Intro call - {co} x {first}",
)
INTERVIEW_TITLES: tuple[str, ...] = (
    "Interview: {me} / {role} ({co})",
    "{co} | {role} - Hiring Manager Interview",
    "Interview for {role} at {co}",
    "Interview with {co} - {role}",
    "{role} Interview | {co}",
    "{co}: second interview for {role}",
    "2nd round – {role} @ {co}",
    "Technical interview 1/3 | {co}",
    "[{co}] System design interview - {role}",
    "{co} <> {me}: Culture Interview ({role})",
    "Coding interview ({role}) – {co}",
    "Behavioural interview - {co} - {role}",
    "{role} – technical round – {co}",
    "Case interview: {co} ({role})",
    "Interview - {role} - {co}",
    "{role} interview with {iv} at {co}",
    "{co} - Technical Interview ({role})",
    "Technical Interview",
    "Interview: {role}",
    "Second Round Interview: {role} | {co}",
    "Interview {k} of {n} - {co} - {role}",
    "Hiring manager interview with {iv} - {co}",
    "{co} – Values Interview – {role}",
    "Interview w/ {co} for {role}",
    "First round interview - {co}",
    "{co} interview",
    "Interview with {iv} ({co})",
    "Behavioral Interview: {role} – {co}",
    "Zoom Interview - {co}",
    "{co} Interview Loop – {role}",
    "Interview (Round 2) - {role} - {co}",
    "{me} - {co} - {role} - Technical Interview",
    "Round 1: {co} / {role}",
    "{co} - {role} - Round 2",
    "Interview – {role} – {co} – {me}",
    "Interview - {co} ({role})",
    "{co} Interview - {me}",
    "Interview Confirmation: {role} at {co}",
    "Interview Invitation - {co} - {role}",
    "{co} Interview #2 - {role}",
    "[{co}] {role} Interview",
    "Hiring Manager Call - {co} ({role})",
)
AGENCY_TITLES: tuple[str, ...] = (
    "{role} interview at {co} (via {agency})",
    "Interview for {role} at {co} (via {agency})",
    "{co} interview – {role} (via {agency})",
)
FINAL_TITLES: tuple[str, ...] = (
    "{co} Final Round Interview - {role}",
    "Final interview with {iv} ({co})",
    "{co}: Onsite (virtual) – {role}",
    "Onsite ({k}/{n}): {session} - {co} - {role}",
    "Virtual Onsite - {role}",
    "Last round: {role} | {co}",
    "On-site interview – {co} – {role}",
    "Final round - {role} - {co}",
    "Superday: {co} ({role})",
    "{co} final interview for {role}",
    "Final Round",
    "Final Round - Onsite - {co}",
    "Superday ({co}) – {role}",
    "Onsite Interview: {co}",
    "{role} @ {co} – Final Interview",
    "{co} Onsite (Day 1) – {role}",
    "{co}: Final Interview Loop ({role})",
    "Final Round Panel - {co}",
)
PANEL_TITLES: tuple[str, ...] = (
    "Panel Interview - {role} - {co}",
    "{co} panel ({role})",
    "Panel interview with {co}: {role}",
    "{role} | Panel | {co}",
)
# The title names no stage; the description does.
PLAIN_TITLES: tuple[str, ...] = ("{co} | {role}", "{role} - {co}", "{co} x {me} ({role})")
# Booking-tool titles that name no interview: the description names the role.
MEETING_TITLES: tuple[str, ...] = (
    "{me} <> {iv}",
    "{iv} / {me}",
    "Meeting with {iv} ({co})",
    "30 Minute Meeting between {iv} and {me}",
    "{iv} and {me}",
)
TITLE_TAILS: tuple[str, ...] = (" (Zoom)", " - 45 min", " [Remote]", " (PST)", " – Google Meet")
COFFEE_TITLES: tuple[str, ...] = (
    "Coffee chat - {co} ({role})",
    "{role} chat with {iv} ({co})",
    "Chat with {iv} about the {role} role at {co}",
)

SESSIONS_LISTED: tuple[str, ...] = (
    "Coding", "System Design", "Behavioral", "Values", "Culture", "Technical", "Case",
)  # fmt: skip
SESSIONS_OTHER: tuple[str, ...] = (
    "Leadership", "Architecture", "Pair Programming", "Product Sense",
)  # fmt: skip

STAGE_LINES: dict[str, tuple[str, ...]] = {
    "phone_screen": (
        "This is a 30 minute phone screen with our recruiter.",
        "A short introductory call to get to know each other.",
        "Initial call with the hiring team.",
        "Our recruiter will call you for a quick screening call.",
    ),
    "final_round": (
        "This is the final round of the process.",
        "Your final interview with the leadership team.",
        "Welcome to your onsite! Please arrive 10 minutes early.",
    ),
    "interview": (
        "A technical interview with one of our engineers.",
        "Second round: a conversation about your past projects.",
        "A 60 minute interview with the hiring manager.",
    ),
}

INTERVIEWER_TITLES: tuple[str, ...] = (
    "Engineering Manager", "Staff Engineer", "Director of Product", "Head of Design",
    "Senior Data Scientist", "VP Sales", "Team Lead",
)  # fmt: skip


@dataclass
class _Slots:
    company: Company
    role: str
    interviewers: list[Person]
    agency: Company | None = None


def _fill(world: _World, template: str, slots: _Slots) -> str:
    rng = world.rng
    n = rng.randint(2, 5)
    session = rng.choice(SESSIONS_OTHER if rng.random() < 0.2 else SESSIONS_LISTED)
    return template.format(
        co=slots.company.name,
        role=slots.role,
        me=world.owner_as_written(),
        first=world.persona.owner.first,
        iv=slots.interviewers[0].name if slots.interviewers else "",
        agency=slots.agency.name if slots.agency else "",
        k=rng.randint(1, n),
        n=n,
        session=session,
    )


def _interviewer_lines(world: _World, people: Sequence[Person]) -> list[str]:
    rng = world.rng
    names = [p.name for p in people]
    if not names:
        return []
    shape = rng.randrange(4)
    if shape == 0 and len(names) == 1:
        return [f"Interviewer: {names[0]}, {rng.choice(INTERVIEWER_TITLES)}"]
    if shape == 1:
        return [f"Interviewers: {', '.join(names)}"]
    if shape == 2:
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return [f"You'll meet {joined}."]
    return ["Your interviewers:", *[f"- {n}" for n in names]]


COORDINATOR_LINES: tuple[str, ...] = (
    "Coordinator: {c}, Recruiting Coordinator",
    "{c} (Recruiting Coordinator) is your point of contact.",
    "Scheduled by {c}, Interview Scheduler",
    "Questions? Reach out to {c}, your recruiting coordinator.",
    "Recruiting coordinator: {c}",
)
ROLE_LINES: tuple[str, ...] = (
    "Role: {role}",
    "Position: {role}",
    "Hi, thanks for your interest in the {role} role.",
    "This conversation is about the {role} position.",
)
COMPANY_LINES: tuple[str, ...] = (
    "Your interview with {co} is confirmed.",
    "You'll be meeting the team at {co}.",
    "Thank you for your interest in joining us at {co}.",
)
FILLER_LINES: tuple[str, ...] = (
    "Looking forward to speaking with you!",
    "Please be ready to share your screen.",
    "Join Zoom: https://zoom.us/j/{digits}",
    "Join with Google Meet: https://meet.google.com/abc-{digits}",
    "Microsoft Teams meeting. Join on your computer or mobile app.",
    "Dial-in: +1 555 01{digits}",
    "Need to reschedule? Use the link in your confirmation email.",
    "Powered by GoodTime",
)


def _interview(world: _World) -> Draft:
    rng = world.rng
    family = rng.choices(
        ("screen", "interview", "final", "panel", "plain", "coffee", "meeting"),
        weights=(22, 40, 18, 8, 8, 3, 4),
    )[0]
    mode = rng.choices(
        (
            "interviewer",
            "coordinator",
            "coordinator_absent",
            "ats",
            "role_address",
            "hidden",
            "agency",
            "personal",
            "recruiter_attends",
        ),
        weights=(42, 14, 5, 12, 8, 8, 6, 5, 5),
    )[0]
    if family in ("plain", "coffee") and mode in ("hidden", "agency"):
        mode = "interviewer"
    if family in ("coffee", "meeting"):
        mode = "interviewer"
    if mode == "agency":
        family = "interview"  # agency titles name no stage but "interview"
    company = world.company()
    while mode == "personal" and any(f" {w} " in f" {company.name.lower()} " for w in CUE_WORDS):
        company = world.company()  # with no domain to go by, "Made for Makers" reads as two parts
    role = world.role()

    count = {
        "screen": rng.choices((1, 2), (9, 1))[0],
        "interview": rng.choices((1, 2, 3), (14, 5, 1))[0],
        "final": rng.choice((1, 2, 2, 3, 4)),
        "panel": rng.choice((1, 2, 3, 3, 4)),
        "plain": 1,
        "coffee": 1,
        "meeting": 1,
    }[family]
    if mode == "hidden":
        count = 0
    if mode == "personal":
        count = 1
    domain = rng.choice(PUBLIC_DOMAINS) if mode == "personal" else company.domain
    interviewers = world.people(domain, count)

    # title
    if mode == "agency":
        templates: tuple[str, ...] = AGENCY_TITLES
    else:
        templates = {
            "screen": SCREEN_TITLES,
            "interview": INTERVIEW_TITLES,
            "final": FINAL_TITLES,
            "panel": PANEL_TITLES,
            "plain": PLAIN_TITLES,
            "coffee": COFFEE_TITLES,
            "meeting": MEETING_TITLES,
        }[family]
    usable = [
        t
        for t in templates
        if ("{iv}" not in t or (interviewers and mode != "hidden"))
        and ("{co}" in t or mode not in ("hidden", "personal"))
        # with no company domain to go by, the company is the part after "at" or "with"
        and (
            mode != "personal"
            or any(cue in t for cue in (" at {co}", " @ {co}", "with {co}", "{iv} ({co})"))
        )
    ]
    if not usable:
        family, usable = "interview", ["Interview for {role} at {co}", "Interview with {iv} ({co})"]
    template = rng.choice(usable)
    agency = rng.choice(AGENCIES) if mode == "agency" else None
    slots = _Slots(company, role, interviewers, agency)
    title = _fill(world, template, slots)
    if rng.random() < 0.06:
        title += rng.choice(TITLE_TAILS)
    if rng.random() < 0.05:
        title = title.lower()
    elif rng.random() < 0.04:
        title = f"{rng.choice(('📞', '💼', '🗓️'))} {title}"

    company_label: str | None = company.name if "{co}" in template else None
    role_label: str | None = role if "{role}" in template else None
    lines: list[str] = []
    if rng.random() < 0.2:
        lines.append(f"Hi {world.persona.owner.first}, thanks for taking the time to meet with us.")
    if mode == "ats" and rng.random() < 0.4:
        lines.append(f"Candidate: {world.owner_as_written()}")
    if company_label is None and rng.random() < 0.5:
        if family == "final" and rng.random() < 0.5:
            lines.append(f"Welcome to your virtual onsite with {company.name}!")
        else:
            lines.append(rng.choice(COMPANY_LINES).format(co=company.name))
        company_label = company.name
    if role_label is None and (rng.random() < 0.75 or family in ("plain", "meeting")):
        lines.append(rng.choice(ROLE_LINES).format(role=role))
        role_label = role
    if family == "plain":
        stage_said = rng.choice(("phone_screen", "final_round", "interview"))
        lines.append(rng.choice(STAGE_LINES[stage_said]))
    if company_label is None:
        company_label = company.derived_name

    # who sends it, who is listed
    guests = [Guest(p) for p in interviewers]
    organizer: Person
    named_as_interviewers: list[Person] = list(interviewers)
    coordinator: Person | None = None
    signature_lines: list[str] = []
    if mode in ("interviewer", "personal"):
        organizer = interviewers[0]
        guests[0] = replace(guests[0], organizer=True)
    elif mode == "recruiter_attends":
        # A recruiter sends it and sits in, named as neither interviewer nor coordinator:
        # an attendee organizer counts as an interviewer.
        organizer = world.person(company.domain)
        guests.append(Guest(organizer, organizer=True))
        interviewers = [organizer, *interviewers]
    elif mode in ("coordinator", "coordinator_absent"):
        coordinator = world.person(
            company.recruiting_host if rng.random() < 0.3 else company.domain
        )
        organizer = coordinator
        if mode == "coordinator":
            optional = rng.random() < 0.5
            guests.append(Guest(coordinator, optional=optional, organizer=True))
            if not optional and rng.random() < 0.3:
                signature = [
                    coordinator.name,
                    rng.choice(("Recruiting Coordinator", "Interview Scheduler")),
                ]
                signature_lines = ["Best,", *signature]  # named in a signature block
            elif not optional or rng.random() < 0.5:
                signature_lines = [rng.choice(COORDINATOR_LINES).format(c=coordinator.name)]
            else:
                signature_lines = []
        elif rng.random() < 0.5:
            lines.append(rng.choice(COORDINATOR_LINES).format(c=coordinator.name))
    elif mode == "ats":
        address = rng.choice(ATS_SENDERS)
        shown = f"{company.name} Recruiting" if "{co}" in template else "Interview Scheduling"
        organizer = Person(shown, address)
    elif mode == "role_address":
        organizer = _role_address(world, company, named=company_label == company.name)
        if rng.random() < 0.5:
            guests.append(Guest(organizer, organizer=True))
    elif mode == "hidden":
        if rng.random() < 0.6:
            organizer = _role_address(world, company)
        else:
            organizer = world.person(company.domain)
            named_as_interviewers = [organizer]
        interviewers = [] if organizer.email.split("@")[0] in ROLE_LOCALS else [organizer]
    else:  # agency
        assert agency is not None
        organizer = world.person(agency.domain)
        if rng.random() < 0.5:
            guests.append(Guest(organizer, optional=True, organizer=True))
        lines.append(f"Arranged by {organizer.name} ({agency.name}).")

    if mode != "hidden" and (count >= 2 or rng.random() < 0.4 or mode == "recruiter_attends"):
        lines.extend(_interviewer_lines(world, named_as_interviewers))
        if len(named_as_interviewers) >= 2 and rng.random() < 0.2:
            # optional on the invite, but named as an interviewer: still an interviewer
            shadow = named_as_interviewers[-1]
            guests = [replace(g, optional=True) if g.person is shadow else g for g in guests]
    # people who are listed but are not interviewers
    if family in ("interview", "final", "panel") and rng.random() < 0.2:
        guests.append(Guest(_room(world, company), resource=True))
    if mode not in ("hidden", "personal") and rng.random() < 0.1:
        guests.append(Guest(world.person(company.domain), optional=True))  # a silent shadow
    if mode not in ("hidden", "personal") and rng.random() < 0.08:
        guests.append(Guest(_role_address(world, company, named=company_label == company.name)))
    if mode not in ("hidden",) and rng.random() < 0.04:
        guests.append(Guest(Person("Scheduling", rng.choice(ATS_SENDERS))))
    if rng.random() < 0.5:
        lines.append(rng.choice(FILLER_LINES).format(digits=rng.randint(1000, 9999)))
    if mode == "coordinator":
        lines.extend(signature_lines)
    rng.shuffle(guests)

    if family in ("coffee", "meeting"):
        stage = "interview"
    elif family == "plain":
        stage = stage_said
    else:
        stage = {"screen": "phone_screen", "final": "final_round", "panel": "panel"}.get(
            family, "interview"
        )
    if stage == "interview" and len(interviewers) >= 2:
        stage = "panel"

    as_html = rng.random() < 0.15
    description = _html_lines(lines) if as_html else "\n".join(lines)
    response = rng.choices(("accepted", "tentative", "needsAction"), (75, 10, 15))[0]
    minutes = {"phone_screen": 30, "final_round": 180}.get(stage, 60)
    return Draft(
        title=title,
        organizer=organizer,
        guests=guests,
        description=description,
        html=as_html,
        owner_response=response,
        minutes=minutes,
        location=rng.choice(("", "", "Zoom", "Google Meet", f"{company.name} office")),
        pattern=f"{family}/{mode}",
        interview=True,
        stage=stage,
        company=company_label,
        job_title=role_label,
        interviewers=interviewers,
    )


def _html_lines(lines: Sequence[str]) -> str:
    out: list[str] = []
    bullets: list[str] = []
    for line in lines:
        if line.startswith("- "):
            bullets.append(f"<li>{html.escape(line[2:])}</li>")
            continue
        if bullets:
            out.append("<ul>" + "".join(bullets) + "</ul>")
            bullets = []
        out.append(f"<p>{html.escape(line)}</p>")
    if bullets:
        out.append("<ul>" + "".join(bullets) + "</ul>")
    return "".join(out)


# --------------------------------------------------------------------------- negatives


def _negative(draft: Draft, pattern: str) -> Draft:
    draft.pattern = pattern
    draft.interview = False
    return draft


def _solo(world: _World, title: str, pattern: str, **extra: Any) -> Draft:
    draft = Draft(title, world.persona.owner, owner_listed=False, **extra)
    return _negative(draft, pattern)


def _cancelled(world: _World) -> Draft:
    draft = _interview(world)
    draft.cancelled = True
    return _negative(draft, "cancelled")


def _declined(world: _World) -> Draft:
    draft = _interview(world)
    draft.owner_response = "declined"
    return _negative(draft, "declined")


def _solo_reminder(world: _World) -> Draft:
    rng = world.rng
    co, role = world.company().name, world.role()
    title = rng.choice(
        (
            "Interview w/ {co}",
            "{co} interview 2pm",
            "Final round at {co}!!",
            "Phone screen {co} - be near laptop",
            "Prepare for {co} onsite",
            "{role} interview - {co}",
            "Technical interview ({co})",
            "Travel to {co} onsite",
        )
    ).format(co=co, role=role)
    return _solo(world, title, "solo_reminder")


def _all_day(world: _World) -> Draft:
    rng = world.rng
    co = world.company()
    role = world.role()
    if rng.random() < 0.5:
        return _solo(world, f"ONSITE INTERVIEW DAY - {co.name}", "all_day_solo", all_day=True)
    people = world.people(co.domain, rng.randint(1, 3))
    draft = Draft(
        rng.choice(
            (
                "Onsite interviews - {co} ({role})",
                "{co} Superday – {role}",
                "Final round interviews: {role} @ {co}",
            )
        ).format(co=co.name, role=role),
        _role_address(world, co),
        [Guest(p) for p in people],
        all_day=True,
    )
    return _negative(draft, "all_day_invite")


def _status_block(world: _World) -> Draft:
    rng = world.rng
    co = world.company().name
    kind = rng.choice(("outOfOffice", "focusTime", "workingLocation"))
    title = {
        "outOfOffice": rng.choice(
            ("Out of office", f"OOO - interview at {co}", f"Out of office: final round at {co}")
        ),
        "focusTime": rng.choice(("Focus time", f"Focus: {co} interview prep", "Deep work")),
        "workingLocation": rng.choice(("Home", "Office", f"{co} office (onsite interview)")),
    }[kind]
    return _solo(world, title, f"status/{kind}", event_type=kind)


def _prep(world: _World) -> Draft:
    rng = world.rng
    co = world.company()
    session = rng.choice(("system design", "coding", "behavioural questions", "case study"))
    shape = rng.randrange(5)
    if shape == 0:
        return _solo(
            world,
            rng.choice(
                (
                    f"Interview prep: {co.name} {session}",
                    f"Prep for {co.name} onsite",
                    f"Practice: {session} interview",
                    f"Interview practice - {session}",
                )
            ),
            "prep_solo",
        )
    if shape in (1, 2):
        friend = world.friend()
        title = rng.choice(
            (
                f"Mock interview with {friend.first}",
                f"Practice interview - {session}",
                f"Interview practice with {friend.first}",
                f"Mock {session} interview",
            )
        )
        organizer = friend if rng.random() < 0.5 else world.persona.owner
        draft = Draft(
            title,
            organizer,
            [Guest(friend, organizer=organizer is friend)],
            description="Practice run, 45 minutes.",
        )
        return _negative(draft, "mock_friend")
    if shape == 3:
        coach = world.person("careerlift-coaching.com")
        draft = Draft(
            rng.choice(
                (
                    "Mock technical interview",
                    "Mock interview: Backend Engineer",
                    "Interview preparation session",
                )
            ),
            coach,
            [Guest(coach, organizer=True)],
            description="Coaching session booked through CareerLift.",
        )
        return _negative(draft, "mock_coach")
    recruiter = world.person(co.domain)
    draft = Draft(
        rng.choice(
            (f"Onsite prep call – {co.name}", f"Interview prep with {recruiter.first} ({co.name})")
        ),
        recruiter,
        [Guest(recruiter, organizer=True)],
        description="Let's walk through what to expect on the day.",
    )
    return _negative(draft, "prep_recruiter")


SHOWS: tuple[tuple[str, str], ...] = (
    ("The Build Log", "buildlog.fm"),
    ("Data Over Coffee", "dataovercoffee.show"),
    ("The Weekly Ledger", "weeklyledger.com"),
    ("Northern Tech Radio", "ntradio.co.uk"),
)


def _media(world: _World) -> Draft:
    rng = world.rng
    show, domain = rng.choice(SHOWS)
    title = rng.choice(
        (
            "Podcast interview: {s}",
            "Press interview with {s}",
            "Media interview – {s}",
            "{s} podcast recording (interview)",
            "Interview with {s} (press)",
            "Radio interview - {s}",
            "Podcast: {s} interview",
        )
    ).format(s=show)
    sender = world.friend() if rng.random() < 0.3 else world.person(domain)
    draft = Draft(
        title,
        sender,
        [Guest(sender, organizer=True)],
        description=rng.choice(
            ("Recording for episode 12.", "", "We'd love to hear about your work.")
        ),
    )
    return _negative(draft, "media")


def _research(world: _World) -> Draft:
    rng = world.rng
    co = world.company()
    researcher = world.person(co.domain)
    title = rng.choice(
        (
            "User interview: {co} onboarding",
            "User research interview - {co}",
            "Research interview: remote work study",
            "UX research interview ({co} app)",
            "{co} user interview",
        )
    ).format(co=co.name)
    draft = Draft(
        title,
        researcher,
        [Guest(researcher, organizer=True)],
        description="Thanks for signing up to help improve our product. $50 gift card.",
    )
    return _negative(draft, "research")


def _events(world: _World) -> Draft:
    rng = world.rng
    co = world.company()
    role = world.role()
    shape = rng.randrange(7)
    if shape == 0:
        draft = Draft(
            f"{co.name} Careers Info Session",
            Person("Careers Service", "events@stateu.edu"),
            description="Meet engineers and recruiters.",
        )
        return _negative(draft, "info_session")
    if shape == 1:
        draft = Draft(
            rng.choice(("Virtual Career Fair - Engineering", "Spring Career Fair")),
            Person("Career Centre", "careers@westbrook.ac.uk"),
        )
        return _negative(draft, "career_fair")
    if shape == 2:
        draft = Draft(
            f"Recruiting event: {co.name} Open House",
            _role_address(world, co),
            description="Drinks and demos. Open to all applicants.",
        )
        return _negative(draft, "recruiting_event")
    if shape == 3:
        draft = Draft(
            f"Office Hours - {co.name} Recruiting",
            _role_address(world, co),
            description="Drop in with your questions about working here.",
        )
        return _negative(draft, "office_hours")
    if shape == 4:
        draft = Draft(
            rng.choice(
                (
                    f"Webinar: How {co.name} hires engineers",
                    "Webinar – Acing the technical interview",
                    f"{co.name} hiring webinar",
                )
            ),
            Person("Webinars", f"webinars@{co.domain}"),
        )
        return _negative(draft, "webinar")
    if shape == 5:
        host = world.person(co.domain)
        candidate = world.person(rng.choice(PUBLIC_DOMAINS))
        draft = Draft(
            rng.choice(
                (
                    f"Reference check: {candidate.name}",
                    f"Reference call re {candidate.name}",
                    f"Reference call for {candidate.name} ({role})",
                )
            ),
            host,
            [Guest(host, organizer=True)],
            description=f"{candidate.name} listed you as a reference for the {role} role.",
        )
        return _negative(draft, "reference_check")
    hr = Person("People Team", f"hr@{co.domain}")
    draft = Draft(
        rng.choice(("Exit interview", f"Exit interview - {world.persona.owner.first}")),
        hr,
        [Guest(world.person(co.domain))],
    )
    return _negative(draft, "exit_interview")


def _coffee(world: _World) -> Draft:
    rng = world.rng
    co = world.company()
    person = world.person(co.domain)
    title = rng.choice(
        (
            "Coffee chat with {p} ({co})",
            "Informational chat - {co}",
            "Virtual coffee with {p} @ {co}",
            "Catch up with {p} from {co}",
        )
    ).format(p=person.first, co=co.name)
    draft = Draft(
        title,
        person,
        [Guest(person, organizer=True)],
        description=rng.choice(("", "Would love to hear about your time there.")),
    )
    return _negative(draft, "coffee")


def _other_chats(world: _World) -> Draft:
    rng = world.rng
    co = world.company()
    person = world.person(co.domain)
    shape = rng.randrange(4)
    if shape == 0:
        draft = Draft(
            f"Lunch with {person.first} from {co.name}", person, [Guest(person, organizer=True)]
        )
        return _negative(draft, "lunch")
    if shape == 1:
        draft = Draft(
            rng.choice(("Interviewing skills workshop", "Job interview tips webinar")),
            Person("Careers Service", "events@westbrook.ac.uk"),
        )
        return _negative(draft, "workshop")
    if shape == 2:
        coach = world.person("brightsteps-coaching.com")
        draft = Draft(
            "Career coaching session",
            coach,
            [Guest(coach, organizer=True)],
            description="We'll go over your CV and job search plan.",
        )
        return _negative(draft, "coaching")
    draft = Draft(
        f"{co.name} <> {world.persona.owner.first}: partnership intro",
        person,
        [Guest(person, organizer=True)],
        description="Exploring a data partnership.",
    )
    return _negative(draft, "business_intro")


VENDOR_TITLES: tuple[str, ...] = (
    "Call with {co} Account Executive",
    "Meeting with {co} Solutions Architect",
    "Sync with Account Manager ({co})",
    "Check-in with our {co} Customer Success Manager",
    "Catch-up call with {p} ({co} Account Manager)",
)


def _vendor_or_event(world: _World) -> Draft:
    """Meetings that name someone's job, or a stage-like word, and are about no job."""
    rng = world.rng
    co = world.company()
    person = world.person(co.domain)
    shape = rng.randrange(3)
    if shape == 0:
        title = rng.choice(VENDOR_TITLES).format(co=co.name, p=person.first)
        draft = Draft(
            title,
            person,
            [Guest(person, organizer=True)],
            description=rng.choice(("", "Renewal and roadmap.", "Quarterly check-in.")),
        )
        return _negative(draft, "vendor_call")
    if shape == 1:
        draft = Draft(
            "Pramp: Practice Interview",
            Person("Pramp", "notifications@pramp.com"),
            [Guest(world.friend())],
            description="Your peer practice session.",
        )
        return _negative(draft, "practice_platform")
    draft = Draft(
        f"Panel: The Future of Work ({co.name})",
        Person("Events", f"events@{co.domain}"),
        description="A panel of our leaders on hybrid work. Drinks after.",
    )
    return _negative(draft, "conference_panel")


def _interviewer_training(world: _World) -> Draft:
    rng = world.rng
    co = world.persona.employer or world.company()
    draft = Draft(
        rng.choice(
            (
                "Interviewer training: structured interviews",
                "Interview training for new interviewers",
                "Interviewer training - Backend loop",
            )
        ),
        Person("Learning Team", f"learning@{co.domain}"),
        [Guest(p) for p in world.people(co.domain, 3)],
    )
    return _negative(draft, "interviewer_training")


PERSONAL_TITLES: tuple[str, ...] = (
    "Dentist", "Gym", "Haircut", "Flight to Lisbon (TP 1352)", "Pick up dry cleaning",
    "Call Mum", "Yoga", "Piano lesson", "Vet appointment", "School run", "Pay rent",
    "Car service", "Screen door repair", "Final exam revision", "Round of golf",
)  # fmt: skip
SOCIAL_TITLES: tuple[str, ...] = (
    "Interview Grandma (family history project)", "Dinner at Nopa", "Birthday drinks",
    "Book club", "5-a-side football", "Call with landlord", "Video call with Grandma",
    "Wedding planning call", "Phone call with the bank",
)  # fmt: skip
WORK_TITLES: tuple[str, ...] = (
    "1:1 with {p}", "Team standup", "Sprint planning", "Retro", "Quarterly business review",
    "Project kickoff", "Design review", "Vendor demo - {co}", "Partnership call with {co}",
    "Budget review", "All hands", "Lunch & learn: Kubernetes",
    "Panel discussion: the future of fintech", "Final review of Q3 deck",
    "Technical design review", "Coding dojo", "Culture committee", "{co} <> {me} sync",
)  # fmt: skip


def _ordinary(world: _World) -> Draft:
    rng = world.rng
    owner = world.persona.owner
    shape = rng.choices(("personal", "social", "work"), (4, 2, 5))[0]
    if shape == "personal":
        return _solo(world, rng.choice(PERSONAL_TITLES), "ordinary/personal")
    if shape == "social":
        friend = world.friend()
        organizer = friend if rng.random() < 0.5 else owner
        draft = Draft(
            rng.choice(SOCIAL_TITLES), organizer, [Guest(friend, organizer=organizer is friend)]
        )
        return _negative(draft, "ordinary/social")
    employer = world.persona.employer
    co = world.company()
    domain = employer.domain if employer is not None and rng.random() < 0.7 else co.domain
    people = world.people(domain, rng.randint(1, 4))
    organizer = people[0] if rng.random() < 0.6 else owner
    title = rng.choice(WORK_TITLES).format(p=people[0].first, co=co.name, me=owner.first)
    guests = [Guest(p, organizer=p is organizer) for p in people]
    draft = Draft(title, organizer, guests, description=rng.choice(("", "Agenda in the doc.")))
    return _negative(draft, "ordinary/work")


def _hiring_side(world: _World) -> Draft:
    """The owner's own company interviews someone: the owner is on the hiring side."""
    rng = world.rng
    employer = world.persona.employer
    assert employer is not None
    owner = world.persona.owner
    candidate = world.person(rng.choice(PUBLIC_DOMAINS))
    sender = rng.randrange(5)
    # an ATS invite shows the hiring side through the colleagues on it
    colleagues = world.people(employer.domain, rng.randint(1 if sender == 1 else 0, 2))
    role = world.role()
    title = rng.choice(
        (
            "Interview: {c} for {role}",
            "{c} - Onsite - {role}",
            "Phone screen: {c} ({role})",
            "Debrief: {c} ({role})",
            "[Hold] Interview - {c}",
            "Final round: {c} for {role}",
            "Candidate interview - {role}",
            "Panel interview – {c}, {role}",
            "Phone Screen: {c} <> {emp}",
            "Interview with {c}",
            "Scorecard due: {c}",
            "{emp} | {role} - Hiring Manager Interview ({c})",
        )
    ).format(c=candidate.name, role=role, emp=employer.name)
    if sender == 0:
        organizer = Person(f"{employer.name} Recruiting", f"recruiting@{employer.domain}")
    elif sender == 1:
        organizer = Person(f"{employer.name} Recruiting", rng.choice(ATS_SENDERS))
    elif sender == 2:
        organizer = owner
    elif sender == 3:
        organizer = colleagues[0] if colleagues else owner
    else:  # an agency sends its candidate to the owner: the title names the candidate
        agency = rng.choice(AGENCIES)
        organizer = world.person(agency.domain)
        title = rng.choice(
            ("Interview: {c} for {role} (via {a})", "{c} – {role} interview ({a} candidate)")
        ).format(c=candidate.name, role=role, a=agency.name)
    guests = [Guest(p, organizer=p is organizer) for p in colleagues]
    if not title.startswith(("Debrief", "Scorecard")):
        guests.append(Guest(candidate))
    if sender == 4:
        guests.append(Guest(organizer, organizer=True))
    draft = Draft(
        title,
        organizer,
        guests,
        description=rng.choice(
            ("", f"Candidate: {candidate.name}", f"Candidate interview for the {role} opening.")
        ),
    )
    return _negative(draft, "hiring_side")


Maker = Callable[[_World], Draft]
COMMON_MAKERS: tuple[tuple[Maker, int], ...] = (
    (_interview, 40),
    (_cancelled, 3),
    (_declined, 3),
    (_solo_reminder, 3),
    (_all_day, 3),
    (_status_block, 3),
    (_prep, 5),
    (_media, 4),
    (_research, 3),
    (_events, 6),
    (_coffee, 4),
    (_interviewer_training, 1),
    (_other_chats, 3),
    (_vendor_or_event, 3),
    (_ordinary, 28),
)
CORPORATE_MAKERS: tuple[tuple[Maker, int], ...] = ((_hiring_side, 7),)

# --------------------------------------------------------------------------- wire forms

_GRAPH_HEAD = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
)
_GRAPH_RESPONSE = {
    "accepted": "accepted",
    "tentative": "tentativelyAccepted",
    "needsAction": "notResponded",
    "declined": "declined",
}


def _google(draft: Draft, event_id: str, persona: Persona, start: datetime) -> Json:
    owner = persona.owner
    owner_organizes = draft.organizer.email == owner.email
    organizer: Json = {"email": draft.organizer.email}
    if draft.organizer.show_name:
        organizer["displayName"] = draft.organizer.shown
    if owner_organizes:
        organizer["self"] = True
    item: Json = {
        "kind": "calendar#event",
        "etag": f'"{zlib.crc32(event_id.encode())}"',
        "id": event_id,
        "status": "cancelled" if draft.cancelled else "confirmed",
        "htmlLink": f"https://www.google.com/calendar/event?eid={event_id}",
        "created": "2026-01-02T09:00:00.000Z",
        "updated": "2026-01-03T09:00:00.000Z",
        "summary": draft.title,
        "creator": {"email": draft.organizer.email},
        "organizer": organizer,
    }
    if draft.all_day:
        day = start.date()
        item["start"] = {"date": day.isoformat()}
        item["end"] = {"date": (day + timedelta(days=1)).isoformat()}
    else:
        end = start + timedelta(minutes=draft.minutes)
        item["start"] = {"dateTime": start.isoformat(), "timeZone": persona.zone}
        item["end"] = {"dateTime": end.isoformat(), "timeZone": persona.zone}
    item.update(
        {
            "iCalUID": f"{event_id}@google.com",
            "sequence": 0,
            "eventType": draft.event_type,
            "reminders": {"useDefault": True},
        }
    )
    if draft.description:
        item["description"] = draft.description
    if draft.location:
        item["location"] = draft.location
    attendees: list[Json] = []
    if draft.owner_listed and (draft.guests or not owner_organizes):
        me: Json = {
            "email": owner.email,
            "responseStatus": draft.owner_response,
            "displayName": owner.shown,
            "self": True,
        }
        if owner_organizes:
            me["organizer"] = True
            me["responseStatus"] = "accepted"
        attendees.append(me)
    for guest in draft.guests:
        entry: Json = {"email": guest.person.email, "responseStatus": guest.response}
        if guest.person.show_name:
            entry["displayName"] = guest.person.shown
        if guest.organizer:
            entry["organizer"] = True
        if guest.optional:
            entry["optional"] = True
        if guest.resource:
            entry["resource"] = True
        attendees.append(entry)
    if attendees:
        item["attendees"] = attendees
    return item


def _graph_body(draft: Draft) -> tuple[str, str]:
    if not draft.description:
        return _GRAPH_HEAD + "<body></body></html>", ""
    if draft.html:
        inner = draft.description
        preview = " ".join(
            part
            for part in inner.replace("<", "\0<").replace(">", ">\0").split("\0")
            if part and not part.startswith("<")
        )
    else:
        inner = (
            "<div>"
            + "<br>".join(html.escape(line) for line in draft.description.split("\n"))
            + "</div>"
        )
        preview = draft.description.replace("\n", "\r\n")
    return _GRAPH_HEAD + f"<body>{inner}</body></html>", preview[:255]


def _graph_person(person: Person) -> Json:
    return {"name": person.shown if person.show_name else person.email, "address": person.email}


def _graph(draft: Draft, event_id: str, persona: Persona, start: datetime) -> Json:
    owner = persona.owner
    owner_organizes = draft.organizer.email == owner.email
    content, preview = _graph_body(draft)
    if draft.all_day:
        first = datetime(start.year, start.month, start.day)
        begin, finish = first, first + timedelta(days=1)
    else:
        begin = start.astimezone(UTC).replace(tzinfo=None)
        finish = begin + timedelta(minutes=draft.minutes)
    response = "organizer" if owner_organizes else _GRAPH_RESPONSE[draft.owner_response]
    show_as = {"outOfOffice": "oof", "workingLocation": "workingElsewhere"}.get(
        draft.event_type, "busy"
    )
    if draft.cancelled or response == "declined":
        show_as = "free"
    elif response == "tentativelyAccepted":
        show_as = "tentative"
    attendees: list[Json] = []
    none = {"response": "none", "time": "0001-01-01T00:00:00Z"}
    if draft.owner_listed and not owner_organizes:
        attendees.append(
            {"type": "required", "status": dict(none), "emailAddress": _graph_person(owner)}
        )
    for guest in draft.guests:
        kind = "resource" if guest.resource else "optional" if guest.optional else "required"
        attendees.append(
            {"type": kind, "status": dict(none), "emailAddress": _graph_person(guest.person)}
        )
    item: Json = {
        "@odata.etag": f'W/"{event_id}"',
        "id": f"AAMkAG{event_id}=",
        "createdDateTime": "2026-01-02T09:00:00.0000000Z",
        "lastModifiedDateTime": "2026-01-03T09:00:00.0000000Z",
        "iCalUId": f"040000008200E00074C5B7101A82E008{event_id}",
        "subject": ("Canceled: " if draft.cancelled else "") + draft.title,
        "bodyPreview": preview,
        "body": {"contentType": "html", "content": content},
        "importance": "normal",
        "sensitivity": "normal",
        "isAllDay": draft.all_day,
        "isCancelled": draft.cancelled,
        "isOrganizer": owner_organizes,
        "responseRequested": True,
        "showAs": show_as,
        "type": "singleInstance",
        "start": {"dateTime": begin.strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": "UTC"},
        "end": {"dateTime": finish.strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": "UTC"},
        "location": {"displayName": draft.location, "locationType": "default"},
        "responseStatus": {"response": response, "time": "0001-01-01T00:00:00Z"},
        "organizer": {"emailAddress": _graph_person(draft.organizer)},
        "attendees": attendees,
        "isOnlineMeeting": False,
        "onlineMeetingProvider": "unknown",
    }
    if draft.event_type == "focusTime":
        item["categories"] = ["Focus time"]
    return item


# --------------------------------------------------------------------------- calendars


@dataclass(frozen=True)
class GeneratedCalendar:
    persona: Persona
    google: Json  # an events.list response
    graph: Json  # a Graph events response
    labels: Json  # the scorer's labels document


def build_calendar(persona: Persona, count: int = 300, seed_offset: int = 0) -> GeneratedCalendar:
    """``seed_offset`` draws another calendar for the same persona (for exploring by hand)."""
    world = _World(replace(persona, seed=persona.seed + seed_offset))
    rng = world.rng
    makers = COMMON_MAKERS + (CORPORATE_MAKERS if persona.employer is not None else ())
    weights = [w for _, w in makers]
    zone = ZoneInfo(persona.zone)
    google_items: list[Json] = []
    graph_items: list[Json] = []
    labels: dict[str, Json] = {}
    graph_ids: dict[str, str] = {}
    for index in range(count):
        maker = rng.choices([m for m, _ in makers], weights)[0]
        draft = maker(world)
        day = datetime(2026, 1, 5, tzinfo=zone) + timedelta(days=rng.randrange(330))
        start = day.replace(hour=rng.randint(8, 17), minute=rng.choice((0, 30)))
        event_id = f"{persona.key.replace('-', '')}{index:04d}{rng.randrange(16**6):06x}"
        google_items.append(_google(draft, event_id, persona, start))
        graph_item = _graph(draft, event_id, persona, start)
        graph_items.append(graph_item)
        graph_ids[graph_item["id"]] = event_id
        labels[event_id] = draft.label()
    google: Json = {
        "kind": "calendar#events",
        "summary": persona.owner.email,
        "timeZone": persona.zone,
        "items": google_items,
    }
    graph: Json = {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('me')/events",
        "value": graph_items,
    }
    label_doc: Json = {
        "me": persona.owner.email,
        "name": persona.owner.name,
        "labels": labels,
        "graph_ids": graph_ids,
    }
    return GeneratedCalendar(persona, google, graph, label_doc)


def main(argv: Sequence[str]) -> int:
    if len(argv) not in (2, 3):
        print(
            "usage: python -m tests.service.detection.generated_calendars OUT_DIR [SEED_OFFSET]",
            file=sys.stderr,
        )
        return 2
    out = Path(argv[1])
    offset = int(argv[2]) if len(argv) == 3 else 0
    out.mkdir(parents=True, exist_ok=True)
    for persona in PERSONAS:
        calendar = build_calendar(persona, seed_offset=offset)
        for suffix, document in (
            ("google", calendar.google),
            ("graph", calendar.graph),
            ("labels", calendar.labels),
        ):
            path = out / f"gen-{persona.key}-{suffix}.json"
            path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{persona.key}: --me {persona.owner.email} --name {persona.owner.name!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
