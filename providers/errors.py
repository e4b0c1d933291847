"""The small error tree every adapter raises, whatever its provider.

The split follows Home Assistant: "the user must sign in again" is not the same problem as
"try again later", and the two are handled by different code paths.
"""

from __future__ import annotations


class ProviderError(Exception):
    """Base of everything an adapter raises on purpose."""

    status: int | None = None  # the HTTP status of the answer that meant this, if one came


class AuthError(ProviderError):
    """The account cannot be used until its owner signs in again."""


class AuthExpired(AuthError):
    """The access token was refused and could not be refreshed."""


class AuthRevoked(AuthError):
    """The refresh token was revoked or is unknown (OAuth ``invalid_grant``)."""


class ActionRequired(AuthError):
    """A person must fix something before the account works again, and signing in again
    alone will not do: an expired client secret or a misconfigured authority (the operator),
    an administrator's policy that blocks the app (the owner asks their admin). Said once,
    never retried; ``what_to_do`` is one line for the account's page."""

    def __init__(self, message: str, what_to_do: str) -> None:
        super().__init__(message)
        self.what_to_do = what_to_do


class RetryLater(ProviderError):
    """A transient failure (429, 5xx, timeout): nothing is wrong with the account."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Unreachable(RetryLater):
    """No answer at all (refused, reset, timed out): the provider or the network is down."""


def error_code(error: BaseException) -> str:
    """A short label for metrics and outage logs: the HTTP status when an answer came, else
    the kind of failure (``unreachable``, ``auth_revoked``...). Never the message: it may
    quote a mailbox's data."""
    status = getattr(error, "status", None)
    if isinstance(status, int):
        return str(status)
    name = type(error).__name__
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


class NotFound(ProviderError):
    """The item does not exist (any more)."""


class CursorExpired(ProviderError):
    """A sync cursor is too old: the caller must do a full sync."""


class BadRequest(ProviderError):
    """The provider refused the request as malformed: a bug or hostile data, not transient."""
