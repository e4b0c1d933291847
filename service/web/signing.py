"""Signed cookie values: HMAC-SHA256 over the value and the moment it was signed.

The key is derived from the service's secret per purpose, so a value signed for one cookie
(the OAuth state, a flash message) is never accepted as another.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from datetime import UTC, datetime, timedelta

_SEPARATOR = "."


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    def __init__(self, secret: bytes, purpose: str) -> None:
        self._key = hmac.new(secret, b"interview-followup web\0" + purpose.encode(),
                             hashlib.sha256).digest()

    def _mac(self, message: str) -> str:
        data = message.encode("utf-8", "surrogatepass")
        return _b64encode(hmac.new(self._key, data, hashlib.sha256).digest())

    def sign(self, value: str, now: datetime) -> str:
        message = f"{_b64encode(value.encode())}{_SEPARATOR}{int(now.timestamp())}"
        return f"{message}{_SEPARATOR}{self._mac(message)}"

    def unsign(self, signed: str | None, now: datetime, max_age: timedelta) -> str | None:
        """The value, or None when it is missing, tampered with, malformed or too old."""
        if not signed:
            return None
        parts = signed.split(_SEPARATOR)
        if len(parts) != 3:
            return None
        payload, stamp, mac = parts
        expected = self._mac(f"{payload}{_SEPARATOR}{stamp}")
        if not hmac.compare_digest(expected.encode(), mac.encode("utf-8", "surrogatepass")):
            return None
        try:
            signed_at = datetime.fromtimestamp(int(stamp), UTC)
            value = _b64decode(payload).decode("utf-8")
        except (ValueError, OverflowError, OSError, binascii.Error):
            return None
        if not (now - max_age <= signed_at <= now + timedelta(minutes=5)):
            return None
        return value

    def token_for(self, value: str) -> str:
        """A stable MAC of ``value`` (the CSRF form field derived from the cookie's token)."""
        return self._mac(value)

    def matches(self, value: str, token: str) -> bool:
        return hmac.compare_digest(self._mac(value).encode(),
                                   token.encode("utf-8", "surrogatepass"))
