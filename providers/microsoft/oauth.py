"""Signing an Outlook mailbox in with msal: authorization code flow with PKCE and state, code
exchange, refresh. Works against Microsoft's identity platform or any authority configured
in :class:`MicrosoftEndpoints` (the emulator), over https with the configured CA bundle.

A web service holding a client secret is a confidential client; without a secret the app is
registered as a public client (PKCE alone protects the code).
"""

from __future__ import annotations

import base64
import json
import logging
import threading
import warnings
from datetime import timedelta
from typing import Any

import httpx
import msal

from providers.clock import Clock
from providers.errors import (
    ActionRequired,
    AuthExpired,
    AuthRevoked,
    BadRequest,
    ProviderError,
    RetryLater,
)
from providers.microsoft.endpoints import GRAPH_SCOPES, RESERVED_SCOPES, MicrosoftEndpoints
from providers.microsoft.graph_json import GraphShapeError, parse_identity
from providers.microsoft.transport import GraphConnections, GraphTransport, MsalHttpClient
from providers.model import AuthorizationRequest, Connection, Identity, Tokens

log = logging.getLogger(__name__)

_TIMEOUT_SECONDS = 30.0
# Errors of the token endpoint that mean "try again", not "sign in again".
_TRANSIENT_OAUTH_ERRORS = frozenset({"temporarily_unavailable", "server_error", "slow_down"})
# The refresh token is dead: revoked, expired, or the consent was withdrawn.
_REVOKED_OAUTH_ERRORS = frozenset({"invalid_grant", "consent_required"})
# The app itself was refused: an expired or wrong client secret (AADSTS7000222/7000215), an
# app not registered for this grant. Only the operator can fix it.
_CLIENT_OAUTH_ERRORS = frozenset({"invalid_client", "unauthorized_client"})
CLIENT_REFUSED = ("Microsoft refused the service's app registration (its client secret has "
                  "expired or is wrong): the operator must create a new secret and set "
                  "FOLLOWUP_MICROSOFT_CLIENT_SECRET; then connect the mailbox again")
AUTHORITY_REFUSED = ("the Microsoft sign-in authority is misconfigured: the operator must fix "
                     "FOLLOWUP_MICROSOFT_AUTHORITY (e.g. https://login.microsoftonline.com/"
                     "common); then connect the mailbox again")
_FLOW_PREFIX = "msal1."  # marks a code_verifier that carries msal's whole flow
# What msal lets escape when the authority cannot be reached or answers 5xx (msal raises
# MsalServiceError from its own raise_for_status), or answers something that is not JSON.
_UNREACHABLE = (httpx.HTTPError, msal.exceptions.MsalError, OSError, ValueError)
# While msal builds its app: transient failures only; a ValueError there means the authority
# answered, but not as an authority (an unknown tenant, a 4xx, a URL that is not one).
_AUTHORITY_UNREACHABLE = (httpx.HTTPError, msal.exceptions.MsalError, OSError)


class TokensNotKept(msal.TokenCache):  # type: ignore[misc]
    """msal's token cache, kept empty: msal would add every account's tokens to it at each
    code exchange and refresh (``acquire_token_by_refresh_token`` "results in new tokens
    automatically storing into MSAL"), one app serving every account of the process, so it
    would hold all their tokens in memory (msal's advice for web apps is one cache per
    account: https://learn.microsoft.com/entra/msal/python/advanced/msal-python-token-cache-serialization).
    The service stores each account's tokens itself, encrypted, and never asks msal's cache
    for one."""

    def add(self, event: Any, now: Any = None) -> None:
        return None


