"""Scoring detection answers against labels, the way spec/detection.md's figures count:
interview precision and recall, then stage, interviewer-set, company and job-title agreement
on the interviews found (company and job title compared case-, accent- and
punctuation-insensitively)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from service.commands.detect import classify_listing
from service.detection import Owner

CHECKS = ("stage", "interviewers", "company", "job_title")


def normalised(value: Any) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFKD", str(value).lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", text).strip() or None


def _emails(people: Any) -> list[str]:
    return sorted(str(p.get("email", "")).strip().lower() for p in people or [])


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    agree: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHECKS, 0))
    misses: list[str] = field(default_factory=list)

    def add(self, answer: dict[str, Any], want: dict[str, Any], tag: str) -> None:
        got = bool(answer.get("is_interview"))
        if got and not want["is_interview"]:
            self.fp += 1
            self.misses.append(f"false positive {tag}: {answer.get('reasons')}")
        elif want["is_interview"] and not got:
            self.fn += 1
            self.misses.append(f"missed {tag}: {answer.get('reasons')}")
        elif got:
            self.tp += 1
            checks = {
                "stage": answer.get("stage") == want["stage"],
                "interviewers": _emails(answer.get("interviewers"))
                == _emails(want["interviewers"]),
                "company": normalised(answer.get("company")) == normalised(want["company"]),
                "job_title": normalised(answer.get("job_title")) == normalised(want["job_title"]),
            }
            for name, ok in checks.items():
                if ok:
                    self.agree[name] += 1
                    continue
                got_value = answer.get(name)
                if name == "interviewers":
                    got_value = _emails(got_value)
                self.misses.append(f"{name} {tag}: want {want[name]!r}, got {got_value!r}")

    def figures(self) -> dict[str, float]:
        found, real = self.tp + self.fp, self.tp + self.fn
        figures = {"precision": self.tp / found if found else 1.0,
                   "recall": self.tp / real if real else 1.0}  # fmt: skip
        figures.update({k: v / self.tp if self.tp else 0.0 for k, v in self.agree.items()})
        return figures


def score(answers: list[dict[str, Any]], labels: dict[str, Any], tally: Tally, tag: str) -> None:
    """Add one listing's answers (Google or Graph ids) to ``tally``."""
    wanted: dict[str, dict[str, Any]] = labels["labels"]
    graph_ids: dict[str, str] = labels.get("graph_ids", {})
    assert len(answers) == len(wanted), "one answer per event"
    for answer in answers:
        assert "error" not in answer, answer
        event_id = graph_ids.get(answer["id"], answer["id"])
        want = wanted[event_id]
        tally.add(answer, want, f"{tag} {event_id} [{want['pattern']}]")


def score_calendar(google: Any, graph: Any, labels: dict[str, Any], owner: Owner) -> Tally:
    """Both wire forms of one labelled calendar through ``followup detect``'s code."""
    tally = Tally()
    for provider, listing in (("gmail", google), ("outlook", graph)):
        score(classify_listing(listing, provider, owner), labels, tally, provider)
    return tally


def short_of(figures: dict[str, float], bar: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 3) for k, v in figures.items() if v < bar[k]}
