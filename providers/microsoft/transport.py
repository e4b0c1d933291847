"""The one place Outlook code does HTTP: :func:`http_client` makes every httpx client (Graph's
and msal's, so that both trust the configured CA bundle and share a test transport),
:class:`GraphConnections` is the process's one client (one SSL context, keep-alive
connections shared by every mailbox) with its per-mailbox limit of concurrent requests, and
:class:`GraphTransport` does bearer auth with one refresh on 401, asks for immutable ids on
every request, and turns answers into values or :mod:`providers.errors`.

Retries are not done here (see :mod:`providers.retry`): a caller decides what may be
replayed, and how to recover a write whose answer was lost.
"""

from __future__ import annotations

import json
import logging
import ssl
import threading
import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from providers.clock import Clock
from providers.errors import AuthExpired, BadRequest, RetryLater, Unreachable
from providers.microsoft.endpoints import MicrosoftEndpoints
from providers.microsoft.graph_errors import error_for
from providers.microsoft.graph_requests import relative_to_root, with_immutable_ids
from providers.trust import TrustStore

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
# Outlook allows an app 4 concurrent requests per mailbox, and runs up to 4 requests of a
# JSON batch at once ("Outlook service limits",
# https://learn.microsoft.com/en-us/graph/throttling-limits#outlook-service-limits).
MAILBOX_CONCURRENCY = 4
# One client for every mailbox of a process: enough connections for a worker pool's threads;
# an idle keep-alive connection is cheap.
POOL_LIMITS = httpx.Limits(max_connections=64, max_keepalive_connections=32)


def http_client(
    verify: ssl.SSLContext | bool,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
    limits: httpx.Limits = POOL_LIMITS,
) -> httpx.Client:
    return httpx.Client(
        verify=verify,
        timeout=timeout,
        transport=transport,
        follow_redirects=False,
        limits=limits,
    )


class MailboxGate:
    """At most :data:`MAILBOX_CONCURRENCY` requests in flight for one mailbox; a JSON batch
    takes as many slots as Outlook runs of it at once. All of a request's slots are taken
    together, so two batches cannot each hold some and wait for the rest."""

    def __init__(self, slots: int = MAILBOX_CONCURRENCY) -> None:
        self._slots = slots
        self._in_use = 0
        self._changed = threading.Condition()

    @contextmanager
    def held(self, slots: int = 1) -> Iterator[None]:
        wanted = max(1, min(slots, self._slots))
        with self._changed:
            self._changed.wait_for(lambda: self._in_use + wanted <= self._slots)
            self._in_use += wanted
        try:
            yield
        finally:
            with self._changed:
                self._in_use -= wanted
                self._changed.notify_all()


class GraphConnections:
    """The process's httpx client (thread-safe; one SSL context, one CA load; keep-alive
    connections per host shared by all mailboxes) and each mailbox's :class:`MailboxGate`.
    Gates live as long as someone holds them: nothing grows with the number of accounts.
    A configured CA bundle that changes on disk gets a new client (see
    :mod:`providers.trust`); requests under way finish on the old one."""

    def __init__(
        self,
        endpoints: MicrosoftEndpoints,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._timeout = timeout
        self._transport = transport
        self._trust = TrustStore(endpoints.ca_bundle) if endpoints.ca_bundle else None
        self._client: httpx.Client | None = None
        self._context: ssl.SSLContext | None = None
        self._retired: list[httpx.Client] = []
        self._gates: weakref.WeakValueDictionary[str, MailboxGate] = (
            weakref.WeakValueDictionary())
        self._lock = threading.Lock()

    @property
    def client(self) -> httpx.Client:
        context = self._trust.context() if self._trust is not None else None
        with self._lock:
            if self._client is None or context is not self._context:
                if self._client is not None:
                    self._retired.append(self._client)
                self._client = http_client(context if context is not None else True,
                                           self._timeout, self._transport)
                self._context = context
            return self._client

    def gate(self, mailbox: str) -> MailboxGate:
        key = mailbox.strip().lower()
        with self._lock:
            gate = self._gates.get(key)
            if gate is None:
                gate = self._gates[key] = MailboxGate()
            return gate

    def close(self) -> None:
        with self._lock:
            clients = [*self._retired, *([self._client] if self._client else [])]
            self._client, self._retired = None, []
        for client in clients:
            client.close()


class MsalHttpClient:
    """msal's ``http_client`` (its documented get/post subset) on the shared connections;
    without it msal would use requests, whose environment CA settings override ``verify``."""

    def __init__(self, connections: GraphConnections) -> None:
        self._connections = connections

    def get(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        **_: Any,
    ) -> httpx.Response:
        return self._connections.client.get(url, params=params, headers=headers)

    def post(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | str | bytes | None = None,
        headers: Mapping[str, str] | None = None,
        **_: Any,
    ) -> httpx.Response:
        client = self._connections.client
        if isinstance(data, str | bytes):
            return client.post(url, params=params, content=data, headers=headers)
        return client.post(url, params=params, data=data, headers=headers)


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
    """One mailbox's requests, over the shared ``connections`` (or a client of its own when
    none are given, closed with the transport)."""

    def __init__(
        self,
        endpoints: MicrosoftEndpoints,
        tokens: AccessTokenSource,
        clock: Clock,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        connections: GraphConnections | None = None,
        mailbox: str | None = None,
    ) -> None:
        self._base = endpoints.graph_base
        self._tokens = tokens
        self._clock = clock
        self._timeout = timeout
        self._own = connections is None
        self._connections = connections or GraphConnections(endpoints, timeout, transport)
        self._client = self._connections.client
        self._gate = self._connections.gate(mailbox) if mailbox else MailboxGate()

    def close(self) -> None:
        if self._own:
            self._connections.close()

    def request(
        self,
        method: str,
        target: str,
        *,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        what: str = "graph request",
        slots: int = 1,
    ) -> GraphReply:
        """One request (a second one only when the token was refused and got refreshed).

        ``target``: a path relative to the Graph root (``/me/messages``) or an absolute URL
        under it (a nextLink). 2xx answers come back; anything else is raised as the
        matching :mod:`providers.errors` exception. ``slots``: how many of the mailbox's
        concurrent requests it takes (a JSON batch's parts run in parallel).
        """
        relative = relative_to_root(target, self._base)
        if relative is None:
            raise BadRequest(f"{what}: refusing a URL outside the Graph root")
        url = self._base + relative
        response = self._send(method, url, body, headers, self._tokens.access_token(), what,
                              slots)
        if response.status_code == 401:
            log.info("%s: access token refused, refreshing", what)
            token = self._tokens.refreshed_access_token()
            response = self._send(method, url, body, headers, token, what, slots)
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
        slots: int,
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
            with self._gate.held(slots):
                response = self._client.request(method, url, headers=request_headers,
                                                content=content, timeout=self._timeout)
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
