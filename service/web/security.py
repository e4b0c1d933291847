"""Browser-side protections: strict response headers on everything, and CSRF tokens.

CSRF: each browser gets a random token in an HttpOnly, SameSite=Lax cookie; forms carry
an HMAC of it (so a token planted in the cookie by someone else is useless without the key),
and every POST is checked in constant time before anything else happens.
"""

from __future__ import annotations

import re
import secrets

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.web.signing import Signer

CSRF_COOKIE = "followup_csrf"
CSRF_FIELD = "csrf"
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
    "object-src 'none'"
)
HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds the headers above to every HTTP response; pages are never cached (private data)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in HEADERS if name not in present]
                if b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Csrf:
    def __init__(self, secret: bytes, secure_cookies: bool) -> None:
        self._signer = Signer(secret, "csrf")
        self._secure = secure_cookies

    @staticmethod
    def _cookie_token(request: Request) -> str | None:
        token = request.cookies.get(CSRF_COOKIE, "")
        return token if _TOKEN_SHAPE.fullmatch(token) else None

    def form_token(self, request: Request) -> tuple[str, str | None]:
        """The value for the forms' hidden field, and a new cookie token to set (or None)."""
        token = self._cookie_token(request)
        fresh = None
        if token is None:
            token = fresh = secrets.token_urlsafe(32)
        return self._signer.token_for(token), fresh

    def set_cookie(self, response: Response, token: str) -> None:
        # Lax, not Strict: arriving from a link elsewhere must not replace the token that
        # forms in other tabs carry; cross-site POSTs get no Lax cookie either way.
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="lax",
                            secure=self._secure, path="/")

    def valid(self, request: Request, form: dict[str, str]) -> bool:
        token = self._cookie_token(request)
        submitted = form.get(CSRF_FIELD, "")
        if token is None or not submitted:
            return False
        return self._signer.matches(token, submitted)
