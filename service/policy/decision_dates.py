"""Decision dates stated in mail ("we will be making decisions by next Friday").

Pure text analysis: no clock reads. Relative phrases are resolved against the message's
date in the owner's time zone (policy P3.1); "N business days" counts Monday to Friday from
the day after the message, holidays not skipped.

Two questions are answered here:
- :func:`extract_decision_date`: which day, if any, the message says news will come by;
- :func:`is_timeline_only`: whether the message's only news is such a dated timeline (then it
  is not a reply, policy P4.1), as opposed to a decision, a question or a next step.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .timeline_languages import in_english

__all__ = [
    "DecisionStatement",
    "add_business_days",
    "extract_decision_date",
    "is_timeline_only",
    "strip_quoted",
]

MAX_TEXT = 20_000  # a decision statement sits near the top; more is quoted history or noise


@dataclass(frozen=True)
class DecisionStatement:
    """A day by which the company said news will come, and the words that said it."""

    day: date
    phrase: str


# --- vocabulary -----------------------------------------------------------------------------

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
                 "fri": 4, "sat": 5, "sun": 6}
_MONTHS = {name: i + 1 for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                 "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
                 "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3}

_WD = "|".join(_WEEKDAYS)
_WD_ANY = _WD + "|" + "|".join(sorted(_WEEKDAY_ABBR, key=len, reverse=True))
_MON = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
_NUM = r"\d{1,3}|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len,
                                      reverse=True))

# Words that make a sentence about news to come ("decisions", "hear back", "update").
_CUE = re.compile(
    r"\b(decision|decisions|decide|deciding|hear (back|from)|get back|come back|back to you|"
    r"in touch|reach out|update|updates|let you know|news|feedback|outcome|results?|answer|"
    r"respond|response|reply|wrap(ping)? up|finali[sz]e|conclude|notify|inform|contact you|"
    r"next steps?|timeline|expect|aim|plan to|complete (the|our) (process|interviews))\b")

# Deadline words in front of a time expression.
_BY = r"(?:by|before|until|till|no later than|on or before|not later than|by the end of|by end of)"
_WITHIN = r"(?:within|in the next|over the next|in the coming|in)"
# "About a week", "up to two weeks": the number that follows is what counts.
_ABOUT = r"(?:(?:about|around|roughly|approximately|approx\.?|up to|at most|no more than)\s+)?"
# "End of day Friday", "EOD Friday", "COB on Friday": that day.
_DAY_END = (r"(?:(?:the\s+)?(?:end of (?:the\s+)?(?:business\s+)?day|eod|cob|close of business)"
            r"\s+(?:on\s+)?)?")

# Time expressions; each named group set tells the resolver what was said.
_EXPLICIT = (
    r"(?:(?:" + _WD_ANY + r")\.?,?\s+)?(?:the\s+)?(?:"
    r"(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})"
    r"|(?P<md_m>" + _MON + r")\.?\s+(?P<md_d>\d{1,2})" + _ORD
    + r"(?:,?\s+(?P<md_y>\d{4}))?(?![\d:])"
    r"|(?P<dm_d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?(?P<dm_m>" + _MON + r")\b\.?"
    r"(?:,?\s+(?P<dm_y>\d{4}))?"
    r"|(?P<num_a>\d{1,2})/(?P<num_b>\d{1,2})(?:/(?P<num_y>\d{2}|\d{4}))?(?![\d/])"
    r"|(?P<dot_d>\d{1,2})\.(?P<dot_m>\d{1,2})\.(?P<dot_y>\d{4})"
    r"|(?P<dots_d>\d{1,2})\.(?P<dots_m>\d{1,2})\.(?![\d])"  # "16.10." (day first)
    # "by the 20th" (a day of the month; never "the 2nd round")
    r"|(?<=the )(?P<dom>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?!\s+(?:of\s+)?(?:" + _MON + r"|round|interview|stage|step|time|candidate|place)s?\b)"
    r")"
)
# "Wednesday next week", "next week on Wednesday": that day of next week. Listed before the
# plain weekday so that the whole phrase is read, not "Wednesday" alone.
_WEEKDAY_NEXT_WEEK = (
    r"(?:(?P<wdn_a>" + _WD_ANY + r")\.?,?\s+(?:of\s+|in\s+)?(?:the\s+)?(?:next|following) week"
    r"|next week(?:\s+on)?\s+(?P<wdn_b>" + _WD_ANY + r")\b\.?)"
)
_WEEKDAY = (
    r"(?:(?P<wd_rel>next|this coming|this|the coming|coming|the following|following)\s+)?"
    r"(?P<wd>" + _WD_ANY + r")\b\.?(?!,?\s+\d)"
)
# Without a deadline word in front, only whole names: "sat" and "wed" are words too.
_WEEKDAY_FULL = (
    r"(?:(?P<wd_rel>next|this coming|this|the coming|coming|the following|following)\s+)?"
    r"(?P<wd>" + _WD + r")\b(?!,?\s+\d)"
)
_PERIOD = (
    r"(?P<period>(?:the\s+)?end of (?:the\s+|this\s+)?(?:work\s*)?week|eow"
    r"|(?:the\s+)?end of next week"
    r"|(?:the\s+)?end of (?:the\s+|this\s+)?month|(?:the\s+)?month[- ]end|eom"
    r"|(?:the\s+)?end of next month"
    r"|early next week|(?:the\s+)?beginning of next week|(?:the\s+)?start of next week"
    r"|mid[- ]next week|(?:the\s+)?middle of next week|later this week|next week|this week"
    r"|mid[- ]month|(?:the\s+)?middle of (?:the\s+|this\s+)?month"
    r"|early next month|next month|tomorrow|today|tonight"
    r"|(?:the\s+)?end of (?:the\s+)?(?:business\s+)?day|eod|cob|close of business"
    r"|(?:the\s+)?(?:end|close) of (?P<eom>" + _MON + r")"
    r"|late (?P<late_m>" + _MON + r")"
    r"|(?:mid[- ]|the middle of )(?P<mid_m>" + _MON + r")"
    r"|early (?P<early_m>" + _MON + r"))\b"
)
_NUM_RANGE = (
    r"(?:(?P<dur_lo>" + _NUM + r")\s*(?:-|–|—|to|or)\s*)?(?P<dur_n>" + _NUM + r")"
)
_UNIT = r"(?P<dur_unit>days?|weeks?|months?|fortnights?|hours?|hrs?)\b"
_DURATION = (
    _ABOUT + r"(?:" + _NUM_RANGE + r"\s+(?P<dur_biz>business\s+|working\s+)?" + _UNIT
    # "a week or two": the second number counts, in the same unit
    + r"(?:\s+or\s+(?P<dur_or>" + _NUM + r")\b)?"
    + r"|(?:the\s+)?(?:next|coming)\s+(?P<dur_one>week|fortnight|month)\b"
    + r"|(?P<dur_fortnight>a fortnight)\b)"
)

_PATTERNS: list[tuple[re.Pattern[str], bool]] = [
    # (pattern, needs_cue_before): a bare expression ("next week") counts only after a cue
    # word in the same sentence ("we will decide next week", not "the team meets next week").
    # Earlier patterns win where two readings overlap ("within the next week" is seven days,
    # not "next week").
    (re.compile(r"\b" + _BY + r"\s+" + _DAY_END + r"(?:" + _WEEKDAY_NEXT_WEEK + "|"
                + _EXPLICIT + "|" + _WEEKDAY + "|" + _PERIOD + ")"), False),
    (re.compile(r"\b" + _WITHIN + r"\s+(?:the\s+next\s+)?" + _DURATION), False),
    (re.compile(r"\b(?:the\s+)?(?P<weekof>week of)\s+(?:" + _EXPLICIT + ")"), True),
    (re.compile(r"\b(?:on|at|around|for)\s+" + _DAY_END + r"(?:" + _WEEKDAY_NEXT_WEEK + "|"
                + _EXPLICIT + "|" + _WEEKDAY + ")"), True),
    (re.compile(r"(?<![\w-])(?:" + _WEEKDAY_NEXT_WEEK + "|" + _PERIOD + ")"), True),
    # a bare day after a cue: "we will get back to you next Tuesday", "... October 16"
    (re.compile(r"(?<![\w/.-])" + _DAY_END + r"(?:" + _EXPLICIT + "|" + _WEEKDAY_FULL + ")"),
     True),
]

# Anything that asks something of the owner, or is itself the news (P4.1). Words that only
# describe the interview that was ("thanks for coming onsite", "after the final round") are
# not here: a further round is news through the verb that offers it (invite, schedule, ...).
_NOT_TIMELINE = re.compile(
    r"\?|\b(invite|invitation|inviting|next steps?|next round|next stage|"
    r"unfortunately|regret|not (be )?(moving|proceeding)|"
    r"(?<!not )(?<!n't )(?<!not yet )(?<!n't yet )(?<!yet to be )(?<!un)decided|"
    r"have made (a|our|the) decision|made (a|our|the) decision|reached (a|our|the) decision|"
    r"position has been filled|no longer|not selected|not been selected|offers?|"
    r"pursu\w* other|another candidate|(have|has) (chosen|selected|hired|filled)|"
    r"selected for|been selected|shortlisted|through to|great news|good news|"
    r"mov(e|ing) you|progress(ed|ing)? (to|through)|(onsite|on-site|final|technical) stage|"
    r"move forward|moving forward|proceed|advance (you|to)|schedul\w*|availability|"
    r"pick a time|select a time|book a time|time slots?|set up a|"
    r"(would|'d) (like|love)( you)? to(?! (thank|take a moment|let you know|update you|"
    r"give you an update|share an update|keep you (posted|updated|informed)))|"
    r"come (back )?in for|join us for|(bring|have) you (back|in)|"
    r"congratulations|"
    r"(pleased|excited|delighted|thrilled) to (inform|share|let you know|extend|offer|invite|"
    r"tell you|announce|confirm|welcome|move|advance)|"
    r"happy to (share|inform|let you know|extend)|references|reference checks?|"
    r"background check|"
    r"assessment|take-?home|assignment|exercise|test|can you|could you|would you|will you|"
    r"please (send|complete|submit|fill|confirm|reply|respond|share|provide|select|choose|"
    r"pick|book|sign|review|call|return|upload|click|use)|"
    r"let (me|us) know (your|when|which|whether|if you (would|are|can|could)))\b"
)

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_QUOTE_HEADER = re.compile(
    r"^\s*(on\b.{0,300}\bwrote:|-{2,}\s*original message\s*-{2,}|_{10,})\s*$", re.IGNORECASE)
_OUTLOOK_HEADER = re.compile(r"^\s*(from|de|von):\s", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^\s*(sent|date|to|subject|gesendet|envoyé):\s", re.IGNORECASE)


# --- public API -----------------------------------------------------------------------------


def strip_quoted(text: str) -> str:
    """The message's own words: quoted history ("> ...", "On ... wrote:", Outlook's
    "From:/Sent:" block) is the owner's own text coming back and says nothing new."""
    lines = text[:MAX_TEXT].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        if _QUOTE_HEADER.match(line):
            break
        if i + 1 < len(lines) and re.match(r"^\s*on\b.{0,200}$", line, re.IGNORECASE) \
                and re.match(r"^.{0,100}\bwrote:\s*$", lines[i + 1], re.IGNORECASE):
            break  # "On Tue, ... <x@y>\nwrote:" wrapped over two lines
        if _OUTLOOK_HEADER.match(line) and any(
                _OUTLOOK_NEXT.match(nxt) for nxt in lines[i + 1:i + 5]):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept)


