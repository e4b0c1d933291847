"""Outlook over Microsoft Graph v1.0: the :class:`providers.interface.MailboxProvider` for
one connected mailbox.

Sync is three delta queries (calendarView, Inbox, Sent Items) sent together in one JSON
``$batch``: an idle pass costs one HTTP request. Every request asks for immutable ids. Drafts
carry the service's mark (its opaque key) as a single-value extended property only, which
Graph can filter on: that is how a draft is found again after a lost answer. Nothing relies
on the mark surviving a send: a sent draft is recognised by its conversation and recipient.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from urllib.parse import quote

import httpx

from providers.clock import Clock
from providers.errors import (
    CursorExpired,
    NotFound,
    ProviderError,
    RetryLater,
)
from providers.interface import SyncResult, SyncWindow, TokenSaver
from providers.microsoft import graph_requests as requests
from providers.microsoft.batching import Get, GraphBatcher, Outcome
from providers.microsoft.calendar_json import parse_events, removed_id
from providers.microsoft.endpoints import MicrosoftEndpoints
from providers.microsoft.graph_json import (
    GraphShapeError,
    message_body_text,
    parse_message_changes,
    parse_page,
    recipient_addresses,
)
from providers.microsoft.mark import MARK_PROPERTY_ID
from providers.microsoft.oauth import MicrosoftOAuth
from providers.microsoft.tokens import TokenKeeper
from providers.microsoft.transport import (
    DEFAULT_TIMEOUT,
    GraphReply,
    GraphTransport,
)
from providers.model import (
    CalendarChanges,
    CalendarEvent,
    DraftMark,
    DraftRef,
    DraftRequest,
    DraftState,
    Folder,
    MailChanges,
    MailMessage,
    ProviderName,
    SkippedItem,
    Tokens,
    WrittenDraft,
    WrittenWhere,
)
from providers.parsing import item_id
from providers.retry import RetryPolicy, call_with_retry

log = logging.getLogger(__name__)

# A delta chain longer than this is a server bug or a hostile loop, not a mailbox.
_MAX_DELTA_ROUNDS = 500

_REF_FIELDS = ("id", "conversationId", "isDraft")
_SEARCH_PAGE = 250
_SEARCH_PAGES = 4
_STATE_FIELDS = ("id", *requests.DRAFT_FIELDS)
_THREAD_FIELDS = ("id", "isDraft", *requests.MESSAGE_FIELDS)


@dataclass(eq=False)
class _Stream:
    """One delta query being walked: from its cursor (or from scratch) to a new deltaLink."""

    name: str  # "calendar", "calendar-old" (a link being retired), "inbox", "sent"
    start: str  # the from-scratch request ("" : none, the stream ends when its link does)
    prefer: str
    url: str = ""
    stale: bool = False  # the cursor could not be used: this is a full resync
    resets: int = 0
    items: list[Any] = field(default_factory=list)
    delta_link: str | None = None

    @property
    def is_mail(self) -> bool:
        return not self.name.startswith("calendar")

    def restart(self, stale: bool) -> None:
        self.url, self.items, self.delta_link = self.start, [], None
        self.stale = self.stale or stale


class OutlookProvider:
    """One Outlook mailbox. Build it from the account's stored tokens::

        OutlookProvider(owner_email, tokens, save_tokens, oauth, clock)

    where ``oauth`` is the app's :class:`MicrosoftOAuth` (it refreshes tokens, knows the
    endpoints and holds the connections every mailbox shares) and ``save_tokens`` persists
    every refreshed :class:`Tokens`. An instance is small (tokens, the drafts folder's id):
    build one per pass. At most four requests (see :class:`MailboxGate`) of all the instances
    for one mailbox are in flight at once.
    """

    name: ProviderName = "outlook"

    def __init__(
        self,
        owner_email: str,
        tokens: Tokens,
        save_tokens: TokenSaver,
        oauth: MicrosoftOAuth,
        clock: Clock,
        *,
        retry: RetryPolicy | None = None,
        page_size: int = requests.DEFAULT_PAGE_SIZE,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        http_transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._owner = owner_email.strip().lower()
        self._clock = clock
        self._policy = retry or RetryPolicy()
        self._tokens = TokenKeeper(tokens, oauth.refresh, save_tokens, clock)
        endpoints: MicrosoftEndpoints = oauth.endpoints
        self._base = endpoints.graph_base
        # The app's connections, shared by every mailbox, unless a transport of its own
        # is given (a test's wire).
        self._transport = GraphTransport(
            endpoints, self._tokens, clock,
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
            transport=http_transport,
            connections=None if http_transport is not None else oauth.connections,
            mailbox=self._owner,
        )
        self._batcher = GraphBatcher(
            self._transport, self._tokens, self._base, self._policy, clock
        )
        self._page_size = page_size
        self._drafts_folder_id: str | None = None

    @property
    def tokens(self) -> Tokens:
        """The tokens now in use (refreshed ones included)."""
        return self._tokens.tokens

    def close(self) -> None:
        self._transport.close()

    # --- sync -----------------------------------------------------------------------------

    def sync(
        self, calendar_cursor: str | None, mail_cursor: str | None, window: SyncWindow
    ) -> SyncResult:
        calendar_prefer = requests.calendar_prefer(self._page_size)
        calendar = _Stream("calendar", requests.calendar_delta_path(window), calendar_prefer)
        streams = [calendar]
        for folder in requests.MAIL_FOLDERS:
            streams.append(
                _Stream(folder, requests.folder_delta_path(folder, window.start),
                        requests.mail_prefer(self._page_size))
            )
        anchored, calendar_window = self._calendar_start(calendar, calendar_cursor, window)
        if anchored is not None:
            # The old window ends soon: one last round on its link (nothing that changed
            # there is lost), while the new window is listed from scratch.
            streams.append(_Stream("calendar-old", "", calendar_prefer, url=anchored))
        mail_links = requests.decode_mail_cursor(mail_cursor)
        for stream in streams[1:]:
            if not stream.is_mail:
                continue
            cursor = mail_links.get(stream.name) if mail_links else None
            if cursor and requests.relative_to_root(cursor, self._base) is not None:
                stream.url = cursor
            else:
                if mail_cursor:
                    log.warning("unusable %s cursor: full sync", stream.name)
                stream.restart(stale=bool(mail_cursor))
        self._walk(streams)
        by_name = {stream.name: stream for stream in streams}
        return SyncResult(
            # a stale link restarted from scratch: on the window asked for now
            calendar=self._calendar_changes(calendar, by_name.get("calendar-old"),
                                            window if calendar.resets else calendar_window),
            mail=self._mail_changes(by_name["inbox"], by_name["sent"]),
        )

    def _calendar_start(self, calendar: _Stream, cursor: str | None, window: SyncWindow
                        ) -> tuple[str | None, SyncWindow]:
        """Point the calendar stream at its cursor, or at a new window; returns the old link
        to retire when the window is re-anchored, and the window the stream covers."""
        decoded = requests.decode_calendar_cursor(cursor)
        link = decoded[0] if decoded else None
        if link is None or requests.relative_to_root(link, self._base) is None:
            if cursor:
                log.warning("unusable calendar cursor: full sync")
            calendar.restart(stale=bool(cursor))
            return None, window
        anchored = decoded[1] if decoded else None
        now = self._clock.now()
        if anchored is not None and anchored.end - now > (window.end - now) / 2:
            calendar.url = link
            return None, anchored
        # The window given at the first call is fixed for the life of the link
        # (https://learn.microsoft.com/en-us/graph/delta-query-events): once less than half
        # the horizon asked for is left, start a new one, so events far ahead are seen.
        log.info("calendar window re-anchored")
        calendar.restart(stale=False)
        return link, window

    def _walk(self, streams: list[_Stream]) -> None:
        """Follows every stream to its deltaLink, all pending pages of a round in one batch."""
        for _ in range(_MAX_DELTA_ROUNDS):
            pending = {s.name: s for s in streams if s.delta_link is None}
            if not pending:
                return
            outcomes = self._batcher.get_many(
                {name: Get(s.url, s.prefer) for name, s in pending.items()}, "delta sync"
            )
            restarted: set[str] = set()
            for name, outcome in outcomes.items():
                if name not in restarted:
                    restarted |= self._advance(pending[name], outcome, streams)
        raise RetryLater("delta sync: too many pages")

    def _advance(self, stream: _Stream, outcome: Outcome, streams: list[_Stream]) -> set[str]:
        """Takes one answer into its stream; returns the streams a stale cursor restarted
        (answers for them from the same round belong to the old cursor)."""
        if isinstance(outcome, CursorExpired | NotFound) and not stream.start:
            # A link being retired went stale: the new window's full listing covers it.
            stream.items, stream.delta_link = [], ""
            return set()
        if isinstance(outcome, CursorExpired | NotFound) and stream.url != stream.start:
            if stream.resets:
                raise RetryLater(f"{stream.name} delta: stale again after a full resync")
            log.info("%s delta cursor is stale: full resync", stream.name)
            # Both mail folders restart together: a full mail resync must be whole.
            restarted = [
                other for other in streams
                if other is stream or (stream.is_mail and other.is_mail)
            ]
            for other in restarted:
                other.resets += 1
                other.restart(stale=True)
            return {other.name for other in restarted}
        if isinstance(outcome, CursorExpired):
            raise RetryLater(f"{stream.name} delta: {outcome}")
        if isinstance(outcome, ProviderError):
            raise outcome
        try:
            page = parse_page(outcome.body)
        except GraphShapeError as exc:
            raise RetryLater(f"{stream.name} delta: {exc}") from None
        stream.items.extend(page.items)
        if page.next_link:
            if requests.relative_to_root(page.next_link, self._base) is None:
                raise RetryLater(f"{stream.name} delta: a nextLink outside the Graph root")
            stream.url = page.next_link
        elif page.delta_link:
            stream.delta_link = page.delta_link
        else:
            raise RetryLater(f"{stream.name} delta: a page with neither nextLink nor deltaLink")
        return set()

    def _calendar_changes(self, stream: _Stream, retired: _Stream | None,
                          window: SyncWindow) -> CalendarChanges:
        removed: list[str] = []
        present: list[Any] = []
        for item in [*(retired.items if retired else ()), *stream.items]:
            gone = removed_id(item)
            if gone is not None:
                removed.append(gone)
            else:
                present.append(item)
        events, skipped = parse_events(present, self._owner)
        latest = {event.id: event for event in events}  # a later page wins
        gone_ids = list(dict.fromkeys(i for i in removed if i not in latest))
        # "@removed" also means "moved out of the window": only a deleted event is gone.
        moved, gone_ids, unreadable = self._still_there(gone_ids)
        latest.update((event.id, event) for event in moved)
        assert stream.delta_link is not None
        return CalendarChanges(
            events=list(latest.values()),
            removed_ids=gone_ids,
            cursor=requests.encode_calendar_cursor(stream.delta_link, window),
            full_resync=stream.stale,
            skipped=[*skipped, *unreadable],
        )

    def _still_there(self, event_ids: list[str]
                     ) -> tuple[list[CalendarEvent], list[str], list[SkippedItem]]:
        """The events behind "@removed" stubs that still exist (moved outside the window),
        the ids that are really gone, and what could not be read."""
        if not event_ids:
            return [], [], []
        outcomes = self._batcher.get_many(
            {str(n): Get(requests.event_path(event_id), requests.calendar_prefer(1))
             for n, event_id in enumerate(event_ids)}, "removed events")
        found: list[Any] = []
        gone: list[str] = []
        for n, event_id in enumerate(event_ids):
            outcome = outcomes[str(n)]
            if isinstance(outcome, NotFound):
                gone.append(event_id)
            elif isinstance(outcome, ProviderError):
                raise outcome
            else:
                found.append(outcome.body)
        events, skipped = parse_events(found, self._owner)
        return events, gone, skipped

    def _mail_changes(self, inbox: _Stream, sent: _Stream) -> MailChanges:
        messages: dict[str, MailMessage] = {}
        deleted: list[str] = []
        skipped: list[SkippedItem] = []
        folders: tuple[tuple[_Stream, Folder], ...] = ((inbox, "inbox"), (sent, "sent"))
        for stream, folder in folders:
            changes = parse_message_changes(stream.items, folder)
            for message in changes.messages:
                messages[message.id] = message
            deleted.extend(changes.removed_ids)
            skipped.extend(changes.skipped)
        assert inbox.delta_link is not None and sent.delta_link is not None
        return MailChanges(
            messages=list(messages.values()),
            deleted_ids=list(dict.fromkeys(i for i in deleted if i not in messages)),
            cursor=requests.encode_mail_cursor(
                {"inbox": inbox.delta_link, "sent": sent.delta_link}
            ),
            full_resync=inbox.stale or sent.stale,
            skipped=skipped,
        )

    # --- drafts ---------------------------------------------------------------------------

    def create_draft(self, request: DraftRequest) -> DraftRef:
        """POST the draft; before any retry, look it up by its mark first (the earlier attempt
        may have been written though its answer was lost). Callers resuming after a crash
        call :meth:`find_draft` first, as the outbox does."""
        message = requests.draft_message(request, MARK_PROPERTY_ID)
        reply_to = request.reply_to

        def post() -> DraftRef:
            if reply_to is not None:
                try:
                    reply = self._transport.request(
                        "POST",
                        f"/me/messages/{quote(reply_to.message_id, safe='')}/createReply",
                        body={"message": message},
                        what="create reply draft",
                    )
                    return self._ref(reply.body, request.mark)
                except NotFound:
                    log.info("the message to answer is gone: writing a new draft instead")
            created = self._transport.request(
                "POST", "/me/messages", body=message, what="create draft"
            )
            return self._ref(created.body, request.mark)

        return call_with_retry(
            post,
            self._policy,
            self._clock,
            recover=lambda: self._marked_draft(request.mark),
            what="create draft",
        )

    def update_draft(self, ref: DraftRef, subject: str, body: str) -> DraftRef:
        reply = self._call(
            "PATCH",
            f"/me/messages/{quote(ref.message_id, safe='')}",
            "update draft",
            body=requests.draft_update(subject, body),
        )
        conversation = reply.body.get("conversationId") if isinstance(reply.body, dict) else None
        thread_id = conversation if isinstance(conversation, str) and conversation else (
            ref.thread_id
        )
        return DraftRef(draft_id=ref.draft_id, message_id=ref.message_id, thread_id=thread_id,
                        mark=ref.mark)

    def delete_draft(self, ref: DraftRef) -> None:
        try:
            self._call("DELETE", f"/me/messages/{quote(ref.message_id, safe='')}",
                       "delete draft")
        except NotFound:
            log.info("draft %s was gone already", ref.mark.key)

    def find_draft(self, key: str) -> DraftRef | None:
        """The draft carrying this key, by an ``eq`` filter on the extended property."""
        return call_with_retry(lambda: self._marked_draft(DraftMark(key)), self._policy,
                               self._clock, what="find draft")

    def write_checkpoint(self) -> str | None:
        """None: the mark travels with the item through every folder, and the time of the
        write is enough to find the owner's sent copy."""
        return None

    def find_written(self, request: DraftRequest, since: datetime,
                     checkpoint: str | None) -> WrittenDraft:
        """One batch: the mark's ``eq`` filter in Drafts, Deleted Items, Recoverable Items
        (``recoverableitemsdeletions``: "soft-deleted items: deleted either from the Deleted
        Items folder, or by pressing shift+delete in Outlook",
        https://learn.microsoft.com/en-us/graph/api/resources/mailfolder) and Sent Items,
        and the owner's Sent Items since the write: the least helpful client sends the
        draft as a new item without the property
        (https://learn.microsoft.com/en-us/graph/api/resources/mail-api-overview)."""
        folders: tuple[tuple[str, WrittenWhere], ...] = (
            ("drafts", "draft"), ("sentitems", "sent"), ("deleteditems", "deleted"),
            ("recoverableitemsdeletions", "deleted"))
        gets = {folder: Get(requests.marked_in_folder_path(folder, MARK_PROPERTY_ID,
                                                           request.mark, _REF_FIELDS))
                for folder, _ in folders}
        gets["sent-since"] = Get(requests.sent_since_path(since, _THREAD_FIELDS))
        outcomes = self._batcher.get_many(gets, "find written draft")
        for folder, where in folders:
            items = self._page_items(outcomes[folder], "find written draft")
            for item in items:
                ref = self._ref(item, request.mark)
                if where == "draft":
                    (state,) = self.draft_states([ref])
                    if state.fate == "draft":
                        return WrittenDraft("draft", state)
                    continue
                owners = self._owner_messages_in([ref.thread_id]).get(ref.thread_id, [])
                return WrittenDraft(where, DraftState(ref=ref, fate="gone",
                                                      thread_messages=tuple(owners)))
        items = [item for item in self._page_items(outcomes["sent-since"], "sent since")
                 if not _is_draft(item)]
        recipient = request.to.email.lower()
        wanted_thread = request.reply_to.thread_id if request.reply_to is not None else None
        for message in parse_message_changes(items, "sent").messages:
            to = {p.email.lower() for p in (*message.to, *message.cc)}
            if recipient in to and (wanted_thread is None or message.thread_id == wanted_thread):
                ref = DraftRef(draft_id="", message_id=message.id, thread_id=message.thread_id,
                               mark=request.mark)
                return WrittenDraft("sent", DraftState(ref=ref, fate="gone",
                                                       thread_messages=(message,)))
        return WrittenDraft("absent")

    @staticmethod
    def _page_items(outcome: Outcome, what: str) -> list[Any]:
        if isinstance(outcome, NotFound):
            return []
        if isinstance(outcome, ProviderError):
            raise outcome
        try:
            return list(parse_page(outcome.body).items)
        except GraphShapeError as exc:
            raise RetryLater(f"{what}: {exc}") from None

    def draft_states(self, refs: Sequence[DraftRef]) -> list[DraftState]:
        """Each draft as it stands, by its immutable id; a draft no longer in Drafts (sent:
        its Sent Items copy has another id; deleted: gone or in Deleted Items) is reported
        gone, with the owner's messages in its conversation."""
        gets = {
            str(index): Get(requests.message_path(ref.message_id, _STATE_FIELDS),
                            requests.TEXT_BODY_PREFER)
            for index, ref in enumerate(refs)
        }
        if refs and self._drafts_folder_id is None:
            gets["drafts-folder"] = Get("/me/mailFolders/drafts?$select=id")
        outcomes = self._batcher.get_many(gets, "draft states")
        folder = outcomes.get("drafts-folder")
        if isinstance(folder, GraphReply) and isinstance(folder.body, dict):
            self._drafts_folder_id = item_id(folder.body)
        states: dict[int, DraftState] = {}
        for index, ref in enumerate(refs):
            outcome = outcomes[str(index)]
            if isinstance(outcome, NotFound):
                continue
            if isinstance(outcome, ProviderError):
                raise outcome
            state = self._open_state(ref, outcome.body)
            if state is not None:
                states[index] = state
        gone = [ref for index, ref in enumerate(refs) if index not in states]
        conversations = self._owner_messages_in(ref.thread_id for ref in gone)
        return [states.get(index) or DraftState(
                    ref=ref, fate="gone",
                    thread_messages=tuple(conversations.get(ref.thread_id, ())))
                for index, ref in enumerate(refs)]

    def _open_state(self, ref: DraftRef, item: Any) -> DraftState | None:
        """The draft, if it is still one in the Drafts folder."""
        if not isinstance(item, dict):
            raise RetryLater("draft states: a message that is not a JSON object")
        parent = item.get("parentFolderId")
        if not _is_draft(item) or (self._drafts_folder_id is not None
                                   and isinstance(parent, str)
                                   and parent != self._drafts_folder_id):
            return None  # sent, or deleted to Deleted Items: gone for the owner
        subject = item.get("subject")
        conversation = item.get("conversationId")
        return DraftState(
            ref=replace(ref, thread_id=conversation if isinstance(conversation, str)
                        and conversation else ref.thread_id),
            fate="draft",
            subject=subject if isinstance(subject, str) else "",
            body=message_body_text(item),
            recipients=recipient_addresses(item),
        )

    def _owner_messages_in(self, conversation_ids: Iterable[str]) -> dict[str, list[MailMessage]]:
        """The owner's sent messages of each conversation, in every folder."""
        wanted = list(dict.fromkeys(c for c in conversation_ids if c))
        if not wanted:
            return {}
        outcomes = self._batcher.get_many(
            {str(n): Get(requests.conversation_path(conversation, _THREAD_FIELDS))
             for n, conversation in enumerate(wanted)}, "draft conversations")
        found: dict[str, list[MailMessage]] = {}
        for n, conversation in enumerate(wanted):
            outcome = outcomes[str(n)]
            if isinstance(outcome, ProviderError):
                raise outcome
            try:
                page = parse_page(outcome.body)
            except GraphShapeError as exc:
                raise RetryLater(f"draft conversations: {exc}") from None
            items = [item for item in page.items if not _is_draft(item)]
            messages = parse_message_changes(items, "sent").messages
            found[conversation] = [m for m in messages
                                   if m.sender is not None and m.sender.email == self._owner]
        return found

    def search_mail(self, since: datetime, senders: Sequence[str]) -> list[MailMessage]:
        """Every message received since ``since`` in every folder (``/me/messages``), newest
        first, a few pages at most; the senders are matched here (Graph's $filter cannot
        match a domain)."""
        addresses = {s.strip().lower() for s in senders if "@" in s}
        domains = {s.strip().lower().lstrip("@") for s in senders if "@" not in s}
        target: str | None = requests.received_since_path(since, _THREAD_FIELDS,
                                                          _SEARCH_PAGE)
        found: list[MailMessage] = []
        for _ in range(_SEARCH_PAGES):
            if target is None:
                break
            reply = self._call("GET", target, "search mail")
            try:
                page = parse_page(reply.body)
            except GraphShapeError as exc:
                raise RetryLater(f"search mail: {exc}") from None
            items = [item for item in page.items if not _is_draft(item)]
            for message in parse_message_changes(items, "other").messages:
                sender = message.sender.email if message.sender else ""
                if sender != self._owner and (sender in addresses
                                              or sender.rpartition("@")[2] in domains):
                    found.append(message)
            target = page.next_link
        return found

    def message_body(self, message_id: str) -> str:
        reply = self._call(
            "GET",
            requests.path(f"/me/messages/{quote(message_id, safe='')}", {"$select": "body"}),
            "read message body",
            prefer=requests.TEXT_BODY_PREFER,
        )
        return message_body_text(reply.body)

    # --- internals ------------------------------------------------------------------------

    def _marked_draft(self, mark: DraftMark) -> DraftRef | None:
        """The draft carrying exactly this mark, by Graph's extended-property filter. One
        attempt: it runs inside create_draft's retries, where a failure counts as one."""
        reply = self._transport.request(
            "GET",
            requests.marked_in_folder_path("drafts", MARK_PROPERTY_ID, mark, _REF_FIELDS),
            what="look up draft by mark",
        )
        try:
            page = parse_page(reply.body)
        except GraphShapeError as exc:
            raise RetryLater(f"look up draft by mark: {exc}") from None
        for item in page.items:  # the filter matched the key: no need to read it back
            if _is_draft(item):
                return self._ref(item, mark)
        return None

    def _ref(self, item: Any, mark: DraftMark) -> DraftRef:
        message_id = item_id(item)
        if message_id is None:
            raise RetryLater("draft answer without an id")
        conversation = item.get("conversationId") if isinstance(item, dict) else None
        thread_id = conversation if isinstance(conversation, str) and conversation else (
            message_id
        )
        return DraftRef(draft_id=message_id, message_id=message_id, thread_id=thread_id,
                        mark=mark)

    def _call(
        self,
        method: str,
        target: str,
        what: str,
        *,
        body: Any = None,
        prefer: str | None = None,
    ) -> GraphReply:
        """One idempotent request, retried on transient failures."""
        headers = {"Prefer": prefer} if prefer else None
        return call_with_retry(
            lambda: self._transport.request(method, target, body=body, headers=headers,
                                            what=what),
            self._policy,
            self._clock,
            what=what,
        )


def _is_draft(item: Any) -> bool:
    return not (isinstance(item, dict) and item.get("isDraft") is False)
