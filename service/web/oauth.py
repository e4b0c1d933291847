"""Connecting a mailbox: the provider's consent page, then the code exchange.

``/connect/{provider}`` asks the provider's flow for its authorization URL (PKCE) and keeps
the state and the code verifier in a signed, short-lived cookie only the callback path sees;
``/oauth/callback`` checks the state against it in constant time, exchanges the code and
stores the account. Every failure ends on the dashboard as one line.
"""

from __future__ import annotations

import hmac
import json
import logging
from datetime import timedelta
from typing import cast

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from providers.errors import AuthError, ProviderError, RetryLater
from providers.model import PROVIDERS, ProviderName
from service.errors import UsageError
from service.web.context import WebContext
from service.web.responses import Flash, Renderer
from service.web.signing import Signer
from service.web.views import PROVIDER_LABELS, clip

log = logging.getLogger(__name__)

CALLBACK_PATH = "/oauth/callback"
STATE_COOKIE = "followup_oauth"
STATE_LIFETIME = timedelta(minutes=15)
_ERRORS = {
    "access_denied": "You declined access on the consent page; nothing was connected.",
    "consent_required": "The provider needs your consent; nothing was connected.",
}


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return clip(text.splitlines()[0] if text else type(exc).__name__, 200)


def _unexpected(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {_one_line(exc)}" if text else type(exc).__name__


class OAuthRoutes:
    def __init__(self, context: WebContext, renderer: Renderer, secret: bytes,
                 secure_cookies: bool) -> None:
        self.context = context
        self.renderer = renderer
        self._signer = Signer(secret, "oauth-state")
        self._secure = secure_cookies

    @property
    def redirect_uri(self) -> str:
        return self.context.settings.base_url.rstrip("/") + CALLBACK_PATH

    def routes(self) -> list[BaseRoute]:
        return [Route("/connect/{provider}", self.connect, methods=["GET"]),
                Route(CALLBACK_PATH, self.callback, methods=["GET"])]

    def _failed(self, text: str) -> Response:
        response = self.renderer.redirect("/", Flash("error", text))
        response.delete_cookie(STATE_COOKIE, path=CALLBACK_PATH, httponly=True, samesite="lax",
                               secure=self._secure)
        return response

    async def connect(self, request: Request) -> Response:
        provider = request.path_params["provider"]
        if provider not in PROVIDERS:
            raise HTTPException(404, "There is no such mail provider.")
        label = PROVIDER_LABELS[provider]
        if provider not in self.context.settings.providers:
            return self._failed(f"{label} is not enabled on this service.")
        try:
            flow = self.context.connectors.oauth(cast(ProviderName, provider))
            started = await run_in_threadpool(flow.authorization_request, self.redirect_uri)
        except (UsageError, ProviderError) as exc:
            log.warning("connect %s: %s", provider, _one_line(exc))
            return self._failed(f"Could not start connecting {label}: {_one_line(exc)}")
        except Exception as exc:  # a client library's own error: logged whole, shown as a line
            log.exception("connect %s failed", provider)
            return self._failed(f"Could not start connecting {label}: {_unexpected(exc)}")
        kept = json.dumps({"provider": provider, "state": started.state,
                           "verifier": started.code_verifier})
        response = RedirectResponse(started.url, status_code=303)
        response.set_cookie(STATE_COOKIE, self._signer.sign(kept, self.context.clock.now()),
                            max_age=int(STATE_LIFETIME.total_seconds()), path=CALLBACK_PATH,
                            httponly=True, samesite="lax", secure=self._secure)
        return response

    def _pending(self, request: Request) -> tuple[ProviderName, str, str] | None:
        raw = self._signer.unsign(request.cookies.get(STATE_COOKIE), self.context.clock.now(),
                                  STATE_LIFETIME)
        if raw is None:
            return None
        try:
            kept = json.loads(raw)
            provider, state, verifier = kept["provider"], kept["state"], kept["verifier"]
        except (ValueError, KeyError, TypeError):
            return None
        if provider not in PROVIDERS or not isinstance(state, str) \
                or not isinstance(verifier, str):
            return None
        return cast(ProviderName, provider), state, verifier

    async def callback(self, request: Request) -> Response:
        params = request.query_params
        pending = self._pending(request)
        if pending is None:
            return self._failed("The sign-in expired or was started in another browser; "
                                "use Connect again.")
        provider, state, verifier = pending
        label = PROVIDER_LABELS[provider]
        returned_state = params.get("state", "")
        if not hmac.compare_digest(returned_state.encode("utf-8", "surrogatepass"),
                                   state.encode("utf-8", "surrogatepass")):
            return self._failed(f"The answer from {label} did not match this sign-in; "
                                "use Connect again.")
        error = params.get("error")
        if error:
            text = _ERRORS.get(error) or (f"{label} refused the sign-in: "
                                         f"{clip(params.get('error_description') or error, 200)}")
            return self._failed(text)
        code = params.get("code", "")
        if not code:
            return self._failed(f"{label} sent no authorization code; use Connect again.")
        try:
            email = await run_in_threadpool(self._connect, provider, code, verifier)
        except AuthError as exc:
            log.warning("oauth callback %s: %s", provider, _one_line(exc))
            return self._failed(f"{label} refused the sign-in: {_one_line(exc)}")
        except RetryLater as exc:
            log.warning("oauth callback %s: %s", provider, _one_line(exc))
            return self._failed(f"{label} could not be reached; try again in a moment "
                                f"({_one_line(exc)}).")
        except (UsageError, ProviderError) as exc:
            log.warning("oauth callback %s: %s", provider, _one_line(exc))
            return self._failed(f"Could not connect {label}: {_one_line(exc)}")
        except Exception as exc:  # a client library's own error: logged whole, shown as a line
            log.exception("oauth callback %s failed", provider)
            return self._failed(f"Could not connect {label}: {_unexpected(exc)}")
        await run_in_threadpool(self.context.changed)
        response = self.renderer.redirect("/", Flash("ok", f"Connected {email} ({label})."))
        response.delete_cookie(STATE_COOKIE, path=CALLBACK_PATH, httponly=True, samesite="lax",
                               secure=self._secure)
        return response

    def _connect(self, provider: ProviderName, code: str, verifier: str) -> str:
        flow = self.context.connectors.oauth(provider)
        connection = flow.exchange_code(code, self.redirect_uri, verifier)
        self.context.engine.add_account(provider, connection)
        return connection.identity.email
