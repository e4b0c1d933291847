"""An interview's stage, in the spec's order: final round, phone screen, panel, interview."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

Stage = Literal["phone_screen", "interview", "panel", "final_round"]
STAGES: tuple[Stage, ...] = ("phone_screen", "interview", "panel", "final_round")

_I = re.IGNORECASE
_FINAL_TITLE = re.compile(
    r"\bfinals?\b|\blast (?:round|interview|stage)\b|\bon-?site\b|\bon site\b|\bsuper ?day\b",
    _I,
)
_FINAL_DESCRIPTION = re.compile(
    r"\bfinal (?:round|interview|stage|loop|conversation)s?\b|\blast (?:round|interview|stage)\b|"
    r"\bon-?site\b|\bon site\b|\bsuper ?day\b",
    _I,
)
_SCREEN = re.compile(
    r"\bscreen(?:s|ing|er)?\b(?! ?shar)|\b(?:tele)?phone (?:interview|call|chat|conversation)\b|"
    r"\brecruiter (?:call|chat|conversation|interview|connect|sync)\b|"
    r"\b(?:call|chat|conversation) with (?:a |the |our |your )?recruiter\b|"
    r"\bintro(?:ductory|duction)? (?:call|chat|conversation|meeting)\b|"
    r"\binitial (?:call|chat|conversation)\b|\bhr (?:call|chat|conversation|interview)\b",
    _I,
)
# In a title "Intro" alone names the conversation ("Intro - Acme x Alex Kim").
_SCREEN_TITLE_ONLY = re.compile(r"\bintro(?:ductory|duction)?\b", _I)
_SCREEN_NOT = re.compile(r"\bshare (?:your |my |the |a )?screens?\b|\bscreen ?shar", _I)
_PANEL = re.compile(r"\bpanel(?:s|ists?)?\b", _I)
# A sentence about other steps ("the next step would be an onsite") does not name this one.
_OTHER_STEP = re.compile(
    r"\b(?:next|later|follow(?:ed|ing)?|after|afterwards|previous(?:ly)?|earlier|before|"
    r"ahead of|if|would|may|might|could|future|upcoming|subsequent|then|once)\b",
    _I,
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


def _screen_in(text: str) -> bool:
    if not _SCREEN.search(text):
        return False
    return _SCREEN.search(_SCREEN_NOT.sub(" ", text)) is not None


def _about_this_meeting(pattern: re.Pattern[str], description: str, screen: bool) -> bool:
    for sentence in _SENTENCES.split(description[:4000]):
        found = _screen_in(sentence) if screen else pattern.search(sentence) is not None
        if found and not _OTHER_STEP.search(sentence):
            return True
    return False


# Rounds a description names for this meeting ("Second round: a conversation about ...").
_ROUND = re.compile(
    r"\b(?:first|second|third|fourth|\d(?:st|nd|rd|th)|technical|coding) (?:round|interview)s?\b",
    _I,
)


def title_names_stage(title: str) -> bool:
    """The title names a stage the spec knows: onsite, final round, screen, intro call, panel."""
    return bool(
        _FINAL_TITLE.search(title)
        or _screen_in(title)
        or _SCREEN_TITLE_ONLY.search(title)
        or _PANEL.search(title)
    )


@lru_cache(maxsize=1024)
def description_names_stage(description: str) -> str | None:
    """What the description names this meeting as (a final round, an onsite, a screening or
    introductory call, a numbered round), or None."""
    if _about_this_meeting(_FINAL_DESCRIPTION, description, screen=False):
        return "a final round or onsite"
    if _about_this_meeting(_SCREEN, description, screen=True):
        return "a screening call"
    if _about_this_meeting(_ROUND, description, screen=False):
        return "an interview round"
    return None


def stage_of(title: str, description: str, interviewer_count: int) -> tuple[Stage, str]:
    """The stage and the reason for it."""
    if _FINAL_TITLE.search(title):
        return "final_round", "the title names a final round or onsite"
    if _about_this_meeting(_FINAL_DESCRIPTION, description, screen=False):
        return "final_round", "the description names a final round or onsite"
    if _screen_in(title) or _SCREEN_TITLE_ONLY.search(title):
        return "phone_screen", "the title names a screening call"
    if _about_this_meeting(_SCREEN, description, screen=True):
        return "phone_screen", "the description names a screening call"
    if _PANEL.search(title) or _about_this_meeting(_PANEL, description, screen=False):
        return "panel", "the word panel"
    if interviewer_count >= 2:
        return "panel", f"{interviewer_count} interviewers"
    return "interview", "an interview"
