"""A calendar being written: one persona's events, placed on working days in their zone,
and the texts that scheduling systems, agencies and people put into invites.

Sources for the formats (read with the search tool, 2026; see heldout_calendars.py):
Greenhouse candidate calendar events and .ics confirmations, GoodTime candidate calendars,
"[Hold]" titles and optional interviewers, Ashby, Lever private events, Workable candidate
titles, Workday self-schedule calendars, Oracle/Taleo candidate .ics, SuccessFactors Outlook
service accounts, Personio, Teamtailor, Recruitee, iCIMS, SmartRecruiters, HireVue,
HackerRank, CodeSignal, CoderPad, Karat, Calendly, Cal.com ("{event} between {host} and
{attendee}", localised), Microsoft Bookings, Google appointment schedules, Zoom Scheduler.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tests.service.detection.heldout_model import (
    Conference,
    Event,
    Guest,
    Kind,
    P,
    StageHint,
    interview_label,
    not_interview,
)


@dataclass
class Calendar:
    """One persona's calendar: the owner, their other addresses, and the events."""

    persona: str
    owner: P
    zone: str
    also: tuple[str, ...] = ()
    lang: str = "en"
    seed: int = 1
    events: list[Event] = field(default_factory=list)
    day: datetime | None = None

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.day = datetime(2026, 2, 2, tzinfo=ZoneInfo(self.zone))

    # -- time --------------------------------------------------------------------------
    def _slot(self, minutes: int, zone: str | None) -> datetime:
        assert self.day is not None
        self.day += timedelta(days=self.rng.choice([0, 0, 1, 1, 1, 2]))
        while self.day.weekday() >= 5:
            self.day += timedelta(days=1)
        hour = self.rng.choice([9, 10, 10, 11, 13, 14, 14, 15, 16, 17])
        minute = self.rng.choice([0, 0, 15, 30, 30, 45])
        local = self.day.replace(hour=hour, minute=minute)
        if zone and zone != self.zone:
            return local.astimezone(ZoneInfo(zone))
        return local

    # -- events ------------------------------------------------------------------------
    def _guests(
        self,
        org: P,
        org_attends: bool,
        people: Sequence[P],
        optional: Sequence[P],
        rooms: Sequence[P],
        owner_as: Sequence[str] | None,
        org_optional: bool,
    ) -> list[Guest]:
        guests: list[Guest] = []
        if org_attends:
            guests.append(Guest(org, optional=org_optional, response="accepted"))
        for who in people:
            guests.append(Guest(who, response=self.rng.choice(["accepted", "needsAction"])))
        for who in optional:
            guests.append(Guest(who, optional=True))
        for room in rooms:
            guests.append(Guest(room, resource=True, response="accepted"))
        addresses = [self.owner.email] if owner_as is None else list(owner_as)
        for address in addresses:
            if any(g.who.email == address for g in guests):
                continue
            name = self.owner.name if address == self.owner.email else None
            guests.append(Guest(P(name, address)))
        head, tail = guests[:1], guests[1:]
        self.rng.shuffle(tail)
        return head + tail

    def add(
        self,
        title: str,
        org: P,
        *,
        interview: bool,
        pattern: str,
        people: Sequence[P] = (),
        optional: Sequence[P] = (),
        rooms: Sequence[P] = (),
        ivs: Sequence[P] = (),
        company: str | None = None,
        role: str | None = None,
        stage: StageHint = None,
        body: Iterable[str] = (),
        org_attends: bool = True,
        org_optional: bool = False,
        owner_as: Sequence[str] | None = None,
        hidden: bool = False,
        conf: Conference = None,
        lang: str | None = None,
        minutes: int = 45,
        html: bool = True,
        location: str = "",
        response: str = "accepted",
        cancelled: bool = False,
        all_day: bool = False,
        kind: Kind = "default",
        from_google: bool = True,
        zone: str | None = None,
        graph_utc: bool | None = None,
        solo: bool = False,
        recurring_of: str | None = None,
    ) -> Event:
        if interview:
            assert company is not None, title
            label = interview_label(stage, company, role, ivs, pattern)
        else:
            label = not_interview(pattern)
        start = self._slot(minutes, zone)
        if all_day:
            start = start.replace(hour=0, minute=0)
        guests = [] if solo else self._guests(org, org_attends, people, optional, rooms,
                                              owner_as, org_optional)
        shown = {g.who.email for g in guests}
        for iv in ivs:
            assert iv.email in shown or iv == org, (title, iv)
        event = Event(
            key=f"{len(self.events):03d}",
            title=title,
            organizer=org,
            start=start,
            minutes=minutes,
            label=label,
            guests=guests,
            body=list(body),
            html=html,
            location=location,
            conference=conf,
            lang=lang or self.lang,
            hidden=hidden,
            cancelled=cancelled,
            all_day=all_day,
            kind=kind,
            owner_response=response,
            from_google=from_google,
            graph_utc=self.rng.random() < 0.5 if graph_utc is None else graph_utc,
            recurring_of=recurring_of,
        )
        self.events.append(event)
        return event

    def iv(self, title: str, org: P, *, pattern: str, company: str, role: str | None,
           **kw: Any) -> Event:
        return self.add(title, org, interview=True, pattern=pattern, company=company,
                        role=role, **kw)

    def no(self, title: str, org: P, *, pattern: str, **kw: Any) -> Event:
        return self.add(title, org, interview=False, pattern=pattern, **kw)

    def mine(self, title: str, *, pattern: str = "own_block", **kw: Any) -> Event:
        """A block the owner made, no one else on it."""
        return self.no(title, self.owner, pattern=pattern, solo=True,
                       from_google=False, **kw)

    def series(self, title: str, org: P, people: Sequence[P], count: int, *,
               pattern: str = "ordinary", conf: Conference = None, minutes: int = 30) -> None:
        """Instances of a recurring meeting (Google's ``recurringEventId``, Graph's
        occurrences)."""
        master = f"rec{len(self.events):03d}{self.persona[:3]}"
        for _ in range(count):
            self.no(title, org, pattern=pattern, people=people, conf=conf, minutes=minutes,
                    recurring_of=master, from_google=False)

    def everyday(self, titles: Sequence[tuple[str, int]]) -> None:
        for title, minutes in titles:
            self.mine(title, pattern="ordinary", minutes=minutes)

    def all_day(self, title: str, *, pattern: str = "all_day", kind: Kind = "default",
                days: int = 1, org: P | None = None, people: Sequence[P] = (),
                body: Sequence[str] = ()) -> Event:
        who = org or self.owner
        return self.no(title, who, pattern=pattern, all_day=True, kind=kind,
                       minutes=1440 * days, solo=org is None and not people, people=people,
                       body=body, from_google=False)


