"""``POST /batch`` (Gmail's discovery ``batchPath``), ``/batch/gmail/v1`` and
``/batch/calendar/v3``: a multipart/mixed body of ``application/http`` parts, each an HTTP
request, answered multipart/mixed with one ``application/http`` response per part and
``Content-ID: <response-ID>``, as Google does (google-api-python-client parses it).

Each inner request goes through the same pipeline as a plain one (counted by its own method,
faults injected per part); the envelope is counted as ``gmail.batch``/``calendar.batch``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qs, unquote, urlsplit

from providers.emulator.google.dispatch import ApiDispatcher, ApiRequest
from providers.emulator.google.errors import ApiResponse, GoogleApiError, bad_request
from providers.emulator.google.multipart import Part, split_head, split_multipart

MAX_BATCH_PARTS = 100  # Gmail's documented limit


@dataclass
class BatchAnswer:
    response: ApiResponse
    delay_seconds: float


def _inner_request(part: Part, outer_authorization: str) -> ApiRequest:
    request_line, _, rest = part.body.partition(b"\n")
    words = request_line.decode("utf-8", errors="replace").strip().split()
    if len(words) < 2:
        raise bad_request("Malformed request line in batch part")
    method, target = words[0].upper(), words[1]
    headers, body = split_head(rest)
    if "authorization" not in headers and outer_authorization:
        headers["authorization"] = outer_authorization
    location = urlsplit(target)
    query = parse_qs(location.query, keep_blank_values=True)
    return ApiRequest(method=method, path=unquote(location.path), query=query, headers=headers,
                      body=body)


def _http_part(content_id: str | None, response: ApiResponse) -> bytes:
    reason = HTTPStatus(response.status).phrase if response.status in \
        HTTPStatus._value2member_map_ else "Unknown"
    lines = [f"HTTP/1.1 {response.status} {reason}"]
    if response.content_type:
        lines.append(f"Content-Type: {response.content_type}")
    lines.extend(f"{name}: {value}" for name, value in response.headers.items())
    lines.append(f"Content-Length: {len(response.body)}")
    head = ["Content-Type: application/http"]
    if content_id:
        head.append(f"Content-ID: <response-{content_id.strip().strip('<>')}>")
    return ("\r\n".join(head) + "\r\n\r\n" + "\r\n".join(lines) + "\r\n\r\n").encode() + \
        response.body


def run_batch(body: bytes, content_type: str, authorization: str, api: str | None,
              dispatcher: ApiDispatcher, count_envelope: Callable[[str, str], None]
              ) -> BatchAnswer:
    """``api``: "gmail"/"calendar" from the URL, or None (``/batch``: from the first part)."""
    try:
        if not content_type.lower().startswith("multipart/mixed"):
            raise bad_request("Batch requests must be multipart/mixed")
        parts = split_multipart(body, content_type)
    except GoogleApiError as error:
        count_envelope(f"{api or 'gmail'}.batch", authorization)
        return BatchAnswer(error.response(), 0.0)
    requests: list[tuple[str | None, ApiRequest | GoogleApiError]] = []
    for part in parts:
        try:
            requests.append((part.headers.get("content-id"), _inner_request(part, authorization)))
        except GoogleApiError as error:
            requests.append((part.headers.get("content-id"), error))
    if api is None:
        first = next((item for _, item in requests if isinstance(item, ApiRequest)), None)
        api = "calendar" if first is not None and first.path.startswith("/calendar/") \
            else "gmail"
    count_envelope(f"{api}.batch", authorization)
    if len(parts) > MAX_BATCH_PARTS:
        too_many = bad_request(f"Exceeded the maximum calls({MAX_BATCH_PARTS}) in a single "
                               "batch request.")
        return BatchAnswer(too_many.response(), 0.0)
    boundary = "batch_" + secrets.token_hex(12)
    chunks: list[bytes] = []
    delay = 0.0
    for content_id, item in requests:
        if isinstance(item, GoogleApiError):
            answer = item.response()
        else:
            outcome = dispatcher.handle(item)
            delay = max(delay, outcome.delay_seconds)
            answer = outcome.response
        chunks.append(f"--{boundary}\r\n".encode() + _http_part(content_id, answer) + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return BatchAnswer(ApiResponse(status=200, body=b"".join(chunks),
                                   content_type=f"multipart/mixed; boundary={boundary}"), delay)
