"""Labelled calendars of the invites people really get, in five languages.

Written from how scheduling systems and recruiters document their invites, and from
spec/detection.md for the labels; independent of the shared calendars and of
:mod:`tests.service.detection.generated_calendars` (other names, companies, phrasings and
code). What each system's invites look like, and where that was read:

- Greenhouse: interviewers get the calendar event (an interview kit link, a scorecard, the
  organisation's Greenhouse scheduling address as a guest); the candidate is not on it and
  gets the "Candidate Interview Confirmation" mail with an .ics whose description is the
  mail's body (support.greenhouse.io/hc/en-us/articles/201913110,
  .../360015975112, .../28907201832731 "Candidate calendar events").
- GoodTime: templates per interview type ("Recruiter Phone Screen", "HM Phone Screen",
  "HM Video Screen", "Virtual Onsite"), an itinerary shared with the candidate, optional
  interviewers left out of the external description, HOLD events
  (support.goodtime.io/articles/5841628800, .../6818208686 "Custom Itinerary",
  support.goodtime.io/hc/en-us/articles/1500008655762 "Optional interviewers").
- Ashby: events go to a shared (Google group) calendar as well as to the candidate and the
  panel (ashbyhq.notion.site/What-is-a-shared-calendar, docs.ashbyhq.com/manually-scheduling-
  interviews).
- Lever: recruiter screens and on-sites, feedback forms, rooms listed as attendees
  (help.lever.co/hc/en-us/articles/20087302635421, .../20087340721565).
- Workday: self-schedule calendars named like "JR1XXXXXXX Accountant - Phone Interview",
  calendar types Screen / Interview (hr.wisc.edu/hr-guides/.../create-and-manage-recruiting-
  self-schedule-calendar).
- iCIMS: interview types video interview, phone screen, onsite interview; multilingual
  notifications (community.icims.com "Scheduling Interviews with Talent Cloud Interview
  Scheduling").
- SmartRecruiters: step, event title, interview type, private invitations
  (help.smartrecruiters.com "Schedule an interview", learning.sap.com "Configuring Interview
  Scheduling").
- Workable: event types Call / Interview / Internal meeting; the internal title goes to
  coworkers, the candidate gets an invitation of their own (help.workable.com/hc/en-us/
  articles/115013135088).
- Personio: interview types, an organiser who need not attend, .ics invitations to every
  participant (support.personio.de/hc/de/articles/360000883057, .../360000800537).
- Teamtailor: the meeting title is the invitation's subject unless edited; the organiser is
  the sender alias (support.teamtailor.com/en/articles/8355597 "Book a meeting").
- Calendly: "<Invitee> and <Host>" with the event type in the description (spec).
- Cal.com: "{event type} between {host or team} and {attendee}" (calcom/cal.com
  getEventName, t("event_between_users")), "{event type} mit {name}" in German
  (apps/web/public/static/locales/de/common.json "ics_event_title").
- Karat: Interview Engineers conduct first-round technical interviews for client companies
  (karat.com/candidates/interview-engineers, customer-operations.zendesk.com "How To
  Invite a Candidate").
- CodeSignal, CoderPad: one interview link shared in the calendar invitation
  (support.codesignal.com/hc/en-us/articles/360045426814).
- Agencies: the consultant arranges the client's interview and confirms it to both sides
  (arrangeai.io/blog/how-interview-scheduling-works-when-youre-the-middleman,
  secure-recruitment.com/interview-process-recruiters-role).
- German, Spanish, French and Portuguese invitations: karrierebibel.de/einladung-zum-
  vorstellungsgespraech, personio.ch/hr-lexikon/einladung-zum-vorstellungsgespraech,
  manatal.com/es/hr-email-template, support.personio.de/hc/es/articles/360000983217,
  helloworkplace.fr/message-convocation-entretien-embauche, payfit.com/fr/fiches-pratiques/
  convocation-entretien-embauche, developers.gupy.io (Brazil's most used ATS).

Each persona's calendar comes in both wire forms (Google Calendar v3 ``events.list`` and
Microsoft Graph v1.0), with a labels document: ``me``, ``name``, ``also`` (the owner's other
addresses), ``labels`` (per Google id) and ``graph_ids``.

``python -m tests.service.detection.realistic_calendars OUT_DIR`` writes the files.
"""

from __future__ import annotations

import html
import json
import random
import sys
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

Json = dict[str, Any]
T = TypeVar("T")

# ------------------------------------------------------------------------------ people


def _ascii_local(name: str) -> str:
    """How people's names become addresses: "Jürgen Weiß" -> "juergen.weiss"."""
    text = name.lower()
    for accented, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(accented, plain)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return ".".join("".join(c for c in word if c.isalnum()) for word in text.split())


@dataclass(frozen=True)
class Who:
    name: str
    email: str
    shown: bool = True  # the invite carries the display name


@dataclass(frozen=True)
class Org:
    brand: str  # as the company writes its name
    domain: str
    lang: str  # the language its people write invites in


@dataclass(frozen=True)
class Guest:
    who: Who
    optional: bool = False
    resource: bool = False
    organizer: bool = False
    response: str = "accepted"


@dataclass
class Invite:
    title: str
    description: str = ""
    html: bool = False
    organizer: Who | None = None  # None: the owner made it
    guests: list[Guest] = field(default_factory=list)
    owner_as: str | None = "owner"  # "owner", "plus", "also" or None (not on the list)
    status: str = "confirmed"
    all_day: bool = False
    kind: str = "default"  # Google eventType
    owner_response: str = "accepted"
    minutes: int = 45
    # the label
    is_interview: bool = False
    stage: str | None = None
    company: str | None = None
    job_title: str | None = None
    interviewers: list[str] = field(default_factory=list)
    pattern: str = ""


FIRST = {
    "de": (
        "Jonas",
        "Lena",
        "Felix",
        "Anna",
        "Lukas",
        "Marie",
        "Tobias",
        "Katharina",
        "Jan",
        "Sophie",
        "Moritz",
        "Julia",
        "Jürgen",
        "Svenja",
        "Björn",
        "Ines",
    ),
    "es": (
        "Javier",
        "Lucía",
        "Pablo",
        "Carmen",
        "Alejandro",
        "Elena",
        "Sergio",
        "Marta",
        "Diego",
        "Laura",
        "Íñigo",
        "Nuria",
        "Raúl",
        "Begoña",
    ),
    "fr": (
        "Thomas",
        "Léa",
        "Nicolas",
        "Chloé",
        "Julien",
        "Manon",
        "Antoine",
        "Sarah",
        "Hugo",
        "Élodie",
        "François",
        "Inès",
        "Benoît",
        "Margaux",
    ),
    "pt": (
        "João",
        "Beatriz",
        "Lucas",
        "Ana",
        "Rafael",
        "Juliana",
        "Gabriel",
        "Fernanda",
        "Pedro",
        "Larissa",
        "Thiago",
        "Camila",
        "Vinícius",
        "Letícia",
    ),
    "en": (
        "Emily",
        "Michael",
        "Jessica",
        "David",
        "Ashley",
        "Chris",
        "Megan",
        "Daniel",
        "Kevin",
        "Rachel",
        "Brandon",
        "Nicole",
        "Tyler",
        "Hannah",
    ),
}
LAST = {
    "de": (
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Becker",
        "Wagner",
        "Schäfer",
        "Koch",
        "Richter",
        "Krüger",
        "Wolf",
        "Neumann",
        "Zimmermann",
    ),
    "es": (
        "García",
        "Fernández",
        "López",
        "Martínez",
        "Sánchez",
        "Pérez",
        "Gómez",
        "Ruiz",
        "Díaz",
        "Moreno",
        "Muñoz",
        "Navarro",
        "Romero",
        "Iglesias",
    ),
    "fr": (
        "Bernard",
        "Dubois",
        "Robert",
        "Richard",
        "Petit",
        "Durand",
        "Leroy",
        "Moreau",
        "Lefèvre",
        "Girard",
        "Fournier",
        "Mercier",
        "Faure",
        "Rousseau",
    ),
    "pt": (
        "Silva",
        "Santos",
        "Oliveira",
        "Souza",
        "Rodrigues",
        "Ferreira",
        "Alves",
        "Pereira",
        "Lima",
        "Gomes",
        "Carvalho",
        "Ribeiro",
        "Almeida",
        "Barbosa",
    ),
    "en": (
        "Johnson",
        "Williams",
        "Brown",
        "Jones",
        "Miller",
        "Davis",
        "Wilson",
        "Anderson",
        "Moore",
        "Jackson",
        "Harris",
        "Clark",
        "Lewis",
        "Walker",
    ),
}

