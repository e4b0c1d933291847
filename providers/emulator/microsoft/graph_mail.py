"""Graph's mail endpoints: messages, drafts, replies, mail folders and their delta queries."""

from __future__ import annotations

import base64
import binascii
import html
import re
import secrets
from datetime import timedelta
from typing import Any

from providers.emulator.microsoft import delta
from providers.emulator.microsoft.graph_protocol import (
    GraphCall,
    GraphError,
    GraphResponse,
    JsonObject,
    bad_request,
    int_option,
    not_found,
)
from providers.emulator.microsoft.odata import (
    Compare,
    Constant,
    Expansion,
    Node,
    ODataError,
    Path,
    check_filter,
    evaluate,
    evaluate_on_extended_property,
    filter_properties,
    parse_expand,
    parse_filter,
    parse_orderby,
    parse_select,
    schema_of,
    sort_resources,
)
from providers.emulator.microsoft.resources import (
    graph_instant,
    html_document,
    message_schema_sample,
    project_message,
    removed,
    render_folder,
    render_message,
)
from providers.emulator.microsoft.store import (
    HIDDEN_FOLDERS,
    BodyType,
    DraftLog,
    ExtendedProperty,
    FolderName,
    Mailbox,
    Recipient,
    StoredMessage,
    extended_property_key,
    mark_of,
    plain_body,
)

MESSAGE_TYPE = "microsoft.graph.message"
MESSAGE_SCHEMA = schema_of(message_schema_sample())
DEFAULT_PAGE_SIZE = 10
MAX_TOP = 1000
LIST_OPTIONS = frozenset({"$filter", "$select", "$top", "$skip", "$orderby", "$expand", "$count"})
GET_OPTIONS = frozenset({"$select", "$expand"})
DELTA_OPTIONS = frozenset(
    {"$filter", "$select", "$orderby", "$expand", "$top", "$skiptoken", "$deltatoken"}
)
MAX_RECIPIENTS = 500
MAX_HEADERS = 50

_WRITABLE = frozenset({
    "subject", "body", "toRecipients", "ccRecipients", "bccRecipients", "replyTo", "from",
    "sender", "isRead", "importance", "categories", "internetMessageHeaders",
    "singleValueExtendedProperties", "isDeliveryReceiptRequested", "isReadReceiptRequested",
    "flag", "inferenceClassification",
})
# Only a draft's content may change; a received or sent message keeps it.
_DRAFT_ONLY = frozenset({
    "subject", "body", "toRecipients", "ccRecipients", "bccRecipients", "replyTo", "from",
    "sender", "internetMessageHeaders",
})
_CONTENT = _DRAFT_ONLY | {"singleValueExtendedProperties"}
_EXTENDED_PROPERTY_ID = re.compile(
    r"(?i)(String|Integer|Boolean|SystemTime|Binary|Double|Float|Long|Short|Currency|CLSID"
    r"|ApplicationTime|Object)\s+(\{[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}\}\s+"
    r"(Name\s+\S.{0,254}|Id\s+0x[0-9a-f]{1,4})|0x[0-9a-f]{1,4})"
)
_PROPERTY_NAMES = {name.lower(): name for name in MESSAGE_SCHEMA}


# --- reading request bodies ------------------------------------------------------------------

def _type_error(name: str, expected: str) -> GraphError:
    return bad_request(f"Cannot convert the value of property '{name}' to the expected type "
                       f"'{expected}'.", code="RequestBodyRead")


def _string(name: str, value: Any, *, nullable: bool = True) -> str:
    if value is None and nullable:
        return ""
    if not isinstance(value, str):
        raise _type_error(name, "Edm.String")
    return value


def _recipient(name: str, value: Any) -> Recipient:
    if not isinstance(value, dict) or not isinstance(value.get("emailAddress"), dict):
        raise _type_error(name, "microsoft.graph.recipient")
    address = value["emailAddress"].get("address")
    display = value["emailAddress"].get("name")
    if not isinstance(address, str) or not address.strip():
        raise bad_request("At least one recipient is not valid: a recipient needs an address.",
                          code="ErrorInvalidRecipients")
    if display is not None and not isinstance(display, str):
        raise _type_error(f"{name}/emailAddress/name", "Edm.String")
    return Recipient(address.strip(), (display or "").strip())


