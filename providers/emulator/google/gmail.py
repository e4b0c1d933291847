"""Gmail API v1 methods under ``/gmail/v1/users/{userId}/...`` (and the media-upload paths
under ``/upload/gmail/v1/...``): profile, labels, drafts, messages, threads, history."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, Literal

from providers.emulator.google.dispatch import (
    ApiRequest,
    Call,
    Router,
    bool_param,
    int_param,
    require_param,
)
from providers.emulator.google.errors import (
    ApiResponse,
    GoogleApiError,
    bad_request,
    invalid_parameter,
    not_found,
)
from providers.emulator.google.gmail_store import (
    HISTORY_TYPES,
    SYSTEM_LABELS,
    DraftEntry,
    HistoryEntry,
    InvalidState,
    StoredMessage,
    UnknownItem,
)
from providers.emulator.google.mime import (
    MalformedMessage,
    ParsedMessage,
    decode_base64url,
    encode_base64url,
    parse_message,
)
from providers.emulator.google.multipart import split_multipart
from providers.emulator.google.query import compile_query

_FULL = "https://mail.google.com/"
_G = "https://www.googleapis.com/auth/gmail."
_READONLY = {_FULL, _G + "modify", _G + "readonly"}
_METADATA = _G + "metadata"
COMPOSE_SCOPES = frozenset({_FULL, _G + "modify", _G + "compose",
                            _G + "addons.current.action.compose"})
READ_DRAFT_SCOPES = frozenset({_FULL, _G + "modify", _G + "compose", _G + "readonly"})
READ_SCOPES = frozenset({*_READONLY, _METADATA, _G + "addons.current.message.action",
                         _G + "addons.current.message.metadata",
                         _G + "addons.current.message.readonly"})
LIST_SCOPES = frozenset({*_READONLY, _METADATA})
PROFILE_SCOPES = frozenset({*_READONLY, _METADATA, _G + "compose"})
SEND_SCOPES = frozenset({*COMPOSE_SCOPES, _G + "send"})
LABEL_SCOPES = frozenset({*_READONLY, _METADATA, _G + "labels"})

USER = r"/gmail/v1/users/(?P<userId>[^/]+)"
UPLOAD_USER = r"/upload/gmail/v1/users/(?P<userId>[^/]+)"
Format = Literal["minimal", "metadata", "full", "raw"]
_FORMATS: tuple[Format, ...] = ("minimal", "metadata", "full", "raw")
_MESSAGE_ID_CHARS = frozenset("0123456789abcdef")


# -- request helpers ------------------------------------------------------------------------

def _check_user(call: Call) -> None:
    user_id = call.path["userId"]
    if user_id != "me" and user_id.lower() != call.mailbox.address:
        raise GoogleApiError(403, "forbidden", f"Delegation denied for {user_id[:200]}")


def _metadata_only(call: Call) -> bool:
    return _METADATA in call.grant.scopes and not (_READONLY | COMPOSE_SCOPES) & set(
        call.grant.scopes)


def _format(call: Call, allowed: tuple[Format, ...] = _FORMATS) -> Format:
    raw = call.request.param("format") or "full"
    lowered = raw.lower()
    for known in allowed:
        if lowered == known:
            if known in ("full", "raw") and _metadata_only(call):
                raise GoogleApiError(403, "forbidden",
                                     f"Metadata scope doesn't allow format {known.upper()}")
            return known
    raise invalid_parameter("format", raw)


def _query(call: Call) -> str:
    query = call.request.param("q") or ""
    if query and _metadata_only(call):
        raise GoogleApiError(403, "forbidden", "Metadata scope does not support 'q' parameter")
    return query


def _json_body(request: ApiRequest) -> dict[str, Any]:
    if not request.body.strip():
        return {}
    try:
        value = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("Invalid JSON payload received. Unexpected token.",
                          reason="parseError") from None
    if not isinstance(value, dict):
        raise bad_request("Invalid JSON payload received. Expected an object.",
                          reason="parseError")
    return value


def _page_token(request: ApiRequest) -> int:
    token = request.param("pageToken")
    if not token:
        return 0
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        kind, _, number = text.partition(":")
        if kind != "o":
            raise ValueError(token)
        return max(0, int(number))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid_parameter("pageToken", token) from None


def _next_page_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def _parsed(raw: bytes) -> ParsedMessage:
    try:
        return parse_message(raw)
    except MalformedMessage as exc:
        raise bad_request(str(exc)) from None


def _raw_field(message: Any, what: str) -> tuple[bytes, str | None]:
    if not isinstance(message, dict) or not isinstance(message.get("raw"), str) \
            or not message["raw"]:
        raise bad_request(f"Missing {what} message" if what else "'raw' RFC822 payload message "
                          "string or uploading message via /upload/* URL required")
    thread_id = message.get("threadId")
    try:
        raw = decode_base64url(message["raw"])
    except MalformedMessage as exc:
        raise bad_request(str(exc)) from None
    return raw, thread_id if isinstance(thread_id, str) and thread_id else None


def _upload(call: Call, wrapped_in_draft: bool) -> tuple[bytes, str | None, dict[str, Any]]:
    """The message of a drafts/messages request: JSON ``raw``, or a media upload.
    Returns (raw RFC 2822, requested threadId, the JSON metadata)."""
    request = call.request
    what = "draft" if wrapped_in_draft else ""
    if not request.path.startswith("/upload/"):
        body = _json_body(request)
        message = body.get("message") if wrapped_in_draft else body
        raw, thread_id = _raw_field(message, what)
        return raw, thread_id, body
    upload_type = (request.param("uploadType") or "media").lower()
    content_type = request.headers.get("content-type", "")
    if upload_type == "media":
        if not request.body.strip():
            raise bad_request("Media upload is empty")
        return request.body, None, {}
    if upload_type == "multipart":
        parts = split_multipart(request.body, content_type)
        if len(parts) != 2:
            raise bad_request("A multipart upload has a metadata part and a media part")
        metadata = _json_body(ApiRequest("POST", "", {}, {}, parts[0].body))
        message = metadata.get("message") if wrapped_in_draft else metadata
        thread_id = message.get("threadId") if isinstance(message, dict) else None
        return parts[1].body, thread_id if isinstance(thread_id, str) else None, metadata
    raise invalid_parameter("uploadType", upload_type)


# -- rendering ------------------------------------------------------------------------------

def render_message(message: StoredMessage, fmt: Format,
                   metadata_headers: tuple[str, ...] = ()) -> dict[str, Any]:
    rendered: dict[str, Any] = {
        "id": message.id,
        "threadId": message.thread_id,
        "labelIds": message.label_ids(),
        "snippet": message.parsed.snippet,
        "sizeEstimate": len(message.parsed.raw),
        "historyId": str(message.history_id),
        "internalDate": str(message.internal_date_ms),
    }
    if fmt == "metadata":
        rendered["payload"] = message.parsed.metadata_payload(metadata_headers)
    elif fmt == "full":
        rendered["payload"] = message.parsed.payload
    elif fmt == "raw":
        rendered["raw"] = encode_base64url(message.parsed.raw)
    return rendered


def _short_message(message: StoredMessage) -> dict[str, Any]:
    return {"id": message.id, "threadId": message.thread_id, "labelIds": message.label_ids()}


def _draft_json(entry: DraftEntry, message: StoredMessage) -> dict[str, Any]:
    return {"id": entry.id, "message": _short_message(message)}


def _message(call: Call, message_id: str) -> StoredMessage:
    if not message_id or not set(message_id) <= _MESSAGE_ID_CHARS or len(message_id) > 32:
        raise bad_request("Invalid id value")
    try:
        return call.mailbox.gmail.get(message_id)
    except UnknownItem:
        raise not_found() from None


def _draft(call: Call, draft_id: str) -> DraftEntry:
    try:
        return call.mailbox.gmail.draft(draft_id)
    except UnknownItem:
        raise not_found() from None


def _listed(call: Call, candidates: list[StoredMessage]) -> list[StoredMessage]:
    request = call.request
    query = _query(call)
    label_ids = request.params("labelIds")
    include_spam_trash = bool_param(request, "includeSpamTrash")
    predicate = compile_query(query, call.now) if query else None
    found = []
    for message in candidates:
        if not include_spam_trash and message.labels & {"SPAM", "TRASH"}:
            continue
        if any(label not in message.labels for label in label_ids):
            continue
        if predicate is not None and not predicate(message):
            continue
        found.append(message)
    found.sort(key=lambda message: (message.internal_date_ms, message.id), reverse=True)
    return found


def _page(call: Call, items: list[Any], default: int = 100) -> tuple[list[Any], str | None]:
    size = int_param(call.request, "maxResults", default, 1, 500)
    offset = _page_token(call.request)
    page = items[offset:offset + size]
    following = offset + size
    return page, _next_page_token(following) if following < len(items) else None


# -- methods --------------------------------------------------------------------------------

def get_profile(call: Call) -> ApiResponse:
    _check_user(call)
    messages, threads = call.mailbox.gmail.totals()
    return ApiResponse.json({"emailAddress": call.mailbox.address, "messagesTotal": messages,
                             "threadsTotal": threads,
                             "historyId": str(call.mailbox.gmail.history_id)})


def _label(call: Call, label: str) -> dict[str, Any]:
    store = call.mailbox.gmail
    members = [message for message in store.messages.values() if label in message.labels]
    unread = [message for message in members if "UNREAD" in message.labels]
    visible = label not in ("DRAFT", "SENT", "TRASH", "SPAM", "UNREAD", "IMPORTANT", "STARRED")
    rendered: dict[str, Any] = {"id": label, "name": label, "type": "system"}
    if visible:
        rendered.update(messageListVisibility="hide", labelListVisibility="labelShow")
    rendered.update(
        messagesTotal=len(members), messagesUnread=len(unread),
        threadsTotal=len({message.thread_id for message in members}),
        threadsUnread=len({message.thread_id for message in unread}))
    return rendered


def labels_list(call: Call) -> ApiResponse:
    _check_user(call)
    return ApiResponse.json({"labels": [{"id": label, "name": label, "type": "system"}
                                        for label in SYSTEM_LABELS]})


def labels_get(call: Call) -> ApiResponse:
    _check_user(call)
    label = call.path["id"]
    if label not in SYSTEM_LABELS:
        raise not_found()
    return ApiResponse.json(_label(call, label))


def drafts_create(call: Call) -> ApiResponse:
    _check_user(call)
    raw, thread_id, _ = _upload(call, wrapped_in_draft=True)
    parsed = _parsed(raw)
    store = call.mailbox.gmail
    try:
        entry = store.create_draft(raw, parsed, call.mailbox.sender_header, call.now, thread_id,
                                   by="service")
    except UnknownItem:
        raise not_found() from None
    return ApiResponse.json(_draft_json(entry, store.messages[entry.message_id]))


def drafts_update(call: Call) -> ApiResponse:
    _check_user(call)
    entry = _draft(call, call.path["id"])
    raw, thread_id, body = _upload(call, wrapped_in_draft=True)
    body_id = body.get("id")
    if isinstance(body_id, str) and body_id and body_id != entry.id:
        raise bad_request("Draft id in the body does not match the URL")
    parsed = _parsed(raw)
    store = call.mailbox.gmail
    try:
        entry = store.update_draft(entry.id, raw, parsed, call.mailbox.sender_header, call.now,
                                   thread_id)
    except UnknownItem:
        raise not_found() from None
    return ApiResponse.json(_draft_json(entry, store.messages[entry.message_id]))


def drafts_get(call: Call) -> ApiResponse:
    _check_user(call)
    entry = _draft(call, call.path["id"])
    fmt = _format(call)
    message = call.mailbox.gmail.messages[entry.message_id]
    headers = tuple(call.request.params("metadataHeaders"))
    return ApiResponse.json({"id": entry.id, "message": render_message(message, fmt, headers)})


def drafts_delete(call: Call) -> ApiResponse:
    _check_user(call)
    entry = _draft(call, call.path["id"])
    call.mailbox.gmail.delete_draft(entry.id, call.now, by="service")
    return ApiResponse.empty()


def drafts_list(call: Call) -> ApiResponse:
    _check_user(call)
    store = call.mailbox.gmail
    drafts = {entry.message_id: entry for entry in store.open_drafts()}
    messages = _listed(call, [store.messages[message_id] for message_id in drafts])
    page, next_token = _page(call, messages)
    answer: dict[str, Any] = {}
    if page:
        answer["drafts"] = [{"id": drafts[message.id].id,
                             "message": {"id": message.id, "threadId": message.thread_id}}
                            for message in page]
    if next_token:
        answer["nextPageToken"] = next_token
    answer["resultSizeEstimate"] = len(messages)
    return ApiResponse.json(answer)


def drafts_send(call: Call) -> ApiResponse:
    """The service is never meant to send; if it does, the send is recorded as its own."""
    _check_user(call)
    store = call.mailbox.gmail
    body = _json_body(call.request) if not call.request.path.startswith("/upload/") else {}
    draft_id = body.get("id")
    if not isinstance(draft_id, str) or not draft_id:
        raise bad_request("Invalid draft: missing id")
    entry = _draft(call, draft_id)
    message = body.get("message")
    if isinstance(message, dict) and message.get("raw"):
        raw, thread_id = _raw_field(message, "draft")
        store.update_draft(entry.id, raw, _parsed(raw), call.mailbox.sender_header, call.now,
                           thread_id)
    try:
        sent = store.send_draft(entry.id, call.now, by="service")
    except InvalidState as exc:
        raise bad_request(str(exc)) from None
    return ApiResponse.json(_short_message(sent))


def messages_send(call: Call) -> ApiResponse:
    _check_user(call)
    raw, thread_id, _ = _upload(call, wrapped_in_draft=False)
    parsed = _parsed(raw)
    if not (parsed.to or parsed.cc or parsed.bcc):
        raise bad_request("Recipient address required")
    try:
        message = call.mailbox.gmail.send_new(raw, parsed, call.mailbox.sender_header, call.now,
                                              thread_id, by="service")
    except UnknownItem:
        raise not_found() from None
    return ApiResponse.json(_short_message(message))


def messages_list(call: Call) -> ApiResponse:
    _check_user(call)
    messages = _listed(call, list(call.mailbox.gmail.messages.values()))
    page, next_token = _page(call, messages)
    answer: dict[str, Any] = {}
    if page:
        answer["messages"] = [{"id": message.id, "threadId": message.thread_id}
                              for message in page]
    if next_token:
        answer["nextPageToken"] = next_token
    answer["resultSizeEstimate"] = len(messages)
    return ApiResponse.json(answer)


def messages_get(call: Call) -> ApiResponse:
    _check_user(call)
    message = _message(call, call.path["id"])
    fmt = _format(call)
    headers = tuple(call.request.params("metadataHeaders"))
    return ApiResponse.json(render_message(message, fmt, headers))


def threads_get(call: Call) -> ApiResponse:
    _check_user(call)
    thread_id = call.path["id"]
    if not thread_id or not set(thread_id) <= _MESSAGE_ID_CHARS:
        raise bad_request("Invalid id value")
    store = call.mailbox.gmail
    members = store.threads.get(thread_id)
    if not members:
        raise not_found()
    fmt = _format(call, ("full", "metadata", "minimal"))
    headers = tuple(call.request.params("metadataHeaders"))
    messages = sorted((store.messages[message_id] for message_id in members),
                      key=lambda message: (message.internal_date_ms, message.id))
    return ApiResponse.json({
        "id": thread_id,
        "historyId": str(max(message.history_id for message in messages)),
        "messages": [render_message(message, fmt, headers) for message in messages],
    })


def threads_list(call: Call) -> ApiResponse:
    _check_user(call)
    store = call.mailbox.gmail
    newest: dict[str, StoredMessage] = {}
    for message in _listed(call, list(store.messages.values())):
        newest.setdefault(message.thread_id, message)
    threads = list(newest.values())
    page, next_token = _page(call, threads)
    answer: dict[str, Any] = {}
    if page:
        answer["threads"] = [
            {"id": message.thread_id, "snippet": message.parsed.snippet,
             "historyId": str(max(store.messages[member].history_id
                                  for member in store.threads[message.thread_id]))}
            for message in page]
    if next_token:
        answer["nextPageToken"] = next_token
    answer["resultSizeEstimate"] = len(threads)
    return ApiResponse.json(answer)


def _history_json(entry: HistoryEntry) -> dict[str, Any]:
    short = {"id": entry.message_id, "threadId": entry.thread_id}
    full = {**short, "labelIds": list(entry.label_ids)}
    record: dict[str, Any] = {"id": str(entry.id), "messages": [short]}
    if entry.kind == "messageAdded":
        record["messagesAdded"] = [{"message": full}]
    elif entry.kind == "messageDeleted":
        record["messagesDeleted"] = [{"message": full}]
    elif entry.kind == "labelAdded":
        record["labelsAdded"] = [{"message": full, "labelIds": list(entry.changed_labels)}]
    else:
        record["labelsRemoved"] = [{"message": full, "labelIds": list(entry.changed_labels)}]
    return record


def history_list(call: Call) -> ApiResponse:
    _check_user(call)
    request = call.request
    store = call.mailbox.gmail
    raw_start = require_param(request, "startHistoryId")
    try:
        start = int(raw_start)
    except ValueError:
        raise invalid_parameter("startHistoryId", raw_start) from None
    if start < 0:
        raise invalid_parameter("startHistoryId", raw_start)
    page_token = request.param("pageToken")
    if page_token:
        try:
            start = max(start, int(base64.urlsafe_b64decode(
                page_token + "=" * (-len(page_token) % 4)).decode().removeprefix("h:")))
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise invalid_parameter("pageToken", page_token) from None
    if start < store.history_floor:
        raise not_found()
    types = request.params("historyTypes")
    for kind in types:
        if kind not in HISTORY_TYPES:
            raise invalid_parameter("historyTypes", kind)
    label = request.param("labelId")
    size = int_param(request, "maxResults", 100, 1, 500)
    records: list[dict[str, Any]] = []
    last_seen = start
    more = False
    for entry in store.history_after(start):
        if len(records) == size:
            more = True
            break
        last_seen = entry.id
        if types and entry.kind not in types:
            continue
        if label and label not in entry.label_ids and label not in entry.changed_labels:
            continue
        records.append(_history_json(entry))
    answer: dict[str, Any] = {}
    if records:
        answer["history"] = records
    if more:
        answer["nextPageToken"] = base64.urlsafe_b64encode(
            f"h:{last_seen}".encode()).decode().rstrip("=")
    answer["historyId"] = str(store.history_id)
    return ApiResponse.json(answer)


def register(router: Router) -> None:
    def add(method: str, pattern: str, name: str, handler: Any, scopes: frozenset[str],
            units: int) -> None:
        router.add(method, pattern, f"gmail.users.{name}", handler, api="gmail", scopes=scopes,
                   quota_units=units)

    add("GET", USER + "/profile", "getProfile", get_profile, PROFILE_SCOPES, 1)
    add("GET", USER + "/labels", "labels.list", labels_list, LABEL_SCOPES, 1)
    add("GET", USER + r"/labels/(?P<id>[^/]+)", "labels.get", labels_get, LABEL_SCOPES, 1)
    for prefix in (USER, UPLOAD_USER):
        add("POST", prefix + "/drafts/send", "drafts.send", drafts_send, COMPOSE_SCOPES, 100)
        add("POST", prefix + "/drafts", "drafts.create", drafts_create, COMPOSE_SCOPES, 10)
        add("PUT", prefix + r"/drafts/(?P<id>[^/]+)", "drafts.update", drafts_update,
            COMPOSE_SCOPES, 15)
        add("POST", prefix + "/messages/send", "messages.send", messages_send, SEND_SCOPES, 100)
    add("GET", USER + "/drafts", "drafts.list", drafts_list, READ_DRAFT_SCOPES, 5)
    add("GET", USER + r"/drafts/(?P<id>[^/]+)", "drafts.get", drafts_get, READ_DRAFT_SCOPES, 5)
    add("DELETE", USER + r"/drafts/(?P<id>[^/]+)", "drafts.delete", drafts_delete,
        COMPOSE_SCOPES, 10)
    add("GET", USER + "/messages", "messages.list", messages_list, LIST_SCOPES, 5)
    add("GET", USER + r"/messages/(?P<id>[^/]+)", "messages.get", messages_get, READ_SCOPES, 5)
    add("GET", USER + "/threads", "threads.list", threads_list, LIST_SCOPES, 10)
    add("GET", USER + r"/threads/(?P<id>[^/]+)", "threads.get", threads_get, READ_SCOPES, 10)
    add("GET", USER + "/history", "history.list", history_list, LIST_SCOPES, 2)
