"""Drafts as RFC 5322 messages: no header injection from hostile names or subjects, encoded
words for non-ASCII text, the deterministic Message-ID, reply headers and the mark."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from providers.mime import (
    DraftContentError,
    draft_bytes,
    header_text,
    message_id_for_key,
    valid_message_id,
)
from providers.model import DraftMark, DraftRequest, Person, ReplyTarget

WHEN = datetime(2026, 3, 4, 17, 30, tzinfo=UTC)
MARK = DraftMark("k-0123abcd")
OWNER = "alex.kim@gmail.com"


def parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body_of(message: EmailMessage) -> str:
    return str(message.get_content()).replace("\r\n", "\n").rstrip("\n")


def request(**changes: object) -> DraftRequest:
    fields: dict[str, object] = {
        "mark": MARK,
        "to": Person("jane.doe@acme.com", "Jane Doe"),
        "subject": "Thank you",
        "body": "Hi Jane,\n\nThank you for your time today.\n\nBest,\nAlex",
        "sender": Person("alex.kim@gmail.com", "Alex Kim"),
    }
    fields.update(changes)
    return DraftRequest(**fields)  # type: ignore[arg-type]


def test_plain_draft_has_the_headers_the_service_relies_on() -> None:
    raw = draft_bytes(request(), owner_email=OWNER, date=WHEN)
    message = parse(raw)
    assert message["To"] == "Jane Doe <jane.doe@acme.com>"
    assert message["From"] == "Alex Kim <alex.kim@gmail.com>"
    assert message["Subject"] == "Thank you"
    # The mark is the opaque key in the Message-ID, at the owner's domain; no header of the
    # service's own travels with the message (no tool name, no event id, no kind).
    assert message["Message-ID"] == "<k-0123abcd@gmail.com>"
    assert DraftMark.of(message["Message-ID"]) == MARK
    assert [name for name in message if name.lower().startswith("x-")] == []
    assert message["In-Reply-To"] is None and message["References"] is None
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert body_of(message) == request().body
    assert b"\r\n" in raw and all(byte < 128 for byte in raw)  # 7-bit clean wire form


@pytest.mark.parametrize(
    "name",
    ["Eve\r\nBcc: spy@evil.example", "Eve\nBcc: spy@evil.example", "Eve\u2028Bcc: spy@evil.example",
     "Eve\x00\rBcc: spy@evil.example"],
)
def test_line_breaks_in_a_name_cannot_add_a_header(name: str) -> None:
    message = parse(draft_bytes(request(to=Person("eve@corp.example", name)),
                                owner_email=OWNER, date=WHEN))
    assert message["Bcc"] is None
    assert [addr.addr_spec for addr in message["To"].addresses] == ["eve@corp.example"]
    assert "\n" not in str(message["To"]) and "\r" not in str(message["To"])


def test_line_breaks_in_a_subject_cannot_add_a_header_and_long_subjects_fold() -> None:
    subject = "Thanks\r\nBcc: spy@evil.example\r\n\r\nbody injection " + "word " * 60
    raw = draft_bytes(request(subject=subject), owner_email=OWNER, date=WHEN)
    message = parse(raw)
    assert message["Bcc"] is None
    assert message["Subject"].startswith("Thanks Bcc: spy@evil.example body injection word")
    assert "body injection" not in message.get_content()
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))


def test_non_ascii_names_and_subjects_go_out_as_encoded_words() -> None:
    raw = draft_bytes(
        request(to=Person("jose@acme.com", "José Müller, PhD"), subject="Merci — à bientôt"),
        owner_email=OWNER, date=WHEN,
    )
    header_block = raw.split(b"\r\n\r\n", 1)[0]
    assert b"=?utf-8?" in header_block
    message = parse(raw)
    (address,) = message["To"].addresses
    assert address.display_name == "José Müller, PhD"
    assert address.addr_spec == "jose@acme.com"
    assert message["Subject"] == "Merci — à bientôt"


def test_reply_headers_point_at_the_target_and_drop_malformed_ids() -> None:
    target = ReplyTarget(
        message_id="18e2a0c000000001",
        thread_id="18e2a0c000000001",
        message_id_header="<CAB123@mail.acme.com>",
        references=("<root@mail.acme.com>", "not an id", "<bad id@x>"),
        subject="Next steps",
    )
    message = parse(draft_bytes(request(reply_to=target), owner_email=OWNER, date=WHEN))
    assert message["In-Reply-To"] == "<CAB123@mail.acme.com>"
    assert message["References"] == "<root@mail.acme.com> <CAB123@mail.acme.com>"


def test_a_reply_target_without_message_id_adds_no_reply_headers() -> None:
    target = ReplyTarget(message_id="m", thread_id="t", message_id_header=None)
    message = parse(draft_bytes(request(reply_to=target), owner_email=OWNER, date=WHEN))
    assert message["In-Reply-To"] is None and message["References"] is None


def test_unusable_addresses_are_refused() -> None:
    for address in ["no-at-sign", "a@b@c", "x@evil.example\r\nBcc: y@z.example", "@acme.com"]:
        with pytest.raises(DraftContentError):
            draft_bytes(request(to=Person(address)), owner_email=OWNER, date=WHEN)


def test_message_id_is_deterministic_and_safe() -> None:
    assert message_id_for_key("abc", OWNER) == message_id_for_key("abc", "Alex.Kim@Gmail.com")
    assert message_id_for_key("a b<c>", OWNER) == "<a-b-c-@gmail.com>"
    assert message_id_for_key("abc", "not an address") == "<abc@localhost>"
    assert valid_message_id(message_id_for_key("x" * 500, OWNER)) is not None
    with pytest.raises(DraftContentError):
        message_id_for_key("", OWNER)


def test_header_text_is_one_bounded_line() -> None:
    assert header_text("  a\r\n\tb\u2029c\x1b  ", 100) == "a b c"
    assert header_text("x" * 50, 10) == "x" * 10


def test_body_keeps_text_and_drops_control_characters() -> None:
    body = "Hi Jane,\r\nLine two\x07 with a bell\n\tindented\nÜnïcödé"
    message = parse(draft_bytes(request(body=body), owner_email=OWNER, date=WHEN))
    assert body_of(message) == (
        "Hi Jane,\nLine two with a bell\n\tindented\nÜnïcödé"
    )


@pytest.mark.parametrize("name", ["\U000b63d3(6 }µ", "Jane (Acme", "jane@evil.example",
                                  "Ops; Team: [x]", "Zoë \"Z\" <boss>"])
def test_a_reader_that_decodes_names_first_still_sees_one_address(name: str) -> None:
    # Gmail's own readers are not documented; the least helpful one decodes the encoded
    # word, then parses the addresses (the emulator does): the name must not read as
    # address syntax there either
    from email.header import decode_header, make_header
    from email.utils import getaddresses

    raw = draft_bytes(request(to=Person("jane.doe@acme.com", name)), owner_email=OWNER,
                      date=WHEN)
    folded = next(line for line in raw.replace(b"\r\n ", b" ").split(b"\r\n")
                  if line.startswith(b"To: "))
    decoded = str(make_header(decode_header(folded[4:].decode("ascii"))))
    found = [address for _, address in getaddresses([decoded]) if "@" in address]
    assert found == ["jane.doe@acme.com"]
