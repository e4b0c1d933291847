"""Tokens are encrypted at rest (Fernet: AES-128-CBC + HMAC); the database never holds a
usable token.

Keys, newest first (a :class:`~cryptography.fernet.MultiFernet`): the lines of the token key
file (``FOLLOWUP_TOKEN_KEYS_FILE``, one Fernet key per line, ``#`` comments allowed), then the
key derived from the service's secret, which sealed every token before the key file existed
and keeps opening them. The first key seals; every key opens. ``followup keys rotate`` puts a
new key first and re-seals every stored token with it (:func:`reseal_all`).

The key file is read again whenever it changes, so a rotation done by one process is picked up
by the others running on the same files (the next token they save uses the new key, and they
open tokens the rotation re-sealed) without a restart.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from providers.model import Tokens
from service.config import Settings
from service.errors import ConfigError
from service.store.db import transaction
from service.store.models import Account


def derived_key(secret: bytes) -> bytes:
    """The Fernet key derived from the service's secret (the vault's oldest key)."""
    digest = hashlib.sha256(b"interview-followup tokens\0" + secret).digest()
    return base64.urlsafe_b64encode(digest)


def fingerprint(key: bytes) -> str:
    """A short, non-secret name for a key (what ``followup keys list`` shows)."""
    return hashlib.sha256(b"interview-followup key id\0" + key).hexdigest()[:12]


class TokenKeyFile:
    """The token key file: Fernet keys, newest first. Missing means "no keys yet"."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def signature(self) -> tuple[int, int, int] | None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise ConfigError(f"FOLLOWUP_TOKEN_KEYS_FILE: cannot read {self.path}: "
                              f"{exc.strerror}") from None
        return stat.st_mtime_ns, stat.st_size, stat.st_ino

    def read(self) -> list[bytes]:
        try:
            text = self.path.read_text(encoding="ascii")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not ASCII"
            raise ConfigError(f"FOLLOWUP_TOKEN_KEYS_FILE: cannot read {self.path}: "
                              f"{reason}") from None
        keys: list[bytes] = []
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            try:
                Fernet(line)
            except ValueError:
                raise ConfigError(f"FOLLOWUP_TOKEN_KEYS_FILE: {self.path} line {number} is "
                                  "not a Fernet key (32 bytes, url-safe base64)") from None
            keys.append(line.encode())
        return keys

    def write(self, keys: Sequence[bytes]) -> None:
        """Replace the file atomically (mode 0600): never a moment with half a key list."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        header = ("# interview-followup token keys, newest first: the first seals, all open.\n"
                  "# Keep a copy with your backups: without it the stored tokens are lost.\n")
        body = "".join(key.decode() + "\n" for key in keys)
        try:
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".token-keys-")
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(header + body)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
        except OSError as exc:
            raise ConfigError(f"FOLLOWUP_TOKEN_KEYS_FILE: cannot write {self.path}: "
                              f"{exc.strerror}") from None


class TokenVault:
    def __init__(self, secret: bytes, key_file: TokenKeyFile | None = None) -> None:
        self._legacy = derived_key(secret)
        self._key_file = key_file
        self._lock = threading.Lock()
        self._seen: tuple[int, int, int] | None = None
        self._keys: list[bytes] = []
        self._fernet = MultiFernet([Fernet(self._legacy)])
        self._refresh()

    def _refresh(self) -> None:
        """Reload the key file if it changed since the last look (a stat, no read)."""
        if self._key_file is None:
            return
        signature = self._key_file.signature()
        if signature == self._seen and self._keys:
            return  # the usual case, without the lock the pool's threads would queue on
        with self._lock:
            signature = self._key_file.signature()
            if signature == self._seen and self._keys:
                return
            listed = self._key_file.read()
            keys = [*listed, *([] if self._legacy in listed else [self._legacy])]
            self._keys = keys
            self._fernet = MultiFernet([Fernet(key) for key in keys])
            self._seen = signature

    @property
    def keys(self) -> list[bytes]:
        """Every key, newest (the sealing one) first."""
        self._refresh()
        return list(self._keys) if self._keys else [self._legacy]

    def seal(self, tokens: Tokens) -> bytes:
        self._refresh()
        payload = {
            "access_token": tokens.access_token,
            "refresh_token": tokens.refresh_token,
            "expires_at": tokens.expires_at.isoformat(),
            "scopes": list(tokens.scopes),
            "lifetime": tokens.lifetime.total_seconds() if tokens.lifetime else None,
        }
        return self._fernet.encrypt(json.dumps(payload).encode())

    def open(self, sealed: bytes) -> Tokens:
        self._refresh()
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

    def reseal(self, sealed: bytes) -> bytes:
        """The same tokens sealed with the newest key (MultiFernet.rotate)."""
        self._refresh()
        try:
            return self._fernet.rotate(sealed)
        except InvalidToken:
            raise ValueError("stored tokens cannot be decrypted with this secret key") from None

    def sealing_key(self, sealed: bytes) -> bytes | None:
        """Which key opens these sealed tokens (None: none of them)."""
        for key in self.keys:
            try:
                Fernet(key).decrypt(sealed)
            except InvalidToken:
                continue
            return key
        return None


def vault_for(settings: Settings) -> TokenVault:
    """The vault of a configured service: its secret, and its token key file."""
    return TokenVault(settings.secret_key(), TokenKeyFile(settings.token_keys_path))


@dataclass(frozen=True)
class ResealReport:
    resealed: int
    unreadable: list[int]  # account ids whose tokens no key opens


def reseal_all(factory: sessionmaker[Session], vault: TokenVault,
               batch_size: int = 200) -> ResealReport:
    """Re-seal every account's tokens with the vault's newest key, in small transactions
    (a worker saving a refreshed token meanwhile only waits for one batch)."""
    resealed = 0
    unreadable: list[int] = []
    last_id = 0
    while True:
        with transaction(factory) as session:
            accounts = list(session.scalars(
                select(Account).where(Account.id > last_id).order_by(Account.id)
                .limit(batch_size).with_for_update()))
            for account in accounts:
                try:
                    account.sealed_tokens = vault.reseal(account.sealed_tokens)
                except ValueError:
                    unreadable.append(account.id)
                else:
                    resealed += 1
        if not accounts:
            return ResealReport(resealed, unreadable)
        last_id = accounts[-1].id
