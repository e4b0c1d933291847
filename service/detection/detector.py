"""Is this calendar event a job interview the mailbox owner sits as the candidate?

The event is read once (:mod:`service.detection.reading`), the rules of
:mod:`service.detection.rules` decide, and the parts of an interview are read last: its
interviewers, stage, company, job title and company side. Every rule that fires leaves its
name and reason in the answer (``followup detect --explain`` prints them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from providers.model import CalendarEvent, Person
from service.detection.company import read_company_and_role
from service.detection.owner import Owner
from service.detection.people import looks_like_room, select_interviewers
from service.detection.reading import EventReading
from service.detection.rules import EVIDENCE, GATES, PARTIES, Finding, Rule
from service.detection.side import CompanySide, company_side
from service.detection.stage import Stage, stage_of

__all__ = ["Detection", "Owner", "detect"]


@dataclass(frozen=True)
class Detection:
    is_interview: bool
    stage: Stage | None = None
    company: str | None = None
    job_title: str | None = None
    interviewers: tuple[Person, ...] = ()
    reasons: tuple[str, ...] = field(default_factory=tuple)
    company_side: CompanySide = field(default_factory=CompanySide)
    # (rule, what it found), in the order the rules ran: for people who report a miss
    trace: tuple[tuple[str, str], ...] = field(default=(), compare=False)


class _Trace:
    def __init__(self) -> None:
        self.steps: list[tuple[str, str]] = []
        self.reasons: list[str] = []

    def run(self, rule: Rule, reading: EventReading) -> Finding | None:
        finding = rule.check(reading)
        if finding is not None:
            self.steps.append((rule.name, finding.reason))
            self.reasons.append(finding.reason)
        return finding

    def note(self, step: str, reason: str) -> None:
        self.steps.append((step, reason))
        self.reasons.append(reason)

    def no(self) -> Detection:
        # the reason that decided, first: it is what people read
        return Detection(False, reasons=(self.reasons[-1],), trace=tuple(self.steps))


def detect(event: CalendarEvent, owner: Owner) -> Detection:
    """Classify one event for ``owner``; never raises on odd input."""
    reading = EventReading(event, owner)
    trace = _Trace()
    for rule in GATES:
        if trace.run(rule, reading) is not None:
            return trace.no()
    for rule in EVIDENCE:
        finding = trace.run(rule, reading)
        if finding is not None:
            if not finding.interview:
                return trace.no()
            break
    else:
        trace.note("silent", "nothing says interview")
        return trace.no()
    for rule in PARTIES:
        finding = trace.run(rule, reading)
        if finding is not None and finding.interview is False:
            return trace.no()
    return _interview(reading, trace)


def _interview(reading: EventReading, trace: _Trace) -> Detection:
    interviewers = select_interviewers(reading.event, reading.me, reading.described)
    stage, stage_reason = stage_of(reading.plain_rule_title, reading.stage_text, len(interviewers))
    trace.note("stage", f"stage {stage}: {stage_reason}")
    company = read_company_and_role(
        reading.title_words,
        reading.description,
        reading.sides.company_domains,
        reading.senders,
        reading.person_names + reading.first_names,
    )
    if company.company:
        trace.note("company", f"company from {company.company_source}")
    if company.job_title:
        trace.note("job-title", f"job title from {company.job_title_source}")
    return Detection(
        is_interview=True,
        stage=stage,
        company=company.company,
        job_title=company.job_title,
        interviewers=interviewers,
        reasons=tuple(trace.reasons),
        company_side=_company_side(reading),
        trace=tuple(trace.steps),
    )


def _company_side(reading: EventReading) -> CompanySide:
    event = reading.event
    addresses = [a.email for a in event.attendees if not looks_like_room(a)]
    if event.organizer is not None:
        addresses.append(event.organizer.email)
    return company_side(addresses, reading.me)
