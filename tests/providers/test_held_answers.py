"""The emulator's held answers: a write is carried out and its answer never reaches the
client (what a crash or a cut connection right after the server committed looks like), and
the fault counts a chaos run reports."""

from __future__ import annotations

from providers.emulator.control import Faults
from tests.providers.harness import Harness
from tests.providers.test_contract import open_drafts, poll, thank_you


def test_a_write_whose_answer_is_held_is_found_not_written_twice(harness: Harness) -> None:
    held_before = harness.emulator.faults.counts()["held"]  # one emulator for every test
    harness.control.set_faults(Faults(hold_writes=1), harness.address)
    provider = harness.new_provider(timeout=0.5)
    ref = provider.create_draft(thank_you(harness, "key-held"))
    assert open_drafts(harness, "key-held") == [ref.draft_id]
    assert len(harness.control.drafts(harness.address)) == 1
    counts = harness.emulator.faults.counts()
    assert counts["held"] == held_before + 1
    poll(lambda: harness.emulator.faults.counts()["held_now"] == 0,
         "the held answer to be dropped once the client gave up")
    # only one write was held: the next is answered
    assert provider.create_draft(thank_you(harness, "key-next")).draft_id
    assert harness.emulator.faults.counts()["held"] == held_before + 1


def test_injected_errors_are_counted_by_status(harness: Harness) -> None:
    before = harness.emulator.faults.counts()["injected"].get("503", 0)
    harness.control.set_faults(Faults(fail_next=[503, 503]), harness.address)
    harness.provider.create_draft(thank_you(harness, "key-retried"))
    assert harness.emulator.faults.counts()["injected"]["503"] == before + 2
    assert len(open_drafts(harness, "key-retried")) == 1