def _recipients(name: str, value: Any) -> list[Recipient]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _type_error(name, "Collection(microsoft.graph.recipient)")
    if len(value) > MAX_RECIPIENTS:
        raise bad_request(f"Too many recipients in '{name}'.", code="ErrorInvalidRecipients")
    return [_recipient(name, item) for item in value]


def _body(value: Any) -> tuple[BodyType, str]:
    if not isinstance(value, dict):
        raise _type_error("body", "microsoft.graph.itemBody")
    kind = value.get("contentType", "text")
    content = value.get("content", "")
    if not isinstance(kind, str) or kind.lower() not in ("text", "html"):
        raise bad_request(f"Invalid value for 'body/contentType': {kind!r}.",
                          code="RequestBodyRead")
    return ("html" if kind.lower() == "html" else "text"), _string("body/content", content)


def _headers(value: Any) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        raise _type_error("internetMessageHeaders",
                          "Collection(microsoft.graph.internetMessageHeader)")
    if len(value) > MAX_HEADERS:
        raise bad_request("Too many internet message headers.", code="InvalidInternetMessageHeader")
    headers: list[tuple[str, str]] = []
    for item in value:
        if not isinstance(item, dict):
            raise _type_error("internetMessageHeaders", "microsoft.graph.internetMessageHeader")
        name = _string("internetMessageHeaders/name", item.get("name"), nullable=False)
        header_value = _string("internetMessageHeaders/value", item.get("value"))
        if not name.lower().startswith("x-"):
            raise bad_request(f"The internet message header name '{name}' should start with "
                              "'x-' or 'X-'.", code="InvalidInternetMessageHeader")
        if not re.fullmatch(r"[!-9;-~]+", name) or "\n" in header_value or "\r" in header_value:
            raise bad_request(f"The internet message header '{name}' is not valid.",
                              code="InvalidInternetMessageHeader")
        headers.append((name, header_value))
    return headers


def _extended_properties(value: Any) -> list[ExtendedProperty]:
    if not isinstance(value, list):
        raise _type_error("singleValueExtendedProperties",
                          "Collection(microsoft.graph.singleValueLegacyExtendedProperty)")
    props: list[ExtendedProperty] = []
    for item in value:
        if not isinstance(item, dict):
            raise _type_error("singleValueExtendedProperties",
                              "microsoft.graph.singleValueLegacyExtendedProperty")
        prop_id = item.get("id")
        prop_value = item.get("value")
        if not isinstance(prop_id, str) or not _EXTENDED_PROPERTY_ID.fullmatch(prop_id.strip()):
            raise bad_request(f"The extended property id {prop_id!r} is not valid.",
                              code="ErrorInvalidExtendedProperty")
        if not isinstance(prop_value, str):
            raise _type_error("singleValueExtendedProperties/value", "Edm.String")
        props.append(ExtendedProperty(prop_id.strip(), prop_value))
    return props


def apply_fields(message: StoredMessage, fields: JsonObject) -> set[str]:
    """Write ``fields`` (a message resource, partial) into ``message``; returns what was
    named. Unknown properties are a 400, read-only ones are ignored, as Graph does."""
    named: set[str] = set()
    values: dict[str, Any] = {}
    for raw_name, value in fields.items():
        if raw_name.startswith("@"):
            continue
        name = _PROPERTY_NAMES.get(raw_name.lower())
        if name is None:
            raise bad_request(
                f"The property '{raw_name}' does not exist on type '{MESSAGE_TYPE}'. Make sure "
                "to only use property names that are defined by the type or mark the type as "
                "open type.", code="RequestBodyRead")
        if name in _WRITABLE:
            values[name] = value
    if not message.is_draft and _DRAFT_ONLY & values.keys():
        raise bad_request("Update operation is invalid for property of a sent message.",
                          code="ErrorInvalidPropertyUpdateSentMessage")
    # Validate everything before changing anything: a 400 leaves the message as it was.
    parsed: dict[str, Any] = {}
    for name, value in values.items():
        if name == "subject":
            parsed[name] = _string(name, value)
        elif name == "body":
            parsed[name] = _body(value)
        elif name in ("toRecipients", "ccRecipients", "bccRecipients", "replyTo"):
            parsed[name] = _recipients(name, value)
        elif name in ("from", "sender"):
            parsed[name] = None if value is None else _recipient(name, value)
        elif name in ("isRead", "isDeliveryReceiptRequested", "isReadReceiptRequested"):
            if not isinstance(value, bool):
                raise _type_error(name, "Edm.Boolean")
            parsed[name] = value
        elif name == "importance":
            if not isinstance(value, str) or value.lower() not in ("low", "normal", "high"):
                raise bad_request(f"Invalid value for 'importance': {value!r}.",
                                  code="RequestBodyRead")
            parsed[name] = value.lower()
        elif name == "categories":
            if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
                raise _type_error(name, "Collection(Edm.String)")
            parsed[name] = list(value)
        elif name == "internetMessageHeaders":
            parsed[name] = _headers(value)
        elif name == "singleValueExtendedProperties":
            parsed[name] = _extended_properties(value)
    for name, value in parsed.items():
        named.add(name)
        if name == "subject":
            message.subject = value
        elif name == "body":
            message.body_type, message.body = value
        elif name == "toRecipients":
            message.to = value
        elif name == "ccRecipients":
            message.cc = value
        elif name == "bccRecipients":
            message.bcc = value
        elif name == "replyTo":
            message.reply_to = value
        elif name in ("from", "sender"):
            message.sender = value
        elif name == "isRead":
            message.is_read = value
        elif name == "importance":
            message.importance = value
        elif name == "categories":
            message.categories = value
        elif name == "internetMessageHeaders":
            message.headers = value
        elif name == "singleValueExtendedProperties":
            for prop in value:
                message.extended[extended_property_key(prop.id)] = prop
    return named