# -- what systems write ------------------------------------------------------------------

def greenhouse_kit(candidate: str, job: str, *, coordinator: P | None = None,
                   interviewers: Sequence[P] = ()) -> list[str]:
    """The interviewer-facing Greenhouse event a candidate can be added to."""
    lines = [
        f"Candidate: {candidate}",
        f"Job: {job}",
        "",
        "Interview Kit:",
        "https://app.greenhouse.io/guides/4417208/people/81730562?application_id=91026634",
        "",
        "Resume: https://app.greenhouse.io/people/81730562/applications/91026634/resume",
        "Please submit your scorecard within 24 hours of the interview.",
    ]
    if interviewers:
        lines += ["", "Interviewers:"] + [f"{p.name} <{p.email}>" for p in interviewers]
    if coordinator is not None:
        lines += ["", f"Recruiting coordinator: {coordinator.name} ({coordinator.email})"]
    return lines


def goodtime_itinerary(first: str, company: str, role: str,
                       slots: Sequence[tuple[str, str, str]], *,
                       coderpad: bool = False) -> list[str]:
    lines = [
        f"Hi {first},",
        "",
        f"We are excited to host you for your interviews for the {role} position at {company}!",
        "Below is your itinerary for the day.",
        "",
        "Itinerary:",
    ]
    for i, (when, who, what) in enumerate(slots):
        lines.append(f"{when} — {what} with {who}")
        if coderpad:
            lines.append(f"   CoderPad: https://app.coderpad.io/{7310 + i}QXHT{i}")
    lines += [
        "",
        "If you need to reschedule, please reply to your recruiter directly.",
        "This event was scheduled with GoodTime. https://goodtime.io",
    ]
    return lines


def ashby_body(company: str, interviewers: Sequence[P], role: str | None = None) -> list[str]:
    lines = [f"Your interview with {company} is confirmed."]
    if role:
        lines.append(f"Position: {role}")
    if interviewers:
        lines += ["", "You'll be meeting with:"] + [f"• {p.name}" for p in interviewers]
    lines += ["", "Need to reschedule? https://app.ashbyhq.com/candidate/reschedule/5e1f0c",
              "Scheduled with Ashby"]
    return lines


def calendly_body(event_name: str, *, answers: Sequence[str] = ()) -> list[str]:
    lines = [f"Event Name: {event_name}", "",
             "Location: This is a Google Meet web conference. You can join this meeting from "
             "your computer, tablet, or smartphone."]
    if answers:
        lines += ["", "Please share anything that will help prepare for our meeting.",
                  *answers]
    lines += ["", "Need to make changes to this event?",
              "Cancel: https://calendly.com/cancellations/7c0e5a2f-1f1b-4f7e-9a0e-2b9d",
              "Reschedule: https://calendly.com/reschedulings/7c0e5a2f-1f1b-4f7e-9a0e-2b9d",
              "", "Powered by Calendly.com"]
    return lines


