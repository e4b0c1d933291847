"""The service's own invariants on a ``followup simulate`` output (policy.md P1-P6), and the
outcomes a scenario's ``expect`` block asks for. Read from the scenario as written (plain
YAML), not through the service's own scenario parser, so the two can disagree."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

Json = dict[str, Any]

SUGGEST_WITHIN = timedelta(hours=72)  # P3.3
WRITE_WITHIN = timedelta(minutes=60)  # P1.2, P5.1
LATE_CONNECT = timedelta(hours=24)  # P1.3


def _moment(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError(f"a time without an offset: {value!r}")
    return moment


def _low(address: Any) -> str:
    return str(address or "").strip().lower()


class Invariants:
    def __init__(self, output: Json, scenario: Json) -> None:
        self.out = output
        self.sc = scenario
        self.expect: Json = scenario.get("expect") or {}
        self.zone = ZoneInfo(scenario["account"]["timezone"])
        self.owner = _low(scenario["account"]["provider_email"])
        self.connected = _moment(scenario["account"]["connected_at"])
        self.until = _moment(scenario["until"])
        self.events = {e["id"]: self._final(e) for e in scenario.get("events") or []}
        self.failures: list[str] = []

    # -- the scenario ----------------------------------------------------------------------
    def _final(self, event: Json) -> Json:
        state = dict(event)
        for change in sorted(event.get("changes") or [], key=lambda c: _moment(c["at"])):
            if _moment(change["at"]) <= self.until:
                state.update({k: v for k, v in change.items() if k != "at"})
        return state

    def _timeline(self, action: str) -> list[Json]:
        return [dict(entry[action], at=_moment(entry["at"]))
                for entry in self.sc.get("timeline") or []
                if action in entry and _moment(entry["at"]) <= self.until]

    def _invite(self, event: Json) -> set[str]:
        people = {_low(a["email"]) for a in event.get("attendees") or []}
        if event.get("organizer"):
            people.add(_low(event["organizer"]["email"]))
        return people - {self.owner}

    def _decision_senders(self) -> set[str]:
        subjects = {str(s).lower() for s in self.expect.get("decision_mail") or []}
        return {_low(m["from"]["email"]) for m in self._timeline("mail_in")
                if str(m.get("subject", "")).lower() in subjects}

    def _end(self, event_id: str) -> datetime:
        return _moment(self.events[event_id]["end"])

    def _raw(self, event_id: str) -> Json:
        return next((e for e in self.sc.get("events") or [] if e.get("id") == event_id), {})

    def _changes(self, event_id: str) -> list[Json]:
        changes = self._raw(event_id).get("changes") or []
        return sorted((c for c in changes if _moment(c["at"]) <= self.until),
                      key=lambda c: _moment(c["at"]))

    def _end_at(self, event_id: str, moment: datetime) -> datetime:
        """The event's end as it stood at ``moment``."""
        end = self._raw(event_id)["end"]
        for change in self._changes(event_id):
            if _moment(change["at"]) <= moment and "end" in change:
                end = change["end"]
        return _moment(end)

    def _moved_later(self, event_id: str, since: datetime) -> datetime | None:
        """When the event's end first moved later than it stood at ``since`` (P1.4)."""
        then = self._end_at(event_id, since)
        for change in self._changes(event_id):
            if _moment(change["at"]) > since and "end" in change \
                    and _moment(change["end"]) > then:
                return _moment(change["at"])
        return None

    def _superseded(self, draft: Json) -> bool:
        """A thank-you the service deleted because its interview moved to a later time: it
        is written again after the new end, and that is not a second copy (P1.4, P1.6)."""
        if draft.get("kind") != "thank_you" or draft.get("deleted_by") != "service":
            return False
        moved = self._moved_later(str(draft.get("event")), _moment(draft["created_at"]))
        return moved is not None and _moment(draft["fate_at"]) >= moved

    def _owner_acted(self, draft: Json, until: datetime) -> bool:
        """Whether the owner sent, changed or deleted this draft before ``until``: then it
        is theirs, and a later move of the interview leaves it alone (P1.4, P1.5)."""
        made = _moment(draft["created_at"])
        to = {_low(a) for a in draft.get("to") or []}
        return any(made <= entry["at"] <= until and entry.get("kind") == draft.get("kind")
                   and _low(entry.get("to")) in to
                   for action in ("send_draft", "edit_draft", "delete_draft")
                   for entry in self._timeline(action))

    def _days_after(self, moment: datetime, days: int) -> datetime:
        """The same local wall-clock time ``days`` calendar days later (across DST too)."""
        return moment.astimezone(self.zone) + timedelta(days=days)

    # -- reporting -------------------------------------------------------------------------
    def fail(self, rule: str, message: str) -> None:
        self.failures.append(f"{rule}: {message}")

    def drafts(self, kind: str | None = None, event: str | None = None) -> list[Json]:
        return [d for d in self.out.get("drafts") or []
                if (kind is None or d.get("kind") == kind)
                and (event is None or d.get("event") == event)]

    # -- the rules -------------------------------------------------------------------------
    def run(self) -> list[str]:
        self.never_sends()
        self.addressing()
        self.interviews()
        self.thank_yous()
        self.check_ins()
        self.contents()
        return self.failures

    def never_sends(self) -> None:
        """P6.1: everything that left the mailbox was sent by the owner's timeline."""
        owner_sends = len(self._timeline("send_draft")) + len(self._timeline("send_own"))
        for sent in self.out.get("sent") or []:
            if sent.get("by") != "owner":
                self.fail("P6.1", f"the service sent {sent.get('subject')!r}")
        if len(self.out.get("sent") or []) > owner_sends:
            self.fail("P6.1", "more messages left the mailbox than the owner sent")
        for method, count in ((self.out.get("api_calls") or {}).get("by_method") or {}).items():
            if count and re.search(r"(^|[./])send(mail)?$", method, re.IGNORECASE):
                self.fail("P6.1", f"the service called {method}")

    def addressing(self) -> None:
        """P1.1, P1.6, P6.2: one draft per (kind, event, person), to one person on the invite
        (or who stated the decision date), never the owner, no cc or bcc."""
        seen: set[tuple[Any, ...]] = set()
        allowed_extra = self._decision_senders()
        for draft in self.drafts():
            to = [_low(a) for a in draft.get("to") or []]
            key = (draft.get("kind"), draft.get("event"), tuple(sorted(to)))
            if key in seen:
                self.fail("P1.6", f"a second {key[0]} draft for {key[1]} to {to}")
            if not self._superseded(draft):
                seen.add(key)
            if len(to) != 1 or draft.get("cc") or draft.get("bcc"):
                self.fail("P1.1", f"{key[0]} draft for {key[1]}: to={to} cc={draft.get('cc')} "
                                  f"bcc={draft.get('bcc')}")
            if re.search(r"[\r\n]", draft.get("subject") or ""):
                self.fail("P1.1", f"a line break in the subject {draft.get('subject')!r}")
            event = self.events.get(draft.get("event") or "")
            if event is None:
                self.fail("P1.4", f"a draft for an unknown event {draft.get('event')!r}")
                continue
            for address in to:
                if address == self.owner or address not in self._invite(event) | allowed_extra:
                    self.fail("P1.1", f"{key[0]} draft for {key[1]} to {address}, "
                                      "who is not on the invite")

    def interviews(self) -> None:
        reported = {i.get("event"): i for i in self.out.get("interviews") or []}
        for event_id, want in (self.expect.get("interviews") or {}).items():
            got = reported.get(event_id)
            if want is None:
                if got is not None and got.get("status") not in ("cancelled", "declined"):
                    self.fail("detect", f"{event_id} is not an interview")
                continue
            if got is None:
                self.fail("detect", f"{event_id} is an interview but was not reported")
                continue
            for field in ("stage", "company", "job_title"):
                if field in want and _fold(got.get(field)) != _fold(want[field]):
                    self.fail("detect", f"{event_id} {field}: want {want[field]!r}, "
                                        f"got {got.get(field)!r}")
            if "interviewers" in want:
                have = sorted(_low(p.get("email")) for p in got.get("interviewers") or [])
                if have != sorted(_low(a) for a in want["interviewers"]):
                    self.fail("detect", f"{event_id} interviewers: want "
                                        f"{sorted(want['interviewers'])}, got {have}")

    def _expected_thank_yous(self) -> dict[str, list[str]]:
        if "thank_you" in self.expect:
            return {k: [_low(a) for a in v or []] for k, v in self.expect["thank_you"].items()}
        result: dict[str, list[str]] = {}
        for event_id, want in (self.expect.get("interviews") or {}).items():
            if not want:
                continue
            event, end = self.events[event_id], self._end(event_id)
            declined = any(_low(a["email"]) == self.owner and a.get("response") == "declined"
                           for a in event.get("attendees") or [])
            late = end > self.until or self.connected - end > LATE_CONNECT
            skip = event.get("status") == "cancelled" or declined or late
            result[event_id] = [] if skip else [_low(a) for a in want.get("interviewers", [])]
        return result

    def thank_yous(self) -> None:
        """P1.1-P1.4: exactly the expected thank-yous, none before the end, at most an hour
        after it (or after connecting), none for anything but an expected interview."""
        want = self._expected_thank_yous()
        for event_id, people in want.items():
            every = self.drafts("thank_you", event_id)
            got = [d for d in every if not self._superseded(d)]
            have = sorted(_low(a) for d in got for a in d.get("to") or [])
            if have != sorted(people):
                self.fail("P1.1", f"{event_id}: thank-yous to {sorted(people)}, got {have}")
            for draft in every:
                made = _moment(draft["created_at"])
                end = self._end_at(event_id, made)  # as the event stood then
                moved = self._moved_later(event_id, made)
                if made < end:
                    self.fail("P1.4", f"{event_id}: a thank-you written before the end")
                elif made > max(end, self.connected) + WRITE_WITHIN:
                    self.fail("P1.2", f"{event_id}: a thank-you written at {made}, too late")
                if moved is not None and not self._superseded(draft) \
                        and not self._owner_acted(draft, moved):
                    self.fail("P1.4", f"{event_id}: the interview moved later at {moved}; the "
                                      f"untouched thank-you to {draft.get('to')} was kept")
        for draft in self.drafts("thank_you"):
            if draft.get("event") not in want:
                self.fail("P1.4", f"a thank-you for {draft.get('event')}, not an interview")

    def _window(self, event_id: str, spec: Json) -> tuple[datetime, datetime]:
        end = self._end(event_id)
        if spec.get("decision_date"):
            day = date.fromisoformat(str(spec["decision_date"])) + timedelta(days=1)
            low = max(datetime.combine(day, time(0), self.zone), self._days_after(end, 2))
        else:
            low = self._days_after(end, 7)
        return low, low + SUGGEST_WITHIN

    def check_ins(self) -> None:
        """P3, P4, P5: at most one suggestion per interview, only where one is expected, in
        its window, to the expected person, with the expected status; check-in drafts only
        after the owner's approval, within the hour."""
        want: Json = self.expect.get("check_in") or {}
        by_event: dict[str, list[Json]] = {}
        for suggestion in self.out.get("suggestions") or []:
            by_event.setdefault(suggestion.get("event"), []).append(suggestion)
        for event_id, found in by_event.items():
            if len(found) > 1:
                self.fail("P3.4", f"{event_id}: {len(found)} check-in suggestions")
            if want.get(event_id) is None:
                self.fail("P4", f"{event_id}: a check-in suggestion where none is expected")
        for event_id, spec in want.items():
            found = by_event.get(event_id, [])
            if spec is None or not found:
                if spec is not None:
                    self.fail("P3.3", f"{event_id}: no check-in suggestion")
                continue
            suggestion = found[0]
            made = _moment(suggestion["created_at"])
            low, high = self._window(event_id, spec)
            if not low <= made <= high:
                self.fail("P3", f"{event_id}: suggested at {made}, want {low} to {high}")
            if spec.get("to") and [_low(a) for a in suggestion.get("to") or []] != \
                    [_low(spec["to"])]:
                self.fail("P3.4", f"{event_id}: to {suggestion.get('to')}, want {spec['to']}")
            if spec.get("status") and suggestion.get("status") != spec["status"]:
                self.fail("P4.5", f"{event_id}: status {suggestion.get('status')!r}, "
                                  f"want {spec['status']!r}")
        approvals = {a["event"]: a["at"] for a in self._timeline("approve_check_in")}
        for draft in self.drafts("check_in"):
            draft_event = str(draft.get("event"))
            approved = approvals.get(draft_event)
            made = _moment(draft["created_at"])
            if approved is None or not approved <= made <= approved + WRITE_WITHIN:
                self.fail("P5.1", f"{draft_event}: a check-in draft at {made}, approved at "
                                  f"{approved}")
            if draft.get("deleted_by") == "service":
                status = next((s.get("status") for s in by_event.get(draft_event, [])), None)
                if status != "withdrawn":
                    self.fail("P4.5", f"{draft_event}: the service deleted the check-in draft "
                                      f"but the suggestion is {status!r}")

    def contents(self) -> None:
        for spec in self.expect.get("body_contains") or []:
            drafts = [d for d in self.drafts(spec.get("kind"))
                      if _low(spec["to"]) in map(_low, d.get("to") or [])
                      and spec.get("event") in (None, d.get("event"))]
            if not drafts:
                self.fail("P2.5", f"no {spec.get('kind')} draft to {spec['to']}")
                continue
            body = (drafts[-1].get("body") or "").lower()
            for text in spec.get("text") or []:
                if str(text).lower() not in body:
                    self.fail("P2.5", f"{spec.get('kind')} to {spec['to']} lacks {text!r}")
            for text in spec.get("not_text") or []:
                if str(text).lower() in body:
                    self.fail("P2.5", f"{spec.get('kind')} to {spec['to']} has {text!r}")
        for spec in self.expect.get("draft_fate") or []:
            drafts = [d for d in self.drafts(spec.get("kind"))
                      if _low(spec["to"]) in map(_low, d.get("to") or [])]
            if not drafts:
                self.fail("P4.5", f"no {spec.get('kind')} draft to {spec['to']}")
                continue
            for key in ("fate", "deleted_by"):
                if key in spec and drafts[-1].get(key) != spec[key]:
                    self.fail("P4.5", f"{spec.get('kind')} draft to {spec['to']}: {key} "
                                      f"{drafts[-1].get(key)!r}, want {spec[key]!r}")
        for bad in self.expect.get("never_contains") or []:
            for draft in self.drafts():
                text = " ".join(str(draft.get(k) or "") for k in ("subject", "body"))
                if str(bad).lower() in text.lower():
                    self.fail("hostile", f"a {draft.get('kind')} draft contains {bad!r}")


def _fold(value: Any) -> str | None:
    """Case, accents and punctuation aside, as names are compared."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKD", str(value).lower())
    return re.sub(r"[\W_]+", "", "".join(c for c in text if not unicodedata.combining(c)))


def check(output: Json, scenario: Json) -> list[str]:
    """Every rule the output breaks, one line each (empty: it holds)."""
    return Invariants(output, scenario).run()