def add_business_days(day: date, count: int) -> date:
    """``count`` Monday-to-Friday days after ``day`` (counting starts the day after)."""
    result = day
    while count > 0:
        result += timedelta(days=1)
        if result.weekday() < 5:
            count -= 1
    return result


def extract_decision_date(text: str, message_date: datetime, tz: str | tzinfo
                          ) -> DecisionStatement | None:
    """The day by which the message says a decision (or news) will come, or None.

    ``message_date`` is the message's own date (aware); ``tz`` the owner's IANA zone, in
    which relative phrases are read. When several days are stated the latest wins (it is
    the last day news can be expected by).
    """
    zone = _zone(tz)
    base = message_date.astimezone(zone).date() if message_date.tzinfo else message_date.date()
    day_first = not _month_first_zone(zone)
    best: DecisionStatement | None = None
    for match in _matches(in_english(strip_quoted(text))):
        day = _resolve(match, base, day_first)
        if day is None or day < base:
            continue  # "we hoped to decide by October 16, but need more time": no date
        if best is None or day > best.day:
            best = DecisionStatement(day=day, phrase=match.group(0).strip())
    return best


def is_timeline_only(text: str) -> bool:
    """Whether the message's only news is a dated timeline (policy P4.1).

    True when it states a date or period for the decision and holds no decision, question
    or next step for the owner. "We will be in touch soon" (no date) is False: a reply.
    """
    own = in_english(strip_quoted(text))
    if _NOT_TIMELINE.search(_URL.sub(" ", own).lower()):
        return False
    probe = date(2001, 1, 1)  # only whether a valid day can be read, not which one
    return any(_resolve(m, probe, False) is not None for m in _matches(own))