ORGS: dict[str, tuple[Org, ...]] = {
    "de": (
        Org("Kiezkraft", "kiezkraft.de", "de"),
        Org("Lumen Mobility", "lumen-mobility.de", "de"),
        Org("Brauwerk Analytics", "brauwerk.io", "de"),
        Org("Nordlicht Versicherung", "nordlicht-versicherung.de", "de"),
        Org("Helix Bau", "helixbau.de", "de"),
        Org("Datenfluss", "datenfluss.io", "de"),
        Org("Spreewerk Energie", "spreewerk.de", "de"),
        Org("Fahrwerk Robotics", "fahrwerk-robotics.com", "en"),
    ),
    "es": (
        Org("Olivo Pagos", "olivopagos.es", "es"),
        Org("Grupo Marea", "grupomarea.com", "es"),
        Org("Sierra Logística", "sierralogistica.es", "es"),
        Org("Alba Salud", "albasalud.com", "es"),
        Org("Tapas Digital", "tapasdigital.es", "es"),
        Org("Faro Seguros", "faroseguros.es", "es"),
        Org("Cierzo Energía", "cierzo-energia.com", "es"),
        Org("Brisa Labs", "brisalabs.io", "en"),
    ),
    "fr": (
        Org("Maison Lumière", "maisonlumiere.fr", "fr"),
        Org("Atelier Numérique", "ateliernumerique.fr", "fr"),
        Org("Banque du Rhône", "banquedurhone.fr", "fr"),
        Org("Pixel & Cie", "pixeletcie.com", "fr"),
        Org("Vélo Express", "veloexpress.fr", "fr"),
        Org("Mistral Data", "mistraldata.fr", "fr"),
        Org("Chevrefeuille Santé", "chevrefeuille-sante.fr", "fr"),
        Org("Quai Ouest Studio", "quaiouest.io", "en"),
    ),
    "pt": (
        Org("Ipê Tecnologia", "ipetecnologia.com.br", "pt"),
        Org("Banco Aurora", "bancoaurora.com.br", "pt"),
        Org("Rede Farol", "redefarol.com.br", "pt"),
        Org("Jabuti Pagamentos", "jabutipag.com.br", "pt"),
        Org("Mandacaru Saúde", "mandacarusaude.com.br", "pt"),
        Org("Tucano Logística", "tucanolog.com.br", "pt"),
        Org("Serra Azul Energia", "serraazul.com.br", "pt"),
        Org("Cacau Labs", "cacaulabs.io", "en"),
    ),
    "en": (
        Org("Harbor & Pine Health", "harborpine.com", "en"),
        Org("Quantum Lattice", "qlattice.ai", "en"),
        Org("Redwood Analytics", "redwoodanalytics.com", "en"),
        Org("Meridian Bank", "meridianbank.com", "en"),
        Org("Bluegill Games", "bluegillgames.com", "en"),
        Org("Tallgrass Energy", "tallgrass-energy.com", "en"),
        Org("Copperline Logistics", "copperline.co", "en"),
        Org("Sundial Health", "sundialhealth.org", "en"),
    ),
}
# Agencies and their country domains.
AGENCIES = {
    "de": (Org("Hays", "hays.de", "de"), Org("Michael Page", "michaelpage.de", "de")),
    "es": (Org("Hays", "hays.es", "es"), Org("Michael Page", "michaelpage.es", "es")),
    "fr": (Org("Hays", "hays.fr", "fr"), Org("Robert Walters", "robertwalters.fr", "fr")),
    "pt": (
        Org("Michael Page", "michaelpage.com.br", "pt"),
        Org("Robert Half", "roberthalf.com.br", "pt"),
    ),
    "en": (Org("Robert Walters", "robertwalters.com", "en"), Org("Hays", "hays.com", "en")),
}

# (as written in the invite, the job title a reader takes from it)
ROLES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("Senior Backend Engineer", "Senior Backend Engineer"),
        ("Software Engineer - Infrastructure", "Software Engineer - Infrastructure"),
        ("Head of Platform Engineering", "Head of Platform Engineering"),
        ("Data Analyst", "Data Analyst"),
        ("Product Designer", "Product Designer"),
        ("Staff Software Engineer", "Staff Software Engineer"),
        ("Engineering Manager", "Engineering Manager"),
        ("Customer Success Manager", "Customer Success Manager"),
        ("Site Reliability Engineer", "Site Reliability Engineer"),
        ("Machine Learning Engineer", "Machine Learning Engineer"),
        ("Lead Data Scientist", "Lead Data Scientist"),
        ("Solutions Architect", "Solutions Architect"),
        ("Technical Recruiter", "Technical Recruiter"),
        ("Senior Product Manager", "Senior Product Manager"),
    ),
    "de": (
        ("Senior Backend Engineer (m/w/d)", "Senior Backend Engineer"),
        ("Werkstudent Data Analytics (w/m/d)", "Werkstudent Data Analytics"),
        ("Produktmanager (m/w/d)", "Produktmanager"),
        ("Softwareentwickler Java (m/w/d)", "Softwareentwickler Java"),
        ("Teamleiter Kundenservice (m/w/d)", "Teamleiter Kundenservice"),
        ("Data Engineer (f/m/x)", "Data Engineer"),
        ("UX Designerin (m/w/d)", "UX Designerin"),
        ("Referent Personalentwicklung (m/w/d)", "Referent Personalentwicklung"),
        ("Controller (m/w/d)", "Controller"),
        ("Projektleiter IT-Infrastruktur (m/w/d)", "Projektleiter IT-Infrastruktur"),
    ),
    "es": (
        ("Desarrollador Backend Senior", "Desarrollador Backend Senior"),
        ("Analista de Datos", "Analista de Datos"),
        ("Ingeniera de Software", "Ingeniera de Software"),
        ("Responsable de Marketing Digital", "Responsable de Marketing Digital"),
        ("Jefe de Proyecto", "Jefe de Proyecto"),
        ("Científica de Datos", "Científica de Datos"),
        ("Técnico de Soporte", "Técnico de Soporte"),
        ("Product Manager", "Product Manager"),
    ),
    "fr": (
        ("Développeur Full Stack (H/F)", "Développeur Full Stack"),
        ("Chef de projet digital (F/H)", "Chef de projet digital"),
        ("Data Analyst (H/F)", "Data Analyst"),
        ("Ingénieure DevOps", "Ingénieure DevOps"),
        ("Chargé de recrutement (H/F)", "Chargé de recrutement"),
        ("Responsable Produit", "Responsable Produit"),
        ("Consultant SAP (H/F)", "Consultant SAP"),
        ("Comptable fournisseurs (F/H)", "Comptable fournisseurs"),
    ),
    "pt": (
        ("Analista de Dados Pleno", "Analista de Dados Pleno"),
        ("Engenheiro de Software Sênior", "Engenheiro de Software Sênior"),
        ("Desenvolvedora Front-end", "Desenvolvedora Front-end"),
        ("Gerente de Produto", "Gerente de Produto"),
        ("Coordenador de Marketing", "Coordenador de Marketing"),
        ("Estagiário de Finanças", "Estagiário de Finanças"),
        ("Analista de Suporte Júnior", "Analista de Suporte Júnior"),
    ),
}
RECRUITING_ROLES = (
    ("Technical Recruiter", "Technical Recruiter"),
    ("Senior Talent Partner", "Senior Talent Partner"),
    ("Recruitment Lead", "Recruitment Lead"),
)

