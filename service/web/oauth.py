"""Signing in is connecting a mailbox: the provider's consent page, then the code exchange.

- ``/signin/{provider}``: "Sign in with Google / Microsoft". A mailbox seen before signs its
  owner in (and gets fresh tokens); a new one is a sign-up: a new owner.
- ``/connect/{provider}`` (signed in): one more mailbox for the signed-in owner. A mailbox
  another owner connected is refused, never moved.
- ``/reconnect/{account_id}`` (signed in): fresh tokens for a mailbox that needs them; the
  provider must answer with that very address, else nothing changes.

Each start asks the provider's flow for its authorization URL (PKCE, state, and the OpenID
nonce the flow checks against the id_token) and keeps what the callback needs in a signed,
short-lived cookie only the callback path sees. ``/oauth/callback`` is rate-limited per
client, checks the state in constant time, exchanges the code, and ends on a page with one
line saying what happened.
"""

from __future__ import annotations

import hmac
import json
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from providers.errors import AuthError, ProviderError, RetryLater
from providers.model import PROVIDERS, Connection, ProviderName
from service.engine.runner import MailboxTaken
from service.errors import UsageError
from service.store.db import transaction
from service.store.models import Account, Owner
from service.web.context import WebContext
from service.web.ratelimit import RateLimit
from service.web.responses import Flash, Renderer
from service.web.sessions import Sessions
from service.web.signing import Signer
from service.web.views import PROVIDER_LABELS, clip

log = logging.getLogger(__name__)

CALLBACK_PATH = "/oauth/callback"
STATE_COOKIE = "followup_oauth"
STATE_LIFETIME = timedelta(minutes=15)
# Sign-in callbacks: a person needs a handful; more looks like someone trying codes.
CALLBACKS_PER_CLIENT = 10
CALLBACKS_OVERALL = 300
CALLBACK_WINDOW = timedelta(minutes=5)
_ERRORS = {
    "access_denied": "You declined access on the consent page; nothing was connected.",
    "consent_required": "The provider needs your consent; nothing was connected.",
}
Purpose = Literal["signin", "add", "reconnect"]


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return clip(text.splitlines()[0] if text else type(exc).__name__, 200)


