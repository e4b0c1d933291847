"""Is this calendar event a job interview the mailbox owner sits as the candidate?

The rules are spec/detection.md's; each step leaves a reason people can read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from providers.model import Attendee, CalendarEvent, Person, Response
from service.detection.classify import (
    description_negative,
    description_signal,
    is_coffee_chat,
    is_intro_call,
    recruiting_context,
    says_interview_or_screen,
    title_negative,
    title_signal,
    whole_title_negative,
)
from service.detection.company import (
    company_names_in,
    names_a_company,
    read_company_and_role,
    sender_company,
    title_names_company_by_cue,
    without_company_names,
    without_job_titles,
)
from service.detection.domains import (
    domain_label,
    domain_of,
    is_public_domain,
    is_role_address,
    is_scheduling_domain,
    local_part_of,
    registrable_domain,
)
from service.detection.folding import fold, squash
from service.detection.people import (
    DescribedPeople,
    is_system_address,
    looks_like_room,
    name_from_address,
    people_in_description,
    person_name,
    select_interviewers,
)
from service.detection.roles import is_role_like, job_title_in_description
from service.detection.stage import (
    Stage,
    description_names_stage,
    stage_of,
    title_names_stage,
)
from service.detection.titles import clean_title, split_title, strip_conversation_words

# Local parts of press and podcast mailboxes: an "interview" with only these is not a job's.
_MEDIA_LOCAL_PARTS = frozenset(
    {"press", "media", "reporter", "newsroom", "podcast", "host", "producer", "editor",
     "editorial", "news", "booking", "bookings", "guests", "show"}
)  # fmt: skip


@dataclass(frozen=True)
class Owner:
    """The mailbox owner: the would-be candidate."""

    email: str
    name: str | None = None
    other_addresses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Detection:
    is_interview: bool
    stage: Stage | None = None
    company: str | None = None
    job_title: str | None = None
    interviewers: tuple[Person, ...] = ()
    reasons: tuple[str, ...] = field(default_factory=tuple)


def _not_interview(*reasons: str) -> Detection:
    return Detection(is_interview=False, reasons=tuple(reasons))


@dataclass(frozen=True)
class _Sides:
    """Who else is on the event, sorted by what they tell about the company side."""

    others: tuple[Attendee, ...]  # attendees other than the owner, rooms left out
    company_domains: tuple[str, ...]  # registrable, most telling first
    own_side: tuple[str, ...]  # addresses sharing the owner's (non-public) domain
    owner_organises: bool


def _owner_response(event: CalendarEvent, owner_email: str) -> Response | None:
    if event.owner_response is not None:
        return event.owner_response
    for attendee in event.attendees:
        if attendee.is_self or attendee.email == owner_email:
            return attendee.response
    return None


def _sides(event: CalendarEvent, owner_email: str, owner_domain: str) -> _Sides:
    others = tuple(
        a
        for a in event.attendees
        if not a.is_self and a.email != owner_email and not looks_like_room(a)
    )
    organizer = event.organizer
    owner_organises = (organizer is not None and organizer.email == owner_email) or any(
        a.is_organizer and (a.is_self or a.email == owner_email) for a in event.attendees
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
        if owner_domain and registrable == owner_domain:
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
    return _Sides(
        others=others,
        company_domains=tuple(ordered),
        own_side=tuple(own_side),
        owner_organises=owner_organises,
    )


def _owner_names(owner: Owner, event: CalendarEvent) -> list[str]:
    names: list[str] = []
    for candidate in (owner.name, name_from_address(owner.email)):
        if candidate:
            names.append(candidate)
    for attendee in event.attendees:
        if (attendee.is_self or attendee.email == owner.email.lower()) and attendee.name:
            names.append(attendee.name)
    return names


def _names_someone_else_as_candidate(
    described: DescribedPeople, owner_names: list[str], title: str
) -> bool:
    owner_keys = {fold(n) for n in owner_names if fold(n)}
    owner_firsts = {k.split()[0] for k in owner_keys}
    for candidate in described.candidates:
        key = fold(candidate)
        if key and key not in owner_keys and key.split()[0] not in owner_firsts:
            return True
    folded_title = fold(title)
    names_owner = any(k in folded_title for k in owner_keys)
    return " candidate" in f" {folded_title}" and not names_owner


def _title_names_other_public_person(
    title: str, others: tuple[Attendee, ...], owner_keys: set[str], organizer: Person | None
) -> bool:
    """The title names an attendee with a personal (public) address who is not the owner:
    with the owner on the company side, that attendee is the candidate. Not when that
    attendee sent the invite: candidates do not invite their interviewers, so a person
    with a gmail address who organises "Interview with <their name> (Acme)" interviews."""
    folded_title = f" {fold(title)} "
    for attendee in others:
        if not is_public_domain(domain_of(attendee.email)):
            continue
        if organizer is not None and attendee.email == organizer.email:
            continue
        name = person_name(attendee.email, attendee.name)
        key = fold(name) if name else ""
        if key and " " in key and key not in owner_keys and f" {key} " in folded_title:
            return True
    return False


def _media_only(others: tuple[Attendee, ...], organizer: Person | None, owner_email: str) -> bool:
    addresses = [a.email for a in others]
    if organizer is not None and organizer.email != owner_email:
        addresses.append(organizer.email)
    return bool(addresses) and all(
        local_part_of(email).split(".")[0].split("-")[0] in _MEDIA_LOCAL_PARTS
        for email in addresses
    )


def _company_sender(organizer: Person | None, owner_email: str, owner_domain: str) -> bool:
    """The organizer is a company (not the owner, not a free mailbox, not the owner's own
    domain): at a company domain, or a recruiting system writing as "<Company> Recruiting"."""
    if organizer is None or organizer.email == owner_email:
        return False
    domain = domain_of(organizer.email)
    if not domain or is_public_domain(domain):
        return False
    if owner_domain and registrable_domain(domain) == owner_domain:
        return False
    if is_scheduling_domain(domain):
        return sender_company(organizer.name, from_system=True) is not None
    return True


def _organizer_is_company_person(event: CalendarEvent, owner_email: str, owner_domain: str) -> bool:
    """A person at a company sent it (not a system, not a free mailbox): with the guest list
    hidden, the only company-side person the candidate sees."""
    organizer = event.organizer
    return (
        _company_sender(organizer, owner_email, owner_domain)
        and organizer is not None
        and not is_system_address(organizer.email, organizer.name)
    )


def _is_system_sender(person: Person) -> bool:
    domain = domain_of(person.email)
    return is_scheduling_domain(domain) or is_role_address(person.email)


def _names_role_or_stage(
    title: str, rule_title: str, description: str, company_domains: tuple[str, ...]
) -> bool:
    """``rule_title`` is the title without company names and job titles, for the stage
    words; the role is looked for in the whole ``title``."""
    signal = title_signal(rule_title)
    if (signal is not None and signal[0] == "strong") or title_names_stage(rule_title):
        return True
    return (
        _title_names_role(title, company_domains)
        or job_title_in_description(description) is not None
    )


def _sender_is_owner_company(organizer: Person | None, owner_domain: str) -> bool:
    if organizer is None or not owner_domain:
        return False
    company = sender_company(organizer.name)
    return company is not None and squash(company) == squash(domain_label(owner_domain))


def _title_names_domain(title: str, company_domains: tuple[str, ...]) -> bool:
    squashed = squash(title)
    keys = (squash(domain_label(d)) for d in company_domains)
    return any(len(k) >= 3 and k in squashed for k in keys)


def _title_names_role(title: str, company_domains: tuple[str, ...] = ()) -> bool:
    """A job title stands in the title as what the meeting is about, not as who one meets:
    "Call with Acme Account Executive" or "Sync with Account Manager (Acme)" names a person's
    job (a vendor call), "Intro call - Account Executive" or "Call about the AE role" a role."""
    previous = ""
    # a company's name is one part whatever words it holds ("Made for Makers")
    for part in split_title(title, company_names_in(title, company_domains)):
        cue = previous if part.cue == "paren" and previous in ("with", "at") else part.cue
        previous = cue
        if cue in ("with", "at"):
            continue
        if is_role_like(strip_conversation_words(part.text)):
            return True
    return job_title_in_description(title) is not None


def _person_names(
    event: CalendarEvent,
    owner_names: list[str],
    described: DescribedPeople,
    company_domains: tuple[str, ...],
) -> list[str]:
    """The people the event names: the owner, attendees, a person organizer, and the people
    the description names."""
    names = list(owner_names)
    for attendee in event.attendees:
        name = person_name(attendee.email, attendee.name)
        if name and not looks_like_room(attendee) and not is_role_address(attendee.email):
            names.append(name)
    if event.organizer is not None and not is_system_address(
        event.organizer.email, event.organizer.name
    ):
        organizer_name = person_name(event.organizer.email, event.organizer.name)
        if organizer_name:
            names.append(organizer_name)
    names.extend(n for n in described.names if not names_a_company(n, company_domains))
    names.extend(described.candidates)
    return names


# What booking tools put around two people's names ("30 Minute Meeting between A and B").
_NAME_TITLE_FILLER = frozenset(
    {"and", "between", "meeting", "minute", "minutes", "min", "mins", "x", "with", "w", "vs",
     "remote", "virtual", "online", "zoom", "teams", "google", "meet", "call", "chat", "video",
     "utc", "gmt", "pst", "pdt", "mst", "mdt", "cst", "cdt", "est", "edt", "bst", "cet", "cest",
     "ist", "aest", "aedt", "jst", "sgt"}
)  # fmt: skip


def _title_is_only_names(title: str, person_names: list[str]) -> bool:
    """The title is people's names and nothing else ("Jane Doe / Alex Kim")."""
    padded = f" {fold(title)} "
    named = False
    for name in sorted({fold(n) for n in person_names if fold(n)}, key=len, reverse=True):
        if f" {name} " in padded:
            padded = padded.replace(f" {name} ", " ")
            named = True
    rest = [w for w in padded.split() if w not in _NAME_TITLE_FILLER and not w.isdigit()]
    return named and not rest


