"""Signing a Google account in: google-auth-oauthlib's Flow (PKCE S256, state, offline
access), then the identity: e-mail and name from the userinfo endpoint, the time zone from
the primary calendar (an ``events.list`` answer states it, within calendar.events.readonly).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, TypeGuard
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import requests
from google_auth_oauthlib.flow import Flow
from googleapiclient.discovery import build
from oauthlib.oauth2.rfc6749.errors import (  # type: ignore[import-untyped]
    InvalidGrantError,
    OAuth2Error,
)

from providers.clock import Clock
from providers.errors import AuthExpired, AuthRevoked, BadRequest, NotFound, RetryLater
from providers.google.endpoints import (
    GOOGLE_SCOPES,
    REQUIRED_SCOPES,
    GoogleClient,
    GoogleEndpoints,
)
from providers.google.session import GoogleSession, requests_session
from providers.html_text import one_line
from providers.model import AuthorizationRequest, Connection, Identity, Tokens
from providers.retry import RetryPolicy

log = logging.getLogger(__name__)

DEFAULT_TIMEZONE = "UTC"


class GoogleOAuth:
    """:class:`providers.interface.OAuthFlow` for Google."""

    def __init__(
        self,
        *,
        client: GoogleClient,
        clock: Clock,
        endpoints: GoogleEndpoints | None = None,
        scopes: tuple[str, ...] = GOOGLE_SCOPES,
        timeout: float = 30.0,
    ) -> None:
        self._client = client
        self._clock = clock
        self._endpoints = endpoints or GoogleEndpoints()
        self._scopes = scopes
        self._timeout = timeout

    def _flow(self, redirect_uri: str, code_verifier: str | None) -> Flow:
        config = {
            "web": {
                "client_id": self._client.client_id,
                "client_secret": self._client.client_secret,
                "auth_uri": self._endpoints.auth_uri,
                "token_uri": self._endpoints.token_uri,
            }
        }
        flow = Flow.from_client_config(
            config,
            scopes=list(self._scopes),
            redirect_uri=redirect_uri,
            code_verifier=code_verifier,
            autogenerate_code_verifier=code_verifier is None,
        )
        flow.oauth2session.trust_env = False
        return flow

    def authorization_request(self, redirect_uri: str) -> AuthorizationRequest:
        flow = self._flow(redirect_uri, None)
        # offline + consent: Google hands out a refresh token only on a consent screen.
        url, state = flow.authorization_url(access_type="offline", prompt="consent")
        return AuthorizationRequest(url=url, state=state, code_verifier=flow.code_verifier)

    def exchange_code(self, code: str, redirect_uri: str, code_verifier: str) -> Connection:
        flow = self._flow(redirect_uri, code_verifier)
        token = self._fetch_token(flow, code)
        tokens = self._tokens(token)
        missing = REQUIRED_SCOPES - set(tokens.scopes) if tokens.scopes else set()
        if missing:
            raise AuthExpired(
                "the account did not grant: " + ", ".join(sorted(s.rsplit("/", 1)[-1]
                                                                 for s in missing))
            )
        email, name = self._userinfo(tokens)
        timezone, tokens = self._calendar_timezone(tokens)
        log.info("google account connected")
        return Connection(identity=Identity(email=email, name=name, timezone=timezone),
                          tokens=tokens)

    def _fetch_token(self, flow: Flow, code: str) -> Mapping[str, Any]:
        verify: str | bool = self._endpoints.ca_path or True
        try:
            token: Mapping[str, Any] = flow.fetch_token(
                code=code, verify=verify, timeout=self._timeout
            )
        except InvalidGrantError:
            raise AuthRevoked("the authorization code was refused (invalid_grant)") from None
        except OAuth2Error as exc:
            raise AuthExpired(f"the token endpoint refused the code: {exc.error}") from None
        except Warning as exc:
            # oauthlib raises a Warning when fewer scopes were granted than asked for (the
            # owner unticked some); the token is on it, and the scope check comes next.
            granted = getattr(exc, "token", None)
            if not isinstance(granted, Mapping):
                raise AuthExpired("the token endpoint changed the scopes") from None
            token = granted
        except (requests.Timeout, requests.ConnectionError) as exc:
            raise RetryLater(f"token endpoint unreachable: {type(exc).__name__}") from None
        return token

    def _tokens(self, token: Mapping[str, Any]) -> Tokens:
        access = token.get("access_token")
        if not isinstance(access, str) or not access:
            raise AuthExpired("the token endpoint sent no access token")
        refresh = token.get("refresh_token")
        raw_lifetime = token.get("expires_in")
        try:
            lifetime = float(raw_lifetime) if raw_lifetime is not None else 3600.0
        except (TypeError, ValueError):
            lifetime = 3600.0
        scope = token.get("scope")
        scopes = scope.split() if isinstance(scope, str) else list(scope or [])
        return Tokens(
            access_token=access,
            refresh_token=refresh if isinstance(refresh, str) and refresh else None,
            expires_at=self._clock.now() + timedelta(seconds=lifetime),
            scopes=tuple(str(item) for item in scopes),
            lifetime=timedelta(seconds=max(0.0, lifetime)),
        )

    def _userinfo(self, tokens: Tokens) -> tuple[str, str | None]:
        session = requests_session(self._endpoints)
        try:
            response = session.get(
                self._endpoints.userinfo_uri,
                headers={"Authorization": f"Bearer {tokens.access_token}"},
                timeout=self._timeout,
            )
        except (requests.Timeout, requests.ConnectionError) as exc:
            raise RetryLater(f"userinfo unreachable: {type(exc).__name__}") from None
        finally:
            session.close()
        if response.status_code == 401:
            raise AuthExpired("userinfo refused the new access token")
        if response.status_code == 429 or response.status_code >= 500:
            raise RetryLater(f"userinfo answered HTTP {response.status_code}")
        if response.status_code != 200:
            raise BadRequest(f"userinfo answered HTTP {response.status_code}")
        try:
            info = response.json()
        except ValueError:
            raise BadRequest("userinfo answered with something that is not JSON") from None
        email = info.get("email") if isinstance(info, dict) else None
        if not isinstance(email, str) or "@" not in email:
            raise BadRequest("userinfo has no e-mail address")
        name = info.get("name")
        return one_line(email, 320).lower(), (
            (one_line(name, 200) or None) if isinstance(name, str) else None
        )

    def _calendar_timezone(self, tokens: Tokens) -> tuple[str, Tokens]:
        """The primary calendar's IANA time zone, and the tokens (refreshed, if need was)."""
        session = GoogleSession(
            client=self._client, tokens=tokens, token_saver=_ignore_tokens, clock=self._clock,
            endpoints=self._endpoints, retry=RetryPolicy(max_attempts=3),
            timeout=self._timeout,
        )
        calendar = build(
            "calendar", "v3", http=session.http, static_discovery=True, cache_discovery=False,
            client_options={"api_endpoint": self._endpoints.calendar_base},
        )
        try:
            page = session.call(
                lambda: session.execute(
                    calendar.events().list(calendarId="primary", maxResults=1)
                ),
                "calendar.events.list (time zone)",
            )
        except (NotFound, BadRequest) as exc:
            log.warning("calendar time zone unknown (%s): using %s", exc, DEFAULT_TIMEZONE)
            return DEFAULT_TIMEZONE, session.tokens
        zone = page.get("timeZone") if isinstance(page, Mapping) else None
        return (zone if _is_zone(zone) else DEFAULT_TIMEZONE), session.tokens


def _is_zone(value: Any) -> TypeGuard[str]:
    if not isinstance(value, str) or not value or len(value) > 64:
        return False
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _ignore_tokens(tokens: Tokens) -> None:
    """Tokens refreshed while connecting reach the caller in the Connection."""
