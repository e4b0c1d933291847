"""Recognising a job title: "Senior Data Engineer", "Head of Growth", "Account Executive",
and finding one named in an invite's description ("Role: ...", "the X role")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from service.detection.folding import fold, fold_words, plain
from service.detection.languages import words

# Words that end a job title.
ROLE_NOUNS: frozenset[str] = frozenset(
    {
        "engineer", "engineers", "developer", "programmer", "architect", "manager", "designer",
        "analyst", "scientist", "researcher", "lead", "director", "executive", "writer",
        "editor", "associate", "specialist", "consultant", "coordinator", "administrator",
        "admin", "officer", "assistant", "intern", "internship", "representative", "rep",
        "recruiter", "accountant", "strategist", "owner", "partner", "advisor", "adviser",
        "counsel", "attorney", "lawyer", "paralegal", "teacher", "instructor", "tutor",
        "nurse", "physician", "doctor", "pharmacist", "therapist", "technician", "marketer",
        "copywriter", "producer", "artist", "animator", "illustrator", "photographer", "chef",
        "cook", "barista", "server", "cashier", "clerk", "agent", "broker", "buyer", "planner",
        "operator", "supervisor", "president", "vp", "cto", "ceo", "cfo", "coo", "cmo", "cpo",
        "ciso", "cio", "founder", "cofounder", "principal", "fellow", "sre", "devops", "qa",
        "tester", "pm", "tpm", "em", "sde", "swe", "mle", "dba", "apprentice", "trainee",
        "graduate", "mechanic", "electrician", "plumber", "carpenter", "receptionist",
        "secretary", "bookkeeper", "auditor", "controller", "treasurer", "economist",
        "statistician", "mathematician", "actuary", "underwriter", "banker", "trader",
        "journalist", "correspondent", "translator", "interpreter", "librarian", "curator",
        "professor", "lecturer", "postdoc", "investigator", "biologist", "chemist",
        "physicist", "geologist", "surveyor", "pilot", "dispatcher", "hygienist", "dentist",
        "veterinarian", "caregiver", "counselor", "counsellor", "psychologist", "coach",
        "trainer", "facilitator", "ambassador", "advocate", "evangelist", "generalist",
        "expert", "master", "steward", "chief", "head", "staff", "member", "crew",
        "worker", "employee", "hire", "resident", "scholar", "ii", "iii", "iv", "i", "2", "3",
        "4", "sr", "jr", "senior", "junior", "programme", "program", "handler", "packer",
        "picker", "driver", "guard", "nanny", "practitioner", "aide", "attendant", "concierge",
        "courier", "proofreader", "copyeditor", "anchor", "storyteller", "developers",
        "stylist", "bartender", "waiter", "waitress", "host", "hostess", "baker", "butcher",
        "optometrist", "radiographer", "midwife", "paramedic", "firefighter", "sergeant",
        "captain", "lieutenant", "inspector", "estimator", "drafter",
        "draftsman", "modeler", "modeller", "machinist", "welder", "fabricator", "assembler",
        "scheduler", "expeditor", "merchandiser", "sourcer", "headhunter",
        # trades
        "printer", "beater", "fitter", "installer", "cleaner", "roofer", "joiner", "painter",
        "decorator", "glazier", "plasterer", "bricklayer", "tiler", "upholsterer", "loader",
        "labourer", "laborer", "handyman", "gardener", "landscaper", "groundskeeper",
        "janitor", "custodian", "porter", "valet", "miner", "farmer", "forester", "framer",
        "finisher", "engraver", "binder", "typesetter", "tailor", "seamstress", "cobbler",
        "jeweler", "jeweller", "florist", "fishmonger", "grocer", "stocker", "sorter", "mover",
        "hauler", "rigger", "scaffolder", "sprayer", "moulder", "molder", "turner", "grinder",
        "toolmaker", "cutter", "stitcher", "weaver", "housekeeper", "lifeguard", "usher",
        "locksmith", "blacksmith", "boilermaker", "millwright", "pipefitter", "steamfitter",
        "lineman", "linesman", "deckhand", "foreman", "forewoman", "superintendent",
    }
)  # fmt: skip
# Job titles in the languages that put the role noun first ("Analista de Datos", "Chef de
# projet", "Teamleiter Kundenservice"), and the languages' own role nouns.
_LEADING_ROLE_NOUNS: frozenset[str] = frozenset(words("leading_role_nouns"))
_LANGUAGE_ROLE_NOUNS: frozenset[str] = frozenset(words("role_nouns"))
_ROLE_SUFFIXES: tuple[str, ...] = words("role_suffixes")
# A leading role noun alone that is more likely something else.
_LEADING_NOT_ALONE = frozenset({"chef", "charge", "chargee", "lider", "commercial", "jefe"})

# Gender and locale markers after a job title: "(m/w/d)", "(w/m/d)", "(f/m/x)", "(H/F)".
_MARKER = r"(?:[mwfdhx]|divers|all)"
_GENDER_MARKERS = re.compile(
    rf"\(\s*{_MARKER}(?:\s*[/|*]\s*{_MARKER}){{1,3}}\s*\)|(?<![\w/]){_MARKER}/{_MARKER}"
    rf"(?:/{_MARKER})?(?![\w/])",
    re.IGNORECASE,
)


_ROLE_AREAS: frozenset[str] = frozenset(words("role_areas"))


def is_area_of(role: str, area: str) -> bool:
    """ "Software Engineer" + "Infrastructure": the area after a role's dash is the role's."""
    area = _ROLE_TRAILER.sub("", area.strip())  # "Infrastructure role"
    return fold(area) in _ROLE_AREAS and is_role_like(role.split(" - ")[-1])


# A specialty as job titles write it after their dash: one to three capitalised words
# ("Process Mining", "Java", "New Grad"), no digits, not itself a job title.
_SPECIALTY_WORD = re.compile(r"^(?:[A-Z][\w&+#'’.-]*|[a-z]+[A-Z][\w]*|&)$")


def is_specialty(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 3
        and all(_SPECIALTY_WORD.match(w) and not any(c.isdigit() for c in w) for w in words)
        and not is_role_like(text)
    )


# Workload, as Swiss and German ads write it after the title: "80-100%", "(60 %)", "100%".
_WORKLOAD = re.compile(r"[(\[]?\s*\d{2,3}\s*(?:%\s*)?(?:-|–|bis)\s*\d{2,3}\s*%\s*[)\]]?|"
                       r"[(\[]?\s*\d{2,3}\s*%\s*[)\]]?")


def without_gender_markers(text: str) -> str:
    """The title without gender and locale markers: "(m/w/d)", "(H/F)", "80-100%"."""
    text = _GENDER_MARKERS.sub(" ", text) if "/" in text or "(" in text else text
    return " ".join((_WORKLOAD.sub(" ", text) if "%" in text else text).split())


# How role phrases that do not end in a role noun begin ("Head of Sales", "VP Marketing").
_LEADING_ROLE_PHRASES = re.compile(
    r"^(?:head of|vp|svp|evp|avp|vice president|director of|chief|lead|senior|sr|junior|jr|"
    r"staff|principal|intern|graduate|associate)\b"
)
_REQUISITION = re.compile(
    r"\s*(?:\(|\[)?\s*(?:req(?:uisition)?\.?\s*(?:id|#|no\.?)?\s*:?\s*|job\s*(?:id|#)\s*:?\s*|#|"
    r"\b[A-Z]{1,4}-?)\d{3,}\s*(?:\)|\])?\s*",
    re.IGNORECASE,
)
def _alternation(phrases: Sequence[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace("\\ ", r"\s+") for p in ordered)


_ROLE_TRAILER = re.compile(
    rf"\s+(?:{_alternation((*words('role_trailers'), 'job', 'requisition', 'stelle'))})\s*$",
    re.IGNORECASE,
)
_ROLE_LEADER = re.compile(
    r"^(?:the|a|an|our|your|this|for|as|die|der|das|el|la|le|l'|o)\s+", re.IGNORECASE
)

# Lines like "Role: Backend Engineer" / "Position - Data Analyst" / "Puesto: Analista".
_ROLE_LINE = re.compile(
    rf"(?:^|(?<=[.!?;|] ))\s*(?:{_alternation(words('role_labels'))})\s*[:\-–—]\s*"
    r"(?P<role>[^\n]{2,120})$",
    re.IGNORECASE | re.MULTILINE,
)
# "für die Position X", "para el puesto de X", "pour le poste de X", "para a vaga de X"
# (matched on plain text); the role runs to the end of the clause.
_ROLE_PHRASE_IN = re.compile(
    rf"(?<![a-z])(?:{_alternation(words('role_phrases'))})\s+(?P<role>[^\n.;!?,(]{{2,80}})"
)
# Where a role ends in prose: at the company ("bei", "en", "chez", "na" ...).
_ROLE_PLACE_CUT = re.compile(
    r"\s+(?:at|with|bei|mit|en|con|chez|avec|na|no|em|com|in|for|fur|para|pour)\s+.*$",
    re.IGNORECASE,
)
# A capitalised word, or one like "iOS" / "eCommerce".
_CAPITALISED = r"(?:[A-Z0-9]|[a-z](?=[A-Z]))[\w&+#/'-]*(?:\.[\w&+#/'-]+)*\.?"
_CONNECTOR = r"(?:of|and|&|for|in|de|to|the)"
_ROLE_PHRASE = (
    rf"{_CAPITALISED}(?:\s+(?:{_CONNECTOR}\s+)?{_CAPITALISED}){{0,7}}"
    rf"(?:,\s+{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,2}})?"  # "Product Manager, Growth"
    rf"(?:\s+[-–]\s+{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,2}})?"  # "... - Process Mining"
)
# "the Product Manager role", "our Backend Engineer position", "for the Staff Engineer opening".
_ROLE_BEFORE_NOUN = re.compile(
    rf"\b(?:the|our|your|this|an?|for|as)\s+(?P<role>{_ROLE_PHRASE})\s+"
    r"(?:role|position|opening|opportunity|vacancy|req)\b"
)
# "the role of Data Analyst", "the position of Head of Sales".
_ROLE_AFTER_NOUN = re.compile(
    rf"\b(?:role|position)\s+(?:of|as)\s+(?:an?\s+)?(?P<role>{_ROLE_PHRASE})"
)
# Where a role written in a line ends: a separator, "at"/"with", or a full stop that does
# not close an abbreviation ("Sr. Software Engineer", "Asst. Manager").
_ROLE_CUT = re.compile(
    r"\s+(?:-|–|—|\||at|with|@)\s+.*$|"
    r"(?<!\bsr)(?<!\bjr)(?<!\bsnr)(?<!\bmgr)(?<!\basst)(?<!\bassoc)(?<!\beng)(?<!\bdir)"
    r"(?<!\bst)(?<!\bdr)(?<!\bvs)(?<!\bno)(?<!\b[a-z])[.;!?]\s.*$|[.;!?]$",
    re.IGNORECASE,
)


@lru_cache(maxsize=16384)
def is_role_like(text: str) -> bool:
    """Whether ``text`` reads as a job title ("Senior Data Engineer", "Head of Growth")."""
    head, comma, area = text.partition(", ")
    if comma and 0 < len(area.split()) <= 3:
        text = head  # "Product Manager, Growth": the title is the part before the area
    head, dash, area = text.rpartition(" - ")
    if dash and (fold(area) in _ROLE_AREAS or (is_specialty(area) and is_role_like(head))):
        text = head  # "Software Engineer - Infrastructure", "Backend Engineer - Java"
    folded = fold_words(_ROLE_LEADER.sub("", _ROLE_TRAILER.sub("", text)))
    if not folded or len(folded) > 10:
        return False
    last, first = folded[-1], folded[0]
    if (last in ROLE_NOUNS or last in _LANGUAGE_ROLE_NOUNS) and not (
        len(folded) == 1 and last in _NOT_ALONE
    ):
        return True
    if _LEADING_ROLE_PHRASES.match(" ".join(folded)) is not None and len(folded) > 1:
        return True
    if first in _LEADING_ROLE_NOUNS or _is_role_compound(first):
        return len(folded) > 1 or first not in _LEADING_NOT_ALONE
    return _is_role_compound(last)


def is_partial_role(text: str) -> bool:
    """Words that are a job title only with others: "Executive", "Senior", "Head of",
    "Lead"."""
    folded = fold_words(text)
    return bool(folded) and (
        (len(folded) == 1 and folded[0] in _NOT_ALONE)
        or " ".join(folded) in ("head of", "vp of", "director of", "lead of")
    )


def _is_role_compound(word: str) -> bool:
    """ "Softwareentwickler", "Teamleiter", "Produktmanager": a compound ending in a role."""
    if not word.endswith(_ROLE_SUFFIXES):  # one C-level test rules out most words
        return False
    return any(word.endswith(suffix) and len(word) > len(suffix) + 2 for suffix in _ROLE_SUFFIXES)


# Role-noun words that, standing alone, are more likely something else.
_NOT_ALONE: frozenset[str] = frozenset(
    {"ii", "iii", "iv", "i", "2", "3", "4", "sr", "jr", "senior", "junior", "staff", "member",
     "crew", "hire", "head", "chief", "master", "principal", "program", "programme", "host",
     "owner", "partner", "fellow", "lead", "agent", "server", "rep", "em", "pm", "executive"}
)  # fmt: skip


def without_requisition(text: str) -> str:
    """ "R-33412 Analista de Riesgos" -> "Analista de Riesgos"."""
    if not any(c.isdigit() for c in text):  # most parts: no id to look for
        return text
    return " ".join(_REQUISITION.sub(" ", text).split())


def clean_job_title(text: str) -> str:
    """ "the Backend Engineer role (Req 12345)" -> "Backend Engineer"."""
    text = without_gender_markers(_REQUISITION.sub(" ", text))
    text = " ".join(text.split())
    for _ in range(2):
        text = _ROLE_LEADER.sub("", text)
        text = _ROLE_TRAILER.sub("", text)
    return text.strip(" \"'`*_.,!?#~=+&:;-")


def _keep_area(cut: re.Match[str]) -> str:
    """What :data:`_ROLE_CUT` takes off, unless it is the role's area (" - Infrastructure")."""
    rest = cut.group(0)
    head, _, area = rest.strip().partition(" ")
    if head in ("-", "–") and fold(area) in _ROLE_AREAS:
        return rest
    return ""


def job_title_in_description(description: str) -> str | None:
    """The role an invite's description names, or None."""
    text = description[:4000]
    for match in _ROLE_LINE.finditer(text):
        role = clean_job_title(_ROLE_CUT.sub(_keep_area, match.group("role").strip()))
        if role and len(role) <= 80:
            return role
    for pattern in (_ROLE_BEFORE_NOUN, _ROLE_AFTER_NOUN):
        for match in pattern.finditer(text):
            role = clean_job_title(match.group("role"))
            if role and is_role_like(role):
                return role
    return _role_phrase_in(text)


def _role_phrase_in(text: str) -> str | None:
    """A role the description's words introduce in the owner's language."""
    folded = plain(text)
    for match in _ROLE_PHRASE_IN.finditer(folded):
        start, end = match.span("role")
        role = clean_job_title(_ROLE_PLACE_CUT.sub("", text[start:end]))
        if role and is_role_like(role):
            return role
    return None


def same_role(a: str, b: str) -> bool:
    return fold(a) == fold(b)
