"""Building the provider adapters from configuration: the one place that knows which class
serves which provider, and where the emulator's endpoints come from."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from providers.clock import Clock
from providers.emulator.control import MailboxControl
from providers.emulator.server import EmulatorServer
from providers.google.adapter import GmailProvider
from providers.google.clients import GoogleClients
from providers.google.endpoints import GOOGLE_SCOPES, GoogleClient, GoogleEndpoints
from providers.google.oauth import GoogleOAuth
from providers.interface import MailboxProvider, OAuthFlow
from providers.microsoft.adapter import OutlookProvider
from providers.microsoft.endpoints import GRAPH_SCOPES, MicrosoftEndpoints
from providers.microsoft.oauth import MicrosoftOAuth
from providers.model import Connection, ProviderName, Tokens
from service.config import Settings
from service.errors import ConfigError
from service.store.models import Account

# The OAuth client the service presents to the emulator (any id works there).
EMULATOR_CLIENT_ID = "interview-followup-local"
EMULATOR_CLIENT_SECRET = "emulator-secret"


def emulator_settings(server: EmulatorServer) -> dict[str, Any]:
    """Settings that point the service at a running emulator instead of Google/Microsoft."""
    return emulator_endpoint_settings(server.http_url, server.https_url, server.ca_path)


def emulator_endpoint_settings(http_url: str, https: str, ca_path: Path | str
                               ) -> dict[str, Any]:
    """The same for an emulator in another process (``followup sandbox``), by its addresses."""
    # https for the service's own calls: oauthlib, like msal, refuses a plain-http token
    # endpoint. The consent pages a browser opens are on plain http: no browser trusts the
    # emulator's throwaway CA (the emulator points Microsoft's authorize endpoint there too).
    return {
        "google_client_id": EMULATOR_CLIENT_ID,
        "google_client_secret": EMULATOR_CLIENT_SECRET,
        "google_auth_uri": f"{http_url}/o/oauth2/auth",
        "google_token_uri": f"{https}/token",
        "google_revoke_uri": f"{https}/revoke",
        "google_userinfo_uri": f"{https}/oauth2/v3/userinfo",
        "google_api_root": f"{https}/",
        "google_ca_bundle": ca_path,
        "microsoft_client_id": EMULATOR_CLIENT_ID,
        "microsoft_client_secret": EMULATOR_CLIENT_SECRET,
        "microsoft_authority": f"{https}/common",
        "microsoft_graph_root": f"{https}/v1.0",
        "microsoft_ca_bundle": ca_path,
    }


class Connectors:
    def __init__(self, settings: Settings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock
        self.google_endpoints = GoogleEndpoints(
            auth_uri=settings.google_auth_uri, token_uri=settings.google_token_uri,
            userinfo_uri=settings.google_userinfo_uri, revoke_uri=settings.google_revoke_uri,
            api_root=settings.google_api_root,
            ca_path=str(settings.google_ca_bundle) if settings.google_ca_bundle else None)
        self.microsoft_endpoints = MicrosoftEndpoints(
            authority=settings.microsoft_authority, graph_root=settings.microsoft_graph_root,
            ca_bundle=str(settings.microsoft_ca_bundle) if settings.microsoft_ca_bundle else None)
        self._microsoft_oauth: MicrosoftOAuth | None = None
        # Shared by every account of the process; per account only tokens and cursors.
        self._google_clients: GoogleClients | None = None
        self._lock = threading.Lock()

    def _google_client(self) -> GoogleClient:
        if not self.settings.google_client_id:
            raise ConfigError("FOLLOWUP_GOOGLE_CLIENT_ID: not set; Gmail cannot be connected")
        return GoogleClient(self.settings.google_client_id, self.settings.google_client_secret)

    def _google(self) -> GoogleClients:
        with self._lock:
            if self._google_clients is None:
                self._google_clients = GoogleClients(self.google_endpoints)
            return self._google_clients

    def _microsoft(self) -> MicrosoftOAuth:
        if not self.settings.microsoft_client_id:
            raise ConfigError(
                "FOLLOWUP_MICROSOFT_CLIENT_ID: not set; Outlook cannot be connected")
        with self._lock:
            if self._microsoft_oauth is None:
                self._microsoft_oauth = MicrosoftOAuth(
                    client_id=self.settings.microsoft_client_id,
                    client_secret=self.settings.microsoft_client_secret or None,
                    endpoints=self.microsoft_endpoints, clock=self.clock)
            return self._microsoft_oauth

    def close(self) -> None:
        """Close the shared connections (at shutdown; a later call opens new ones)."""
        with self._lock:
            google, self._google_clients = self._google_clients, None
            microsoft = self._microsoft_oauth
        if google is not None:
            google.close()
        if microsoft is not None:
            microsoft.close()

    def oauth(self, provider: ProviderName) -> OAuthFlow:
        if provider not in self.settings.providers:
            raise ConfigError(f"FOLLOWUP_PROVIDERS: {provider} is not enabled")
        if provider == "gmail":
            return GoogleOAuth(client=self._google_client(), clock=self.clock,
                               endpoints=self.google_endpoints, clients=self._google())
        return self._microsoft()

    def mailbox(self, account: Account, tokens: Tokens, save: Callable[[Tokens], None]
                ) -> MailboxProvider:
        """A small object per pass: the account's tokens over the process's shared clients
        (API objects, connections, the msal app), so building one costs next to nothing."""
        if account.provider == "gmail":
            return GmailProvider(client=self._google_client(), tokens=tokens, token_saver=save,
                                 owner_email=account.email, clock=self.clock,
                                 clients=self._google())
        return OutlookProvider(owner_email=account.email, tokens=tokens, save_tokens=save,
                               oauth=self._microsoft(), clock=self.clock)

    def revoke(self, provider: ProviderName, tokens: Tokens) -> bool:
        """End the service's grant at the provider; False where the provider offers no way
        for an app to revoke its own tokens (Microsoft's identity platform has no RFC 7009
        endpoint; Graph's revokeSignInSessions would sign the person out of every app).
        Raises RetryLater / ProviderError when the provider cannot be reached."""
        if provider == "gmail":
            GoogleOAuth(client=self._google_client(), clock=self.clock,
                        endpoints=self.google_endpoints, clients=self._google()).revoke(tokens)
            return True
        return False

    def connect_with_grant(self, provider: ProviderName, control: MailboxControl,
                           address: str) -> Connection:
        """Sign a mailbox of the emulator in without its consent page (simulate, demo)."""
        scopes = GOOGLE_SCOPES if provider == "gmail" else GRAPH_SCOPES
        client_id = (self.settings.google_client_id if provider == "gmail"
                     else self.settings.microsoft_client_id)
        code = control.grant(address, client_id, scopes)
        return self.oauth(provider).exchange_code(code, f"{self.settings.base_url}/oauth/callback",
                                                  "")