def _unexpected(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {_one_line(exc)}" if text else type(exc).__name__


@dataclass(frozen=True)
class Pending:
    """What the callback needs, kept in the signed state cookie."""

    provider: ProviderName
    state: str
    verifier: str
    purpose: Purpose
    owner_id: int | None  # add, reconnect: who started it
    email: str | None  # reconnect: the mailbox that must come back


class Refused(UsageError):
    """The sign-in worked but its outcome is refused (another owner's mailbox, another
    address than the one being re-connected); nothing was changed."""


class OAuthRoutes:
    def __init__(self, context: WebContext, renderer: Renderer, sessions: Sessions,
                 secret: bytes, secure_cookies: bool) -> None:
        self.context = context
        self.renderer = renderer
        self.sessions = sessions
        self._signer = Signer(secret, "oauth-state")
        self._secure = secure_cookies
        self._limit = RateLimit(CALLBACKS_PER_CLIENT, CALLBACKS_OVERALL, CALLBACK_WINDOW)

    @property
    def redirect_uri(self) -> str:
        return self.context.settings.base_url.rstrip("/") + CALLBACK_PATH

    def routes(self) -> list[BaseRoute]:
        return [Route("/signin/{provider}", self.sign_in, methods=["GET"]),
                Route("/connect/{provider}", self.connect, methods=["GET"]),
                Route("/reconnect/{account_id:int}", self.reconnect, methods=["GET"]),
                Route(CALLBACK_PATH, self.callback, methods=["GET"])]

    def _failed(self, text: str, where: str = "/") -> Response:
        response = self.renderer.redirect(where, Flash("error", text))
        self._drop_state(response)
        return response

    def _drop_state(self, response: Response) -> None:
        response.delete_cookie(STATE_COOKIE, path=CALLBACK_PATH, httponly=True, samesite="lax",
                               secure=self._secure)

    def _signed_in(self, request: Request) -> int | None:
        return self.sessions.owner_id(request, self.context.clock.now())

    # -- starting ---------------------------------------------------------------------------

    async def sign_in(self, request: Request) -> Response:
        return await self._start(request, request.path_params["provider"], "signin", None,
                                 None)

    async def connect(self, request: Request) -> Response:
        owner_id = await run_in_threadpool(self._signed_in, request)
        if owner_id is None:
            return self._failed("Sign in first; then you can connect another mailbox.")
        return await self._start(request, request.path_params["provider"], "add", owner_id,
                                 None)

    async def reconnect(self, request: Request) -> Response:
        owner_id = await run_in_threadpool(self._signed_in, request)
        if owner_id is None:
            return self._failed("Sign in first; then reconnect the mailbox.")
        account_id: int = request.path_params["account_id"]

        def find() -> tuple[str, str] | None:
            with transaction(self.context.factory) as session:
                account = session.get(Account, account_id) if account_id < 2**63 else None
                if account is None or account.owner_id != owner_id:
                    return None
                return account.provider, account.email

        found = await run_in_threadpool(find)
        if found is None:
            raise HTTPException(404, "There is no such mailbox.")
        provider, email = found
        return await self._start(request, provider, "reconnect", owner_id, email)

    async def _start(self, request: Request, provider: str, purpose: Purpose,
                     owner_id: int | None, email: str | None) -> Response:
        if provider not in PROVIDERS:
            raise HTTPException(404, "There is no such mail provider.")
        label = PROVIDER_LABELS[provider]
        if provider not in self.context.settings.providers:
            return self._failed(f"{label} is not enabled on this service.")
        try:
            flow = self.context.connectors.oauth(provider)
            started = await run_in_threadpool(flow.authorization_request, self.redirect_uri)
        except (UsageError, ProviderError) as exc:
            log.warning("sign-in %s: %s", provider, _one_line(exc))
            return self._failed(f"Could not start signing in with {label}: {_one_line(exc)}")
        except Exception as exc:  # a client library's own error: logged whole, shown as a line
            log.exception("sign-in %s failed to start", provider)
            return self._failed(f"Could not start signing in with {label}: {_unexpected(exc)}")
        kept = json.dumps({"provider": provider, "state": started.state,
                           "verifier": started.code_verifier, "purpose": purpose,
                           "owner": owner_id, "email": email})
        response = RedirectResponse(started.url, status_code=303)
        response.set_cookie(STATE_COOKIE, self._signer.sign(kept, self.context.clock.now()),
                            max_age=int(STATE_LIFETIME.total_seconds()), path=CALLBACK_PATH,
                            httponly=True, samesite="lax", secure=self._secure)
        return response

    def _pending(self, request: Request) -> Pending | None:
        raw = self._signer.unsign(request.cookies.get(STATE_COOKIE), self.context.clock.now(),
                                  STATE_LIFETIME)
        if raw is None:
            return None
        try:
            kept = json.loads(raw)
            pending = Pending(provider=kept["provider"], state=kept["state"],
                              verifier=kept["verifier"], purpose=kept["purpose"],
                              owner_id=kept["owner"], email=kept["email"])
        except (ValueError, KeyError, TypeError):
            return None
        if pending.provider not in PROVIDERS or not isinstance(pending.state, str) \
                or not isinstance(pending.verifier, str) \
                or pending.purpose not in ("signin", "add", "reconnect"):
            return None
        return pending

    # -- the answer -------------------------------------------------------------------------

    async def callback(self, request: Request) -> Response:
        client = request.client.host if request.client else "unknown"
        if not self._limit.allow(client, self.context.clock.now()):
            log.warning("sign-in callbacks from %s are over the limit", client)
            return self.renderer.page(
                request, "message.html", status=429, title="Too many sign-in attempts",
                error="Too many sign-in attempts from here; wait a few minutes and try again.",
                headers={"Retry-After": str(int(CALLBACK_WINDOW.total_seconds()))})
        params = request.query_params
        pending = self._pending(request)
        if pending is None:
            return self._failed("The sign-in expired or was started in another browser; "
                                "sign in again.")
        label = PROVIDER_LABELS[pending.provider]
        returned_state = params.get("state", "")
        if not hmac.compare_digest(returned_state.encode("utf-8", "surrogatepass"),
                                   pending.state.encode("utf-8", "surrogatepass")):
            return self._failed(f"The answer from {label} did not match this sign-in; "
                                "sign in again.")
        error = params.get("error")
        if error:
            text = _ERRORS.get(error) or (f"{label} refused the sign-in: "
                                         f"{clip(params.get('error_description') or error, 200)}")
            return self._failed(text)
        code = params.get("code", "")
        if not code:
            return self._failed(f"{label} sent no authorization code; sign in again.")
        if pending.purpose != "signin":
            signed_in = await run_in_threadpool(self._signed_in, request)
            if signed_in is None or signed_in != pending.owner_id:
                return self._failed("You were signed out while connecting; sign in again.")
        try:
            connection = await run_in_threadpool(self._exchange, pending, code)
            account_id, owner_id, fresh_owner = await run_in_threadpool(
                self._store, pending, connection)
        except Refused as exc:
            return self._failed(str(exc), "/settings")
        except AuthError as exc:
            log.warning("oauth callback %s: %s", pending.provider, _one_line(exc))
            return self._failed(f"{label} refused the sign-in: {_one_line(exc)}")
        except RetryLater as exc:
            log.warning("oauth callback %s: %s", pending.provider, _one_line(exc))
            return self._failed(f"{label} could not be reached; try again in a moment "
                                f"({_one_line(exc)}).")
        except (UsageError, ProviderError) as exc:
            log.warning("oauth callback %s: %s", pending.provider, _one_line(exc))
            return self._failed(f"Could not connect {label}: {_one_line(exc)}")
        except Exception as exc:  # a client library's own error: logged whole, shown as a line
            log.exception("oauth callback %s failed", pending.provider)
            return self._failed(f"Could not connect {label}: {_unexpected(exc)}")
        await run_in_threadpool(self.context.connected, account_id)
        email = connection.identity.email
        if pending.purpose == "signin":
            where = "/welcome" if fresh_owner else "/"
            text = (f"Signed in as {email} ({label})." if not fresh_owner else
                    f"Welcome: {email} ({label}) is connected.")
            response = self.renderer.redirect(where, Flash("ok", text))

            def start_session() -> None:
                with transaction(self.context.factory) as session:
                    self.sessions.start(session, owner_id, self.context.clock.now(), response)

            await run_in_threadpool(start_session)
        else:
            verb = "Reconnected" if pending.purpose == "reconnect" else "Connected"
            response = self.renderer.redirect("/", Flash("ok", f"{verb} {email} ({label})."))
        self._drop_state(response)
        return response

    def _exchange(self, pending: Pending, code: str) -> Connection:
        flow = self.context.connectors.oauth(pending.provider)
        return flow.exchange_code(code, self.redirect_uri, pending.verifier)

    def _store(self, pending: Pending, connection: Connection) -> tuple[int, int, bool]:
        """(account id, owner id, whether the owner is new and not set up yet)."""
        email = connection.identity.email.strip().lower()
        if pending.purpose == "reconnect" and email != pending.email:
            raise Refused(f"You signed in as {email}, but the mailbox to reconnect is "
                          f"{pending.email}: nothing was changed. Reconnect with "
                          f"{pending.email}.")
        try:
            account_id = self.context.engine.add_account(
                pending.provider, connection,
                owner_id=pending.owner_id if pending.purpose != "signin" else None)
        except MailboxTaken:
            raise Refused(f"{email} is already connected by another person on this "
                          "service: nothing was changed.") from None
        with transaction(self.context.factory) as session:
            owner_id = session.get_one(Account, account_id).owner_id
            fresh = session.get_one(Owner, owner_id).set_up_at is None
        return account_id, owner_id, fresh
