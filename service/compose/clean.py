"""Values from invites and notes made safe to put into a draft.

Calendar invites are written by strangers: a name, a title or a company may hold template
syntax, markup, line breaks, control characters or megabytes. They are data: cleaned to
one plain line, capped, and (for phrases set inside a sentence) kept to one sentence so the
template's sentence count holds. A value that is mostly markup or template syntax is no
value. The owner's notes are cleaned the same way but never cut (clean_note); names and
job titles are written as people write them (greeting_name, title_case).
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
_RAW_LIMIT = 20_000  # read no further into a hostile value than this
_STRAY = str.maketrans({"<": " ", ">": " ", "{": " ", "}": " "})


_TEMPLATE_BLOCK = re.compile(
    r"\{\{.{0,500}?\}\}|\{%.{0,500}?%\}|\{#.{0,500}?#\}|\$\{[^{}]{0,500}\}", re.DOTALL)


def _strip_markup(text: str) -> tuple[str, int]:
    """(text without control characters, markup and template syntax, how many characters of
    template syntax it held). Template syntax goes with what it holds ("{{ 7*7 }}" is code,
    not words); a tag's inner text stays ("<b>Karimi</b>" -> "Karimi")."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text)
    syntax = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal syntax
        syntax += len(match.group(0))
        return " "

    text = _TEMPLATE_BLOCK.sub(drop, text)
    text = _TAG.sub(" ", text)
    previous = None
    while previous != text:  # "{{{%%}}}" must not leave a "{%" behind
        previous, text = text, _TEMPLATE_SYNTAX.sub(" ", text)
    # a lone "{" or "<" left of template syntax or markup ("Backend Engineer {") is noise
    text = text.translate(_STRAY)
    text = text.replace("[", "(").replace("]", ")")  # brackets mark the owner's prompts
    return " ".join(text.split()), syntax


def _mostly_markup(raw: str, cleaned: str, syntax: int) -> bool:
    """A value that is mostly markup or template syntax ("{{7*7}} {% print 1 %}", "<b>") is
    no value at all: nothing of it should read as a name, a title or a topic."""
    if not re.search(r"[^\W_]", cleaned):
        return True
    return syntax > len(" ".join(raw.split())) / 2


