"""Splitting multipart bodies (batch requests, multipart uploads) by hand: the stdlib email
parser would re-parse a ``message/rfc822`` part and so change the bytes we must keep."""

from __future__ import annotations

import re
from dataclasses import dataclass

from providers.emulator.google.errors import bad_request

_BOUNDARY = re.compile(r'boundary=(?:"([^"]+)"|([^;\s]+))', re.IGNORECASE)
MAX_PARTS = 1_000


@dataclass(frozen=True)
class Part:
    headers: dict[str, str]  # lower-case names
    body: bytes


def boundary_of(content_type: str) -> str:
    found = _BOUNDARY.search(content_type)
    if not found:
        raise bad_request("Missing boundary in multipart Content-Type")
    return found.group(1) or found.group(2)


def split_head(block: bytes) -> tuple[dict[str, str], bytes]:
    """Header lines (CRLF or LF), a blank line, the body."""
    if block.startswith((b"\r\n", b"\n")):
        return {}, block.removeprefix(b"\r\n").removeprefix(b"\n")
    found = [(block.find(separator), separator) for separator in (b"\r\n\r\n", b"\n\n")
             if separator in block]
    if found:
        index, separator = min(found)
        head, body = block[:index], block[index + len(separator):]
    else:
        head, body = block, b""
    headers: dict[str, str] = {}
    last = ""
    for line in head.decode("utf-8", errors="replace").splitlines():
        if line[:1] in (" ", "\t") and last:
            headers[last] += " " + line.strip()
            continue
        name, colon, value = line.partition(":")
        if colon:
            last = name.strip().lower()
            headers[last] = value.strip()
    return headers, body


def split_multipart(body: bytes, content_type: str) -> list[Part]:
    delimiter = b"--" + boundary_of(content_type).encode("latin-1")
    chunks = body.split(delimiter)
    if len(chunks) < 3:
        raise bad_request("Malformed multipart body")
    parts: list[Part] = []
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        chunk = chunk.removeprefix(b"\r\n").removeprefix(b"\n")
        chunk = chunk.removesuffix(b"\r\n") if chunk.endswith(b"\r\n") else \
            chunk.removesuffix(b"\n")
        headers, content = split_head(chunk)
        parts.append(Part(headers, content))
        if len(parts) > MAX_PARTS:
            raise bad_request("Too many parts in multipart body")
    if not parts:
        raise bad_request("Empty multipart body")
    return parts
