"""Graph requests and answers as the emulator handles them, whether they came over HTTP or
inside a ``$batch``: one request shape, one answer shape, Graph's error body."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

from providers.emulator.microsoft.identity import AccessGrant
from providers.emulator.microsoft.store import BodyType, Mailbox

JsonObject = dict[str, Any]
JSON_CONTENT_TYPE = (
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;"
    "charset=utf-8"
)
MAX_BODY_BYTES = 4 * 1024 * 1024


class GraphError(Exception):
    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def bad_request(message: str, code: str = "BadRequest") -> GraphError:
    return GraphError(400, code, message)


def not_found() -> GraphError:
    return GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.")


@dataclass(frozen=True)
class GraphRequest:
    method: str
    path: str  # after ``/v1.0/``, percent-decoded, without a leading slash
    query: list[tuple[str, str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    base_url: str  # scheme://host:port of the emulator, as the client reached it

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass
class GraphResponse:
    status: int
    body: JsonObject | None = None
    headers: dict[str, str] = field(default_factory=dict)


def error_response(
    status: int,
    code: str,
    message: str,
    now: datetime,
    request: GraphRequest | None,
    headers: dict[str, str] | None = None,
) -> GraphResponse:
    client_request_id = (request.header("client-request-id") if request else None) or str(
        uuid.uuid4()
    )
    return GraphResponse(
        status=status,
        body={
            "error": {
                "code": code,
                "message": message,
                "innerError": {
                    "date": now.strftime("%Y-%m-%dT%H:%M:%S"),
                    "request-id": str(uuid.uuid4()),
                    "client-request-id": client_request_id,
                },
            }
        },
        headers=dict(headers or {}),
    )


@dataclass(frozen=True)
class Preferences:
    """The ``Prefer`` header's settings Graph honours on mail and calendar."""

    max_page_size: int | None = None
    time_zone: str | None = None
    body_type: BodyType | None = None
    immutable_ids: bool = False  # IdType="ImmutableId": ids that survive moves

    @classmethod
    def parse(cls, header: str | None) -> Preferences:
        if not header:
            return cls()
        values: dict[str, str] = {}
        for part in header.split(","):
            name, _, value = part.strip().partition("=")
            values[name.strip().lower()] = value.strip().strip('"')
        page_size: int | None = None
        raw_size = values.get("odata.maxpagesize")
        if raw_size is not None and raw_size.isdigit() and int(raw_size) > 0:
            page_size = min(int(raw_size), 1000)
        body = values.get("outlook.body-content-type", "").lower()
        return cls(
            max_page_size=page_size,
            time_zone=values.get("outlook.timezone") or None,
            body_type="text" if body == "text" else "html" if body == "html" else None,
            immutable_ids=values.get("idtype", "").lower() == "immutableid",
        )


@dataclass
class GraphCall:
    """One request being served: what it asked, for whom, and when."""

    request: GraphRequest
    mailbox: Mailbox
    grant: AccessGrant
    now: datetime
    match: dict[str, str]
    options: dict[str, str]  # $-options, keys lower-cased with the dollar
    preferences: Preferences

    def json_body(self) -> JsonObject:
        if not self.request.body.strip():
            return {}
        content_type = (self.request.header("content-type") or "").lower()
        if content_type and "json" not in content_type:
            raise GraphError(415, "UnsupportedMediaType",
                             "Content-Type must be application/json.")
        try:
            value = json.loads(self.request.body)
        except (ValueError, UnicodeDecodeError) as error:
            raise bad_request(
                "Unable to read JSON request payload. Please ensure Content-Type header is "
                "set and payload is of valid JSON format.",
                code="RequestBodyRead",
            ) from error
        if not isinstance(value, dict):
            raise bad_request("The request body must be a JSON object.", code="RequestBodyRead")
        return value

    def link(self, path: str, params: list[tuple[str, str]]) -> str:
        """An absolute Graph URL on this emulator (for nextLink / deltaLink)."""
        query = urlencode(params, quote_via=quote, safe="$'(),:/")
        return f"{self.request.base_url}/v1.0/{path}" + (f"?{query}" if query else "")

    def context(self, fragment: str) -> str:
        return f"{self.request.base_url}/v1.0/$metadata#{fragment}"


Handler = Callable[[GraphCall], GraphResponse]


def parse_options(
    query: list[tuple[str, str]], allowed: frozenset[str]
) -> dict[str, str]:
    """The ``$``-options of a request; an option given twice or not allowed is a 400."""
    options: dict[str, str] = {}
    for name, value in query:
        if not name.startswith("$"):
            continue
        key = name.lower()
        if key in options:
            raise bad_request(f"Query option '{name}' was specified more than once, "
                              "but it must be specified at most once.")
        if key not in allowed:
            raise bad_request(f"Query option '{name}' is not allowed. Make sure that the "
                              "query option is supported for this request.")
        options[key] = value
    return options


def int_option(options: dict[str, str], name: str, low: int, high: int) -> int | None:
    raw = options.get(name)
    if raw is None:
        return None
    if not raw.strip().isdigit() or not low <= int(raw) <= high:
        raise bad_request(f"Invalid value '{raw}' for query option '{name}': "
                          f"expected an integer from {low} to {high}.")
    return int(raw)
