"""The Microsoft identity platform (v2.0 endpoints) as msal talks to it.

OpenID discovery, the authorize page (the owner approves or denies), and the token endpoint
for ``authorization_code`` (with PKCE) and ``refresh_token``, with errors in AAD's shape.
Access and refresh tokens are opaque; the id_token is an HS256 JWT (msal reads its claims
without checking the signature).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import html
import json
import re
import secrets
import threading
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from providers.clock import Clock
from providers.emulator import consent
from providers.emulator.metering import ApiMeter, FaultInjector
from providers.emulator.microsoft.store import TENANT_ID, Mailbox, MailboxDirectory

CODE_LIFETIME = timedelta(minutes=10)
FLOW_LIFETIME = timedelta(hours=1)
REFRESH_TOKEN_LIFETIME = timedelta(days=90)
# Old refresh tokens stay valid after a refresh, as Microsoft documents ("doesn't revoke old
# refresh tokens", https://learn.microsoft.com/en-us/entra/identity-platform/refresh-tokens)
# until their 90 days run out; only the newest few per mailbox
# and app are kept so that months of hourly refreshes over thousands of mailboxes fit.
KEPT_REFRESH_TOKENS = 20
KEPT_ACCESS_TOKENS = 20
OIDC_SCOPES = frozenset({"openid", "profile", "email", "offline_access"})
GRAPH_RESOURCE_PREFIXES = ("https://graph.microsoft.com/", "00000003-0000-0000-c000-000000000000/")
_TENANT = re.compile(
    r"common|organizations|consumers|[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}"
    r"|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_MAX_FORM_BYTES = 64 * 1024


def normalize_scope(scope: str) -> str | None:
    """``https://graph.microsoft.com/Mail.Read`` -> ``mail.read``; None for OIDC scopes."""
    lowered = scope.strip().lower()
    if not lowered or lowered in OIDC_SCOPES:
        return None
    for prefix in GRAPH_RESOURCE_PREFIXES:
        if lowered.startswith(prefix):
            return lowered[len(prefix):]
    return lowered


