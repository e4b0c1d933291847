"""Errors as Google's APIs send them: one JSON shape for Gmail and Calendar, and OAuth's own."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

# Google's canonical status names, as they appear in the ``status`` field.
_STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "ABORTED",
    410: "FAILED_PRECONDITION",
    413: "INVALID_ARGUMENT",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}

JSON_CONTENT_TYPE = "application/json; charset=UTF-8"


@dataclass
class ApiResponse:
    """One HTTP answer of the Google half, before it meets Starlette (or a batch part)."""

    status: int
    body: bytes = b""
    content_type: str | None = JSON_CONTENT_TYPE
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, payload: Any, status: int = 200, headers: dict[str, str] | None = None
             ) -> ApiResponse:
        return cls(status=status, body=json.dumps(payload, ensure_ascii=False).encode(),
                   headers=dict(headers or {}))

    @classmethod
    def empty(cls, status: int = 204) -> ApiResponse:
        return cls(status=status, body=b"", content_type=None)


class GoogleApiError(Exception):
    """An error answer of a Gmail or Calendar API method."""

    def __init__(
        self,
        status: int,
        reason: str,
        message: str,
        *,
        domain: str = "global",
        location: str | None = None,
        location_type: str | None = None,
        retry_after: int | None = None,
        with_status: bool = True,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message
        self.domain = domain
        self.location = location
        self.location_type = location_type
        self.retry_after = retry_after
        self.with_status = with_status

    def payload(self) -> dict[str, Any]:
        item: dict[str, Any] = {"message": self.message, "domain": self.domain,
                                "reason": self.reason}
        if self.location:
            item["location"] = self.location
            item["locationType"] = self.location_type or "parameter"
        error: dict[str, Any] = {"code": self.status, "message": self.message, "errors": [item]}
        if self.with_status:
            error["status"] = _STATUS_NAMES.get(self.status, HTTPStatus(self.status).phrase
                                                .upper().replace(" ", "_"))
        return {"error": error}

    def response(self) -> ApiResponse:
        headers: dict[str, str] = {}
        if self.retry_after is not None:
            headers["Retry-After"] = str(self.retry_after)
        if self.status == 401:
            headers["WWW-Authenticate"] = (
                'Bearer realm="https://accounts.google.com/", error="invalid_token"'
            )
        return ApiResponse.json(self.payload(), status=self.status, headers=headers)


def bad_request(message: str, reason: str = "invalidArgument",
                location: str | None = None) -> GoogleApiError:
    return GoogleApiError(400, reason, message, location=location)


def invalid_parameter(name: str, value: str) -> GoogleApiError:
    return GoogleApiError(400, "invalid", f"Invalid value for {name}: {value[:80]}",
                          location=name, location_type="parameter")


def not_found(message: str = "Requested entity was not found.") -> GoogleApiError:
    return GoogleApiError(404, "notFound", message)


def unauthenticated(missing: bool) -> GoogleApiError:
    if missing:
        return GoogleApiError(
            401, "required",
            "Request is missing required authentication credential. Expected OAuth 2 access "
            "token, login cookie or other valid authentication credential.",
            location="Authorization", location_type="header")
    return GoogleApiError(
        401, "authError",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
        "cookie or other valid authentication credential.",
        location="Authorization", location_type="header")


def insufficient_scopes() -> GoogleApiError:
    return GoogleApiError(403, "insufficientPermissions",
                          "Request had insufficient authentication scopes.")


def domain_policy() -> GoogleApiError:
    """https://developers.google.com/workspace/gmail/api/guides/handle-errors#domainpolicy"""
    return GoogleApiError(403, "domainPolicy",
                          "The domain administrators have disabled Gmail apps.",
                          with_status=False)


def injected(status: int, retry_after: int | None) -> GoogleApiError:
    """The answer for a fault the FaultInjector chose, as Google words each status."""
    if status == 429:
        return GoogleApiError(429, "rateLimitExceeded", "Too many concurrent requests for user.",
                              domain="usageLimits", retry_after=retry_after)
    if status == 403:
        return GoogleApiError(403, "userRateLimitExceeded", "User-rate limit exceeded.",
                              domain="usageLimits", retry_after=retry_after)
    if status == 503:
        return GoogleApiError(503, "backendError", "The service is currently unavailable.",
                              retry_after=retry_after)
    if status == 500:
        return GoogleApiError(500, "backendError", "Internal error encountered.")
    if status == 401:
        return unauthenticated(missing=False)
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return GoogleApiError(status, "backendError", phrase, retry_after=retry_after)


def oauth_error(error: str, description: str, status: int = 400) -> ApiResponse:
    """The token endpoint's error shape (RFC 6749 section 5.2), as Google sends it."""
    return ApiResponse.json({"error": error, "error_description": description}, status=status,
                            headers={"Cache-Control": "no-store", "Pragma": "no-cache"})
