"""The history reads as sentences for every kind of row the service writes, never a code."""

from __future__ import annotations

import re

from service.web.history import sentence

FOLLOW_UPS = {"key-jane": ("thank_you", "jane@acme.com"), "key-ci": ("check_in", "rita@acme.com")}
NAMES = {"jane@acme.com": "Jane Doe", "rita@acme.com": "Rita Ruiz"}
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z_]+\b")  # thank_you, check_in.approved


def _say(action: str, subject: str = "ev1", cause: str = "", **detail: str) -> str:
    return sentence(action, subject, cause, detail, FOLLOW_UPS.get,
                    lambda email: NAMES.get(email or "", email or "the company"))


def test_the_issues_examples() -> None:
    assert _say("thank_you.decided", "key-jane", "the interview ended",
                to="jane@acme.com") == "Thank-you to Jane Doe written"
    assert _say("check_in.suggested", cause="a week passed with no reply",
                to="rita@acme.com") == "Check-in suggested: a week passed with no reply"


def test_every_row_kind_is_words() -> None:
    rows = [("interview.detected", "ev1", "title says interview", {}),
            ("interview.cancelled", "ev1", "event deleted", {}),
            ("interview.declined", "ev1", "the calendar says so", {}),
            ("interview.not_interview", "ev1", "the owner", {}),
            ("interview.marked", "ev1", "the owner", {}),
            ("note.added", "ev1", "the owner", {}), ("note.edited", "ev1", "the owner", {}),
            ("note.deleted", "ev1", "the owner", {}),
            ("thank_you.skipped", "key-jane", "more than 72 hours after the interview", {}),
            ("thank_you.update", "key-jane", "a new note", {}),
            ("thank_you.sent", "key-jane", "the owner sent it", {}),
            ("thank_you.edited", "key-jane", "read back from the mailbox", {}),
            ("thank_you.deleted", "key-jane", "read back from the mailbox", {}),
            ("draft.create", "key-jane:create:0", "thank_you to jane@acme.com: written", {}),
            ("draft.update", "key-jane:update:1", "thank_you to jane@acme.com: updated", {}),
            ("draft.delete", "key-ci:delete:0", "check_in to rita@acme.com: deleted", {}),
            ("check_in.approved", "ev1", "the owner", {"to": "rita@acme.com"}),
            ("check_in.dismissed", "ev1", "the owner", {}),
            ("check_in.snoozed", "ev1", "the owner", {}),
            ("check_in.undone", "ev1", "the owner", {"undid": "approved"}),
            ("check_in.withdrawn", "ev1", "Rita replied", {}),
            ("check_in.decided", "key-ci", "approved", {"to": "rita@acme.com"}),
            ("check_in.delete", "key-ci", "a reply arrived", {}),
            ("outbox.failed", "key-jane:create:0", "HTTP 500", {}),
            ("something.new", "ev1", "x", {})]
    for action, subject, cause, detail in rows:
        text = _say(action, subject, cause, **detail)
        assert not CODE.search(text), (action, text)
        assert text[0].isupper(), (action, text)
    assert _say("draft.create", "key-jane:create:0",
                "thank_you to jane@acme.com: written") == (
        "Thank-you draft to Jane Doe is in your Drafts folder")


def test_a_cause_with_braces_is_data() -> None:
    assert _say("check_in.withdrawn", cause="{to} {0} {Kind}") == (
        "Check-in withdrawn: {to} {0} {Kind}")


def test_drafts_open_in_the_providers_web_mail() -> None:
    from service.web.views import draft_link

    assert draft_link("gmail", "sam@gmail.com", "18c2f") == (
        "https://mail.google.com/mail/u/sam@gmail.com/#drafts?compose=18c2f")
    assert draft_link("outlook", "sam@outlook.com", "AAMk/a+b=") == (
        "https://outlook.live.com/mail/0/drafts/id/AAMk%2Fa%2Bb%3D")
    assert draft_link("outlook", "sam@contoso.com", "AAMk") == (
        "https://outlook.office.com/mail/drafts/id/AAMk")
    assert draft_link("gmail", "sam@gmail.com", None) is None
