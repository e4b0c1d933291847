"""Property tests: drive decide() through random timelines with a tiny in-memory engine
and check what must hold whatever happens (policy P1, P3.4, P6.2)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from providers.model import Person
from service.compose.render import fingerprint
from service.follow_ups import CheckInState as C
from service.follow_ups import ThankYouState as T
from service.policy import actions
from service.policy.actions import ActionRefused
from service.policy.decide import decide
from service.policy.facts import (
    CheckInFacts,
    InterviewFacts,
    MailFact,
    Note,
    Situation,
    ThankYouFacts,
)
from service.policy.intents import (
    DeleteDraft,
    Intent,
    SkipThankYou,
    Suggest,
    UpdateDraft,
    Withdraw,
    WriteCheckIn,
    WriteThankYou,
)

from .situations import BOB, END, JANE, OWNER, RITA, START, interview, mail_in, mail_out, owner

JARED = Person("jared.dunn@acme.com", "Jared Dunn")
STRANGER = Person("someone@elsewhere.org", "Someone")
STEP = timedelta(hours=2)
HORIZON = timedelta(days=20)


@dataclass
class World:
    situation: Situation
    written: list[tuple[datetime, Intent]] = field(default_factory=list)
    suggestions_from_waiting: int = 0
    owner_chosen: set[str] = field(default_factory=set)

    @property
    def s(self) -> Situation:
        return self.situation

    def set_thank_you(self, facts: ThankYouFacts) -> None:
        others = tuple(t for t in self.s.thank_yous if t.recipient != facts.recipient)
        self.situation = replace(self.s, thank_yous=(*others, facts))

    def set_check_in(self, facts: CheckInFacts) -> None:
        self.situation = replace(self.s, check_in=facts)

    def add_mail(self, mail: MailFact) -> None:
        self.situation = replace(self.s, mails=(*self.s.mails, mail))

    def apply(self, now: datetime, intent: Intent) -> None:
        """What the engine does with each intent (its state change)."""
        if isinstance(intent, WriteThankYou):
            self.written.append((now, intent))
            self.set_thank_you(ThankYouFacts(recipient=intent.recipient.email, state=T.DRAFTED,
                                             key=intent.key,
                                             rendered_fingerprint=fingerprint(intent.body),
                                             created_at=now))
        elif isinstance(intent, UpdateDraft):
            old = next(t for t in self.s.thank_yous if t.key == intent.key)
            assert old.state == "drafted"
            self.set_thank_you(replace(old, rendered_fingerprint=fingerprint(intent.body)))
        elif isinstance(intent, SkipThankYou):
            self.set_thank_you(ThankYouFacts(recipient=intent.recipient.email, state=T.SKIPPED))
        elif isinstance(intent, Suggest):
            current = self.s.check_in
            if current is None or current.state == "waiting":
                self.suggestions_from_waiting += 1
            self.set_check_in(CheckInFacts(state=C.SUGGESTED, recipient=intent.recipient,
                                           due=intent.due, suggested_at=now))
        elif isinstance(intent, Withdraw):
            assert self.s.check_in is not None
            self.set_check_in(replace(self.s.check_in, state=C.WITHDRAWN))
        elif isinstance(intent, WriteCheckIn):
            self.written.append((now, intent))
            assert self.s.check_in is not None
            self.set_check_in(replace(self.s.check_in, state=C.DRAFTED, key=intent.key))
        elif isinstance(intent, DeleteDraft):
            assert self.s.check_in is not None and intent.key == self.s.check_in.key
            self.set_check_in(replace(self.s.check_in, state=C.WITHDRAWN))

    def owner_acts(self, now: datetime, action: str, pick: int) -> None:
        """What the owner (or the world) does at ``now``."""
        s = self.s
        people = [JANE, BOB, RITA, JARED, STRANGER]
        who = people[pick % len(people)]
        drafted = [t for t in s.thank_yous if t.state in ("drafted", "edited")]
        if action == "note":
            self.situation = replace(s, notes=(*s.notes, Note(
                at=now, interviewer=[None, JANE.email, BOB.email][pick % 3],
                topic=f"topic number {pick}", insight="an idea" if pick % 2 else None,
                decision_date=(now + timedelta(days=pick % 9)).date() if pick % 4 == 0
                else None)))
        elif action == "send_thank_you" and drafted:
            t = drafted[pick % len(drafted)]
            sent = mail_out(t.recipient, now, message_id=f"sent-{t.key}")
            self.set_thank_you(replace(t, state=T.SENT, sent_message=sent,
                                       sent_message_id=sent.message_id))
            self.add_mail(sent)
        elif action == "delete_thank_you" and drafted:
            self.set_thank_you(replace(drafted[pick % len(drafted)], state=T.DELETED))
        elif action == "edit_thank_you" and drafted:
            self.set_thank_you(replace(drafted[pick % len(drafted)], state=T.EDITED))
        elif action == "mail_in":
            dated = pick % 3 == 0
            self.add_mail(mail_in(who, now, message_id=f"in-{now.isoformat()}-{pick}",
                                  decision=(now + timedelta(days=3)).date() if dated else None,
                                  timeline_only=dated))
        elif action == "own_mail":
            self.add_mail(mail_out(who.email, now, message_id=f"own-{now.isoformat()}-{pick}"))
        elif action in ("approve", "dismiss", "snooze", "recipient"):
            try:
                if action == "approve":
                    self.set_check_in(actions.approve(s.check_in))
                elif action == "dismiss":
                    self.set_check_in(actions.dismiss(s.check_in))
                elif action == "snooze":
                    self.set_check_in(actions.snooze(s.check_in, now + timedelta(hours=pick % 50
                                                                                 + 1), now))
                else:
                    self.set_check_in(actions.change_recipient(s.check_in, s, who.email))
                    self.owner_chosen.add(who.email)
            except ActionRefused:
                pass
        elif action == "send_check_in" and s.check_in and s.check_in.state == "drafted":
            assert s.check_in.recipient is not None
            self.add_mail(mail_out(s.check_in.recipient.email, now,
                                   message_id=f"ci-{now.isoformat()}"))
            self.set_check_in(replace(s.check_in, state=C.SENT))
        elif action == "cancel":
            self.situation = replace(s, interview=replace(s.interview, status="cancelled"))
        elif action == "later_interview":
            later = interview(event_id="ev-acme-2", start=now + timedelta(days=2),
                              end=now + timedelta(days=2, hours=1))
            self.situation = replace(s, other_interviews=(later,))


ACTIONS = ["note", "send_thank_you", "delete_thank_you", "edit_thank_you", "mail_in",
           "own_mail", "approve", "dismiss", "snooze", "recipient", "send_check_in",
           "cancel", "later_interview"]

events = st.lists(st.tuples(st.integers(min_value=0, max_value=int(HORIZON / STEP)),
                            st.sampled_from(ACTIONS), st.integers(min_value=0, max_value=99)),
                  max_size=14)


def _interview(kind: int) -> InterviewFacts:
    if kind == 0:
        return interview()
    if kind == 1:
        return interview(stage="panel", interviewers=(JANE, BOB),
                         invitees=(Person(OWNER), JANE, BOB, RITA))
    return interview(stage="final_round", organizer=Person("no-reply@greenhouse.io"),
                     interviewers=(JANE, BOB, RITA),
                     invitees=(Person(OWNER), JANE, BOB, RITA))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events, st.integers(min_value=0, max_value=2),
       st.integers(min_value=-48, max_value=40))
def test_invariants_hold_on_any_timeline(timeline: list[tuple[int, str, int]],
                                         kind: int, connect_hours: int) -> None:
    connected = END + timedelta(hours=connect_hours)
    world = World(Situation(owner=owner(connected_at=connected), interview=_interview(kind)))
    invite = {p.email for p in world.s.interview.invitees} - {OWNER}
    by_step: dict[int, list[tuple[str, int]]] = {}
    for step, action, pick in timeline:
        by_step.setdefault(step, []).append((action, pick))
    cancelled_at: datetime | None = None
    now = connected
    for step in range(int(HORIZON / STEP) + 1):
        now = connected + step * STEP
        for action, pick in by_step.get(step, []):
            world.owner_acts(now, action, pick)
            if world.s.interview.status == "cancelled" and cancelled_at is None:
                cancelled_at = now
        for intent in decide(now, world.s):
            world.apply(now, intent)
        # level-triggered, but settled: a second call at the same moment asks for nothing
        assert decide(now, world.s) == []

    decision_senders = {m.sender.email for m in world.s.mails
                        if m.direction == "in" and m.timeline_only}
    per_person: dict[str, int] = {}
    keys = set()
    check_ins = 0
    for when, intent in world.written:
        assert isinstance(intent, WriteThankYou | WriteCheckIn)
        email = intent.recipient.email
        per_person[email] = per_person.get(email, 0) + 1
        assert intent.key not in keys
        keys.add(intent.key)
        assert email != OWNER
        assert when >= END, "nothing before the interview ends"
        assert cancelled_at is None or when < cancelled_at
        if isinstance(intent, WriteThankYou):
            assert email in invite
            assert connected - END <= timedelta(hours=24)
            assert when <= max(END, connected) + timedelta(hours=72)
        else:
            check_ins += 1
            assert email in invite | decision_senders | world.owner_chosen
            assert when >= START + timedelta(days=2)
    assert all(count <= 2 for count in per_person.values())
    assert STRANGER.email not in world.owner_chosen  # not on the company side
    assert check_ins <= 1
    assert world.suggestions_from_waiting <= 1


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=2), st.integers(min_value=0, max_value=200))
def test_check_in_only_goes_to_invitees_or_the_decision_sender(kind: int, hours: int) -> None:
    decision = mail_in(JARED, END + timedelta(hours=hours), decision=date(2026, 5, 12),
                       timeline_only=True)
    s = Situation(owner=owner(), interview=_interview(kind), mails=(decision,),
                  check_in=CheckInFacts(state=C.WAITING))
    now = END + timedelta(days=9)
    allowed = {p.email for p in s.interview.invitees} | {JARED.email}
    for intent in decide(now, s):
        if isinstance(intent, Suggest | WriteCheckIn):
            assert intent.recipient.email in allowed
