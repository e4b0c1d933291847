"""One calendar event read once into what the rules look at: the owner as this event names
them, the title and its parts, what the description says, and who else is on it and on
which side.

Every fact is computed the first time a rule asks for it and kept on the reading (one
reading per event), so no rule recomputes another's work. What the description says is
read once per text (:class:`~service.detection.description.DescriptionFacts`): invites
are templates, and the same description comes on many events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from providers.model import Attendee, CalendarEvent, Person, Response
from service.detection.classify import title_signal
from service.detection.company import (
    TitleWords,
    names_a_company,
    names_the_company,
    sender_company,
    title_names_company_by_cue,
    without_job_titles,
)
from service.detection.description import DescriptionFacts
from service.detection.domains import (
    domain_label,
    domain_of,
    is_public_domain,
    is_role_address,
    is_scheduling_domain,
    local_part_of,
    registrable_domain,
)
from service.detection.folding import fold, name_fold, plain, squash
from service.detection.owner import Owner, OwnerAddresses
from service.detection.people import (
    DescribedPeople,
    is_system_address,
    looks_like_room,
    name_from_address,
    person_name,
)
from service.detection.roles import is_role_like, job_title_in_description
from service.detection.stage import title_names_stage
from service.detection.titles import clean_title, split_title, strip_conversation_words


class OwnerOnEvent(OwnerAddresses):
    """The owner's addresses, own domain and names, as one event writes them."""

    def __init__(self, owner: Owner, event: CalendarEvent) -> None:
        super().__init__(owner)
        names = [n for n in (owner.name, name_from_address(self.email)) if n]
        names.extend(
            a.name for a in event.attendees if a.name and (a.is_self or self.is_owner(a.email))
        )
        self.names = tuple(names)
        self.keys = frozenset(k for k in (fold(n) for n in names) if k)

    def is_named_in(self, text: str) -> bool:
        padded = f" {fold(text)} "
        return any(f" {key} " in padded for key in self.keys)


@dataclass(frozen=True)
class Sides:
    """Who else is on the event, sorted by what they tell about the company side."""

    others: tuple[Attendee, ...]  # attendees other than the owner, rooms left out
    company_domains: tuple[str, ...]  # registrable, most telling first
    own_side: tuple[str, ...]  # addresses sharing the owner's (non-public) domain
    owner_organises: bool


# Local parts of press and podcast mailboxes: an "interview" with only these is not a job's.
_MEDIA_LOCAL_PARTS = frozenset(
    {"press", "media", "reporter", "newsroom", "podcast", "host", "producer", "editor",
     "editorial", "news", "booking", "bookings", "guests", "show"}
)  # fmt: skip
# What booking tools put around two people's names ("30 Minute Meeting between A and B").
_NAME_TITLE_FILLER = frozenset(
    {"and", "between", "meeting", "minute", "minutes", "min", "mins", "x", "with", "w", "vs",
     "remote", "virtual", "online", "zoom", "teams", "google", "meet", "call", "chat", "video",
     "utc", "gmt", "pst", "pdt", "mst", "mdt", "cst", "cdt", "est", "edt", "bst", "cet", "cest",
     "ist", "aest", "aedt", "jst", "sgt", "und", "y", "et", "e", "entre", "zwischen"}
)  # fmt: skip