def clean_line(value: object, limit: int) -> str:
    """One plain line: no control characters, markup, template syntax or brackets; at most
    ``limit`` characters, cut at a word boundary (for values strangers wrote: invites).
    Empty when the value is mostly markup or template syntax."""
    if value is None:
        return ""
    raw = str(value)[:_RAW_LIMIT]
    text, syntax = _strip_markup(raw)
    if _mostly_markup(raw, text, syntax):
        return ""
    if len(text) > limit:
        cut = text[:limit]
        text = cut.rsplit(" ", 1)[0] if " " in cut[limit // 2:] else cut
    return text.strip()


_SPACED_INITIALS = re.compile(r"\b((?:[A-Z]\.){2,})(?=\s)")


def clean_note(value: object) -> str:
    """An owner's note as one plain line, whole: never cut (the form limits its length).
    Empty when it mentions a forbidden subject (pay, apologies, social media; the template's
    prompt is used instead) or is mostly markup. Initials lose their periods ("U.S." -> "US")
    so that they do not end a sentence."""
    if value is None:
        return ""
    raw = str(value)
    text, syntax = _strip_markup(raw)
    if _mostly_markup(raw, text, syntax):
        return ""
    if any(pattern.search(text) for _, pattern in FORBIDDEN):
        return ""
    text = _SPACED_INITIALS.sub(lambda m: m.group(1).replace(".", ""), text)
    return text.strip()


def clean_phrase(value: object, limit: int, max_sentences: int = 1, *,
                 is_name: bool = False) -> str:
    """A cleaned value that reads as part of at most ``max_sentences`` sentences: further
    sentence ends become semicolons, trailing punctuation goes. Empty when it mentions a
    forbidden subject (pay, apologies, social media): the template's prompt is used instead.
    ``is_name``: a company or a job title, named as it is even when it holds such a word
    ("Quetzal Pay", "Compensation Analyst"; policy P2.4)."""
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
    if not is_name and any(pattern.search(text) for _, pattern in FORBIDDEN):
        return ""
    return text


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


# Honorifics and titles before a name: dropped from a greeting ("Dr. Anjali Rao" -> "Anjali").
_HONORIFICS = frozenset({
    "dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "lord",
    "lady", "rev", "revd", "reverend", "fr", "father", "pastor", "rabbi", "imam", "capt",
    "captain", "cpt", "col", "colonel", "lt", "lieutenant", "sgt", "sergeant", "maj", "cmdr",
    "commander", "gen", "hon", "judge", "justice", "mme", "mlle", "herr", "frau", "sra", "sr",
    "srta", "dott", "dra", "ing", "mag", "sheikh", "shaikh"})


def greeting_name(name: str | None, email: str) -> str | None:
    """How to greet someone, as people write it: their first name ("Jane"), without
    honorifics ("Prof. Ada Byron" -> "Ada"; "Dr. Rao" alone stays "Dr. Rao"), initials and
    names with their own capitals as written ("JD", "J. Peterman", "DeShawn"), a name typed
    all in one case put right ("MARY-JANE" -> "Mary-Jane"); a team mailbox's whole name
    ("Acme Recruiting" at recruiting@); a name read from the address (jane.doe@ -> "Jane");
    None when nothing reads as a name."""
    text = clean_line(name, 120)
    if any(pattern.search(text) for _, pattern in FORBIDDEN):
        text = ""  # "Hi Salary," would put the word in the draft anyway
    words = _WORD.findall(text)
    if words and is_role_address(email):
        return clean_line(without_trailing_abbreviation(text), 60) or None
    titles = 0
    while titles < len(words) - 1 and words[titles].lower() in _HONORIFICS:
        titles += 1
    if titles and len(words) - titles == 1:  # "Dr. Rao": no first name to greet by
        honorific = words[titles - 1]
        dotted = re.search(rf"\b{re.escape(honorific)}\.", text) is not None
        return f"{honorific}{'.' if dotted else ''} {_as_written(words[-1], text)}"
    words = words[titles:]
    if not words:
        local = email.split("@", 1)[0].lower()
        match = re.fullmatch(r"([a-z]{2,})(?:[._-][a-z]+)+", local)
        return match.group(1).capitalize() if match else None
    first = words[0]
    if len(first) == 1:  # an initial: "J. Peterman" is greeted whole
        start = text.find(first + ".") if first + "." in text else text.find(first)
        return clean_line(text[start:], 60) or None
    return _as_written(first, text)


def _as_written(word: str, whole: str) -> str:
    """A name as its owner writes it. Typed all in one case ("JANE DOE", "mary-jane"), it is
    put right part by part ("Jane", "Mary-Jane", "O'Brien"); short capitals beside other
    capitalised words are initials ("JD Smith" -> "JD"); other capitals are the owner's."""
    letters = [c for c in whole if c.isalpha()]
    all_upper = all(c.isupper() for c in letters)
    if word.isupper() and ((len(word) <= 3 and not all_upper) or
                           (len(word) <= 3 and len(_WORD.findall(whole)) == 1)):
        return word  # initials: "JD"
    if word.islower() or word.isupper():
        return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower())
    return word


# Words a job title keeps in capitals or in their own case, and words it keeps lower.
_TITLE_CASED = {word.lower(): word for word in (
    "iOS", "macOS", "DevOps", "DevRel", "SecOps", "MLOps", "FinOps", "SaaS", "PaaS", "GraphQL",
    "JavaScript", "TypeScript", "PostgreSQL", "MySQL", "NoSQL", "GitHub", "GitLab", "PhD",
    "MBA", "VP", "SVP", "EVP", "AVP", "CEO", "CTO", "CFO", "COO", "CIO", "CISO", "CMO", "CPO",
    "CRO", "HR", "IT", "QA", "UX", "UI", "SRE", "ML", "AI", "BI", "PM", "SDE", "SWE", "SDET",
    "ETL", "API", "SQL", "AWS", "GCP", "R&D", "B2B", "B2C", "GTM", "PR", "II", "III", "IV",
    "EMEA", "APAC", "US", "UK", "EU", "NLP", "iPhone", "e-commerce")}
_TITLE_SMALL = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on",
                          "or", "the", "to", "via", "with", "de", "du", "des", "la", "le"})


def title_case(title: str) -> str:
    """A job title as people write one: in title case ("SENIOR PRODUCT MANAGER" -> "Senior
    Product Manager", "data engineer ii" -> "Data Engineer II"), unless it carries its own
    case ("iOS Engineer", "VP, Data", "Head of Data"), which is kept as written."""
    letters = [c for c in title if c.isalpha()]
    if not letters or not (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
        return title
    upper = all(c.isupper() for c in letters)

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if low in _TITLE_CASED:
            return _TITLE_CASED[low]
        if match.start() > 0 and low in _TITLE_SMALL:
            return low
        if upper and len(word) <= 3 and low not in _TITLE_SMALL:
            return word  # an acronym we do not know: "SRE", "ERP"
        return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))

    return re.sub(r"[^\W_][\w&'’-]*", fix, title)
