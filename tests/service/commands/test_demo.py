"""`followup demo --fast`: the sample story in virtual time, a summary, exit 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_fast_demo_runs_the_story_and_exits_0(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env["FOLLOWUP_DATA_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "service.cli", "demo", "--fast"], env=env,
                            capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Interviews detected: 4" in out
    # the past interview's check-in is suggested as soon as the mailbox is connected
    assert "demo-northwind-interview to sofia.garcia@northwind.example: pending" in out
    assert "Drafts written into the Drafts folder: 6" in out
    assert "[check_in]" in out  # the approved check-in became a draft
    assert "Messages sent by the service: 0" in out
    assert "Hi Jane," in out


def test_the_live_demo_opens_on_a_check_in_due_whenever_it_starts() -> None:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from service.demo import last_working_moment
    from service.policy.timing import suggestion_time

    zone = ZoneInfo("Europe/Berlin")
    for now in (datetime(2026, 6, 6, 23, 30, tzinfo=zone),  # Saturday night
                datetime(2026, 6, 8, 8, 59, tzinfo=zone),  # Monday before work
                datetime(2026, 6, 10, 12, 0, tzinfo=zone),  # Wednesday noon
                datetime(2026, 6, 10, 18, 0, tzinfo=zone)):  # Wednesday, work just over
        due = last_working_moment(now)
        assert due <= now and now - due < timedelta(hours=72)
        assert suggestion_time(due, zone) == due  # shown at once (P3.3)


def test_the_demos_data_lives_in_a_folder_of_its_own(tmp_path: Path) -> None:
    from service.commands.demo import demo_data_dir
    from service.config import load_settings

    mine = tmp_path / "interview-followup"
    demo = demo_data_dir(load_settings(data_dir=mine))
    assert demo == tmp_path / "interview-followup-demo"
    assert not demo.is_relative_to(mine)


def test_the_live_demo_keeps_its_note_when_the_start_took_over_a_minute() -> None:
    # The live story is dated from the moment the demo began; its note comes a minute in.
    # A start slower than that (imports, the emulator, the first sign-in) must not bring
    # the note before the pass that stores its interview: it would be lost.
    from dataclasses import replace
    from datetime import timedelta

    from sqlalchemy import select

    from providers.clock import SystemClock
    from service.demo import demo_scenario
    from service.simulate.driver import running
    from service.store.db import transaction
    from service.store.models import Interview, Note

    clock = SystemClock()
    began = clock.now() - timedelta(minutes=1, seconds=30)
    scenario = demo_scenario(began, "UTC", days=1, live=True)
    # over once the note is due: the run is two passes, no waiting
    scenario = replace(scenario, until=scenario.connected_at + timedelta(minutes=1, seconds=1))
    with running("gmail", scenario, clock=clock, poll_interval_seconds=30) as simulation:
        simulation.run()
        assert simulation.skipped == []
        with transaction(simulation.factory) as session:
            interview = session.scalars(select(Interview).where(
                Interview.event_id == "demo-acme-first-round")).one()
            notes = list(session.scalars(select(Note).where(
                Note.interview_id == interview.id)))
    assert [n.topic for n in notes] == ["the team's approach to scaling the data pipeline"]