# --- rendering with $select / $expand --------------------------------------------------------

class _Projection:
    """What of each message the client asked for ($select, $expand, body format)."""

    def __init__(self, call: GraphCall, select: str | None = None,
                 expand: str | None = None) -> None:
        select = select or call.options.get("$select")
        expand = expand or call.options.get("$expand")
        self.select = parse_select(select, MESSAGE_SCHEMA, MESSAGE_TYPE) if select else None
        self.expand: list[Expansion] = (
            parse_expand(expand, MESSAGE_SCHEMA, MESSAGE_TYPE) if expand else []
        )
        self.body_type = call.preferences.body_type
        self.immutable = call.preferences.immutable_ids
        self.mailbox = call.mailbox

    def full(self, message: StoredMessage) -> JsonObject:
        return render_message(message, self.mailbox, self.body_type, self.immutable)

    def project(self, full: JsonObject) -> JsonObject:
        expanded: list[JsonObject] | None = None
        if self.expand:
            expanded = [
                prop for prop in full["singleValueExtendedProperties"]
                if all(e.filter is None or evaluate_on_extended_property(e.filter, prop)
                       for e in self.expand)
            ]
        return project_message(full, self.select, expanded)


def _message_context(call: GraphCall, suffix: str) -> str:
    return call.context(f"users('{call.mailbox.address}')/messages{suffix}")


def _created(call: GraphCall, message: StoredMessage) -> GraphResponse:
    projection = _Projection(call)
    body = {"@odata.context": _message_context(call, "/$entity"),
            **projection.project(projection.full(message))}
    return GraphResponse(201, body)


# --- handlers ---------------------------------------------------------------------------------

def create_message(call: GraphCall) -> GraphResponse:
    folder = call.match.get("folder")
    if folder is not None and call.mailbox.folder_by_segment(folder) != "drafts":
        raise bad_request("Messages can only be created in the Drafts folder here.",
                          code="ErrorInvalidOperation")
    fields = call.json_body()
    message = call.mailbox.new_message("drafts", call.now)
    apply_fields(message, fields)
    message.draft_log = DraftLog(
        draft_id=message.id, created_at=call.now, created_by="service",
        in_reply_to_message_id=None, mark=mark_of(message),
    )
    call.mailbox.add(message)
    call.mailbox.draft_logs.append(message.draft_log)
    return _created(call, message)


def get_message(call: GraphCall) -> GraphResponse:
    message = _live(call)
    projection = _Projection(call)
    body = {"@odata.context": _message_context(call, "/$entity"),
            **projection.project(projection.full(message))}
    return GraphResponse(200, body)


def update_message(call: GraphCall) -> GraphResponse:
    message = _live(call)
    fields = call.json_body()
    named = apply_fields(message, fields)
    call.mailbox.touch(message, call.now, tuple(named))
    if message.draft_log is not None and named & _CONTENT:
        message.draft_log.updated_at.append(call.now)
    return get_message_after_write(call, message)


