from __future__ import annotations

from datetime import UTC, datetime

import pytest

from providers.model import Tokens
from service.token_vault import TokenVault


def test_tokens_round_trip_and_are_not_readable_at_rest() -> None:
    tokens = Tokens("ya29.secret-access", "1//secret-refresh", datetime(2026, 1, 1, tzinfo=UTC),
                    ("a", "b"))
    vault = TokenVault(b"k" * 32)
    sealed = vault.seal(tokens)
    assert b"secret" not in sealed
    assert vault.open(sealed) == tokens


def test_another_key_cannot_open() -> None:
    sealed = TokenVault(b"k" * 32).seal(Tokens("a", None, datetime(2026, 1, 1, tzinfo=UTC)))
    with pytest.raises(ValueError, match="cannot be decrypted"):
        TokenVault(b"j" * 32).open(sealed)
