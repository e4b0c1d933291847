"""Invites are written by strangers. Whatever their fields hold, detection answers with a
Detection, the composer with text, and a whole pass of the service (sync, detection, policy,
drafts, over HTTP to the emulator) ends without an internal error. These tests hold only the
public contract of detection and composing, so they apply to any implementation of them."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, PersonSpec
from providers.emulator.server import EmulatorServer
from providers.google.calendar_json import GoogleEventError, parse_event
from providers.microsoft.calendar_json import GraphEventError
from providers.microsoft.calendar_json import parse_event as graph_event
from providers.model import Person, ProviderName
from service.compose.render import STAGES, render_check_in, render_thank_you
from service.config import load_settings
from service.detection.detector import Detection, Owner, detect
from service.engine.connectors import emulator_settings
from service.runtime import build_runtime
from tests.providers.test_hostile_input import json_values, nasty_text

OWNER = "alex.kim@gmail.com"
START = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
markup = st.sampled_from(["{{7*7}} {% print 1 %}", "<b>Jane</b>", "${jndi:ldap://x}",
                          "{{ config }}", "[[prompt]]", "=?utf-8?q?Jane?=", "Jane\r\nBcc: x@y",
                          "  ", "{#", "%}", "\u200b\u200b"])
hostile = nasty_text | markup
events = st.fixed_dictionaries({"id": st.just("ev1"), "start": st.just(
    {"dateTime": "2026-05-04T10:00:00Z"}), "end": st.just({"dateTime": "2026-05-04T11:00:00Z"})},
    optional={
        "summary": hostile | json_values, "description": hostile | json_values,
        "location": hostile | json_values, "status": hostile | json_values,
        "eventType": hostile | json_values, "updated": hostile | json_values,
        "organizer": st.fixed_dictionaries({"email": st.emails()},
                                           optional={"displayName": hostile}) | json_values,
        "attendees": st.lists(st.fixed_dictionaries(
            {"email": st.emails() | hostile},
            optional={"displayName": hostile | json_values, "self": st.booleans(),
                      "responseStatus": json_values, "resource": json_values}), max_size=5)
        | json_values,
    })


graph_address = st.fixed_dictionaries({"address": st.emails() | hostile},
                                      optional={"name": hostile | json_values})
graph_events = st.fixed_dictionaries({"id": st.just("ev1"), "start": st.just(
    {"dateTime": "2026-05-04T10:00:00.0000000", "timeZone": "UTC"}), "end": st.just(
    {"dateTime": "2026-05-04T11:00:00.0000000", "timeZone": "UTC"})},
    optional={
        "subject": hostile | json_values, "location": json_values,
        "body": st.fixed_dictionaries({"contentType": st.sampled_from(["html", "text"]),
                                       "content": hostile}) | json_values,
        "organizer": st.fixed_dictionaries({"emailAddress": graph_address}) | json_values,
        "attendees": st.lists(st.fixed_dictionaries(
            {"emailAddress": graph_address | json_values},
            optional={"type": hostile | json_values, "status": json_values}), max_size=5)
        | json_values,
        "isCancelled": json_values, "isOrganizer": json_values, "responseStatus": json_values,
        "type": json_values, "showAs": json_values, "isAllDay": json_values,
        "lastModifiedDateTime": hostile | json_values,
    })


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(provider=st.sampled_from(["google", "graph"]), google=events, graph=graph_events,
       name=st.none() | hostile)
def test_detection_always_answers(provider: str, google: dict[str, Any],
                                  graph: dict[str, Any], name: str | None) -> None:
    try:
        event = parse_event(google, OWNER) if provider == "google" else graph_event(graph,
                                                                                    OWNER)
    except (GoogleEventError, GraphEventError):
        return  # the parsers' documented skip path
    detection = detect(event, Owner(OWNER, name))
    assert isinstance(detection, Detection)
    for person in detection.interviewers:
        assert person.email and "\n" not in person.email


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stage=st.sampled_from(STAGES), name=st.none() | hostile, email=st.emails(),
       company=st.none() | hostile, job_title=st.none() | hostile, topic=st.none() | hostile,
       signature=st.none() | hostile)
def test_composing_returns_text(stage: Any, name: str | None, email: str, company: str | None,
                                job_title: str | None, topic: str | None,
                                signature: str | None) -> None:
    recipient = Person(email, name)
    letters = [
        render_thank_you(stage, recipient=recipient, company=company, job_title=job_title,
                         topic=topic, signature=signature),
        render_check_in(recipient=recipient, company=company, job_title=job_title,
                        interview_day=date(2026, 5, 4), recipient_was_interviewer=True,
                        signature=signature, thread_subject=job_title),
    ]
    given_49 = any("49" in (text or "") for text in (name, email, company, job_title, topic,
                                                     signature))
    for letter in letters:
        assert isinstance(letter.subject, str) and isinstance(letter.body, str)
        assert letter.body.strip()
        assert "\n" not in letter.subject and "\r" not in letter.subject
        assert "\r" not in letter.body
        if not given_49:  # "{{7*7}}" never becomes 49: template syntax is never run
            assert "49" not in letter.body


@pytest.mark.parametrize("provider", ["gmail", "outlook"])
def test_a_pass_over_hostile_invites_never_fails(provider: ProviderName, tmp_path: Path
                                                 ) -> None:
    clock = VirtualClock(START)
    emulator = Emulator(clock)
    numbers = itertools.count()
    with EmulatorServer(emulator) as server:
        settings_ = load_settings(data_dir=tmp_path, **emulator_settings(server))
        runtime = build_runtime(settings_, clock)
        control = emulator.control(provider)

        # no shrinking: every example adds a mailbox to the same service, so a smaller
        # example is not the same run, and a failure is best reported as it came
        @settings(max_examples=25, deadline=None, phases=[Phase.generate],
                  suppress_health_check=[HealthCheck.too_slow])
        @given(title=hostile, description=hostile, location=hostile,
               people=st.lists(st.tuples(st.emails(), st.none() | hostile), min_size=1,
                               max_size=4), organizer_name=st.none() | hostile)
        def one_mailbox(title: str, description: str, location: str,
                        people: list[tuple[str, str | None]], organizer_name: str | None
                        ) -> None:
            owner = f"owner{next(numbers)}@{provider}.com"
            control.add_mailbox(owner, "Alex Kim", "Europe/Paris")
            end = clock.now() - timedelta(minutes=20)
            control.put_event(owner, EventSpec(
                id="ev1", title=f"Interview {title}", start=end - timedelta(hours=1), end=end,
                description=description, location=location,
                organizer=PersonSpec(people[0][0], organizer_name),
                attendees=(AttendeeSpec(owner, "Alex Kim", "accepted"),
                           *(AttendeeSpec(address, name, "accepted")
                             for address, name in people))))
            account = runtime.engine.add_account(
                provider, runtime.connectors.connect_with_grant(provider, control, owner))
            report = runtime.engine.run_account(account)
            assert report.error is None, report.error
            assert report.synced
            for draft in control.drafts(owner):
                assert len(draft.to) == 1 and draft.to[0] != owner

        try:
            one_mailbox()
        finally:
            runtime.stop()