class EventReading:
    """What detection reads from one event for one owner."""

    def __init__(self, event: CalendarEvent, owner: Owner) -> None:
        self.event = event
        self.me = OwnerOnEvent(owner, event)
        self.title = clean_title(event.title)
        self.description = event.description

    # --- the event itself

    @cached_property
    def owner_response(self) -> Response | None:
        if self.event.owner_response is not None:
            return self.event.owner_response
        # Google states the calendar owner's answer on the attendee marked "self"; another
        # address of the owner's on the same invite (a forwarded copy) answers for nobody.
        mine = [a for a in self.event.attendees if a.is_self or self.me.is_owner(a.email)]
        for attendee in sorted(mine, key=lambda a: (not a.is_self, a.email != self.me.email)):
            return attendee.response
        return None

    @cached_property
    def plain_title(self) -> str:
        return plain(self.read_title)

    @cached_property
    def about(self) -> DescriptionFacts:
        """What the description says (read once per text)."""
        return DescriptionFacts.of(self.description)

    @property
    def plain_description(self) -> str:
        return self.about.plain

    @property
    def event_name(self) -> str | None:
        """A booking page's event type, written in the description ("Event Name: ...")."""
        return self.about.event_name

    @cached_property
    def read_title(self) -> str:
        """The title the rules read: a booking page's event name stands for a title of
        people's names ("Alex Kim and Jane Doe", "Event Name: Phone Screen - Acme")."""
        if self.event_name and self.title_is_only_names:
            return f"{self.event_name} - {self.title}"
        return self.title

    # --- people and sides

    @cached_property
    def sides(self) -> Sides:
        return _sides(self.event, self.me)

    @property
    def organizer(self) -> Person | None:
        return self.event.organizer

    @cached_property
    def organizer_is_other(self) -> bool:
        return self.organizer is not None and not self.me.is_owner(self.organizer.email)

    @cached_property
    def company_people(self) -> tuple[Attendee, ...]:
        """Attendees who are people at a company (not systems, not free mailboxes)."""
        return tuple(
            a
            for a in self.sides.others
            if not is_public_domain(domain_of(a.email)) and not is_system_address(a.email, a.name)
        )

    @cached_property
    def company_sender(self) -> bool:
        """The organizer is a company (not the owner, not a free mailbox, not the owner's own
        domain): at a company domain, or a recruiting system writing as "<Company> Recruiting"."""
        organizer = self.organizer
        if organizer is None or not self.organizer_is_other:
            return False
        domain = domain_of(organizer.email)
        if not domain or is_public_domain(domain):
            return False
        if self.me.domain and registrable_domain(domain) == self.me.domain:
            return False
        if is_scheduling_domain(domain):
            return sender_company(organizer.name, from_system=True) is not None
        return True

    @cached_property
    def organizer_is_company_person(self) -> bool:
        organizer = self.organizer
        return (
            self.company_sender
            and organizer is not None
            and not is_system_address(organizer.email, organizer.name)
        )

    @cached_property
    def from_company(self) -> bool:
        return bool(self.company_people) or self.company_sender

    @property
    def described(self) -> DescribedPeople:
        return self.about.people

    @cached_property
    def person_names(self) -> tuple[str, ...]:
        """The people the event names: the owner, attendees, a person organizer, and the
        people the description names."""
        names = list(self.me.names)
        for attendee in self.event.attendees:
            name = person_name(attendee.email, attendee.name)
            if name and not looks_like_room(attendee) and not is_role_address(attendee.email):
                names.append(name)
        organizer = self.organizer
        if organizer is not None and not is_system_address(organizer.email, organizer.name):
            organizer_name = person_name(organizer.email, organizer.name)
            if organizer_name:
                names.append(organizer_name)
        domains = self.sides.company_domains
        names.extend(n for n in self.described.names if not names_the_company(n, domains)
                     and not names_a_company(n, domains))
        names.extend(self.described.candidates)
        return tuple(dict.fromkeys(names))

    @cached_property
    def media_only(self) -> bool:
        addresses = [a.email for a in self.sides.others]
        if self.organizer is not None and self.organizer_is_other:
            addresses.append(self.organizer.email)
        return bool(addresses) and all(
            local_part_of(email).split(".")[0].split("-")[0] in _MEDIA_LOCAL_PARTS
            for email in addresses
        )

    # --- whose interview it is

    @cached_property
    def owner_is_named_candidate(self) -> bool:
        """The title or description names the owner as the candidate: an event written for
        interviewers that the candidate was added to."""
        if any(self.me.is_named_in(c) for c in self.described.candidates):
            return True
        return self.me.is_named_in(self.title) and self.signal is not None

    @cached_property
    def names_someone_else_as_candidate(self) -> bool:
        firsts = {k.split()[0] for k in self.me.keys}
        for candidate in self.described.candidates:
            key = fold(candidate)
            if key and key not in self.me.keys and key.split()[0] not in firsts:
                return True
        folded_title = fold(self.rule_title)
        return " candidate" in f" {folded_title}" and not self.me.is_named_in(self.rule_title)

    @cached_property
    def title_names_other_public_person(self) -> bool:
        """The title names an attendee with a personal (public) address who is not the owner:
        with the owner on the company side, that attendee is the candidate. Not when that
        attendee sent the invite: candidates do not invite their interviewers."""
        organizer = None if self.sides.owner_organises else self.organizer
        folded_title = f" {fold(self.title)} "
        for attendee in self.sides.others:
            if not is_public_domain(domain_of(attendee.email)):
                continue
            if organizer is not None and attendee.email == organizer.email:
                continue
            name = person_name(attendee.email, attendee.name)
            key = fold(name) if name else ""
            if key and " " in key and key not in self.me.keys and f" {key} " in folded_title:
                return True
        return False

    @cached_property
    def sender_is_owner_company(self) -> bool:
        if self.organizer is None or not self.me.domain:
            return False
        company = sender_company(self.organizer.name)
        return company is not None and squash(company) == squash(domain_label(self.me.domain))

    # --- the title's words

    @cached_property
    def title_words(self) -> TitleWords:
        return TitleWords(self.read_title, self.sides.company_domains)

    @cached_property
    def rule_title(self) -> str:
        """The title without the company's own name and without job titles: "Trey Research",
        "Fourth Coffee" or "Travel Nurse" say nothing about the meeting."""
        return without_job_titles(self.title_words.without_company_names)

    @cached_property
    def plain_rule_title(self) -> str:
        return plain(self.rule_title)

    @cached_property
    def signal(self) -> tuple[str, str] | None:
        return title_signal(self.plain_rule_title)

    @cached_property
    def title_names_role(self) -> bool:
        """A job title stands in the title as what the meeting is about, not as who one meets:
        "Call with Acme Account Executive" names a person's job, "Intro call - Account
        Executive" or "Call about the AE role" a role."""
        previous = ""
        # a company's name is one part whatever words it holds ("Made for Makers")
        for part in self.title_words.parts:
            cue = previous if part.cue == "paren" and previous in ("with", "at") else part.cue
            previous = cue
            if cue in ("with", "at"):
                continue
            if is_role_like(strip_conversation_words(part.text)):
                return True
        return job_title_in_description(self.read_title) is not None

    @cached_property
    def title_names_domain(self) -> bool:
        squashed = squash(self.read_title)
        keys = (squash(domain_label(d)) for d in self.sides.company_domains)
        return any(len(k) >= 3 and k in squashed for k in keys)

    @cached_property
    def title_names_the_sender(self) -> bool:
        """The title names the company-side domain or the company the sender writes as
        ("Kennenlerngespräch - Kiezkraft" from "Kiezkraft Recruiting")."""
        if self.title_names_domain:
            return True
        companies = [sender_company(name, system) for name, system in self.senders]
        squashed = squash(self.read_title)
        return any(c and len(squash(c)) >= 3 and squash(c) in squashed for c in companies)

    @cached_property
    def title_names_company_by_cue(self) -> bool:
        return title_names_company_by_cue(self.read_title, self.person_names)

    @cached_property
    def title_is_only_names(self) -> bool:
        """The title is people's names and nothing else ("Jane Doe / Alex Kim")."""
        return _only_names(self.title, self.person_names)

    @cached_property
    def title_is_names_and_company(self) -> bool:
        """The title is people's names and the company's ("Acme / Alex Kim", "Jo / Alex
        (Acme)")."""
        names = {name_fold(n) for n in (*self.person_names, *self.first_names) if n}
        domains = self.sides.company_domains
        parts = split_title(self.title)
        company = [names_the_company(p.text, domains) for p in parts]
        return any(company) and all(
            is_company or name_fold(p.text) in names
            for p, is_company in zip(parts, company, strict=True)
        )

    # --- the description's words

    @property
    def described_role(self) -> str | None:
        return self.about.role

    @property
    def describes_a_role(self) -> bool:
        return self.about.describes_a_role

    @cached_property
    def names_a_role(self) -> bool:
        return self.title_names_role or self.described_role is not None

    @property
    def description_says(self) -> str | None:
        return self.about.says_interview

    @property
    def description_stage(self) -> str | None:
        return self.about.stage

    @property
    def description_may_name_stage_or_role(self) -> bool:
        return self.about.may_name_stage_or_role

    @cached_property
    def names_role_or_stage(self) -> bool:
        """The title names an interview or a stage, or the event names a role."""
        signal = self.signal
        if signal is not None and signal[0] == "strong":
            return True
        if title_names_stage(self.plain_rule_title):
            return True
        return self.names_a_role

    @property
    def stage_text(self) -> str:
        return self.about.stage_text

    @cached_property
    def first_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n.split()[0] for n in self.person_names if " " in n.strip()))

    @cached_property
    def senders(self) -> tuple[tuple[str | None, bool], ...]:
        """Display names of the organizer and of role mailboxes, each with whether it is a
        system or role address."""
        senders: list[tuple[str | None, bool]] = []
        if self.organizer is not None:
            organizer = self.organizer
            system = is_scheduling_domain(domain_of(organizer.email)) or is_role_address(
                organizer.email
            )
            senders.append((organizer.name, system))
        senders.extend(
            (a.name, True)
            for a in self.event.attendees
            if is_system_address(a.email, a.name) and not looks_like_room(a)
        )
        return tuple(senders)


