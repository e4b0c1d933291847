"""The Google half of the emulator: Google OAuth, Gmail v1 and Calendar v3 over HTTP, and the
:class:`~providers.emulator.control.MailboxControl` surface for the simulator, demo and tests.

Control methods raise ``KeyError`` for an unknown mailbox/draft/message/event and
``ValueError`` for what cannot be done (a bad time zone, a draft with no recipient).
"""

from __future__ import annotations

import asyncio
import threading
from datetime import datetime
from typing import Literal
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from providers.clock import Clock
from providers.emulator.control import DraftRecord, EventSpec, Faults, PersonSpec, SentRecord
from providers.emulator.google import calendar, gmail
from providers.emulator.google.batch import run_batch
from providers.emulator.google.calendar_store import CalendarStore
from providers.emulator.google.dispatch import ApiDispatcher, ApiRequest, Router
from providers.emulator.google.errors import ApiResponse, GoogleApiError
from providers.emulator.google.gmail_store import GmailStore, IdSource
from providers.emulator.google.mime import (
    MAX_MESSAGE_BYTES,
    compose,
    parse_message,
    replace_text_body,
)
from providers.emulator.google.oauth import OAuthServer, Owner
from providers.emulator.google.state import Mailbox
from providers.emulator.metering import ApiMeter, FaultInjector
from providers.model import ProviderName

_API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
_MAX_BODY_BYTES = MAX_MESSAGE_BYTES + 1024 * 1024


def _aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None:
        raise ValueError(f"{name} must be timezone-aware")


