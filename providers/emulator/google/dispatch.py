"""How one Gmail or Calendar API request is served: route, authenticate, count, inject faults,
check scopes, run the handler under the mailbox lock, answer in Google's error shape.

The same pipeline serves plain requests (through Starlette) and the parts of a batch request,
so both count and fail alike.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from providers.clock import Clock
from providers.emulator.google.errors import (
    ApiResponse,
    GoogleApiError,
    bad_request,
    domain_policy,
    injected,
    insufficient_scopes,
    not_found,
    unauthenticated,
)
from providers.emulator.google.oauth import AccessGrant, OAuthServer
from providers.emulator.google.state import Mailbox
from providers.emulator.metering import ApiMeter, FaultInjector

log = logging.getLogger(__name__)

Api = Literal["gmail", "calendar"]


@dataclass(frozen=True)
class ApiRequest:
    method: str  # HTTP method, upper case
    path: str  # decoded, without the query
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]  # lower-case names
    body: bytes = b""

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None

    def params(self, name: str) -> list[str]:
        return list(self.query.get(name, ()))


@dataclass
class Call:
    """What a handler gets: the request, its mailbox (lock held), the caller's grant."""

    request: ApiRequest
    mailbox: Mailbox
    grant: AccessGrant
    path: dict[str, str]
    now: datetime


Handler = Callable[[Call], ApiResponse]


@dataclass(frozen=True)
class Endpoint:
    http_method: str
    pattern: re.Pattern[str]
    name: str  # discovery-style method id, e.g. gmail.users.drafts.create
    quota_units: int
    scopes: frozenset[str]
    handler: Handler
    api: Api


@dataclass
class Outcome:
    response: ApiResponse
    delay_seconds: float = 0.0
    address: str | None = None  # the mailbox the request was for, once authenticated


@dataclass
class Router:
    endpoints: list[Endpoint] = field(default_factory=list)

    def add(self, http_method: str, pattern: str, name: str, handler: Handler, *,
            api: Api, scopes: frozenset[str], quota_units: int = 0) -> None:
        self.endpoints.append(Endpoint(http_method, re.compile(pattern + r"/?\Z"), name,
                                       quota_units, scopes, handler, api))

    def match(self, method: str, path: str) -> tuple[Endpoint, dict[str, str]] | None:
        for endpoint in self.endpoints:
            if endpoint.http_method != method:
                continue
            found = endpoint.pattern.match(path)
            if found:
                return endpoint, found.groupdict()
        return None


class ApiDispatcher:
    def __init__(self, router: Router, clock: Clock, meter: ApiMeter, faults: FaultInjector,
                 oauth: OAuthServer, mailbox: Callable[[str], Mailbox | None],
                 counted: Callable[[str], None]) -> None:
        self._router = router
        self._clock = clock
        self._meter = meter
        self._faults = faults
        self._oauth = oauth
        self._mailbox = mailbox
        self._counted = counted

    def handle(self, request: ApiRequest) -> Outcome:
        matched = self._router.match(request.method, request.path)
        if matched is None:
            return Outcome(not_found(f"Method not found: {request.method} {request.path[:200]}")
                           .response())
        endpoint, path = matched
        try:
            return self._serve(endpoint, path, request)
        except GoogleApiError as error:
            error.with_status = endpoint.api != "calendar"
            return Outcome(error.response())
        except Exception:  # a handler bug must answer 500, never a traceback or a hang
            log.exception("emulator handler %s failed", endpoint.name)
            failure = GoogleApiError(500, "backendError", "Internal error encountered.",
                                     with_status=endpoint.api != "calendar")
            return Outcome(failure.response())

    def _serve(self, endpoint: Endpoint, path: dict[str, str], request: ApiRequest) -> Outcome:
        authorization = request.headers.get("authorization", "")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            # Google accepts ?access_token= too (old clients).
            token = request.param("access_token") or ""
        grant = self._oauth.access_grant(token.strip()) if token.strip() else None
        address = grant.address if grant else None
        self._meter.count(address, endpoint.name, endpoint.quota_units)
        self._counted(endpoint.name)
        if grant is None or not self._oauth.is_live(grant):
            raise unauthenticated(missing=not token.strip())
        fault = self._faults.decide(address)
        delay = fault.delay_seconds if fault else 0.0
        try:
            if fault and fault.status:
                raise injected(fault.status, fault.retry_after)
            if not endpoint.scopes & set(grant.scopes):
                raise insufficient_scopes()
            mailbox = self._mailbox(grant.address)
            if mailbox is None:
                raise not_found()
            if mailbox.admin_blocked and endpoint.api == "gmail":
                raise domain_policy()
            with mailbox.lock:
                call = Call(request=request, mailbox=mailbox, grant=grant, path=path,
                            now=self._clock.now())
                response = endpoint.handler(call)
        except GoogleApiError as error:
            error.with_status = endpoint.api != "calendar"
            return Outcome(error.response(), delay_seconds=delay, address=address)
        return Outcome(response, delay_seconds=delay, address=address)


def require_param(request: ApiRequest, name: str) -> str:
    value = request.param(name)
    if value is None or value == "":
        raise bad_request(f"Required parameter: {name}", reason="required")
    return value


def int_param(request: ApiRequest, name: str, default: int, low: int, high: int) -> int:
    raw = request.param(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad_request(f"Invalid value '{raw[:40]}'. Values must be within the range: "
                          f"[{low}, {high}]", reason="invalid") from None
    if value < low:
        raise bad_request(f"Invalid value '{value}'. Values must be within the range: "
                          f"[{low}, {high}]", reason="invalid")
    return min(value, high)


def bool_param(request: ApiRequest, name: str, default: bool = False) -> bool:
    raw = request.param(name)
    if raw is None or raw == "":
        return default
    lowered = raw.lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise bad_request(f"Invalid boolean value: '{raw[:40]}'.", reason="invalid")
