"""Microsoft Graph v1.0 under ``/v1.0``: routing, bearer tokens, permissions, injected
faults, request accounting and JSON batching (``$batch``)."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from providers.clock import Clock
from providers.emulator.metering import ApiMeter, FaultInjector
from providers.emulator.microsoft import graph_calendar, graph_mail
from providers.emulator.microsoft.delta import StaleSyncState
from providers.emulator.microsoft.graph_protocol import (
    JSON_CONTENT_TYPE,
    MAX_BODY_BYTES,
    GraphCall,
    GraphError,
    GraphRequest,
    GraphResponse,
    Handler,
    Preferences,
    bad_request,
    error_response,
    parse_options,
)
from providers.emulator.microsoft.identity import AccessGrant, IdentityPlatform
from providers.emulator.microsoft.odata import ODataError
from providers.emulator.microsoft.store import MailboxDirectory

log = logging.getLogger(__name__)

MAX_BATCH_REQUESTS = 20
BATCH_METHODS = frozenset({"GET", "POST", "PATCH", "PUT", "DELETE"})

# Any one of these consented permissions allows the request (".default" allows all).
USER = frozenset({"user.read", "user.readwrite", "user.readbasic.all", "user.read.all",
                  "user.readwrite.all", "directory.read.all"})
MAIL_READ = frozenset({"mail.read", "mail.readwrite", "mail.readbasic"})
MAIL_WRITE = frozenset({"mail.readwrite"})
MAIL_SEND = frozenset({"mail.send"})
CALENDAR = frozenset({"calendars.read", "calendars.readwrite", "calendars.readbasic"})
SETTINGS = frozenset({"mailboxsettings.read", "mailboxsettings.readwrite"})

_FAULTS: dict[int, tuple[str, str]] = {
    400: ("BadRequest", "The request is malformed."),
    401: ("InvalidAuthenticationToken", "Access token has expired or is not yet valid."),
    403: ("ErrorAccessDenied", "Access is denied. Check credentials and try again."),
    404: ("ErrorItemNotFound", "The specified object was not found in the store."),
    409: ("ErrorIrresolvableConflict", "The change key passed in the request does not match "
          "the current change key for the item."),
    429: ("TooManyRequests", "Too many requests. Retry after the time given in Retry-After."),
    500: ("InternalServerError", "An internal server error occurred."),
    502: ("BadGateway", "The gateway received an invalid response."),
    503: ("ServiceUnavailable", "The service is temporarily unavailable. Retry after the time "
          "given in Retry-After."),
    504: ("GatewayTimeout", "The request timed out."),
}


@dataclass(frozen=True)
class _Route:
    method: str
    pattern: re.Pattern[str]
    api_method: str
    permissions: frozenset[str]  # empty: any valid token
    handler: Handler
    options: frozenset[str]


@dataclass(frozen=True)
class _Admitted:
    """A request past authentication and fault injection, ready to be served."""

    request: GraphRequest
    route: _Route
    match: dict[str, str]
    grant: AccessGrant
    delay_seconds: float


class GraphApi:
    def __init__(
        self,
        clock: Clock,
        meter: ApiMeter,
        faults: FaultInjector,
        directory: MailboxDirectory,
        identity: IdentityPlatform,
        *,
        sync_state_lifetime: timedelta,
        windows_time_zone_names: bool,
    ) -> None:
        self._clock = clock
        self._meter = meter
        self._faults = faults
        self._directory = directory
        self._identity = identity
        self._table = self._build_table(sync_state_lifetime, windows_time_zone_names)

    def _build_table(self, lifetime: timedelta, windows_names: bool) -> list[_Route]:
        item = r"(?P<id>[^/]+)"
        folder = r"(?P<folder>[^/]+)"
        none: frozenset[str] = frozenset()
        rows: list[tuple[str, str, str, frozenset[str], Handler, frozenset[str]]] = [
            ("GET", "me", "graph.me.get", USER, graph_calendar.get_me,
             graph_calendar.USER_OPTIONS),
            ("GET", "me/mailboxSettings", "graph.mailboxSettings.get", SETTINGS,
             partial(graph_calendar.get_mailbox_settings, windows_names=windows_names),
             frozenset({"$select"})),
            ("GET", "me/mailboxSettings/timeZone", "graph.mailboxSettings.get", SETTINGS,
             partial(graph_calendar.get_mailbox_time_zone, windows_names=windows_names), none),
            ("POST", "me/messages", "graph.messages.create", MAIL_WRITE,
             graph_mail.create_message, none),
            ("GET", "me/messages", "graph.messages.list", MAIL_READ, graph_mail.list_messages,
             graph_mail.LIST_OPTIONS),
            ("GET", f"me/messages/{item}", "graph.messages.get", MAIL_READ,
             graph_mail.get_message, graph_mail.GET_OPTIONS),
            ("PATCH", f"me/messages/{item}", "graph.messages.update", MAIL_WRITE,
             graph_mail.update_message, none),
            ("DELETE", f"me/messages/{item}", "graph.messages.delete", MAIL_WRITE,
             graph_mail.delete_message, none),
            ("POST", f"me/messages/{item}/createReply", "graph.messages.createReply",
             MAIL_WRITE, graph_mail.create_reply, none),
            ("POST", f"me/messages/{item}/send", "graph.messages.send", MAIL_SEND,
             graph_mail.send_message, none),
            ("POST", "me/sendMail", "graph.me.sendMail", MAIL_SEND, graph_mail.send_mail, none),
            ("GET", "me/mailFolders", "graph.mailFolders.list", MAIL_READ,
             graph_mail.list_folders, none),
            ("GET", f"me/mailFolders/{folder}", "graph.mailFolders.get", MAIL_READ,
             graph_mail.get_folder, frozenset({"$select"})),
            ("GET", f"me/mailFolders/{folder}/messages", "graph.mailFolders.messages.list",
             MAIL_READ, graph_mail.list_messages, graph_mail.LIST_OPTIONS),
            ("POST", f"me/mailFolders/{folder}/messages", "graph.messages.create", MAIL_WRITE,
             graph_mail.create_message, none),
            ("GET", rf"me/mailFolders/{folder}/messages/delta(?:\(\))?",
             "graph.mailFolders.messages.delta", MAIL_READ,
             partial(graph_mail.folder_delta, sync_state_lifetime=lifetime),
             graph_mail.DELTA_OPTIONS),
            ("GET", r"me/calendarView/delta(?:\(\))?", "graph.calendarView.delta", CALENDAR,
             partial(graph_calendar.calendar_view_delta, sync_state_lifetime=lifetime),
             graph_calendar.DELTA_OPTIONS),
            ("GET", "me/calendarView", "graph.calendarView.list", CALENDAR,
             graph_calendar.calendar_view, graph_calendar.VIEW_OPTIONS),
            ("GET", f"me/events/{item}", "graph.events.get", CALENDAR,
             graph_calendar.get_event, graph_calendar.GET_OPTIONS),
            ("POST", r"\$batch", "graph.batch", none, self._batch, none),
        ]
        return [
            _Route(method, re.compile(pattern, re.IGNORECASE), api_method, permissions,
                   handler, options)
            for method, pattern, api_method, permissions, handler, options in rows
        ]

    def routes(self) -> list[BaseRoute]:
        return [Route("/v1.0/{path:path}", self._endpoint,
                      methods=["GET", "POST", "PATCH", "PUT", "DELETE"])]

    # --- HTTP -------------------------------------------------------------------------------

    async def _endpoint(self, request: Request) -> Response:
        self._meter.count_http("outlook")
        host = request.headers.get("host") or f"{request.url.hostname}:{request.url.port}"
        body = await _read_capped(request, MAX_BODY_BYTES)
        graph_request = GraphRequest(
            method=request.method.upper(),
            path=request.path_params["path"].strip("/"),
            query=list(request.query_params.multi_items()),
            headers={k.lower(): v for k, v in request.headers.items()},
            body=body or b"",
            base_url=f"{request.url.scheme}://{host}",
        )
        if body is None:
            return _http(error_response(413, "RequestEntityTooLarge",
                                        "The request body is too large.", self._clock.now(),
                                        graph_request), graph_request)
        admitted = self.admit(graph_request)
        if isinstance(admitted, GraphResponse):
            return _http(admitted, graph_request)
        if admitted.delay_seconds > 0:
            await asyncio.sleep(admitted.delay_seconds)
        answer = self.serve(admitted)
        # a $batch is a POST of reads here: only real writes are held
        if graph_request.path.lower() != "$batch" and self._faults.take_hold(
                admitted.grant.address, graph_request.method, answer.status):
            await self._faults.hold(request)  # done, but the answer is lost
        return _http(answer, graph_request)

    # --- one request --------------------------------------------------------------------------

    def admit(
        self, request: GraphRequest, batch_grant: AccessGrant | None = None
    ) -> _Admitted | GraphResponse:
        """Route, account, authenticate and inject faults; an answer if it stops here."""
        now = self._clock.now()
        grant = batch_grant or self._grant_for(request)
        address = grant.address if grant else None
        try:
            route, match = self._resolve(request.method, request.path)
        except GraphError as error:
            self._meter.count(address, "graph.unknown")
            return error_response(error.status, error.code, error.message, now, request)
        self._meter.count(address, route.api_method)
        problem = self._authentication_problem(request, grant)
        if problem is not None:
            return error_response(401, "InvalidAuthenticationToken", problem, now, request, {
                "WWW-Authenticate": 'Bearer realm="", authorization_uri='
                '"https://login.microsoftonline.com/common/oauth2/authorize", '
                'client_id="00000003-0000-0000-c000-000000000000"',
            })
        assert grant is not None  # no problem means a grant
        fault = self._faults.decide(address)
        delay = 0.0
        if fault is not None:
            delay = fault.delay_seconds
            if fault.status >= 400:
                code, message = _FAULTS.get(fault.status,
                                            ("UnknownError", "An unknown error occurred."))
                headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after else {}
                return error_response(fault.status, code, message, now, request, headers)
        return _Admitted(request, route, match, grant, delay)

    def serve(self, admitted: _Admitted) -> GraphResponse:
        request, route = admitted.request, admitted.route
        now = self._clock.now()
        mailbox = self._directory.find(admitted.grant.address)
        if mailbox is None:
            return error_response(401, "InvalidAuthenticationToken",
                                  "The user of this token no longer exists.", now, request)
        if route.permissions and ".default" not in admitted.grant.scopes and \
                not route.permissions & admitted.grant.scopes:
            if route.permissions is USER:
                return error_response(403, "Authorization_RequestDenied",
                                      "Insufficient privileges to complete the operation.",
                                      now, request)
            return error_response(403, "ErrorAccessDenied",
                                  "Access is denied. Check credentials and try again.", now,
                                  request)
        try:
            call = GraphCall(
                request=request, mailbox=mailbox, grant=admitted.grant, now=now,
                match=admitted.match, options=parse_options(request.query, route.options),
                preferences=Preferences.parse(request.header("prefer")),
            )
            with mailbox.lock:
                return route.handler(call)
        except GraphError as error:
            return error_response(error.status, error.code, error.message, now, request,
                                  error.headers)
        except ODataError as error:
            return error_response(400, error.code, str(error), now, request)
        except StaleSyncState:
            code = "SyncStateNotFound" if "calendarview" in request.path.lower() \
                else "syncStateNotFound"
            return error_response(410, code, "The sync state generation is not found or has "
                                  "expired. Restart the sync without a delta token.", now,
                                  request)
        except Exception:
            log.exception("the Graph emulator failed on %s %s", request.method, route.api_method)
            return error_response(500, "InternalServerError", "An internal server error "
                                  "occurred.", now, request)

    def _grant_for(self, request: GraphRequest) -> AccessGrant | None:
        header = request.header("authorization") or ""
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self._identity.access_grant(token.strip())

    def _authentication_problem(
        self, request: GraphRequest, grant: AccessGrant | None
    ) -> str | None:
        if grant is None:
            if not (request.header("authorization") or "").strip():
                return "Access token is empty."
            return "IDX14100: JWT is not well formed, there are no dots (.)."
        if grant.revoked:
            return "Continuous access evaluation resulted in challenge: the user revoked " \
                   "the application's access."
        if grant.expires_at <= self._clock.now():
            return "Lifetime validation failed, the token is expired."
        return None

    def _resolve(self, method: str, path: str) -> tuple[_Route, dict[str, str]]:
        allowed = False
        for route in self._table:
            match = route.pattern.fullmatch(path)
            if match is None:
                continue
            if route.method == method:
                return route, {k: v for k, v in match.groupdict().items() if v is not None}
            allowed = True
        if allowed:
            raise GraphError(405, "Request_BadRequest",
                             f"The HTTP method '{method}' is not allowed for this resource.")
        segment = path.split("/")[-1] if path else ""
        raise bad_request(f"Resource not found for the segment '{segment}'.")

    # --- $batch -------------------------------------------------------------------------------

    def _batch(self, call: GraphCall) -> GraphResponse:
        payload = call.json_body()
        requests = payload.get("requests")
        if not isinstance(requests, list) or not requests:
            raise bad_request("Invalid batch payload format: 'requests' must be a non-empty "
                              "array.", code="BadRequest")
        if len(requests) > MAX_BATCH_REQUESTS:
            raise bad_request(f"Number of batch request steps exceeds the maximum of "
                              f"{MAX_BATCH_REQUESTS}.", code="BadRequest")
        steps = [_batch_step(raw, index) for index, raw in enumerate(requests)]
        ids = [step.id for step in steps]
        if len(set(ids)) != len(ids):
            raise bad_request("Batch request ids must be unique.", code="BadRequest")
        for position, step in enumerate(steps):
            for dependency in step.depends_on:
                if dependency not in ids[:position]:
                    raise bad_request(f"Request '{step.id}' depends on '{dependency}', which "
                                      "is not an earlier request of the batch.")
        statuses: dict[str, int] = {}
        responses: list[dict[str, Any]] = []
        for step in steps:
            if any(statuses[d] >= 400 for d in step.depends_on):
                answer = error_response(424, "FailedDependency", "A request this one depends "
                                        "on failed.", call.now, None)
            else:
                answer = self._inner(call, step)
            statuses[step.id] = answer.status
            entry: dict[str, Any] = {"id": step.id, "status": answer.status,
                                     "headers": _inner_headers(answer)}
            if answer.body is not None:
                entry["body"] = answer.body
            responses.append(entry)
        return GraphResponse(200, {"responses": responses})

    def _inner(self, call: GraphCall, step: _BatchStep) -> GraphResponse:
        if step.error is not None:
            return error_response(400, "BadRequest", step.error, call.now, None)
        headers = {**step.headers}
        inner = GraphRequest(
            method=step.method, path=step.path, query=step.query, headers=headers,
            body=step.body, base_url=call.request.base_url,
        )
        if step.path.lower().startswith("$batch"):
            return error_response(400, "BadRequest", "A batch cannot hold another batch.",
                                  call.now, inner)
        admitted = self.admit(inner, batch_grant=call.grant)
        if isinstance(admitted, GraphResponse):
            return admitted
        return self.serve(admitted)


@dataclass(frozen=True)
class _BatchStep:
    id: str
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes
    depends_on: tuple[str, ...]
    error: str | None = None  # this step alone is malformed: it gets a 400 of its own


def _batch_step(raw: Any, index: int) -> _BatchStep:
    if not isinstance(raw, dict):
        raise bad_request(f"Invalid batch payload format: request {index} is not an object.")
    step_id = raw.get("id")
    if not isinstance(step_id, str) or not step_id:
        raise bad_request(f"Invalid batch payload format: request {index} has no 'id'.")
    method = raw.get("method")
    url = raw.get("url")
    if not isinstance(method, str) or method.upper() not in BATCH_METHODS:
        raise bad_request(f"Invalid batch payload format: request '{step_id}' has an invalid "
                          "method.")
    if not isinstance(url, str) or not url:
        raise bad_request(f"Invalid batch payload format: request '{step_id}' has no 'url'.")
    depends_on = raw.get("dependsOn", [])
    if not isinstance(depends_on, list) or not all(isinstance(d, str) for d in depends_on):
        raise bad_request(f"Invalid batch payload format: request '{step_id}' has an invalid "
                          "'dependsOn'.")
    raw_headers = raw.get("headers", {})
    if not isinstance(raw_headers, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in raw_headers.items()
    ):
        raise bad_request(f"Invalid batch payload format: request '{step_id}' has invalid "
                          "'headers'.")
    headers = {k.lower(): v for k, v in raw_headers.items()}
    error: str | None = None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        error = "The url of a batch request must be relative to the version root, " \
                "e.g. '/me/messages'."
    body = b""
    if "body" in raw:
        if "content-type" not in headers:
            error = error or "Write request id : " + step_id + " does not contain " \
                "Content-Type header or body."
        body = json.dumps(raw["body"]).encode()
    return _BatchStep(
        id=step_id,
        method=method.upper(),
        path=unquote(parts.path).strip("/"),
        query=parse_qsl(parts.query, keep_blank_values=True),
        headers=headers,
        body=body,
        depends_on=tuple(depends_on),
        error=error,
    )


def _inner_headers(answer: GraphResponse) -> dict[str, str]:
    headers = dict(answer.headers)
    if answer.body is not None:
        headers.setdefault("Content-Type", JSON_CONTENT_TYPE)
    return headers


def _http(answer: GraphResponse, request: GraphRequest) -> Response:
    headers = {
        **answer.headers,
        "request-id": str(uuid.uuid4()),
        "client-request-id": request.header("client-request-id") or str(uuid.uuid4()),
    }
    if answer.body is None:
        return Response(status_code=answer.status, headers=headers)
    content = json.dumps(answer.body, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(content, status_code=answer.status, headers=headers,
                    media_type=JSON_CONTENT_TYPE)


async def _read_capped(request: Request, limit: int) -> bytes | None:
    """The body, or None when it is larger than ``limit`` (read no further than that)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
