"""Signed cookie values: accepted as signed, refused when changed, old, or signed for
another purpose or with another key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from service.web.signing import Signer

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
KEY = b"a-test-secret-of-enough-length"
HOUR = timedelta(hours=1)


def test_a_signed_value_comes_back() -> None:
    signer = Signer(KEY, "flash")
    assert signer.unsign(signer.sign('{"a": "é"}', NOW), NOW + timedelta(minutes=59),
                         HOUR) == '{"a": "é"}'


def test_too_old_or_from_the_future_is_refused() -> None:
    signer = Signer(KEY, "flash")
    signed = signer.sign("value", NOW)
    assert signer.unsign(signed, NOW + timedelta(minutes=61), HOUR) is None
    assert signer.unsign(signed, NOW - timedelta(minutes=6), HOUR) is None


def test_another_purpose_or_key_does_not_verify() -> None:
    signed = Signer(KEY, "flash").sign("value", NOW)
    assert Signer(KEY, "oauth-state").unsign(signed, NOW, HOUR) is None
    assert Signer(b"another-secret-of-enough-length", "flash").unsign(signed, NOW, HOUR) is None


def test_any_change_is_refused() -> None:
    signer = Signer(KEY, "flash")
    signed = signer.sign("value", NOW)
    for position in range(len(signed)):
        changed = signed[:position] + ("A" if signed[position] != "A" else "B") + \
            signed[position + 1:]
        assert signer.unsign(changed, NOW, HOUR) is None


@given(st.text(max_size=200))
def test_garbage_never_raises(garbage: str) -> None:
    signer = Signer(KEY, "csrf")
    assert signer.unsign(garbage, NOW, HOUR) is None
    assert signer.matches("token", garbage) is (garbage == signer.token_for("token"))
