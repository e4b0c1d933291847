"""The company and the job title an interview is about, read from the title's parts, the
description, the sender's name and the company-side domain (spec: detection.md, "Company and
job title")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property, lru_cache

from service.detection.description import DescriptionFacts
from service.detection.domains import company_name_from_domain, domain_label, is_agency_domain
from service.detection.folding import fold, squash
from service.detection.languages import words
from service.detection.roles import (
    clean_job_title,
    is_partial_role,
    is_role_like,
    is_specialty,
    without_requisition,
)
from service.detection.titles import Part, split_title, strip_conversation_words

# Words that end company names; they stay with the name when a part holds name and role
# together ("Kramerica Industries Operations Analyst").
_COMPANY_SUFFIXES: frozenset[str] = frozenset(
    {
        "industries", "inc", "incorporated", "corp", "corporation", "co", "company", "group",
        "holdings", "labs", "lab", "systems", "technologies", "technology", "tech",
        "solutions", "bank", "health", "healthcare", "trading", "international",
        "enterprises", "partners", "capital", "foundation", "ltd", "limited", "llc", "llp",
        "gmbh", "ag", "sa", "plc", "ventures", "studios", "studio", "media", "networks",
        "software", "analytics", "dynamics", "robotics", "motors", "energy", "pharma",
        "pharmaceuticals", "consulting", "digital", "global", "logistics", "financial",
        "insurance", "airlines", "foods", "brands", "games", "entertainment", "worldwide",
        "science", "sciences", "bio", "therapeutics", "ai", "io", "hq", "cafe", "club", "&",
    }
)  # fmt: skip
# Words that end a company's legal name and never a job title.
_LEGAL_SUFFIXES: frozenset[str] = frozenset(
    {"group", "inc", "incorporated", "corp", "corporation", "co", "company", "holdings",
     "ltd", "limited", "llc", "llp", "gmbh", "ag", "sa", "plc", "bv", "nv", "ab", "as", "oy",
     "srl", "spa", "pty", "industries", "enterprises"}
)  # fmt: skip
# What a sender's display name adds to the company's: "Acme Recruiting", "Globex Talent".
_SENDER_WORDS = "|".join(
    sorted((re.escape(w).replace("\\ ", r"\s+") for w in words("sender_words")), key=len,
           reverse=True)
)  # fmt: skip
_SENDER_TRAILER = re.compile(
    rf"(?:\s+|^)(?:{_SENDER_WORDS}|via \w+)(?:\s+team)?\s*$", re.IGNORECASE
)
# ... and before it, as other languages write it: "Recrutement Apicil", "Talent Acquisition
# Pirelli", "Karriere bei Acme".
_SENDER_LEADER = re.compile(
    rf"^(?:{_SENDER_WORDS})(?:\s+(?:at|bei|chez|en|na|di|de|du|da|bij))?\s+(?=\S)",
    re.IGNORECASE,
)
# Parts of titles that name neither a company nor a role.
_JUNK = re.compile(
    r"^(?:zoom|google meet|meet|teams|microsoft teams|webex|skype|phone|video|remote|hybrid|"
    r"in person|online|virtual|onsite|tbd|tbc|confirmed|rescheduled|updated|new time|moved|"
    r"hold|tentative|placeholder|optional|urgent|important|reminder|invitation|invite|fyi|"
    r"[ap]m|[a-z]{2,4}t|utc|gmt|\d[\d:. ]*(?:am|pm)?|"
    r"mon|tue|wed|thu|fri|sat|sun|today|tomorrow|candidate|interviewer|interviewers|"
    r"hiring team|team|recruiter|recruiting|talent|hr|round|stage|part|next steps?|"
    r"debrief|feedback|notes|agenda|details|confirmation|link|and|und|y|et|e|x|vs|"
    r"visio|visioconference|linea|l[ií]nea|persona|remoto|presencial|distanciel|presentiel|"
    r"(?:conducted|hosted|powered|run|scheduled|organi[sz]ed) by .+)$",
    re.IGNORECASE,
)
# Meeting tools and recruiting systems named in descriptions ("Join with Google Meet").
_TOOLS: frozenset[str] = frozenset(
    {
        "google", "google meet", "meet", "zoom", "microsoft teams", "teams", "microsoft",
        "webex", "skype", "coderpad", "hackerrank", "codesignal", "codility", "greenhouse",
        "goodtime", "lever", "ashby", "workday", "calendly", "modernloop", "hirevue",
        "bluejeans", "gotomeeting", "whereby", "slack", "linkedin", "glassdoor", "indeed",
        "github", "gitlab", "figma", "miro", "notion", "loom", "chime", "amazon chime",
        "the", "our", "your", "us", "you", "me", "team", "the team", "karat", "karat io",
        "zoom meeting", "google calendar", "calendar", "outlook", "microsoft outlook",
        "microsoft teams meeting", "teams meeting", "cal video",
    }
)  # fmt: skip
# Recruiting and scheduling systems by name: never the company, however a sender writes.
_SYSTEMS: frozenset[str] = frozenset(
    {"greenhouse", "goodtime", "lever", "ashby", "calendly", "modernloop",
     "hirevue", "coderpad", "hackerrank", "codesignal", "codility", "karat", "karat io",
     "gupy", "smartrecruiters", "icims", "jobvite", "workable", "teamtailor", "recruitee",
     "bamboohr", "jazzhr", "onlyfy", "cal com"}
)  # fmt: skip
_NO_COMPANY: frozenset[str] = frozenset(
    {"the", "our", "your", "us", "you", "me", "team", "the team", "candidate", "interview"}
)
# Places, teams and times that follow "at"/"with" in descriptions and are no company.
_NOT_COMPANY = re.compile(
    r"^(?:reception|lobby|building|floor|room|suite|office|offices|headquarters|hq|campus|"
    r"front desk|security|engineering|product|design|sales|marketing|finance|leadership|"
    r"management|operations|hiring|recruiting|talent|people|hr|team|our|your|the|us|you|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|noon|midnight|morning|"
    r"afternoon|evening|am|pm|est|edt|pst|pdt|cet|gmt|utc|\d)\b"
)
# A capitalised word; a dot only inside it ("Acme.io"), never the full stop after it.
_CAPITALISED_WORD = r"[A-Z0-9][\w'’&+-]*(?:\.[\w'’&+-]+)*"
_CAPITALISED_RUN = re.compile(
    rf"{_CAPITALISED_WORD}(?:\s+(?:(?:of|and|de|la|du|&)\s+)?{_CAPITALISED_WORD}){{0,5}}"
)
_WORD = re.compile(r"\S+")
# "... with Acme", "bei Acme", "chez Acme", "en Acme", and an agency's "on behalf of Acme":
# the cues of every language, in lower case ("bei der Stadt München": an article may stand
# between the cue and the name).
_COMPANY_CUES = "|".join(
    sorted((re.escape(w).replace("\\ ", r"\s+") for w in words("company_cues")), key=len,
           reverse=True)
)  # fmt: skip
_DESCRIPTION_COMPANY = re.compile(
    rf"(?<![\w-])(?:{_COMPANY_CUES})[ \t]+(?:(?:der|die|dem|den|la|le|l'|el|the|a|o|het|de)"
    rf"[ \t]+)?(?P<name>{_CAPITALISED_WORD}(?:[ \t]+(?:(?:of|and|de|&)[ \t]+)?"
    rf"{_CAPITALISED_WORD}){{0,4}})"
)  # a name stays on its line


@dataclass(frozen=True)
class CompanyAndRole:
    company: str | None
    job_title: str | None
    company_source: str  # for the reasons shown to people
    job_title_source: str = ""


@dataclass(frozen=True)
class _Piece:
    text: str  # conversation words and names set aside
    cue: str
    dash: bool = False  # a dash stands before it in the title


def _without_sender_words(text: str) -> str:
    return _SENDER_TRAILER.sub("", text).strip(" -|,()")


def sender_company(display_name: str | None, from_system: bool = False) -> str | None:
    """ "Acme Recruiting" -> "Acme"; None when the name is not a company's sender name. A
    scheduling system or role mailbox writing as plain "Acme" (``from_system``) names it."""
    if not display_name:
        return None
    name = display_name.strip()
    stripped = name
    for _ in range(3):
        shorter = _SENDER_LEADER.sub("", _SENDER_TRAILER.sub("", stripped)).strip(" -|,()")
        if shorter == stripped:
            break
        stripped = shorter
    if (stripped == name and not from_system) or not stripped:
        return None
    stripped = strip_conversation_words(stripped)
    if not stripped or "@" in stripped or fold(stripped) in _NO_COMPANY:
        return None
    # a recruiting system never is ("Greenhouse Scheduling"); a meeting tool alone is the
    # tool, while "Google Candidate Calendar" is Google's
    if fold(stripped) in _SYSTEMS or (stripped == name and fold(stripped) in _TOOLS):
        return None
    return stripped


_UMLAUT_SPELLINGS = (("ue", "u"), ("oe", "o"), ("ae", "a"))


def _label_keys(domains: Sequence[str]) -> list[str]:
    return list(_label_keys_of(tuple(domains)))


@lru_cache(maxsize=4096)  # the same few domains, read for every title part
def _label_keys_of(domains: tuple[str, ...]) -> tuple[str, ...]:
    keys: list[str] = []
    for domain in domains:
        key = squash(domain_label(domain))
        # a domain spells umlauts out ("Zühlke" at zuehlke.com, "München" at muenchen.de);
        # names fold them to the bare vowel
        spelt = key
        for written, vowel in _UMLAUT_SPELLINGS:
            spelt = spelt.replace(written, vowel)
        for candidate in (key, spelt):
            if len(candidate) >= 2 and candidate not in keys:
                keys.append(candidate)
    return tuple(keys)


def _matches_key(text: str, key: str) -> bool:
    """Whether ``text`` names the company whose domain name is ``key``: "Umbrella Health" ~
    umbrellahealth, "Los Pollos Hermanos" ~ lospollos, "Tyrell" ~ tyrellcorp."""
    # "&" as the domain may spell it: "Harbor & Pine" ~ harborpine, "Pixel & Cie" ~
    # pixeletcie, "Stone & Field" ~ stoneandfield
    if "&" not in text:
        return _spells_key(fold(text).split(), key)
    return any(_spells_key(fold(text.replace("&", f" {joint} ")).split(), key)
               for joint in _AMPERSAND_SPELLINGS)  # fmt: skip


_AMPERSAND_SPELLINGS = ("and", "", "et", "und", "y", "e", "n")


def _spells_key(folded: list[str], key: str) -> bool:
    if not folded:
        return False
    if len(key) == 2:  # "BT Group" at bt.com: a two-letter name only as a whole word
        return folded[0] == key
    whole = "".join(folded)
    if key.replace("and", "") == whole.replace("and", "") or whole == key:
        return True
    if len(key) >= 3:
        for start in range(len(folded)):
            if "".join(folded[start:]).startswith(key):
                return True
    return len(whole) >= 4 and key.startswith(whole)


def _brand_of_key(text: str, key: str) -> bool:
    """A brand whose domain abbreviates it: "Quantum Lattice" at qlattice.ai, "Vantablack
    Robotics" at vbrobotics.com. The domain's name is the brand's letters in order, from its
    first letter and the whole of its last word, and most of its length."""
    if _initials_of(text) == key:
        return True
    words = fold(text.replace("&", " ")).split()
    if len(words) < 2 or len(key) < 4:
        return False
    whole = "".join(words)
    if whole[0] != key[0] or not key.endswith(words[-1]) or len(key) < 0.4 * len(whole):
        return False
    letters = iter(whole)
    return all(letter in letters for letter in key)


def _initials_of(text: str) -> str | None:
    """The initials of a name of three words or more: a domain can be them ("YOOX
    NET-A-PORTER" at ynap.com)."""
    words = fold(text.replace("&", " ")).split()
    return "".join(w[0] for w in words) if len(words) >= 3 else None


def _company_spans(words: Sequence[str], company_domains: Sequence[str]) -> list[range]:
    """Runs of words that spell a company-side domain's name ("Trey Research")."""
    return _key_spans(words, _label_keys(company_domains))


def _key_spans(words: Sequence[str], label_keys: Sequence[str]) -> list[range]:
    keys = [k for k in label_keys if len(k) >= 2]
    folded = [squash(w.replace("&", "and")) for w in words]
    spans: list[range] = []
    for key in keys:
        for start in range(len(words)):
            if not folded[start] or not key.startswith(folded[start]):
                continue
            if len(key) == 2 and folded[start] != key:
                continue  # "BT": the whole word, never the start of one ("Btw")
            joined = ""
            for end in range(start, min(len(words), start + 6)):
                joined += folded[end]
                if joined == key:
                    # "Gannet Media Group" at gannetmedia.co.nz: the legal suffix is the
                    # name's, not a conversation word ("group interview").
                    stop = end + 1
                    while stop < len(words) and folded[stop] in _LEGAL_SUFFIXES:
                        stop += 1
                    spans.append(range(start, stop))
                    break
                if not key.startswith(joined):
                    break
    return spans


_NAME_EDGES = " ()[]{}<>:;,.!?|\"'*"
_STRUCTURE = frozenset("()[]{}<>:;,|")


class TitleWords:
    """A title read against the company-side domains, once: where it spells their names,
    and its parts with those names kept whole."""

    def __init__(self, title: str, company_domains: Sequence[str]) -> None:
        self.title = title
        self.words = title.split()
        self.spans = tuple(_company_spans(self.words, company_domains))
        names = (" ".join(self.words[s.start : s.stop]).strip(_NAME_EDGES) for s in self.spans)
        self.company_names = tuple(name for name in names if name)

    @cached_property
    def parts(self) -> tuple[Part, ...]:
        return split_title(self.title, self.company_names)

    @cached_property
    def without_company_names(self) -> str:
        """The title with the words that spell a company-side domain's name taken out; the
        brackets and separators around the name stay ("(via Hays)" is still a part)."""
        drop = {i for span in self.spans for i in span}
        kept = (w if i not in drop else "".join(c for c in w if c in _STRUCTURE)
                for i, w in enumerate(self.words))  # fmt: skip
        return " ".join(w for w in kept if w)


def company_names_in(title: str, company_domains: Sequence[str]) -> tuple[str, ...]:
    return TitleWords(title, company_domains).company_names


def names_the_company(text: str, company_domains: Sequence[str]) -> bool:
    """Whether ``text`` spells a company-side domain's name or a brand it abbreviates."""
    keys = _label_keys(company_domains)
    return any(_matches_key(text, k) or _brand_of_key(text, k) for k in keys)


def names_a_company(text: str, company_domains: Sequence[str]) -> bool:
    """Whether ``text`` is a company's name rather than a person's: it spells a company-side
    domain's name or ends like one ("Labs", "Industries")."""
    words = fold(text).split()
    if words and words[-1] in _COMPANY_SUFFIXES:
        return True
    return any(_matches_key(text, key) for key in _label_keys(company_domains))


def without_company_names(title: str, company_domains: Sequence[str]) -> str:
    """``title`` with the words that spell a company-side domain's name taken out."""
    return TitleWords(title, company_domains).without_company_names


def without_job_titles(title: str) -> str:
    """``title`` without the parts that are job titles: "Workshop Technician" or "Investor
    Relations Manager" name a role, not the kind of meeting."""
    for part in split_title(title):
        role = strip_conversation_words(part.text)
        if role and is_role_like(role):
            title = title.replace(role, " ")
    return title


# Articles before a company's name in the owner's language ("bei der Nordwind AG", "com a
# Ipê Tecnologia"): not part of the name when the name spells the domain without them.
ARTICLES: frozenset[str] = frozenset(words("articles"))


def _without_article(text: str, key: str) -> str:
    first, _, rest = text.partition(" ")
    if rest and fold(first) in ARTICLES and _matches_key(rest, key):
        return rest
    return text


def _split_company_role(text: str, key: str) -> tuple[str, str | None]:
    """ "Acme Corp Backend Engineer" -> ("Acme Corp", "Backend Engineer"); a part that is all
    company stays whole."""
    words = text.split()
    if len(words) < 2 or not is_role_like(text):
        return text, None
    for end in range(1, len(words)):
        covered = squash(" ".join(words[:end]))
        longer = squash(" ".join(words[: end + 1]))
        if key in covered or (len(covered) >= 4 and key.startswith(covered)
                              and not key.startswith(longer)):  # fmt: skip
            while end < len(words) - 1 and fold(words[end]) in _COMPANY_SUFFIXES:
                end += 1
            rest = " ".join(words[end:])
            if is_role_like(rest):
                return " ".join(words[:end]), rest
            return text, None
    return text, None


def _without_names(text: str, names: Sequence[Sequence[str]]) -> str:
    """``text`` with the people's names in it set aside (accent- and case-insensitive)."""
    words = text.split()
    # Folded tokens, each with the word it came from: "Smith-Jones" is two tokens of one word.
    tokens: list[str] = []
    owners: list[int] = []
    for index, word in enumerate(words):
        for token in fold(word).split():
            tokens.append(token)
            owners.append(index)
    keep = [True] * len(words)
    for name in names:
        size = len(name)
        if not size:
            continue
        for start in range(0, len(tokens) - size + 1):
            if tokens[start : start + size] != list(name):
                continue
            first, last = owners[start], owners[start + size - 1]
            # only whole words: "Jones" alone must not eat "Smith-Jones"
            whole_start = start == 0 or owners[start - 1] != first
            whole_end = start + size == len(tokens) or owners[start + size] != last
            if whole_start and whole_end:
                keep[first : last + 1] = [False] * (last + 1 - first)
    kept = " ".join(w for w, k in zip(words, keep, strict=True) if k)
    # A possessive left behind ("Jane Doe's") goes with the name.
    return re.sub(r"^['’]s\b\s*", "", kept).strip()


_STAND_IN = "Zqxcompanyname"


def _pieces(
    title: str | TitleWords, person_names: Sequence[str], company_domains: Sequence[str]
) -> list[_Piece]:
    read = title if isinstance(title, TitleWords) else TitleWords(title, company_domains)
    # Full names are set aside wherever they stand; a first name alone only when it is the
    # whole part ("Coffee with Lena"), so "Wayne" stays in "Wayne Enterprises".
    keys = {tuple(folded.split()) for folded in {fold(n) for n in person_names} if folded}
    full_names = sorted((k for k in keys if len(k) > 1), key=len, reverse=True)
    single_names = {k[0] for k in keys if len(k) == 1}
    companies = read.company_names
    pieces: list[_Piece] = []
    # "Interview with Jane Doe (Acme)": the brackets after a person met "with" or "at" name
    # where that person works, as "with Acme" would.
    person_cue = ""
    for part in read.parts:
        cue = person_cue if part.cue == "paren" and person_cue else part.cue
        person_cue = ""
        # A company's own name keeps its words ("Screen Gems", "Panel Co"): it stands in as
        # one plain token while names and conversation words are set aside.
        text = part.text
        for index, name in enumerate(companies):
            text = text.replace(name, f"{_STAND_IN}{index}")
        named_text = _without_names(text, full_names) if full_names else text
        if not named_text.strip() and text.strip() and part.cue in ("with", "at"):
            person_cue = part.cue
        text = without_requisition(strip_conversation_words(named_text))
        for index, name in enumerate(companies):
            text = text.replace(f"{_STAND_IN}{index}", name)
        if fold(text) in single_names:
            # "Papo com a Luiza (Magalu)": a first name met "with", the brackets say where
            if part.cue in ("with", "at"):
                person_cue = part.cue
            continue
        if not text or _JUNK.match(fold(text) or "x") or not any(c.isalpha() for c in text):
            continue
        pieces.append(_Piece(text=text, cue=cue, dash=part.dash))
    return pieces


def title_names_company_by_cue(title: str, person_names: Sequence[str]) -> bool:
    """The title names a company the way people do without a domain to go by: after "at" or
    "with", or in brackets after "with <person>" ("Interview with Jane Doe (Acme)")."""
    persons = {fold(n) for n in person_names if n}
    return any(
        piece.cue in ("at", "with") and not _is_person_or_role(piece.text, persons)
        for piece in _pieces(title, person_names, ())
    )


@dataclass(frozen=True)
class _TitleReading:
    """A title's parts and what they are compared with."""

    pieces: tuple[_Piece, ...]
    keys: tuple[str, ...]  # company-side domains' names, agencies left out
    sender_companies: tuple[str, ...]  # "Acme" of "Acme Recruiting"
    persons: frozenset[str]  # folded names of the people the event names
    description: str
    agency_keys: tuple[str, ...] = ()  # recruitment agencies' domain names

    def is_agency(self, piece: _Piece) -> bool:
        """A part naming the agency that sent the invite ("via Hays", "| Michael Page")."""
        return piece.cue == "via" or any(_matches_key(piece.text, k) for k in self.agency_keys)


@dataclass(frozen=True)
class _Found:
    text: str
    source: str
    index: int = -1  # the title part it came from
    role: str | None = None  # a job title written in the same part ("Acme Data Analyst")


def _by_domain(t: _TitleReading) -> _Found | None:
    for index, piece in enumerate(t.pieces):
        if piece.cue == "via":
            continue
        key = next((k for k in t.keys if _matches_key(piece.text, k)), None)
        if key is not None:
            company, role = _split_company_role(_without_article(piece.text, key), key)
            # "Acme Recruiting" is Acme
            shorter = _without_sender_words(company)
            if shorter and _matches_key(shorter, key):
                company = shorter
            return _Found(company, "the title names the company-side domain", index, role)
    return None


def _by_brand(t: _TitleReading) -> _Found | None:
    for index, piece in enumerate(t.pieces):
        if piece.cue == "via" or fold(piece.text) in t.persons:
            continue
        # a name whose initials are the domain's is the brand even if it ends like a role
        # ("... Porter"); otherwise not a role
        if _initials_of(piece.text) not in t.keys and is_role_like(piece.text):
            continue
        brand = _without_sender_words(piece.text) or piece.text  # "Quantum Lattice Talent"
        if any(_brand_of_key(brand, k) for k in t.keys):
            return _Found(brand, "the title names the brand of the company-side domain", index)
    return None


def _by_sender(t: _TitleReading) -> _Found | None:
    sender_keys = [squash(c) for c in t.sender_companies]
    for index, piece in enumerate(t.pieces):
        if piece.cue != "via" and squash(piece.text) in sender_keys:
            return _Found(piece.text, "the title names the sender", index)
    return None


def _by_cue(t: _TitleReading) -> _Found | None:
    for index, piece in enumerate(t.pieces):
        if t.is_agency(piece) or _is_person_or_role(piece.text, t.persons):
            continue
        if piece.cue in ("at", "with"):
            return _Found(piece.text, f"the title says '{piece.cue} {piece.text}'", index)
    # "SAP Berater für Munich Re": what follows "for" is a company when the role stands
    # elsewhere in the title
    if any(is_role_like(p.text) for p in t.pieces if p.cue != "for"):
        for index, piece in enumerate(t.pieces):
            if piece.cue == "for" and not t.is_agency(piece) and not _is_person_or_role(
                piece.text, t.persons
            ):
                return _Found(piece.text, f"the title says 'for {piece.text}'", index)
    return None


def _in_description(t: _TitleReading) -> _Found | None:
    company = _company_in_description(t.description, t.keys, t.persons)
    return _Found(company, "the description names it") if company else None


def _any_part(t: _TitleReading) -> _Found | None:
    """No company-side domain to go by (an interviewer writing from gmail, an agency, an
    interviewing service): a part that is neither a person nor a role names the company."""
    if t.keys or t.agency_keys:
        return None
    for cues in (("start", "sep", "paren"), ("for",)):
        for index, piece in enumerate(t.pieces):
            if piece.cue in cues and not t.is_agency(piece) and not _is_person_or_role(
                piece.text, t.persons
            ):
                return _Found(piece.text, "the title names it", index)
    return None


def _by_agency(t: _TitleReading) -> _Found | None:
    """An agency's invite that names no client: the agency."""
    for index, piece in enumerate(t.pieces):
        if piece.cue != "via" and t.is_agency(piece):
            return _Found(_without_sender_words(piece.text) or piece.text,
                          "the title names the agency that sent it", index)
    return None


# Where the company is read, in the spec's order; the sender's name and the domain come
# after the job title, which reads the parts the company left.
_COMPANY_IN_WORDS = (_by_domain, _by_brand, _by_sender, _by_cue, _in_description, _any_part,
                     _by_agency)


def read_company_and_role(
    title: str | TitleWords,
    description: str,
    company_domains: Sequence[str],
    senders: Sequence[tuple[str | None, bool]],
    person_names: Sequence[str],
) -> CompanyAndRole:
    """Company and job title for an interview (either may be None). ``senders``: display
    names of the organizer and of role mailboxes, each with whether it is a system or role
    address."""
    reading = _title_reading(title, description, company_domains, senders, person_names)
    found = _first_found(reading)
    job_title, job_source = _job_title(reading, found)
    company: str | None
    if found is not None:
        company, source = found.text, found.source
    else:
        company, source = _company_not_in_words(reading, company_domains)
    company = _clean_company(company) if company else None
    if company and job_title and fold(company) == fold(job_title):
        job_title = None  # the one name the title holds is the company's
    elif company and job_title and job_title.endswith(f" - {company}"):
        job_title = job_title[: -len(company) - 3]  # the company, not the role's specialty
    return CompanyAndRole(company or None, job_title, source, job_source if job_title else "")


def _title_reading(
    title: str | TitleWords,
    description: str,
    company_domains: Sequence[str],
    senders: Sequence[tuple[str | None, bool]],
    person_names: Sequence[str],
) -> _TitleReading:
    pieces = tuple(_pieces(title, person_names, company_domains))
    # an agency (named "via", or at a recruitment agency's domain) is the company only when
    # the event names no client: its domain's name is no key
    agencies = {squash(p.text) for p in pieces if p.cue == "via"}
    agency_keys = tuple(_label_keys([d for d in company_domains if is_agency_domain(d)]))
    companies = (sender_company(name, system) for name, system in senders)
    return _TitleReading(
        pieces=pieces,
        keys=tuple(k for k in _label_keys(company_domains)
                   if k not in agencies and k not in agency_keys),
        sender_companies=tuple(c for c in companies if c),
        persons=frozenset(fold(n) for n in person_names if n),
        description=description,
        agency_keys=agency_keys,
    )


def _first_found(reading: _TitleReading) -> _Found | None:
    for source in _COMPANY_IN_WORDS:
        found = source(reading)
        if found is not None:
            return found
    return None


def _job_title(t: _TitleReading, company: _Found | None) -> tuple[str | None, str]:
    index = company.index if company else -1
    # the parts that can hold the role: not the company's, not an agency's
    pieces = [p if i != index and not t.is_agency(p) else _Piece("", "via")
              for i, p in enumerate(t.pieces)]
    candidates = (
        (company.role if company else None, "the company's part of the title"),
        (_role_from_pieces(pieces, index, t.persons), "the title"),
        (DescriptionFacts.of(t.description).role, "the description"),
        (_lone_leftover(pieces, index, t.persons) if index >= 0 else None,
         "the part of the title left"),
    )  # fmt: skip
    for role, source in candidates:
        if role is not None:
            return clean_job_title(role) or None, source
    return None, ""


def _company_not_in_words(
    reading: _TitleReading, company_domains: Sequence[str]
) -> tuple[str | None, str]:
    """The sender's company name, else the company-side domain's name."""
    companies = reading.sender_companies
    if companies:
        matching = [c for c in companies if any(_matches_key(c, k) for k in reading.keys)]
        return (matching or list(companies))[0], "the sender's name"
    for domain in company_domains:
        company = company_name_from_domain(domain)
        if company:
            return company, f"the domain {domain}"
    return None, ""


_TITLE_NOISE = frozenset({"zoom", "teams", "microsoft teams", "google meet", "meet", "webex",
                          "phone", "video", "call", "onsite", "on site", "remote", "virtual",
                          "tbd", "confirmed", "reminder", "invitation", "updated"})


def _lone_leftover(pieces: Sequence[_Piece], company_index: int, persons: AbstractSet[str]
                   ) -> str | None:
    """The one part of the title left once company, stage words and names are set aside
    (detection.md), for roles our vocabulary does not know ("Sommelier")."""
    left = [p.text.strip() for i, p in enumerate(pieces)
            if i != company_index and p.cue != "via" and fold(p.text) not in persons]
    left = [text for text in left if text and fold(text) not in _TITLE_NOISE]
    if len(left) != 1:
        return None
    text = left[0]
    words = text.split()
    # a job title is written capitalised ("Sommelier"); "your application" is prose
    if not 1 <= len(words) <= 6 or len(text) > 80 or not text[0].isupper():
        return None
    if not all(any(c.isalpha() for c in word) for word in words):
        return None
    # "Executive Interview", "Lead": a word that is a role only with others is no job title
    if is_partial_role(text):
        return None
    return text


def _is_person_or_role(text: str, persons: AbstractSet[str]) -> bool:
    folded = fold(text)
    return folded in persons or is_role_like(text)


def _role_from_pieces(
    pieces: Sequence[_Piece], company_index: int, persons: AbstractSet[str]
) -> str | None:
    candidates = [
        i for i, p in enumerate(pieces) if i != company_index and p.cue != "via"
        and fold(p.text) not in persons
    ]  # fmt: skip
    tests: tuple[Callable[[_Piece], bool], ...] = (
        lambda p: p.cue == "for" and is_role_like(p.text),
        lambda p: is_role_like(p.text),
        # a role we do not know ("for Sommelier"), capitalised as titles write one
        lambda p: p.cue == "for" and p.text[:1].isupper(),
    )
    for test in tests:
        for i in candidates:
            if test(pieces[i]):
                return _with_specialty(pieces, i, company_index, persons)
    return None


def _with_specialty(
    pieces: Sequence[_Piece], index: int, company_index: int, persons: AbstractSet[str]
) -> str:
    """A role keeps its own words after a dash: "Senior Software Engineer - Process Mining",
    "Backend Engineer - Java" (not a company, a name or a stage: those were set aside)."""
    role = pieces[index].text
    after = index + 1
    if after < len(pieces) and after != company_index:
        piece = pieces[after]
        words = fold(piece.text).split()
        if (
            piece.dash
            and piece.cue == "sep"
            and is_specialty(piece.text)
            and not any(w in persons for w in words)
            and fold(piece.text) not in persons
            and fold(piece.text) not in _TOOLS
        ):
            return f"{role} - {piece.text}"
    return role


def _company_in_description(
    description: str, keys: Sequence[str], persons: AbstractSet[str]
) -> str | None:
    text = description[:4000]
    if keys:
        # Words that spell the domain's name whole ("the team at Made for Makers"), with
        # the capitalised words that go on from there ("Nakatomi Trading" at nakatomi.co.jp).
        found = list(_WORD.finditer(text))
        words = [m.group(0) for m in found]
        for span in sorted(_key_spans(words, keys), key=lambda r: r.start):
            spelled = " ".join(words[span.start : span.stop]).strip(_NAME_EDGES)
            line = text[found[span.start].start() :].split("\n", 1)[0]
            run = _CAPITALISED_RUN.match(line)
            name = run.group(0) if run is not None and len(run.group(0)) > len(spelled) else spelled
            spelled_key = squash(" ".join(words[span.start : span.stop]).replace("&", "and"))
            name = _split_company_role(name.strip(_NAME_EDGES), spelled_key)[0]
            name = _with_leading_words(words, span.start, name)
            if name and fold(name) not in persons:
                return name
        for match in _CAPITALISED_RUN.finditer(text):
            name = match.group(0)
            if fold(name) in _TOOLS or fold(name) in persons:
                continue
            key = next((k for k in keys if _matches_key(name, k)), None)
            if key is not None:
                return _split_company_role(name, key)[0]
    for match in _DESCRIPTION_COMPANY.finditer(text):
        name = match.group("name")
        folded = fold(name)
        if folded in _TOOLS or folded in persons or is_role_like(name):
            continue
        if _NOT_COMPANY.match(folded):
            continue
        if any(folded.startswith(p) or p.startswith(folded) for p in persons if p):
            continue
        return name
    return None


_CUE_WORDS = frozenset(w for w in words("company_cues") if " " not in w)


def _with_leading_words(words: Sequence[str], start: int, name: str) -> str:
    """ "bei der Landeshauptstadt München" at muenchen.de: capitalised words before the
    domain's name, back to a cue or an article, are the name's."""
    first = start
    while first > 0 and words[first - 1][:1].isupper() and words[first - 1][-1:].isalnum():
        first -= 1
    if first == start or first == 0 or fold(words[first - 1]) not in ARTICLES | _CUE_WORDS:
        return name
    return " ".join([*words[first:start], name])


def _clean_company(text: str) -> str:
    return text.strip(" \"'`*_.,!?#~=+:;-")
