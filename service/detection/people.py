"""Who is on an interview: names from addresses, who the description names as interviewer,
coordinator or candidate, and which attendees are the interviewers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from providers.model import Attendee, CalendarEvent, Person
from service.detection.domains import (
    domain_of,
    is_interviewing_service,
    is_public_domain,
    is_role_address,
    is_room_domain,
    is_scheduling_domain,
    local_part_of,
    registrable_domain,
)
from service.detection.folding import name_fold, plain
from service.detection.languages import Matcher, entries, words
from service.detection.owner import OwnerAddresses
from service.detection.roles import is_role_like

_LOCAL_SPLIT = re.compile(r"[._\-+]+")
_PLUS_TAG = re.compile(r"\+.*$")
_SEGMENT_SPLIT = re.compile(r"\n|(?<=[a-z0-9)])[.;!?]\s+|\s+\|\s+|\s+//\s+")
_COORDINATOR_CUE = Matcher(entries("coordinator_cues"))
_INTERVIEWER_CUE = Matcher(entries("interviewer_cues"))
_CANDIDATE_LABELS = "|".join(
    sorted((re.escape(w) for w in words("candidate_labels")), key=len, reverse=True)
)
_CANDIDATE_LINE = re.compile(
    rf"^\s*(?:{_CANDIDATE_LABELS})\s*[:\-–]\s*(?P<name>[^\n,;(]{{2,80}})",
    re.IGNORECASE | re.MULTILINE,
)
_BULLET = re.compile(r"^(?:[-*•·–—>]+|\d{1,2}[.)])\s*")
_INTERVIEWER_HEADER = re.compile(
    r"^\s*(?:your\s+)?(?:interviewers?|panel(?:ists)?|interview panel|"
    r"who you(?:'|’)?ll meet)\s*:?\s*$",
    re.IGNORECASE,
)
# A person's name as people write it: two to four capitalised words ("Mary-Jane O'Neil",
# "Ana de la Cruz"); single names are too ambiguous to pick out of prose.
# A capital: ASCII, Latin-1 ("É", "Ø") or Latin Extended-A ("Ł", "Š", "Ž").
_NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ž][\w'’.-]*"
_PERSON_NAME = re.compile(
    rf"\b{_NAME_WORD}(?:\s+(?:(?:de|da|del|della|der|den|van|von|la|le|di|du|bin|al|dos|do)\s+)*"
    rf"{_NAME_WORD}){{1,3}}\b"
)
_ROOM_NAME = re.compile(
    r"\broom\b|\bconf(?:erence)?\b|boardroom|meeting room|huddle|\(\d{1,3}\)\s*$|"
    r"\bbuilding\b|\bfloor\b|\bphone booth\b",
    re.IGNORECASE,
)
_ROOM_LOCAL = re.compile(r"^(?:room|conf|confroom|conference|mtgroom|meetingroom|res)[._\-\d]")
_ROLE_NAME = re.compile(
    r"\b(?:recruiting|recruitment|talent|careers|hiring|scheduling|scheduler|no-?reply|"
    r"notifications?|calendar|hr team|people team|interview team)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)
def name_from_address(email: str) -> str | None:
    """jane.doe@acme.com -> "Jane Doe", rachael@tyrell.com -> "Rachael"."""
    local = _PLUS_TAG.sub("", local_part_of(email))
    words = [w for w in _LOCAL_SPLIT.split(local) if w and w.isalpha()]
    if not words:
        return None
    return " ".join(w[:1].upper() + w[1:] for w in words[:4])


# "Doe, Jane" / "Doe, Jane (Acme)": how directories write names, surname first.
_SURNAME_FIRST = re.compile(
    r"^\s*(?P<last>[^\s,()]+(?:[ -][^\s,()]+)?),\s*(?P<first>[^\s,()]+)\s*$"
)


def _given_name_first(name: str) -> str:
    match = _SURNAME_FIRST.match(name)
    if match is None or is_role_like(match.group("first")):
        return name
    return f"{match.group('first')} {match.group('last')}"


def person_name(email: str, name: str | None) -> str | None:
    """The name the event gives ("Doe, Jane" as "Jane Doe"), else one read from the
    address."""
    if name and "@" not in name:
        return _given_name_first(name)
    return name_from_address(email)


def looks_like_room(attendee: Attendee) -> bool:
    if attendee.resource or is_room_domain(domain_of(attendee.email)):
        return True
    if _ROOM_LOCAL.match(local_part_of(attendee.email)):
        return True
    return attendee.name is not None and _ROOM_NAME.search(attendee.name) is not None


def is_system_address(email: str, name: str | None = None) -> bool:
    """A scheduling system, a no-reply or role mailbox, or a role-named sender: not a person.
    A person at an interviewing service (a Karat interview engineer) is a person."""
    if is_role_address(email):
        return True
    domain = domain_of(email)
    if is_scheduling_domain(domain) and not is_interviewing_service(domain):
        return True
    return name is not None and _ROLE_NAME.search(name) is not None


@dataclass(frozen=True)
class DescribedPeople:
    """What an invite's description says about people (folded text of the segments)."""

    interviewer_text: str
    coordinator_text: str
    candidates: tuple[str, ...]  # names as written
    names: tuple[str, ...]  # every person-looking name in the interviewer/coordinator parts