# --- matching -------------------------------------------------------------------------------


def _zone(tz: str | tzinfo) -> tzinfo:
    if isinstance(tz, str):
        try:
            return ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")
    return tz


# Where 10/6 is October 6: the United States, Canada (as English Canada mostly writes it)
# and the Philippines. Latin America writes the day first, as most of the world does:
# "até 05/11" in São Paulo is 5 November.
_MONTH_FIRST_ZONES = frozenset({
    "America/New_York", "America/Detroit", "America/Chicago", "America/Menominee",
    "America/Denver", "America/Boise", "America/Phoenix", "America/Los_Angeles",
    "America/Anchorage", "America/Juneau", "America/Sitka", "America/Metlakatla",
    "America/Yakutat", "America/Nome", "America/Adak", "America/Atka", "America/Shiprock",
    "America/Indianapolis", "America/Fort_Wayne", "America/Louisville", "America/Knox_IN",
    "Pacific/Honolulu", "Navajo", "America/St_Johns", "America/Halifax", "America/Glace_Bay",
    "America/Moncton", "America/Goose_Bay", "America/Toronto", "America/Montreal",
    "America/Nipigon", "America/Thunder_Bay", "America/Iqaluit", "America/Pangnirtung",
    "America/Winnipeg", "America/Rainy_River", "America/Resolute", "America/Rankin_Inlet",
    "America/Atikokan", "America/Coral_Harbour", "America/Regina", "America/Swift_Current",
    "America/Edmonton", "America/Cambridge_Bay", "America/Yellowknife", "America/Inuvik",
    "America/Creston", "America/Dawson_Creek", "America/Fort_Nelson", "America/Whitehorse",
    "America/Dawson", "America/Vancouver", "Asia/Manila", "", "UTC"})