# Stage phrases: (words, stage, whether they make the title say "interview" by themselves)
STAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("Phone Screen", "phone_screen"),
        ("Recruiter Screen", "phone_screen"),
        ("Intro Call", "phone_screen"),
        ("Tech Screen", "phone_screen"),
        ("Technical Interview", "interview"),
        ("Hiring Manager Interview", "interview"),
        ("System Design Interview", "interview"),
        ("Second Interview", "interview"),
        ("Virtual Onsite", "final_round"),
        ("Final Round Interview", "final_round"),
        ("Panel Interview", "panel"),
    ),
    "de": (
        ("Telefoninterview", "phone_screen"),
        ("Erstgespräch", "phone_screen"),
        ("Telefonisches Erstgespräch", "phone_screen"),
        ("Vorstellungsgespräch", "interview"),
        ("Zweitgespräch", "interview"),
        ("Fachinterview", "interview"),
        ("Technisches Interview", "interview"),
        ("Finales Gespräch", "final_round"),
        ("Finale Runde", "final_round"),
        ("Panel-Interview", "panel"),
    ),
    "es": (
        ("Llamada inicial", "phone_screen"),
        ("Entrevista telefónica", "phone_screen"),
        ("Primera entrevista", "interview"),
        ("Entrevista técnica", "interview"),
        ("Segunda entrevista", "interview"),
        ("Entrevista", "interview"),
        ("Entrevista final", "final_round"),
        ("Última entrevista", "final_round"),
        ("Entrevista en panel", "panel"),
    ),
    "fr": (
        ("Premier échange téléphonique", "phone_screen"),
        ("Entretien téléphonique", "phone_screen"),
        ("Entretien technique", "interview"),
        ("Entretien avec le manager", "interview"),
        ("Second entretien", "interview"),
        ("Entretien", "interview"),
        ("Entretien final", "final_round"),
        ("Dernier entretien", "final_round"),
    ),
    "pt": (
        ("Conversa inicial com RH", "phone_screen"),
        ("Entrevista por telefone", "phone_screen"),
        ("Entrevista técnica", "interview"),
        ("Entrevista com gestor", "interview"),
        ("Segunda entrevista", "interview"),
        ("Entrevista", "interview"),
        ("Entrevista final", "final_round"),
        ("Painel com o time", "panel"),
    ),
}

# How each language says "with", "at" (the company), "for the position of".
WORDS = {
    "en": {
        "with": "with",
        "at": "at",
        "for": "for",
        "via": "via",
        "and": "and",
        "between": "between",
        "position": "Position",
    },
    "de": {
        "with": "mit",
        "at": "bei",
        "for": "für",
        "via": "über",
        "and": "und",
        "between": "zwischen",
        "position": "Position",
    },
    "es": {
        "with": "con",
        "at": "en",
        "for": "para el puesto de",
        "via": "vía",
        "and": "y",
        "between": "entre",
        "position": "Puesto",
    },
    "fr": {
        "with": "avec",
        "at": "chez",
        "for": "pour le poste de",
        "via": "via",
        "and": "et",
        "between": "entre",
        "position": "Poste",
    },
    "pt": {
        "with": "com",
        "at": "na",
        "for": "para a vaga de",
        "via": "via",
        "and": "e",
        "between": "entre",
        "position": "Vaga",
    },
}

# Lines of the descriptions, per language.
TEXT = {
    "en": {
        "hello": "Hi {first},",
        "thanks": "Thank you for your interest in the {role} role at {company}.",
        "confirm": "We're excited to confirm your interview with {company}.",
        "interviewers": "Interviewers: {names}",
        "you_meet": "You'll meet with {names}.",
        "coordinator": "Coordinator: {name}, Recruiting Coordinator",
        "scheduled_by": "Scheduled by {name}, {agency}",
        "role_line": "Role: {role}",
        "join": "Join with Google Meet: https://meet.google.com/{code}",
        "sign": "Best,\n{name}\nRecruiting Coordinator",
        "talk_role": "As discussed, a conversation about the {role} position.",
        "candidate_line": "Candidate: {name}",
    },
    "de": {
        "hello": "Hallo {first},",
        "thanks": "vielen Dank für Ihre Bewerbung als {role} bei {company}.",
        "confirm": "wir freuen uns, Ihnen den Termin für Ihr Gespräch bei {company} zu bestätigen.",
        "interviewers": "Ihre Gesprächspartner: {names}",
        "you_meet": "Sie sprechen mit {names}.",
        "coordinator": "Organisiert von {name}, Recruiting Koordination",
        "scheduled_by": "Vereinbart von {name}, {agency}",
        "role_line": "Position: {role}",
        "join": "Microsoft Teams-Besprechung\n"
        "Über Ihren Computer oder die mobile App teilnehmen\nBesprechungs-ID: 341 552 {code}",
        "sign": "Viele Grüße\n{name}\nRecruiting Koordination",
        "talk_role": "wie besprochen unser Gespräch zur Position {role}.",
        "candidate_line": "Kandidat: {name}",
    },
    "es": {
        "hello": "Hola {first}:",
        "thanks": "Gracias por tu interés en el puesto de {role} en {company}.",
        "confirm": "Te confirmamos la entrevista con {company}.",
        "interviewers": "Entrevistadores: {names}",
        "you_meet": "Hablarás con {names}.",
        "coordinator": "Coordinado por {name}, coordinadora de selección",
        "scheduled_by": "Organizado por {name}, {agency}",
        "role_line": "Puesto: {role}",
        "join": "Unirse con Google Meet: https://meet.google.com/{code}",
        "sign": "Un saludo,\n{name}\nCoordinación de selección",
        "talk_role": "como hablamos, una conversación sobre el puesto de {role}.",
        "candidate_line": "Candidato: {name}",
    },
    "fr": {
        "hello": "Bonjour {first},",
        "thanks": "Merci pour votre candidature au poste de {role} chez {company}.",
        "confirm": "Nous avons le plaisir de vous confirmer votre entretien avec {company}.",
        "interviewers": "Vos interlocuteurs : {names}",
        "you_meet": "Vous échangerez avec {names}.",
        "coordinator": "Organisé par {name}, chargée de recrutement",
        "scheduled_by": "Organisé par {name}, {agency}",
        "role_line": "Poste : {role}",
        "join": "Réunion Microsoft Teams\n"
        "Rejoindre sur votre ordinateur ou l'application mobile\nID de réunion : 228 {code}",
        "sign": "Bien à vous,\n{name}\nCoordination recrutement",
        "talk_role": "comme convenu, un échange au sujet du poste de {role}.",
        "candidate_line": "Candidat : {name}",
    },
    "pt": {
        "hello": "Olá, {first}!",
        "thanks": "Obrigado pelo interesse na vaga de {role} na {company}.",
        "confirm": "Confirmamos a sua entrevista com a {company}.",
        "interviewers": "Entrevistadores: {names}",
        "you_meet": "Você vai conversar com {names}.",
        "coordinator": "Agendado por {name}, coordenação de recrutamento",
        "scheduled_by": "Agendado por {name}, {agency}",
        "role_line": "Vaga: {role}",
        "join": "Participar com o Google Meet: https://meet.google.com/{code}",
        "sign": "Abraços,\n{name}\nCoordenação de recrutamento",
        "talk_role": "conforme combinado, uma conversa sobre a vaga de {role}.",
        "candidate_line": "Candidato: {name}",
    },
}


