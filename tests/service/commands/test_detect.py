"""`followup detect`: a provider listing in, one JSON answer per event out, in order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from service.cli import main

INTERVIEW = {
    "id": "evt-acme",
    "status": "confirmed",
    "summary": "Interview: Alex Kim / Senior Data Engineer (Acme)",
    "description": "Interviewer: Jane Doe\nCoordinator: Rita Ruiz, Recruiting Coordinator",
    "organizer": {"email": "rita.ruiz@acme.com", "displayName": "Rita Ruiz"},
    "start": {"dateTime": "2026-05-06T10:00:00-04:00"},
    "end": {"dateTime": "2026-05-06T11:00:00-04:00"},
    "attendees": [
        {"email": "alex.kim@gmail.com", "self": True, "responseStatus": "accepted"},
        {"email": "jane.doe@acme.com", "displayName": "Jane Doe", "responseStatus": "accepted"},
        {"email": "rita.ruiz@acme.com", "displayName": "Rita Ruiz", "optional": True,
         "organizer": True},
    ],
}  # fmt: skip
LUNCH = {**INTERVIEW, "id": "evt-lunch", "summary": "Lunch", "description": ""}
GRAPH_INTERVIEW = {
    "id": "AAMk-1",
    "subject": "Phone Screen: Sam Patel <> Umbrella Health",
    "body": {"contentType": "html", "content": "<div>About the <b>Site Reliability Engineer</b>"
             " role.</div>"},
    "start": {"dateTime": "2026-07-14T11:00:00.0000000", "timeZone": "Pacific Standard Time"},
    "end": {"dateTime": "2026-07-14T11:30:00.0000000", "timeZone": "Pacific Standard Time"},
    "isAllDay": False,
    "isCancelled": False,
    "showAs": "busy",
    "responseStatus": {"response": "accepted"},
    "organizer": {"emailAddress": {"address": "dana.whitfield@umbrellahealth.com"}},
    "attendees": [
        {"type": "required", "status": {"response": "none"},
         "emailAddress": {"address": "sam.patel@outlook.com", "name": "Sam Patel"}},
        {"type": "required", "status": {"response": "accepted"},
         "emailAddress": {"address": "dana.whitfield@umbrellahealth.com"}},
    ],
}  # fmt: skip


def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], document: Any, *args: str) -> Any:
    path = tmp_path / "events.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code = main(["detect", str(path), *args])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def test_a_google_listing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = {"kind": "calendar#events", "items": [INTERVIEW, {"id": "broken"}, LUNCH,
               {"id": "gone", "status": "cancelled"}]}  # fmt: skip
    answers = run(tmp_path, capsys, listing, "--provider", "gmail", "--me",
                  "alex.kim@gmail.com", "--name", "Alex Kim")  # fmt: skip
    assert [a["id"] for a in answers] == ["evt-acme", "broken", "evt-lunch", "gone"]
    first = answers[0]
    assert first["is_interview"] is True
    assert (first["stage"], first["company"], first["job_title"]) == (
        "interview",
        "Acme",
        "Senior Data Engineer",
    )
    assert first["interviewers"] == [{"email": "jane.doe@acme.com", "name": "Jane Doe"}]
    assert first["reasons"] and "error" not in first
    assert answers[1]["is_interview"] is False
    assert answers[1]["error"] == "event has no start time"
    for answer in answers[1:]:
        assert answer["is_interview"] is False
        assert (answer["stage"], answer["company"], answer["job_title"]) == (None, None, None)
        assert answer["interviewers"] == []


def test_a_bare_graph_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = run(tmp_path, capsys, [GRAPH_INTERVIEW, "junk"], "--provider", "outlook",
                  "--me", "sam.patel@outlook.com")  # fmt: skip
    assert answers[0]["is_interview"] is True
    assert answers[0]["stage"] == "phone_screen"
    assert answers[0]["company"] == "Umbrella Health"
    assert answers[0]["job_title"] == "Site Reliability Engineer"
    assert answers[0]["interviewers"] == [
        {"email": "dana.whitfield@umbrellahealth.com", "name": "Dana Whitfield"}
    ]
    assert answers[1] == {"id": None, "is_interview": False, "stage": None, "company": None,
                          "job_title": None, "interviewers": [], "reasons": [],
                          "error": "an event must be a JSON object, not str"}  # fmt: skip


def test_a_graph_response_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = run(tmp_path, capsys, {"@odata.context": "x", "value": [GRAPH_INTERVIEW]},
                  "--provider", "outlook", "--me", "sam.patel@outlook.com")  # fmt: skip
    assert len(answers) == 1 and answers[0]["id"] == "AAMk-1"


def usage_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("followup detect: ")
    return lines[0]


def test_unreadable_input_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing.json")
    assert "cannot read" in usage_error(capsys, ["detect", missing, "--provider", "gmail",
                                                 "--me", "a@b.com"])  # fmt: skip
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    assert "not JSON" in usage_error(capsys, ["detect", str(garbage), "--provider", "gmail",
                                              "--me", "a@b.com"])  # fmt: skip
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"value": []}), encoding="utf-8")
    assert "outlook listing" in usage_error(capsys, ["detect", str(wrong), "--provider",
                                                     "gmail", "--me", "a@b.com"])  # fmt: skip
    scalar = tmp_path / "scalar.json"
    scalar.write_text("42", encoding="utf-8")
    assert "expected a list" in usage_error(capsys, ["detect", str(scalar), "--provider",
                                                     "gmail", "--me", "a@b.com"])  # fmt: skip


def test_an_unknown_provider_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "events.json"
    path.write_text("[]", encoding="utf-8")
    line = usage_error(capsys, ["detect", str(path), "--provider", "yahoo", "--me", "a@b.com"])
    assert "unknown provider" in line


FORWARDED = {
    **INTERVIEW,
    "id": "evt-forwarded",
    "attendees": [
        *INTERVIEW["attendees"],
        {"email": "alex.kim+jobs@gmail.com", "displayName": "Alex Kim"},
        {"email": "alex.old@hotmail.com", "displayName": "Alex Kim"},
    ],
}


def test_the_owners_other_addresses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("--provider", "gmail", "--me", "alex.kim@gmail.com", "--name", "Alex Kim")
    plain = run(tmp_path, capsys, [FORWARDED], *args)[0]
    also = run(tmp_path, capsys, [FORWARDED], *args, "--also", "alex.old@hotmail.com")[0]
    # the plus-address is the owner without being listed; the other address once listed
    assert [p["email"] for p in plain["interviewers"]] == ["jane.doe@acme.com",
                                                            "alex.old@hotmail.com"]
    assert [p["email"] for p in also["interviewers"]] == ["jane.doe@acme.com"]
    assert also["company_side"] == {"domains": ["acme.com"],
                                    "addresses": ["jane.doe@acme.com", "rita.ruiz@acme.com"]}
    assert "alex.old@hotmail.com" in plain["company_side"]["addresses"]
    line = usage_error(capsys, ["detect", str(tmp_path / "events.json"), *args, "--also", "x"])
    assert "--also" in line


def test_explain_prints_the_rules_that_fired(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "events.json"
    path.write_text(json.dumps([INTERVIEW, LUNCH, {"id": "broken"}]), encoding="utf-8")
    code = main(["detect", str(path), "--provider", "gmail", "--me", "alex.kim@gmail.com",
                 "--explain"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    blocks = out.strip().split("\n\n")
    assert len(blocks) == 3
    interview, lunch, broken = blocks
    assert interview.startswith("evt-acme  'Interview: Alex Kim / Senior Data Engineer (Acme)'")
    assert "=> an interview" in interview
    assert "title-says-interview: title says 'interview'" in interview
    assert "company side: domains ['acme.com']" in interview
    assert "=> not an interview" in lunch and "coffee-chat: a coffee or informational chat" in lunch
    assert "not read: event has no start time" in broken