def _only_names(title: str, names: Sequence[str]) -> bool:
    padded = f" {name_fold(title)} "
    named = False
    for name in sorted({name_fold(n) for n in names if fold(n)}, key=len, reverse=True):
        if f" {name} " in padded:
            padded = padded.replace(f" {name} ", " ")
            named = True
    rest = [w for w in padded.split() if w not in _NAME_TITLE_FILLER and not w.isdigit()]
    return named and not rest


def _sides(event: CalendarEvent, me: OwnerOnEvent) -> Sides:
    others = tuple(
        a
        for a in event.attendees
        if not a.is_self and not me.is_owner(a.email) and not looks_like_room(a)
    )
    organizer = event.organizer
    owner_organises = (organizer is not None and me.is_owner(organizer.email)) or any(
        a.is_organizer and (a.is_self or me.is_owner(a.email)) for a in event.attendees
    )
    people_first: list[str] = []
    organizer_domains: list[str] = []
    role_domains: list[str] = []
    own_side: list[str] = []

    def consider(email: str, name: str | None, is_organizer: bool) -> None:
        domain = domain_of(email)
        if not domain or is_public_domain(domain) or is_scheduling_domain(domain):
            return
        registrable = registrable_domain(domain)
        if me.domain and registrable == me.domain:
            own_side.append(email)
            return
        if is_organizer:
            organizer_domains.append(registrable)
        elif is_system_address(email, name):
            role_domains.append(registrable)
        else:
            people_first.append(registrable)

    for attendee in others:
        consider(attendee.email, attendee.name, is_organizer=False)
    if organizer is not None and not owner_organises:
        consider(organizer.email, organizer.name, is_organizer=True)
    ordered: list[str] = []
    # The domain most people share first, then the organizer's, then role mailboxes'.
    for domain in sorted(people_first, key=lambda d: -people_first.count(d)):
        if domain not in ordered:
            ordered.append(domain)
    for domain in organizer_domains + role_domains:
        if domain not in ordered:
            ordered.append(domain)
    return Sides(
        others=others,
        company_domains=tuple(ordered),
        own_side=tuple(own_side),
        owner_organises=owner_organises,
    )
