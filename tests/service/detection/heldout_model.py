"""The model behind the held-out calendars: people, one abstract event, its label, and the
two renderings of it (Google Calendar v3 and Microsoft Graph v1.0 event resources).

Written without looking at the detector or at the other corpora. Each event is described
once, as a person reads it (who sent it, who is on it, what it says), and rendered the way
each API returns it to the candidate:

- Google: ``attendees`` with ``self``/``organizer``/``resource``/``optional``, the organizer
  among them when they attend; ``guestsCanSeeOtherGuests: false`` leaves the candidate only
  themselves; HTML descriptions; ``eventType`` for status blocks; recurring instances.
- Graph: ``attendees`` typed required/optional/resource, ``hideAttendees`` leaving only the
  candidate, ``isCancelled`` with Outlook's localised "Canceled:" subject, HTML bodies with
  the localised Teams block or, for invites sent from Google Calendar, Google's invitation
  block, times in UTC or in a Windows zone (``Prefer: outlook.timezone``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

Stage = Literal["phone_screen", "interview", "panel", "final_round"]
StageHint = Literal["final", "screen", "panel"] | None
Conference = Literal["meet", "zoom", "teams"] | None
Kind = Literal["default", "outOfOffice", "focusTime", "workingLocation"]

WINDOWS_ZONES = {
    "Europe/Berlin": "W. Europe Standard Time",
    "Europe/Rome": "W. Europe Standard Time",
    "Europe/Amsterdam": "W. Europe Standard Time",
    "Europe/Madrid": "Romance Standard Time",
    "Europe/Paris": "Romance Standard Time",
    "Europe/Lisbon": "GMT Standard Time",
    "Europe/London": "GMT Standard Time",
    "America/Toronto": "Eastern Standard Time",
    "America/New_York": "Eastern Standard Time",
    "America/Los_Angeles": "Pacific Standard Time",
    "Asia/Kolkata": "India Standard Time",
    "America/Sao_Paulo": "E. South America Standard Time",
    "Europe/Zurich": "W. Europe Standard Time",
}


def ascii_fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c))


@dataclass(frozen=True)
class P:
    """A person or an address on an invite; ``name`` None when the invite gives none."""

    name: str | None
    email: str

    @property
    def first(self) -> str:
        return (self.name or self.email.split("@")[0]).split()[0]


def person(name: str, domain: str, *, local: str | None = None, shown: bool = True) -> P:
    """``Jane Doe`` at ``acme.com`` -> jane.doe@acme.com (accents folded)."""
    if local is None:
        parts = ascii_fold(name).lower().replace("'", "").split()
        local = ".".join(p for p in parts if p not in {"dr.", "dr"})
    return P(name if shown else None, f"{local}@{domain}")


@dataclass(frozen=True)
class Guest:
    who: P
    optional: bool = False
    resource: bool = False
    response: str = "needsAction"  # Google's words: needsAction, accepted, tentative, declined


@dataclass(frozen=True)
class Label:
    is_interview: bool
    stage: Stage | None
    company: str | None
    job_title: str | None
    interviewers: tuple[str, ...]
    pattern: str

    def to_json(self) -> dict[str, Any]:
        return {
            "is_interview": self.is_interview,
            "stage": self.stage,
            "company": self.company,
            "job_title": self.job_title,
            "interviewers": list(self.interviewers),
            "pattern": self.pattern,
        }


def interview_label(
    hint: StageHint, company: str, role: str | None, interviewers: Sequence[P], pattern: str
) -> Label:
    """The stage as the spec orders it: final round, then a screening conversation, then a
    panel (the word, or two or more interviewers), else an interview."""
    stage: Stage
    if hint == "final":
        stage = "final_round"
    elif hint == "screen":
        stage = "phone_screen"
    elif hint == "panel" or len(interviewers) >= 2:
        stage = "panel"
    else:
        stage = "interview"
    emails = tuple(sorted(p.email.lower() for p in interviewers))
    return Label(True, stage, company, role, emails, pattern)


def not_interview(pattern: str) -> Label:
    return Label(False, None, None, None, (), pattern)


@dataclass
class Event:
    key: str
    title: str
    organizer: P
    start: datetime  # aware, in the zone the organizer wrote it in
    minutes: int
    label: Label
    guests: list[Guest] = field(default_factory=list)  # everyone on it, the owner included
    body: list[str] = field(default_factory=list)
    html: bool = True
    location: str = ""
    conference: Conference = None
    lang: str = "en"
    hidden: bool = False  # the other guests are hidden from the candidate
    cancelled: bool = False
    all_day: bool = False
    kind: Kind = "default"
    owner_response: str = "accepted"
    from_google: bool = True  # sent from Google Calendar (Outlook copies carry its block)
    recurring_of: str | None = None
    graph_utc: bool = True
    updated: datetime | None = None


def event_ids(persona: str, key: str) -> tuple[str, str]:
    digest = hashlib.sha1(f"{persona}/{key}".encode()).digest()
    google_id = "hv" + digest.hex()[:26]
    graph_id = "AAMkAGHv" + base64.urlsafe_b64encode(digest + b"heldout").decode().rstrip("=")
    return google_id, graph_id + "AAA="


# -- boilerplate that real invites carry -------------------------------------------------

_TEAMS = {
    "en": ("Microsoft Teams meeting", "Join on your computer, mobile app or room device",
           "Click here to join the meeting", "Meeting ID:", "Passcode:",
           "Download Teams | Join on the web", "Learn More | Meeting options"),
    "de": ("Microsoft Teams-Besprechung",
           "Nehmen Sie von Ihrem Computer, Ihrer mobilen App oder Ihrem Raumgerät aus teil",
           "Hier klicken, um an der Besprechung teilzunehmen", "Besprechungs-ID:", "Passcode:",
           "Teams herunterladen | Im Web beitreten", "Weitere Infos | Besprechungsoptionen"),
    "es": ("Reunión de Microsoft Teams",
           "Únase desde su equipo, aplicación móvil o dispositivo de sala",
           "Haga clic aquí para unirse a la reunión", "Id. de reunión:", "Código de acceso:",
           "Descargar Teams | Unirse en la web", "Más información | Opciones de reunión"),
    "fr": ("Réunion Microsoft Teams",
           "Rejoindre sur votre ordinateur, application mobile ou appareil de salle",
           "Cliquez ici pour participer à la réunion", "ID de la réunion :", "Code secret :",
           "Télécharger Teams | Rejoindre sur le web", "En savoir plus | Options de réunion"),
    "pt": ("Reunião do Microsoft Teams",
           "Participe a partir do seu computador, aplicação móvel ou dispositivo de sala",
           "Clique aqui para participar na reunião", "ID da Reunião:", "Código de acesso:",
           "Transferir o Teams | Participar na Web", "Mais informações | Opções de reunião"),
    "it": ("Riunione di Microsoft Teams",
           "Partecipa dal computer, dall'app per dispositivi mobili o dal dispositivo della sala",
           "Fai clic qui per partecipare alla riunione", "ID riunione:", "Passcode:",
           "Scarica Teams | Partecipa sul Web", "Altre info | Opzioni riunione"),
    "nl": ("Microsoft Teams-vergadering",
           "Deelnemen op uw computer, mobiele app of apparaat in de ruimte",
           "Klik hier om deel te nemen aan de vergadering", "Vergadering-id:", "Wachtwoordcode:",
           "Teams downloaden | Deelnemen op het web", "Meer informatie | Opties voor vergadering"),
}

_ZOOM_INVITE = {
    "en": "{host} is inviting you to a scheduled Zoom meeting.",
    "de": "{host} lädt Sie zu einem geplanten Zoom-Meeting ein.",
    "es": "{host} le está invitando a una reunión de Zoom programada.",
    "fr": "{host} vous invite à une réunion Zoom planifiée.",
    "pt": "{host} está convidando você para uma reunião Zoom agendada.",
    "it": "{host} ti sta invitando a una riunione Zoom pianificata.",
    "nl": "{host} nodigt u uit voor een geplande Zoom-vergadering.",
}


def _digits(seed: str, n: int) -> str:
    number = int(hashlib.sha1(seed.encode()).hexdigest(), 16)
    return str(number)[-n:].rjust(n, "1")


def teams_block(seed: str, lang: str) -> list[str]:
    head, where, click, mid, pwd, download, more = _TEAMS.get(lang, _TEAMS["en"])
    meeting = _digits(seed, 12)
    return [
        "_" * 80,
        head,
        where,
        f"{click} <https://teams.microsoft.com/l/meetup-join/19%3ameeting_"
        f"{_digits(seed + 'x', 20)}%40thread.v2/0>",
        f"{mid} {meeting[:3]} {meeting[3:6]} {meeting[6:9]} {meeting[9:]}",
        f"{pwd} {_digits(seed + 'p', 6)}",
        download,
        more,
        "_" * 80,
    ]


def zoom_block(seed: str, host: P, domain: str, lang: str) -> list[str]:
    meeting = _digits(seed, 11)
    invite = _ZOOM_INVITE.get(lang, _ZOOM_INVITE["en"]).format(host=host.name or host.email)
    return [
        invite,
        "",
        "Join Zoom Meeting",
        f"https://{domain.split('.')[0]}.zoom.us/j/{meeting}?pwd={_digits(seed + 'w', 12)}",
        "",
        f"Meeting ID: {meeting[:3]} {meeting[3:7]} {meeting[7:]}",
        f"Passcode: {_digits(seed + 'c', 6)}",
        "",
        "---",
        "One tap mobile",
        f"+16469313860,,{meeting}# US",
        f"+442034815240,,{meeting}# United Kingdom",
        "",
        "Dial by your location",
        "• +1 646 931 3860 US (New York)",
        "• +44 203 481 5240 United Kingdom",
        f"Find your local number: https://{domain.split('.')[0]}.zoom.us/u/ab{_digits(seed, 6)}",
    ]


def meet_code(seed: str) -> str:
    letters = "abcdefghijkmnopqrstuvwxyz"
    number = int(hashlib.sha1(seed.encode()).hexdigest(), 16)
    chars = []
    for _ in range(10):
        number, r = divmod(number, len(letters))
        chars.append(letters[r])
    code = "".join(chars)
    return f"{code[:3]}-{code[3:7]}-{code[7:]}"


def google_invitation_block(seed: str, with_meet: bool) -> list[str]:
    """What an Outlook mailbox finds in the body of an invite sent from Google Calendar."""
    lines = ["-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-"]
    if with_meet:
        code = meet_code(seed)
        lines += [
            "Join with Google Meet: https://meet.google.com/" + code,
            "Or dial: (US) +1 347-407-2108 PIN: " + _digits(seed, 9) + "#",
            "More phone numbers: https://tel.meet/" + code + "?pin=" + _digits(seed, 13),
            "",
            "Learn more about Meet at: https://support.google.com/a/users/answer/9282720",
        ]
    lines += [
        "",
        "Please do not edit this section.",
        "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-",
        "",
        "Invitation from Google Calendar: https://calendar.google.com/calendar/",
        "",
        "You are receiving this email because you are an attendee on the event. To stop "
        "receiving future updates for this event, decline this event.",
        "",
        "Forwarding this invitation could allow any recipient to send a response to the "
        "organizer, be added to the guest list, invite others regardless of their own "
        "invitation status, or modify your RSVP.",
        "",
        "Learn more https://support.google.com/calendar/answer/37135#forwarding",
    ]
    return lines


_CANCELLED_PREFIX = {"en": "Canceled: ", "de": "Abgesagt: ", "es": "Cancelado: ",
                     "fr": "Annulé : ", "pt": "Cancelado: ", "it": "Annullato: ",
                     "nl": "Geannuleerd: "}

_URL = re.compile(r"https?://[^\s<>\"]+")


def _html_line(line: str) -> str:
    escaped = html.escape(line, quote=False)
    return _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)


def _html_lines(lines: Sequence[str]) -> str:
    out = []
    for line in lines:
        if line.endswith(":") and len(line) < 60:
            out.append(f"<b>{_html_line(line)}</b>")
        else:
            out.append(_html_line(line))
    return "<br>".join(out)


# -- rendering ---------------------------------------------------------------------------

def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _stamp(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _body_lines(ev: Event, graph: bool, domain: str) -> list[str]:
    lines = list(ev.body)
    if ev.conference == "zoom":
        lines += ["", *zoom_block(ev.key, ev.organizer, domain, ev.lang)]
    elif ev.conference == "teams":
        lines += ["", *teams_block(ev.key, ev.lang)]
    if graph and ev.from_google and not ev.all_day and ev.kind == "default":
        lines += ["", *google_invitation_block(ev.key, ev.conference == "meet")]
    return lines


def _organizer_domain(ev: Event) -> str:
    return ev.organizer.email.split("@")[-1]


def render_google(ev: Event, google_id: str, owner: str) -> dict[str, Any]:
    tz = ev.start.tzinfo
    zone = getattr(tz, "key", "UTC")
    end = ev.start + timedelta(minutes=ev.minutes)
    updated = ev.updated or (ev.start - timedelta(days=5, hours=3))
    item: dict[str, Any] = {
        "kind": "calendar#event",
        "etag": f'"{_digits(google_id, 16)}"',
        "id": google_id,
        "status": "cancelled" if ev.cancelled else "confirmed",
        "htmlLink": f"https://www.google.com/calendar/event?eid={google_id}",
        "created": _stamp(updated - timedelta(days=2)),
        "updated": _stamp(updated),
        "summary": ev.title,
        "creator": _google_person(ev.organizer, owner),
        "organizer": _google_person(ev.organizer, owner),
        "iCalUID": f"{google_id}@google.com",
        "sequence": 0,
        "reminders": {"useDefault": True},
        "eventType": ev.kind,
    }
    if ev.recurring_of:
        item["recurringEventId"] = ev.recurring_of
        item["originalStartTime"] = {"dateTime": _iso(ev.start), "timeZone": zone}
    if ev.all_day:
        day: date = ev.start.date()
        item["start"] = {"date": day.isoformat()}
        item["end"] = {"date": (day + timedelta(days=max(1, ev.minutes // 1440))).isoformat()}
        item["transparency"] = "transparent"
    else:
        item["start"] = {"dateTime": _iso(ev.start), "timeZone": zone}
        item["end"] = {"dateTime": _iso(end), "timeZone": zone}
    domain = _organizer_domain(ev)
    lines = _body_lines(ev, graph=False, domain=domain)
    if lines:
        item["description"] = _html_lines(lines) if ev.html else "\n".join(lines)
    if ev.location:
        item["location"] = ev.location
    if ev.kind == "outOfOffice":
        item["outOfOfficeProperties"] = {"autoDeclineMode": "declineOnlyNewConflictingInvitations"}
    elif ev.kind == "focusTime":
        item["focusTimeProperties"] = {"chatStatus": "doNotDisturb"}
    elif ev.kind == "workingLocation":
        item["workingLocationProperties"] = {"type": "homeOffice", "homeOffice": {}}
    attendees = _google_attendees(ev, owner)
    if attendees:
        item["attendees"] = attendees
    if ev.hidden:
        item["guestsCanSeeOtherGuests"] = False
        item["guestsCanInviteOthers"] = False
    if ev.conference == "meet":
        code = meet_code(ev.key)
        item["hangoutLink"] = f"https://meet.google.com/{code}"
        item["conferenceData"] = {
            "entryPoints": [
                {"entryPointType": "video", "uri": f"https://meet.google.com/{code}",
                 "label": f"meet.google.com/{code}"},
                {"entryPointType": "phone", "uri": "tel:+1-347-407-2108",
                 "label": "+1 347-407-2108", "pin": _digits(ev.key, 9)},
            ],
            "conferenceSolution": {"key": {"type": "hangoutsMeet"}, "name": "Google Meet"},
            "conferenceId": code,
        }
    return item


def _google_person(who: P, owner: str) -> dict[str, Any]:
    out: dict[str, Any] = {"email": who.email}
    if who.name:
        out["displayName"] = who.name
    if who.email.lower() == owner:
        out["self"] = True
    return out


def _google_attendees(ev: Event, owner: str) -> list[dict[str, Any]]:
    out = []
    for guest in ev.guests:
        is_owner = guest.who.email.lower() == owner
        if ev.hidden and not is_owner:
            continue
        entry: dict[str, Any] = {"email": guest.who.email}
        if guest.who.name:
            entry["displayName"] = guest.who.name
        if guest.who.email == ev.organizer.email:
            entry["organizer"] = True
        if is_owner:
            entry["self"] = True
        if guest.resource:
            entry["resource"] = True
        if guest.optional:
            entry["optional"] = True
        entry["responseStatus"] = ev.owner_response if is_owner else guest.response
        out.append(entry)
    return out


_GRAPH_RESPONSE = {"accepted": "accepted", "declined": "declined",
                   "tentative": "tentativelyAccepted", "needsAction": "notResponded"}


def _graph_time(moment: datetime, utc: bool) -> dict[str, str]:
    zone = getattr(moment.tzinfo, "key", "UTC")
    if utc:
        moment = moment.astimezone(ZoneInfo("UTC"))
        return {"dateTime": moment.strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": "UTC"}
    return {"dateTime": moment.strftime("%Y-%m-%dT%H:%M:%S.0000000"),
            "timeZone": WINDOWS_ZONES.get(zone, "UTC")}


def render_graph(ev: Event, graph_id: str, owner: str) -> dict[str, Any]:
    end = ev.start + timedelta(minutes=ev.minutes)
    updated = ev.updated or (ev.start - timedelta(days=5, hours=3))
    zone = getattr(ev.start.tzinfo, "key", "UTC")
    owner_organizes = ev.organizer.email.lower() == owner
    subject = ev.title
    if ev.cancelled:
        subject = _CANCELLED_PREFIX.get(ev.lang, "Canceled: ") + subject
    domain = _organizer_domain(ev)
    lines = _body_lines(ev, graph=True, domain=domain)
    content = _html_lines(lines)
    body_html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '</head><body><div class="elementToProof" style="font-family: Aptos, Calibri, '
        f'sans-serif; font-size: 11pt;">{content}</div></body></html>'
    )
    preview = re.sub(r"\s+", " ", " ".join(lines)).strip()[:255]
    show_as = {"outOfOffice": "oof", "workingLocation": "workingElsewhere",
               "focusTime": "busy"}.get(ev.kind, "busy")
    if ev.all_day and ev.kind == "default":
        show_as = "free"
    item: dict[str, Any] = {
        "@odata.etag": f'W/"{_digits(graph_id, 10)}AAAB"',
        "id": graph_id,
        "createdDateTime": _stamp(updated - timedelta(days=2)).replace(".000Z", ".1234567Z"),
        "lastModifiedDateTime": _stamp(updated).replace(".000Z", ".7654321Z"),
        "changeKey": _digits(graph_id, 12) + "AAB",
        "categories": ["Focus time"] if ev.kind == "focusTime" else [],
        "transactionId": None,
        "originalStartTimeZone": WINDOWS_ZONES.get(zone, "UTC"),
        "originalEndTimeZone": WINDOWS_ZONES.get(zone, "UTC"),
        "iCalUId": "040000008200E00074C5B7101A82E008" + _digits(graph_id, 24),
        "reminderMinutesBeforeStart": 15,
        "isReminderOn": True,
        "hasAttachments": False,
        "subject": subject,
        "bodyPreview": preview,
        "importance": "normal",
        "sensitivity": "normal",
        "isAllDay": ev.all_day,
        "isCancelled": ev.cancelled,
        "isOrganizer": owner_organizes,
        "responseRequested": True,
        "seriesMasterId": ("AAMkAGHvMaster" + ev.recurring_of) if ev.recurring_of else None,
        "showAs": show_as,
        "type": "occurrence" if ev.recurring_of else "singleInstance",
        "webLink": f"https://outlook.office365.com/owa/?itemid={graph_id}&exvsurl=1&path=/calendar/item",
        "onlineMeetingUrl": None,
        "isOnlineMeeting": ev.conference == "teams",
        "onlineMeetingProvider": "teamsForBusiness" if ev.conference == "teams" else "unknown",
        "allowNewTimeProposals": True,
        "occurrenceId": None,
        "isDraft": False,
        "hideAttendees": ev.hidden,
        "responseStatus": {
            "response": "organizer" if owner_organizes
            else _GRAPH_RESPONSE.get(ev.owner_response, "notResponded"),
            "time": _stamp(updated).replace(".000Z", "0000Z")
            if ev.owner_response != "needsAction" else "0001-01-01T00:00:00Z",
        },
        "body": {"contentType": "html", "content": body_html},
        "location": {"displayName": ev.location, "locationType": "default",
                     "uniqueIdType": "unknown"} if ev.location else
        {"displayName": "", "locationType": "default", "uniqueIdType": "unknown",
         "address": {}, "coordinates": {}},
        "locations": [{"displayName": ev.location, "locationType": "default"}]
        if ev.location else [],
        "recurrence": None,
        "attendees": _graph_attendees(ev, owner),
        "organizer": {"emailAddress": {"name": ev.organizer.name or ev.organizer.email,
                                       "address": ev.organizer.email}},
        "onlineMeeting": {"joinUrl": "https://teams.microsoft.com/l/meetup-join/19%3ameeting_"
                          + _digits(ev.key + "x", 20)} if ev.conference == "teams" else None,
    }
    if ev.all_day:
        day = ev.start.date()
        days = max(1, ev.minutes // 1440)
        item["start"] = {"dateTime": f"{day.isoformat()}T00:00:00.0000000", "timeZone": "UTC"}
        item["end"] = {"dateTime": f"{(day + timedelta(days=days)).isoformat()}T00:00:00.0000000",
                       "timeZone": "UTC"}
    else:
        item["start"] = _graph_time(ev.start, ev.graph_utc)
        item["end"] = _graph_time(end, ev.graph_utc)
    return item


def _graph_attendees(ev: Event, owner: str) -> list[dict[str, Any]]:
    out = []
    for guest in ev.guests:
        is_owner = guest.who.email.lower() == owner
        if ev.hidden and not is_owner:
            continue
        kind = "resource" if guest.resource else "optional" if guest.optional else "required"
        response = ev.owner_response if is_owner else "needsAction"
        out.append({
            "type": kind,
            "status": {"response": "none" if response == "needsAction"
                       else _GRAPH_RESPONSE.get(response, "none"),
                       "time": "0001-01-01T00:00:00Z"},
            "emailAddress": {"name": guest.who.name or guest.who.email,
                             "address": guest.who.email},
        })
    return out
