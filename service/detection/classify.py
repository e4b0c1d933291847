"""What an event's words say: about an interview or not, and how strongly.

Pattern tables, each with the reason shown to people when it decides."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

_I = re.IGNORECASE

# Titles that mention interviews but are not one the owner sits as a candidate.
_TITLE_NEGATIVES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bprep\b|\bprepping\b|\bpreparation\b|\bprepar(?:e|ing) for\b|\bcram\b", _I),
     "interview preparation"),
    (re.compile(r"\bmock\b|\bpracti[cs]e (?:interview|session|run|round|call|chat|case)s?\b|"
                r"\binterview practi[cs]e\b|^\s*practi[cs]e\b|\brehears(?:e|al|ing)\b|"
                r"\bdry[- ]?run\b|\brole[- ]?play\b", _I), "a mock or practice session"),
    (re.compile(r"\bpodcast|\bepisode\b|\blivestream|\bon[- ]air\b|\btaping\b|"
                r"\b(?:press|media|radio|tv|television|news|magazine|newspaper|blog|newsletter|"
                r"journalist|reporter|documentary|broadcast|video podcast)\s+(?:interview|"
                r"appearance|call|briefing|recording|segment|spot|q ?& ?a|feature|junket)s?\b|"
                r"\binterview (?:with|for) (?:the )?(?:press|media|a journalist|a reporter)\b|"
                # the kind of interview as a tag: "Interview with The Ledger (press)"
                r"[(\[]\s*(?:press|media|podcast|radio|tv|television|news|magazine|newspaper|"
                r"journalist|reporter|broadcast)\s*[)\]]|"
                r"^\W*(?:press|media|podcast|radio|tv)\W*[:|\-–—]", _I),
     "a podcast, press or media interview"),
    (re.compile(r"\b(?:user|users|customer|customers|research|ux|usability|discovery|"
                r"participant|expert|market|academic|(?<!case )study|survey|field|stakeholder|"
                r"oral history|jtbd|persona)\s+"
                r"(?:interviews?|sessions?|stud(?:y|ies)|calls?|research)\b|"
                r"\buser research\b|\busability\b|\bresearch (?:study|participant|session|call)|"
                r"\bfocus group\b|\binterview(?:s|ing)? (?:users?|customers?|participants?)\b|"
                r"\binterview(?:s|ing)? (?:with|of) (?:a |an |the |our |some )?(?:\w+ )?"
                r"(?:customers?|clients?|users?|participants?|experts?|patients?)\b", _I),
     "a research or user interview"),
    (re.compile(r"\bcareers? (?:fair|day|expo|event|night|week|services|cent(?:er|re))\b|"
                r"\bjob fair\b|\bhiring (?:fair|event|day|mixer)\b|"
                r"\brecruit(?:ing|ment) (?:event|fair|day|mixer|night|drive|booth)\b|"
                r"\binfo(?:rmation(?:al)?)? sessions?\b|\bopen (?:house|day)\b|"
                r"\boffice hours?\b|\bwebinar\b|\bworkshop\b|\bmeet ?up\b|"
                r"\bnetworking (?:event|mixer|night|session)\b|\bcampus (?:recruiting|visit)\b|"
                r"\bbootcamp\b|\bconference\b(?! (?:call|room|line|bridge))|"
                r"\bhackathon\b|\bkeynote\b|"
                r"\bpanel (?:discussion|talk)\b|\bspeaker\b|\bfireside\b|\btown ?hall\b|"
                r"\ball[- ]hands\b|\bmasterclass\b|"
                r"\blecture\b|\bseminar\b", _I),
     "a career fair, info session or other event"),
    (re.compile(r"\binterview(?:er|ing)?s? (?:training|calibration|certification|onboarding|"
                r"sync|huddle|briefing|shadow(?:ing)?|pool|guide|kit|rubric|skills)\b|"
                r"\binterviewers?\b|\bshadow(?:ing)?\b|\bcalibration\b|\breverse shadow\b", _I),
     "interviewer training or an interviewer's meeting"),
    (re.compile(r"\breferences? (?:check|checks|call|calls|interview|conversation)\b|"
                r"\breferences? for\b|\bbackground (?:check|screening)\b|\breferee\b", _I),
     "a reference or background check"),
    (re.compile(r"\bexit (?:interview|call|chat|meeting|conversation|survey)\b|"
                r"\bstay interview\b|\boffboarding\b", _I), "an exit interview"),
    # "hold" as a tag ("[Hold] Interview", "HOLD: Acme onsite", "Hold for ..."), not in a
    # name ("Hold Brothers").
    (re.compile(r"^\s*hold\s*$|^\W*hold\W*(?:[:|\-–—]|$)|[(\[]\s*hold\s*[)\]]|"
                r"\bhold (?:for|time|slot)\b|\bon hold\b|\bplaceholder\b|\bpencil(?:l?ed)?\b|"
                r"\btime ?block\b|^\s*block\b|"
                r"\bblocked\b|\btentative hold\b|\bsave the date\b", _I), "a hold"),
    (re.compile(r"\bscorecards?\b|\bdebrief|\bfeedback\b|\bwrite[- ]?ups?\b|"
                r"\bhiring (?:committee|sync|review|huddle|meeting|decision|manager sync)\b|"
                r"\bcandidate (?:review|debrief|sync|discussion|feedback|pipeline)\b|"
                r"\bround ?up\b|\bwash[- ]?up\b|\binterview kit\b|\bloop (?:sync|review)\b|"
                r"\bpipeline (?:review|sync)\b|\bintake\b|\bkick-?off\b", _I),
     "a scorecard, debrief or hiring meeting"),
    (re.compile(r"\binterview(?:ing)? (?:a |the |our |new |\d+ )?candidates?\b|"
                r"\binterviewing for (?:my|our|the) team\b|"
                r"\bnew hire\b|\bonboarding\b|\borientation\b|\bfirst day\b", _I),
     "the owner is on the hiring side"),
    (re.compile(r"\bout of (?:the )?office\b|\booo\b|\bfocus (?:time|block)\b|\bwfh\b|"
                r"\bworking (?:from|location|remotely)\b|\bvacation\b|\bpto\b|\bholiday\b|"
                r"\bsick (?:day|leave)\b|\bcommute\b|\btravel (?:to|from|back|home|time|day)\b|"
                r"\bflight (?:to|from|back|home)\b|\bdrive (?:to|from|back|home)\b|"
                r"\btrain (?:to|from|back|home)\b|\bparking\b|\bcheck[- ]?in\b", _I),
     "a status or travel block"),
    (re.compile(r"\bthank[- ]?you (?:note|notes|email|emails|card|letter)s?\b|"
                r"\bsend thank|\bwrite thank|\bfollow[- ]?up (?:email|note|on)\b|"
                r"\bnegotiat|\boffer (?:call|review|discussion|negotiation|letter)\b|"
                r"\bsign(?:ing)? (?:the )?offer\b|\bresearch (?:on |about )?\w+ before\b", _I),
     "a task around an interview"),
    (re.compile(r"\b(?:film|movie|documentary|health|medical|drug|cancer|covid|hearing|"
                r"vision|eye|blood|wellness)\s+screenings?\b|\bscreening of\b|"
                r"\bscreen ?shar|\bscreen time\b|\bscreen ?cast", _I),
     "'screen' in another sense"),
    (re.compile(r"\bsales (?:call|demo|pitch)\b|\bdemo\b|\bclient (?:call|meeting)\b|"
                r"\b(?:vendor|customer|partnership|investor|board) (?:call|meeting|demo|review|"
                r"sync|update|pitch|discussion)s?\b|\bpitch\b|\bdue diligence\b", _I),
     "a business meeting"),
)  # fmt: skip

# Descriptions: only phrases that settle it whatever the title says.
_DESCRIPTION_NEGATIVES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bpodcast\b|\bepisode \d|\brecording for (?:the |our )?(?:show|episode)\b", _I),
     "the description is about a podcast"),
    (re.compile(r"\bmock interview\b|\bpractice (?:run|interview|session)\b|"
                r"\binterview practice\b", _I), "the description is about practice"),
    (re.compile(r"\binterview kit\b|\bscorecards?\b|\bsubmit (?:your )?feedback\b|"
                r"\bfeedback (?:form|due)\b|\bcandidate(?:'s)? (?:packet|profile|resume|cv)\b|"
                r"\binterview(?:ing)? the candidate\b|"
                r"\bthe candidate's\b", _I),
     "the description is for interviewers"),
    (re.compile(r"\bexit interview\b|\buser research\b|\busability (?:study|test)|"
                r"\bresearch (?:study|participant)\b|\bfocus group\b|\bpanel discussion\b|"
                r"\bopen to all (?:applicants|students|candidates)\b|\bdrop in\b", _I),
     "the description is about something else"),
)  # fmt: skip

_STRONG_SIGNALS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\binterview(?:s|ing)?\b", _I), "interview"),
    (re.compile(r"\bscreen(?:s|ing|er)?\b", _I), "screen"),
    (re.compile(r"\bsuper ?day\b", _I), "superday"),
    (re.compile(r"\b(?:first|second|third|fourth|final|last|next|technical|coding|"
                r"\d(?:st|nd|rd|th)|1|2|3|4) rounds?\b|\bround (?:1|2|3|4|one|two|three)\b", _I),
     "round"),
    (re.compile(r"\bhiring manager\b|\bhm (?:call|chat|screen|conversation)\b|"
                r"\bhr (?:call|chat|screen|conversation)\b", _I), "hiring manager or HR call"),
    (re.compile(r"\brecruiter (?:call|chat|conversation|connect|sync)\b|"
                r"\b(?:call|chat|conversation) with (?:a |the |our |your )?recruiter\b", _I),
     "recruiter call"),
    (re.compile(r"\b(?:technical|coding|system design|systems design|behaviou?ral|case|culture|"
                r"values|take[- ]home|pair programming|live coding|whiteboard|leadership)\s+"
                r"(?:assessment|exercise|challenge|session|review|presentation|discussion|"
                r"chat|call|conversation|deep dive)\b|\bportfolio (?:review|presentation)\b|"
                r"\bcase study\b|\bpair programming\b|\blive coding\b|\bbar raiser\b", _I),
     "assessment"),
)  # fmt: skip
# An onsite may be a customer visit: it needs a role or a recruiting description too.
_WEAK_SIGNALS = re.compile(
    r"\bon-?site\b|\bon site\b|"
    r"\b(?:intro(?:ductory|duction)?|initial|call|chat|conversation|meeting|meet|connect|"
    r"catch[- ]?up|discussion|sync|talk|zoom|teams|video|phone|panel|meet and greet|"
    r"touch base|hr)\b|(?:^|\s)(?:<>|x)\s",
    _I,
)
_COFFEE = re.compile(
    r"\bcoffee\b|\binformational\b|\binfo chat\b|\bnetworking\b|\bcatch[- ]?up\b|"
    r"\bmeet and greet\b|\bdrinks\b|\bhappy hour\b|\bmentor(?:ing|ship)?\b|\blunch\b|"
    r"\bbreakfast\b|\bdinner\b|\btea\b",
    _I,
)
# The description says this is about a job: enough to make a "call" or "chat" an interview.
_RECRUITING_CONTEXT = re.compile(
    r"\binterview|\bscreen(?:ing)? call\b|\bphone screen\b|\brecruit(?:er|ing|ment)\b|"
    r"\bhiring (?:manager|team|process)\b|\b(?:the|this|your|our) (?:\w+ ){0,4}"
    r"(?:role|position|opening|vacancy|opportunity)\b|\brole\s*:|\bposition\s*:|"
    r"\byour application\b|\byour candidacy\b|\bjob (?:description|posting|opening)\b|"
    r"\bapplied\b|\bapplying\b",
    _I,
)
# In a description, "interview" must be about this meeting ("your interview", "interview
# with"), not a passing mention.
_DESCRIPTION_INTERVIEW = re.compile(
    r"\b(?:your|this|the|our|an?)\s+(?:\w+\s+){0,2}interviews?\b|"
    r"\binterview(?:ing)? (?:with|for)\b|\bphone screen\b|\bscreening (?:call|interview)\b|"
    r"\brecruiter (?:call|screen)\b",
    _I,
)
# Calls that open a hiring process; with someone from a company, and naming the owner,
# they are screens even when no role is named.
_INTRO_CALL = re.compile(
    r"\b(?:intro(?:ductory|duction)?|initial|first)\s+(?:call|chat|conversation|meeting)\b|"
    r"^\s*intro\b",
    _I,
)
_SAYS_INTERVIEW_OR_SCREEN = re.compile(r"\binterview|\bscreen(?:ing)?\b(?! ?shar)", _I)

Strength = Literal["strong", "weak"]


# Read on the whole title: these words would otherwise be set aside as a job title ("Parent
# Teacher Interview", "Interview with the Principal (school)").
_WHOLE_TITLE_NEGATIVES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bparents?[- ]teachers?\b|\bteacher conference\b|"
                r"\bschool (?:interview|admissions?)\b|[(\[]\s*school\s*[)\]]", _I),
     "a school meeting"),
)  # fmt: skip


def whole_title_negative(title: str) -> str | None:
    for pattern, reason in _WHOLE_TITLE_NEGATIVES:
        if pattern.search(title):
            return reason
    return None


@lru_cache(maxsize=4096)
def title_negative(title: str) -> str | None:
    for pattern, reason in _TITLE_NEGATIVES:
        if pattern.search(title):
            return reason
    return None


def description_negative(description: str) -> str | None:
    text = description[:6000]
    for pattern, reason in _DESCRIPTION_NEGATIVES:
        if pattern.search(text):
            return reason
    return None


@lru_cache(maxsize=4096)
def title_signal(title: str) -> tuple[Strength, str] | None:
    """("strong", what) when the title names an interview; ("weak", what) when it names a
    conversation that is an interview only if the event is about a job."""
    for pattern, _kind in _STRONG_SIGNALS:
        match = pattern.search(title)
        if match:
            return "strong", match.group(0)
    match = _WEAK_SIGNALS.search(title)
    if match:
        return "weak", match.group(0).strip()
    return None


def is_coffee_chat(title: str) -> bool:
    return _COFFEE.search(title) is not None


def says_interview_or_screen(text: str) -> bool:
    return _SAYS_INTERVIEW_OR_SCREEN.search(text) is not None


def recruiting_context(description: str) -> bool:
    return _RECRUITING_CONTEXT.search(description[:6000]) is not None


def description_signal(description: str) -> str | None:
    match = _DESCRIPTION_INTERVIEW.search(description[:6000])
    return match.group(0) if match else None


def is_intro_call(title: str) -> bool:
    return _INTRO_CALL.search(title) is not None