class MicrosoftOAuth:
    """:class:`providers.interface.OAuthFlow` for Outlook, plus :meth:`refresh`."""

    def __init__(
        self,
        client_id: str,
        client_secret: str | None,
        endpoints: MicrosoftEndpoints,
        clock: Clock,
        *,
        timeout: float = _TIMEOUT_SECONDS,
        http_transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._http_transport = http_transport
        self._client_id = client_id
        self._timeout = timeout
        self._client_secret = client_secret or None
        self._endpoints = endpoints
        self._clock = clock
        self._app: msal.ClientApplication | None = None
        self._app_lock = threading.Lock()
        self._connections: GraphConnections | None = None

    @property
    def endpoints(self) -> MicrosoftEndpoints:
        return self._endpoints

    @property
    def connections(self) -> GraphConnections:
        """The app's one httpx client, for msal and for every mailbox's Graph requests."""
        with self._app_lock:
            return self._connections_locked()

    def _connections_locked(self) -> GraphConnections:
        if self._connections is None:
            self._connections = GraphConnections(self._endpoints, httpx.Timeout(self._timeout),
                                                 self._http_transport)
        return self._connections

    def close(self) -> None:
        with self._app_lock:
            if self._connections is not None:
                self._connections.close()
            self._connections, self._app = None, None

    # --- OAuthFlow ------------------------------------------------------------------------

    def authorization_request(self, redirect_uri: str) -> AuthorizationRequest:
        """The consent page URL. ``code_verifier`` is opaque: it carries msal's flow (PKCE
        verifier and OpenID nonce) and must come back unchanged to :meth:`exchange_code`."""
        app = self._msal()
        with warnings.catch_warnings():
            # The answer comes back as a GET redirect with the code in the query, like
            # Google's, to one callback; PKCE, state and the client secret protect the code.
            warnings.filterwarnings("ignore", message="response_mode='form_post'",
                                    category=UserWarning)
            flow = app.initiate_auth_code_flow(
                scopes=list(GRAPH_SCOPES), redirect_uri=redirect_uri, prompt="select_account"
            )
        kept = {key: value for key, value in flow.items() if key != "auth_uri"}
        packed = base64.urlsafe_b64encode(json.dumps(kept).encode()).decode().rstrip("=")
        return AuthorizationRequest(
            url=flow["auth_uri"], state=flow["state"], code_verifier=_FLOW_PREFIX + packed
        )

    def exchange_code(self, code: str, redirect_uri: str, code_verifier: str) -> Connection:
        """Tokens for the code, then who the mailbox is (two Graph reads).

        The caller has checked ``state`` already. A ``code_verifier`` not made by
        :meth:`authorization_request` is taken as a plain PKCE verifier (or none, for codes
        granted to tools)."""
        flow = _unpack_flow(code_verifier)
        app = self._msal()
        try:
            if flow is not None:
                flow["redirect_uri"] = redirect_uri
                result = app.acquire_token_by_auth_code_flow(
                    flow, {"code": code, "state": flow.get("state")}
                )
            else:
                with warnings.catch_warnings():
                    # The flow-less call is deprecated for browsers; tools have no flow.
                    warnings.simplefilter("ignore", DeprecationWarning)
                    result = app.acquire_token_by_authorization_code(
                        code,
                        scopes=list(GRAPH_SCOPES),
                        redirect_uri=redirect_uri,
                        data={"code_verifier": code_verifier} if code_verifier else {},
                    )
        except (*_UNREACHABLE, RuntimeError) as exc:
            raise RetryLater(f"microsoft code exchange failed: {type(exc).__name__}") from None
        tokens = self._tokens(result, "code exchange", previous_refresh_token=None)
        identity = self.identity(tokens.access_token)
        return Connection(identity=identity, tokens=tokens)

    # --- beyond the protocol --------------------------------------------------------------

    def refresh(self, refresh_token: str) -> Tokens:
        """New tokens for a refresh token (the old refresh token is kept if none came back).

        invalid_grant -> :class:`AuthRevoked`; transient failures -> :class:`RetryLater`."""
        app = self._msal()
        try:
            result = app.acquire_token_by_refresh_token(refresh_token, scopes=list(GRAPH_SCOPES))
        except _UNREACHABLE as exc:
            raise RetryLater(f"microsoft token refresh failed: {type(exc).__name__}") from None
        return self._tokens(result, "token refresh", previous_refresh_token=refresh_token)

    def identity(self, access_token: str) -> Identity:
        """Who owns the token: ``/me`` and ``/me/mailboxSettings`` (for the time zone)."""
        transport = GraphTransport(self._endpoints, _FixedToken(access_token), self._clock,
                                   timeout=httpx.Timeout(self._timeout),
                                   connections=self.connections)
        try:
            me = transport.request(
                "GET", "/me?$select=displayName,mail,userPrincipalName", what="read /me"
            )
            settings = transport.request(
                "GET", "/me/mailboxSettings", what="read mailbox settings"
            )
        finally:
            transport.close()
        try:
            return parse_identity(me.body, settings.body)
        except GraphShapeError as exc:
            raise BadRequest(f"microsoft identity: {exc}") from None

    # --- internals ------------------------------------------------------------------------

    def _msal(self) -> msal.ClientApplication:
        """The msal app, made on first use: making it reads the authority's OpenID
        configuration, a request an idle sync must not pay."""
        with self._app_lock:
            if self._app is None:
                common: dict[str, Any] = {
                    "authority": self._endpoints.authority,
                    "http_client": MsalHttpClient(self._connections_locked()),
                    # The instance-discovery call goes to login.microsoftonline.com whatever
                    # the authority: never wanted for a configured authority.
                    "instance_discovery": False,
                    "token_cache": TokensNotKept(),
                }
                try:
                    if self._client_secret:
                        self._app = msal.ConfidentialClientApplication(
                            self._client_id, client_credential=self._client_secret, **common
                        )
                    else:
                        self._app = msal.PublicClientApplication(self._client_id, **common)
                except _AUTHORITY_UNREACHABLE as exc:
                    raise RetryLater(
                        f"microsoft authority unreachable: {type(exc).__name__}") from None
                except ValueError:
                    raise ActionRequired("msal could not read the authority's configuration",
                                         AUTHORITY_REFUSED) from None
            return self._app

    def _tokens(
        self, result: Any, what: str, previous_refresh_token: str | None
    ) -> Tokens:
        if not isinstance(result, dict):
            raise RetryLater(f"microsoft {what}: no answer")
        if "error" in result:
            raise _oauth_error(str(result.get("error")), what)
        access_token = result.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise RetryLater(f"microsoft {what}: answer without an access token")
        try:
            lifetime = int(result.get("expires_in", 3600))
        except (TypeError, ValueError):
            lifetime = 3600
        refresh_token = result.get("refresh_token")
        scope = result.get("scope", "")
        scopes = scope.split() if isinstance(scope, str) else [str(s) for s in scope or ()]
        return Tokens(
            access_token=access_token,
            refresh_token=refresh_token if isinstance(refresh_token, str) and refresh_token
            else previous_refresh_token,
            expires_at=self._clock.now() + timedelta(seconds=max(0, lifetime)),
            scopes=tuple(scopes) or GRAPH_SCOPES + RESERVED_SCOPES,
            lifetime=timedelta(seconds=max(0, lifetime)),
        )


def _oauth_error(code: str, what: str) -> ProviderError:
    # error_description may quote the user's account: only the code is kept.
    message = f"microsoft {what}: {code[:80]}"
    if code in _REVOKED_OAUTH_ERRORS:
        return AuthRevoked(message)
    if code in _CLIENT_OAUTH_ERRORS:
        return ActionRequired(message, CLIENT_REFUSED)
    if code in _TRANSIENT_OAUTH_ERRORS:
        return RetryLater(message)
    if code in ("interaction_required", "login_required"):
        return AuthExpired(message)
    return BadRequest(message)


def _unpack_flow(code_verifier: str) -> dict[str, Any] | None:
    if not code_verifier.startswith(_FLOW_PREFIX):
        return None
    packed = code_verifier[len(_FLOW_PREFIX):]
    try:
        flow = json.loads(base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4)))
    except ValueError:
        return None
    return flow if isinstance(flow, dict) and isinstance(flow.get("state"), str) else None


class _FixedToken:
    """The token just obtained: nothing to refresh it with."""

    def __init__(self, token: str) -> None:
        self._token = token

    def access_token(self) -> str:
        return self._token

    def refreshed_access_token(self) -> str:
        raise AuthExpired("microsoft refused a token it has just issued")
