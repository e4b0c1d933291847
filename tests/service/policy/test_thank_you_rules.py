"""Policy P1/P2 as decide() applies them: when thank-you drafts are written, to whom, and
how notes update them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pytest

from providers.model import Person
from service.compose.render import fingerprint
from service.compose.sentences import count_sentences
from service.policy.decide import decide
from service.policy.intents import RewindThankYou, SkipThankYou, UpdateDraft, WriteThankYou
from service.policy.keys import idempotency_key

from .situations import (
    BOB,
    END,
    JANE,
    OWNER,
    RITA,
    at,
    interview,
    note,
    owner,
    situation,
    thank_you,
)


def writes(intents: Sequence[object]) -> list[WriteThankYou]:
    return [i for i in intents if isinstance(i, WriteThankYou)]


def test_nothing_before_the_end() -> None:
    assert decide(at(hours=-0.01), situation()) == []
    assert decide(at(days=-1), situation()) == []


def test_one_draft_at_the_end_to_the_interviewer_alone() -> None:
    intents = decide(END, situation())
    [write] = writes(intents)
    assert write.recipient == JANE
    assert write.key == idempotency_key("acct-1", "ev-acme-1", JANE.email, "thank_you")
    assert write.body.startswith("Hi Jane,\n")
    assert "Thank you" in write.subject
    assert "Senior Data Engineer" in write.body and "Acme" in write.body
    assert "[specific topic you discussed]" in write.body


def test_panel_gets_one_draft_each_and_they_differ_beyond_names() -> None:
    panel = interview(stage="panel", interviewers=(JANE, BOB, RITA),
                      invitees=(Person(OWNER), JANE, BOB, RITA))
    intents = writes(decide(at(hours=0.5), situation(interview=panel)))
    assert sorted(w.recipient.email for w in intents) == sorted([JANE.email, BOB.email,
                                                                 RITA.email])
    blanked = set()
    for write in intents:
        body = write.body
        for word in ("Jane", "Doe", "Bob", "Stone", "Rita", "Ruiz"):
            body = body.replace(word, "NAME")
        blanked.add(body)
    assert len(blanked) == 3


@pytest.mark.parametrize("status", ["cancelled", "declined", "removed"])
def test_nothing_for_cancelled_declined_or_removed(status: str) -> None:
    assert decide(at(hours=1), situation(interview=interview(status=status))) == []


def test_rescheduled_counts_from_the_new_end() -> None:
    moved = interview(start=END + timedelta(days=1), end=END + timedelta(days=1, hours=1))
    assert decide(at(hours=2), situation(interview=moved)) == []
    assert writes(decide(at(days=1, hours=1), situation(interview=moved)))


def test_moved_later_after_the_draft_was_written_starts_again() -> None:
    """P1.4: the interview moved to a later time after its thank-you was written (it did
    not take place): the untouched draft goes, and is written again after the new end."""
    moved = interview(start=END + timedelta(days=2), end=END + timedelta(days=2, hours=1))
    written = thank_you(JANE.email, "drafted", created_at=END, rendered_fingerprint="x")
    [rewind] = decide(at(hours=2), situation(interview=moved, thank_yous=(written,)))
    assert isinstance(rewind, RewindThankYou)
    assert rewind.key == written.key and rewind.recipient.email == JANE.email
    # pending again: nothing until the new end, then the same key is written
    again = thank_you(JANE.email, "pending", created_at=END)
    assert decide(at(hours=3), situation(interview=moved, thank_yous=(again,))) == []
    [write] = writes(decide(at(days=2, hours=1), situation(interview=moved,
                                                           thank_yous=(again,))))
    assert write.key == written.key


@pytest.mark.parametrize("state", ["edited", "sent", "deleted", "skipped"])
def test_a_move_leaves_the_owners_drafts_alone(state: str) -> None:
    """P1.4, P1.5: a draft the owner changed, sent or deleted is theirs, moved or not; a
    thank-you skipped (too late, not applicable) stays skipped."""
    moved = interview(start=END + timedelta(days=2), end=END + timedelta(days=2, hours=1))
    touched = thank_you(JANE.email, state, created_at=END)
    assert decide(at(hours=2), situation(interview=moved, thank_yous=(touched,))) == []
    assert decide(at(days=2, hours=1), situation(interview=moved, thank_yous=(touched,))) == []


def test_a_draft_written_after_the_present_end_stays() -> None:
    """Trimmed to end earlier, or moved later but still before the draft was written: the
    conversation took place, the draft stays."""
    for end in (END - timedelta(minutes=15), END + timedelta(minutes=10)):
        written = thank_you(JANE.email, "drafted", created_at=END + timedelta(minutes=20),
                            rendered_fingerprint="x")
        s = situation(interview=interview(end=end), thank_yous=(written,))
        assert not [i for i in decide(at(hours=1), s) if isinstance(i, RewindThankYou)]


def test_connected_within_24_hours_after_the_end_writes_at_once() -> None:
    late = owner(connected_at=END + timedelta(hours=23))
    assert writes(decide(at(hours=23, ), situation(owner=late)))


def test_connected_later_than_24_hours_skips() -> None:
    late = owner(connected_at=END + timedelta(hours=31))
    [skip] = decide(at(hours=31), situation(owner=late))
    assert isinstance(skip, SkipThankYou) and skip.recipient.email == JANE.email


def test_a_thank_you_never_written_for_three_days_is_skipped() -> None:
    [skip] = decide(at(days=4), situation())
    assert isinstance(skip, SkipThankYou)


@pytest.mark.parametrize("state", ["edited", "sent", "deleted", "skipped"])
def test_owner_decisions_are_final(state: str) -> None:
    s = situation(thank_yous=(thank_you(JANE.email, state),),
                  notes=(note(at(hours=1), topic="pipelines"),))
    assert decide(at(hours=2), s) == []


def test_a_new_note_updates_an_untouched_draft() -> None:
    [first] = writes(decide(END, situation()))
    stored = thank_you(JANE.email, "drafted", rendered_fingerprint=fingerprint(first.body))
    assert decide(at(hours=0.1), situation(thank_yous=(stored,))) == []
    s = situation(thank_yous=(stored,),
                  notes=(note(at(hours=0.2), topic="the team's approach to scaling"),))
    [update] = decide(at(hours=0.3), s)
    assert isinstance(update, UpdateDraft) and update.key == stored.key
    assert "the team's approach to scaling" in update.body
    assert "[specific topic you discussed]" not in update.body


def test_an_edited_draft_is_not_overwritten_by_a_note() -> None:
    s = situation(thank_yous=(thank_you(JANE.email, "edited", rendered_fingerprint="x"),),
                  notes=(note(at(hours=0.2), topic="scaling"),))
    assert decide(at(hours=0.3), s) == []


def test_notes_are_per_interviewer_with_a_general_fallback() -> None:
    panel = interview(stage="panel", interviewers=(JANE, BOB),
                      invitees=(Person(OWNER), JANE, BOB))
    notes = (note(at(hours=0.1), interviewer=JANE.email, topic="event sourcing"),
             note(at(hours=0.2), topic="on-call rotations"))
    bodies = {w.recipient.email: w.body
              for w in writes(decide(at(hours=0.3), situation(interview=panel, notes=notes)))}
    assert "event sourcing" in bodies[JANE.email]
    assert "on-call" not in bodies[JANE.email]
    assert "on-call rotations" in bodies[BOB.email]
    assert "event sourcing" not in bodies[BOB.email]


def test_the_latest_note_wins() -> None:
    notes = (note(at(hours=0.2), topic="second topic"), note(at(hours=0.1), topic="first one"))
    [write] = writes(decide(at(hours=0.3), situation(notes=notes)))
    assert "second topic" in write.body and "first one" not in write.body


def test_final_round_uses_the_insight() -> None:
    final = interview(stage="final_round")
    notes = (note(at(hours=0.1), interviewer=JANE.email, topic="search backends",
                  insight="a phased migration behind a feature flag keeps reads safe"),)
    [write] = writes(decide(at(hours=0.2), situation(interview=final, notes=notes)))
    assert "search backends" in write.body and "feature flag" in write.body
    assert 5 <= count_sentences(write.body) <= 9


def test_the_owner_and_people_outside_the_invite_get_nothing() -> None:
    stranger = Person("eve@acme.com", "Eve")
    odd = interview(interviewers=(Person(OWNER, "Alex Kim"), JANE, stranger))
    intents = decide(at(hours=0.1), situation(interview=odd))
    assert [w.recipient.email for w in writes(intents)] == [JANE.email]
    assert [s.recipient.email for s in intents if isinstance(s, SkipThankYou)] == [stranger.email]


def test_scheduling_system_addresses_never_get_a_thank_you() -> None:
    ats = Person("no-reply@greenhouse.io", "Hooli Recruiting")
    odd = interview(interviewers=(ats,), invitees=(Person(OWNER), ats), organizer=ats)
    intents = decide(at(hours=0.1), situation(interview=odd))
    assert not writes(intents)


def test_phone_screen_has_no_bracketed_prompt() -> None:
    screen = interview(stage="phone_screen")
    [write] = writes(decide(at(hours=0.1), situation(interview=screen)))
    assert "[" not in write.body
    assert 2 <= count_sentences(write.body) <= 4


def test_keys_are_stable_across_calls() -> None:
    first = writes(decide(at(hours=0.1), situation()))
    second = writes(decide(at(hours=0.5), situation()))
    assert first == second
