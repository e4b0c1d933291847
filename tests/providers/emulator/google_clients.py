"""The recipe for the real Google clients against the emulator (what the adapters do too):
the discovery documents shipped in google-api-python-client, with ``rootUrl`` pointed at the
emulator, and google-auth credentials whose ``token_uri`` is the emulator's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import google_auth_httplib2  # type: ignore[import-untyped]
import googleapiclient
import httplib2
import httpx
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build_from_document

DISCOVERY = Path(googleapiclient.__file__).parent / "discovery_cache" / "documents"
CLIENT_ID = "followup-test.apps.googleusercontent.com"
CLIENT_SECRET = "test-secret"
GMAIL_MODIFY = "https://www.googleapis.com/auth/gmail.modify"
GMAIL_METADATA = "https://www.googleapis.com/auth/gmail.metadata"
CALENDAR_READONLY = "https://www.googleapis.com/auth/calendar.readonly"
SCOPES = (GMAIL_MODIFY, CALENDAR_READONLY, "openid", "email")


def discovery_document(name: str, root_url: str) -> dict[str, Any]:
    """``name``: "gmail.v1" or "calendar.v3". Replacing rootUrl moves every URL the client
    makes: methods, media uploads and the batch endpoint (``client_options.api_endpoint``
    would leave the batch URL on googleapis.com)."""
    document: dict[str, Any] = json.loads((DISCOVERY / f"{name}.json").read_text())
    document["rootUrl"] = root_url.rstrip("/") + "/"
    document["mtlsRootUrl"] = document["rootUrl"]
    return document


def build_client(name: str, root_url: str, credentials: Credentials,
                 ca_certs: str | None = None) -> Any:
    http = google_auth_httplib2.AuthorizedHttp(
        credentials, http=httplib2.Http(timeout=20, ca_certs=ca_certs))
    return build_from_document(discovery_document(name, root_url), http=http)


def exchange_code(base_url: str, code: str, redirect_uri: str = "http://127.0.0.1/callback"
                  ) -> dict[str, Any]:
    answer = httpx.post(f"{base_url}/token", data={
        "grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET, "redirect_uri": redirect_uri})
    answer.raise_for_status()
    tokens: dict[str, Any] = answer.json()
    return tokens


def credentials_from(tokens: dict[str, Any], base_url: str) -> Credentials:
    return Credentials(  # type: ignore[no-untyped-call]
        token=tokens["access_token"], refresh_token=tokens.get("refresh_token"),
        token_uri=f"{base_url}/token", client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
        scopes=tokens["scope"].split())
