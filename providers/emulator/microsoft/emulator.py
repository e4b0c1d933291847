"""The Microsoft half of the loopback emulator: the identity platform and Graph over HTTP,
and the control surface the simulator, the demo and tests use on its mailboxes."""

from __future__ import annotations

import uuid
from datetime import timedelta
from email.utils import format_datetime

from starlette.routing import BaseRoute

from providers.clock import Clock
from providers.emulator.control import DraftRecord, EventSpec, Faults, PersonSpec, SentRecord
from providers.emulator.metering import ApiMeter, FaultInjector
from providers.emulator.microsoft.graph import GraphApi
from providers.emulator.microsoft.identity import IdentityPlatform
from providers.emulator.microsoft.resources import html_document
from providers.emulator.microsoft.store import (
    EventVersion,
    Mailbox,
    MailboxDirectory,
    Recipient,
    StoredEvent,
    StoredMessage,
    UnknownItem,
)
from providers.emulator.microsoft.timezones import iana_name
from providers.model import ProviderName

DEFAULT_SYNC_STATE_LIFETIME = timedelta(days=30)
API_METHOD_PREFIXES = ("graph.", "identity.")


class MicrosoftEmulator:
    """Outlook mailboxes behind Microsoft's identity platform and Graph v1.0.

    Serve :meth:`routes` over https (msal accepts nothing else). "Now" is always the injected
    clock's; every method is safe to call from any thread while the server runs.
    """

    provider: ProviderName = "outlook"

    def __init__(
        self,
        clock: Clock,
        meter: ApiMeter,
        faults: FaultInjector,
        *,
        sync_state_lifetime: timedelta = DEFAULT_SYNC_STATE_LIFETIME,
        windows_time_zone_names: bool = True,
        faults_on_token_endpoint: bool = False,
    ) -> None:
        self._clock = clock
        self._meter = meter
        self._faults = faults
        self._directory = MailboxDirectory()
        self._identity = IdentityPlatform(clock, meter, faults, self._directory,
                                          apply_faults=faults_on_token_endpoint)
        self._graph = GraphApi(
            clock, meter, faults, self._directory, self._identity,
            sync_state_lifetime=sync_state_lifetime,
            windows_time_zone_names=windows_time_zone_names,
        )

    def set_browser_origin(self, origin: str) -> None:
        """Serve the sign-in page to browsers at ``origin`` (the plain-http listener)."""
        self._identity.browser_origin = origin

    def routes(self) -> list[BaseRoute]:
        # Graph first: "/v1.0/..." must not be read as a tenant named "v1.0".
        return [*self._graph.routes(), *self._identity.routes()]

    # --- MailboxControl ---------------------------------------------------------------------

    def add_mailbox(self, address: str, name: str, timezone: str) -> None:
        zone = iana_name(timezone)
        if zone is None:
            raise ValueError(f"unknown time zone {timezone!r}")
        self._directory.add(address, name, zone)

    def grant(self, address: str, client_id: str, scopes: tuple[str, ...]) -> str:
        mailbox = self._directory.get(address)
        wanted = tuple(scopes)
        for oidc in ("openid", "profile", "offline_access"):
            if oidc not in {s.lower() for s in wanted}:
                wanted += (oidc,)
        return self._identity.issue_code(mailbox.address, client_id, wanted)

    def revoke(self, address: str) -> None:
        self._identity.revoke(self._directory.get(address).address)

    def register_client(self, client_id: str, client_secret: str) -> None:
        """From now on the app must authenticate with this client secret."""
        self._identity.register_client(client_id, client_secret)

    def expire_client_secret(self, client_id: str) -> None:
        """The app's secret expires: token requests answer 401 invalid_client."""
        self._identity.expire_client_secret(client_id)

    def put_event(self, address: str, event: EventSpec) -> None:
        if event.start.tzinfo is None or event.end.tzinfo is None:
            raise ValueError(f"event {event.id!r}: start and end must be timezone-aware")
        mailbox = self._directory.get(address)
        now = self._clock.now()
        with mailbox.lock:
            seq = mailbox.next_seq()
            stored = mailbox.events.get(event.id)
            if stored is None or not stored.alive:
                history = stored.history if stored else []
                stored = StoredEvent(spec=event, created=now, modified=now, seq=seq,
                                     history=history)
                mailbox.events[event.id] = stored
            else:
                stored.spec, stored.modified, stored.seq = event, now, seq
            stored.history.append(EventVersion(seq, event.start, event.end, alive=True))

    def delete_event(self, address: str, event_id: str) -> None:
        mailbox = self._directory.get(address)
        now = self._clock.now()
        with mailbox.lock:
            stored = mailbox.events.get(event_id)
            if stored is None or not stored.alive:
                raise UnknownItem(f"no event {event_id!r} in {mailbox.address}")
            seq = mailbox.next_seq()
            stored.alive, stored.modified, stored.seq = False, now, seq
            stored.history.append(
                EventVersion(seq, stored.spec.start, stored.spec.end, alive=False))

    def deliver_mail(
        self,
        address: str,
        sender: PersonSpec,
        to: tuple[str, ...],
        subject: str,
        body: str,
        in_reply_to_message_id: str | None = None,
    ) -> str:
        mailbox = self._directory.get(address)
        now = self._clock.now()
        domain = sender.email.rpartition("@")[2] or "example.com"
        with mailbox.lock:
            original = None
            if in_reply_to_message_id is not None:
                original = mailbox.find(in_reply_to_message_id)
                if original is None:
                    raise UnknownItem(
                        f"no message {in_reply_to_message_id!r} in {mailbox.address}")
            message = mailbox.new_message(
                "inbox", now,
                subject=subject,
                body_type="html",
                body=html_document(body),
                sender=Recipient(sender.email, sender.name or ""),
                to=[Recipient(a, self._name_for(mailbox, a)) for a in to],
                conversation_id=original.conversation_id if original else None,
                internet_message_id=f"<{uuid.uuid4().hex}@{domain}>",
            )
            if original is not None:
                message.in_reply_to = original.internet_message_id
                message.references = [*original.references, original.internet_message_id]
            message.headers = self._received_headers(mailbox, message)
            mailbox.add(message)
            return message.id

    def owner_send_draft(self, address: str, draft_id: str) -> str:
        mailbox = self._directory.get(address)
        with mailbox.lock:
            draft = mailbox.find(draft_id)
            if draft is None or not draft.alive or not draft.is_draft:
                raise UnknownItem(f"no draft {draft_id!r} in {mailbox.address}")
            return mailbox.send_draft(draft, self._clock.now(), by="owner").id

    def owner_edit_draft(self, address: str, draft_id: str, body: str,
                         subject: str | None = None) -> None:
        mailbox = self._directory.get(address)
        with mailbox.lock:
            draft = mailbox.find(draft_id)
            if draft is None or not draft.alive or not draft.is_draft:
                raise UnknownItem(f"no draft {draft_id!r} in {mailbox.address}")
            # Outlook's editors write HTML, whatever the draft was.
            draft.body_type, draft.body = "html", html_document(body)
            fields: tuple[str, ...] = ("body",)
            if subject is not None:
                draft.subject, fields = subject, ("body", "subject")
            mailbox.touch(draft, self._clock.now(), fields)
            if draft.draft_log is not None:
                draft.draft_log.updated_at.append(self._clock.now())

    def owner_delete_draft(self, address: str, draft_id: str) -> None:
        mailbox = self._directory.get(address)
        with mailbox.lock:
            draft = mailbox.find(draft_id)
            if draft is None or not draft.alive or not draft.is_draft:
                raise UnknownItem(f"no draft {draft_id!r} in {mailbox.address}")
            mailbox.discard_draft(draft, self._clock.now())

    def owner_move_mail(self, address: str, message_id: str, folder: str) -> None:
        mailbox = self._directory.get(address)
        graph_folder = {"trash": "deleteditems", "spam": "junkemail"}.get(folder.lower(), folder)
        with mailbox.lock:
            message = mailbox.live_message(message_id)
            mailbox.move(message, mailbox.folder(graph_folder), self._clock.now())

    def owner_mark_read(self, address: str, message_id: str) -> None:
        """The owner opens a message: only ``isRead`` changes (a delta update)."""
        mailbox = self._directory.get(address)
        with mailbox.lock:
            message = mailbox.live_message(message_id)
            message.is_read = True
            mailbox.touch(message, self._clock.now(), ("isRead",))

    def owner_send_own(self, address: str, to: tuple[str, ...], subject: str, body: str) -> str:
        mailbox = self._directory.get(address)
        now = self._clock.now()
        with mailbox.lock:
            message = mailbox.new_message(
                "sentitems", now, subject=subject, body_type="html", body=html_document(body),
                sender=mailbox.owner, to=[Recipient(a, "") for a in to],
            )
            mailbox.add(message)
            mailbox.record_sent(message, by="owner")
            return message.id

    @property
    def identity(self) -> IdentityPlatform:
        return self._identity

    def drafts(self, address: str) -> list[DraftRecord]:
        mailbox = self._directory.get(address)
        with mailbox.lock:
            return [mailbox.draft_record(log) for log in mailbox.draft_logs]

    def sent(self, address: str) -> list[SentRecord]:
        mailbox = self._directory.get(address)
        with mailbox.lock:
            return list(mailbox.sent)

    def api_calls(self, address: str | None = None) -> dict[str, int]:
        key = None if address is None else address.strip().lower()
        return {
            method: count for method, count in self._meter.calls(key).items()
            if method.startswith(API_METHOD_PREFIXES)
        }

    def set_faults(self, faults: Faults, address: str | None = None) -> None:
        self._faults.set(faults, None if address is None else address.strip().lower())

    # --- beyond MailboxControl: for tests of sync recovery ------------------------------------

    def expire_sync_state(self, address: str) -> None:
        """Every delta link of the mailbox becomes stale (the next use answers 410 Gone)."""
        mailbox = self._directory.get(address)
        with mailbox.lock:
            mailbox.sync_generation += 1

    def user_id(self, address: str) -> str:
        """The mailbox's Graph user id (``/me``'s ``id``, the id_token's ``oid``)."""
        return self._directory.get(address).user_id

    # --- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _name_for(mailbox: Mailbox, address: str) -> str:
        return mailbox.name if address.strip().lower() == mailbox.address else ""

    @staticmethod
    def _received_headers(mailbox: Mailbox, message: StoredMessage) -> list[tuple[str, str]]:
        sender = message.sender
        date = format_datetime(message.received)
        headers = [
            ("Received", f"from mail.{(sender.address if sender else '').rpartition('@')[2]} "
                         f"by EMULATOR.prod.outlook.com; {date}"),
            ("From", f"{sender.name} <{sender.address}>" if sender and sender.name
             else sender.address if sender else ""),
            ("To", ", ".join(r.address for r in message.to)),
            ("Subject", message.subject),
            ("Date", date),
            ("Message-ID", message.internet_message_id),
        ]
        if message.in_reply_to:
            headers.append(("In-Reply-To", message.in_reply_to))
            headers.append(("References", " ".join(message.references)))
        headers += [
            ("Content-Type", "text/html; charset=utf-8"),
            ("MIME-Version", "1.0"),
        ]
        return headers
