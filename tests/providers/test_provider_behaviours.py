"""How real mailboxes behave, against the emulator (which answers that way by default), and
what the adapters make of it. Each test names the documentation or the public bug report
the behaviour comes from; ``docs/provider-behaviours.md`` lists them all."""

from __future__ import annotations

from datetime import timedelta

from providers.emulator.control import Faults
from tests.providers.harness import Harness
from tests.providers.test_contract import full_sync, next_sync

TOKEN_CALLS = ("oauth2.token", "identity.token")


def token_calls(harness: Harness) -> int:
    calls = harness.control.api_calls(harness.address)
    return sum(calls.get(name, 0) for name in TOKEN_CALLS)


# --- tokens -----------------------------------------------------------------------------


def test_a_short_lived_token_is_refreshed_near_its_end_not_before_every_call(
        harness: Harness) -> None:
    # Issue 14: with a fixed 5-minute margin, a token living 60 s was refreshed before every
    # request. The margin is min(5 min, half the lifetime), never under 10 s.
    synced = full_sync(harness)
    harness.control.set_faults(Faults(access_token_lifetime_seconds=60), harness.address)
    harness.clock.advance(timedelta(hours=2))  # the first token is dead: refresh to a 60 s one
    synced = next_sync(harness, synced)
    assert harness.saved_tokens[-1].lifetime == timedelta(seconds=60)
    before = token_calls(harness)
    for _ in range(5):  # 25 s of polling inside the token's first half-life
        harness.clock.advance(timedelta(seconds=5))
        synced = next_sync(harness, synced)
    assert token_calls(harness) == before, "refreshed although the token had 35 s to live"
    harness.clock.advance(timedelta(seconds=6))  # 31 s old: less than half its life left
    next_sync(harness, synced)
    assert token_calls(harness) == before + 1