def get_message_after_write(call: GraphCall, message: StoredMessage) -> GraphResponse:
    body = {"@odata.context": _message_context(call, "/$entity"),
            **project_message(render_message(message, call.mailbox,
                                             call.preferences.body_type,
                                             call.preferences.immutable_ids), None, None)}
    return GraphResponse(200, body)


def delete_message(call: GraphCall) -> GraphResponse:
    message = _live(call)
    call.mailbox.remove(message, call.now, by="service")
    return GraphResponse(204)


def create_reply(call: GraphCall) -> GraphResponse:
    original = _live(call)
    request = call.json_body()
    unknown = set(request) - {"message", "comment"}
    if unknown:
        raise bad_request(f"The parameter '{sorted(unknown)[0]}' is not valid for createReply.",
                          code="RequestBodyRead")
    comment = request.get("comment")
    if comment is not None and not isinstance(comment, str):
        raise _type_error("comment", "Edm.String")
    fields = request.get("message") or {}
    if not isinstance(fields, dict):
        raise _type_error("message", MESSAGE_TYPE)
    if comment and any(key.lower() == "body" for key in fields):
        raise bad_request("The 'comment' parameter and the message body cannot both be set.",
                          code="ErrorInvalidRequest")
    mailbox = call.mailbox
    subject = original.subject
    if not re.match(r"(?i)re:", subject.strip()):
        subject = f"RE: {subject}"
    if original.folder == "sentitems" or original.sender is None:
        recipients = list(original.to)
    else:
        recipients = list(original.reply_to) or [original.sender]
    draft = mailbox.new_message(
        "drafts", call.now, subject=subject, body_type="html",
        body=_quoted_reply(original, comment or ""), to=recipients,
        conversation_id=original.conversation_id,
    )
    draft.conversation_index = _child_conversation_index(original.conversation_index)
    draft.in_reply_to = original.internet_message_id
    draft.references = [*original.references, original.internet_message_id]
    apply_fields(draft, fields)
    draft.draft_log = DraftLog(
        draft_id=draft.id, created_at=call.now, created_by="service",
        in_reply_to_message_id=original.id, mark=mark_of(draft),
    )
    mailbox.add(draft)
    mailbox.draft_logs.append(draft.draft_log)
    return _created(call, draft)


def _child_conversation_index(parent: str) -> str:
    """Exchange's conversationIndex: the parent's bytes plus a five-byte reply block."""
    try:
        header = base64.b64decode(parent, validate=True)
    except (binascii.Error, ValueError):
        header = b""
    return base64.b64encode(header + secrets.token_bytes(5)).decode("ascii")


def _quoted_reply(original: StoredMessage, comment: str) -> str:
    sender = original.sender
    who = f"{sender.name or sender.address} &lt;{html.escape(sender.address)}&gt;" if sender \
        else ""
    to = "; ".join(html.escape(r.name or r.address) for r in original.to)
    quote = (
        '<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr">'
        f"<b>From:</b> {who}<br><b>Sent:</b> {graph_instant(original.sent or original.created)}"
        f"<br><b>To:</b> {to}<br><b>Subject:</b> {html.escape(original.subject)}</div>"
        "<div>" + html.escape(plain_body(original)).replace("\n", "<br>") + "</div>"
    )
    document = html_document(comment)
    return document.replace("</div>\r\n</body>", "</div>" + quote + "\r\n</body>", 1)


def send_message(call: GraphCall) -> GraphResponse:
    """The service must never send; the emulator serves it and records who did."""
    message = _live(call)
    if not message.is_draft:
        raise bad_request("Only a draft can be sent.", code="ErrorInvalidOperation")
    if not (message.to or message.cc or message.bcc):
        raise bad_request("At least one recipient isn't valid.", code="ErrorInvalidRecipients")
    call.mailbox.send_draft(message, call.now, by="service")
    return GraphResponse(202)


def send_mail(call: GraphCall) -> GraphResponse:
    request = call.json_body()
    fields = request.get("message")
    if not isinstance(fields, dict):
        raise bad_request("The 'message' parameter is required.", code="ErrorInvalidRequest")
    mailbox = call.mailbox
    message = mailbox.new_message("drafts", call.now)
    apply_fields(message, fields)
    if not (message.to or message.cc or message.bcc):
        raise bad_request("At least one recipient isn't valid.", code="ErrorInvalidRecipients")
    message.folder, message.is_draft, message.sent = "sentitems", False, call.now
    message.folder_history = [(message.created_seq, "sentitems")]
    message.sender = mailbox.owner
    mailbox.add(message)
    mailbox.record_sent(message, by="service")
    return GraphResponse(202)


