"""What an event's words say: about an interview or not, and how strongly.

Every function here reads :func:`~service.detection.folding.plain` text (lower case, no
accents) and the word tables of :mod:`service.detection.languages`."""

from __future__ import annotations

from typing import Literal

from service.detection.languages import Matcher, TaggedMatcher, entries, tagged

Strength = Literal["strong", "weak"]

_TITLE_NEGATIVES = TaggedMatcher(tagged("title_negatives"))
_WHOLE_TITLE_NEGATIVES = TaggedMatcher(tagged("whole_title_negatives"))
_DESCRIPTION_NEGATIVES = TaggedMatcher(tagged("description_negatives"))
_STRONG = TaggedMatcher(tagged("strong"))
_WEAK = Matcher(entries("weak"))
_INTRO = Matcher(entries("intro"))
_COFFEE = Matcher(entries("coffee"))
_INTERVIEW_OR_SCREEN = Matcher(entries("interview_or_screen"))
_DESCRIPTION_INTERVIEW = Matcher(entries("description_interview"))
_RECRUITING_CONTEXT = Matcher(entries("recruiting_context"))

# Descriptions are read this far: what names the role and the stage comes first.
DESCRIPTION_READ = 6000


def title_negative(title: str) -> str | None:
    """Why a title that mentions interviews is not one the owner sits as a candidate."""
    found = _TITLE_NEGATIVES.first(title)
    return found[0] if found else None


def whole_title_negative(title: str) -> str | None:
    """The same, for words that would otherwise be set aside as a job title ("Parent Teacher
    Interview")."""
    found = _WHOLE_TITLE_NEGATIVES.first(title)
    return found[0] if found else None


def description_negative(description: str) -> str | None:
    """Only phrases that settle it whatever the title says."""
    found = _DESCRIPTION_NEGATIVES.first(description[:DESCRIPTION_READ])
    return found[0] if found else None


def title_signal(title: str) -> tuple[Strength, str] | None:
    """("strong", words) when the title names an interview; ("weak", words) when it names a
    conversation that is an interview only if the event is about a job."""
    found = _STRONG.first(title)
    if found is not None:
        return "strong", found[1]
    match = _WEAK.search(title)
    if match is not None:
        return "weak", match.group(0).strip()
    return None


def is_coffee_chat(title: str) -> bool:
    return _COFFEE(title)


def says_interview_or_screen(text: str) -> bool:
    return _INTERVIEW_OR_SCREEN(text[:DESCRIPTION_READ])


def recruiting_context(description: str) -> bool:
    return _RECRUITING_CONTEXT(description[:DESCRIPTION_READ])


def description_signal(description: str) -> str | None:
    """What in the description says this meeting is an interview ("your interview")."""
    match = _DESCRIPTION_INTERVIEW.search(description[:DESCRIPTION_READ])
    return match.group(0) if match else None


def is_intro_call(title: str) -> bool:
    """Calls that open a hiring process ("Intro call", "Erstgespräch", "Llamada inicial")."""
    return _INTRO(title)
