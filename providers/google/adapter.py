"""Gmail + Google Calendar behind :class:`providers.interface.MailboxProvider`.

google-api-python-client (static discovery documents, pointed at ``GoogleEndpoints``) and
google-auth do the wire work; :mod:`providers.google.session` refreshes tokens and maps
failures; the pure parsers turn JSON into model values. The adapter never sends mail: it
never calls ``drafts.send`` or ``messages.send``.

Request budget: an idle sync is two requests (Calendar ``events.list`` with the sync token,
Gmail ``history.list``); message headers are read with ``format=metadata`` through the batch
endpoint when more than one is needed.
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any

from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from providers.clock import Clock
from providers.errors import BadRequest, CursorExpired, NotFound, RetryLater
from providers.google import calendar_json
from providers.google.clients import GoogleClients
from providers.google.endpoints import GoogleClient, GoogleEndpoints
from providers.google.mail_json import (
    METADATA_HEADERS,
    GmailMessageError,
    HistoryEvent,
    decode_words,
    draft_body_text,
    draft_list,
    headers_of,
    history_events,
    label_ids,
    message_refs,
    parse_addresses,
    parse_draft,
    parse_history_page,
    parse_message,
    profile_history_id,
    thread_messages,
)
from providers.google.session import GoogleSession, Unauthorized
from providers.html_text import one_line
from providers.interface import SyncResult, SyncWindow, TokenSaver
from providers.mime import DraftContentError, draft_bytes, message_id_for_key
from providers.model import (
    CalendarChanges,
    CalendarEvent,
    DraftMark,
    DraftRef,
    DraftRequest,
    DraftState,
    MailChanges,
    MailMessage,
    ProviderName,
    ReplyTarget,
    SkippedItem,
    Tokens,
    WrittenDraft,
    WrittenWhere,
)
from providers.retry import NO_RETRY, RetryPolicy

log = logging.getLogger(__name__)

CALENDAR_PAGE_SIZE = 250
HISTORY_PAGE_SIZE = 500
LIST_PAGE_SIZE = 500
BATCH_SIZE = 50  # Gmail's advice: batches of more than 50 get rate-limited
MAX_FULL_RESYNC_MESSAGES = 1_000  # per label (INBOX, SENT), on a first or stale-cursor sync
HISTORY_TYPES = ["messageAdded", "messageDeleted", "labelAdded"]
SEARCH_LIMIT = 200
# An address or a domain, nothing that could change the meaning of the query
_SAFE_SENDER = re.compile(r"^[A-Za-z0-9._%+'-]*@?[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


@dataclass
class _BatchOutcome:
    found: dict[str, Any] = field(default_factory=dict)  # request id -> JSON answer
    missing: set[str] = field(default_factory=set)  # 404


class GmailProvider:
    """One Gmail mailbox and its primary Google calendar.

    Build it from what the service stored at connect time::

        GmailProvider(client=GoogleClient(id, secret), tokens=stored_tokens,
                      token_saver=save_encrypted, owner_email="alex@gmail.com",
                      clock=SystemClock(), clients=process_google_clients)

    It is small: the account's tokens over the process's :class:`GoogleClients` (the API
    objects and connections every account shares); without ``clients`` it makes its own
    from ``endpoints``. One thread at a time uses an instance; many instances, one per
    account, run at once.
    """

    name: ProviderName = "gmail"

    def __init__(
        self,
        *,
        client: GoogleClient,
        tokens: Tokens,
        token_saver: TokenSaver,
        owner_email: str,
        clock: Clock,
        endpoints: GoogleEndpoints | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        clients: GoogleClients | None = None,
    ) -> None:
        self._endpoints = clients.endpoints if clients else (endpoints or GoogleEndpoints())
        self._owner = owner_email.strip().lower()
        self._clock = clock
        self._session = GoogleSession(
            client=client,
            tokens=tokens,
            token_saver=token_saver,
            clock=clock,
            endpoints=self._endpoints,
            retry=retry or RetryPolicy(),
            timeout=timeout,
            clients=clients,
        )
        self._apis = self._session.clients.apis

    @property
    def tokens(self) -> Tokens:
        """The tokens in use (after any refresh)."""
        return self._session.tokens

    def close(self) -> None:
        self._session.close()

    # --- plumbing ---------------------------------------------------------------------------

    def _call(self, make: Callable[[], Any], what: str) -> Any:
        """One API request built by ``make``, with refresh, retries and error mapping."""
        return self._session.call(lambda: self._session.execute(make()), what)

    def _events_list_request(self, params: dict[str, str], page_token: str | None) -> Any:
        return self._apis.events.list(
            calendarId="primary", singleEvents=True, maxResults=CALENDAR_PAGE_SIZE,
            pageToken=page_token, **params,
        )

    def _history_list_request(self, cursor: str, page_token: str | None) -> Any:
        return self._apis.history.list(
            userId="me", startHistoryId=cursor, historyTypes=HISTORY_TYPES,
            maxResults=HISTORY_PAGE_SIZE, pageToken=page_token,
        )

    def _messages_list_request(self, query: str, label_ids: list[str] | None, page_size: int,
                               page_token: str | None) -> Any:
        return self._apis.messages.list(
            userId="me", q=query, labelIds=label_ids, maxResults=page_size,
            pageToken=page_token,
        )

    # --- sync -------------------------------------------------------------------------------

    def sync(
        self, calendar_cursor: str | None, mail_cursor: str | None, window: SyncWindow
    ) -> SyncResult:
        return SyncResult(
            calendar=self._sync_calendar(calendar_cursor, window),
            mail=self._sync_mail(mail_cursor, window),
        )

    def _sync_calendar(self, cursor: str | None, window: SyncWindow) -> CalendarChanges:
        if cursor:
            try:
                return self._calendar_pages({"syncToken": cursor}, full_resync=False)
            except CursorExpired:
                log.info("calendar sync token expired (410): full resync of the window")
        return self._calendar_pages(
            {
                "timeMin": _rfc3339(window.start),
                "timeMax": _rfc3339(window.end),
            },
            full_resync=cursor is not None,
        )

    def _calendar_pages(self, params: dict[str, str], *, full_resync: bool) -> CalendarChanges:
        events: list[CalendarEvent] = []
        removed: list[str] = []
        skipped: list[SkippedItem] = []
        page_token: str | None = None
        while True:
            page = self._call(
                partial(self._events_list_request, params, page_token),
                "calendar.events.list",
            )
            items = page.get("items") if isinstance(page, Mapping) else None
            live: list[Any] = []
            for item in items if isinstance(items, list) else []:
                gone = calendar_json.removed_id(item)
                if gone is not None:
                    removed.append(gone)
                else:
                    live.append(item)
            parsed, bad = calendar_json.parse_events(live, self._owner)
            events.extend(parsed)
            skipped.extend(bad)
            page_token = _text_field(page, "nextPageToken")
            if page_token is None:
                sync_token = _text_field(page, "nextSyncToken")
                if sync_token is None:
                    raise BadRequest("calendar events.list ended without a nextSyncToken")
                return CalendarChanges(events=events, removed_ids=removed, cursor=sync_token,
                                       full_resync=full_resync, skipped=skipped)

    def _sync_mail(self, cursor: str | None, window: SyncWindow) -> MailChanges:
        if cursor:
            try:
                return self._mail_history(cursor)
            except NotFound:
                log.info("gmail history id too old (404): full resync of recent mail")
        return self._mail_full(window, full_resync=cursor is not None)

    def _mail_history(self, cursor: str) -> MailChanges:
        changed: dict[str, None] = {}
        deleted: dict[str, None] = {}
        drafts_changed = False
        history_id = cursor
        page_token: str | None = None
        while True:
            response = self._call(
                partial(self._history_list_request, cursor, page_token),
                "gmail.users.history.list",
            )
            try:
                page = parse_history_page(response)
            except GmailMessageError as exc:
                raise BadRequest(f"history.list: {exc}") from None
            for gone in page.deleted_ids:
                deleted[gone] = None
                changed.pop(gone, None)
            for identifier in page.changed_ids:
                changed[identifier] = None
                deleted.pop(identifier, None)
            history_id = page.history_id or history_id
            drafts_changed = drafts_changed or page.drafts_changed
            page_token = page.next_page_token
            if page_token is None:
                break
        messages, skipped, missing = self._read_messages(list(changed))
        return MailChanges(
            messages=messages,
            deleted_ids=[*deleted, *(m for m in changed if m in missing)],
            cursor=history_id,
            full_resync=False,
            skipped=skipped,
            drafts_changed=drafts_changed,
        )

    def _mail_full(self, window: SyncWindow, *, full_resync: bool) -> MailChanges:
        # The history id first: whatever arrives while listing shows up again next time.
        profile = self._call(lambda: self._apis.users.getProfile(userId="me"),
                             "gmail.users.getProfile")
        try:
            history_id = profile_history_id(profile)
        except GmailMessageError as exc:
            raise BadRequest(f"getProfile: {exc}") from None
        query = f"after:{int(window.start.timestamp())}"
        ids: dict[str, None] = {}
        for label in ("INBOX", "SENT"):
            for message_id, _ in self._list_messages(query, label_ids=[label],
                                                     limit=MAX_FULL_RESYNC_MESSAGES):
                ids[message_id] = None
        messages, skipped, _ = self._read_messages(list(ids))
        return MailChanges(messages=messages, deleted_ids=[], cursor=history_id,
                           full_resync=full_resync, skipped=skipped)

    def _list_messages(self, query: str, *, label_ids: list[str] | None = None,
                       limit: int) -> Iterator[tuple[str, str | None]]:
        page_token: str | None = None
        seen = 0
        while True:
            response = self._call(
                partial(self._messages_list_request, query, label_ids,
                        min(LIST_PAGE_SIZE, limit), page_token),
                "gmail.users.messages.list",
            )
            for ref in message_refs(response):
                yield ref
                seen += 1
                if seen >= limit:
                    return
            page_token = _text_field(response, "nextPageToken")
            if page_token is None:
                return

    def _read_messages(
        self, ids: list[str]
    ) -> tuple[list[MailMessage], list[SkippedItem], set[str]]:
        """Headers of these messages (drafts left out), the unreadable ones, the gone ones."""
        outcome = self._get_many(
            ids,
            lambda message_id: self._apis.messages.get(
                userId="me", id=message_id, format="metadata",
                metadataHeaders=list(METADATA_HEADERS),
            ),
            "gmail.users.messages.get",
        )
        messages: list[MailMessage] = []
        skipped: list[SkippedItem] = []
        for message_id in ids:
            item = outcome.found.get(message_id)
            if item is None:
                continue
            if "DRAFT" in label_ids(item):
                continue
            try:
                messages.append(parse_message(item))
            except GmailMessageError as exc:
                log.warning("skipped message %s: %s", message_id, exc)
                skipped.append(SkippedItem(id=message_id, error=str(exc)))
        return messages, skipped, outcome.missing

    def _get_many(
        self, ids: Sequence[str], make: Callable[[str], Any], what: str
    ) -> _BatchOutcome:
        """One GET per id, several at a time through the batch endpoint; 404s are
        collected, transient failures of single parts retried per policy."""
        outcome = _BatchOutcome()
        if len(ids) == 1:
            try:
                outcome.found[ids[0]] = self._call(lambda: make(ids[0]), what)
            except NotFound:
                outcome.missing.add(ids[0])
            return outcome
        for start in range(0, len(ids), BATCH_SIZE):
            chunk = list(ids[start:start + BATCH_SIZE])
            self._session.call(partial(self._batch_round, chunk, make, outcome),
                               f"{what} (batch)")
        return outcome

    def _batch_round(self, chunk: list[str], make: Callable[[str], Any],
                     outcome: _BatchOutcome) -> None:
        pending = [i for i in chunk if i not in outcome.found and i not in outcome.missing]
        if not pending:
            return
        failures: list[Exception] = []

        def collect(request_id: str, response: Any, exception: Exception | None) -> None:
            if exception is None:
                outcome.found[request_id] = response
                return
            mapped = (self._session.failure(exception) if isinstance(exception, HttpError)
                      else RetryLater(f"batch part failed: {type(exception).__name__}"))
            if isinstance(mapped, NotFound):
                outcome.missing.add(request_id)
            else:
                failures.append(mapped)

        batch = BatchHttpRequest(callback=collect, batch_uri=self._endpoints.gmail_batch_uri)
        for message_id in pending:
            batch.add(self._session.bind(make(message_id)), request_id=message_id)
        self._session.execute(batch)
        # Parts that failed are asked again on the next round; 401 before anything else.
        for failure in failures:
            if isinstance(failure, Unauthorized):
                raise failure
        for failure in failures:
            if not isinstance(failure, RetryLater):
                raise failure
        if failures:
            first = failures[0]
            assert isinstance(first, RetryLater)
            raise RetryLater(f"{len(failures)} batch part(s) failed: {first}",
                             retry_after=max((f.retry_after or 0.0 for f in failures
                                              if isinstance(f, RetryLater)), default=None)
                             or None)

    # --- drafts -----------------------------------------------------------------------------

    def create_draft(self, request: DraftRequest) -> DraftRef:
        """A draft carrying the request's mark; a reply whose thread is gone starts a new
        thread instead."""
        try:
            return self._create_once(request)
        except NotFound:
            if request.reply_to is None:
                raise
        log.info("the thread to answer is gone; the draft starts a new one")
        return self._create_once(replace(request, reply_to=None))

    def _create_once(self, request: DraftRequest) -> DraftRef:
        """One drafts.create; after a failure whose outcome is unknown (timeout, 5xx, reset)
        the draft is looked up by its key before any new attempt. A caller re-running an
        intent whose earlier call ended in an exception calls :meth:`find_draft` first."""
        try:
            raw = draft_bytes(request, owner_email=self._owner, date=self._clock.now())
        except DraftContentError as exc:
            raise BadRequest(str(exc)) from None
        message: dict[str, Any] = {"raw": _b64url(raw)}
        if request.reply_to is not None and request.reply_to.thread_id:
            message["threadId"] = request.reply_to.thread_id
        response = self._session.call(
            lambda: self._session.execute(
                self._apis.drafts.create(userId="me", body={"message": message})
            ),
            "gmail.users.drafts.create",
            recover=lambda: self._session.call(
                lambda: self._find_draft_once(request.mark.key), "find draft", retry=NO_RETRY
            ),
        )
        if isinstance(response, DraftRef):
            return response
        return _draft_ref(response, request.mark)

    def update_draft(self, ref: DraftRef, subject: str, body: str) -> DraftRef:
        current = self._call(
            lambda: self._apis.drafts.get(userId="me", id=ref.draft_id, format="metadata"),
            "gmail.users.drafts.get",
        )
        try:
            entry = parse_draft(current)
        except GmailMessageError as exc:
            raise BadRequest(f"drafts.get: {exc}") from None
        if "DRAFT" not in label_ids(entry.message) and label_ids(entry.message):
            raise NotFound("the draft is no longer a draft")
        headers = headers_of(entry.message.get("payload"))
        recipients = parse_addresses(headers.get("to"))
        if not recipients:
            raise BadRequest("drafts.get: the draft has no usable recipient")
        senders = parse_addresses(headers.get("from"))
        reply_to = None
        if headers.get("in-reply-to"):
            reply_to = ReplyTarget(
                message_id="",
                thread_id=entry.thread_id or ref.thread_id,
                message_id_header=headers.get("in-reply-to"),
                references=tuple((headers.get("references") or "").split()),
            )
        request = DraftRequest(mark=ref.mark, to=recipients[0], subject=subject, body=body,
                               sender=senders[0] if senders else None, reply_to=reply_to)
        try:
            raw = draft_bytes(request, owner_email=self._owner, date=self._clock.now())
        except DraftContentError as exc:
            raise BadRequest(str(exc)) from None
        message: dict[str, Any] = {"raw": _b64url(raw), "threadId": entry.thread_id
                                   or ref.thread_id}
        response = self._call(
            lambda: self._apis.drafts.update(
                userId="me", id=ref.draft_id, body={"id": ref.draft_id, "message": message}
            ),
            "gmail.users.drafts.update",
        )
        updated = _draft_ref(response, ref.mark)
        return replace(updated, thread_id=updated.thread_id or ref.thread_id)

    def delete_draft(self, ref: DraftRef) -> None:
        try:
            self._call(lambda: self._apis.drafts.delete(userId="me", id=ref.draft_id),
                       "gmail.users.drafts.delete")
        except NotFound:
            log.info("draft %s was already gone", ref.draft_id)

    def find_draft(self, key: str) -> DraftRef | None:
        return self._session.call(lambda: self._find_draft_once(key), "find draft")

    def _find_draft_once(self, key: str) -> DraftRef | None:
        """One lookup attempt (the recovery step inside create_draft's retries): the draft
        whose Message-ID is the key's."""
        wanted = message_id_for_key(key, self._owner)
        listed = self._session.execute(
            self._apis.drafts.list(userId="me", q=f"rfc822msgid:{wanted.strip('<>')}"))
        for entry in draft_list(listed):
            try:
                draft = self._session.execute(
                    self._apis.drafts.get(userId="me", id=entry.draft_id,
                                               format="metadata")
                )
                parsed = parse_draft(draft)
            except (NotFound, GmailMessageError):
                continue
            header = headers_of(parsed.message.get("payload")).get("message-id", "")
            if header.strip().lower() == wanted.lower():
                return DraftRef(draft_id=parsed.draft_id, message_id=parsed.message_id,
                                thread_id=parsed.thread_id or "", mark=DraftMark(key))
        return None

    def write_checkpoint(self) -> str | None:
        """The mailbox's historyId now (``getProfile``): the history after it holds the
        write that follows, and whatever the owner does to it."""
        profile = self._call(lambda: self._apis.users.getProfile(userId="me"),
                             "gmail.users.getProfile")
        try:
            return profile_history_id(profile)
        except GmailMessageError as exc:
            raise BadRequest(f"getProfile: {exc}") from None

    def find_written(self, request: DraftRequest, since: datetime,
                     checkpoint: str | None) -> WrittenDraft:
        """Drafts (by the mark's Message-ID), then Trash, Spam and Sent (``messages.list``
        with ``rfc822msgid:`` and ``includeSpamTrash``: a draft's message the owner deleted
        as a message goes to Trash), then the history since ``checkpoint``. Discarding a
        draft in Gmail removes it for good, as ``drafts.delete`` does ("Immediately and
        permanently deletes the specified draft. Does not simply trash it.",
        https://developers.google.com/gmail/api/reference/rest/v1/users.drafts/delete), and
        sending gives the sent copy Gmail's own Message-ID: then only the history tells.
        The write followed the checkpoint at once, so the first draft message added after it
        is the one written; when it is gone, a sent message added to its thread afterwards
        means the owner sent it, else they deleted it."""
        found = self.find_draft(request.mark.key)
        if found is not None:
            (state,) = self.draft_states([found])
            if state.fate == "draft":
                return WrittenDraft("draft", state)
        elsewhere = self._marked_elsewhere(request.mark)
        if elsewhere is not None:
            return elsewhere
        if checkpoint is None:
            return WrittenDraft("absent")
        try:
            events = self._history_since(checkpoint)
        except NotFound:
            log.warning("gmail history before the uncertain write is gone: taken as absent")
            return WrittenDraft("absent")
        first = next((e for e in events if e.kind == "added" and "DRAFT" in e.labels), None)
        if first is None:
            return WrittenDraft("absent")
        wanted_thread = request.reply_to.thread_id if request.reply_to is not None else None
        shaped = (first.thread_id == wanted_thread if wanted_thread
                  else first.thread_id in (first.message_id, ""))
        position = events.index(first)
        deleted = any(e.kind == "deleted" and e.message_id == first.message_id
                      for e in events[position:])
        if not shaped or not deleted:
            return WrittenDraft("absent")  # someone else's draft, or an edit left it as one
        sent_after = any(e.kind == "added" and "SENT" in e.labels
                         and e.thread_id == first.thread_id for e in events[position:])
        ref = DraftRef(draft_id="", message_id=first.message_id,
                       thread_id=first.thread_id or first.message_id, mark=request.mark)
        owners = self._owner_messages([ref.thread_id]).get(ref.thread_id, ())
        return WrittenDraft("sent" if sent_after else "deleted",
                            DraftState(ref=ref, fate="gone", thread_messages=tuple(owners)))

    def _marked_elsewhere(self, mark: DraftMark) -> WrittenDraft | None:
        wanted = message_id_for_key(mark.key, self._owner)
        listed = self._call(
            lambda: self._apis.messages.list(
                userId="me", q=f"rfc822msgid:{wanted.strip('<>')}", includeSpamTrash=True,
                maxResults=10),
            "gmail.users.messages.list")
        for message_id, thread_id in message_refs(listed):
            try:
                message = self._call(
                    partial(self._apis.messages.get, userId="me", id=message_id,
                            format="minimal"),
                    "gmail.users.messages.get")
            except NotFound:
                continue
            labels = label_ids(message)
            if "DRAFT" in labels:
                continue
            ref = DraftRef(draft_id="", message_id=message_id,
                           thread_id=thread_id or message_id, mark=mark)
            owners = self._owner_messages([ref.thread_id]).get(ref.thread_id, ())
            where: WrittenWhere = "sent" if "SENT" in labels and not labels & {
                "TRASH", "SPAM"} else "deleted"
            return WrittenDraft(where, DraftState(ref=ref, fate="gone",
                                                  thread_messages=tuple(owners)))
        return None

    def _history_since(self, checkpoint: str) -> list[HistoryEvent]:
        events: list[HistoryEvent] = []
        page_token: str | None = None
        for _ in range(50):
            response = self._call(
                partial(self._apis.history.list, userId="me",
                        startHistoryId=checkpoint,
                        historyTypes=["messageAdded", "messageDeleted"],
                        maxResults=HISTORY_PAGE_SIZE, pageToken=page_token),
                "gmail.users.history.list")
            try:
                page, page_token = history_events(response)
            except GmailMessageError as exc:
                raise BadRequest(f"history.list: {exc}") from None
            events += page
            if page_token is None:
                break
        return events

    def _owner_messages(self, thread_ids: Sequence[str]) -> dict[str, list[MailMessage]]:
        """The owner's sent messages in each thread (``threads.get``)."""
        threads = self._get_many(
            list(dict.fromkeys(t for t in thread_ids if t)),
            lambda thread_id: self._apis.threads.get(
                userId="me", id=thread_id, format="metadata",
                metadataHeaders=list(METADATA_HEADERS)),
            "gmail.users.threads.get",
        )
        return {thread_id: [m for m in thread_messages(found)
                            if m.folder == "sent" and m.sender is not None
                            and m.sender.email == self._owner]
                for thread_id, found in threads.found.items()}

    def draft_states(self, refs: Sequence[DraftRef]) -> list[DraftState]:
        """Each draft as it stands (``drafts.get``), or gone with the owner's messages in
        its thread (``threads.get``): Gmail sends a draft as a new message with a new id
        (https://developers.google.com/gmail/api/guides/drafts)."""
        outcome = self._get_many(
            list(dict.fromkeys(ref.draft_id for ref in refs)),
            lambda draft_id: self._apis.drafts.get(userId="me", id=draft_id,
                                                        format="full"),
            "gmail.users.drafts.get",
        )
        open_states = {ref.draft_id: self._open_draft_state(ref, outcome.found[ref.draft_id])
                       for ref in refs if ref.draft_id in outcome.found}
        gone = [ref for ref in refs if open_states.get(ref.draft_id) is None]
        owners = self._owner_messages([ref.thread_id for ref in gone])
        states: list[DraftState] = []
        for ref in refs:
            state = open_states.get(ref.draft_id)
            if state is None:
                state = DraftState(ref=ref, fate="gone",
                                   thread_messages=tuple(owners.get(ref.thread_id, ())))
            states.append(state)
        return states

    def _open_draft_state(self, ref: DraftRef, found: Any) -> DraftState | None:
        try:
            entry = parse_draft(found)
        except GmailMessageError:
            return None
        if "DRAFT" not in label_ids(entry.message) and label_ids(entry.message):
            return None
        headers = headers_of(entry.message.get("payload"))
        recipients = tuple(dict.fromkeys(
            person.email for name in ("to", "cc", "bcc")
            for person in parse_addresses(headers.get(name))))
        # Every edit gives the draft's message a new id, a subject change a new thread.
        current = replace(ref, message_id=entry.message_id,
                          thread_id=entry.thread_id or ref.thread_id)
        return DraftState(
            ref=current,
            fate="draft",
            subject=_decoded_subject(headers.get("subject")),
            body=draft_body_text(entry.message.get("payload")),
            recipients=recipients,
        )

    # --- search -----------------------------------------------------------------------------

    def search_mail(self, since: datetime, senders: Sequence[str]) -> list[MailMessage]:
        """One ``messages.list`` over every label, spam and trash included (``from:`` takes
        an address or a domain), then the headers of what it found."""
        wanted = [sender.strip().lower() for sender in senders if _SAFE_SENDER.match(sender)]
        if not wanted:
            return []
        query = (f"after:{int(since.timestamp())} "
                 + "{" + " ".join(f"from:{sender}" for sender in wanted) + "}")
        page = self._call(
            lambda: self._apis.messages.list(userId="me", q=query, includeSpamTrash=True,
                                                   maxResults=SEARCH_LIMIT),
            "gmail.users.messages.list")
        ids = [message_id for message_id, _ in message_refs(page)]
        messages, skipped, _ = self._read_messages(ids)
        for item in skipped:
            log.warning("search: skipped message %s: %s", item.id, item.error)
        return [m for m in messages if m.sender is None or m.sender.email != self._owner]

    # --- bodies -----------------------------------------------------------------------------

    def message_body(self, message_id: str) -> str:
        item = self._call(
            lambda: self._apis.messages.get(userId="me", id=message_id, format="full"),
            "gmail.users.messages.get",
        )
        try:
            message = parse_message(item, with_body=True)
        except GmailMessageError as exc:
            raise BadRequest(f"messages.get: {exc}") from None
        return message.body_text or ""


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _text_field(response: Any, name: str) -> str | None:
    value = response.get(name) if isinstance(response, Mapping) else None
    return value if isinstance(value, str) and value else None


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii")


def _draft_ref(response: Any, mark: DraftMark) -> DraftRef:
    try:
        entry = parse_draft(response)
    except GmailMessageError as exc:
        raise BadRequest(f"unexpected draft answer: {exc}") from None
    return DraftRef(draft_id=entry.draft_id, message_id=entry.message_id,
                    thread_id=entry.thread_id or "", mark=mark)


def _decoded_subject(raw: str | None) -> str:
    return one_line(decode_words(raw or ""))

