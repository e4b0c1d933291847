"""Signing a Google account in: google-auth-oauthlib's Flow (PKCE S256, state, offline
access, and an OpenID ``nonce`` checked against the id_token), then the identity: e-mail and
name from the userinfo endpoint, the time zone from the primary calendar (an
``events.list`` answer states it, within calendar.events.readonly). :meth:`revoke` ends the
grant at Google's revocation endpoint.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import secrets
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, TypeGuard
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import requests
from google_auth_oauthlib.flow import Flow
from oauthlib.oauth2.rfc6749.errors import (  # type: ignore[import-untyped]
    InvalidGrantError,
    OAuth2Error,
)

from providers.clock import Clock
from providers.errors import AuthExpired, AuthRevoked, BadRequest, NotFound, RetryLater
from providers.google.clients import GoogleClients, requests_session
from providers.google.endpoints import (
    GOOGLE_SCOPES,
    REQUIRED_SCOPES,
    GoogleClient,
    GoogleEndpoints,
)
from providers.google.session import GoogleSession
from providers.html_text import one_line
from providers.model import AuthorizationRequest, Connection, Identity, Tokens
from providers.retry import RetryPolicy

log = logging.getLogger(__name__)

DEFAULT_TIMEZONE = "UTC"
_FLOW_PREFIX = "g1."  # a code_verifier that carries the PKCE verifier and the nonce
_ISSUERS = frozenset({"accounts.google.com", "https://accounts.google.com"})


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
        clients: GoogleClients | None = None,
    ) -> None:
        self._clients = clients
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
                "auth_uri": _as_https(self._endpoints.auth_uri),
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
        nonce = secrets.token_urlsafe(24)
        url, state = flow.authorization_url(access_type="offline", prompt="consent",
                                            nonce=nonce)
        if url.startswith("https://") and self._endpoints.auth_uri.startswith("http://"):
            url = "http://" + url.removeprefix("https://")  # see _as_https
        kept = json.dumps({"verifier": flow.code_verifier, "nonce": nonce})
        packed = base64.urlsafe_b64encode(kept.encode()).decode().rstrip("=")
        return AuthorizationRequest(url=url, state=state, code_verifier=_FLOW_PREFIX + packed)

    def exchange_code(self, code: str, redirect_uri: str, code_verifier: str) -> Connection:
        """Tokens for the code. A ``code_verifier`` made by :meth:`authorization_request`
        also carries the nonce, which the id_token must repeat; any other is a plain PKCE
        verifier (or none, for codes granted to tools)."""
        verifier, nonce = _unpack(code_verifier)
        flow = self._flow(redirect_uri, verifier or None)
        token = self._fetch_token(flow, code)
        tokens = self._tokens(token)
        missing = REQUIRED_SCOPES - set(tokens.scopes) if tokens.scopes else set()
        if missing:
            raise AuthExpired(
                "the account did not grant: " + ", ".join(sorted(s.rsplit("/", 1)[-1]
                                                                 for s in missing))
            )
        if nonce is not None:
            self._check_id_token(token.get("id_token"), nonce)
        email, name = self._userinfo(tokens)
        timezone, tokens = self._calendar_timezone(tokens)
        log.info("google account connected")
        return Connection(identity=Identity(email=email, name=name, timezone=timezone),
                          tokens=tokens)

    def _check_id_token(self, id_token: Any, nonce: str) -> None:
        """OpenID Connect Core 3.1.3.7: the id_token came straight from the token endpoint
        over TLS, so its signature may go unchecked; issuer, audience, expiry and the nonce
        are checked (a replayed or injected code fails here)."""
        claims = _claims(id_token)
        if claims is None:
            raise AuthExpired("the sign-in answer has no readable id_token")
        now = self._clock.now().timestamp()
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        expires = claims.get("exp")
        if claims.get("iss") not in _ISSUERS or self._client.client_id not in audiences:
            raise AuthExpired("the id_token was not issued for this service")
        if not isinstance(expires, (int, float)) or expires < now - 300:
            raise AuthExpired("the id_token has expired")
        found = claims.get("nonce")
        if not isinstance(found, str) or not secrets.compare_digest(found, nonce):
            raise AuthExpired("the sign-in answer did not match this sign-in (nonce)")

    def revoke(self, tokens: Tokens) -> None:
        """Revoke the grant (the refresh token, else the access token): RFC 7009 as Google
        serves it, a POST with ``token``; 200 when revoked, 400 ``invalid_token`` when it
        was already dead (counted as done). Raises RetryLater when Google is unreachable."""
        token = tokens.refresh_token or tokens.access_token
        session = requests_session(self._endpoints)
        try:
            response = session.post(self._endpoints.revoke_uri, data={"token": token},
                                    timeout=self._timeout)
        except (requests.Timeout, requests.ConnectionError) as exc:
            raise RetryLater(f"revocation endpoint unreachable: {type(exc).__name__}") from None
        finally:
            session.close()
        if response.status_code == 200:
            return
        if response.status_code == 400:
            try:
                error = response.json().get("error")
            except (ValueError, AttributeError):
                error = None
            if error == "invalid_token":
                return  # expired or revoked already: nothing left to revoke
        if response.status_code == 429 or response.status_code >= 500:
            raise RetryLater(f"revocation answered HTTP {response.status_code}")
        raise BadRequest(f"revocation answered HTTP {response.status_code}")

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
            timeout=self._timeout, clients=self._clients,
        )
        events = session.clients.apis.events
        try:
            page = session.call(
                lambda: session.execute(
                    session.bind(events.list(calendarId="primary", maxResults=1))
                ),
                "calendar.events.list (time zone)",
            )
        except (NotFound, BadRequest) as exc:
            log.warning("calendar time zone unknown (%s): using %s", exc, DEFAULT_TIMEZONE)
            return DEFAULT_TIMEZONE, session.tokens
        finally:
            session.close()
        zone = page.get("timeZone") if isinstance(page, Mapping) else None
        return (zone if _is_zone(zone) else DEFAULT_TIMEZONE), session.tokens


def _as_https(auth_uri: str) -> str:
    """oauthlib builds URLs only on https. A consent page on a loopback address may be plain
    http (the emulator's, for a browser that does not trust its CA): the URL is built on
    https and given back on http. The token endpoint is never exempt."""
    host = urlsplit(auth_uri).hostname or ""
    if auth_uri.startswith("http://") and (host in ("localhost", "::1")
                                            or host.startswith("127.")):
        return "https://" + auth_uri.removeprefix("http://")
    return auth_uri


def _unpack(code_verifier: str) -> tuple[str, str | None]:
    if not code_verifier.startswith(_FLOW_PREFIX):
        return code_verifier, None
    packed = code_verifier[len(_FLOW_PREFIX):]
    try:
        kept = json.loads(base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4)))
        return str(kept["verifier"]), str(kept["nonce"])
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise AuthExpired("the sign-in state is unreadable; sign in again") from None


def _claims(id_token: Any) -> dict[str, Any] | None:
    if not isinstance(id_token, str) or id_token.count(".") != 2:
        return None
    payload = id_token.split(".")[1]
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, binascii.Error):
        return None
    return claims if isinstance(claims, dict) else None


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