def resource_scopes(scopes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(s for s in (normalize_scope(scope) for scope in scopes) if s)


@dataclass
class AccessGrant:
    token: str
    address: str
    client_id: str
    scopes: frozenset[str]  # normalized resource scopes
    expires_at: datetime
    revoked: bool = False


@dataclass
class RefreshGrant:
    token: str
    address: str
    client_id: str
    scopes: tuple[str, ...]  # as consented, in the client's words
    expires_at: datetime
    revoked: bool = False


@dataclass
class AuthorizationCode:
    code: str
    address: str
    client_id: str
    scopes: tuple[str, ...]
    expires_at: datetime
    redirect_uri: str | None
    code_challenge: str | None
    code_challenge_method: str
    nonce: str | None
    redeemed: bool = False


@dataclass
class PendingAuthorization:
    """An authorize request waiting for the owner's answer on the consent page."""

    flow_id: str
    tenant: str
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    state: str | None
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str
    response_mode: str
    login_hint: str
    client_info: bool
    expires_at: datetime


@dataclass
class _MailboxTokens:
    refresh: deque[str] = field(default_factory=deque)
    access: deque[str] = field(default_factory=deque)


@dataclass
class _ClientSecret:
    secret: str
    expired: bool = False


class AadError(Exception):
    """An error the token endpoint answers in AAD's JSON shape."""

    def __init__(self, error: str, code: int, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.code = code
        self.description = description
        self.status = status


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


class IdentityPlatform:
    def __init__(
        self,
        clock: Clock,
        meter: ApiMeter,
        faults: FaultInjector,
        directory: MailboxDirectory,
        *,
        apply_faults: bool = False,
    ) -> None:
        self._clock = clock
        self._meter = meter
        self._faults = faults
        self._directory = directory
        self._apply_faults = apply_faults
        self._lock = threading.Lock()
        self._signing_key = secrets.token_bytes(32)
        self._codes: dict[str, AuthorizationCode] = {}
        self._flows: dict[str, PendingAuthorization] = {}
        self._refresh: dict[str, RefreshGrant] = {}
        self._access: dict[str, AccessGrant] = {}
        self._by_mailbox: dict[tuple[str, str], _MailboxTokens] = {}
        # Where browsers reach the sign-in page: the plain-http listener, since no browser
        # trusts the emulator's CA (the service's own token calls stay on https).
        self.browser_origin: str | None = None
        self._clients: dict[str, _ClientSecret] = {}

    # --- what the Graph half and the control surface use ----------------------------------


    def issued_tokens(self) -> set[str]:
        """Every access and refresh token handed out (a leak check looks for them)."""
        with self._lock:
            return {*self._access, *self._refresh}
    def register_client(self, client_id: str, client_secret: str) -> None:
        """From now on this app must present this secret (unregistered apps: any secret)."""
        with self._lock:
            self._clients[client_id] = _ClientSecret(client_secret)

    def expire_client_secret(self, client_id: str) -> None:
        """The app's client secret reaches its end date: every token request of the app is
        answered 401 ``invalid_client`` (AADSTS7000222) until a new secret is registered."""
        with self._lock:
            registered = self._clients.get(client_id)
            self._clients[client_id] = _ClientSecret(registered.secret if registered else "",
                                                     expired=True)

    def access_grant(self, token: str) -> AccessGrant | None:
        """The grant behind a bearer token, expired or revoked ones included (the caller
        decides), None if the token was never issued."""
        with self._lock:
            return self._access.get(token)

    def issue_code(
        self,
        address: str,
        client_id: str,
        scopes: tuple[str, ...],
        *,
        redirect_uri: str | None = None,
        code_challenge: str | None = None,
        code_challenge_method: str = "plain",
        nonce: str | None = None,
    ) -> str:
        code = "M." + secrets.token_urlsafe(48)
        with self._lock:
            self._purge_expired_codes()
            self._codes[code] = AuthorizationCode(
                code=code,
                address=address,
                client_id=client_id,
                scopes=scopes,
                expires_at=self._clock.now() + CODE_LIFETIME,
                redirect_uri=redirect_uri,
                code_challenge=code_challenge,
                code_challenge_method=code_challenge_method,
                nonce=nonce,
            )
        return code

    def revoke(self, address: str) -> None:
        with self._lock:
            for (owner, _client), tokens in self._by_mailbox.items():
                if owner != address:
                    continue
                for token in tokens.refresh:
                    self._refresh[token].revoked = True
                for token in tokens.access:
                    self._access[token].revoked = True

    # --- routes ---------------------------------------------------------------------------

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/common/discovery/instance", self._instance_discovery, methods=["GET"]),
            Route("/{tenant}/v2.0/.well-known/openid-configuration", self._openid_configuration,
                  methods=["GET"]),
            Route("/{tenant}/discovery/v2.0/keys", self._keys, methods=["GET"]),
            Route("/{tenant}/oauth2/v2.0/authorize", self._authorize_page, methods=["GET"]),
            Route("/{tenant}/oauth2/v2.0/authorize", self._authorize_decision,
                  methods=["POST"]),
            Route("/{tenant}/oauth2/v2.0/token", self._token, methods=["POST"]),
        ]

    @staticmethod
    def _base_url(request: Request) -> str:
        host = request.headers.get("host") or f"{request.url.hostname}:{request.url.port}"
        return f"{request.url.scheme}://{host}"

    def _tenant_error(self, tenant: str) -> Response | None:
        if _TENANT.fullmatch(tenant):
            return None
        return self._aad_error_response(AadError(
            "invalid_tenant", 90002,
            f"AADSTS90002: Tenant '{tenant}' not found. Check to make sure you have the "
            "correct tenant ID and are signing into the correct cloud.",
        ))

    async def _instance_discovery(self, request: Request) -> Response:
        self._meter.count(None, "identity.instanceDiscovery")
        base = self._base_url(request)
        host = urlsplit(base).netloc
        authorize = request.query_params.get("authorization_endpoint", "")
        tenant = "common"
        parts = urlsplit(authorize).path.split("/")
        if len(parts) > 1 and parts[1]:
            tenant = parts[1]
        return JSONResponse({
            "tenant_discovery_endpoint":
                f"{base}/{tenant}/v2.0/.well-known/openid-configuration",
            "api-version": "1.1",
            "metadata": [{"preferred_network": host, "preferred_cache": host,
                          "aliases": [host]}],
        })

    async def _openid_configuration(self, request: Request) -> Response:
        tenant = request.path_params["tenant"]
        self._meter.count(None, "identity.discovery")
        error = self._tenant_error(tenant)
        if error is not None:
            return error
        base = self._base_url(request)
        issuer_tenant = TENANT_ID if _is_guid(tenant) else "{tenantid}"
        return JSONResponse({
            "token_endpoint": f"{base}/{tenant}/oauth2/v2.0/token",
            "token_endpoint_auth_methods_supported": [
                "client_secret_post", "private_key_jwt", "client_secret_basic"],
            "jwks_uri": f"{base}/{tenant}/discovery/v2.0/keys",
            "response_modes_supported": ["query", "fragment", "form_post"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["HS256"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "issuer": f"{base}/{issuer_tenant}/v2.0",
            "request_uri_parameter_supported": False,
            "userinfo_endpoint": f"{base}/oidc/userinfo",
            "authorization_endpoint":
                f"{self.browser_origin or base}/{tenant}/oauth2/v2.0/authorize",
            "device_authorization_endpoint": f"{base}/{tenant}/oauth2/v2.0/devicecode",
            "http_logout_supported": True,
            "frontchannel_logout_supported": True,
            "end_session_endpoint": f"{base}/{tenant}/oauth2/v2.0/logout",
            "claims_supported": [
                "sub", "iss", "cloud_instance_name", "cloud_instance_host_name",
                "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time",
                "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash",
                "c_hash", "email"],
            "kerberos_endpoint": f"{base}/{tenant}/kerberos",
            "tenant_region_scope": None,
            "cloud_instance_name": "microsoftonline.com",
            "cloud_graph_host_name": "graph.windows.net",
            "msgraph_host": urlsplit(base).netloc,
            "rbac_url": "https://pas.windows.net",
        })

    async def _keys(self, request: Request) -> Response:
        # The id_token is HMAC-signed with a key no client gets: nothing to publish.
        return JSONResponse({"keys": []})

    # --- the authorize page ---------------------------------------------------------------

    async def _authorize_page(self, request: Request) -> Response:
        tenant = request.path_params["tenant"]
        self._meter.count(None, "identity.authorize")
        query = request.query_params
        if not _TENANT.fullmatch(tenant):
            return _error_page(f"AADSTS90002: Tenant '{tenant}' not found.")
        client_id = query.get("client_id", "")
        redirect_uri = query.get("redirect_uri", "")
        if not client_id:
            return _error_page("AADSTS900144: The request body must contain the following "
                               "parameter: 'client_id'.")
        if not _valid_redirect_uri(redirect_uri):
            return _error_page("AADSTS50011: The redirect URI specified in the request does "
                               "not match the redirect URIs configured for the application.")
        state = query.get("state")
        response_mode = query.get("response_mode", "query")
        if response_mode not in ("query", "fragment", "form_post"):
            response_mode = "query"

        def fail(error: str, description: str) -> Response:
            return _redirect(redirect_uri, response_mode,
                             {"error": error, "error_description": description,
                              **({"state": state} if state is not None else {})})

        if query.get("response_type") != "code":
            return fail("unsupported_response_type",
                        "AADSTS700054: response_type 'code' is the only one supported here.")
        scopes = tuple(query.get("scope", "").split())
        if not scopes:
            return fail("invalid_request", "AADSTS900144: The request body must contain the "
                        "following parameter: 'scope'.")
        challenge = query.get("code_challenge")
        method = query.get("code_challenge_method", "plain" if challenge else "")
        if challenge is not None and method not in ("S256", "plain"):
            return fail("invalid_request",
                        "AADSTS501491: Invalid code_challenge_method: use S256 or plain.")
        if challenge is not None and not re.fullmatch(r"[A-Za-z0-9\-._~]{43,128}", challenge):
            return fail("invalid_request", "AADSTS501491: Invalid size of Code_Challenge "
                        "parameter.")
        now = self._clock.now()
        flow = PendingAuthorization(
            flow_id=secrets.token_urlsafe(24),
            tenant=tenant,
            client_id=client_id,
            redirect_uri=redirect_uri,
            scopes=scopes,
            state=state,
            nonce=query.get("nonce"),
            code_challenge=challenge,
            code_challenge_method=method or "plain",
            response_mode=response_mode,
            login_hint=query.get("login_hint", ""),
            client_info=query.get("client_info") == "1",
            expires_at=now + FLOW_LIFETIME,
        )
        with self._lock:
            self._flows = {k: f for k, f in self._flows.items() if f.expires_at > now}
            self._flows[flow.flow_id] = flow
        return HTMLResponse(self._consent_page(flow, flow.login_hint, error=None))

    async def _authorize_decision(self, request: Request) -> Response:
        self._meter.count(None, "identity.authorize")
        if _content_length(request) > _MAX_FORM_BYTES:
            return _error_page("AADSTS90014: The request is too large.")
        form = await request.form()
        flow_id = str(form.get("flow", ""))
        with self._lock:
            flow = self._flows.get(flow_id)
        if flow is None or flow.expires_at <= self._clock.now():
            return _error_page("AADSTS90015: The sign-in request expired or is unknown. "
                               "Start the sign-in again.")
        decision = str(form.get("decision", ""))
        login = str(form.get("login", "")).strip().lower()
        state = {"state": flow.state} if flow.state is not None else {}
        if decision == "deny":
            with self._lock:
                self._flows.pop(flow_id, None)
            return _redirect(flow.redirect_uri, flow.response_mode, {
                "error": "access_denied",
                "error_description": "AADSTS65004: User declined to consent to access the app.",
                **state,
            })
        if decision != "approve":
            return HTMLResponse(self._consent_page(flow, login,
                                                   error="Choose Accept or Cancel."))
        mailbox = self._directory.find(login) if login else None
        if mailbox is None:
            return HTMLResponse(self._consent_page(
                flow, login, error="We couldn't find an account with that username."))
        with self._lock:
            self._flows.pop(flow_id, None)
        code = self.issue_code(
            mailbox.address, flow.client_id, flow.scopes,
            redirect_uri=flow.redirect_uri,
            code_challenge=flow.code_challenge,
            code_challenge_method=flow.code_challenge_method,
            nonce=flow.nonce,
        )
        params = {"code": code, **state, "session_state": str(uuid.uuid4())}
        if flow.client_info:
            params["client_info"] = self._client_info(mailbox)
        return _redirect(flow.redirect_uri, flow.response_mode, params)

    def _consent_page(self, flow: PendingAuthorization, login: str, error: str | None) -> str:
        page = consent.ConsentPage(
            provider="Microsoft", client_id=flow.client_id, scopes=flow.scopes,
            action=f"/{flow.tenant}/oauth2/v2.0/authorize", hidden={"flow": flow.flow_id},
            login_field="login", approve="Accept", deny="Cancel")
        return consent.render(page, self._directory.accounts(), login, error)

    # --- the token endpoint ---------------------------------------------------------------

    async def _token(self, request: Request) -> Response:
        tenant = request.path_params["tenant"]
        error = self._tenant_error(tenant)
        if error is not None:
            self._meter.count(None, "identity.token")
            return error
        body = await request.body()
        if len(body) > _MAX_FORM_BYTES:
            self._meter.count(None, "identity.token")
            return self._aad_error_response(AadError(
                "invalid_request", 90014, "AADSTS90014: The request body is too large."))
        form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        basic_client, basic_secret = _basic_auth_client(request.headers.get("authorization", ""))
        client_id = form.get("client_id") or basic_client or ""
        client_secret = form.get("client_secret") or basic_secret
        address = self._address_for(form)
        self._meter.count(address, "identity.token")
        if self._apply_faults:
            fault = self._faults.decide(address)
            if fault is not None and fault.status:
                return self._fault_response(fault.status, fault.retry_after)
        try:
            self._check_client(client_id, client_secret)
            payload = self._grant(form, client_id, self._base_url(request), tenant)
        except AadError as aad_error:
            return self._aad_error_response(aad_error)
        return JSONResponse(payload, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})

    def _check_client(self, client_id: str, secret: str | None) -> None:
        with self._lock:
            registered = self._clients.get(client_id)
        if registered is None:
            return
        # https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes
        if registered.expired:
            raise AadError("invalid_client", 7000222, "AADSTS7000222: The provided client "
                           f"secret keys for app '{client_id}' are expired.", status=401)
        if secret is None or not hmac.compare_digest(registered.secret, secret):
            raise AadError("invalid_client", 7000215, "AADSTS7000215: Invalid client secret "
                           "provided. Ensure the secret being sent in the request is the "
                           "client secret value, not the client secret ID.", status=401)

    def _address_for(self, form: dict[str, str]) -> str | None:
        with self._lock:
            if form.get("grant_type") == "refresh_token":
                grant = self._refresh.get(form.get("refresh_token", ""))
                return grant.address if grant else None
            code = self._codes.get(form.get("code", ""))
            return code.address if code else None

    def _grant(
        self, form: dict[str, str], client_id: str, base: str, tenant: str
    ) -> dict[str, Any]:
        grant_type = form.get("grant_type")
        if not grant_type:
            raise AadError("invalid_request", 900144, "AADSTS900144: The request body must "
                           "contain the following parameter: 'grant_type'.")
        if not client_id:
            raise AadError("invalid_request", 900144, "AADSTS900144: The request body must "
                           "contain the following parameter: 'client_id'.")
        requested = tuple(form.get("scope", "").split())
        if grant_type == "authorization_code":
            address, scopes, nonce = self._redeem_code(form, client_id)
            wants_id_token = "openid" in {s.lower() for s in scopes}
        elif grant_type == "refresh_token":
            address, scopes = self._redeem_refresh_token(form, client_id, requested)
            nonce = None
            wants_id_token = "openid" in {s.lower() for s in requested + scopes}
        else:
            raise AadError("unsupported_grant_type", 70003, "AADSTS70003: The app requested an "
                           f"unsupported grant type '{grant_type}'.")
        mailbox = self._directory.find(address)
        if mailbox is None:
            raise AadError("invalid_grant", 50034, "AADSTS50034: The user account does not "
                           "exist in the directory.")
        return self._issue_tokens(mailbox, client_id, scopes, nonce, wants_id_token, base,
                                  tenant, requested)

    def _redeem_code(
        self, form: dict[str, str], client_id: str
    ) -> tuple[str, tuple[str, ...], str | None]:
        code_value = form.get("code", "")
        if not code_value:
            raise AadError("invalid_request", 900144, "AADSTS900144: The request body must "
                           "contain the following parameter: 'code'.")
        now = self._clock.now()
        with self._lock:
            code = self._codes.get(code_value)
            if code is None:
                raise AadError("invalid_grant", 70000, "AADSTS70000: The provided value for "
                               "the 'code' parameter is not valid.")
            if code.redeemed:
                raise AadError("invalid_grant", 54005, "AADSTS54005: OAuth2 Authorization "
                               "code was already redeemed, please retry with a new valid code "
                               "or use an existing refresh token.")
            if code.expires_at <= now:
                raise AadError("invalid_grant", 70008, "AADSTS70008: The provided "
                               "authorization code or refresh token has expired due to "
                               "inactivity. Send a new interactive authorization request.")
            if code.client_id != client_id:
                raise AadError("invalid_grant", 70000, "AADSTS70000: The provided value for "
                               "the 'code' parameter is not valid: it was issued to another "
                               "client.")
            redirect_uri = form.get("redirect_uri")
            if code.redirect_uri is not None and redirect_uri != code.redirect_uri:
                raise AadError("invalid_grant", 500112, "AADSTS500112: The reply address "
                               f"'{redirect_uri}' does not match the reply address "
                               f"'{code.redirect_uri}' provided when requesting the "
                               "authorization code.")
            if code.code_challenge is not None:
                verifier = form.get("code_verifier")
                if not verifier:
                    raise AadError("invalid_grant", 501481, "AADSTS501481: The Code_Verifier "
                                   "is missing.")
                if not _pkce_matches(verifier, code.code_challenge,
                                     code.code_challenge_method):
                    raise AadError("invalid_grant", 501481, "AADSTS501481: The Code_Verifier "
                                   "does not match the code_challenge supplied in the "
                                   "authorization request.")
            code.redeemed = True
            return code.address, code.scopes, code.nonce

    def _redeem_refresh_token(
        self, form: dict[str, str], client_id: str, requested: tuple[str, ...]
    ) -> tuple[str, tuple[str, ...]]:
        token = form.get("refresh_token", "")
        if not token:
            raise AadError("invalid_request", 900144, "AADSTS900144: The request body must "
                           "contain the following parameter: 'refresh_token'.")
        now = self._clock.now()
        with self._lock:
            grant = self._refresh.get(token)
        if grant is None:
            raise AadError("invalid_grant", 9002313, "AADSTS9002313: Invalid request. Request "
                           "is malformed or invalid: the refresh token is not valid.")
        if grant.revoked:
            raise AadError("invalid_grant", 50173, "AADSTS50173: The provided grant has "
                           "expired due to it being revoked, a fresh auth token is needed. "
                           "The user might have changed or reset their password.")
        if grant.expires_at <= now:
            raise AadError("invalid_grant", 700082, "AADSTS700082: The refresh token has "
                           "expired due to inactivity.")
        if grant.client_id != client_id:
            raise AadError("invalid_grant", 70000, "AADSTS70000: Provided grant is invalid or "
                           "malformed: the refresh token was issued to another client.")
        consented = resource_scopes(grant.scopes)
        wanted = resource_scopes(requested)
        if ".default" not in wanted and not wanted <= consented:
            missing = ", ".join(sorted(wanted - consented))
            raise AadError("invalid_grant", 65001, "AADSTS65001: The user or administrator "
                           f"has not consented to use the application for: {missing}.")
        return grant.address, grant.scopes

    def _issue_tokens(
        self,
        mailbox: Mailbox,
        client_id: str,
        scopes: tuple[str, ...],
        nonce: str | None,
        wants_id_token: bool,
        base: str,
        tenant: str,
        requested: tuple[str, ...],
    ) -> dict[str, Any]:
        now = self._clock.now()
        lifetime = self._faults.faults_for(mailbox.address).access_token_lifetime_seconds
        access = AccessGrant(
            token="EwA" + secrets.token_urlsafe(96),
            address=mailbox.address,
            client_id=client_id,
            scopes=resource_scopes(scopes),
            expires_at=now + timedelta(seconds=lifetime),
        )
        offline = "offline_access" in {s.lower() for s in scopes}
        refresh = RefreshGrant(
            token="M.C" + secrets.token_urlsafe(120),
            address=mailbox.address,
            client_id=client_id,
            scopes=scopes,
            expires_at=now + REFRESH_TOKEN_LIFETIME,
        ) if offline else None
        with self._lock:
            tokens = self._by_mailbox.setdefault((mailbox.address, client_id), _MailboxTokens())
            self._access[access.token] = access
            tokens.access.append(access.token)
            while len(tokens.access) > KEPT_ACCESS_TOKENS:
                self._access.pop(tokens.access.popleft(), None)
            if refresh is not None:
                self._refresh[refresh.token] = refresh
                tokens.refresh.append(refresh.token)
                while len(tokens.refresh) > KEPT_REFRESH_TOKENS:
                    self._refresh.pop(tokens.refresh.popleft(), None)
        shown_scopes = [s for s in (requested or scopes) if s.lower() != "offline_access"]
        payload: dict[str, Any] = {
            "token_type": "Bearer",
            "scope": " ".join(shown_scopes),
            "expires_in": lifetime,
            "ext_expires_in": lifetime,
            "access_token": access.token,
            "client_info": self._client_info(mailbox),
        }
        if refresh is not None:
            payload["refresh_token"] = refresh.token
        if wants_id_token:
            payload["id_token"] = self._id_token(mailbox, client_id, nonce, base, now)
        return payload

    def _client_info(self, mailbox: Mailbox) -> str:
        return _b64url(json.dumps({"uid": mailbox.user_id, "utid": TENANT_ID}).encode())

    def _id_token(
        self, mailbox: Mailbox, client_id: str, nonce: str | None, base: str, now: datetime
    ) -> str:
        issued = int(now.timestamp())
        claims: dict[str, Any] = {
            "aud": client_id,
            "iss": f"{base}/{TENANT_ID}/v2.0",
            "iat": issued,
            "nbf": issued,
            "exp": issued + 3600,
            "name": mailbox.name,
            "oid": mailbox.user_id,
            "preferred_username": mailbox.address,
            "email": mailbox.address,
            "sub": _b64url(hashlib.sha256(f"{mailbox.user_id}:{client_id}".encode()).digest()),
            "tid": TENANT_ID,
            "uti": secrets.token_urlsafe(16),
            "ver": "2.0",
        }
        if nonce is not None:
            claims["nonce"] = nonce
        header = {"typ": "JWT", "alg": "HS256", "kid": "emulator"}
        signing_input = (
            _b64url(json.dumps(header, separators=(",", ":")).encode())
            + "."
            + _b64url(json.dumps(claims, separators=(",", ":")).encode())
        )
        signature = hmac.new(self._signing_key, signing_input.encode(), hashlib.sha256)
        return signing_input + "." + _b64url(signature.digest())

    def _purge_expired_codes(self) -> None:
        now = self._clock.now()
        if len(self._codes) > 1000:
            self._codes = {k: c for k, c in self._codes.items() if c.expires_at > now}

    def _aad_error_response(self, error: AadError) -> Response:
        now = self._clock.now()
        trace_id = str(uuid.uuid4())
        correlation_id = str(uuid.uuid4())
        timestamp = now.strftime("%Y-%m-%d %H:%M:%SZ")
        return JSONResponse(
            {
                "error": error.error,
                "error_description": f"{error.description} Trace ID: {trace_id} "
                f"Correlation ID: {correlation_id} Timestamp: {timestamp}",
                "error_codes": [error.code],
                "timestamp": timestamp,
                "trace_id": trace_id,
                "correlation_id": correlation_id,
                "error_uri": f"https://login.microsoftonline.com/error?code={error.code}",
            },
            status_code=error.status,
            headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
        )

    def _fault_response(self, status: int, retry_after: int | None) -> Response:
        error = AadError("temporarily_unavailable", 90033,
                         "AADSTS90033: A transient error has occurred. Please try again.",
                         status=status)
        response = self._aad_error_response(error)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        return response


def _content_length(request: Request) -> int:
    try:
        return int(request.headers.get("content-length") or 0)
    except ValueError:
        return 0


def _is_guid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _pkce_matches(verifier: str, challenge: str, method: str) -> bool:
    if method == "S256":
        expected = _b64url(hashlib.sha256(verifier.encode("ascii", "replace")).digest())
        return hmac.compare_digest(expected, challenge)
    return hmac.compare_digest(verifier, challenge)


def _basic_auth_client(header: str) -> tuple[str | None, str | None]:
    """(client id, secret) from HTTP Basic client authentication, if that was used."""
    if not header.lower().startswith("basic "):
        return None, None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None, None
    client_id, _, secret = decoded.partition(":")
    return (unquote(client_id) or None), (unquote(secret) if client_id else None)


def _valid_redirect_uri(uri: str) -> bool:
    try:
        parts = urlsplit(uri)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.fragment


def _redirect(redirect_uri: str, response_mode: str, params: dict[str, str]) -> Response:
    if response_mode == "form_post":
        fields = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in params.items()
        )
        return HTMLResponse(
            "<html><body onload=\"document.forms[0].submit()\">"
            f'<form method="post" action="{html.escape(redirect_uri)}">{fields}'
            "<noscript><button type=\"submit\">Continue</button></noscript></form></body></html>"
        )
    parts = urlsplit(redirect_uri)
    if response_mode == "fragment":
        return RedirectResponse(urlunsplit(parts._replace(fragment=urlencode(params))),
                                status_code=302)
    query = urlencode([*parse_qsl(parts.query, keep_blank_values=True), *params.items()])
    return RedirectResponse(urlunsplit(parts._replace(query=query)), status_code=302)


def _error_page(message: str) -> Response:
    return HTMLResponse(
        consent.error_page("Sign in to your account",
                           "Sorry, but we're having trouble signing you in.", message),
        status_code=400,
    )
