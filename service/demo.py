"""The demo: a sample job seeker's mailbox in the emulator, with a past interview whose
check-in is due, today's interviews, and the real service on SQLite writing drafts into the
emulated Drafts folder.

``followup demo`` runs in real time (a check-in waits for a decision at once, an interview
ended a moment ago, another ends two minutes from now); ``--fast`` runs the longer story over
two weeks of virtual time: a recruiter's timeline mail, a reply that ends one check-in, and
the owner approving another."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from service.policy.timing import CHECK_IN_DAYS, WORKDAY_END, WORKDAY_START, WORKING_DAYS
from service.simulate.scenario import Scenario, parse_scenario

OWNER = {"email": "alex.kim@gmail.com", "name": "Alex Kim"}
# The same person's other mailbox, in the other provider's half of the emulator: not
# connected; "Connect another mailbox" on the dashboard adds it.
SECOND_MAILBOX = {"gmail": "alex.kim@outlook.com", "outlook": "alex.kim.jobs@gmail.com"}


def last_working_moment(now: datetime) -> datetime:
    """The latest moment at or before ``now`` inside the default working hours (weekdays
    09:00-18:00): a check-in due then is suggested at once (P3.3), whatever time the demo
    starts, and it is never more than 72 hours ago."""
    moment = now - timedelta(minutes=1)
    if moment.isoweekday() in WORKING_DAYS and WORKDAY_START <= moment.time() < WORKDAY_END:
        return moment
    day = moment.date()
    if moment.isoweekday() not in WORKING_DAYS or moment.time() < WORKDAY_START:
        day -= timedelta(days=1)
    while day.isoweekday() not in WORKING_DAYS:
        day -= timedelta(days=1)
    return datetime.combine(day, time(WORKDAY_END.hour - 1, 59), now.tzinfo)


def _at(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def demo_scenario(start: datetime, timezone: str, days: int, live: bool) -> Scenario:
    """Today's interviews around ``start`` (aware): one just ended, one ending soon, a panel
    tomorrow; then a recruiter's timeline mail, a reply, and the owner's actions."""
    tz = ZoneInfo(timezone)
    now = start.astimezone(tz).replace(second=0, microsecond=0)
    soon = timedelta(minutes=2) if live else timedelta(hours=2)
    owner = {**OWNER, "response": "accepted"}
    check_in_due = last_working_moment(now)
    past_end = check_in_due - timedelta(days=CHECK_IN_DAYS)  # same wall clock, a week before
    events: list[dict[str, Any]] = [
        {
            "id": "demo-northwind-interview",
            "title": "Interview - Analytics Engineer - Northwind Traders",
            "description": "Interviewer: Sofia Garcia, Head of Analytics",
            "start": _at(past_end - timedelta(minutes=45)), "end": _at(past_end),
            "organizer": {"email": "sofia.garcia@northwind.example", "name": "Sofia Garcia"},
            "attendees": [owner, {"email": "sofia.garcia@northwind.example",
                                  "name": "Sofia Garcia", "response": "accepted"}],
        },
        {
            "id": "demo-acme-first-round",
            "title": "Interview: Alex Kim / Senior Data Engineer (Acme)",
            "description": "Interviewer: Jane Doe, Engineering Manager\n"
                           "Coordinator: Rita Ruiz, Recruiting Coordinator",
            "start": _at(now - timedelta(minutes=80)), "end": _at(now - timedelta(minutes=20)),
            "organizer": {"email": "rita.ruiz@acme.example", "name": "Rita Ruiz"},
            "attendees": [owner,
                          {"email": "jane.doe@acme.example", "name": "Jane Doe",
                           "response": "accepted"},
                          {"email": "rita.ruiz@acme.example", "name": "Rita Ruiz",
                           "response": "accepted", "optional": True}],
        },
        {
            "id": "demo-globex-screen",
            "title": "Phone Screen: Alex Kim <> Globex",
            "description": "A 30 minute call with our recruiter about the Platform Engineer role.",
            "start": _at(now + soon - timedelta(minutes=30)), "end": _at(now + soon),
            "organizer": {"email": "dana.white@globex.example", "name": "Dana White"},
            "attendees": [owner, {"email": "dana.white@globex.example", "name": "Dana White",
                                  "response": "accepted"}],
        },
        {
            "id": "demo-initech-panel",
            "title": "Panel Interview - Backend Engineer - Initech",
            "description": "Panel: Tom Becker, Priya Nair, Olu Adeyemi",
            "start": _at(now + timedelta(days=1)),
            "end": _at(now + timedelta(days=1, minutes=90)),
            "organizer": {"email": "lena.vogel@initech.example", "name": "Lena Vogel"},
            "attendees": [owner] + [
                {"email": f"{first.lower()}.{last.lower()}@initech.example",
                 "name": f"{first} {last}", "response": "accepted"}
                for first, last in (("Tom", "Becker"), ("Priya", "Nair"), ("Olu", "Adeyemi"))],
        },
    ]
    timeline: list[dict[str, Any]] = [
        {"at": _at(now + timedelta(minutes=1)),
         "note": {"event": "demo-acme-first-round",
                  "topic": "the team's approach to scaling the data pipeline"}},
        {"at": _at(now + soon + timedelta(minutes=3)),
         "send_draft": {"kind": "thank_you", "to": "jane.doe@acme.example"}},
    ]
    if not live:
        timeline += [
            {"at": _at(now + timedelta(days=2)),
             "mail_in": {"from": {"email": "rita.ruiz@acme.example", "name": "Rita Ruiz"},
                         "to": [OWNER["email"]], "subject": "Your Acme interview",
                         "body": "Hi Alex, thank you for your time. The team is meeting this "
                                 "week and you will hear from us within 5 business days."}},
            {"at": _at(now + timedelta(days=3)),
             "mail_in": {"from": {"email": "dana.white@globex.example", "name": "Dana White"},
                         "to": [OWNER["email"]], "subject": "Next steps",
                         "body": "Hi Alex, we would like to invite you to a technical "
                                 "interview. Could you share your availability?"}},
            {"at": _at(now + timedelta(days=13)),
             "approve_check_in": {"event": "demo-acme-first-round"}},
        ]
    data = {
        "name": "demo",
        "account": {"provider_email": OWNER["email"], "name": OWNER["name"],
                    "timezone": timezone, "connected_at": _at(now)},
        "until": _at(now + timedelta(days=days)),
        "profile": {"signature": "Alex Kim",
                    "strengths": "building streaming data platforms on PostgreSQL and Kafka"},
        "events": events,
        "timeline": timeline,
    }
    return parse_scenario(data)


def summary(output: dict[str, Any]) -> str:
    """What happened, for a person."""
    lines = [f"Interviews detected: {len(output['interviews'])}"]
    for interview in output["interviews"]:
        people = ", ".join(p["name"] or p["email"] for p in interview["interviewers"])
        lines.append(f"  - {interview['company']} · {interview['job_title'] or 'role not named'}"
                     f" · {interview['stage']} · {interview['status']} · with {people}")
    lines.append(f"Drafts written into the Drafts folder: {len(output['drafts'])}")
    for draft in output["drafts"]:
        lines.append(f"  - [{draft['kind']}] to {', '.join(draft['to'])}: {draft['subject']!r}"
                     f" ({draft['fate']})")
    lines.append(f"Check-in suggestions: {len(output['suggestions'])}")
    for suggestion in output["suggestions"]:
        lines.append(f"  - {suggestion['event']} to {', '.join(suggestion['to'])}:"
                     f" {suggestion['status']}")
    sent_by_service = [s for s in output["sent"] if s["by"] != "owner"]
    lines.append(f"Messages sent by the service: {len(sent_by_service)} (it never sends)")
    lines.append(f"API requests to the emulated provider: {output['api_calls']['total']}")
    return "\n".join(lines)