def _month_first_zone(zone: tzinfo) -> bool:
    """10/6 is October 6 where the owner lives in the US, Canada or the Philippines; 10 June
    elsewhere (Latin America too)."""
    name = str(getattr(zone, "key", "") or "")
    return name in _MONTH_FIRST_ZONES or name.startswith(
        ("US/", "Canada/", "America/Indiana/", "America/Kentucky/", "America/North_Dakota/"))


def _sentences(text: str) -> Iterator[str]:
    flat = re.sub(r"[ \t]+", " ", text.lower())
    for paragraph in re.split(r"\n\s*\n", flat):
        joined = " ".join(paragraph.split())
        # "Oct. 16" and "10.16.2026" are not sentence ends: a split needs a capital-ish next
        # word, which lowercasing removed, so split on ". " followed by a letter.
        yield from re.split(r"(?<=[.!?;])\s+(?=[a-z\"'(])", joined)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """Time expressions in sentences about news to come. Where two readings share words, the
    longer one is kept ("within the next week" is seven days, not "next week"; "next week on
    Thursday" is not "on Thursday")."""
    for sentence in _sentences(text):
        if not _CUE.search(sentence):
            continue
        found: list[tuple[int, int, re.Match[str]]] = []
        for rank, (pattern, needs_cue_before) in enumerate(_PATTERNS):
            for match in pattern.finditer(sentence):
                if needs_cue_before and not _CUE.search(sentence[:match.start()]):
                    continue
                found.append((match.start() - match.end(), rank, match))
        taken: list[tuple[int, int]] = []
        for _, _, match in sorted(found, key=lambda item: item[:2]):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            yield match


