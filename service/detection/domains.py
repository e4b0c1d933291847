"""What an email address says about who is behind it: a public mailbox, a scheduling system,
a meeting room, a role mailbox (recruiting@), or a person at a company.

Used by detection and by the follow-up policy ("company side")."""

from __future__ import annotations

import re
from functools import lru_cache

# Free mailbox providers: sharing one of these with someone says nothing about an employer.
PUBLIC_MAIL_DOMAINS: frozenset[str] = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
        "passport.com", "yahoo.com", "ymail.com", "rocketmail.com", "icloud.com", "me.com",
        "mac.com", "aol.com", "aim.com", "proton.me", "protonmail.com", "protonmail.ch",
        "pm.me", "gmx.com", "gmx.net", "gmx.de", "gmx.at", "gmx.ch", "web.de", "mail.com",
        "email.com", "zoho.com", "zohomail.com", "yandex.com", "yandex.ru", "ya.ru", "mail.ru",
        "inbox.ru", "bk.ru", "list.ru", "qq.com", "163.com", "126.com", "sina.com",
        "fastmail.com", "fastmail.fm", "hey.com", "tutanota.com", "tutanota.de", "tuta.io",
        "tuta.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net",
        "cox.net", "charter.net", "earthlink.net", "optonline.net", "btinternet.com",
        "virginmedia.com", "sky.com", "talktalk.net", "orange.fr", "wanadoo.fr", "free.fr",
        "laposte.net", "sfr.fr", "libero.it", "virgilio.it", "tiscali.it", "alice.it",
        "t-online.de", "freenet.de", "arcor.de", "seznam.cz", "wp.pl", "o2.pl", "onet.pl",
        "interia.pl", "naver.com", "daum.net", "hanmail.net", "rediffmail.com", "inbox.com",
        "mail.ee", "bigpond.com", "optusnet.com.au", "shaw.ca", "rogers.com", "sympatico.ca",
        "uol.com.br", "bol.com.br", "terra.com.br", "hushmail.com", "mailbox.org", "posteo.de",
        "posteo.net", "disroot.org", "runbox.com", "duck.com", "skiff.com",
    }
)  # fmt: skip
# Providers that run the same free service under many country domains (hotmail.co.uk, ...).
_PUBLIC_MAIL_NAMES: frozenset[str] = frozenset(
    {"gmail", "googlemail", "hotmail", "outlook", "live", "yahoo", "ymail", "aol", "gmx",
     "icloud", "protonmail", "yandex"}
)  # fmt: skip

# Recruiting (ATS) and scheduling systems that send invites on a company's behalf; a parent
# domain covers its sub-domains (hire.lever.co, mail.greenhouse.io, ...).
SCHEDULING_DOMAINS: frozenset[str] = frozenset(
    {
        "greenhouse.io", "greenhouse-mail.io", "lever.co", "ashbyhq.com", "ashby.io",
        "myworkday.com", "myworkdayjobs.com", "workday.com", "goodtime.io", "calendly.com",
        "modernloop.io", "smartrecruiters.com", "icims.com", "jobvite.com", "workable.com",
        "workablemail.com", "bamboohr.com", "recruitee.com", "teamtailor.com",
        "teamtailor-mail.com", "jazzhr.com", "applytojob.com", "breezy.hr", "breezyhr.com",
        "paradox.ai", "hirevue.com", "gem.com", "successfactors.com", "successfactors.eu",
        "taleo.net", "phenom.com", "beamery.com", "avature.net", "personio.de", "personio.com",
        "pinpointhq.com", "comeet.co", "comeet.com", "recruiterbox.com", "zohorecruit.com",
        "jobadder.com", "bullhorn.com", "prelude.co", "rippling-ats.com", "dover.com",
        "trakstar.com", "hireflix.com", "spark-hire.com", "sparkhire.com", "codility.com",
        "hackerrank.com", "coderpad.io", "karat.io", "karat.com", "interviewing.io",
        "yello.co", "handshake.com", "joinhandshake.com", "doodle.com", "acuityscheduling.com",
        "chilipiper.com", "youcanbook.me", "savvycal.com", "cal.com", "zcal.co", "reclaim.ai",
        "clockwise.com", "x.ai", "calendar.google.com", "group.calendar.google.com",
        "import.calendar.google.com", "mail.workday.com", "fountain.com", "harver.com",
        # the ATSs of Europe and Latin America
        "gupy.io", "onlyfy.com", "prescreen.io", "refline.ch", "softgarden.io",
        "softgarden.de", "join.com", "dvinci-easy.com", "welcomekit.co", "flatchr.io",
        "taleez.com", "kenoby.com", "manatal.com", "recruitcrm.io", "hrmos.co",
    }
)  # fmt: skip