# Words without which a description names no stage and no role: most events' descriptions
# (agendas, links) are ruled out by one search.
_STAGE_OR_ROLE_WORDS = re.compile(
    r"final|last|on.?site|super ?day|screen|phone|intro|initial|\bhr\b|recruit|round|"
    r"interview|role|position|opening|vacanc|job|title|appl(?:y|ied|ying)",
    re.IGNORECASE,
)


def _may_name_a_stage_or_role(description: str) -> bool:
    return (
        bool(description)
        and _STAGE_OR_ROLE_WORDS.search(description[:6000]) is not None
        and (description_names_stage(description) is not None or _describes_a_role(description))
    )


def _describes_a_role(description: str) -> bool:
    role = job_title_in_description(description)
    return role is not None and is_role_like(role)


def _names_any(title: str, keys: set[str]) -> bool:
    padded = f" {fold(title)} "
    return any(f" {k} " in padded for k in keys if k)


def detect(event: CalendarEvent, owner: Owner) -> Detection:
    """Classify one event for ``owner``; never raises on odd input."""
    owner_email = owner.email.strip().lower()
    owner_raw_domain = domain_of(owner_email)
    owner_domain = (
        registrable_domain(owner_raw_domain)
        if owner_raw_domain and not is_public_domain(owner_raw_domain)
        else ""
    )
    title = clean_title(event.title)
    description = event.description

    if event.status == "cancelled":
        return _not_interview("cancelled")
    if event.all_day:
        return _not_interview("an all-day event")
    if event.kind != "default":
        return _not_interview(f"a status block ({event.kind})")
    if _owner_response(event, owner_email) == "declined":
        return _not_interview("the owner declined it")
    if (
        title_signal(title) is None
        and not is_coffee_chat(title)
        and description_signal(description) is None
        and not _may_name_a_stage_or_role(description)
    ):
        return _not_interview("nothing says interview")

    sides = _sides(event, owner_email, owner_domain)
    # The rules read the title without the company's own name and without job titles:
    # "Trey Research", "Fourth Coffee" or "Travel Nurse" say nothing about the meeting.
    rule_title = without_job_titles(without_company_names(title, sides.company_domains))
    negative = (
        title_negative(rule_title)
        or whole_title_negative(title)
        or description_negative(description)
    )
    if negative:
        return _not_interview(negative)

    owner_names = _owner_names(owner, event)
    owner_keys = {fold(n) for n in owner_names if fold(n)}
    described = people_in_description(description)
    if sides.own_side:
        return _not_interview(
            f"hiring side: {len(sides.own_side)} on it share the owner's domain {owner_domain}"
        )
    if _sender_is_owner_company(event.organizer, owner_domain):
        return _not_interview("hiring side: sent by the owner's own company")
    if _names_someone_else_as_candidate(described, owner_names, rule_title):
        return _not_interview("hiring side: someone else is named as the candidate")
    if (sides.owner_organises or owner_domain) and _title_names_other_public_person(
        title, sides.others, owner_keys, None if sides.owner_organises else event.organizer
    ):
        return _not_interview("hiring side: the title names another person as the candidate")
    if _media_only(sides.others, event.organizer, owner_email):
        return _not_interview("a press or podcast interview")

    company_people = [
        a
        for a in sides.others
        if not is_system_address(a.email, a.name) and not is_public_domain(domain_of(a.email))
    ]
    person_names = _person_names(event, owner_names, described, sides.company_domains)
    reasons: list[str] = []
    signal = title_signal(rule_title)
    if is_coffee_chat(rule_title):
        if not (
            says_interview_or_screen(rule_title)
            or says_interview_or_screen(description)
            or _title_names_role(title, sides.company_domains)
            or job_title_in_description(description)
        ):
            return _not_interview("a coffee or informational chat")
        reasons.append("a chat that names an interview or a role")
    elif signal is None:
        said = description_signal(description)
        if said is not None and (
            _title_names_role(title, sides.company_domains)
            or _title_names_domain(title, sides.company_domains)
        ):
            reasons.append(f"the description says '{said}'")
        elif (
            (company_people or _organizer_is_company_person(event, owner_email, owner_domain))
            and _title_is_only_names(title, person_names)
            and (said is not None or _describes_a_role(description))
        ):
            # A booking tool's "Jane Doe and Alex Kim" with someone at a company: the
            # description says what it is ("Your interview with Acme", "Role: ...").
            reasons.append("a meeting with someone at a company that the description ties to a job")
        else:
            # "Acme | Backend Engineer" with "Welcome to your onsite!": the title names a
            # role, the description the stage.
            named_stage = description_names_stage(description)
            if named_stage is None or not _title_names_role(title, sides.company_domains):
                return _not_interview("nothing says interview")
            reasons.append(f"the title names a role and the description {named_stage}")
    elif signal[0] == "weak":
        from_company = bool(company_people) or _company_sender(
            event.organizer, owner_email, owner_domain
        )
        intro_with_company = is_intro_call(rule_title) and (
            (
                from_company
                and (
                    _names_any(title, owner_keys)
                    or (not owner_domain and _title_names_domain(title, sides.company_domains))
                )
            )
            # "Quick intro call with Acme" from a recruiter's own mailbox
            or (not sides.owner_organises and title_names_company_by_cue(title, person_names))
        )
        if not (
            intro_with_company
            or recruiting_context(description)
            or _title_names_role(title, sides.company_domains)
            or job_title_in_description(description)
        ):
            return _not_interview(f"a '{signal[1]}' that is not about a job")
        reasons.append(f"title says '{signal[1]}' with a company about a role")
    else:
        reasons.append(f"title says '{signal[1]}'")

    if not sides.others:
        if not _company_sender(event.organizer, owner_email, owner_domain):
            return _not_interview("no one else is on it")
        if not _names_role_or_stage(title, rule_title, description, sides.company_domains):
            return _not_interview("no one else is on it and it names no role or stage")
        reasons.append("sent by a company that hides the guest list")
    elif sides.owner_organises and not company_people:
        return _not_interview("the owner organised it with no one from a company")
    elif (
        not company_people
        and not sides.company_domains
        and (
            signal is None
            or not _names_role_or_stage(title, rule_title, description, sides.company_domains)
            or not (
                _title_names_role(title, sides.company_domains)
                or _describes_a_role(description)
                or title_names_company_by_cue(title, person_names)
            )
        )
    ):
        # Only free-mail addresses besides the owner: a friend, not a company, unless the
        # invite names a role or the company ("Interview with Jane Doe (Acme)").
        return _not_interview("no one from a company is on it")
    if company_people:
        reasons.append(
            f"{len(company_people)} company-side attendee"
            + ("s" if len(company_people) != 1 else "")
        )

    interviewers = select_interviewers(event, owner_email, described, owner_domain)
    # A role the description names ("the Panel Beater role") says nothing about the stage.
    described_role = job_title_in_description(description)
    stage_text = description.replace(described_role, " ") if described_role else description
    stage, stage_reason = stage_of(rule_title, stage_text, len(interviewers))
    reasons.append(f"stage {stage}: {stage_reason}")

    first_names = [n.split()[0] for n in person_names if len(n.split()) > 1]
    senders: list[tuple[str | None, bool]] = []
    if event.organizer is not None:
        organizer = event.organizer
        senders.append((organizer.name, _is_system_sender(organizer)))
    senders.extend(
        (a.name, True)
        for a in event.attendees
        if is_system_address(a.email, a.name) and not looks_like_room(a)
    )
    reading = read_company_and_role(
        title,
        description,
        sides.company_domains,
        senders,
        person_names + first_names,
    )
    if reading.company:
        reasons.append(f"company from {reading.company_source}")
    return Detection(
        is_interview=True,
        stage=stage,
        company=reading.company,
        job_title=reading.job_title,
        interviewers=interviewers,
        reasons=tuple(reasons),
    )