@dataclass(frozen=True)
class Persona:
    key: str
    name: str
    email: str
    zone: str
    langs: tuple[tuple[str, float], ...]  # the languages of the invites, with weights
    home: str  # where the companies and people come from
    plus: str | None = None  # a plus-address the owner gives out
    also: tuple[str, ...] = ()  # other addresses the owner lists as theirs
    employer: Org | None = None  # an owner whose calendar is their employer's
    hiring_side_weight: float = 0.04
    agency_owner: bool = False
    seed: int = 1


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "berlin",
        "Lena Hoffmann",
        "lena.hoffmann@gmail.com",
        "Europe/Berlin",
        (("de", 0.7), ("en", 0.3)),
        "de",
        plus="lena.hoffmann+jobs@gmail.com",
        seed=11,
    ),
    Persona(
        "madrid",
        "Lucía Fernández Ortega",
        "lucia.fdez.ortega@outlook.es",
        "Europe/Madrid",
        (("es", 0.75), ("en", 0.25)),
        "es",
        seed=12,
    ),
    Persona(
        "paris",
        "Camille Dubois",
        "camille.dubois@orange.fr",
        "Europe/Paris",
        (("fr", 0.75), ("en", 0.25)),
        "fr",
        also=("c.dubois.pro@gmail.com",),
        seed=13,
    ),
    Persona(
        "sao-paulo",
        "Mariana Souza",
        "mariana.souza@gmail.com",
        "America/Sao_Paulo",
        (("pt", 0.75), ("en", 0.25)),
        "pt",
        plus="mariana.souza+vagas@gmail.com",
        seed=14,
    ),
    Persona(
        "us-corporate",
        "Priya Raman",
        "priya.raman@crestline.io",
        "America/Chicago",
        (("en", 1.0),),
        "en",
        also=("priya.raman.pm@gmail.com",),
        employer=Org("Crestline Software", "crestline.io", "en"),
        hiring_side_weight=0.3,
        seed=15,
    ),
    Persona(
        "agency-recruiter",
        "Oliver Grant",
        "oliver.grant@talentbridge.co.uk",
        "Europe/London",
        (("en", 0.8), ("de", 0.2)),
        "en",
        also=("olly.grant@gmail.com",),
        employer=Org("Talentbridge", "talentbridge.co.uk", "en"),
        hiring_side_weight=0.3,
        agency_owner=True,
        seed=16,
    ),
)


# ------------------------------------------------------------------------------ drawing


