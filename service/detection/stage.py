"""An interview's stage, in the spec's order: final round, phone screen, panel, interview.

Read on :func:`~service.detection.folding.plain` text, with the stage words of every
language in :mod:`service.detection.languages`."""

from __future__ import annotations

import re
from typing import Literal

from service.detection.folding import plain
from service.detection.languages import Matcher, entries

Stage = Literal["phone_screen", "interview", "panel", "final_round"]
STAGES: tuple[Stage, ...] = ("phone_screen", "interview", "panel", "final_round")

_FINAL_TITLE = Matcher(entries("final_title"))
_FINAL_DESCRIPTION = Matcher(entries("final_description"))
_SCREEN = Matcher(entries("screen"))
_SCREEN_TITLE_ONLY = Matcher(entries("screen_title_only"))
_SCREEN_NOT = Matcher(entries("screen_not"))
_PANEL = Matcher(entries("panel"))
_ROUND = Matcher(entries("rounds"))
# A sentence about other steps ("the next step would be an onsite") does not name this one.
_OTHER_STEP = Matcher(entries("other_step"))
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


def _screen_in(text: str) -> bool:
    if not _SCREEN(text):
        return False
    pattern = _SCREEN_NOT.pattern
    return pattern is None or _SCREEN(pattern.sub(" ", text))


def _about_this_meeting(found: Matcher, description: str, screen: bool = False) -> bool:
    for sentence in _SENTENCES.split(description[:4000]):
        said = _screen_in(sentence) if screen else found(sentence)
        if said and not _OTHER_STEP(sentence):
            return True
    return False


def title_names_stage(title: str) -> bool:
    """The title names a stage the spec knows: onsite, final round, screen, intro call, panel."""
    return _FINAL_TITLE(title) or _screen_in(title) or _SCREEN_TITLE_ONLY(title) or _PANEL(title)


def description_names_stage(description: str) -> str | None:
    """What the description names this meeting as (a final round, an onsite, a screening or
    introductory call, a numbered round), or None."""
    if _about_this_meeting(_FINAL_DESCRIPTION, description):
        return "a final round or onsite"
    if _about_this_meeting(_SCREEN, description, screen=True):
        return "a screening call"
    if _about_this_meeting(_ROUND, description):
        return "an interview round"
    return None


def stage_of(title: str, description: str, interviewer_count: int) -> tuple[Stage, str]:
    """The stage and the reason for it (from :func:`plain` text)."""
    title, description = plain(title), plain(description)
    if _FINAL_TITLE(title):
        return "final_round", "the title names a final round or onsite"
    if _about_this_meeting(_FINAL_DESCRIPTION, description):
        return "final_round", "the description names a final round or onsite"
    if _screen_in(title) or _SCREEN_TITLE_ONLY(title):
        return "phone_screen", "the title names a screening call"
    if _about_this_meeting(_SCREEN, description, screen=True):
        return "phone_screen", "the description names a screening call"
    if _PANEL(title) or _about_this_meeting(_PANEL, description):
        return "panel", "the word panel"
    if interviewer_count >= 2:
        return "panel", f"{interviewer_count} interviewers"
    return "interview", "an interview"
