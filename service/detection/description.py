"""What an invite's description says, read once per text.

Descriptions are templates (an ATS's confirmation, a booking page's, a recurring event's):
the same text arrives on many events, so its facts are read once and kept for the next
event that carries it (a bounded table keyed by the text; the facts depend on nothing
else)."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from service.detection.classify import (
    DESCRIPTION_READ,
    description_negative,
    description_signal,
    recruiting_context,
    says_interview_or_screen,
)
from service.detection.folding import plain
from service.detection.languages import words
from service.detection.people import DescribedPeople, people_in_description
from service.detection.roles import is_role_like, job_title_in_description
from service.detection.stage import description_names_stage

# Words without which a description names no stage and no role: most events' descriptions
# (agendas, links) are ruled out by one search.
_STAGE_OR_ROLE_WORDS = re.compile(
    r"final|last|on.?site|super ?day|screen|phone|intro|initial|\bhr\b|recruit|round|"
    r"interview|role|position|opening|vacanc|job|title|appl(?:y|ied|ying)|"
    r"gesprach|telefon|stelle|bewerb|entrevista|puesto|vacante|llamada|entretien|poste|"
    r"echange|vaga|conversa|cargo|event name",
)


_EVENT_NAME_LABELS = "|".join(
    sorted((re.escape(w).replace("\\ ", r"\s+") for w in words("event_name_labels")),
           key=len, reverse=True)
)  # fmt: skip
_EVENT_NAME = re.compile(
    rf"^\s*(?:{_EVENT_NAME_LABELS})\s*:\s*(?P<name>[^\n]{{3,120}})$", re.IGNORECASE | re.MULTILINE
)


def event_name_in(description: str) -> str | None:
    """A booking page's event type as its description writes it ("Event Name: Phone Screen -
    Acme"), or None."""
    match = _EVENT_NAME.search(plain(description[:2000]))
    if match is None:
        return None
    start, end = match.span("name")
    return description[start:end].strip() or None


class DescriptionFacts:
    def __init__(self, text: str) -> None:
        self.text = text

    @staticmethod
    def of(text: str) -> DescriptionFacts:
        return _facts(text)

    @cached_property
    def plain(self) -> str:
        return plain(self.text[:DESCRIPTION_READ])

    @cached_property
    def people(self) -> DescribedPeople:
        return people_in_description(self.text)

    @cached_property
    def role(self) -> str | None:
        """The role it names ("Role: ...", "the X position", "para el puesto de X")."""
        return job_title_in_description(self.text)

    @cached_property
    def describes_a_role(self) -> bool:
        return self.role is not None and is_role_like(self.role)

    @cached_property
    def event_name(self) -> str | None:
        """A booking page's event type ("Event Name: Phone Screen - Acme")."""
        return event_name_in(self.text)

    @cached_property
    def says_interview(self) -> str | None:
        """What says this meeting is an interview ("your interview")."""
        return description_signal(self.plain)

    @cached_property
    def says_interview_or_screen(self) -> bool:
        return says_interview_or_screen(self.plain)

    @cached_property
    def negative(self) -> str | None:
        return description_negative(self.plain)

    @cached_property
    def recruiting_context(self) -> bool:
        return recruiting_context(self.plain)

    @cached_property
    def stage(self) -> str | None:
        """What it names this meeting as (a final round, a screening call, a round)."""
        return description_names_stage(self.plain)

    @cached_property
    def may_name_stage_or_role(self) -> bool:
        text = self.plain
        return (
            bool(text)
            and _STAGE_OR_ROLE_WORDS.search(text) is not None
            and (self.stage is not None or self.describes_a_role)
        )

    @cached_property
    def stage_text(self) -> str:
        """The text for stage words; a role it names ("the Panel Beater role") says nothing
        about the stage."""
        role = self.role
        text = self.text.replace(role, " ") if role else self.text
        return plain(text[:DESCRIPTION_READ])


@lru_cache(maxsize=512)  # descriptions are at most 20,000 characters (providers.html_text)
def _facts(text: str) -> DescriptionFacts:
    return DescriptionFacts(text)
