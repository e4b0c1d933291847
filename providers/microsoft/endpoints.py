"""Where Microsoft lives: configuration only, so the same code talks to Microsoft's identity
platform and Graph or to any API-compatible server (the loopback emulator)."""

from __future__ import annotations

from dataclasses import dataclass

# What the service asks for. msal adds the reserved scopes itself (offline_access, openid,
# profile) and refuses them in its arguments, so they are kept apart. Never Mail.Send.
GRAPH_SCOPES: tuple[str, ...] = (
    "Mail.ReadWrite",
    "Calendars.Read",
    "MailboxSettings.Read",
    "User.Read",
)
RESERVED_SCOPES: tuple[str, ...] = ("offline_access",)


@dataclass(frozen=True)
class MicrosoftEndpoints:
    authority: str = "https://login.microsoftonline.com/common"
    graph_root: str = "https://graph.microsoft.com/v1.0"
    ca_bundle: str | None = None  # a PEM file of CAs to trust instead of the system's

    @property
    def graph_base(self) -> str:
        """The Graph root without a trailing slash (links are compared against it)."""
        return self.graph_root.rstrip("/")
