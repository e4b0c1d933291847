"""Rendering the email templates (templates/email/*.txt.j2) into subject and body.

The environment is sandboxed, with StrictUndefined and no autoescaping (plain text). Values
reach the templates only as context data, cleaned first (see clean.py): template syntax in
a name or topic is printed, never evaluated, and cannot break the line structure the
sentence count and the greeting / sign-off rules rely on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from providers.model import Person
from service.resources import resource_dir

from .clean import (
    clean_line,
    clean_phrase,
    clean_signature,
    first_clause,
    greeting_name,
    mid_sentence,
    without_trailing_abbreviation,
)
from .sentences import SENTENCE_RANGE, count_sentences

Stage = Literal["phone_screen", "interview", "panel", "final_round"]
STAGES: tuple[Stage, ...] = ("phone_screen", "interview", "panel", "final_round")
TEMPLATE_DIR = resource_dir("templates") / "email"

# Caps on what a stranger can make us print.
NAME_LIMIT = 80
COMPANY_LIMIT = 100
TITLE_LIMIT = 150
TOPIC_LIMIT = 240
SHORT_TOPIC_LIMIT = 120  # a phone screen names the topic "in a few words"
INSIGHT_LIMIT = 500
STRENGTHS_LIMIT = 200
SUBJECT_LIMIT = 200


@dataclass(frozen=True)
class Letter:
    subject: str  # one line
    body: str  # plain text, "\n" line ends, greeting line first, sign-off and signature last


class Variation:
    """Picks one wording per slot so that different variants never read the same.

    Variant ``v`` is written in mixed radix over the slots (slot k has n_k options); the
    first digit also rotates every later slot, so neighbouring variants differ in every
    slot, and distinct variants below the product of the n_k always differ somewhere."""

    def __init__(self, variant: int) -> None:
        self._rest = max(0, variant)
        self._first: int | None = None

    def __call__(self, options: Sequence[str]) -> str:
        if not options:
            return ""
        count = len(options)
        digit = self._rest % count
        self._rest //= count
        if self._first is None:
            self._first = digit
            return options[digit]
        return options[(digit + self._first) % count]


def _paragraph(text: str) -> str:
    """Template lines of one paragraph joined into one line."""
    return " ".join(text.split())


@lru_cache(maxsize=4)
def environment(template_dir: Path = TEMPLATE_DIR) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(template_dir)),
        undefined=StrictUndefined,
        autoescape=False,  # plain-text mail; nothing is HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["paragraph"] = _paragraph
    return env


def fingerprint(body: str) -> str:
    """A body's identity up to whitespace (providers re-wrap and re-end lines): compare it
    with what was written to tell an owner's edit from the provider's formatting."""
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


def _role_phrase(job_title: str) -> str:
    if not job_title:
        return "the role"
    if re.search(r"\b(role|position|opening|job|opportunity)$", job_title, re.IGNORECASE):
        return f"the {job_title}"
    return f"the {job_title} role"


def _finish(rendered: str) -> Letter:
    text = rendered.replace("\r\n", "\n").replace("\r", "\n")
    first, _, rest = text.partition("\n")
    subject = clean_line(first.removeprefix("Subject:"), SUBJECT_LIMIT)
    lines = [line.rstrip() for line in rest.split("\n")]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"
    return Letter(subject=subject, body=body)


def _common(recipient: Person, company: str | None, job_title: str | None,
            signature: str | None, attempt: int) -> dict[str, object]:
    company_text = _value(company, COMPANY_LIMIT, attempt, essential=True)
    title_text = _value(job_title, TITLE_LIMIT, attempt, essential=True)
    return {
        "first_name": greeting_name(recipient.name, recipient.email) or "",
        "company": company_text,
        "job_title": title_text,
        "role": _role_phrase(title_text),
        "at_company": f" at {company_text}" if company_text else "",
        "signature_lines": clean_signature(signature),
    }


# Values are set into sentences; each rendering is measured, and if a value still broke the
# sentence count (an abbreviation's period at a sentence end, "Acme Inc."), it is rendered
# again with safer values: first without trailing abbreviations, then with the prompts.
_ATTEMPTS = 3


def _value(raw: str | None, limit: int, attempt: int, *, essential: bool = False,
           max_sentences: int = 1) -> str:
    text = clean_phrase(raw, limit, max_sentences=max_sentences if attempt == 0 else 1)
    if attempt >= 1:
        text = without_trailing_abbreviation(text)
    if attempt >= 2 and not essential:
        return ""
    if attempt >= 2 and re.search(r"[.!?]", text):
        return ""
    return text


def _measured(kind: str, render: Callable[[int], Letter]) -> Letter:
    low, high = SENTENCE_RANGE[kind]
    letter = render(0)
    for attempt in range(1, _ATTEMPTS):
        if low <= count_sentences(letter.body) <= high:
            break
        letter = render(attempt)
    return letter


def render_thank_you(
    stage: Stage,
    *,
    recipient: Person,
    company: str | None,
    job_title: str | None,
    topic: str | None = None,
    insight: str | None = None,
    strengths: str | None = None,
    signature: str | None = None,
    variant: int = 0,
    template_dir: Path = TEMPLATE_DIR,
) -> Letter:
    """The thank-you to one interviewer. ``variant`` (the interviewer's index on the
    invite) varies the wording so that panelists' drafts differ beyond their names."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    template = environment(template_dir).get_template(f"thank_you_{stage}.txt.j2")

    def render(attempt: int) -> Letter:
        context = _common(recipient, company, job_title, signature, attempt)
        topic_text = mid_sentence(_value(topic, TOPIC_LIMIT, attempt))
        if stage == "phone_screen" and topic_text:
            topic_text = first_clause(topic_text, SHORT_TOPIC_LIMIT)
        context.update(
            topic=topic_text,
            insight=_value(insight, INSIGHT_LIMIT, attempt, max_sentences=2),
            strengths=_value(strengths, STRENGTHS_LIMIT, attempt),
            pick=Variation(variant),
        )
        return _finish(template.render(context))

    return _measured(stage, render)


def interview_day_text(day: date) -> str:
    """"Wednesday, October 7": the way a check-in names the interview's day."""
    return f"{day:%A}, {day:%B} {day.day}"


def reply_subject(thread_subject: str) -> str:
    """The subject of a reply in a thread: "Re: " and the thread's subject."""
    subject = clean_line(thread_subject, SUBJECT_LIMIT)
    if re.match(r"\s*re\s*:", subject, re.IGNORECASE):
        return subject
    return f"Re: {subject}" if subject else "Re:"


def render_check_in(
    *,
    recipient: Person,
    company: str | None,
    job_title: str | None,
    interview_day: date,
    recipient_was_interviewer: bool,
    signature: str | None = None,
    thread_subject: str | None = None,
    template_dir: Path = TEMPLATE_DIR,
) -> Letter:
    """The check-in. With ``thread_subject`` it replies in that thread ("Re: ..."); without,
    it starts a new thread ("Following up ...")."""
    template = environment(template_dir).get_template("check_in.txt.j2")

    def render(attempt: int) -> Letter:
        context = _common(recipient, company, job_title, signature, attempt)
        context.update(
            interview_date=interview_day_text(interview_day),
            was_interviewer=recipient_was_interviewer,
            pick=Variation(0),
        )
        return _finish(template.render(context))

    letter = _measured("check_in", render)
    if thread_subject is not None:
        letter = Letter(subject=reply_subject(thread_subject), body=letter.body)
    return letter
