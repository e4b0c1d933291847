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
from service.detection.domains import is_role_address
from service.resources import resource_dir

from .clean import (
    clean_line,
    clean_phrase,
    clean_signature,
    greeting_name,
    title_case,
    without_trailing_abbreviation,
)
from .grammar import capitalize_first
from .notes import NOTHING, Fitted, fit_insight, fit_strengths, fit_topic
from .sentences import SENTENCE_RANGE, count_sentences

Stage = Literal["phone_screen", "interview", "panel", "final_round"]
STAGES: tuple[Stage, ...] = ("phone_screen", "interview", "panel", "final_round")
TEMPLATE_DIR = resource_dir("templates") / "email"

# Caps on what a stranger can make us print.
NAME_LIMIT = 80
COMPANY_LIMIT = 100
TITLE_LIMIT = 150
SUBJECT_LIMIT = 200  # (the owner's notes are never cut: the form limits them)


@dataclass(frozen=True)
class Letter:
    subject: str  # one line
    body: str  # plain text, "\n" line ends, greeting line first, sign-off and signature last


class Variation:
    """Picks one wording per slot so that variants close to each other read differently.

    With n options in the k-th slot and v = a + b*n + c*n^2 (a, b < n), the slot takes option
    (a + b*k + c*(k^2 + 3k)) mod n: a polynomial in k whose coefficients are v's digits, so
    that two variants agree in few slots (a code, as Reed-Solomon's). With four options a
    slot, as the thank-you templates have, any 16 consecutive variants differ pairwise in
    at least three slots and any 32 in two (tests/service/compose/test_variation.py): the
    drafts of one company's loop take consecutive variants."""

    def __init__(self, variant: int) -> None:
        self._variant = max(0, variant)
        self._slot = 0

    def __call__(self, options: Sequence[str]) -> str:
        if not options:
            return ""
        n, v, k = len(options), self._variant, self._slot
        self._slot += 1
        return options[(v % n + k * (v // n % n) + (k * k + 3 * k) * (v // (n * n))) % n]


def _paragraphs(text: str) -> str:
    """The body's paragraphs (separated by a blank line in the template), each joined into
    one line; empty ones dropped."""
    parts = (" ".join(part.split()) for part in re.split(r"\n[ \t]*\n", text))
    return "\n\n".join(part for part in parts if part)


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
    env.filters["paragraphs"] = _paragraphs
    env.filters["capfirst"] = capitalize_first
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
            signature: str | None, safe: bool) -> dict[str, object]:
    company_text = _value(company, COMPANY_LIMIT, safe)
    title_text = title_case(_value(job_title, TITLE_LIMIT, safe))
    return {
        "first_name": greeting_name(recipient.name, recipient.email) or "",
        "company": company_text,
        "job_title": title_text,
        "role": _role_phrase(title_text),
        "at_company": f" at {company_text}" if company_text else "",
        "signature_lines": clean_signature(signature),
    }


def _value(raw: str | None, limit: int, safe: bool) -> str:
    """A company or job title from the invite, as one phrase. ``safe``: for a second try
    when the first broke the sentence count ("Acme Inc." at a sentence end): no trailing
    abbreviation, no inner sentence end."""
    text = clean_phrase(raw, limit, is_name=True)
    if safe:
        text = without_trailing_abbreviation(text)
        if re.search(r"[.!?]\s", text):
            text = re.sub(r"[.!?]+(?=\s)", "", text)
    return text


# Each rendering is measured (policy P2.2). The notes bring sentences of their own, so a draft
# first drops its optional sentences (``room``), then sets each note's sentences into one,
# then renders invite values without trailing abbreviations; never does it cut a note.
_TRIES: tuple[tuple[int, bool, bool], ...] = tuple(
    (room, squeeze, safe) for safe in (False, True) for squeeze in (False, True)
    for room in (2, 1, 0))


def _measured(kind: str, render: Callable[[int, bool, bool], Letter]) -> Letter:
    low, high = SENTENCE_RANGE[kind]
    first = None
    for room, squeeze, safe in _TRIES:
        letter = render(room, squeeze, safe)
        first = first or letter
        if low <= count_sentences(letter.body) <= high:
            return letter
    return first or render(0, True, True)


def _names(people: Sequence[Person], limit: int = 3) -> str:
    """The first names of a few other interviewers, as a list in a sentence ("Priya and
    Olu", "Priya, Olu and Tom"); empty when there are none or too many to name."""
    names: list[str] = []
    for person in people:
        name = greeting_name(person.name, person.email)
        if name and not is_role_address(person.email) and name not in names:
            names.append(name)
    if not names or len(names) > limit:
        return ""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def render_thank_you(
    stage: Stage,
    *,
    recipient: Person,
    company: str | None,
    job_title: str | None,
    topic: str | None = None,
    group_topic: str | None = None,
    insight: str | None = None,
    strengths: str | None = None,
    signature: str | None = None,
    variant: int = 0,
    colleagues: Sequence[Person] = (),
    loop_colleagues: Sequence[Person] = (),
    template_dir: Path = TEMPLATE_DIR,
) -> Letter:
    """The thank-you to one interviewer.

    ``topic`` is the owner's note for this interviewer; without one, ``group_topic`` (their
    note for everyone) is used, as the group's discussion when others were in the room.
    ``colleagues``: the other interviewers of this event (named in a panel);
    ``loop_colleagues``: those of the company's other events that day (a split onsite; named
    in a final round). ``variant`` (this draft's place among all the drafts the company
    receives) varies the wording so that no two of them read alike."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    template = environment(template_dir).get_template(f"thank_you_{stage}.txt.j2")
    reader = greeting_name(recipient.name, recipient.email)
    own = fit_topic(topic, reader=reader)
    general = NOTHING if own else fit_topic(group_topic)
    fitted_strengths = fit_strengths(strengths)
    fitted_insight = fit_insight(insight)
    co_names = _names(colleagues)
    team_names = _names([*colleagues, *loop_colleagues])

    def render(room: int, squeeze: bool, safe: bool) -> Letter:
        def fit(note: Fitted) -> Fitted:
            return note.squeezed() if squeeze else note

        context = _common(recipient, company, job_title, signature, safe)
        context.update(
            topic=fit(own or general),
            topic_group=bool(colleagues) and bool(general),
            insight=fit(fitted_insight),
            strengths=fit(fitted_strengths),
            co_names=co_names,
            team_names=team_names,
            room=room,
            pick=Variation(variant),
        )
        return _finish(template.render(context))

    return _company_named(_measured(stage, render), company)


def _company_named(letter: Letter, company: str | None) -> Letter:
    """P2.3: the company by its whole name. Where the body had to drop a trailing
    abbreviation ("Cobalt Mining Co" at a sentence end would swallow the sentence's period),
    the subject names it whole."""
    whole = _value(company, COMPANY_LIMIT, safe=False)
    if not whole or whole.casefold() in (letter.subject + " " + letter.body).casefold():
        return letter
    subject = clean_line(f"{letter.subject} - {whole}", SUBJECT_LIMIT)
    return Letter(subject=subject, body=letter.body)


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
    decision_day: date | None = None,
    decision_stated_by_recipient: bool = False,
    variant: int = 0,
    template_dir: Path = TEMPLATE_DIR,
) -> Letter:
    """The check-in. With ``thread_subject`` it replies in that thread ("Re: ..."); without,
    it starts a new thread ("Following up ..."). ``decision_day``: the decision date the
    company gave, said back to them ("a decision by Friday, March 13"); ``variant``: this
    interview's place among the company's, so that two check-ins to one company differ."""
    template = environment(template_dir).get_template("check_in.txt.j2")

    def render(room: int, squeeze: bool, safe: bool) -> Letter:
        context = _common(recipient, company, job_title, signature, safe)
        context.update(
            interview_date=interview_day_text(interview_day),
            was_interviewer=recipient_was_interviewer,
            # a "decision" by the interview's own day is no date to say back to anyone
            decision_date=interview_day_text(decision_day)
            if decision_day and decision_day > interview_day else "",
            decision_stated_by_recipient=decision_stated_by_recipient,
            room=room,
            pick=Variation(variant),
        )
        return _finish(template.render(context))

    letter = _measured("check_in", render)
    if thread_subject is not None:
        return Letter(subject=reply_subject(thread_subject), body=letter.body)
    return _company_named(letter, company)