def list_folders(call: GraphCall) -> GraphResponse:
    folders = [render_folder(call.mailbox, folder) for folder in call.mailbox.folder_ids
               if folder not in HIDDEN_FOLDERS]
    return GraphResponse(200, {
        "@odata.context": call.context(f"users('{call.mailbox.address}')/mailFolders"),
        "value": folders,
    })


def get_folder(call: GraphCall) -> GraphResponse:
    """A mailFolder; ``$select`` keeps the named properties (and the id, as Graph does:
    https://learn.microsoft.com/en-us/graph/api/mailfolder-get)."""
    folder = _folder(call)
    rendered = render_folder(call.mailbox, folder)
    select = call.options.get("$select")
    if select:
        wanted = {name.strip() for name in select.split(",") if name.strip()}
        unknown = sorted(wanted - set(rendered))
        if unknown:
            raise bad_request(f"Could not find a property named '{unknown[0]}' on type "
                              "'microsoft.graph.mailFolder'.")
        rendered = {key: value for key, value in rendered.items()
                    if key in wanted or key == "id"}
    return GraphResponse(200, {
        "@odata.context": call.context(f"users('{call.mailbox.address}')/mailFolders/$entity"),
        **rendered,
    })


def list_messages(call: GraphCall) -> GraphResponse:
    """``/me/messages`` (every folder) or ``/me/mailFolders/{folder}/messages``."""
    folder = _folder(call) if "folder" in call.match else None
    projection = _Projection(call)
    node = _filter(call)
    orderby_text = call.options.get("$orderby")
    order = parse_orderby(orderby_text or "receivedDateTime desc", MESSAGE_SCHEMA, MESSAGE_TYPE)
    if node is not None and orderby_text is not None:
        _check_sort_restriction(node, orderby_text)
    top = int_option(call.options, "$top", 1, MAX_TOP) or DEFAULT_PAGE_SIZE
    skip = int_option(call.options, "$skip", 0, 10**9) or 0
    candidates = [
        projection.full(m) for m in call.mailbox.messages.values()
        if m.alive and (m.folder == folder if folder is not None
                        else m.folder not in HIDDEN_FOLDERS)
    ]
    if node is not None:
        candidates = [item for item in candidates if evaluate(node, item)]
    ordered = sort_resources(candidates, order)
    chosen = ordered[skip:skip + top]
    body: JsonObject = {"@odata.context": _message_context(call, "")}
    if call.options.get("$count", "").lower() == "true":
        body["@odata.count"] = len(ordered)
    body["value"] = [projection.project(item) for item in chosen]
    if skip + top < len(ordered):
        params = [(k, v) for k, v in call.request.query if k.lower() != "$skip"]
        params.append(("$skip", str(skip + top)))
        body["@odata.nextLink"] = call.link(call.request.path, params)
    return GraphResponse(200, body)


def _check_sort_restriction(node: Node, orderby: str) -> None:
    """Graph refuses a $filter + $orderby where the sorted properties are not the first
    properties of the filter, in the same order."""
    sorted_props = [part.split()[0].lower() for part in orderby.split(",") if part.split()]
    filtered = filter_properties(node)
    if filtered[: len(sorted_props)] != sorted_props:
        raise bad_request("The restriction or sort order is too complex for this operation.",
                          code="InefficientFilter")


def _filter(call: GraphCall) -> Node | None:
    text = call.options.get("$filter")
    if text is None:
        return None
    node = parse_filter(text)
    check_filter(node, MESSAGE_SCHEMA, MESSAGE_TYPE)
    return node


def _folder(call: GraphCall) -> FolderName:
    folder = call.mailbox.folder_by_segment(call.match["folder"])
    if folder is None:
        raise GraphError(404, "ErrorItemNotFound",
                         "The specified folder could not be found in the store.")
    return folder


def _live(call: GraphCall) -> StoredMessage:
    message = call.mailbox.find(call.match["id"])
    if message is None or not message.alive:
        raise not_found()
    return message


# --- delta -----------------------------------------------------------------------------------

