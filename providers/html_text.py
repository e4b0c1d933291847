"""Plain text out of what strangers put in calendar invites: HTML bodies, control characters,
megabyte-long descriptions. Used by the Google and Graph event parsers."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Bounds on what one event may carry into the service; the rest is cut off (invites are
# written by strangers, and detection reads every character).
MAX_TITLE_CHARS = 1_000
MAX_TEXT_CHARS = 20_000
# HTML beyond this is not parsed at all: the first part of a body is what names the role.
MAX_HTML_CHARS = 200_000

_BLOCK_TAGS = frozenset(
    {
        "br",
        "p",
        "div",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "table",
        "blockquote",
        "pre",
        "hr",
        "title",
    }
)
_SKIPPED_TAGS = frozenset({"script", "style", "head"})
# A description "looks like HTML" when it has one of the tags Google's editor and mail clients
# write; text like "Alex <> Acme" or "a < b" must stay as it is.
_HTML_HINT = re.compile(
    r"</?(?:a|b|i|u|s|br|p|div|span|ul|ol|li|html|body|head|strong|em|font|table|tbody|tr|td|"
    r"th|h[1-6]|meta|style|script|img|blockquote|pre|hr|center|small|big|sup|sub)\b[^<>]*>",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\xa0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return _HTML_HINT.search(text) is not None


def html_to_text(markup: str) -> str:
    """Tags stripped, entities decoded, line breaks kept at <br>, <p>, <div> and the like."""
    collector = _TextCollector()
    try:
        collector.feed(markup[:MAX_HTML_CHARS])
        collector.close()
    except (AssertionError, ValueError):  # html.parser's own complaints on broken markup
        return clean_text(html.unescape(re.sub(r"<[^>]*>", " ", markup[:MAX_HTML_CHARS])))
    return clean_text("".join(collector.parts))


def clean_text(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """Control characters dropped, spaces folded, lines trimmed, length bounded."""
    text = text[: limit * 2].replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return text[:limit]


def description_text(raw: str) -> str:
    """A description that may or may not be HTML, as plain text."""
    if looks_like_html(raw[:MAX_HTML_CHARS]):
        return html_to_text(raw)
    return clean_text(raw)


def one_line(raw: str, limit: int = MAX_TITLE_CHARS) -> str:
    """A title or location: one line of plain text."""
    return clean_text(raw.replace("\n", " ").replace("\r", " "), limit)