_EXPLICIT_ANYWHERE = re.compile(r"(?<![\w/.-])" + _EXPLICIT)


def _resolve(match: re.Match[str], base: date, day_first: bool) -> date | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if groups.get("wd_rel", "").endswith("following"):
        # "the team meets on October 15 and we will decide by the following Monday":
        # the first such weekday after the latest day named before it in the sentence
        named = [_explicit({k: v for k, v in m.groupdict().items() if v is not None}, base,
                           day_first)
                 for m in _EXPLICIT_ANYWHERE.finditer(match.string[:match.start()])]
        days = [d for d in named if isinstance(d, date)]
        anchor = max(days) if days else base
        target = _weekday_index(groups["wd"])
        return anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)
    for resolver in _RESOLVERS:
        result = resolver(groups, base, day_first)
        if result is not _NO_MATCH:
            return result if isinstance(result, date) else None
    return None


_NO_MATCH = object()


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, year: str | None, base: date) -> date | None:
    if year is not None:
        y = int(year)
        return _safe_date(y + 2000 if y < 100 else y, month, day)
    candidate = _safe_date(base.year, month, day)
    if candidate is None:
        return None
    if candidate < base - timedelta(days=60):  # "January 5" written in December
        return _safe_date(base.year + 1, month, day)
    return candidate


