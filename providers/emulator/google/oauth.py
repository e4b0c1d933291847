"""Google's OAuth 2.0 server, as a web-server app sees it.

- ``GET /o/oauth2/auth`` (also ``/o/oauth2/v2/auth``): the consent page. Its form posts back to
  the same path with ``request_id``, ``email`` (the account) and ``decision``
  (``approve``/``deny``); the answer is a 302 to ``redirect_uri`` with ``code`` and ``state``,
  or ``error=access_denied``.
- ``POST /token`` (also ``/o/oauth2/token``): ``authorization_code`` (PKCE S256/plain checked)
  and ``refresh_token`` grants; client auth by HTTP Basic or in the body. A refresh token is
  issued only when the authorization asked for ``access_type=offline`` (as Google does).
- ``POST /revoke``; ``GET /oauth2/v3/userinfo``, ``/v1/userinfo`` (OpenID) and
  ``/oauth2/v1|v2/userinfo`` (legacy shape).

Scopes ``email``/``profile`` come back as their full URLs (as Google answers them). Access
tokens live ``Faults.access_token_lifetime_seconds`` of the emulator's clock. A client whose
consent screen is in "Testing" (:meth:`OAuthServer.set_testing`) gets refresh tokens that
expire 7 days after consent, unless only name, email and profile were asked for
(https://developers.google.com/identity/protocols/oauth2#expiration).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from providers.clock import Clock
from providers.emulator import consent
from providers.emulator.google.errors import ApiResponse, oauth_error
from providers.emulator.metering import ApiMeter, FaultInjector

AUTH_PATHS = ("/o/oauth2/auth", "/o/oauth2/v2/auth")
TOKEN_PATHS = ("/token", "/o/oauth2/token")
CODE_LIFETIME = timedelta(minutes=10)
CONSENT_LIFETIME = timedelta(hours=1)
TESTING_REFRESH_LIFETIME = timedelta(days=7)
_SCOPE_ALIASES = {
    "email": "https://www.googleapis.com/auth/userinfo.email",
    "profile": "https://www.googleapis.com/auth/userinfo.profile",
}
EMAIL_SCOPE = _SCOPE_ALIASES["email"]
PROFILE_SCOPE = _SCOPE_ALIASES["profile"]
_MAX_FORM_BYTES = 64 * 1024


def normalize_scopes(scopes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    for scope in scopes:
        full = _SCOPE_ALIASES.get(scope, scope)
        if full and full not in found:
            found.append(full)
    return tuple(found)


def _identity_only(scopes: tuple[str, ...]) -> bool:
    return set(scopes) <= {"openid", EMAIL_SCOPE, PROFILE_SCOPE}


def _valid_scope(scope: str) -> bool:
    return scope == "openid" or scope.startswith(("https://www.googleapis.com/auth/",
                                                  "https://mail.google.com/"))


@dataclass
class AccessGrant:
    token: str
    address: str
    client_id: str
    scopes: tuple[str, ...]
    expires_at: datetime
    family: str  # the consent it came from; revoking one token revokes the family
    revoked: bool = False


@dataclass
class RefreshGrant:
    address: str
    client_id: str
    scopes: tuple[str, ...]
    family: str
    revoked: bool = False
    expires_at: datetime | None = None  # only a "Testing" client's tokens expire


@dataclass
class CodeGrant:
    address: str
    client_id: str
    redirect_uri: str | None  # None: a tool's grant, any redirect_uri is accepted
    scopes: tuple[str, ...]
    challenge: str | None
    challenge_method: str
    offline: bool
    nonce: str | None
    expires_at: datetime


@dataclass
class PendingConsent:
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    state: str | None
    challenge: str | None
    challenge_method: str
    offline: bool
    nonce: str | None
    login_hint: str
    expires_at: datetime


@dataclass(frozen=True)
class Owner:
    address: str
    name: str


def _form(body: bytes) -> dict[str, str]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    return dict(parse_qsl(text, keep_blank_values=True))


def _pkce_matches(verifier: str, challenge: str, method: str) -> bool:
    if method == "plain":
        return hmac.compare_digest(verifier, challenge)
    digest = hashlib.sha256(verifier.encode("ascii", errors="replace")).digest()
    expected = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return hmac.compare_digest(expected, challenge)


def _with_query(uri: str, params: dict[str, str]) -> str:
    parts = urlsplit(uri)
    query = f"{parts.query}&{urlencode(params)}" if parts.query else urlencode(params)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def _error_page(status: int, error: str, detail: str) -> HTMLResponse:
    heading = f"Error {status}: {error}"
    return HTMLResponse(consent.error_page(heading, heading, detail), status_code=status)


def _to_starlette(answer: ApiResponse) -> Response:
    return Response(answer.body, status_code=answer.status, headers=answer.headers,
                    media_type=answer.content_type)


class OAuthServer:
    def __init__(self, clock: Clock, meter: ApiMeter, faults: FaultInjector,
                 owner: Callable[[str], Owner | None], counted: Callable[[str], None],
                 accounts: Callable[[], list[Owner]] = list) -> None:
        self._clock = clock
        self._accounts = accounts
        self._meter = meter
        self._faults = faults
        self._owner = owner
        self._counted = counted
        self._lock = threading.Lock()
        self._clients: dict[str, str] = {}
        self._testing: set[str] = set()  # client ids whose consent screen is in Testing
        self._codes: dict[str, CodeGrant] = {}
        self._refresh: dict[str, RefreshGrant] = {}
        self._access: dict[str, AccessGrant] = {}
        self._consents: dict[str, PendingConsent] = {}
        self._signing_key = secrets.token_bytes(32)

    # -- the control surface ----------------------------------------------------------------

    def register_client(self, client_id: str, client_secret: str) -> None:
        """From now on this client must authenticate with this secret (unregistered client ids
        are accepted with any secret)."""
        with self._lock:
            self._clients[client_id] = client_secret

    def set_testing(self, client_id: str, testing: bool = True) -> None:
        """The client's OAuth consent screen is in "Testing" (or published "In production"):
        refresh tokens consented to from now on expire after 7 days."""
        with self._lock:
            if testing:
                self._testing.add(client_id)
            else:
                self._testing.discard(client_id)

    def issue_code(self, address: str, client_id: str, scopes: tuple[str, ...], *,
                   redirect_uri: str | None = None, challenge: str | None = None,
                   challenge_method: str = "S256", offline: bool = True,
                   nonce: str | None = None) -> str:
        code = "4/0A" + secrets.token_urlsafe(32)
        with self._lock:
            self._codes[code] = CodeGrant(
                address=address, client_id=client_id, redirect_uri=redirect_uri,
                scopes=normalize_scopes(scopes), challenge=challenge,
                challenge_method=challenge_method, offline=offline, nonce=nonce,
                expires_at=self._clock.now() + CODE_LIFETIME)
        return code

    def revoke_mailbox(self, address: str) -> None:
        with self._lock:
            for refresh in self._refresh.values():
                if refresh.address == address:
                    refresh.revoked = True
            for access in self._access.values():
                if access.address == address:
                    access.revoked = True

    def access_grant(self, token: str) -> AccessGrant | None:
        with self._lock:
            return self._access.get(token)

    def is_live(self, grant: AccessGrant) -> bool:
        return not grant.revoked and self._clock.now() < grant.expires_at

    # -- HTTP -------------------------------------------------------------------------------

    def routes(self) -> list[BaseRoute]:
        routes: list[BaseRoute] = []
        for path in AUTH_PATHS:
            routes.append(Route(path, self._consent_page, methods=["GET"]))
            routes.append(Route(path, self._consent_decision, methods=["POST"]))
        for path in TOKEN_PATHS:
            routes.append(Route(path, self._token_endpoint, methods=["POST"]))
        # oauth2.googleapis.com/revoke takes a POST only (a GET there is a 404); the older
        # accounts.google.com/o/oauth2/revoke also answers a GET with ?token=.
        routes.append(Route("/revoke", self._revoke_endpoint, methods=["POST"]))
        routes.append(Route("/o/oauth2/revoke", self._revoke_endpoint, methods=["POST", "GET"]))
        for path in ("/oauth2/v3/userinfo", "/v1/userinfo"):
            routes.append(Route(path, self._userinfo_openid, methods=["GET", "POST"]))
        for path in ("/oauth2/v1/userinfo", "/oauth2/v2/userinfo"):
            routes.append(Route(path, self._userinfo_legacy, methods=["GET"]))
        return routes

    async def _consent_page(self, request: Request) -> Response:
        params = dict(request.query_params)
        client_id = params.get("client_id", "")
        redirect_uri = params.get("redirect_uri", "")
        if not client_id:
            return _error_page(400, "invalid_request", "Missing required parameter: client_id")
        if not redirect_uri or urlsplit(redirect_uri).scheme not in ("http", "https"):
            return _error_page(400, "invalid_request",
                               "Missing or invalid parameter: redirect_uri")
        if params.get("response_type") != "code":
            return _error_page(400, "unsupported_response_type",
                               "Only response_type=code is supported")
        scopes = normalize_scopes(params.get("scope", "").split())
        if not scopes:
            return _error_page(400, "invalid_request", "Missing required parameter: scope")
        bad = [scope for scope in scopes if not _valid_scope(scope)]
        if bad:
            return _error_page(400, "invalid_scope", f"Some requested scopes were invalid: "
                               f"{{invalid={bad[:5]}}}")
        challenge = params.get("code_challenge") or None
        method = params.get("code_challenge_method") or ("plain" if challenge else "S256")
        if method not in ("S256", "plain") or (params.get("code_challenge_method")
                                               and not challenge):
            return _error_page(400, "invalid_request", "Invalid code_challenge_method")
        request_id = secrets.token_urlsafe(16)
        with self._lock:
            self._consents[request_id] = PendingConsent(
                client_id=client_id, redirect_uri=redirect_uri, scopes=scopes,
                state=params.get("state"), challenge=challenge, challenge_method=method,
                offline=params.get("access_type") == "offline", nonce=params.get("nonce"),
                login_hint=params.get("login_hint", ""),
                expires_at=self._clock.now() + CONSENT_LIFETIME)
        page = consent.ConsentPage(
            provider="Google", client_id=client_id, scopes=scopes, action=request.url.path,
            hidden={"request_id": request_id}, login_field="email", approve="Allow",
            deny="Cancel")
        accounts = [(owner.address, owner.name) for owner in self._accounts()]
        return HTMLResponse(consent.render(page, accounts, params.get("login_hint", "")))

    async def _consent_decision(self, request: Request) -> Response:
        body = await request.body()
        if len(body) > _MAX_FORM_BYTES:
            return _error_page(413, "invalid_request", "Form too large")
        form = _form(body)
        with self._lock:
            consent = self._consents.pop(form.get("request_id", ""), None)
        if consent is None or consent.expires_at <= self._clock.now():
            return _error_page(400, "invalid_request", "This sign-in request has expired")
        extra = {"state": consent.state} if consent.state is not None else {}
        if form.get("decision") != "approve":
            return RedirectResponse(
                _with_query(consent.redirect_uri, {"error": "access_denied", **extra}), 302)
        address = form.get("email", consent.login_hint).strip().lower()
        if self._owner(address) is None:
            return _error_page(400, "invalid_request", "Couldn't find your Google Account")
        code = self.issue_code(address, consent.client_id, consent.scopes,
                               redirect_uri=consent.redirect_uri, challenge=consent.challenge,
                               challenge_method=consent.challenge_method,
                               offline=consent.offline, nonce=consent.nonce)
        params = {"code": code, **extra, "scope": " ".join(consent.scopes),
                  "authuser": "0", "prompt": "consent"}
        return RedirectResponse(_with_query(consent.redirect_uri, params), 302)

    async def _token_endpoint(self, request: Request) -> Response:
        body = await request.body()
        return _to_starlette(self.token(body, request.headers.get("authorization", "")))

    def token(self, body: bytes, authorization: str) -> ApiResponse:
        """The token endpoint, apart from HTTP (counted as ``oauth2.token``)."""
        if len(body) > _MAX_FORM_BYTES:
            return oauth_error("invalid_request", "Request too large")
        form = _form(body)
        client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "basic" and credentials:
            try:
                decoded = base64.b64decode(credentials.strip(), validate=True).decode()
                basic_id, _, basic_secret = decoded.partition(":")
                client_id, secret = unquote(basic_id), unquote(basic_secret)
            except (ValueError, UnicodeDecodeError):
                return oauth_error("invalid_client", "Malformed client credentials", 401)
        grant_type = form.get("grant_type", "")
        if grant_type == "authorization_code":
            return self._exchange_code(form, client_id, secret)
        if grant_type == "refresh_token":
            return self._refresh_grant(form, client_id, secret)
        self._count(None)
        if not grant_type:
            return oauth_error("invalid_request", "Missing required parameter: grant_type")
        return oauth_error("unsupported_grant_type", f"Invalid grant_type: {grant_type[:40]}")

    def _count(self, address: str | None) -> None:
        self._meter.count(address, "oauth2.token")
        self._counted("oauth2.token")

    def _client_error(self, client_id: str, secret: str) -> ApiResponse | None:
        if not client_id:
            return oauth_error("invalid_request", "Could not determine client ID from request.")
        with self._lock:
            expected = self._clients.get(client_id)
        if expected is not None and not hmac.compare_digest(expected, secret):
            return oauth_error("invalid_client", "Unauthorized", 401)
        return None

    def _exchange_code(self, form: dict[str, str], client_id: str, secret: str) -> ApiResponse:
        code = form.get("code", "")
        with self._lock:
            grant = self._codes.pop(code, None)  # single use, whatever the outcome
        self._count(grant.address if grant else None)
        error = self._client_error(client_id, secret)
        if error is not None:
            return error
        if not code:
            return oauth_error("invalid_request", "Missing required parameter: code")
        if grant is None or grant.expires_at <= self._clock.now():
            return oauth_error("invalid_grant", "Malformed auth code.")
        if grant.client_id != client_id:
            return oauth_error("invalid_grant", "Unauthorized")
        if grant.redirect_uri is not None and form.get("redirect_uri") != grant.redirect_uri:
            return oauth_error("redirect_uri_mismatch", "Bad Request")
        if grant.challenge is not None:
            verifier = form.get("code_verifier", "")
            if not verifier:
                return oauth_error("invalid_grant", "Missing code verifier.")
            if not _pkce_matches(verifier, grant.challenge, grant.challenge_method):
                return oauth_error("invalid_grant", "Invalid code verifier.")
        family = secrets.token_hex(8)
        answer = self._new_access(grant.address, client_id, grant.scopes, family)
        if grant.offline:
            refresh_token = "1//0" + secrets.token_urlsafe(40)
            with self._lock:
                expires = (self._clock.now() + TESTING_REFRESH_LIFETIME
                           if client_id in self._testing and not _identity_only(grant.scopes)
                           else None)
                self._refresh[refresh_token] = RefreshGrant(grant.address, client_id,
                                                            grant.scopes, family,
                                                            expires_at=expires)
            answer["refresh_token"] = refresh_token
        if "openid" in grant.scopes:
            answer["id_token"] = self._id_token(grant.address, client_id, grant.scopes,
                                                grant.nonce)
        return ApiResponse.json(answer, headers={"Cache-Control": "no-store",
                                                 "Pragma": "no-cache"})

    def _refresh_grant(self, form: dict[str, str], client_id: str, secret: str) -> ApiResponse:
        token = form.get("refresh_token", "")
        with self._lock:
            grant = self._refresh.get(token)
        self._count(grant.address if grant else None)
        error = self._client_error(client_id, secret)
        if error is not None:
            return error
        if not token:
            return oauth_error("invalid_request", "Missing required parameter: refresh_token")
        if grant is None or grant.revoked or (grant.expires_at is not None
                                              and grant.expires_at <= self._clock.now()):
            return oauth_error("invalid_grant", "Token has been expired or revoked.")
        if grant.client_id != client_id:
            return oauth_error("unauthorized_client", "Unauthorized")
        scopes = grant.scopes
        asked = normalize_scopes(form.get("scope", "").split())
        if asked:
            if not set(asked) <= set(grant.scopes):
                return oauth_error("invalid_scope", "Bad Request")
            scopes = asked
        answer = self._new_access(grant.address, client_id, scopes, grant.family)
        return ApiResponse.json(answer, headers={"Cache-Control": "no-store",
                                                 "Pragma": "no-cache"})

    def issued_tokens(self) -> set[str]:
        """Every access and refresh token handed out (a leak check looks for them)."""
        with self._lock:
            return {*self._access, *self._refresh}

    def _new_access(self, address: str, client_id: str, scopes: tuple[str, ...],
                    family: str) -> dict[str, Any]:
        lifetime = self._faults.faults_for(address).access_token_lifetime_seconds
        token = "ya29.a0" + secrets.token_urlsafe(48)
        with self._lock:
            self._access[token] = AccessGrant(
                token=token, address=address, client_id=client_id, scopes=scopes,
                expires_at=self._clock.now() + timedelta(seconds=lifetime), family=family)
        return {"access_token": token, "expires_in": lifetime, "scope": " ".join(scopes),
                "token_type": "Bearer"}

    def _id_token(self, address: str, client_id: str, scopes: tuple[str, ...],
                  nonce: str | None) -> str:
        now = int(self._clock.now().timestamp())
        claims: dict[str, Any] = {
            "iss": "https://accounts.google.com", "azp": client_id, "aud": client_id,
            "sub": subject_id(address), "iat": now, "exp": now + 3600,
        }
        if EMAIL_SCOPE in scopes:
            claims.update(email=address, email_verified=True)
        owner = self._owner(address)
        if PROFILE_SCOPE in scopes and owner is not None and owner.name:
            claims["name"] = owner.name
        if nonce:
            claims["nonce"] = nonce

        def segment(data: dict[str, Any]) -> str:
            return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

        signing_input = segment({"alg": "HS256", "typ": "JWT"}) + "." + segment(claims)
        signature = hmac.new(self._signing_key, signing_input.encode(), hashlib.sha256).digest()
        return signing_input + "." + base64.urlsafe_b64encode(signature).decode().rstrip("=")

    async def _revoke_endpoint(self, request: Request) -> Response:
        form = _form(await request.body())
        token = form.get("token") or request.query_params.get("token", "")
        with self._lock:
            refresh = self._refresh.get(token)
            access = self._access.get(token)
            family = refresh.family if refresh else access.family if access else None
            address = refresh.address if refresh else access.address if access else None
            if family is not None:
                for refresh_grant in self._refresh.values():
                    if refresh_grant.family == family:
                        refresh_grant.revoked = True
                for access_grant in self._access.values():
                    if access_grant.family == family:
                        access_grant.revoked = True
        self._meter.count(address, "oauth2.revoke")
        self._counted("oauth2.revoke")
        if family is None:
            return _to_starlette(oauth_error("invalid_token", "Token expired or revoked"))
        return Response(b"{}", media_type="application/json; charset=utf-8")

    def _userinfo_grant(self, request: Request) -> AccessGrant | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            token = request.query_params.get("access_token", "")
        grant = self.access_grant(token.strip()) if token.strip() else None
        self._meter.count(grant.address if grant else None, "oauth2.userinfo.get")
        self._counted("oauth2.userinfo.get")
        if grant is None or not self.is_live(grant):
            return None
        return grant

    def _profile(self, grant: AccessGrant) -> tuple[Owner, bool, bool] | None:
        owner = self._owner(grant.address)
        if owner is None:
            return None
        return owner, EMAIL_SCOPE in grant.scopes, PROFILE_SCOPE in grant.scopes

    async def _userinfo_openid(self, request: Request) -> Response:
        grant = self._userinfo_grant(request)
        if grant is None:
            return _to_starlette(oauth_error("invalid_request", "Invalid Credentials", 401))
        found = self._profile(grant)
        if found is None:
            return _to_starlette(oauth_error("invalid_request", "Invalid Credentials", 401))
        owner, email, profile = found
        info: dict[str, Any] = {"sub": subject_id(owner.address)}
        if profile:
            info.update(_names(owner.name))
        if email:
            info.update(email=owner.address, email_verified=True)
        return _to_starlette(ApiResponse.json(info))

    async def _userinfo_legacy(self, request: Request) -> Response:
        grant = self._userinfo_grant(request)
        found = self._profile(grant) if grant else None
        if found is None:
            error = {"error": {"code": 401, "message": "Request is missing required "
                               "authentication credential.", "status": "UNAUTHENTICATED"}}
            return _to_starlette(ApiResponse.json(error, status=401))
        owner, email, profile = found
        info: dict[str, Any] = {"id": subject_id(owner.address)}
        if email:
            info.update(email=owner.address, verified_email=True)
        if profile:
            info.update(_names(owner.name))
        return _to_starlette(ApiResponse.json(info))


def _names(name: str) -> dict[str, str]:
    given, _, family = name.partition(" ")
    names = {"name": name}
    if given:
        names["given_name"] = given
    if family:
        names["family_name"] = family
    return names


def subject_id(address: str) -> str:
    """Google's stable numeric account id (``sub``)."""
    return "1" + str(int(hashlib.sha256(address.encode()).hexdigest()[:16], 16)).zfill(20)
