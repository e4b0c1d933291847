"""RFC 5322 drafts built with the standard library's ``email`` package.

Names, addresses and subjects come from calendar invites, i.e. from strangers: every header
value is reduced to one line without control characters before it is set, and non-ASCII
text goes out as RFC 2047 encoded words, so no value can start a header of its own.
"""

from __future__ import annotations

import re
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from providers.model import DraftRequest, Person

MAX_SUBJECT_CHARS = 500
MAX_NAME_CHARS = 200
_MAX_REFERENCES = 20

# Everything that could end a header line or hide in one: C0/C1 controls, Unicode line and
# paragraph separators, zero-width and direction marks, the byte order mark.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+")
_SPACES = re.compile(r"\s+")
_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$"
)
_MESSAGE_ID = re.compile(r"^<[\x21-\x3b\x3d\x3f-\x7e]{1,900}>$")  # printable ASCII, no <>
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
# A reader that decodes an encoded word before it parses the addresses sees a display
# name's characters as address syntax: an unbalanced "(" opens a comment that swallows
# the address, an "@" makes an address of its own. Commas and dots (common in names) only
# split off a phrase without an address.
_NAME_SYNTAX = re.compile(r'["\\<>()\[\];:@]')


class DraftContentError(ValueError):
    """The draft cannot be written as asked (an address that is not one); one line."""


def header_text(value: str, limit: int) -> str:
    """One line of text fit for a header: control characters and line breaks become spaces,
    runs of white space fold into one, the ends are trimmed, the length is bounded."""
    return _SPACES.sub(" ", _UNSAFE.sub(" ", value)).strip()[:limit]


def message_id_for_key(key: str, owner_email: str) -> str:
    """The deterministic Message-ID of the draft written for an idempotency key: the lookup
    handle after a lost answer (Gmail ``rfc822msgid:``). It may travel with the message, so
    it says nothing but the opaque key, at the owner's own domain."""
    safe = _KEY_UNSAFE.sub("-", key)[:200]
    if not safe:
        raise DraftContentError("a draft key must not be empty")
    domain = owner_email.strip().lower().rpartition("@")[2]
    if not domain or not re.fullmatch(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?", domain):
        domain = "localhost"
    return f"<{safe}@{domain}>"


def valid_message_id(value: str | None) -> str | None:
    """``value`` if it is a well-formed ``<id@host>`` Message-ID, else None (dropped)."""
    if value is None:
        return None
    value = value.strip()
    return value if _MESSAGE_ID.match(value) else None


def mailbox_address(person: Person) -> Address:
    email = header_text(person.email, 320)
    if not _ADDRESS.match(email):
        raise DraftContentError(f"not a usable e-mail address: {email[:80]!r}")
    local, domain = email.rsplit("@", 1)
    # Address syntax never helps a display name (_NAME_SYNTAX says why it hurts).
    name = header_text(_NAME_SYNTAX.sub(" ", person.name or ""), MAX_NAME_CHARS)
    return Address(display_name=name, username=local, domain=domain)


def build_draft(request: DraftRequest, *, owner_email: str, date: datetime) -> EmailMessage:
    """The draft as a MIME message: plain-text UTF-8 body, the deterministic Message-ID of
    the mark's key (the only mark: no header of the service's own) and, for a reply,
    In-Reply-To/References."""
    message = EmailMessage(policy=policy.SMTP)
    if request.sender is not None:
        message["From"] = mailbox_address(request.sender)
    message["To"] = mailbox_address(request.to)
    message["Subject"] = header_text(request.subject, MAX_SUBJECT_CHARS)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id_for_key(request.mark.key, owner_email)
    target = request.reply_to
    if target is not None:
        parent = valid_message_id(target.message_id_header)
        chain = [ref for ref in map(valid_message_id, target.references) if ref]
        if parent is not None:
            message["In-Reply-To"] = parent
            if parent not in chain:
                chain.append(parent)
        if chain:
            message["References"] = " ".join(chain[-_MAX_REFERENCES:])
    message.set_content(
        plain_body(request.body), subtype="plain", charset="utf-8", cte="quoted-printable"
    )
    return message


def plain_body(text: str) -> str:
    """Body text with one kind of line break and no control characters but tabs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    return text if text.endswith("\n") else text + "\n"


def draft_bytes(request: DraftRequest, *, owner_email: str, date: datetime) -> bytes:
    """The draft in wire form (CRLF line ends)."""
    return build_draft(request, owner_email=owner_email, date=date).as_bytes()
