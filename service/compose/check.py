"""The content check shown to the owner next to a draft (policy P2): length in sentences,
forbidden subjects, prompts left to fill in, greeting, sign-off, subject; and what reads
badly: a note kept as written because no sentence fitted it, words joined against grammar
("about We ..."), a sentence too long to read at once, an insight that dwells on a slip."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .grammar import split_sentences
from .notes import KEPT_LEADS, points_at_slip
from .sentences import (
    GREETING,
    PROMPT,
    SENTENCE_RANGE,
    SIGN_OFF,
    body_lines_between,
    body_text,
    count_sentences,
    forbidden_words,
)

LONG_SENTENCE = 35  # words: longer than this, a sentence asks to be read twice

# Words a sentence cannot join: a subject pronoun after a preposition ("about We talked"),
# a question's word order after one ("on how do they").
_AWKWARD = (
    re.compile(r"\b(?:[Aa]bout|[Oo]n|[Oo]f|[Ww]ith|[Ii]n|[Ff]or|[Tt]o|[Ff]rom|[Ii]nto|[Bb]y|[Aa]t)"
               r"\s+(?:I|[Ww]e|[Hh]e|[Ss]he|[Tt]hey)\b(?![-'’])"),
    re.compile(r"\b(?:about|on|of|with|in)\s+(?:how|what|why|when|where|which|who)\s+"
               r"(?:do|does|did|is|are|was|were|can|could|will|would|should)\s+"
               r"(?:I|we|you|they|he|she|it|the|a|an|our|your|their)\b", re.IGNORECASE),
)


def awkward_joins(text: str) -> list[str]:
    """Places where words meet against grammar, as "about We talked"."""
    found = []
    for pattern in _AWKWARD:
        for match in pattern.finditer(text):
            end = text.find(" ", match.end() + 1)
            found.append(text[match.start():end if end > 0 else None].strip())
    return found

Severity = Literal["error", "warning"]
Kind = Literal["thank_you", "check_in"]


@dataclass(frozen=True)
class Finding:
    # length | forbidden | placeholder | template | greeting | sign_off | subject | note |
    # grammar | long | slip
    code: str
    severity: Severity
    message: str  # one line, for the owner


def check_draft(kind: Kind, stage: str | None, subject: str, body: str, *,
                job_title: str | None = None, company: str | None = None,
                reply: bool = False) -> list[Finding]:
    """What is wrong or unfinished in a draft. ``reply``: a check-in in a thread. The
    company and the job title are names, not words the owner says (P2.4: "Quetzal Pay")."""
    findings: list[Finding] = []
    key = "check_in" if kind == "check_in" else (stage or "interview")
    low, high = SENTENCE_RANGE.get(key, (2, 9))
    count = count_sentences(body)
    if not low <= count <= high:
        findings.append(Finding("length", "error",
                                f"{count} sentences; a {key.replace('_', ' ')} "
                                f"note should have {low} to {high}"))
    said = f"{subject}\n{body}"
    for name in sorted(filter(None, (company, job_title)), key=len, reverse=True):
        said = re.sub(re.escape(name), " ", said, flags=re.IGNORECASE)
    for word in forbidden_words(said):
        findings.append(Finding("forbidden", "error", f"mentions {word}: leave it out"))
    prompts = PROMPT.findall(body)
    if prompts:
        findings.append(Finding("placeholder", "warning",
                                f"fill in {len(prompts)} bracketed prompt"
                                f"{'s' if len(prompts) > 1 else ''}, e.g. {prompts[0][:80]}"))
    if re.search(r"\{\{|\{%|\}\}|%\}", f"{subject}{body}"):
        findings.append(Finding("template", "error", "template syntax left in the text"))
    findings += _reading_findings(body)
    greeting, sign_off, _ = body_lines_between(body)
    if greeting is None:
        findings.append(Finding("greeting", "error", 'no greeting line such as "Hi Jane,"'))
    if sign_off is None:
        findings.append(Finding("sign_off", "error", 'no sign-off line such as "Best regards,"'))
    findings += _subject_findings(kind, subject, job_title, reply)
    return findings


def _reading_findings(body: str) -> list[Finding]:
    findings: list[Finding] = []
    sentences = split_sentences(body_text(body))
    kept = [s for s in sentences if s.startswith(KEPT_LEADS)]
    if kept:
        findings.append(Finding("note", "warning",
                                "a note no sentence fitted is kept as you wrote it: "
                                f"read \"{kept[0][:80]}\" once more"))
    awkward = awkward_joins(body_text(body))
    if awkward:
        findings.append(Finding("grammar", "warning", f"reads against grammar: \"{awkward[0]}\""))
    long = [s for s in sentences if len(s.split()) > LONG_SENTENCE]
    if long:
        findings.append(Finding("long", "warning",
                                f"a sentence of {len(long[0].split())} words: split it "
                                f"(\"{' '.join(long[0].split()[:8])} ...\")"))
    slips = [s for s in sentences if points_at_slip(s)]
    if slips:
        findings.append(Finding("slip", "warning",
                                "this reads as a slip or an apology; say the addition itself: "
                                f"\"{slips[0][:80]}\""))
    return findings


def _subject_findings(kind: Kind, subject: str, job_title: str | None,
                      reply: bool) -> list[Finding]:
    if re.search(r"[\r\n]", subject):
        return [Finding("subject", "error", "the subject has a line break")]
    if kind == "thank_you":
        if "thank you" not in subject.lower():
            return [Finding("subject", "warning", 'a thank-you subject should say "Thank you"')]
        return []
    if reply:
        if not re.match(r"\s*re:", subject, re.IGNORECASE):
            return [Finding("subject", "error",
                            'a reply in a thread keeps the thread\'s subject, "Re: ..."')]
        return []
    found = []
    if not re.search(r"follow(ing)?[- ]?up", subject, re.IGNORECASE):
        found.append(Finding("subject", "warning", 'a check-in subject should say "Following up"'))
    if job_title and job_title.lower() not in subject.lower():
        found.append(Finding("subject", "warning", "the subject does not name the job title"))
    return found


__all__ = ["GREETING", "SIGN_OFF", "Finding", "check_draft"]
