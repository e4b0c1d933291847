"""RFC 2822 messages in and out of the Gmail half: parsing what clients upload (hostile input:
never raise past :func:`parse_message` except :class:`MalformedMessage`), rendering
``MessagePart`` trees, snippets, and building the messages the control surface writes."""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import html
import quopri
import re
from dataclasses import dataclass
from datetime import datetime
from email.header import Header, decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import format_datetime, formataddr, getaddresses
from typing import Any

from providers.html_text import html_to_text

MAX_MESSAGE_BYTES = 35 * 1024 * 1024  # Gmail's own limit on a message with attachments
SNIPPET_CHARS = 200
_WHITESPACE = re.compile(r"\s+")
_SUBJECT_PREFIX = re.compile(r"^\s*((re|fwd?|aw|sv)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")


class MalformedMessage(ValueError):
    """The upload is not a message Gmail would take (bad base64, empty, too large)."""


def decode_base64url(data: str) -> bytes:
    """Gmail takes URL-safe base64 with or without padding (and, leniently, the standard
    alphabet)."""
    cleaned = "".join(data.split())
    cleaned = cleaned.replace("+", "-").replace("/", "_")
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        return base64.urlsafe_b64decode(cleaned.encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
        raise MalformedMessage("Invalid value for ByteString: not base64url") from exc


def encode_base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def _decode_header_value(value: Any) -> str:
    text = str(value)
    if "=?" not in text:
        return " ".join(text.split()) if "\n" in text else text
    try:
        return str(make_header(decode_header(text)))
    except (ValueError, LookupError, UnicodeError, binascii.Error):
        return text


def normalized_subject(subject: str) -> str:
    """The subject Gmail compares when it threads: without Re:/Fwd: prefixes or case."""
    return _WHITESPACE.sub(" ", _SUBJECT_PREFIX.sub("", subject)).strip().casefold()


@dataclass(frozen=True)
class ParsedMessage:
    raw: bytes
    headers: tuple[tuple[str, str], ...]  # decoded, in order
    subject: str
    sender: str | None  # address, lower-cased
    to: tuple[str, ...]
    cc: tuple[str, ...]
    bcc: tuple[str, ...]
    message_id: str | None  # with angle brackets
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    text_body: str
    snippet: str
    payload: dict[str, Any]  # the full MessagePart tree

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        for key, value in self.headers:
            if key.lower() == lowered:
                return value
        return None

    def metadata_payload(self, wanted: tuple[str, ...]) -> dict[str, Any]:
        headers = self.payload["headers"]
        if wanted:
            names = {name.lower() for name in wanted}
            headers = [item for item in headers if item["name"].lower() in names]
        return {"mimeType": self.payload["mimeType"], "headers": headers}


def _addresses(message: Message, name: str) -> tuple[str, ...]:
    values = [_decode_header_value(value) for value in message.get_all(name, [])]
    found: list[str] = []
    for _, address in getaddresses(values):
        address = address.strip().lower()
        if address and "@" in address and address not in found:
            found.append(address)
    return tuple(found)


def _message_ids(value: str | None) -> tuple[str, ...]:
    return tuple(_MESSAGE_ID.findall(value or ""))


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


def _text_body(message: Message) -> str:
    plain: str | None = None
    rich: str | None = None
    for part in message.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        content_type = part.get_content_type()
        if content_type == "text/plain" and plain is None:
            plain = _part_text(part)
        elif content_type == "text/html" and rich is None:
            rich = _part_text(part)
    if plain is not None:
        text = plain
    elif rich is not None:
        text = html_to_text(rich)
    else:
        text = ""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _render_part(part: Message, part_id: str, headers: list[dict[str, str]]) -> dict[str, Any]:
    rendered: dict[str, Any] = {
        "partId": part_id,
        "mimeType": part.get_content_type(),
        "filename": _decode_header_value(part.get_filename() or ""),
        "headers": headers,
    }
    if part.is_multipart():
        children = part.get_payload()
        rendered["body"] = {"size": 0}
        parts: list[dict[str, Any]] = []
        if isinstance(children, list):
            for index, child in enumerate(children):
                child_id = str(index) if not part_id else f"{part_id}.{index}"
                child_headers = [{"name": key, "value": _decode_header_value(value)}
                                 for key, value in child.items()]
                parts.append(_render_part(child, child_id, child_headers))
        rendered["parts"] = parts
        return rendered
    data = part.get_payload(decode=True)
    content = data if isinstance(data, bytes) else b""
    body: dict[str, Any] = {"size": len(content)}
    if content:
        if rendered["filename"]:
            body["attachmentId"] = "ANGjdJ" + encode_base64url(part_id.encode()).rstrip("=")
        else:
            body["data"] = encode_base64url(content)
    rendered["body"] = body
    return rendered


def snippet_of(text: str) -> str:
    return html.escape(_WHITESPACE.sub(" ", text).strip()[:SNIPPET_CHARS], quote=True)


def parse_message(raw: bytes) -> ParsedMessage:
    if not raw.strip():
        raise MalformedMessage("Invalid raw message: empty")
    if len(raw) > MAX_MESSAGE_BYTES:
        raise MalformedMessage("Message too large")
    try:
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
        headers = tuple((key, _decode_header_value(value)) for key, value in message.items())
        if not headers:
            raise MalformedMessage("Invalid raw message: no headers")
        text = _text_body(message)
        payload = _render_part(
            message, "", [{"name": key, "value": value} for key, value in headers])
        senders = _addresses(message, "From")
        parsed_headers = dict((key.lower(), value) for key, value in reversed(headers))
        message_ids = _message_ids(parsed_headers.get("message-id"))
        return ParsedMessage(
            raw=raw,
            headers=headers,
            subject=parsed_headers.get("subject", ""),
            sender=senders[0] if senders else None,
            to=_addresses(message, "To"),
            cc=_addresses(message, "Cc"),
            bcc=_addresses(message, "Bcc"),
            message_id=message_ids[0] if message_ids else None,
            in_reply_to=_message_ids(parsed_headers.get("in-reply-to")),
            references=_message_ids(parsed_headers.get("references")),
            text_body=text,
            snippet=snippet_of(text),
            payload=payload,
        )
    except MalformedMessage:
        raise
    except Exception as exc:  # the stdlib parser has odd corners; an upload never crashes us
        raise MalformedMessage(f"Invalid raw message: {type(exc).__name__}") from exc


def _split_head(raw: bytes) -> tuple[list[bytes], bytes, bytes]:
    """Header lines (folded lines kept with their header), the line ending, the body."""
    newline = b"\r\n" if b"\r\n" in raw[:4000] else b"\n"
    separator = newline + newline
    head, found, body = raw.partition(separator)
    if not found:
        head, body = raw, b""
    lines: list[bytes] = []
    for line in head.split(newline):
        if line[:1] in (b" ", b"\t") and lines:
            lines[-1] += newline + line
        else:
            lines.append(line)
    return lines, newline, body


def set_headers(raw: bytes, values: dict[str, str]) -> bytes:
    """Put headers Gmail fills in itself (From, Date, Message-ID) in place of any present."""
    if not values:
        return raw
    lines, newline, body = _split_head(raw)
    replaced = {name.lower().encode() for name in values}
    kept = [line for line in lines
            if line.split(b":", 1)[0].strip().lower() not in replaced]
    added = [f"{name}: {value}".encode() for name, value in values.items()]
    return newline.join(added + kept) + newline + newline + body


def strip_unknown_headers(raw: bytes) -> bytes:
    """Without the ``X-`` headers: what Gmail keeps when it writes a message itself (a send
    or an edit in its editor)."""
    lines, newline, body = _split_head(raw)
    kept = [line for line in lines if not line.split(b":", 1)[0].strip().lower()
            .startswith(b"x-")]
    return newline.join(kept) + newline + newline + body


def replace_text_body(raw: bytes, body: str, subject: str | None = None) -> bytes:
    """The owner edits a draft: same headers, new plain-text body (and subject)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    for name in ("Content-Type", "Content-Transfer-Encoding", "MIME-Version"):
        del message[name]
    if subject is not None:
        del message["Subject"]
        message["Subject"] = subject
    message.clear_content()
    message.set_content(body)
    return message.as_bytes(policy=email.policy.SMTP)


def _header_text(value: str) -> str:
    return value if value.isascii() else Header(value, "utf-8").encode()


def compose(
    *,
    sender: str,
    sender_name: str | None,
    to: tuple[str, ...],
    subject: str,
    body: str,
    date: datetime,
    message_id: str,
    in_reply_to: str | None = None,
    references: tuple[str, ...] = (),
) -> bytes:
    """A plain-text message as a mail client writes it (by hand: the email package's
    policy-based composer costs milliseconds a message, and the simulator writes many)."""
    lines = [
        f"From: {formataddr((sender_name or '', sender), charset='utf-8')}",
        f"To: {', '.join(to)}",
        f"Subject: {_header_text(subject)}",
        f"Date: {format_datetime(date)}",
        f"Message-ID: {message_id}",
    ]
    if in_reply_to:
        lines.append(f"In-Reply-To: {in_reply_to}")
        lines.append(f"References: {' '.join((*references, in_reply_to))}")
    lines.append("MIME-Version: 1.0")
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() and all(len(line) <= 998 for line in text.split("\n")):
        lines += ['Content-Type: text/plain; charset="us-ascii"',
                  "Content-Transfer-Encoding: 7bit"]
        payload = text.replace("\n", "\r\n").encode("ascii")
    else:
        lines += ['Content-Type: text/plain; charset="utf-8"',
                  "Content-Transfer-Encoding: quoted-printable"]
        payload = quopri.encodestring(text.replace("\n", "\r\n").encode("utf-8"))
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + payload
