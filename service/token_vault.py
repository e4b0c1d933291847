"""Tokens are encrypted at rest (Fernet: AES-128-CBC + HMAC) with a key derived from the
service's secret; the database never holds a usable token."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken

from providers.model import Tokens


class TokenVault:
    def __init__(self, secret: bytes) -> None:
        digest = hashlib.sha256(b"interview-followup tokens\0" + secret).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))

    def seal(self, tokens: Tokens) -> bytes:
        payload = {
            "access_token": tokens.access_token,
            "refresh_token": tokens.refresh_token,
            "expires_at": tokens.expires_at.isoformat(),
            "scopes": list(tokens.scopes),
            "lifetime": tokens.lifetime.total_seconds() if tokens.lifetime else None,
        }
        return self._fernet.encrypt(json.dumps(payload).encode())

    def open(self, sealed: bytes) -> Tokens:
        try:
            payload = json.loads(self._fernet.decrypt(sealed))
        except InvalidToken:
            raise ValueError("stored tokens cannot be decrypted with this secret key") from None
        return Tokens(
            access_token=payload["access_token"],
            refresh_token=payload["refresh_token"],
            expires_at=datetime.fromisoformat(payload["expires_at"]),
            scopes=tuple(payload["scopes"]),
            lifetime=(timedelta(seconds=payload["lifetime"]) if payload.get("lifetime")
                      else None),
        )
