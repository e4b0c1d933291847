"""Rendering pages and redirecting with a one-line message (a "flash", kept in a signed
cookie until the next page shows it)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from providers.clock import Clock
from service.web.rendering import make_environment
from service.web.security import Csrf
from service.web.signing import Signer
from service.web.views import clip

FLASH_COOKIE = "followup_flash"
FLASH_LIFETIME = timedelta(minutes=5)
MESSAGE_CHARS = 300


@dataclass(frozen=True)
class Flash:
    kind: Literal["ok", "error"]
    text: str


class Renderer:
    def __init__(self, secret: bytes, secure_cookies: bool, clock: Clock,
                 globals_: dict[str, Any]) -> None:
        self.environment = make_environment()
        self.environment.globals.update(globals_)
        self.csrf = Csrf(secret, secure_cookies)
        self._flash = Signer(secret, "flash")
        self._secure = secure_cookies
        self._clock = clock

    def page(self, request: Request, template: str, status: int = 200,
             error: str | None = None, headers: dict[str, str] | None = None,
             **values: Any) -> HTMLResponse:
        """A page with the CSRF field value and the pending message (an error of this
        request takes the place of a message left by the previous one)."""
        token, fresh = self.csrf.form_token(request)
        flash = Flash("error", clip(error, MESSAGE_CHARS)) if error else self._read(request)
        html = self.environment.get_template(template).render(csrf_token=token, flash=flash,
                                                              **values)
        response = HTMLResponse(html, status_code=status, headers=headers)
        if fresh is not None:
            self.csrf.set_cookie(response, fresh)
        if FLASH_COOKIE in request.cookies:
            response.delete_cookie(FLASH_COOKIE, path="/", httponly=True, samesite="lax",
                                   secure=self._secure)
        return response

    def redirect(self, url: str, flash: Flash | None = None) -> Response:
        """Redirect-after-post (303: the browser follows with a GET)."""
        response = RedirectResponse(url, status_code=303)
        if flash is not None:
            value = json.dumps({"kind": flash.kind, "text": clip(flash.text, MESSAGE_CHARS)})
            response.set_cookie(FLASH_COOKIE, self._flash.sign(value, self._clock.now()),
                                max_age=int(FLASH_LIFETIME.total_seconds()), httponly=True,
                                samesite="lax", secure=self._secure, path="/")
        return response

    def _read(self, request: Request) -> Flash | None:
        raw = self._flash.unsign(request.cookies.get(FLASH_COOKIE), self._clock.now(),
                                 FLASH_LIFETIME)
        if raw is None:
            return None
        try:
            data = json.loads(raw)
        except ValueError:
            return None
        kind, text = data.get("kind"), data.get("text")
        if kind not in ("ok", "error") or not isinstance(text, str):
            return None
        return Flash(kind, text)