# Recruitment agencies send invites for a client the event names, and then the client is
# the company (spec: "Agencies and interviewing services"). By the name in their domains,
# which they run under many country domains (hays.de, michaelpage.co.uk, randstad.es, ...);
# agencies whose name alone could be another company's, by their exact domain.
_AGENCY_NAMES: frozenset[str] = frozenset(
    {"hays", "michaelpage", "pagepersonnel", "pagegroup", "pageexecutive", "roberthalf",
     "randstad", "adecco", "manpower", "manpowergroup", "experis", "harnham", "kellyservices",
     "spencerogden", "morganmckinley", "robertwalters", "gigroup", "tempo-team", "tempoteam",
     "youngcapital", "aerotek", "teksystems", "kforce", "insightglobal", "akkodis",
     "allegisgroup", "hudsonrpo", "frankgroup", "nigelfrank", "jeffersonfrank",
     "oliverbernard", "computerfutures", "huxley", "realstaffing", "sthree", "lafosse",
     "austinfraser", "eurofirms", "synergie", "proman", "hays-response", "brunel", "cpl",
     "antal", "kornferry", "spencerstuart", "egonzehnder", "heidrick", "lhh", "hudson-rpo"}
)  # fmt: skip
_AGENCY_DOMAINS: frozenset[str] = frozenset({"reed.co.uk", "reed.com", "modis.com"})

ROOM_DOMAINS: frozenset[str] = frozenset({"resource.calendar.google.com"})
# Services that conduct interviews for the hiring company: like scheduling systems never the
# company, but the person there who interviews is an interviewer.
INTERVIEWING_SERVICE_DOMAINS: frozenset[str] = frozenset({"karat.com", "karat.io"})

# Local parts of mailboxes that belong to a function, not a person.
ROLE_LOCAL_PARTS: frozenset[str] = frozenset(
    {
        "recruiting", "recruitment", "recruiter", "recruiters", "talent", "talentacquisition",
        "ta", "careers", "career", "jobs", "job", "hr", "humanresources", "people",
        "peopleops", "scheduling", "schedule", "scheduler", "interviews", "interview",
        "interviewing", "hiring", "hire", "staffing", "campus", "university",
        "universityrecruiting", "campusrecruiting", "noreply", "donotreply", "notifications",
        "notification", "notify",
        "mailer", "mailerdaemon", "postmaster", "calendar", "events", "event", "info", "hello",
        "contact", "team", "admin", "office", "support", "help", "invites", "invite",
        "applications", "apply", "candidates", "candidate", "onboarding", "coordinator",
        "coordinators", "talentteam", "recruitingteam", "hrteam", "peopleteam",
        # the same functions in the owners' languages
        "recrutement", "rh", "emploi", "carrieres", "talents", "bewerbung", "bewerbungen",
        "karriere", "personalabteilung", "reclutamiento", "seleccion", "rrhh",
        "empleo", "talento", "recrutamento", "carreiras", "vagas", "selezione", "lavoraconnoi",
        "carriere", "werving", "vacatures", "sollicitaties", "sollicitatie",
    }
)  # fmt: skip
# Words that make any address a role mailbox ("acme-recruiting@", "talent.acquisition@");
# not "jobs" or "hr", which are also parts of people's names.
_ROLE_WORDS: frozenset[str] = frozenset(
    {"recruiting", "recruitment", "talent", "careers", "hiring", "scheduling", "noreply",
     "donotreply", "notifications", "interviews", "interviewing", "recruiters",
     "recrutement", "bewerbungen", "bewerbung", "karriere", "reclutamiento", "recrutamento",
     "selezione", "werving", "sollicitaties"}
)  # fmt: skip
# Role words long enough to tell a mailbox when written together with a name
# ("SkyCareers@", "RecrutementApicil@", "acmerecruiting@").
_GLUED_ROLE_WORDS: tuple[str, ...] = tuple(sorted(w for w in _ROLE_WORDS if len(w) >= 7))
_NO_REPLY = re.compile(r"^(?:no|do[-_.]?not)[-_.]?reply\b|^noreply|^notifications?\b|^mailer")
_LOCAL_SEPARATORS = re.compile(r"[._+\-]+")

