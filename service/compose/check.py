"""The content check shown to the owner next to a draft (policy P2): length in sentences,
forbidden subjects, prompts left to fill in, greeting, sign-off, subject."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .sentences import (
    GREETING,
    PROMPT,
    SENTENCE_RANGE,
    SIGN_OFF,
    body_lines_between,
    count_sentences,
    forbidden_words,
)

Severity = Literal["error", "warning"]
Kind = Literal["thank_you", "check_in"]


@dataclass(frozen=True)
class Finding:
    code: str  # length | forbidden | placeholder | template | greeting | sign_off | subject
    severity: Severity
    message: str  # one line, for the owner


def check_draft(kind: Kind, stage: str | None, subject: str, body: str, *,
                job_title: str | None = None, reply: bool = False) -> list[Finding]:
    """What is wrong or unfinished in a draft. ``reply``: a check-in in a thread."""
    findings: list[Finding] = []
    key = "check_in" if kind == "check_in" else (stage or "interview")
    low, high = SENTENCE_RANGE.get(key, (2, 9))
    count = count_sentences(body)
    if not low <= count <= high:
        findings.append(Finding("length", "error",
                                f"{count} sentences; a {key.replace('_', ' ')} "
                                f"note should have {low} to {high}"))
    for word in forbidden_words(f"{subject}\n{body}"):
        findings.append(Finding("forbidden", "error", f"mentions {word}: leave it out"))
    prompts = PROMPT.findall(body)
    if prompts:
        findings.append(Finding("placeholder", "warning",
                                f"fill in {len(prompts)} bracketed prompt"
                                f"{'s' if len(prompts) > 1 else ''}, e.g. {prompts[0][:80]}"))
    if re.search(r"\{\{|\{%|\}\}|%\}", f"{subject}{body}"):
        findings.append(Finding("template", "error", "template syntax left in the text"))
    greeting, sign_off, _ = body_lines_between(body)
    if greeting is None:
        findings.append(Finding("greeting", "error", 'no greeting line such as "Hi Jane,"'))
    if sign_off is None:
        findings.append(Finding("sign_off", "error", 'no sign-off line such as "Best regards,"'))
    findings += _subject_findings(kind, subject, job_title, reply)
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
