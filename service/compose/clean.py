"""Values from invites and notes made safe to put into a draft.

Calendar invites are written by strangers: a name, a title or a topic may hold template
syntax, markup, line breaks, control characters or megabytes. They are data: cleaned to
one plain line, capped, and (for phrases set inside a sentence) kept to one sentence so the
template's sentence count holds.
"""

from __future__ import annotations

import re
import unicodedata

from service.detection.domains import is_role_address

from .sentences import FORBIDDEN, GREETING, SIGN_OFF

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]")
_TAG = re.compile(r"</?[A-Za-z!][^<>]{0,300}>")
_TEMPLATE_SYNTAX = re.compile(r"\{[{%#]|[}%#]\}|\$\{")
_BREAK = re.compile(r"(\S*?)([.!?]+)([\"')\]]*)\s+")
_KEPT_ABBREVIATION = re.compile(r"(e\.g|i\.e|etc|Mr|Ms|Mrs|Dr|St|Inc|Ltd|Co|Jr|Sr|vs)")
_INITIALS = re.compile(r"[\"'(]*(?:[A-Za-z]\.)*[A-Za-z]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_HONORIFICS = {"dr", "prof", "mr", "ms", "mrs", "mx"}
_RAW_LIMIT = 20_000  # read no further into a hostile value than this
_STRAY = str.maketrans({"<": " ", ">": " ", "{": " ", "}": " "})


def clean_line(value: object, limit: int) -> str:
    """One plain line: no control characters, markup, template syntax or brackets; at most
    ``limit`` characters, cut at a word boundary."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)[:_RAW_LIMIT])
    text = _CONTROL.sub(" ", text)
    text = _TAG.sub(" ", text)
    previous = None
    while previous != text:  # "{{{%%}}}" must not leave a "{%" behind
        previous, text = text, _TEMPLATE_SYNTAX.sub(" ", text)
    # a lone "{" or "<" left of template syntax or markup ("Backend Engineer {") is noise
    text = text.translate(_STRAY)
    text = text.replace("[", "(").replace("]", ")")  # brackets mark the owner's prompts
    text = " ".join(text.split())
    if len(text) > limit:
        cut = text[:limit]
        text = cut.rsplit(" ", 1)[0] if " " in cut[limit // 2:] else cut
    return text.strip()


def clean_phrase(value: object, limit: int, max_sentences: int = 1) -> str:
    """A cleaned value that reads as part of at most ``max_sentences`` sentences: further
    sentence ends become semicolons, trailing punctuation goes. Empty when it mentions a
    forbidden subject (pay, apologies, social media): the template's prompt is used instead."""
    text = clean_line(value, limit)
    breaks_left = max_sentences - 1

    def join(match: re.Match[str]) -> str:
        nonlocal breaks_left
        token, punct, closers = match.group(1), match.group(2), match.group(3)
        if punct == "." and not closers and _KEPT_ABBREVIATION.fullmatch(token.lstrip("\"'(")):
            return match.group(0)
        if punct == "." and _INITIALS.fullmatch(token):
            return token.replace(".", "") + closers + " "
        if breaks_left > 0:
            breaks_left -= 1
            return token + punct[0] + closers + " "
        return token + closers + "; "

    text = _BREAK.sub(join, text)
    text = text.strip().rstrip(".!?;:, ").strip()
    if any(pattern.search(text) for _, pattern in FORBIDDEN):
        return ""
    return text


_LEADING_FUNCTION_WORD = re.compile(
    r"^(The|A|An|Our|Your|Their|His|Her|Its|My|This|That|These|Those|Some|How|What|Why|When|"
    r"Where|Which|Who)\b(?=\s+\S)")


def mid_sentence(text: str) -> str:
    """A phrase set inside a sentence: "The migration to Kafka" -> "the migration to Kafka"
    (only a leading function word is lowered; names keep their capitals)."""
    return _LEADING_FUNCTION_WORD.sub(lambda m: m.group(1).lower(), text, count=1)


def first_clause(value: object, limit: int) -> str:
    """A cleaned phrase cut to its first sentence or clause and to ``limit`` characters:
    "a noted topic, in a few words" (a phone screen's thank-you)."""
    text = clean_phrase(value, limit, max_sentences=1)
    return text.split("; ", 1)[0].strip().rstrip(".!?;:, ").strip()


_TRAILING_ABBREVIATION = re.compile(
    r"(?:^|[\s,(])(?:e\.g|i\.e|etc|Mr|Ms|Mrs|Dr|St|Inc|Ltd|Co|Jr|Sr|vs)\.?$")


def without_trailing_abbreviation(text: str) -> str:
    """"Acme Inc" -> "Acme": a phrase that ends a sentence must not end in an abbreviation
    whose period would swallow the sentence's own ("... at Acme Inc. I enjoyed ...")."""
    previous = None
    while previous != text:
        previous, text = text, _TRAILING_ABBREVIATION.sub("", text).rstrip(" ,;:")
    return text


def clean_signature(value: object, lines: int = 6, width: int = 100) -> list[str]:
    """The owner's signature, line by line. Lines naming social media are left out, and so
    are greeting or sign-off lines (the template writes its own sign-off)."""
    if value is None:
        return []
    raw = str(value)[:_RAW_LIMIT].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = []
    for line in raw:
        cleaned = clean_line(line, width)
        if not cleaned or GREETING.match(cleaned) or SIGN_OFF.match(cleaned):
            continue
        if not any(p.search(cleaned) for _, p in FORBIDDEN):
            kept.append(cleaned)
    return kept[:lines]


def greeting_name(name: str | None, email: str) -> str | None:
    """How to greet someone: their first name ("Jane"), "Dr. Doe" after an honorific, the
    whole name when it starts with an initial ("J. Peterman") or names a team mailbox
    ("Acme Recruiting" at recruiting@, not "Acme"), or a name read from the address
    (jane.doe@ -> "Jane"); None when nothing reads as a name."""
    text = clean_line(name, 120)
    if any(pattern.search(text) for _, pattern in FORBIDDEN):
        text = ""  # "Hi Salary," would put the word in the draft anyway
    words = _WORD.findall(text)
    if words and is_role_address(email):
        return clean_line(without_trailing_abbreviation(text), 60) or None
    if words:
        first = words[0]
        if first.lower() in _HONORIFICS and len(words) >= 2:
            return f"{first.capitalize()}. {_tidy_case(words[-1])}"
        if len(first) == 1:
            return clean_line(name, 60)
        return _tidy_case(first)
    local = email.split("@", 1)[0].lower()
    match = re.fullmatch(r"([a-z]{2,})(?:[._-][a-z]+)+", local)
    return match.group(1).capitalize() if match else None


def _tidy_case(word: str) -> str:
    return word.capitalize() if word.islower() or word.isupper() else word
