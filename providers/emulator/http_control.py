"""The emulator's control API over HTTP, under ``/_emulator/`` (JSON in, JSON out).

It mirrors :class:`~providers.emulator.control.MailboxControl`; ``{provider}`` is ``gmail`` or
``outlook``, ``{address}`` the mailbox (``@`` may be percent-encoded)::

    GET    /_emulator/health                                   {"ok": true, "now": ISO}
    GET    /_emulator/clock                                    {"now": ISO}
    POST   /_emulator/clock            {"advance_seconds": N} | {"set": ISO}   (virtual clock)
    POST   /_emulator/{provider}/mailboxes       {"address", "name", "timezone"}
    POST   .../mailboxes/{address}/grant         {"client_id", "scopes": [...]} -> {"code"}
    POST   .../mailboxes/{address}/revoke
    PUT    .../mailboxes/{address}/events/{id}   an event (below)
    DELETE .../mailboxes/{address}/events/{id}
    POST   .../mailboxes/{address}/mail          {"from": {"email", "name"}, "to": [...],
                                                  "subject", "body", "in_reply_to_message_id"?}
                                                  -> {"message_id"}
    POST   .../mailboxes/{address}/send          {"to": [...], "subject", "body"} -> {"message_id"}
    POST   .../mailboxes/{address}/drafts/{id}/send                 -> {"message_id"}
    POST   .../mailboxes/{address}/drafts/{id}/edit   {"body"}
    DELETE .../mailboxes/{address}/drafts/{id}
    GET    .../mailboxes/{address}/drafts        {"drafts": [DraftRecord...]}
    GET    .../mailboxes/{address}/sent          {"sent": [SentRecord...]}
    GET    .../mailboxes/{address}/state         {"drafts", "sent", "api_calls"}
    POST   .../mailboxes/{address}/expire_cursors   (Gmail: history log and sync tokens)
    GET    /_emulator/{provider}/api_calls[?address=A]   {"api_calls": {method: count},
                                                  "http_requests": N}  (N: all mailboxes;
                                                  a batch is one request, its parts calls)
    PUT    /_emulator/{provider}/faults[?address=A]      a Faults object as JSON
    GET    /_emulator/faults               {"injected": {status: n}, "held": n, "held_now": n,
                                            "last_held": address | null}

An event: ``{"id", "title", "start", "end"`` (ISO 8601 with offset; dates for all-day),
``"description", "location", "all_day", "organizer": {"email", "name"}, "attendees":
[{"email", "name", "response", "optional", "resource"}], "status"}``.
Errors: 404 ``{"error": ...}`` for an unknown provider/mailbox/item, 400 for bad input,
409 when the clock is not virtual.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, cast, get_args

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from providers.clock import VirtualClock
from providers.emulator.control import (
    AttendeeSpec,
    DraftRecord,
    EventSpec,
    Faults,
    MailboxControl,
    PersonSpec,
    SentRecord,
)
from providers.model import ProviderName
from providers.model import Response as AttendeeResponse

if TYPE_CHECKING:
    from providers.emulator.app import Emulator

PREFIX = "/_emulator"
_MAX_BODY = 5 * 1024 * 1024
_RESPONSES = get_args(AttendeeResponse)


class ControlError(ValueError):
    """Bad control input; the message names the field."""


# -- JSON <-> control dataclasses (also used by ``followup sandbox --seed``) -------------------

def _field(data: dict[str, Any], name: str, kind: type, where: str, default: Any = None,
           required: bool = False) -> Any:
    if name not in data or data[name] is None:
        if required:
            raise ControlError(f"{where}.{name} is required")
        return default
    value = data[name]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ControlError(f"{where}.{name} must be a {kind.__name__}")
    return value


def parse_moment(value: Any, where: str) -> datetime:
    """ISO 8601 with an offset; a bare date means midnight UTC of that day (all-day events)."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ControlError(f"{where} is not an ISO 8601 time: {value[:40]!r}") from None
        if len(value.strip()) == 10:  # a date alone
            moment = moment.replace(tzinfo=None)
    else:
        raise ControlError(f"{where} must be an ISO 8601 time")
    if moment.tzinfo is None:
        if moment.time() != datetime.min.time():
            raise ControlError(f"{where} needs a UTC offset")
        moment = moment.replace(tzinfo=UTC)
    return moment


