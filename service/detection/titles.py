"""Reading an event title as parts.

"Interview: Alex Kim / Senior Data Engineer (Acme)", "Acme | Product Designer - Hiring
Manager Interview", "Interview for Backend Engineer at Acme (via Hays)": split on the
separators and on the words at/for/with/via, remember what introduced each part (its cue),
and set aside the words that name the kind of conversation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from service.detection.folding import fold, plain
from service.detection.languages import entries, words
from service.detection.roles import ROLE_NOUNS, is_area_of, is_role_like, without_gender_markers

Cue = Literal["start", "sep", "at", "for", "with", "via", "paren"]


@dataclass(frozen=True)
class Part:
    text: str  # as written, trimmed
    cue: Cue
    dash: bool = False  # a dash (" - ", " – ") stands right before it


# Provider and mail-client prefixes that are not part of what the organiser wrote.
def _alternation(phrases: Sequence[str]) -> str:
    """Phrases (accents as written, and without) as one alternation, longest first."""
    forms = {form for phrase in phrases for form in (phrase, plain(phrase))}
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(f).replace("\\ ", r"\s+") for f in ordered)


_PREFIXES = re.compile(
    rf"^\s*(?:(?:{_alternation(entries('prefixes'))})\s*:\s*)+", re.IGNORECASE
)
# Booking pages: "<event type> between <host or team> and <invitee>" (Cal.com), in the
# owner's language too ("... zwischen ... und ...", "... entre ... y ...").
_BOOKING = re.compile(
    rf"^(?P<type>.+?)\s+(?:{_alternation(entries('booking_between'))})\s+(?P<a>.+?)\s+"
    rf"(?:{_alternation(entries('booking_and'))})\s+(?P<b>.+)$",
    re.IGNORECASE,
)
# "1/3", "(2 of 3)", "round 2", "part 1": sequence markers, set aside before splitting on "/".
_SEQUENCE = re.compile(
    r"\b(?:round|part|stage|step|session|loop|interview)\s*#?\s*\d{1,2}"
    r"(?:\s*(?:of|/)\s*\d{1,2})?\b(?!:)|"
    r"\b\d{1,2}\s*/\s*\d{1,2}\b|\b\d{1,2}\s+of\s+\d{1,2}\b|#\s*\d{1,2}\b",
    re.IGNORECASE,
)
_WITH_ABBREVIATION = re.compile(r"(?<![\w/])w/\s*", re.IGNORECASE)
_AT_SIGN = re.compile(r"\s@\s")
_SEPARATORS = re.compile(
    r"\s+[-~]+\s+|\s*[–—|•·»«]+\s*|\s*:(?=\s|$)\s*|\s*<+\s*-*\s*>+\s*|\s*<->\s*|"
    r"\s+[x×+]\s+|\s+/\s*|\s*/\s+|,\s+|\s*;\s*|\s+--\s*"
)
_BRACKETS = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
# The words that introduce a part, in every language: whom one meets, where, for which role,
# through whom ("about the Data Analyst role" introduces a role the way "for" does).
_CUE_FIELDS: tuple[tuple[Cue, str], ...] = (
    ("via", "cue_via"), ("for", "cue_for"), ("at", "cue_at"), ("with", "cue_with"),
)  # fmt: skip
_CUES: dict[str, Cue] = {
    " ".join(plain(word).split()): cue for cue, field in _CUE_FIELDS for word in entries(field)
}
_CUE_WORDS = re.compile(
    rf"(?<!\S)({_alternation([w for _, field in _CUE_FIELDS for w in entries(field)])})(?!\S)\s*",
    re.IGNORECASE,
)
# Conversation words that begin with a cue word ("avec le manager", "com o gestor"): one
# token, so the cue does not split them off as whom one meets.
_CUE_PHRASE_LIST = [
    p for p in (*entries("modifiers"), *entries("heads")) if " " in p and p.split()[0] in _CUES
]
_CUE_PHRASES = re.compile(rf"(?<!\S)(?:{_alternation(_CUE_PHRASE_LIST)})(?!\S)", re.IGNORECASE)
_EDGE_JUNK = re.compile(r"^[\s\"'`*_.,!?#~=+&-]+|[\s\"'`*_.,!?#~=+&:-]+$")

# Words that name the kind of conversation. HEADS name the conversation itself; MODIFIERS
# qualify it ("Technical Interview", "Final Round"). A modifier is only set aside next to a
# head (or in a part made of nothing else) so "Technical Writer" stays a job title; words
# that end job titles ("manager") are neither, so "Engineering Manager Interview" keeps them.
_HEADS: frozenset[str] = frozenset(words("heads"))
_MODIFIERS: frozenset[str] = frozenset(words("modifiers"))
# Endings that make a compound a head: "Fachinterview", "Kennenlerngespräch".
_COMPOUND_HEADS: tuple[str, ...] = words("compound_heads")
_MAX_PHRASE = 3


# Markup and template syntax a stranger may put in a title: never part of a name or a role.
# ("<>" alone is a separator people use: "Alex Kim <> Acme".)
_MARKUP = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>|<(?=[a-z/!])[^<>]{0,200}>"
                     r"|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|[{}]", re.IGNORECASE | re.DOTALL)


def clean_title(title: str) -> str:
    """The title without markup or template syntax, client prefixes ("Canceled: ",
    "Updated invitation: ", "FW: ") and gender markers ("(m/w/d)")."""
    return without_gender_markers(_PREFIXES.sub("", _MARKUP.sub(" ", title)))


# Joins the words of a name that must not be split ("Best For You Organics").
_JOINER = "\ue000"
# Inclusive endings ("Chargé(e)", "Directeur(rice)", "Desenvolvedor(a)") are the word's,
# not a bracket.
_OPEN, _CLOSE = "\ue001", "\ue002"
_INCLUSIVE_ENDING = re.compile(
    r"(?<=[^\W\d_])\((e|es|s|ne|le|se|euse|rice|trice|ere|ère|x|a|as|o|os|ora|ra)\)",
    re.IGNORECASE,
)
_RE_COLON = re.compile(r"(?:^|(?<=\s))re:\s*", re.IGNORECASE)


def split_title(title: str, whole_names: Sequence[str] = ()) -> tuple[Part, ...]:
    """The title's parts, in order, each with the separator or word that introduced it.
    ``whole_names`` (company names) stay in one part whatever words they contain."""
    return _split_title(title, tuple(whole_names))


@lru_cache(maxsize=4096)  # titles repeat (recurring events, one title read several ways)
def _split_title(title: str, whole_names: tuple[str, ...]) -> tuple[Part, ...]:
    text = clean_title(title)[:400].replace(_JOINER, " ")
    text = _INCLUSIVE_ENDING.sub(lambda m: f"{_OPEN}{m.group(1)}{_CLOSE}", text)
    for name in whole_names:
        if " " in name and name in text:
            text = text.replace(name, name.replace(" ", _JOINER))
    text = _CUE_PHRASES.sub(lambda m: m.group(0).replace(" ", _JOINER), text)
    booking = _BOOKING.match(text)
    if booking is not None:
        text = " | ".join(booking.group("type", "a", "b"))
    text = _RE_COLON.sub(" re ", text)
    text = _SEQUENCE.sub(" ", text)
    text = _WITH_ABBREVIATION.sub(" with ", text)
    text = _AT_SIGN.sub(" at ", text)
    parts: list[Part] = []
    position = 0
    for match in _BRACKETS.finditer(text):
        _split_plain(text[position : match.start()], "start" if not parts else "sep", parts)
        _split_plain(match.group(1), "paren", parts)
        position = match.end()
    _split_plain(text[position:], "start" if not parts else "sep", parts)
    return tuple(parts)


def _split_plain(text: str, first_cue: Cue, parts: list[Part]) -> None:
    cue = first_cue
    segments = _SEPARATORS.split(text)
    separators = [m.group(0) for m in _SEPARATORS.finditer(text)]
    joined: list[str] = segments[:1]
    dashes: list[bool] = [False]  # whether a dash stands before the segment
    for separator, segment in zip(separators, segments[1:], strict=True):
        # the area ends where a cue word starts: "Product Manager, Growth at Acme"
        area = _CUE_WORDS.split(segment, maxsplit=1)[0]
        if separator.strip() == "," and _names_a_specialty(joined[-1], area):
            joined[-1] = f"{joined[-1]}, {segment}"
        elif separator.strip() in ("-", "–") and is_area_of(joined[-1], area):
            joined[-1] = f"{joined[-1]} - {segment}"  # "Software Engineer - Infrastructure"
        else:
            joined.append(segment)
            dashes.append(separator.strip() in ("-", "–"))
    for index, segment in enumerate(joined):
        segment_cue: Cue = cue if index == 0 else ("sep" if cue != "paren" else "paren")
        _split_cue_words(segment, segment_cue, parts, dashes[index])


def _names_a_specialty(role: str, specialty: str) -> bool:
    """ "Product Manager, Growth", "Senior Software Engineer, Backend": a comma after a job
    title followed by a short area belongs to the title; not a company (joined as one token),
    not a cue ("at Acme") and not conversation words ("Backend Engineer, Final Round")."""
    area = strip_conversation_words(specialty)  # "Growth interview" -> "Growth"
    words = area.split()
    return (
        0 < len(words) <= 3
        and specialty.strip().startswith(area)
        and _JOINER not in specialty
        and is_role_like(role)
        and not is_role_like(area)
        and _CUE_WORDS.search(area) is None
    )


def _split_cue_words(segment: str, cue: Cue, parts: list[Part], dash: bool = False) -> None:
    position = 0
    current: Cue = cue
    for match in _CUE_WORDS.finditer(segment):
        word = match.group(1)
        # "re" (regarding) is a cue in lower case or before a colon, not in "Munich Re"
        if plain(word) == "re" and word != "re":
            continue
        _add_part(segment[position : match.start()], current, parts, dash)
        dash = False
        current = _CUES.get(" ".join(plain(word).split()), "sep")
        position = match.end()
    _add_part(segment[position:], current, parts, dash)


def _add_part(text: str, cue: Cue, parts: list[Part], dash: bool = False) -> None:
    cleaned = _EDGE_JUNK.sub("", text).strip()
    if cleaned and any(c.isalnum() for c in cleaned):
        text = " ".join(cleaned.replace(_JOINER, " ").split())
        parts.append(Part(text=text.replace(_OPEN, "(").replace(_CLOSE, ")"), cue=cue,
                          dash=dash))


@lru_cache(maxsize=16384)
def strip_conversation_words(text: str) -> str:
    """``text`` without the words that name the kind of conversation: "Kramerica Industries
    Final Round Interview" -> "Kramerica Industries", "Technical Interview" -> "",
    "Technical Writer" -> "Technical Writer"."""
    words = text.split()
    if not words:
        return ""
    folded = [fold(w) for w in words]
    kinds: list[str] = ["other"] * len(words)  # "conversation", "head", "glue", "other"
    phrases = 0
    phrase_starts: list[int] = []
    i = 0
    while i < len(words):
        if not folded[i]:  # punctuation alone ("&", "-") belongs to whatever surrounds it
            kinds[i] = "glue"
            i += 1
            continue
        for size in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
            phrase = " ".join(f for f in folded[i : i + size] if f)
            compound = size == 1 and _is_compound_head(phrase)
            if phrase in _HEADS or phrase in _MODIFIERS or compound:
                kind = "conversation" if phrase in _MODIFIERS and phrase not in _HEADS else "head"
                kinds[i : i + size] = [kind] * size
                phrases += 1
                phrase_starts.append(i)
                i += size
                break
        else:
            i += 1
    _keep_job_title_adjuncts(words, folded, kinds)
    _keep_qualified_role_nouns(words, folded, kinds, phrase_starts)
    _keep_trailing_role(words, folded, kinds, phrase_starts)
    keep = [True] * len(words)
    whole = all(kind != "other" for kind in kinds)
    if whole and phrases >= 2 and "head" not in kinds and is_role_like(text):
        # Qualifiers ending in a role noun, no conversation named: "Technical Recruiter"
        # is a job title (one phrase alone, "Hiring Manager", is who you meet).
        return _EDGE_JUNK.sub("", text.strip())
    i = 0
    while i < len(words):
        if kinds[i] == "other":
            i += 1
            continue
        j = i
        while j < len(words) and kinds[j] != "other":
            j += 1
        if whole or "head" in kinds[i:j]:
            keep[i:j] = [False] * (j - i)
        i = j
    return _EDGE_JUNK.sub("", " ".join(w for w, k in zip(words, keep, strict=True) if k))


def _is_compound_head(word: str) -> bool:
    if not word.endswith(_COMPOUND_HEADS):
        return False
    return any(word.endswith(head) and len(word) > len(head) + 2 for head in _COMPOUND_HEADS)


# Conversation words that also open job titles as a noun before the role noun: "Call Center
# Agent", "Panel Beater", "Screen Printer", "Case Manager", "Meeting Planner". Not the words
# that only ever name an interview ("Interview", "Onsite", "Intro").
_JOB_TITLE_ADJUNCTS: frozenset[str] = frozenset(
    {"call", "panel", "screen", "chat", "conversation", "meeting", "case", "review",
     "session", "video", "phone", "culture", "values", "coding", "talk"}
)  # fmt: skip


def _keep_job_title_adjuncts(words: list[str], folded: list[str], kinds: list[str]) -> None:
    """A lone conversation word just before a run of other words that reads as a job title
    ("Call" + "Center Agent") is part of that title, unless another conversation word comes
    right before it ("Technical Interview Backend Engineer" stays a stage and a role)."""
    i = 0
    while i < len(words):
        if kinds[i] != "other":
            i += 1
            continue
        j = i
        while j < len(words) and kinds[j] == "other":
            j += 1
        lead = i - 1
        if (
            lead >= 0
            and folded[lead] in _JOB_TITLE_ADJUNCTS
            and (lead == 0 or kinds[lead - 1] in ("other", "glue"))
            and is_role_like(" ".join(words[i:j]))
        ):
            kinds[lead] = "other"
        i = j


def _keep_qualified_role_nouns(
    words: list[str], folded: list[str], kinds: list[str], phrase_starts: list[int]
) -> None:
    """ "Technical Recruiter Interview": qualifiers and a one-word phrase that ends job
    titles ("recruiter"), before the conversation word, at the start of the text, are a job
    title. One phrase alone ("Recruiter Call", "Hiring Manager Screen") names the
    conversation."""
    end = 0
    while end < len(words) and kinds[end] == "conversation":
        end += 1
    if (
        2 <= end < len(words)
        and kinds[end] == "head"
        and sum(1 for start in phrase_starts if start < end) >= 2
        and (end - 1) in phrase_starts  # the role noun is a phrase of its own
        and folded[end - 1] in ROLE_NOUNS
        and is_role_like(" ".join(words[:end]))
    ):
        kinds[:end] = ["other"] * end


def _keep_trailing_role(
    words: list[str], folded: list[str], kinds: list[str], phrase_starts: list[int]
) -> None:
    """ "Hiring Manager Interview Technical Recruiter": qualifiers ending in a role noun after
    the last conversation word, two phrases or more, are a job title ("Interview Hiring
    Manager" names whom one meets)."""
    heads = [i for i, kind in enumerate(kinds) if kind == "head"]
    if not heads:
        return
    start = heads[-1] + 1
    tail = range(start, len(words))
    if (
        len(tail) >= 2
        and all(kinds[i] == "conversation" for i in tail)
        and sum(1 for s in phrase_starts if s >= start) >= 2
        and folded[-1] in ROLE_NOUNS
        and is_role_like(" ".join(words[start:]))
    ):
        kinds[start:] = ["other"] * len(tail)


def is_only_conversation_words(text: str) -> bool:
    return not strip_conversation_words(text)
