"""The one place Outlook code does HTTP: :func:`http_client` makes every httpx client (Graph's
and msal's, so that both trust the configured CA bundle and share a test transport), and
:class:`GraphTransport` does bearer auth with one refresh on 401, asks for immutable ids on
every request, and turns answers into values or :mod:`providers.errors`.

Retries are not done here (see :mod:`providers.retry`): a caller decides what may be
replayed, and how to recover a write whose answer was lost.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from providers.clock import Clock
from providers.errors import AuthExpired, BadRequest, RetryLater, Unreachable
from providers.microsoft.endpoints import MicrosoftEndpoints
from providers.microsoft.graph_errors import error_for
from providers.microsoft.graph_requests import relative_to_root, with_immutable_ids

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


def http_client(
    endpoints: MicrosoftEndpoints,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    return httpx.Client(
        verify=endpoints.verify(),
        timeout=timeout,
        transport=transport,
        follow_redirects=False,
    )


class MsalHttpClient:
    """msal's ``http_client`` (its documented get/post subset) on an httpx client; without
    it msal would use requests, whose environment CA settings override ``verify``."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def get(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        **_: Any,
    ) -> httpx.Response:
        return self._client.get(url, params=params, headers=headers)

    def post(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | str | bytes | None = None,
        headers: Mapping[str, str] | None = None,
        **_: Any,
    ) -> httpx.Response:
        if isinstance(data, str | bytes):
            return self._client.post(url, params=params, content=data, headers=headers)
        return self._client.post(url, params=params, data=data, headers=headers)

    def close(self) -> None:
        self._client.close()


class AccessTokenSource(Protocol):
    def access_token(self) -> str:
        """A token believed valid (refreshed first when it is about to expire)."""
        ...

    def refreshed_access_token(self) -> str:
        """A new token, after Graph refused the current one; raises an AuthError if none."""
        ...


@dataclass(frozen=True)
class GraphReply:
    status: int
    headers: Mapping[str, str]  # names lower-cased
    body: Any  # decoded JSON, or None for an empty answer


class GraphTransport:
    def __init__(
        self,
        endpoints: MicrosoftEndpoints,
        tokens: AccessTokenSource,
        clock: Clock,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._base = endpoints.graph_base
        self._tokens = tokens
        self._clock = clock
        self._client = http_client(endpoints, timeout, transport)

    def close(self) -> None:
        self._client.close()

    def request(
        self,
        method: str,
        target: str,
        *,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        what: str = "graph request",
    ) -> GraphReply:
        """One request (a second one only when the token was refused and got refreshed).

        ``target``: a path relative to the Graph root (``/me/messages``) or an absolute URL
        under it (a nextLink). 2xx answers come back; anything else is raised as the
        matching :mod:`providers.errors` exception.
        """
        relative = relative_to_root(target, self._base)
        if relative is None:
            raise BadRequest(f"{what}: refusing a URL outside the Graph root")
        url = self._base + relative
        response = self._send(method, url, body, headers, self._tokens.access_token(), what)
        if response.status_code == 401:
            log.info("%s: access token refused, refreshing", what)
            token = self._tokens.refreshed_access_token()
            response = self._send(method, url, body, headers, token, what)
            if response.status_code == 401:
                raise AuthExpired(f"{what}: HTTP 401 after a token refresh")
        reply = _reply(response, what)
        if reply.status >= 400 or reply.status < 200:
            raise error_for(reply.status, reply.headers, reply.body, self._clock.now(), what)
        return reply

    def _send(
        self,
        method: str,
        url: str,
        body: Any,
        headers: Mapping[str, str] | None,
        token: str,
        what: str,
    ) -> httpx.Response:
        request_headers = {
            "Accept": "application/json", "Authorization": f"Bearer {token}", **(headers or {})
        }
        request_headers["Prefer"] = with_immutable_ids(request_headers.get("Prefer"))
        content: bytes | None = None
        if body is not None:
            content = json.dumps(body).encode()
            request_headers["Content-Type"] = "application/json"
        try:
            response = self._client.request(method, url, headers=request_headers, content=content)
        except httpx.TimeoutException:
            raise Unreachable(f"{what}: timed out") from None
        except httpx.TransportError as exc:
            raise Unreachable(f"{what}: {type(exc).__name__}") from None
        log.debug("%s: %s %s", what, method, response.status_code)
        return response


def _reply(response: httpx.Response, what: str) -> GraphReply:
    headers = {name.lower(): value for name, value in response.headers.items()}
    raw = response.content
    body: Any = None
    if raw.strip():
        try:
            body = json.loads(raw)
        except ValueError:
            if 200 <= response.status_code < 300:
                # A proxy's HTML page or a cut-off answer: the request may be replayed.
                raise RetryLater(
                    f"{what}: HTTP {response.status_code} with a non-JSON body"
                ) from None
            body = None
    return GraphReply(status=response.status_code, headers=headers, body=body)