def _day_of_month(day: int, base: date) -> date | None:
    """"By the 20th": the next 20th on or after the message's day."""
    if not 1 <= day <= 31:
        return None
    year, month = base.year, base.month
    for _ in range(3):  # the 31st may skip a short month
        found = _safe_date(year, month, day)
        if found is not None and found >= base:
            return found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _explicit(groups: dict[str, str], base: date, day_first: bool) -> object:
    if "iso_y" in groups:
        return _safe_date(int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"]))
    if "md_m" in groups:
        return _infer_year(_MONTHS[groups["md_m"]], int(groups["md_d"]), groups.get("md_y"),
                           base)
    if "dm_m" in groups:
        return _infer_year(_MONTHS[groups["dm_m"]], int(groups["dm_d"]), groups.get("dm_y"),
                           base)
    if "dot_d" in groups:
        return _safe_date(int(groups["dot_y"]), int(groups["dot_m"]), int(groups["dot_d"]))
    if "dots_d" in groups:
        month = int(groups["dots_m"])
        return _infer_year(month, int(groups["dots_d"]), None, base) if 1 <= month <= 12 \
            else None
    if "dom" in groups:
        return _day_of_month(int(groups["dom"]), base)
    if "num_a" in groups:
        a, b = int(groups["num_a"]), int(groups["num_b"])
        orders = [(b, a), (a, b)] if day_first else [(a, b), (b, a)]
        for month, day in orders:
            if 1 <= month <= 12:
                found = _infer_year(month, day, groups.get("num_y"), base)
                if found is not None:
                    return found
        return None
    return _NO_MATCH


def _weekday_index(name: str) -> int:
    name = name.rstrip(".")
    return _WEEKDAYS.index(name) if name in _WEEKDAYS else _WEEKDAY_ABBR[name]


def _next_monday(base: date) -> date:
    return base - timedelta(days=base.weekday()) + timedelta(days=7)


def _week_of(groups: dict[str, str], base: date, day_first: bool) -> object:
    """"The week of October 19": by the Friday of that week."""
    if "weekof" not in groups:
        return _NO_MATCH
    day = _explicit(groups, base, day_first)
    if not isinstance(day, date):
        return None
    return day + timedelta(days=max(0, 4 - day.weekday()))


def _weekday(groups: dict[str, str], base: date, day_first: bool) -> object:
    for key in ("wdn_a", "wdn_b"):
        if key in groups:  # "Wednesday next week"
            return _next_monday(base) + timedelta(days=_weekday_index(groups[key]))
    if "wd" not in groups:
        return _NO_MATCH
    target = _weekday_index(groups["wd"])
    relation = groups.get("wd_rel")
    if relation in ("this coming", "the coming", "coming"):
        relation = None
    if relation == "next":
        # "next Friday": the Friday of next week (the later reading: never pushy)
        return _next_monday(base) + timedelta(days=target)
    if relation == "this":
        this_week = base - timedelta(days=base.weekday()) + timedelta(days=target)
        return this_week if this_week >= base else this_week + timedelta(days=7)
    ahead = (target - base.weekday()) % 7
    return base + timedelta(days=ahead or 7)


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _next_month(base: date) -> tuple[int, int]:
    return (base.year + 1, 1) if base.month == 12 else (base.year, base.month + 1)


def _month_day(month_name: str, day: int | None, base: date) -> date:
    """A day of a named month ("mid-October": 15; None: its last day), this year or, when
    that month is over, next year."""
    month = _MONTHS[month_name]
    year = base.year + 1 if month < base.month else base.year
    return _end_of_month(year, month) if day is None else date(year, month, day)


def _period(groups: dict[str, str], base: date, day_first: bool) -> object:
    if "period" not in groups:
        return _NO_MATCH
    for key, day in (("eom", None), ("late_m", None), ("mid_m", 15), ("early_m", 10)):
        if key in groups:
            return _month_day(groups[key], day, base)
    said = " ".join(groups["period"].replace("-", " ").split())
    said = re.sub(r"^the ", "", said)
    said = re.sub(r"\b(the|this|work|business) ", "", said)
    monday = base - timedelta(days=base.weekday())
    next_monday = monday + timedelta(days=7)
    if said in ("today", "tonight", "end of day", "eod", "cob", "close of business"):
        return base
    if said == "tomorrow":
        return base + timedelta(days=1)
    if said in ("end of week", "eow", "later week", "week"):
        friday = monday + timedelta(days=4)
        return friday if friday >= base else base
    if said in ("early next week", "beginning of next week", "start of next week"):
        return next_monday + timedelta(days=1)
    if said in ("mid next week", "middle of next week"):
        return next_monday + timedelta(days=2)
    if said in ("end of next week", "next week"):
        return next_monday + timedelta(days=4)
    if said in ("end of month", "month end", "eom"):
        return _end_of_month(base.year, base.month)
    if said in ("mid month", "middle of month"):
        if base.day <= 15:
            return date(base.year, base.month, 15)
        year, month = _next_month(base)
        return date(year, month, 15)
    year, month = _next_month(base)
    if said in ("end of next month", "next month"):
        return _end_of_month(year, month)
    if said == "early next month":
        return date(year, month, 7)
    return None


def _count(raw: str | None) -> int | None:
    if raw is None:
        return None
    said = " ".join(raw.split())
    return int(said) if said.isdigit() else _NUMBER_WORDS.get(said)


def _duration(groups: dict[str, str], base: date, day_first: bool) -> object:
    if "dur_one" in groups:
        unit, count = groups["dur_one"], 1
    elif "dur_fortnight" in groups:
        unit, count = "fortnight", 1
    elif "dur_n" in groups:
        unit = groups["dur_unit"]
        # a range ("1-2 weeks", "a week or two") counts to its far end
        counts = [_count(groups.get(k)) for k in ("dur_lo", "dur_n", "dur_or")]
        known = [c for c in counts if c is not None]
        if _count(groups["dur_n"]) is None or not known:
            return None
        count = max(known)
    else:
        return _NO_MATCH
    if count > 370:
        return None
    if unit.startswith(("hour", "hr")):
        return base + timedelta(days=-(-count // 24))
    if unit.startswith("day"):
        if groups.get("dur_biz"):
            return add_business_days(base, count)
        return base + timedelta(days=count)
    if unit.startswith("fortnight"):
        return base + timedelta(weeks=2 * count)
    if unit.startswith("week"):
        return base + timedelta(weeks=count)
    months = base.month - 1 + count
    year, month = base.year + months // 12, months % 12 + 1
    return date(year, month, min(base.day, calendar.monthrange(year, month)[1]))


_RESOLVERS: list[Callable[[dict[str, str], date, bool], object]] = [
    _week_of, _explicit, _weekday, _period, _duration,
]