def calcom_body(what: str, host: P, guest: P, *, notes: str = "") -> list[str]:
    lines = [f"What: {what}", "Invitee Time Zone: Europe/London",
             "Who:", f"{host.name} - Organizer", host.email, guest.name or guest.email,
             guest.email, "Where: Cal Video https://app.cal.com/video/8Hq2kLpX"]
    if notes:
        lines += ["Additional notes:", notes]
    lines += ["", "Need to make a change? Cancel or reschedule: "
              "https://app.cal.com/booking/uQ8w2nM3"]
    return lines


def workday_body(company: str, role: str, what: str, lang: str) -> list[str]:
    texts = {
        "en": [f"Thank you for scheduling your {what} for the {role} position at {company}.",
               "To view or change your appointment, sign in to Candidate Home."],
        "de": [f"Vielen Dank, dass Sie Ihr {what} für die Position {role} bei {company} "
               "gebucht haben.",
               "Sie können den Termin in Ihrem Kandidatenprofil ansehen oder ändern."],
        "es": [f"Gracias por reservar su {what} para el puesto {role} en {company}.",
               "Puede consultar o cambiar la cita en su página de candidato."],
        "fr": [f"Merci d'avoir réservé votre {what} pour le poste {role} chez {company}.",
               "Vous pouvez consulter ou modifier ce rendez-vous depuis votre espace candidat."],
        "it": [f"Grazie per aver prenotato il tuo {what} per la posizione {role} presso "
               f"{company}.",
               "Puoi visualizzare o modificare l'appuntamento dalla tua area candidato."],
        "pt": [f"Obrigado por agendar a sua {what} para a vaga de {role} na {company}.",
               "Pode ver ou alterar o agendamento na sua área de candidato."],
        "nl": [f"Bedankt voor het inplannen van uw {what} voor de functie {role} bij "
               f"{company}.",
               "U kunt de afspraak bekijken of wijzigen in uw kandidatenportaal."],
    }
    return [*texts[lang], "", "https://wd3.myworkdayjobs.com/en-US/External/userHome",
            "This is an automated message from Workday."]


def bookings_body(service: str, staff: P, lang: str) -> list[str]:
    heads = {"en": ("Your booking is confirmed", "Service", "Staff", "Manage booking"),
             "de": ("Ihre Buchung ist bestätigt", "Dienstleistung", "Mitarbeiter",
                    "Buchung verwalten"),
             "fr": ("Votre réservation est confirmée", "Service", "Personnel",
                    "Gérer la réservation"),
             "es": ("Su reserva está confirmada", "Servicio", "Personal", "Administrar reserva")}
    done, svc, who, manage = heads.get(lang, heads["en"])
    return [done, "", f"{svc}: {service}", f"{who}: {staff.name}", "",
            f"{manage}: https://outlook.office365.com/owa/calendar/bookings/manage/3f9a"]


def agency_note(consultant: P, agency: str, lang: str, client: str | None = None) -> list[str]:
    texts = {
        "en": f"Arranged by {consultant.name}, {agency}"
              + (f", on behalf of {client}" if client else "") + ".",
        "de": f"Termin vereinbart durch {consultant.name} ({agency})"
              + (f" im Auftrag von {client}" if client else "") + ".",
        "es": f"Cita gestionada por {consultant.name} ({agency})"
              + (f" en nombre de {client}" if client else "") + ".",
        "fr": f"Rendez-vous organisé par {consultant.name} ({agency})"
              + (f" pour le compte de {client}" if client else "") + ".",
        "pt": f"Entrevista agendada por {consultant.name} ({agency})"
              + (f" em nome da {client}" if client else "") + ".",
        "it": f"Appuntamento organizzato da {consultant.name} ({agency})"
              + (f" per conto di {client}" if client else "") + ".",
        "nl": f"Afspraak ingepland door {consultant.name} ({agency})"
              + (f" namens {client}" if client else "") + ".",
    }
    return [texts[lang], f"{consultant.name} | {consultant.email}"]


def karat_body(company: str, engineer: P, role: str) -> list[str]:
    return [
        f"Your Karat technical interview for the {role} role at {company} is confirmed.",
        f"Your Interview Engineer: {engineer.name}",
        "",
        "Join your interview: https://app.karat.com/interview/join/8d2f61",
        "Please have a working microphone and camera ready and test your setup in advance.",
        "Karat conducts technical interviews on behalf of our clients.",
    ]


def hirevue_body(company: str, role: str) -> list[str]:
    return [
        f"You have been scheduled for a live interview for the {role} position with {company}.",
        "",
        "Join your interview: https://app.hirevue.com/interviews/live/7QpL2x",
        "Please join a few minutes early to check your audio and video.",
        "Powered by HireVue",
    ]


def codepair_body(tool: str, link: str) -> list[str]:
    return [f"This interview will use {tool}. Your interview link: {link}",
            "You will be asked to write and run code; please share your screen if asked."]