def folder_delta(call: GraphCall, sync_state_lifetime: timedelta) -> GraphResponse:
    folder = _folder(call)
    mailbox = call.mailbox
    kind = f"messages:{folder}"
    token = call.options.get("$skiptoken") or call.options.get("$deltatoken")
    if token is not None:
        position = _position(token, kind, mailbox, call, sync_state_lifetime)
        if call.options.get("$deltatoken"):
            position = delta.SyncPosition(
                kind=position.kind, user_id=position.user_id, generation=position.generation,
                since=position.since, snapshot=mailbox.seq, issued=position.issued,
                params=position.params,
            )
    else:
        if "$expand" in call.options:
            # A known Graph bug: $expand of extended properties (or extensions) on a
            # message delta is answered 500 (microsoft-graph-docs#2270, #1993).
            raise GraphError(500, "InternalServerError",
                             "Value cannot be null.\r\nParameter name: type")
        params: dict[str, Any] = {}
        for name in ("$filter", "$select"):
            if name in call.options:
                params[name] = call.options[name]
        if "$filter" in params:
            _check_delta_filter(params["$filter"])
        if "$orderby" in call.options and \
                call.options["$orderby"].replace(" ", "").lower() != "receiveddatetimedesc":
            raise bad_request("Delta supports only $orderby=receivedDateTime desc.")
        size = int_option(call.options, "$top", 1, MAX_TOP)
        if size:
            params["size"] = size
        position = delta.SyncPosition(
            kind=kind, user_id=mailbox.user_id, generation=mailbox.sync_generation, since=-1,
            snapshot=mailbox.seq, issued=call.now.timestamp(), params=params,
        )
    projection = _Projection(call, position.params.get("$select"),
                             position.params.get("$expand"))
    node = parse_filter(position.params["$filter"]) if "$filter" in position.params else None
    size = call.preferences.max_page_size or int(position.params.get("size", DEFAULT_PAGE_SIZE))
    since = position.since
    changed = [
        (m.seq, m.id, m) for m in mailbox.messages.values()
        if since < m.seq <= position.snapshot
        and (m.folder == folder or (since >= 0 and m.folder_at(since) == folder))
    ]
    chosen, after = delta.page(changed, position.after, size)
    values: list[JsonObject] = []
    for message in chosen:
        was_here = since >= 0 and message.folder_at(since) == folder
        if message.alive and message.folder == folder:
            full = projection.full(message)
            if node is not None and not evaluate(node, full):
                continue
            if was_here:
                # Updated items come as their id with at least the changed properties
                # (https://learn.microsoft.com/en-us/graph/delta-query-overview): the least.
                values.append(_changed_only(projection.project(full), message))
            else:
                values.append(projection.project(full))
        elif was_here:  # deleted, or moved to another folder (then with another REST id)
            values.append(removed("message", message.shown_id(projection.immutable),
                                  "deleted" if not message.alive else "changed"))
    body: JsonObject = {"@odata.context": call.context("Collection(message)"), "value": values}
    link_path = f"me/mailFolders/{call.match['folder']}/messages/delta"
    if after is not None:
        body["@odata.nextLink"] = call.link(
            link_path, [("$skiptoken", delta.encode(position.next_page(after, call.now)))])
    else:
        body["@odata.deltaLink"] = call.link(
            link_path, [("$deltatoken", delta.encode(position.next_round(call.now)))])
    headers = {}
    if call.preferences.max_page_size:
        headers["Preference-Applied"] = f"odata.maxpagesize={call.preferences.max_page_size}"
    return GraphResponse(200, body, headers)


def _changed_only(item: JsonObject, message: StoredMessage) -> JsonObject:
    kept = {"@odata.type": "#microsoft.graph.message"}
    kept.update({key: value for key, value in item.items()
                 if key in ("@odata.etag", "id") or key in message.changed_fields})
    return kept


def _check_delta_filter(text: str) -> None:
    node = parse_filter(text)
    if not (
        isinstance(node, Compare)
        and node.op in ("ge", "gt")
        and isinstance(node.left, Path)
        and "/".join(node.left.segments).lower() == "receiveddatetime"
        and isinstance(node.right, Constant)
    ):
        raise ODataError("Delta supports only $filter=receivedDateTime ge {date-time}.",
                         code="ErrorInvalidUrlQueryFilter")


def _position(
    token: str, kind: str, mailbox: Mailbox, call: GraphCall, lifetime: timedelta
) -> delta.SyncPosition:
    position = delta.decode(token, kind, mailbox.user_id, mailbox.sync_generation)
    if position.snapshot > mailbox.seq or \
            call.now.timestamp() - position.issued > lifetime.total_seconds():
        raise delta.StaleSyncState("the sync state expired")
    return position