def people_in_description(description: str) -> DescribedPeople:
    text = description[:6000]
    interviewer_parts: list[str] = []
    coordinator_parts: list[str] = []
    named: list[str] = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _INTERVIEWER_HEADER.match(line):
            # "Interviewers" on its own line, the names on the lines below it.
            for following in lines[index + 1 : index + 16]:
                stripped = following.strip()
                if not stripped:
                    continue
                stripped = _BULLET.sub("", stripped)
                if _COORDINATOR_CUE(plain(stripped)) or not _PERSON_NAME.fullmatch(
                    stripped.split(",")[0].split("(")[0].strip()
                ):
                    break  # the list ends: prose, or the coordinator's line
                interviewer_parts.append(stripped)
                named.append(stripped)
    previous = ""
    for line in lines:
        # "Best,\nJane Doe\nRecruiting Coordinator": the job on the line under the name
        if not line.strip():
            continue
        if (
            previous
            and _COORDINATOR_CUE(plain(line))
            and len(line.split()) <= 6
            and _PERSON_NAME.fullmatch(previous)
        ):
            coordinator_parts.append(previous)
            named.append(previous)
        previous = line.strip()
    for segment in _SEGMENT_SPLIT.split(text):
        if not segment.strip():
            continue
        plain_segment = plain(segment)
        if _COORDINATOR_CUE(plain_segment):
            coordinator_parts.append(segment)
        elif _INTERVIEWER_CUE(plain_segment):
            interviewer_parts.append(segment)
        else:
            continue
        named.extend(
            m.group(0) for m in _PERSON_NAME.finditer(segment) if not is_role_like(m.group(0))
        )
    candidates = tuple(m.group("name").strip() for m in _CANDIDATE_LINE.finditer(text))
    return DescribedPeople(
        interviewer_text=" | ".join(name_fold(p) for p in interviewer_parts),
        coordinator_text=" | ".join(name_fold(p) for p in coordinator_parts),
        candidates=candidates,
        names=tuple(named),
    )


def _name_keys(email: str, name: str | None) -> list[str]:
    """Folded ways the description may write this person: display name, name from address."""
    keys: list[str] = []
    for candidate in (_given_name_first(name) if name else None, name_from_address(email)):
        if candidate:
            folded = name_fold(candidate)
            if folded and folded not in keys:
                keys.append(folded)
    return keys


def _mentioned(keys: Sequence[str], folded_text: str) -> bool:
    if not folded_text:
        return False
    padded = f" {folded_text} "
    return any(" " in key and f" {key} " in padded for key in keys)


