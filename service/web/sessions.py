"""Signed-in browsers: a random token in a signed cookie (HttpOnly, SameSite=Lax, Secure over
https, expiring), its SHA-256 in ``owner_sessions``. Signing out or deleting the owner
deletes the row, so a copied cookie is dead too."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request
from starlette.responses import Response

from service.store.db import transaction
from service.store.models import OwnerSession
from service.web.signing import Signer

SESSION_COOKIE = "followup_session"
SESSION_LIFETIME = timedelta(days=14)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Sessions:
    def __init__(self, factory: sessionmaker[Session], secret: bytes, secure: bool) -> None:
        self._factory = factory
        self._signer = Signer(secret, "session")
        self._secure = secure

    def start(self, session: Session, owner_id: int, now: datetime, response: Response) -> None:
        """A new session for ``owner_id`` (in the caller's transaction), set on ``response``.
        Expired sessions of the owner go at the same time."""
        token = secrets.token_urlsafe(32)
        session.execute(delete(OwnerSession).where(OwnerSession.owner_id == owner_id,
                                                   OwnerSession.expires_at <= now))
        session.add(OwnerSession(owner_id=owner_id, token_hash=_hash(token), created_at=now,
                                 expires_at=now + SESSION_LIFETIME))
        response.set_cookie(SESSION_COOKIE, self._signer.sign(token, now),
                            max_age=int(SESSION_LIFETIME.total_seconds()), path="/",
                            httponly=True, samesite="lax", secure=self._secure)

    def _token(self, request: Request, now: datetime) -> str | None:
        return self._signer.unsign(request.cookies.get(SESSION_COOKIE), now, SESSION_LIFETIME)

    def owner_id(self, request: Request, now: datetime) -> int | None:
        """The signed-in owner, or None (no cookie, a forged or expired one, signed out)."""
        token = self._token(request, now)
        if token is None:
            return None
        with transaction(self._factory) as session:
            return session.scalar(select(OwnerSession.owner_id).where(
                OwnerSession.token_hash == _hash(token), OwnerSession.expires_at > now))

    def end(self, request: Request, now: datetime, response: Response) -> None:
        token = self._token(request, now)
        if token is not None:
            with transaction(self._factory) as session:
                session.execute(delete(OwnerSession).where(
                    OwnerSession.token_hash == _hash(token)))
        self.forget(response)

    def forget(self, response: Response) -> None:
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                               secure=self._secure)