def person_from_json(data: Any, where: str) -> PersonSpec:
    if isinstance(data, str):
        return PersonSpec(email=data)
    if not isinstance(data, dict):
        raise ControlError(f"{where} must be an object with email and name")
    return PersonSpec(email=_field(data, "email", str, where, required=True),
                      name=_field(data, "name", str, where))


def event_spec_from_json(data: Any, event_id: str | None = None, where: str = "event"
                         ) -> EventSpec:
    if not isinstance(data, dict):
        raise ControlError(f"{where} must be an object")
    known = {"id", "title", "start", "end", "description", "location", "all_day", "organizer",
             "attendees", "status"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ControlError(f"{where}.{unknown[0]} is not a known field")
    identifier = event_id or _field(data, "id", str, where, required=True)
    attendees = []
    raw_attendees = _field(data, "attendees", list, where, default=[])
    for index, item in enumerate(raw_attendees):
        place = f"{where}.attendees[{index}]"
        if not isinstance(item, dict):
            raise ControlError(f"{place} must be an object")
        response = _field(item, "response", str, place, default="needsAction")
        if response not in _RESPONSES:
            raise ControlError(f"{place}.response must be one of {', '.join(_RESPONSES)}")
        attendees.append(AttendeeSpec(
            email=_field(item, "email", str, place, required=True),
            name=_field(item, "name", str, place),
            response=cast(AttendeeResponse, response),
            optional=_field(item, "optional", bool, place, default=False),
            resource=_field(item, "resource", bool, place, default=False)))
    status = _field(data, "status", str, where, default="confirmed")
    if status not in ("confirmed", "cancelled"):
        raise ControlError(f"{where}.status must be confirmed or cancelled")
    all_day = _field(data, "all_day", bool, where, default=False)
    start = parse_moment(data.get("start"), f"{where}.start")
    end = parse_moment(data.get("end"), f"{where}.end") if data.get("end") is not None else (
        start + (timedelta(days=1) if all_day else timedelta(hours=1)))
    if end < start:
        raise ControlError(f"{where}.end is before its start")
    organizer = data.get("organizer")
    return EventSpec(
        id=identifier,
        title=_field(data, "title", str, where, default=""),
        start=start,
        end=end,
        description=_field(data, "description", str, where, default=""),
        location=_field(data, "location", str, where, default=""),
        all_day=all_day,
        organizer=person_from_json(organizer, f"{where}.organizer") if organizer else None,
        attendees=tuple(attendees),
        status=cast(Any, status),
    )


def event_spec_to_json(spec: EventSpec) -> dict[str, Any]:
    data = _plain(dataclasses.asdict(spec))
    assert isinstance(data, dict)
    return data


def faults_from_json(data: Any) -> Faults:
    if not isinstance(data, dict):
        raise ControlError("faults must be an object")
    known = {item.name for item in dataclasses.fields(Faults)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ControlError(f"faults.{unknown[0]} is not a known field")
    faults = Faults()
    statuses = _field(data, "error_statuses", list, "faults", default=list(faults.error_statuses))
    fail_next = _field(data, "fail_next", list, "faults", default=[])
    if not all(isinstance(item, int) for item in [*statuses, *fail_next]):
        raise ControlError("faults.error_statuses and faults.fail_next hold status codes")
    return Faults(
        error_rate=_field(data, "error_rate", float, "faults", default=faults.error_rate),
        error_statuses=tuple(statuses),
        retry_after_seconds=_field(data, "retry_after_seconds", int, "faults",
                                   default=faults.retry_after_seconds),
        delay_seconds=_field(data, "delay_seconds", float, "faults",
                             default=faults.delay_seconds),
        access_token_lifetime_seconds=_field(data, "access_token_lifetime_seconds", int,
                                             "faults",
                                             default=faults.access_token_lifetime_seconds),
        seed=_field(data, "seed", int, "faults", default=faults.seed),
        fail_next=list(fail_next),
        hold_writes=_field(data, "hold_writes", int, "faults", default=faults.hold_writes),
    )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def record_to_json(record: DraftRecord | SentRecord) -> dict[str, Any]:
    data = _plain(dataclasses.asdict(record))
    assert isinstance(data, dict)
    return data


# -- HTTP -------------------------------------------------------------------------------------

async def _body(request: Request) -> Any:
    raw = await request.body()
    if len(raw) > _MAX_BODY:
        raise ControlError("body too large")
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError:
        raise ControlError("body is not JSON") from None


def _object(value: Any, where: str = "body") -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ControlError(f"{where} must be a JSON object")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ControlError(f"{where} must be a list of strings")
    return tuple(value)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class _ControlApi:
    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator

    def _half(self, request: Request) -> MailboxControl:
        provider = request.path_params["provider"]
        if provider not in ("gmail", "outlook"):
            raise LookupError(f"unknown provider {provider!r}")
        return self.emulator.control(cast(ProviderName, provider))

    def routes(self) -> list[BaseRoute]:
        box = PREFIX + "/{provider}/mailboxes/{address}"
        table: list[tuple[str, str, Any]] = [
            ("GET", PREFIX + "/health", self.health),
            ("GET", PREFIX + "/clock", self.clock),
            ("GET", PREFIX + "/faults", self.fault_counts),
            ("POST", PREFIX + "/clock", self.move_clock),
            ("GET", PREFIX + "/{provider}/mailboxes", self.list_mailboxes),
            ("POST", PREFIX + "/{provider}/mailboxes", self.add_mailbox),
            ("POST", box + "/grant", self.grant),
            ("POST", box + "/revoke", self.revoke),
            ("PUT", box + "/events/{event_id}", self.put_event),
            ("DELETE", box + "/events/{event_id}", self.delete_event),
            ("POST", box + "/mail", self.deliver_mail),
            ("POST", box + "/mail/{message_id}/move", self.move_mail),
            ("POST", box + "/send", self.send_own),
            ("POST", box + "/drafts/{draft_id}/send", self.send_draft),
            ("POST", box + "/drafts/{draft_id}/edit", self.edit_draft),
            ("DELETE", box + "/drafts/{draft_id}", self.delete_draft),
            ("GET", box + "/drafts", self.drafts),
            ("GET", box + "/sent", self.sent),
            ("GET", box + "/state", self.state),
            ("POST", box + "/expire_cursors", self.expire_cursors),
            ("GET", PREFIX + "/{provider}/api_calls", self.api_calls),
            ("PUT", PREFIX + "/{provider}/faults", self.set_faults),
        ]
        return [Route(path, self._guarded(handler), methods=[method])
                for method, path, handler in table]

    @staticmethod
    def _guarded(handler: Any) -> Any:
        async def endpoint(request: Request) -> Response:
            try:
                result = await handler(request)
            except ControlError as exc:
                return _error(400, str(exc))
            except (KeyError, LookupError) as exc:
                message = exc.args[0] if exc.args else "not found"
                return _error(404, str(message))
            except (ValueError, TypeError) as exc:
                return _error(400, str(exc))
            if isinstance(result, Response):
                return result
            return JSONResponse(result if result is not None else {})

        return endpoint

    async def health(self, request: Request) -> Any:
        return {"ok": True, "now": self.emulator.clock.now().isoformat()}

    async def fault_counts(self, request: Request) -> Any:
        return self.emulator.faults.counts()

    async def clock(self, request: Request) -> Any:
        return {"now": self.emulator.clock.now().isoformat(),
                "virtual": isinstance(self.emulator.clock, VirtualClock)}

    async def move_clock(self, request: Request) -> Any:
        clock = self.emulator.clock
        if not isinstance(clock, VirtualClock):
            return _error(409, "the emulator runs on the real clock")
        body = _object(await _body(request))
        if "advance_seconds" in body:
            seconds = _field(body, "advance_seconds", float, "body")
            if seconds < 0:
                raise ControlError("body.advance_seconds must not be negative")
            clock.advance(timedelta(seconds=seconds))
        elif "set" in body:
            clock.set(parse_moment(body["set"], "body.set"))
        else:
            raise ControlError("body needs advance_seconds or set")
        return {"now": clock.now().isoformat()}

    async def list_mailboxes(self, request: Request) -> Any:
        half = self._half(request)
        listing = getattr(half, "mailboxes", None)
        return {"mailboxes": list(listing()) if callable(listing) else []}

    async def add_mailbox(self, request: Request) -> Any:
        half = self._half(request)
        body = _object(await _body(request))
        half.add_mailbox(_field(body, "address", str, "body", required=True),
                         _field(body, "name", str, "body", default=""),
                         _field(body, "timezone", str, "body", default="UTC"))
        return JSONResponse({}, status_code=201)

    async def grant(self, request: Request) -> Any:
        half = self._half(request)
        body = _object(await _body(request))
        code = half.grant(request.path_params["address"],
                          _field(body, "client_id", str, "body", required=True),
                          _strings(body.get("scopes", []), "body.scopes"))
        return {"code": code}

    async def revoke(self, request: Request) -> Any:
        self._half(request).revoke(request.path_params["address"])

    async def put_event(self, request: Request) -> Any:
        half = self._half(request)
        spec = event_spec_from_json(await _body(request), request.path_params["event_id"])
        half.put_event(request.path_params["address"], spec)

    async def delete_event(self, request: Request) -> Any:
        self._half(request).delete_event(request.path_params["address"],
                                         request.path_params["event_id"])

    async def deliver_mail(self, request: Request) -> Any:
        half = self._half(request)
        body = _object(await _body(request))
        if "from" not in body:
            raise ControlError("body.from is required")
        message_id = half.deliver_mail(
            request.path_params["address"],
            person_from_json(body["from"], "body.from"),
            _strings(body.get("to", []), "body.to"),
            _field(body, "subject", str, "body", default=""),
            _field(body, "body", str, "body", default=""),
            _field(body, "in_reply_to_message_id", str, "body"))
        return {"message_id": message_id}

    async def move_mail(self, request: Request) -> Any:
        body = _object(await _body(request))
        self._half(request).owner_move_mail(request.path_params["address"],
                                            request.path_params["message_id"],
                                            _field(body, "folder", str, "body", required=True))

    async def send_own(self, request: Request) -> Any:
        half = self._half(request)
        body = _object(await _body(request))
        message_id = half.owner_send_own(
            request.path_params["address"], _strings(body.get("to", []), "body.to"),
            _field(body, "subject", str, "body", default=""),
            _field(body, "body", str, "body", default=""))
        return {"message_id": message_id}

    async def send_draft(self, request: Request) -> Any:
        message_id = self._half(request).owner_send_draft(request.path_params["address"],
                                                          request.path_params["draft_id"])
        return {"message_id": message_id}

    async def edit_draft(self, request: Request) -> Any:
        half = self._half(request)
        body = _object(await _body(request))
        half.owner_edit_draft(request.path_params["address"], request.path_params["draft_id"],
                              _field(body, "body", str, "body", required=True),
                              _field(body, "subject", str, "body", default=None))

    async def delete_draft(self, request: Request) -> Any:
        self._half(request).owner_delete_draft(request.path_params["address"],
                                               request.path_params["draft_id"])

    async def drafts(self, request: Request) -> Any:
        records = self._half(request).drafts(request.path_params["address"])
        return {"drafts": [record_to_json(record) for record in records]}

    async def sent(self, request: Request) -> Any:
        records = self._half(request).sent(request.path_params["address"])
        return {"sent": [record_to_json(record) for record in records]}

    async def state(self, request: Request) -> Any:
        half = self._half(request)
        address = request.path_params["address"]
        return {"drafts": [record_to_json(record) for record in half.drafts(address)],
                "sent": [record_to_json(record) for record in half.sent(address)],
                "api_calls": half.api_calls(address)}

    async def expire_cursors(self, request: Request) -> Any:
        half = self._half(request)
        address = request.path_params["address"]
        expired = []
        for name in ("expire_history", "expire_sync_tokens", "expire_delta_links"):
            method = getattr(half, name, None)
            if callable(method):
                method(address)
                expired.append(name)
        return {"expired": expired}

    async def api_calls(self, request: Request) -> Any:
        half = self._half(request)
        return {"api_calls": half.api_calls(request.query_params.get("address") or None),
                "http_requests": self.emulator.meter.http_requests(half.provider)}

    async def set_faults(self, request: Request) -> Any:
        half = self._half(request)
        half.set_faults(faults_from_json(await _body(request)),
                        request.query_params.get("address") or None)


def control_routes(emulator: Emulator) -> list[BaseRoute]:
    return _ControlApi(emulator).routes()