def _first_name_mentioned(keys: Sequence[str], folded_text: str, rivals: Iterable[str]) -> bool:
    """The first name alone ("You'll meet Jane"), when no other attendee shares it."""
    if not folded_text:
        return False
    firsts = {key.split()[0] for key in keys if key and len(key.split()[0]) >= 3}
    taken = set(rivals)
    padded = f" {folded_text} "
    return any(f" {first} " in padded and first not in taken for first in firsts)


def named_as(
    attendee: Attendee,
    folded_text: str,
    others: Sequence[Attendee],
    also_named: Sequence[str] = (),
) -> bool:
    """Whether ``folded_text`` names ``attendee``: by full name, or by first name when no one
    else on the event (``others``) or named in the description (``also_named``, e.g. an
    organizer who is not an attendee) shares it."""
    keys = _name_keys(attendee.email, attendee.name)
    if _mentioned(keys, folded_text):
        return True
    rivals = [
        key.split()[0]
        for other in others
        if other.email != attendee.email
        for key in _name_keys(other.email, other.name)
        if key
    ]
    own = set(keys)
    rivals.extend(
        folded.split()[0]
        for folded in (name_fold(name) for name in also_named)
        if folded and folded not in own
    )
    return _first_name_mentioned(keys, folded_text, rivals)


def select_interviewers(
    event: CalendarEvent, me: OwnerAddresses, described: DescribedPeople
) -> tuple[Person, ...]:
    """The attendees who interview the owner: no rooms, systems, role mailboxes or
    coordinators; the organizer only as an attendee; else the organizer, when a person at
    the company (a recruiter's phone screen)."""
    others = [a for a in event.attendees if not a.is_self and not me.is_owner(a.email)]
    # Full names the description writes, and the organizer's: a first name shared with one
    # of them names no one for sure.
    also_named = list(described.names)
    organizer = event.organizer
    if organizer is not None and not me.is_owner(organizer.email):
        organizer_name = person_name(organizer.email, organizer.name)
        if organizer_name and " " in organizer_name:
            also_named.append(organizer_name)
    chosen = [
        Person(a.email, person_name(a.email, a.name))
        for a in others
        if _interviews(a, me, described, others, also_named)
    ]
    if chosen:
        return tuple(chosen)
    return _organizer_as_interviewer(event, me, described, others)


def _interviews(
    attendee: Attendee,
    me: OwnerAddresses,
    described: DescribedPeople,
    others: Sequence[Attendee],
    also_named: Sequence[str],
) -> bool:
    if looks_like_room(attendee) or is_system_address(attendee.email, attendee.name):
        return False
    if me.domain and registrable_domain(domain_of(attendee.email)) == me.domain:
        return False
    named_interviewer = named_as(attendee, described.interviewer_text, others, also_named)
    if not named_interviewer and named_as(attendee, described.coordinator_text, others, also_named):
        return False
    return named_interviewer or not attendee.optional


def _organizer_as_interviewer(
    event: CalendarEvent, me: OwnerAddresses, described: DescribedPeople, others: Sequence[Attendee]
) -> tuple[Person, ...]:
    """Nobody else: the organizer, when a person at the company who is not the coordinator."""
    organizer = event.organizer
    if organizer is None or me.is_owner(organizer.email):
        return ()
    domain = domain_of(organizer.email)
    if (
        is_public_domain(domain)
        or is_system_address(organizer.email, organizer.name)
        or (me.domain and registrable_domain(domain) == me.domain)
    ):
        return ()
    as_attendee = Attendee(organizer.email, organizer.name)
    if looks_like_room(as_attendee) or (
        named_as(as_attendee, described.coordinator_text, others)
        and not named_as(as_attendee, described.interviewer_text, others)
    ):
        return ()
    return (Person(organizer.email, person_name(organizer.email, organizer.name)),)
