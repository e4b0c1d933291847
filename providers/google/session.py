"""One signed-in Google account on the wire: google-auth credentials, the httplib2 transport
google-api-python-client needs, token refresh on the injected clock, and the mapping of every
failure onto :mod:`providers.errors`.

Refresh policy: google-auth would judge expiry on the host's clock, but the service's "now"
is its :class:`Clock` (virtual in simulations), so the credentials carry no expiry and this
module refreshes them itself: shortly before ``Tokens.expires_at`` by the clock (see
:meth:`Tokens.refresh_margin`), and once after a 401. Every refresh is handed to the TokenSaver.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, TypeVar

import google.auth.exceptions
import google_auth_httplib2  # type: ignore[import-untyped]
import httplib2
from google.auth.transport import Response as TransportResponse
from google.auth.transport.requests import Request as RequestsTransport
from google.oauth2.credentials import Credentials
from googleapiclient.errors import BatchError, HttpError
from googleapiclient.http import BatchHttpRequest

from providers.clock import Clock
from providers.errors import (
    ActionRequired,
    AuthExpired,
    AuthRevoked,
    BadRequest,
    CursorExpired,
    NotFound,
    ProviderError,
    RetryLater,
    Unreachable,
)
from providers.google.clients import GoogleClients, GoogleConnections
from providers.google.endpoints import GoogleClient, GoogleEndpoints
from providers.interface import TokenSaver
from providers.model import Tokens
from providers.retry import RetryPolicy, call_with_retry, parse_retry_after

log = logging.getLogger(__name__)

T = TypeVar("T")

# 403s that mean "slow down" or "come back tomorrow", not "sign in again"
_RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded",
                                 "dailyLimitExceeded", "quotaExceeded", "limitExceeded",
                                 "backendError"})
# 403s that mean the grant itself lacks something: only the owner can fix those
_ACCESS_REASONS = frozenset({"insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
                             "PERMISSION_DENIED", "forbidden", "authError"})
DEFAULT_EXPIRES_IN = 3600.0
# https://developers.google.com/workspace/gmail/api/guides/handle-errors#domainpolicy
DOMAIN_POLICY = ("your Google Workspace administrator does not allow this app to use Gmail: "
                 "ask them to allow it, then connect the mailbox again")
# The token endpoint refused the service's own OAuth client: its id or secret is wrong, or
# the client was deleted. Only the operator can fix it.
_CLIENT_ERRORS = frozenset({"invalid_client", "unauthorized_client", "deleted_client"})
CLIENT_REFUSED = ("Google refused the service's OAuth client: the operator must check "
                  "FOLLOWUP_GOOGLE_CLIENT_ID and FOLLOWUP_GOOGLE_CLIENT_SECRET; then connect "
                  "the mailbox again")


class Unauthorized(Exception):
    """A 401 from an API: the access token needs a refresh (internal to the adapter)."""


class _RecordingTransport:
    """google-auth's requests transport over the calling thread's token session, noting the
    token endpoint's ``expires_in``: google-auth keeps only an expiry on the host's clock, the
    service needs the lifetime."""

    def __init__(self, connections: GoogleConnections, token_uri: str, timeout: float) -> None:
        self._connections = connections
        self._token_uri = token_uri
        self._timeout = timeout  # google-auth's own default is two minutes
        self.expires_in: float | None = None

    def __call__(
        self,
        url: str,
        method: str = "GET",
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        **kwargs: Any,
    ) -> TransportResponse:
        inner = RequestsTransport(session=self._connections.token_session())
        response: TransportResponse = inner(
            url, method=method, body=body, headers=headers, timeout=timeout or self._timeout,
            **kwargs
        )
        if url == self._token_uri and response.status == 200:
            self.expires_in = _expires_in(response.data)
        return response


def _expires_in(data: bytes | str) -> float | None:
    try:
        decoded = json.loads(data)
    except (ValueError, TypeError):
        return None
    value = decoded.get("expires_in") if isinstance(decoded, dict) else None
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        try:
            return max(0.0, float(value))
        except ValueError:
            return None
    return None


class _SessionCredentials(Credentials):
    """google-auth user credentials whose every refresh goes through the recording transport
    (the configured CA, the lifetime noted) and is reported, whoever asks for it: besides
    :class:`GoogleSession`, googleapiclient's batch refreshes by itself on a 401 part."""

    def __init__(self, *, transport: _RecordingTransport,
                 on_refresh: Callable[[float | None], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)  # type: ignore[no-untyped-call]
        self._transport = transport
        self._on_refresh = on_refresh

    def refresh(self, request: Any) -> None:
        self._transport.expires_in = None
        super().refresh(self._transport)  # type: ignore[no-untyped-call]
        self.expiry = None  # see the module docstring: the injected clock decides
        self._on_refresh(self._transport.expires_in)


class GoogleSession:
    """The credentials of one account, over the process's shared :class:`GoogleClients`
    (or clients of its own when none are given). One thread at a time uses a session."""

    def __init__(
        self,
        *,
        client: GoogleClient,
        tokens: Tokens,
        token_saver: TokenSaver,
        clock: Clock,
        endpoints: GoogleEndpoints,
        retry: RetryPolicy,
        timeout: float,
        clients: GoogleClients | None = None,
    ) -> None:
        self.clock = clock
        self.retry = retry
        self.endpoints = endpoints
        self._tokens = tokens
        self._save = token_saver
        self._timeout = timeout
        self._own_clients = clients is None
        self.clients = clients if clients is not None else GoogleClients(endpoints)
        self._token_transport = _RecordingTransport(
            self.clients.connections, endpoints.token_uri, timeout
        )
        self._credentials = _SessionCredentials(
            transport=self._token_transport,
            on_refresh=self._refreshed,
            token=tokens.access_token,
            refresh_token=tokens.refresh_token,
            token_uri=endpoints.token_uri,
            client_id=client.client_id,
            client_secret=client.client_secret,
        )

    @property
    def http(self) -> google_auth_httplib2.AuthorizedHttp:
        """This account's credentials over the calling thread's shared connections."""
        # Refreshes are this class's business: no status code makes AuthorizedHttp refresh.
        return google_auth_httplib2.AuthorizedHttp(
            self._credentials, http=self.clients.connections.http(self._timeout),
            refresh_status_codes=())

    def bind(self, request: Any) -> Any:
        """``request`` (built from the shared API objects) to be sent with this account's
        credentials, alone or as a part of a batch."""
        request.http = self.http
        return request

    @property
    def tokens(self) -> Tokens:
        return self._tokens

    def close(self) -> None:
        """Shared connections stay open for the next account; clients of its own close."""
        if self._own_clients:
            self.clients.close()

    @property
    def access_token(self) -> str:
        return self._tokens.access_token

    # --- refresh ----------------------------------------------------------------------------

    def ensure_fresh(self) -> None:
        if self._tokens.due_for_refresh(self.clock.now()):
            self.refresh()

    def refresh(self) -> None:
        if not self._tokens.refresh_token:
            raise AuthExpired("the access token expired and there is no refresh token")
        try:
            self._credentials.refresh(None)
        except google.auth.exceptions.RefreshError as exc:
            raise _refresh_failure(exc) from None
        except google.auth.exceptions.TransportError as exc:
            raise Unreachable(f"token endpoint unreachable: {type(exc).__name__}") from None

    def _refreshed(self, lifetime: float | None) -> None:
        """After every refresh, whoever asked for it: new tokens, on the clock, saved."""
        seconds = timedelta(seconds=DEFAULT_EXPIRES_IN if lifetime is None else lifetime)
        self._tokens = Tokens(
            access_token=str(self._credentials.token),
            refresh_token=self._credentials.refresh_token or self._tokens.refresh_token,
            expires_at=self.clock.now() + seconds,
            scopes=self._tokens.scopes,
            lifetime=seconds,
        )
        log.info("access token refreshed")
        self._save(self._tokens)

    # --- calls ------------------------------------------------------------------------------

    def call(
        self,
        attempt: Callable[[], T],
        what: str,
        *,
        recover: Callable[[], T | None] | None = None,
        retry: RetryPolicy | None = None,
    ) -> T:
        """``attempt()`` with a fresh token, a refresh and one more try after a 401, and
        retries per policy on transient failures. ``attempt`` raises Unauthorized on 401 and
        providers.errors for the rest (see :func:`execute`)."""

        def authorised() -> T:
            self.ensure_fresh()
            try:
                return attempt()
            except Unauthorized:
                log.info("%s: 401, refreshing the access token once", what)
                self.refresh()
            try:
                return attempt()
            except Unauthorized:
                raise AuthExpired(f"{what}: the refreshed access token was refused") from None

        return call_with_retry(authorised, retry or self.retry, self.clock, recover=recover,
                               what=what)

    def execute(self, request: Any) -> Any:
        """Run one googleapiclient HttpRequest (or BatchHttpRequest) once, its failure mapped
        (401: Unauthorized)."""
        try:
            if isinstance(request, BatchHttpRequest):
                return request.execute(http=self.http)
            return request.execute(http=self.http, num_retries=0)
        except BatchError as exc:
            # An answer googleapiclient cannot read as multipart/mixed (a proxy's page, a cut
            # answer): nothing is wrong with the account, the batch may be sent again.
            raise RetryLater(f"unreadable batch answer: {exc.reason}"[:200]) from None
        except (KeyError, UnicodeDecodeError) as exc:
            if isinstance(request, BatchHttpRequest):  # a part missing from the answer
                raise RetryLater(f"incomplete batch answer ({type(exc).__name__})") from None
            raise
        except HttpError as exc:
            raise self.failure(exc) from None
        except google.auth.exceptions.RefreshError as exc:  # a batch refreshed on a 401 part
            raise _refresh_failure(exc) from None
        except (OSError, httplib2.HttpLib2Error, google.auth.exceptions.TransportError) as exc:
            # timeouts, resets, refusals
            raise Unreachable(f"no answer: {type(exc).__name__}") from None

    def failure(self, exc: HttpError) -> Exception:
        error = api_failure(exc.resp.status, dict(exc.resp), exc.content, self.clock.now())
        if isinstance(error, ProviderError):
            error.status = exc.resp.status
        return error


def api_failure(
    status: int, headers: Mapping[str, str], content: bytes | None, now: datetime
) -> Exception:
    """The exception for one non-2xx API answer (Google's JSON error shape)."""
    reason, message = _error_reason(content)
    detail = f"HTTP {status}" + (f" {reason}" if reason else "") + (
        f": {message}" if message else "")
    if status == 401:
        return Unauthorized(detail)
    if status == 429 or status >= 500 or (status == 403 and reason in _RATE_LIMIT_REASONS):
        return RetryLater(detail, retry_after=parse_retry_after(_header(headers, "retry-after"),
                                                                now))
    if status == 403 and reason == "domainPolicy":
        return ActionRequired(detail, DOMAIN_POLICY)
    if status == 403 and (reason in _ACCESS_REASONS or not reason):
        # A missing scope or access taken away: the owner must consent again.
        return AuthExpired(detail)
    if status == 404:
        return NotFound(detail)
    if status == 410:
        return CursorExpired(detail)
    if 400 <= status < 500:
        return BadRequest(detail)
    return ProviderError(detail)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _error_reason(content: bytes | None) -> tuple[str | None, str | None]:
    if not content:
        return None, None
    try:
        decoded = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return None, None
    error = decoded.get("error") if isinstance(decoded, dict) else None
    if not isinstance(error, dict):
        return None, None
    message = error.get("message")
    reason = None
    errors = error.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        raw_reason = errors[0].get("reason")
        reason = raw_reason if isinstance(raw_reason, str) else None
    if reason is None and isinstance(error.get("status"), str):
        reason = error["status"]
    text = message.replace("\n", " ")[:200] if isinstance(message, str) else None
    return reason, text


def _refresh_failure(exc: google.auth.exceptions.RefreshError) -> ProviderError:
    data = exc.args[1] if len(exc.args) > 1 else None
    error = data.get("error") if isinstance(data, dict) else None
    if error is None and "invalid_grant" in str(exc.args[0] if exc.args else ""):
        error = "invalid_grant"
    if error == "invalid_grant":
        return AuthRevoked("the refresh token was revoked or has expired (invalid_grant)")
    if error in _CLIENT_ERRORS:
        return ActionRequired(f"the token endpoint refused the client: {error}", CLIENT_REFUSED)
    if error == "admin_policy_enforced":
        return ActionRequired("the token endpoint answered admin_policy_enforced",
                              DOMAIN_POLICY)
    if getattr(exc, "retryable", False):
        return RetryLater(f"token endpoint failed: {error or 'transient error'}")
    return AuthExpired(f"the token endpoint refused the refresh: {error or 'unknown error'}")
