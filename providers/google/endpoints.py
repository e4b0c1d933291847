"""Where the Google side lives: every URL the adapter and the sign-in use comes from here, so
pointing them at another server (the loopback emulator) is configuration, not code."""

from __future__ import annotations

from dataclasses import dataclass

# The narrowest set that works. Gmail has no "drafts only" scope: gmail.compose is the least
# that writes drafts (it would also allow sending; this code never calls drafts.send or
# messages.send). gmail.readonly rather than gmail.metadata: the service reads company-side
# bodies for decision dates, and finds its own drafts with the ``q`` search, and
# gmail.metadata allows neither (both are "restricted" scopes to Google's review alike).
# calendar.events.readonly reads events, and an events.list answer also names the calendar's
# time zone, so no settings scope is needed.
GOOGLE_SCOPES: tuple[str, ...] = (
    "openid",
    "https://www.googleapis.com/auth/userinfo.email",
    "https://www.googleapis.com/auth/userinfo.profile",
    "https://www.googleapis.com/auth/gmail.readonly",
    "https://www.googleapis.com/auth/gmail.compose",
    "https://www.googleapis.com/auth/calendar.events.readonly",
)
# Without these the service cannot work; identity scopes are nice to have.
REQUIRED_SCOPES: frozenset[str] = frozenset(GOOGLE_SCOPES[3:])


@dataclass(frozen=True)
class GoogleClient:
    """The OAuth client registered with Google (a "Web application" client)."""

    client_id: str
    client_secret: str


@dataclass(frozen=True)
class GoogleEndpoints:
    auth_uri: str = "https://accounts.google.com/o/oauth2/v2/auth"
    token_uri: str = "https://oauth2.googleapis.com/token"
    userinfo_uri: str = "https://openidconnect.googleapis.com/v1/userinfo"
    # RFC 7009 revocation, POST token=... (access or refresh; the refresh revokes both)
    revoke_uri: str = "https://oauth2.googleapis.com/revoke"
    # Gmail and Calendar both answer under www.googleapis.com (gmail/v1/..., calendar/v3/...).
    api_root: str = "https://www.googleapis.com/"
    # A CA bundle to trust instead of the system store (the emulator's own CA); None: system.
    ca_path: str | None = None

    @property
    def root(self) -> str:
        return self.api_root if self.api_root.endswith("/") else self.api_root + "/"

    @property
    def gmail_base(self) -> str:
        return self.root  # the discovery document's paths start with "gmail/v1/"

    @property
    def calendar_base(self) -> str:
        return self.root + "calendar/v3/"

    @property
    def gmail_batch_uri(self) -> str:
        return self.root + "batch/gmail/v1"

    @classmethod
    def under(cls, base_url: str, ca_path: str | None = None) -> GoogleEndpoints:
        """Every endpoint below one server, laid out like Google's (the emulator's layout)."""
        base = base_url.rstrip("/")
        return cls(
            auth_uri=f"{base}/o/oauth2/v2/auth",
            token_uri=f"{base}/token",
            userinfo_uri=f"{base}/v1/userinfo",
            revoke_uri=f"{base}/revoke",
            api_root=f"{base}/",
            ca_path=ca_path,
        )