# Second-level labels under country codes that are not names (acme.co.uk -> acme).
_SECOND_LEVEL = frozenset(
    {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gv", "ltd", "plc",
     "nom", "sch", "mil", "info", "biz", "gob", "gouv", "asn", "id"}
)  # fmt: skip


@lru_cache(maxsize=16384)
def domain_of(email: str) -> str:
    """The domain of an address, lower-cased ("" when there is none)."""
    _, at, domain = email.strip().rpartition("@")
    if not at:
        return ""
    return domain.strip(" .>\"'").lower()


@lru_cache(maxsize=16384)
def local_part_of(email: str) -> str:
    local, at, _ = email.strip().rpartition("@")
    return local.strip(" <\"'").lower() if at else ""


@lru_cache(maxsize=8192)
def registrable_domain(domain: str) -> str:
    """The part of a domain its owner registered: jobs.acme.com -> acme.com,
    mail.gringotts.com.au -> gringotts.com.au."""
    labels = [label for label in domain.lower().strip(".").split(".") if label]
    if len(labels) <= 2:
        return ".".join(labels)
    if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


@lru_cache(maxsize=8192)
def domain_label(domain: str) -> str:
    """The name in a domain: acme-corp.io -> "acme-corp", gringotts.com.au -> "gringotts"."""
    registrable = registrable_domain(domain)
    return registrable.split(".", 1)[0] if registrable else ""


@lru_cache(maxsize=8192)
def company_name_from_domain(domain: str) -> str | None:
    """acme.com -> "Acme", jobs.acme-corp.io -> "Acme Corp", umbrellahealth.com ->
    "Umbrellahealth" (no guessing where words end)."""
    words = [w for w in re.split(r"[-_]+", domain_label(domain)) if w]
    if not words:
        return None
    return " ".join(w[:1].upper() + w[1:] for w in words)


def _within(domain: str, table: frozenset[str]) -> bool:
    labels = domain.lower().strip(".").split(".")
    return any(".".join(labels[i:]) in table for i in range(len(labels) - 1))


@lru_cache(maxsize=8192)
def is_public_domain(domain: str) -> bool:
    """A free mailbox provider (gmail.com, outlook.com, hotmail.co.uk, ...)."""
    domain = domain.lower().strip(".")
    if not domain:
        return False
    if _within(domain, PUBLIC_MAIL_DOMAINS):
        return True
    return domain_label(domain) in _PUBLIC_MAIL_NAMES


@lru_cache(maxsize=8192)
def is_scheduling_domain(domain: str) -> bool:
    """A recruiting or scheduling system (greenhouse.io, lever.co, calendly.com, ...)."""
    domain = domain.lower().strip(".")
    return bool(domain) and _within(domain, SCHEDULING_DOMAINS)


@lru_cache(maxsize=8192)
def is_agency_domain(domain: str) -> bool:
    """A recruitment agency (hays.co.uk, michaelpage.fr, randstad.es, ...)."""
    domain = domain.lower().strip(".")
    if not domain:
        return False
    return _within(domain, _AGENCY_DOMAINS) or domain_label(domain) in _AGENCY_NAMES


def is_interviewing_service(domain: str) -> bool:
    """An interviewing service (Karat) that runs interviews on a client's behalf."""
    domain = domain.lower().strip(".")
    return bool(domain) and _within(domain, INTERVIEWING_SERVICE_DOMAINS)


@lru_cache(maxsize=8192)
def is_room_domain(domain: str) -> bool:
    domain = domain.lower().strip(".")
    return bool(domain) and _within(domain, ROOM_DOMAINS)


def is_no_reply_address(email: str) -> bool:
    return _NO_REPLY.search(local_part_of(email)) is not None


@lru_cache(maxsize=8192)
def is_role_address(email: str) -> bool:
    """A mailbox for a function, not a person: recruiting@, talent@, careers@, jobs@, hr@,
    scheduling@, no-reply@ (also "acme-recruiting@", "talent.acquisition@")."""
    local = local_part_of(email)
    if not local:
        return False
    if _NO_REPLY.search(local):
        return True
    if _LOCAL_SEPARATORS.sub("", local) in ROLE_LOCAL_PARTS:
        return True
    parts = _LOCAL_SEPARATORS.split(local)
    if any(p in _ROLE_WORDS for p in parts):
        return True
    return any(p.startswith(_GLUED_ROLE_WORDS) or p.endswith(_GLUED_ROLE_WORDS) for p in parts)
