"""How a draft is measured: the greeting line, the sign-off line, and the sentences between
(policy P2.2), counted the way the acceptance check counts them."""

from __future__ import annotations

import re

GREETING = re.compile(r"^\s*(hi|hello|dear|good (morning|afternoon))\b.*,\s*$", re.IGNORECASE)
SIGN_OFF = re.compile(
    r"^\s*(best( regards| wishes)?|kind regards|warm regards|regards|sincerely|thanks( again)?|"
    r"thank you|many thanks|cheers|all the best)[,!.]?\s*$", re.IGNORECASE)
# A bracketed prompt for the owner to fill in: "[specific topic you discussed]".
PROMPT = re.compile(r"\[[^\]]*\]")
# Only these abbreviations (and only so written) keep their period inside a sentence.
ABBREVIATION = re.compile(r"\b(e\.g|i\.e|etc|Mr|Ms|Mrs|Dr|St|Inc|Ltd|Co|Jr|Sr|vs)\.")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"')\]]*\s+")

SENTENCE_RANGE: dict[str, tuple[int, int]] = {
    "phone_screen": (2, 4),
    "interview": (5, 7),
    "panel": (5, 7),
    "final_round": (5, 9),
    "check_in": (3, 6),
}

FORBIDDEN: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE)) for label, pattern in (
        ("salary", r"\bsalar(y|ies)\b"),
        ("compensation", r"\bcompensation\b"),
        ("pay", r"\bpay\b"),
        ("sorry", r"\bsorry\b"),
        ("apologise", r"\bapologi[sz]e"),
        ("apology", r"\bapolog(y|ies)\b"),
        ("social media", r"\blinked ?in\b|\btwitter\b|\binstagram\b|\bDMs?\b|\bfacebook\b"
                         r"|\btiktok\b|\bsocial media\b"),
    ))


def body_lines_between(body: str) -> tuple[int | None, int | None, list[str]]:
    """(greeting line index, sign-off line index, all lines)."""
    lines = body.replace("\r\n", "\n").split("\n")
    greeting = next((i for i, line in enumerate(lines) if GREETING.match(line)), None)
    start = 0 if greeting is None else greeting + 1
    sign_off = next((j for j in range(start, len(lines)) if SIGN_OFF.match(lines[j])), None)
    return greeting, sign_off, lines


def body_text(body: str) -> str:
    """The lines between the greeting line and the sign-off line, as one line."""
    greeting, sign_off, lines = body_lines_between(body)
    start = 0 if greeting is None else greeting + 1
    stop = len(lines) if sign_off is None else sign_off
    return " ".join(line.strip() for line in lines[start:stop] if line.strip())


def count_sentences(body: str) -> int:
    """Sentences between the greeting line and the sign-off line."""
    text = PROMPT.sub("X", body_text(body))
    text = ABBREVIATION.sub(r"\1", text)
    return len([part for part in SENTENCE_BREAK.split(text) if part.strip()])


def forbidden_words(text: str) -> list[str]:
    return [label for label, pattern in FORBIDDEN if pattern.search(text)]