class GoogleEmulator:
    provider: ProviderName = "gmail"

    def __init__(self, clock: Clock, meter: ApiMeter, faults: FaultInjector) -> None:
        self.clock = clock
        self.meter = meter
        self.faults = faults
        self._ids = IdSource()
        self._mailboxes: dict[str, Mailbox] = {}
        self._lock = threading.Lock()
        self._methods: set[str] = set()  # the method names this half has counted
        self.oauth = OAuthServer(clock, meter, faults, self._owner, self._methods.add,
                                 accounts=self._owners)
        router = Router()
        gmail.register(router)
        calendar.register(router)
        self.dispatcher = ApiDispatcher(router, clock, meter, faults, self.oauth,
                                        self._mailboxes.get, self._methods.add)

    # -- mailboxes ----------------------------------------------------------------------------

    def _owner(self, address: str) -> Owner | None:
        mailbox = self._mailboxes.get(address.lower())
        return Owner(mailbox.address, mailbox.name) if mailbox else None

    def _owners(self) -> list[Owner]:
        with self._lock:
            mailboxes = list(self._mailboxes.values())
        return [Owner(m.address, m.name) for m in mailboxes]

    def _mailbox(self, address: str) -> Mailbox:
        mailbox = self._mailboxes.get(address.lower())
        if mailbox is None:
            raise KeyError(f"no Gmail mailbox {address}")
        return mailbox

    def mailboxes(self) -> list[str]:
        with self._lock:
            return list(self._mailboxes)

    def add_mailbox(self, address: str, name: str, timezone: str) -> None:
        """Idempotent: adding an existing mailbox again updates its name and time zone."""
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {timezone!r}") from None
        key = address.strip().lower()
        if "@" not in key:
            raise ValueError(f"not an email address: {address!r}")
        with self._lock:
            mailbox = self._mailboxes.get(key)
            if mailbox is None:
                self._mailboxes[key] = Mailbox(
                    address=key, name=name, timezone=zone,
                    gmail=GmailStore(key, self._ids), calendar=CalendarStore(key))
            else:
                with mailbox.lock:
                    mailbox.name, mailbox.timezone = name, zone

    # -- OAuth --------------------------------------------------------------------------------

    def grant(self, address: str, client_id: str, scopes: tuple[str, ...]) -> str:
        mailbox = self._mailbox(address)
        return self.oauth.issue_code(mailbox.address, client_id, scopes)

    def revoke(self, address: str) -> None:
        self.oauth.revoke_mailbox(self._mailbox(address).address)

    def register_client(self, client_id: str, client_secret: str) -> None:
        self.oauth.register_client(client_id, client_secret)

    def set_consent_screen_testing(self, client_id: str, testing: bool = True) -> None:
        """The client's consent screen is in "Testing": refresh tokens granted from now on
        expire after 7 days (publish it "In production" to stop that)."""
        self.oauth.set_testing(client_id, testing)

    # -- calendar -----------------------------------------------------------------------------

    def put_event(self, address: str, event: EventSpec) -> None:
        _aware(event.start, "start")
        _aware(event.end, "end")
        mailbox = self._mailbox(address)
        with mailbox.lock:
            mailbox.calendar.put(event, self.clock.now())

    def delete_event(self, address: str, event_id: str) -> None:
        mailbox = self._mailbox(address)
        with mailbox.lock:
            mailbox.calendar.delete(event_id, self.clock.now())

    def block_app(self, address: str, blocked: bool = True) -> None:
        """The mailbox's Workspace admin disables third-party Gmail access: every Gmail request
        answers 403 ``domainPolicy`` (Calendar keeps working)."""
        mailbox = self._mailbox(address)
        with mailbox.lock:
            mailbox.admin_blocked = blocked

    def garble_next_batches(self, address: str, count: int = 1) -> None:
        """The next ``count`` batch answers for the mailbox come back as an HTML page with
        status 200, as a proxy in the way may send (googleapis/python-storage#404)."""
        mailbox = self._mailbox(address)
        with mailbox.lock:
            mailbox.garbled_batches = count

    def expire_sync_tokens(self, address: str) -> None:
        """Every Calendar sync token handed out so far becomes stale (410 on use)."""
        mailbox = self._mailbox(address)
        with mailbox.lock:
            mailbox.calendar.expire_tokens()

    # -- mail ---------------------------------------------------------------------------------

    def expire_history(self, address: str) -> None:
        """Gmail forgets its history log: every earlier startHistoryId gets 404."""
        mailbox = self._mailbox(address)
        with mailbox.lock:
            mailbox.gmail.expire_history()

    def deliver_mail(self, address: str, sender: PersonSpec, to: tuple[str, ...], subject: str,
                     body: str, in_reply_to_message_id: str | None = None) -> str:
        mailbox = self._mailbox(address)
        with mailbox.lock:
            store = mailbox.gmail
            now = self.clock.now()
            in_reply_to: str | None = None
            references: tuple[str, ...] = ()
            thread_id: str | None = None
            if in_reply_to_message_id is not None:
                target = store.get(in_reply_to_message_id)
                in_reply_to = target.parsed.message_id
                references = target.parsed.references
                thread_id = target.thread_id
            domain = sender.email.rpartition("@")[2] or "example.com"
            raw = compose(sender=sender.email, sender_name=sender.name, to=to, subject=subject,
                          body=body, date=now,
                          message_id=f"<emu.{self._ids.message_id()}@{domain}>",
                          in_reply_to=in_reply_to, references=references)
            return store.deliver(parse_message(raw), now, thread_id).id

    def owner_send_draft(self, address: str, draft_id: str) -> str:
        mailbox = self._mailbox(address)
        with mailbox.lock:
            return mailbox.gmail.send_draft(draft_id, self.clock.now(), by="owner").id

    def owner_edit_draft(self, address: str, draft_id: str, body: str,
                         subject: str | None = None) -> None:
        mailbox = self._mailbox(address)
        with mailbox.lock:
            store = mailbox.gmail
            entry = store.draft(draft_id)
            raw = replace_text_body(store.messages[entry.message_id].parsed.raw, body, subject)
            store.edit_draft(draft_id, raw, self.clock.now())

    def owner_delete_draft(self, address: str, draft_id: str) -> None:
        mailbox = self._mailbox(address)
        with mailbox.lock:
            mailbox.gmail.delete_draft(draft_id, self.clock.now(), by="owner")

    def owner_move_mail(self, address: str, message_id: str, folder: str) -> None:
        mailbox = self._mailbox(address)
        with mailbox.lock:
            mailbox.gmail.file_away(message_id, folder, self.clock.now())

    def owner_send_own(self, address: str, to: tuple[str, ...], subject: str, body: str) -> str:
        mailbox = self._mailbox(address)
        with mailbox.lock:
            now = self.clock.now()
            raw = compose(sender=mailbox.address, sender_name=mailbox.name, to=to,
                          subject=subject, body=body, date=now,
                          message_id=f"<emu.{self._ids.message_id()}@mail.gmail.com>")
            return mailbox.gmail.send_new(raw, parse_message(raw), mailbox.sender_header, now,
                                          None, by="owner").id

    # -- what happened --------------------------------------------------------------------------

    def drafts(self, address: str) -> list[DraftRecord]:
        mailbox = self._mailbox(address)
        with mailbox.lock:
            return [entry.record() for entry in mailbox.gmail.drafts.values()]

    def sent(self, address: str) -> list[SentRecord]:
        mailbox = self._mailbox(address)
        with mailbox.lock:
            return list(mailbox.gmail.sent)

    def api_calls(self, address: str | None = None) -> dict[str, int]:
        calls = self.meter.calls(address.lower() if address is not None else None)
        return {method: count for method, count in calls.items() if method in self._methods}

    def set_faults(self, faults: Faults, address: str | None = None) -> None:
        self.faults.set(faults, address.lower() if address is not None else None)

    # -- HTTP -----------------------------------------------------------------------------------

    def routes(self) -> list[BaseRoute]:
        routes = self.oauth.routes()
        for prefix in ("/gmail/v1", "/upload/gmail/v1", "/calendar/v3"):
            routes.append(Route(prefix + "/{rest:path}", self._api_endpoint,
                                methods=_API_METHODS))
        routes.append(Route("/batch", self._batch_endpoint, methods=["POST"]))
        routes.append(Route("/batch/{api:str}/{version:str}", self._batch_endpoint,
                            methods=["POST"]))
        return routes

    async def _api_endpoint(self, request: Request) -> Response:
        self.meter.count_http("gmail")
        body = await _read_body(request)
        if body is None:
            return _to_starlette(GoogleApiError(413, "uploadTooLarge",
                                                "Request too large").response())
        api_request = ApiRequest(
            method=request.method, path=request.url.path,
            query=parse_qs(request.url.query, keep_blank_values=True),
            headers={name: value for name, value in request.headers.items()}, body=body)
        outcome = self.dispatcher.handle(api_request)
        if outcome.delay_seconds > 0:
            await asyncio.sleep(outcome.delay_seconds)
        if self.faults.take_hold(outcome.address, request.method, outcome.response.status):
            await self.faults.hold(request)  # done, but the answer is lost
        return _to_starlette(outcome.response)

    async def _batch_endpoint(self, request: Request) -> Response:
        self.meter.count_http("gmail")
        api: Literal["gmail", "calendar"] | None = None
        if "api" in request.path_params:
            named = request.path_params["api"]
            if named not in ("gmail", "calendar"):
                return _to_starlette(GoogleApiError(404, "notFound", "Not Found").response())
            api = named
        body = await _read_body(request)
        if body is None:
            return _to_starlette(GoogleApiError(413, "uploadTooLarge",
                                                "Request too large").response())
        authorization = request.headers.get("authorization", "")
        answer = run_batch(body, request.headers.get("content-type", ""), authorization, api,
                           self.dispatcher, self._count_envelope)
        if self._take_garbled_batch(authorization):
            return Response(b"<!DOCTYPE html><html><title>Error</title><p>Try again.</p>",
                            status_code=200, media_type="text/html; charset=UTF-8")
        if answer.delay_seconds > 0:
            await asyncio.sleep(answer.delay_seconds)
        return _to_starlette(answer.response)

    def _take_garbled_batch(self, authorization: str) -> bool:
        scheme, _, token = authorization.partition(" ")
        grant = self.oauth.access_grant(token.strip()) if scheme.lower() == "bearer" else None
        mailbox = self._mailboxes.get(grant.address) if grant else None
        if mailbox is None:
            return False
        with mailbox.lock:
            if mailbox.garbled_batches <= 0:
                return False
            mailbox.garbled_batches -= 1
            return True

    def _count_envelope(self, method: str, authorization: str) -> None:
        scheme, _, token = authorization.partition(" ")
        grant = self.oauth.access_grant(token.strip()) if scheme.lower() == "bearer" else None
        self.meter.count(grant.address if grant else None, method)
        self._methods.add(method)


async def _read_body(request: Request) -> bytes | None:
    """The body, or None past the size limit (hostile clients do not make us buffer more)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > _MAX_BODY_BYTES:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > _MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _to_starlette(answer: ApiResponse) -> Response:
    return Response(answer.body, status_code=answer.status, headers=answer.headers,
                    media_type=answer.content_type)
