"""`followup simulate`: the output document, and one-line errors naming the field."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

SCENARIO = {
    "name": "cli-check",
    "account": {"provider_email": "sam.lee@gmail.com", "name": "Sam Lee",
                "timezone": "Europe/Lisbon", "connected_at": "2026-02-02T08:00:00+00:00"},
    "until": "2026-02-03T08:00:00+00:00",
    "events": [{
        "id": "ev1", "title": "Interview for Data Analyst at Contoso",
        "start": "2026-02-02T10:00:00+00:00", "end": "2026-02-02T11:00:00+00:00",
        "organizer": {"email": "ana.lima@contoso.com", "name": "Ana Lima"},
        "attendees": [{"email": "sam.lee@gmail.com", "response": "accepted"},
                      {"email": "ana.lima@contoso.com", "name": "Ana Lima",
                       "response": "accepted"}],
    }],
    "timeline": [{"at": "2026-02-02T12:00:00+00:00",
                  "approve_check_in": {"event": "ev1"}}],
}


def followup(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    return subprocess.run([sys.executable, "-m", "service.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize("provider", ["gmail", "outlook"])
def test_output_document(tmp_path: Path, provider: str) -> None:
    out = tmp_path / "out.json"
    result = followup("simulate", str(write(tmp_path, SCENARIO)), "--provider", provider,
                      "--out", str(out))
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text())
    assert set(document) == {"scenario", "provider", "steps", "interviews", "drafts",
                             "suggestions", "sent", "skipped", "api_calls"}
    assert document["interviews"][0]["company"] == "Contoso"
    [draft] = document["drafts"]
    assert draft["kind"] == "thank_you" and draft["to"] == ["ana.lima@contoso.com"]
    assert draft["created_at"] == "2026-02-02T11:00:00+00:00"
    # the approval came when nothing was pending: skipped, as it stood in the scenario
    assert document["skipped"] == [{"approve_check_in": {"event": "ev1"}}]
    assert document["sent"] == []
    assert document["api_calls"]["total"] == sum(document["api_calls"]["by_method"].values())


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda s: s["account"].update(timezone="Mars/Olympus"), "account.timezone"),
        (lambda s: s["events"][0].update(start="tomorrow"), "events[0].start"),
        (lambda s: s["events"][0].update(colour="red"), "events[0].colour"),
        (lambda s: s["timeline"][0].update(approve_check_in={"event": "nope"}),
         "timeline[0].approve_check_in.event"),
        (lambda s: s.pop("until"), "scenario.until"),
        (lambda s: s["events"][0]["attendees"][0].update(response="maybe"),
         "events[0].attendees[0].response"),
        # the two entries this project adds to the shared format
        (lambda s: s["timeline"].append({"at": "2026-02-02T12:00:00+00:00", "edit_draft": {
            "kind": "thank_you", "to": "ana.lima@contoso.com"}}), "timeline[1].edit_draft"),
        (lambda s: s["timeline"].append({"at": "2026-02-02T12:00:00+00:00", "move_mail": {
            "subject": "Hi"}}), "timeline[1].move_mail.folder"),
    ],
)
def test_an_invalid_scenario_is_one_line_naming_the_field(
    tmp_path: Path, change: object, field: str
) -> None:
    data = json.loads(json.dumps(SCENARIO))
    change(data)  # type: ignore[operator]
    result = followup("simulate", str(write(tmp_path, data)), "--provider", "gmail")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and field in lines[0], result.stderr


def test_expect_is_ignored_but_other_unknown_keys_are_not(tmp_path: Path) -> None:
    data = {**SCENARIO, "expect": {"anything": ["goes", {"here": 1}]}}
    assert followup("simulate", str(write(tmp_path, data)), "--provider", "gmail",
                    "--out", str(tmp_path / "o.json")).returncode == 0
    result = followup("simulate", str(write(tmp_path, {**SCENARIO, "expected": {}})),
                      "--provider", "gmail")
    assert result.returncode == 2 and "scenario.expected" in result.stderr