class _World:
    def __init__(self, persona: Persona, rng: random.Random) -> None:
        self.persona = persona
        self.rng = rng
        self.lang = "en"

    # choices
    def pick(self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def draw_lang(self) -> str:
        roll, total = self.rng.random(), 0.0
        for lang, weight in self.persona.langs:
            total += weight
            if roll < total:
                return lang
        return self.persona.langs[-1][0]

    def org(self) -> Org:
        """A company of the persona's country, writing in the invite's language."""
        home = ORGS[self.persona.home]
        if self.lang == "en" and self.persona.home != "en":
            english = [o for o in home if o.lang == "en"]
            if self.chance(0.5):
                return self.pick(english + list(ORGS["en"][:3]))
        candidates = [o for o in home if o.lang == self.lang] or list(home)
        return self.pick(candidates)

    def person(self, org: Org | None, lang: str | None = None, shown: float = 0.9) -> Who:
        lang = lang or (org.lang if org else self.lang)
        first, last = self.pick(FIRST[lang]), self.pick(LAST[lang])
        name = f"{first} {last}"
        domain = (
            org.domain
            if org
            else self.pick(("gmail.com", "gmx.de", "hotmail.com", "yahoo.fr", "uol.com.br"))
        )
        return Who(name, f"{_ascii_local(name)}@{domain}", shown=self.chance(shown))

    def people(self, org: Org, count: int) -> list[Who]:
        chosen: list[Who] = []
        while len(chosen) < count:
            who = self.person(org)
            if all(
                w.email != who.email and w.name.split()[0] != who.name.split()[0] for w in chosen
            ):
                chosen.append(who)
        return chosen

    def role(self) -> tuple[str, str]:
        return self.pick(ROLES[self.lang])

    def stage(self, kinds: Sequence[str] | None = None) -> tuple[str, str]:
        options = [s for s in STAGES[self.lang] if kinds is None or s[1] in kinds]
        return self.pick(options)

    def text(self, key: str, **values: str) -> str:
        return TEXT[self.lang][key].format(**values)

    def word(self, key: str) -> str:
        return WORDS[self.lang][key]

    def code(self) -> str:
        letters = "abcdefghijkmnopqrstuvwxyz"
        return "-".join("".join(self.pick(letters) for _ in range(n)) for n in (3, 4, 3))

    @property
    def owner(self) -> Who:
        return Who(self.persona.name, self.persona.email)

    def owner_address(self) -> str:
        """The address an invite reaches the owner at: a plus-address, another address of
        theirs, or (an employee) the personal address, forwarded into the work calendar."""
        if self.persona.plus and self.chance(0.35):
            return "plus"
        if self.persona.also and self.chance(0.7 if self.persona.employer else 0.25):
            return "also"
        return "owner"


def domain_name(domain: str) -> str:
    """The spec's last resort for the company: the registrable name, hyphens as spaces, each
    word capitalised (written here from the spec, not taken from the detector)."""
    labels = domain.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("com", "co"):
        name = labels[-3]
    else:
        name = labels[-2]
    return " ".join(word.capitalize() for word in name.split("-"))


def _names(people: Sequence[Who], lang: str) -> str:
    if not people:
        return ""
    if len(people) == 1:
        return people[0].name
    return ", ".join(p.name for p in people[:-1]) + f" {WORDS[lang]['and']} " + people[-1].name


def _with_stage_label(invite: Invite, stage: str) -> Invite:
    """The spec's order: a final round or screen stays; otherwise two interviewers are a panel."""
    if stage == "interview" and len(invite.interviewers) >= 2:
        stage = "panel"
    invite.stage = stage
    return invite


def _interview(
    invite: Invite,
    stage: str,
    company: str,
    job_title: str | None,
    interviewers: Sequence[Who],
    pattern: str,
) -> Invite:
    invite.is_interview = True
    invite.company = company
    invite.job_title = job_title
    invite.interviewers = [w.email for w in interviewers]
    invite.pattern = pattern
    return _with_stage_label(invite, stage)


# ------------------------------------------------------------------------------ interviews


def _ats_title(world: _World, stage_words: str, company: str, role: str | None) -> str:
    """How an ATS's candidate-facing title reads in the invite's language."""
    w = world.word
    owner = world.persona.name
    if role is None:
        forms = [
            f"{stage_words} {w('with')} {company}",
            f"{company} - {stage_words}",
            f"{stage_words}: {owner} / {company}",
        ]
    elif world.lang == "en":
        forms = [
            f"{stage_words}: {owner} / {role} ({company})",
            f"{company} | {role} - {stage_words}",
            f"{stage_words} for {role} at {company}",
            f"{company} {stage_words} - {role}",
        ]
    elif world.lang == "de":
        forms = [
            f"{stage_words} bei {company} - {role}",
            f"{company} | {stage_words} | {role}",
            f"{stage_words}: {role} bei {company}",
            f"Einladung: {stage_words} - {role} ({company})",
        ]
    elif world.lang == "es":
        forms = [
            f"{stage_words} con {company} para el puesto de {role}",
            f"{company} | {stage_words} - {role}",
            f"{stage_words}: {role} ({company})",
        ]
    elif world.lang == "fr":
        forms = [
            f"{stage_words} avec {company} - {role}",
            f"{company} | {stage_words} pour le poste de {role}",
            f"{stage_words} : {role} ({company})",
        ]
    else:
        forms = [
            f"{stage_words} com a {company} - {role}",
            f"{company} | {stage_words} para a vaga de {role}",
            f"{stage_words}: {role} ({company})",
        ]
    return world.pick(forms)


def ats_confirmation(world: _World) -> Invite:
    """Greenhouse, Lever, iCIMS, SmartRecruiters, Workable, Personio, Teamtailor: a
    coordinator sends the candidate their own invitation, the interviewers listed or not."""
    org = world.org()
    role_text, role = world.role()
    stage_words, stage = world.stage()
    panel = stage == "panel"
    count = world.pick((2, 3)) if panel else world.pick((0, 1, 1, 1, 2))
    interviewers = world.people(org, count + 1)
    coordinator = interviewers.pop()
    role_in_title = world.chance(0.75)
    title = _ats_title(world, stage_words, org.brand, role_text if role_in_title else None)
    lines = [world.text("hello", first=world.persona.name.split()[0])]
    lines.append(
        world.text("thanks", role=role_text, company=org.brand)
        if world.chance(0.6)
        else world.text("confirm", company=org.brand)
    )
    if not role_in_title:
        lines.append(world.text("role_line", role=role_text))
    if interviewers:
        lines.append(
            world.text(
                world.pick(("interviewers", "you_meet")), names=_names(interviewers, world.lang)
            )
        )
    lines.append(world.text("join", code=world.code()))
    guests = [Guest(w) for w in interviewers]
    coordinator_listed = world.chance(0.5)
    if coordinator_listed:
        guests.append(Guest(coordinator, organizer=True))
    # the coordinator is named as such, in a line of their own or under their signature
    lines.append(world.text(world.pick(("coordinator", "sign")), name=coordinator.name))
    invite = Invite(
        title=title,
        description="\n".join(lines),
        html=world.chance(0.5),
        organizer=coordinator,
        guests=guests,
        owner_as=world.owner_address(),
    )
    return _interview(invite, stage, org.brand, role, interviewers, "ats_confirmation")


def recruiter_call(world: _World) -> Invite:
    """A recruiter's own invite from their calendar (Meet, Zoom, Teams): the recruiter is the
    one the candidate talks to."""
    org = world.org()
    recruiter = world.person(org)
    role_text, role = world.role()
    owner_first = world.persona.name.split()[0]
    forms = {
        "en": [
            (f"Intro call - {org.brand} x {world.persona.name}", "phone_screen", False),
            (f"{org.brand} <> {world.persona.name} | Recruiter Screen", "phone_screen", False),
            (f"Quick chat about the {role_text} role ({org.brand})", "interview", True),
            (f"{owner_first} / {recruiter.name.split()[0]} - phone screen", "phone_screen", False),
        ],
        "de": [
            (f"Kennenlerngespräch {org.brand} / {world.persona.name}", "phone_screen", False),
            (f"Telefonat zur Position {role_text} - {org.brand}", "phone_screen", True),
            (f"Erstgespräch {org.brand} x {world.persona.name}", "phone_screen", False),
            (f"Ihr Vorstellungsgespräch bei {org.brand}", "interview", False),
        ],
        "es": [
            (f"Llamada inicial con {org.brand}", "phone_screen", False),
            (f"Llamada con RR. HH. - {org.brand}", "phone_screen", False),
            (f"Entrevista {org.brand} / {world.persona.name}", "interview", False),
        ],
        "fr": [
            (f"Premier échange téléphonique - {org.brand}", "phone_screen", False),
            (f"Échange RH {org.brand} / {world.persona.name}", "phone_screen", False),
            (f"Entretien {org.brand} - {world.persona.name}", "interview", False),
        ],
        "pt": [
            (f"Conversa inicial com RH - {org.brand}", "phone_screen", False),
            (f"Bate-papo com RH | {org.brand}", "phone_screen", False),
            (f"Entrevista {org.brand} x {world.persona.name}", "interview", False),
        ],
    }[world.lang]
    title, stage, role_named = world.pick(forms)
    lines = [world.text("hello", first=owner_first), world.text("confirm", company=org.brand)]
    if not role_named and world.chance(0.6):
        lines.append(world.text("role_line", role=role_text))
        job_title: str | None = role
    else:
        job_title = role if role_named else None
    if world.chance(0.5):
        lines.append(
            f"{recruiter.name} is inviting you to a scheduled Zoom meeting."
            if world.lang == "en"
            else world.text("join", code=world.code())
        )
    invite = Invite(
        title=title,
        description="\n".join(lines),
        organizer=recruiter,
        guests=[Guest(recruiter, organizer=True)],
        owner_as=world.owner_address(),
        minutes=30,
    )
    return _interview(invite, stage, org.brand, job_title, [recruiter], "recruiter_call")


def role_only_in_description(world: _World) -> Invite:
    """A title of names and the company; the description says what it is about."""
    org = world.org()
    person = world.person(org)
    role_text, role = world.role()
    title = world.pick(
        (
            f"{org.brand} / {world.persona.name}",
            f"{world.persona.name} <> {org.brand}",
            f"{person.name.split()[0]} / {world.persona.name.split()[0]} ({org.brand})",
        )
    )
    lines = [
        world.text("hello", first=world.persona.name.split()[0]),
        world.text("talk_role", role=role_text),
    ]
    invite = Invite(
        title=title,
        description="\n".join(lines),
        organizer=person,
        guests=[Guest(person, organizer=True)],
        owner_as=world.owner_address(),
    )
    return _interview(invite, "interview", org.brand, role, [person], "role_only_in_description")


def booking_page(world: _World) -> Invite:
    """Calendly ("<Invitee> and <Host>", the event type in the description) and Cal.com
    ("<event type> between <team> and <invitee>")."""
    org = world.org()
    host = world.person(org)
    stage_words, stage = world.stage(("phone_screen", "interview"))
    owner = world.persona.name
    role_text, role = world.role()
    job_title: str | None = None
    if world.chance(0.5):  # Calendly
        title = f"{owner} {world.word('and')} {host.name}"
        lines = [f"Event Name: {stage_words} - {org.brand}"]
        if world.chance(0.5):
            lines.append(world.text("role_line", role=role_text))
            job_title = role
        lines.append("Powered by Calendly.com")
        organizer = host
        pattern = "calendly"
    else:  # Cal.com
        team = world.pick((f"{org.brand} Talent", f"{org.brand} Recruiting", org.brand))
        title = f"{stage_words} {world.word('between')} {team} {world.word('and')} {owner}"
        lines = [f"{stage_words}", world.text("join", code=world.code())]
        if world.chance(0.4):
            lines.insert(1, world.text("role_line", role=role_text))
            job_title = role
        organizer = host
        pattern = "cal.com"
    invite = Invite(
        title=title,
        description="\n".join(lines),
        organizer=organizer,
        guests=[Guest(host, organizer=True)],
        owner_as=world.owner_address(),
        minutes=30,
    )
    return _interview(invite, stage, org.brand, job_title, [host], pattern)


def hidden_guests(world: _World) -> Invite:
    """Ashby's shared candidate calendar, Workday, a Greenhouse .ics: only the candidate is on
    the invite."""
    org = world.org()
    role_text, role = world.role()
    stage_words, stage = world.stage()
    kind = world.pick(("ashby", "workday", "goodtime"))
    if kind == "ashby":
        organizer = Who(
            f"{org.brand} Candidate Interviews",
            f"c_{zlib.crc32(org.domain.encode()):08x}@group.calendar.google.com",
        )
        title = _ats_title(world, stage_words, org.brand, role_text)
        job_title: str | None = role
    elif kind == "workday":
        organizer = Who(f"{org.brand} Recruiting", f"{org.domain.split('.')[0]}@myworkday.com")
        req = f"JR-{world.rng.randint(10000, 99999)}"
        title = f"{stage_words} - {req} {role_text}"
        job_title = role
    else:
        organizer = Who(f"{org.brand} Recruiting", "scheduling@goodtime.io")
        title = f"{stage_words} - {org.brand}"
        job_title = None
    lines = [world.text("confirm", company=org.brand), world.text("join", code=world.code())]
    invite = Invite(
        title=title,
        description="\n".join(lines),
        organizer=organizer,
        guests=[],
        owner_as=world.owner_address(),
    )
    return _interview(invite, stage, org.brand, job_title, [], f"hidden_guests_{kind}")


def agency_invite(world: _World) -> Invite:
    """An agency consultant sends the client's interview; the client is the company."""
    agency = world.pick(AGENCIES[world.persona.home if world.lang != "en" else "en"])
    client = world.org()
    role_text, role = world.role()
    stage_words, stage = world.stage(("interview", "final_round"))
    count = world.pick((0, 1, 1, 2))
    client_people = world.people(client, count)
    consultant = world.person(agency)
    while any(p.name == consultant.name for p in client_people):  # two people, two names
        consultant = world.person(agency)
    via = world.word("via")
    title = world.pick(
        (
            f"{stage_words} {world.word('at')} {client.brand} - {role_text} ({via} {agency.brand})",
            f"{client.brand}: {stage_words} {role_text} ({via} {agency.brand})",
        )
    )
    lines = [world.text("hello", first=world.persona.name.split()[0])]
    if client_people:
        lines.append(world.text("interviewers", names=_names(client_people, world.lang)))
    lines.append(world.text("scheduled_by", name=consultant.name, agency=agency.brand))
    guests = [Guest(w) for w in client_people]
    if world.chance(0.5):
        guests.append(Guest(consultant, organizer=True))
    invite = Invite(
        title=title,
        description="\n".join(lines),
        organizer=consultant,
        guests=guests,
        owner_as=world.owner_address(),
    )
    return _interview(invite, stage, client.brand, role, client_people, "agency")


def interviewing_service(world: _World) -> Invite:
    """Karat runs the first technical round for its client; its Interview Engineer
    interviews."""
    client = world.org()
    role_text, role = world.role()
    engineer = world.person(Org("Karat", "karat.com", "en"), lang="en")
    title = world.pick(
        (
            f"Karat Technical Interview: {client.brand} - {role_text}",
            f"{client.brand} Technical Interview (conducted by Karat)",
        )
    )
    job_title = role if role_text in title else None
    lines = [
        f"Your technical interview for {client.brand} is confirmed.",
        f"Interview Engineer: {engineer.name}",
        "Join: https://app.karat.io/interview/" + world.code(),
    ]
    invite = Invite(
        title=title,
        description="\n".join(lines),
        organizer=Who("Karat Scheduling", "scheduling@karat.com"),
        guests=[Guest(engineer)],
        owner_as=world.owner_address(),
        minutes=60,
    )
    return _interview(invite, "interview", client.brand, job_title, [engineer], "karat")


def coding_tool(world: _World) -> Invite:
    """A live coding round on CodeSignal or CoderPad: the tool's name is not the role."""
    org = world.org()
    role_text, role = world.role()
    tool = world.pick(("CoderPad", "CodeSignal"))
    people = world.people(org, world.pick((1, 1, 2)))
    title = world.pick(
        (
            f"Technical Interview ({tool}) - {org.brand} - {role_text}",
            f"{org.brand} | {role_text} | Live Coding on {tool}",
        )
    )
    link = (
        "https://app.coderpad.io/" + world.code()
        if tool == "CoderPad"
        else "https://app.codesignal.com/live-interview/" + world.code()
    )
    lines = [world.text("interviewers", names=_names(people, world.lang)), f"{tool}: {link}"]
    invite = Invite(
        title=title,
        description="\n".join(lines),
        organizer=people[0],
        guests=[Guest(w, organizer=i == 0) for i, w in enumerate(people)],
        owner_as=world.owner_address(),
        minutes=60,
    )
    return _interview(invite, "interview", org.brand, role, people, "coding_tool")


def interviewer_event_with_candidate(world: _World) -> Invite:
    """An event written for the interviewers (kit link, feedback form) that the candidate was
    added to: the title names the owner as the candidate."""
    org = world.org()
    role_text, role = world.role()
    people = world.people(org, world.pick((1, 2)))
    coordinator = world.person(org)
    title = world.pick(
        (
            f"Technical Interview - {world.persona.name} ({role_text})",
            f"Interview: {world.persona.name} for {role_text}",
        )
    )
    lines = [
        "Interview kit: https://app.greenhouse.io/guides/" + str(world.rng.randint(1000, 9999)),
        "Please submit your feedback form within 24 hours.",
        f"Candidate: {world.persona.name}",
    ]
    guests = [Guest(w) for w in people]
    guests.append(
        Guest(Who("Greenhouse Scheduling", f"{org.domain.split('.')[0]}@scheduling.greenhouse.io"))
    )
    invite = Invite(
        title=title,
        description="\n".join(lines),
        organizer=coordinator,
        guests=guests,
        owner_as=world.owner_address(),
    )
    # nothing on it names the company: the spec's fallback, the domain's name
    return _interview(
        invite,
        "interview",
        domain_name(org.domain),
        role,
        people,
        "interviewer_event_with_candidate",
    )


INTERVIEWS: tuple[tuple[float, Callable[[_World], Invite]], ...] = (
    (0.30, ats_confirmation),
    (0.16, recruiter_call),
    (0.06, role_only_in_description),
    (0.12, booking_page),
    (0.10, hidden_guests),
    (0.08, agency_invite),
    (0.05, interviewing_service),
    (0.07, coding_tool),
    (0.06, interviewer_event_with_candidate),
)


# ------------------------------------------------------------------------------ look-alikes


def _negative(invite: Invite, pattern: str) -> Invite:
    invite.is_interview = False
    invite.pattern = pattern
    return invite


NOT_INTERVIEWS = {
    "en": (
        "Interview prep with career coach",
        "Mock interview - {first}",
        "Podcast interview: The Data Hour",
        "Visa interview - US Consulate",
        "Career fair at {company}",
        "{company} info session",
        "Interview coaching session",
        "Reference call for {other}",
    ),
    "de": (
        "Interview-Vorbereitung (Coaching)",
        "Visa-Interview Konsulat",
        "Bewerbungstraining mit {first}",
        "Presseinterview mit der Lokalzeitung",
        "Jobmesse Berlin",
        "Probeinterview mit {first}",
        "Karriere-Coaching: Vorstellungsgespräche",
        "Mitarbeitergespräch",
    ),
    "es": (
        "Preparación de entrevista con {first}",
        "Entrevista para el visado",
        "Simulacro de entrevista",
        "Entrevista con la prensa",
        "Feria de empleo",
        "Coaching de carrera: entrevistas",
        "Evaluación de desempeño anual",
    ),
    "fr": (
        "Préparation entretien (coaching)",
        "Rendez-vous visa au consulat",
        "Simulation d'entretien avec {first}",
        "Entretien presse - Le Parisien",
        "Salon de l'emploi",
        "Coaching : réussir ses entretiens",
        "Entretien annuel d'évaluation",
    ),
    "pt": (
        "Preparação para entrevista",
        "Entrevista do visto no consulado",
        "Simulação de entrevista com {first}",
        "Entrevista para a imprensa",
        "Feira de carreiras",
        "Mentoria de carreira: entrevistas",
        "Avaliação de desempenho",
    ),
}


# Who sends those: career coaches, newspapers, friends.
SERVICES = {
    "en": Org("Northstar Career Coaching", "northstarcoaching.com", "en"),
    "de": Org("Karriere Kompass", "karrierekompass.de", "de"),
    "es": Org("Rumbo Talento", "rumbotalento.es", "es"),
    "fr": Org("Cap Carrière", "capcarriere.fr", "fr"),
    "pt": Org("Trilha Carreira", "trilhacarreira.com.br", "pt"),
}


def not_an_interview(world: _World) -> Invite:
    """Interview words that are not a job interview the owner sits as a candidate."""
    org = world.org()
    person = world.person(SERVICES[world.lang] if world.chance(0.6) else None)
    other = world.person(None)
    title = world.pick(NOT_INTERVIEWS[world.lang]).format(
        first=person.name.split()[0], company=org.brand, other=other.name
    )
    guests = [Guest(person, organizer=True)] if world.chance(0.7) else []
    return _negative(
        Invite(title=title, organizer=person if guests else None, guests=guests), "not_an_interview"
    )


def coffee_chat(world: _World) -> Invite:
    org = world.org()
    person = world.person(org)
    title = world.pick(
        {
            "en": (
                f"Coffee with {person.name.split()[0]} ({org.brand})",
                f"Networking chat - {org.brand}",
                f"Catch up with {person.name}",
            ),
            "de": (
                f"Kaffee mit {person.name.split()[0]} ({org.brand})",
                f"Austausch mit {person.name}",
                "Mittagessen Networking",
            ),
            "es": (f"Café con {person.name.split()[0]} ({org.brand})", f"Networking {org.brand}"),
            "fr": (
                f"Café avec {person.name.split()[0]} ({org.brand})",
                f"Déjeuner avec {person.name}",
            ),
            "pt": (
                f"Café com {person.name.split()[0]} ({org.brand})",
                f"Networking com {person.name}",
            ),
        }[world.lang]
    )
    return _negative(
        Invite(
            title=title,
            organizer=person,
            guests=[Guest(person, organizer=True)],
            owner_as=world.owner_address(),
        ),
        "coffee_chat",
    )


EVERYDAY = {
    "en": (
        "Dentist",
        "Team standup",
        "Sprint planning",
        "Lunch with {first}",
        "Gym",
        "1:1 {first} / {me}",
        "Quarterly business review",
        "Book club",
        "Call with landlord",
        "Design review",
    ),
    "de": (
        "Zahnarzt",
        "Team-Meeting",
        "Mittagessen mit {first}",
        "Yoga",
        "Elternabend",
        "Wochenplanung",
        "Steuerberater",
        "Friseur",
        "Sprint Review",
        "Jour fixe",
    ),
    "es": (
        "Dentista",
        "Reunión de equipo",
        "Comida con {first}",
        "Gimnasio",
        "Cita médico",
        "Planificación semanal",
        "Clase de inglés",
        "Revisión del sprint",
    ),
    "fr": (
        "Dentiste",
        "Réunion d'équipe",
        "Déjeuner avec {first}",
        "Yoga",
        "Point hebdo",
        "Rendez-vous médecin",
        "Cours de piano",
        "Revue de sprint",
    ),
    "pt": (
        "Dentista",
        "Reunião de equipe",
        "Almoço com {first}",
        "Academia",
        "Consulta médica",
        "Planejamento semanal",
        "Aula de inglês",
        "Revisão da sprint",
    ),
}


def everyday(world: _World) -> Invite:
    colleague_org = world.persona.employer or world.org()
    person = world.person(colleague_org if world.chance(0.5) else None)
    title = world.pick(EVERYDAY[world.lang]).format(
        first=person.name.split()[0], me=world.persona.name.split()[0]
    )
    if world.chance(0.4):
        return _negative(Invite(title=title, organizer=None, guests=[]), "everyday_solo")
    guests = [Guest(person, organizer=True)] + [
        Guest(p) for p in world.people(colleague_org, world.pick((0, 1, 2)))
    ]
    return _negative(Invite(title=title, organizer=person, guests=guests), "everyday")


def status_or_all_day(world: _World) -> Invite:
    org = world.org()
    roll = world.rng.random()
    if roll < 0.35:
        stage_words, _ = world.stage()
        return _negative(
            Invite(title=f"{stage_words} {org.brand}", all_day=True, organizer=None), "all_day"
        )
    if roll < 0.7:
        title, kind = world.pick(
            (
                ("Out of office", "outOfOffice"),
                ("Focus time", "focusTime"),
                ("Home", "workingLocation"),
            )
        )
        return _negative(Invite(title=title, kind=kind, organizer=None), "status_block")
    stage_words, _ = world.stage()
    return _negative(Invite(title=f"{stage_words} {org.brand}", organizer=None), "solo_reminder")


def cancelled_or_declined(world: _World) -> Invite:
    invite = ats_confirmation(world)
    if world.chance(0.5):
        invite.status = "cancelled"
    else:
        invite.owner_response = "declined"
    invite.is_interview = False
    invite.stage = invite.company = invite.job_title = None
    invite.interviewers = []
    invite.pattern = "cancelled_or_declined"
    return invite


def business_meeting(world: _World) -> Invite:
    org = world.org()
    person = world.person(org)
    title = world.pick(
        (
            f"Demo: {org.brand} x {world.persona.name.split()[0]}",
            f"Vendor call - {org.brand}",
            f"{org.brand} quarterly review",
            f"Sales call with {person.name}",
        )
    )
    return _negative(
        Invite(title=title, organizer=person, guests=[Guest(person, organizer=True)]),
        "business_meeting",
    )


# ------------------------------------------------------------------------------ hiring side


def _employer(world: _World) -> Org:
    return world.persona.employer or Org("Lindenhof Consulting", "lindenhof-consulting.de", "de")


def interviewer_facing(world: _World) -> Invite:
    """The owner interviews for their own company: Greenhouse / GoodTime interviewer events,
    the candidate named."""
    employer = _employer(world)
    candidate = world.person(None)
    role_text, _ = world.pick(ROLES["en"])
    colleagues = world.people(employer, world.pick((1, 2)))
    coordinator = world.person(employer)
    title = world.pick(
        (
            f"Interview: {candidate.name} for {role_text}",
            f"{candidate.name} - Technical Interview ({role_text})",
            f"[Interviewer] Onsite: {candidate.name} - {role_text}",
            f"Phone Screen - {candidate.name}",
        )
    )
    lines = [
        "Interview kit: https://app.greenhouse.io/guides/" + str(world.rng.randint(1000, 9999)),
        f"Candidate: {candidate.name}",
        "Scorecard due within 24 hours.",
    ]
    guests = [Guest(w) for w in colleagues]
    guests.append(Guest(Who("Greenhouse", "crestline@scheduling.greenhouse.io")))
    return _negative(
        Invite(title=title, description="\n".join(lines), organizer=coordinator, guests=guests),
        "hiring_side_interviewer",
    )


def hiring_meeting(world: _World) -> Invite:
    employer = _employer(world)
    candidate = world.person(None)
    role_text, _ = world.pick(ROLES["en"])
    colleagues = world.people(employer, 3)
    title = world.pick(
        (
            f"Debrief: {candidate.name} ({role_text})",
            f"Hiring Committee - {role_text}",
            f"Interviewer calibration: {role_text} loop",
            f"{role_text} pipeline review",
        )
    )
    return _negative(
        Invite(
            title=title,
            organizer=colleagues[0],
            guests=[Guest(w, organizer=i == 0) for i, w in enumerate(colleagues)],
        ),
        "hiring_side_meeting",
    )


def agency_client_interview(world: _World) -> Invite:
    """An agency recruiter's own calendar: their candidate meets a client."""
    client = world.org()
    candidate = world.person(None)
    role_text, _ = world.role()
    client_people = world.people(client, world.pick((1, 2)))
    stage_words, _ = world.stage(("interview", "final_round"))
    title = world.pick(
        (
            f"{stage_words}: {candidate.name} {world.word('with')} {client.brand} - {role_text}",
            f"Client interview - {client.brand} / {candidate.name}",
            f"{client.brand} {stage_words} ({candidate.name}, presented by Talentbridge)",
        )
    )
    lines = [
        world.text("candidate_line", name=candidate.name),
        world.text("interviewers", names=_names(client_people, world.lang)),
    ]
    guests = [Guest(w) for w in client_people] + [Guest(candidate)]
    return _negative(
        Invite(title=title, description="\n".join(lines), organizer=None, guests=guests),
        "hiring_side_agency",
    )


# ------------------------------------------------------------------------------ a calendar


@dataclass
class Calendar:
    google: Json
    graph: Json
    labels: Json


def _draw(world: _World) -> Invite:
    persona = world.persona
    world.lang = world.draw_lang()
    roll = world.rng.random()
    if roll < persona.hiring_side_weight:
        if persona.agency_owner:
            return world.pick((agency_client_interview, agency_client_interview, hiring_meeting))(
                world
            )
        return world.pick((interviewer_facing, interviewer_facing, hiring_meeting))(world)
    roll = world.rng.random()
    if roll < 0.45:
        weights = [w for w, _ in INTERVIEWS]
        template = world.rng.choices([t for _, t in INTERVIEWS], weights=weights)[0]
        return template(world)
    if roll < 0.57:
        return not_an_interview(world)
    if roll < 0.63:
        return coffee_chat(world)
    if roll < 0.70:
        return status_or_all_day(world)
    if roll < 0.75:
        return cancelled_or_declined(world)
    if roll < 0.79:
        return business_meeting(world)
    return everyday(world)


def _owner_entries(persona: Persona, invite: Invite) -> list[str]:
    """The owner's addresses on the guest list: none on an event the owner made alone; an
    invite forwarded from a personal address into a work calendar lists both."""
    if invite.owner_as is None or (invite.organizer is None and not invite.guests):
        return []
    if invite.owner_as == "plus" and persona.plus:
        return [persona.plus]
    if invite.owner_as == "also" and persona.also:
        return [persona.email, persona.also[0]] if persona.employer else [persona.also[0]]
    return [persona.email]


def _google_item(persona: Persona, invite: Invite, event_id: str, start: datetime) -> Json:
    owner = persona.email
    organizer = invite.organizer or Who(persona.name, owner)
    item: Json = {
        "kind": "calendar#event",
        "etag": f'"{zlib.crc32(event_id.encode())}"',
        "id": event_id,
        "status": invite.status,
        "summary": invite.title,
        "created": "2026-02-01T08:00:00.000Z",
        "updated": "2026-02-02T08:00:00.000Z",
        "creator": {"email": organizer.email},
        "organizer": {
            "email": organizer.email,
            **({"displayName": organizer.name} if organizer.shown else {}),
            **({"self": True} if invite.organizer is None else {}),
        },
        "eventType": invite.kind,
        "iCalUID": f"{event_id}@google.com",
        "sequence": 0,
    }
    if invite.all_day:
        item["start"] = {"date": start.date().isoformat()}
        item["end"] = {"date": (start.date() + timedelta(days=1)).isoformat()}
    else:
        item["start"] = {"dateTime": start.isoformat(), "timeZone": persona.zone}
        item["end"] = {
            "dateTime": (start + timedelta(minutes=invite.minutes)).isoformat(),
            "timeZone": persona.zone,
        }
    if invite.description:
        item["description"] = _as_html(invite.description) if invite.html else invite.description
    attendees: list[Json] = []
    for me in _owner_entries(persona, invite):
        entry: Json = {
            "email": me,
            "responseStatus": invite.owner_response,
            "displayName": persona.name,
        }
        if me == owner:
            entry["self"] = True
        attendees.append(entry)
    for guest in invite.guests:
        g: Json = {"email": guest.who.email, "responseStatus": guest.response}
        if guest.who.shown:
            g["displayName"] = guest.who.name
        if guest.organizer:
            g["organizer"] = True
        if guest.optional:
            g["optional"] = True
        if guest.resource:
            g["resource"] = True
        attendees.append(g)
    if attendees:
        item["attendees"] = attendees
    return item


def _as_html(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" if line else "<br>" for line in text.split("\n"))


def _graph_item(persona: Persona, invite: Invite, event_id: str, start: datetime) -> Json:
    owner = persona.email
    organizer = invite.organizer or Who(persona.name, owner)
    utc_start = start.astimezone(ZoneInfo("UTC"))
    utc_end = utc_start + (
        timedelta(days=1) if invite.all_day else timedelta(minutes=invite.minutes)
    )
    if invite.all_day:
        utc_start = datetime(start.year, start.month, start.day)
        utc_end = utc_start + timedelta(days=1)
    body = _as_html(invite.description) if invite.description else ""
    response = {"accepted": "accepted", "declined": "declined"}.get(invite.owner_response, "none")
    if invite.organizer is None:
        response = "organizer"
    item: Json = {
        "id": f"AAMkAD{event_id}=",
        "subject": invite.title,
        "body": {
            "contentType": "html",
            "content": f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>',
        },
        "bodyPreview": invite.description[:255].replace("\n", " "),
        "isAllDay": invite.all_day,
        "isCancelled": invite.status == "cancelled",
        "isOrganizer": invite.organizer is None,
        "showAs": {"outOfOffice": "oof", "focusTime": "busy", "workingLocation": "free"}.get(
            invite.kind, "busy"
        ),
        "type": "singleInstance",
        "start": {"dateTime": utc_start.strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": "UTC"},
        "end": {"dateTime": utc_end.strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": "UTC"},
        "responseStatus": {"response": response, "time": "0001-01-01T00:00:00Z"},
        "organizer": {
            "emailAddress": {
                "name": organizer.name if organizer.shown else organizer.email,
                "address": organizer.email,
            }
        },
        "attendees": [],
    }
    if invite.kind == "outOfOffice":
        item["showAs"] = "oof"
    for me in _owner_entries(persona, invite):
        item["attendees"].append(
            {
                "type": "required",
                "status": {"response": response},
                "emailAddress": {"name": persona.name, "address": me},
            }
        )
    for guest in invite.guests:
        item["attendees"].append(
            {
                "type": "resource"
                if guest.resource
                else ("optional" if guest.optional else "required"),
                "status": {"response": "accepted" if guest.response == "accepted" else "none"},
                "emailAddress": {
                    "name": guest.who.name if guest.who.shown else guest.who.email,
                    "address": guest.who.email,
                },
            }
        )
    return item


def build_calendar(persona: Persona, count: int = 320) -> Calendar:
    """``count`` events on ``persona``'s calendar, the same draw every time."""
    rng = random.Random(persona.seed * 7919)
    world = _World(persona, rng)
    zone = ZoneInfo(persona.zone)
    google: list[Json] = []
    graph: list[Json] = []
    labels: dict[str, Json] = {}
    graph_ids: dict[str, str] = {}
    for index in range(count):
        invite = _draw(world)
        if invite.owner_as == "also" and persona.employer and rng.random() < 0.5:
            invite.title = f"FW: {invite.title}"  # how Outlook names a forwarded invite
        event_id = f"{persona.key[:3]}{index:04d}{zlib.crc32(f'{persona.key}{index}'.encode()):08x}"
        day = datetime(2026, 3, 2, tzinfo=zone) + timedelta(days=index % 75)
        start = day.replace(hour=8 + rng.randrange(10), minute=rng.choice((0, 15, 30)))
        google.append(_google_item(persona, invite, event_id, start))
        graph_item = _graph_item(persona, invite, event_id, start)
        graph.append(graph_item)
        graph_ids[graph_item["id"]] = event_id
        labels[event_id] = {
            "is_interview": invite.is_interview,
            "stage": invite.stage,
            "company": invite.company,
            "job_title": invite.job_title,
            "interviewers": [{"email": e} for e in invite.interviewers],
            "pattern": invite.pattern,
        }
    return Calendar(
        google={
            "kind": "calendar#events",
            "summary": persona.email,
            "timeZone": persona.zone,
            "items": google,
        },
        graph={
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('me')/calendarView",
            "value": graph,
        },
        labels={
            "me": persona.email,
            "name": persona.name,
            "also": list(persona.also),
            "labels": labels,
            "graph_ids": graph_ids,
        },
    )


def main(argv: Sequence[str]) -> int:
    if len(argv) != 2:
        print(
            "usage: python -m tests.service.detection.realistic_calendars OUT_DIR", file=sys.stderr
        )
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for persona in PERSONAS:
        calendar = build_calendar(persona)
        for suffix, document in (
            ("google", calendar.google),
            ("graph", calendar.graph),
            ("labels", calendar.labels),
        ):
            (out / f"{persona.key}-{suffix}.json").write_text(
                json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
