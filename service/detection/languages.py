"""The words detection reads, one table per language (spec: detection.md, "Languages").

Adding a language is adding a :class:`Language` to ``LANGUAGES``: its stage words, its
conversation words, the meanings of "interview" that are no job interview, the words that
introduce a role, and the words invites use around people. Nothing else changes.

An entry is a phrase or a pattern. A phrase is words as people write them; accents and case
do not count, and any run of spaces or punctuation between its words matches ("on site",
"on-site"). A ``*`` at its start or end lets more letters stand there, for compounds and
endings ("*interview" is also "Fachinterview", "entrevista*" also "entrevistas"). An entry
starting with ``re:`` is a regular expression, for English phrasings that need one; it is
matched on the same accent-free, lower-case text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields

from service.detection.folding import plain

Entries = tuple[str, ...]
Tagged = tuple[tuple[str, Entries], ...]  # (what it means, entries)

# The reasons shown to people, shared by every language's tables.
PREPARATION = "interview preparation or coaching"
MOCK = "a mock or practice session"
MEDIA = "a podcast, press or media interview"
RESEARCH = "a research or user interview"
EVENT = "a career fair, info session or other event"
INTERVIEWERS = "interviewer training or an interviewer's meeting"
REFERENCE = "a reference or background check"
EXIT = "an exit interview"
HOLD = "a hold"
HIRING_MEETING = "a scorecard, debrief or hiring meeting"
HIRING_SIDE = "the owner is on the hiring side"
STATUS = "a status or travel block"
TASK = "a task around an interview"
OTHER_SCREEN = "'screen' in another sense"
BUSINESS = "a business meeting"
NOT_ABOUT_A_JOB = "an interview that is not about a job (visa, housing, school)"
APPRAISAL = "a review at the owner's own job"
FOR_INTERVIEWERS = "the description is for interviewers"
NETWORKING = "an informational interview: networking"


@dataclass(frozen=True)
class Language:
    code: str
    # --- what the title says
    title_negatives: Tagged = ()  # "interview" in another sense, or about interviews
    whole_title_negatives: Tagged = ()  # read on the whole title, job titles included
    strong: Tagged = ()  # words that name an interview: (what, entries)
    weak: Entries = ()  # a call, a chat: an interview only when it is about a job
    intro: Entries = ()  # calls that open a hiring process
    coffee: Entries = ()  # coffee chats, networking: interviews only if they say so
    interview_or_screen: Entries = ()  # what a coffee chat must say to be an interview
    # --- what the description says
    description_negatives: Tagged = ()
    description_interview: Entries = ()  # "your interview": about this meeting
    recruiting_context: Entries = ()  # the description is about a job
    # --- stage words
    final_title: Entries = ()
    final_description: Entries = ()
    screen: Entries = ()
    screen_title_only: Entries = ()  # screen words that count in a title only ("Intro")
    screen_not: Entries = ()  # "share your screen"
    panel: Entries = ()
    rounds: Entries = ()  # numbered or technical rounds a description names
    other_step: Entries = ()  # a sentence about another step ("the next step")
    # --- reading the title's parts
    heads: Entries = ()  # the conversation itself: set aside ("Interview", "Entretien")
    modifiers: Entries = ()  # words that qualify it: set aside next to a head
    compound_heads: Entries = ()  # endings that make a word a head ("Fachinterview")
    cue_with: Entries = ()  # words that introduce whom one meets ("with", "mit")
    cue_at: Entries = ()  # ... where ("at", "bei", "chez")
    cue_for: Entries = ()  # ... for which role ("for", "pour le poste de")
    cue_via: Entries = ()  # ... through whom ("via", "über")
    prefixes: Entries = ()  # mail and calendar prefixes ("Einladung:", "FW:")
    booking_between: Entries = ()  # "<type> between <a> and <b>"
    booking_and: Entries = ()
    # --- job titles
    role_nouns: Entries = ()  # words that end a job title
    leading_role_nouns: Entries = ()  # words that begin one ("Analista de Datos")
    role_suffixes: Entries = ()  # endings of compounds that are roles ("Teamleiter")
    role_labels: Entries = ()  # "Position: ...", "Puesto: ..."
    role_phrases: Entries = ()  # "für die Position ...", "pour le poste de ..."
    role_trailers: Entries = ()  # "the X role", "the X position"
    role_areas: Entries = ()  # what follows a role's dash and is its own: "- Infrastructure"
    # --- people in descriptions and senders
    interviewer_cues: Entries = ()
    coordinator_cues: Entries = ()
    candidate_labels: Entries = ()  # "Candidate: Jo Lo"
    sender_words: Entries = ()  # "Acme Recruiting": the words after the company's name
    company_cues: Entries = ()  # "... bei Acme", "... chez Acme" in a description
    event_name_labels: Entries = ()  # a booking page's "Event Name: ..."
    articles: Entries = ()  # "the", "der", "la": before a name, not part of it


ENGLISH = Language(
    code="en",
    title_negatives=(
        (PREPARATION, (r"re:\bprep\b|\bprepping\b|\bpreparation\b|\bprepar(?:e|ing) for\b|"
                       r"\bcram\b|\bcoaching\b|\bcareer coach\b|\binterview coach",)),
        (MOCK, (r"re:\bmock\b|\bpracti[cs]e (?:interview|session|run|round|call|chat|case)s?\b|"
                r"\binterview practi[cs]e\b|^\s*practi[cs]e\b|\brehears(?:e|al|ing)\b|"
                r"\bdry[- ]?run\b|\brole[- ]?play\b",)),
        (MEDIA, (r"re:\bpodcast|\bepisode\b|\blivestream|\bon[- ]air\b|\btaping\b|"
                 r"\b(?:press|media|radio|tv|television|news|magazine|newspaper|blog|newsletter|"
                 r"journalist|reporter|documentary|broadcast|video podcast)\s+(?:interview|"
                 r"appearance|call|briefing|recording|segment|spot|q ?& ?a|feature|junket)s?\b|"
                 r"\binterview (?:with|for) (?:the )?(?:press|media|a journalist|a reporter)\b|"
                 r"[(\[]\s*(?:press|media|podcast|radio|tv|television|news|magazine|newspaper|"
                 r"journalist|reporter|broadcast)\s*[)\]]|"
                 r"^\W*(?:press|media|podcast|radio|tv)\W*[:|\-–—]",)),
        (RESEARCH, (r"re:\b(?:user|users|customer|customers|research|ux|usability|discovery|"
                    r"participant|expert|market|academic|(?<!case )study|survey|field|"
                    r"stakeholder|oral history|jtbd|persona)\s+"
                    r"(?:interviews?|sessions?|stud(?:y|ies)|calls?|research)\b|"
                    r"\buser research\b|\busability\b|"
                    r"\bresearch (?:study|participant|session|call)|"
                    r"\bfocus group\b|\binterview(?:s|ing)? (?:users?|customers?|participants?)\b|"
                    r"\binterview(?:s|ing)? (?:with|of) (?:a |an |the |our |some )?(?:\w+ )?"
                    r"(?:customers?|clients?|users?|participants?|experts?|patients?)\b",)),
        (EVENT, (r"re:\bcareers? (?:fair|day|expo|event|night|week|services|cent(?:er|re))\b|"
                 r"\bjob fair\b|\bhiring (?:fair|event|day|mixer)\b|"
                 r"\brecruit(?:ing|ment) (?:event|fair|day|mixer|night|drive|booth)\b|"
                 r"\binfo(?:rmation(?:al)?)? sessions?\b|\bopen (?:house|day)\b|"
                 r"\boffice hours?\b|\bwebinar\b|\bworkshop\b|\bmeet ?up\b|"
                 r"\bnetworking (?:event|mixer|night|session)\b|\bcampus (?:recruiting|visit)\b|"
                 r"\bbootcamp\b|\bconference\b(?! (?:call|room|line|bridge))|"
                 r"\bhackathon\b|\bkeynote\b|"
                 r"\bpanel (?:discussion|talk)\b|\bspeaker\b|\bfireside\b|\btown ?hall\b|"
                 r"\ball[- ]hands\b|\bmasterclass\b|"
                 r"\blecture\b|\bseminar\b",)),
        (INTERVIEWERS, (r"re:\binterview(?:er|ing)?s? (?:training|calibration|certification|"
                        r"onboarding|sync|huddle|briefing|shadow(?:ing)?|pool|guide|kit|rubric|"
                        r"skills)\b|\binterviewers?\b|\bshadow(?:ing)?\b|\bcalibration\b|"
                        r"\breverse shadow\b",)),
        (REFERENCE, (r"re:\breferences? (?:check|checks|call|calls|interview|conversation)\b|"
                     r"\breferences? for\b|\bbackground (?:check|screening)\b|\breferee\b",)),
        (EXIT, (r"re:\bexit[- ](?:interview|call|chat|meeting|conversation|survey)\b|"
                r"\bstay interview\b|\boffboarding\b",)),
        # "hold" as a tag ("[Hold] Interview", "HOLD: Acme onsite", "Hold for ..."), not in a
        # name ("Hold Brothers").
        (HOLD, (r"re:^\s*hold\s*$|^\W*hold\W*(?:[:|\-–—]|$)|[(\[]\s*hold\s*[)\]]|"
                r"\bhold (?:for|time|slot)\b|\bon hold\b|\bplaceholder\b|\bpencil(?:l?ed)?\b|"
                r"\btime ?block\b|^\s*block\b|"
                r"\bblocked\b|\btentative hold\b|\bsave the date\b",)),
        (HIRING_MEETING, (r"re:\bscorecards?\b|\bdebrief|\bfeedback\b|\bwrite[- ]?ups?\b|"
                          r"\bhiring (?:committee|sync|review|huddle|meeting|decision|"
                          r"manager sync)\b|"
                          r"\bcandidate (?:review|debrief|sync|discussion|feedback|pipeline)\b|"
                          r"\bround ?up\b|\bwash[- ]?up\b|\binterview kit\b|"
                          r"\bloop (?:sync|review)\b|"
                          r"\bpipeline (?:review|sync)\b|\bintake\b|\bkick-?off\b",)),
        (HIRING_SIDE, (r"re:\binterview(?:ing)? (?:a |the |our |new |\d+ )?candidates?\b|"
                       r"\binterviewing for (?:my|our|the) team\b|"
                       r"\bnew hire\b|\bonboarding\b|\borientation\b|\bfirst day\b",)),
        (STATUS, (r"re:\bout of (?:the )?office\b|\booo\b|\bfocus (?:time|block)\b|\bwfh\b|"
                  r"\bworking (?:from|location|remotely)\b|\bvacation\b|\bpto\b|\bholiday\b|"
                  r"\bsick (?:day|leave)\b|\bcommute\b|"
                  r"\btravel (?:to|from|back|home|time|day)\b|"
                  r"\bflight (?:to|from|back|home)\b|\bdrive (?:to|from|back|home)\b|"
                  r"\btrain (?:to|from|back|home)\b|\bparking\b|\bcheck[- ]?in\b",)),
        (TASK, (r"re:\bthank[- ]?you (?:note|notes|email|emails|card|letter)s?\b|"
                r"\bsend thank|\bwrite thank|\bfollow[- ]?up (?:email|note|on)\b|"
                r"\bnegotiat|\boffer (?:call|review|discussion|negotiation|letter)\b|"
                r"\bsign(?:ing)? (?:the )?offer\b|\bresearch (?:on |about )?\w+ before\b",)),
        (OTHER_SCREEN, (r"re:\b(?:film|movie|documentary|health|medical|drug|cancer|covid|"
                        r"hearing|vision|eye|blood|wellness)\s+screenings?\b|\bscreening of\b|"
                        r"\bscreen ?shar|\bscreen time\b|\bscreen ?cast",)),
        (BUSINESS, (r"re:\bsales (?:call|demo|pitch)\b|\bdemo\b|\bclient (?:call|meeting)\b|"
                    r"\b(?:vendor|customer|partnership|investor|board) (?:call|meeting|demo|"
                    r"review|sync|update|pitch|discussion)s?\b|\bpitch\b|\bdue diligence\b",)),
        (NOT_ABOUT_A_JOB, (r"re:\b(?:visa|immigration|citizenship|naturali[sz]ation|"
                           r"green card|uscis|consular|border|global entry|nexus|co-?op board|"
                           r"housing|tenant|admissions?)\s+(?:interview|appointment)s?\b|"
                           r"\bhousing (?:association|co-?op|cooperative|society)\s+"
                           r"interviews?\b|"
                           r"\bconsulate\b|\bembassy\b",)),
        (APPRAISAL, ("performance review", "annual review", "appraisal")),
        (NETWORKING, (r"re:\binformational (?:interview|chat|call|meeting|conversation)s?\b",)),
    ),
    whole_title_negatives=(
        ("a school meeting", (r"re:\bparents?[- ]teachers?\b|\bteacher conference\b|"
                              r"\bschool (?:interview|admissions?)\b|[(\[]\s*school\s*[)\]]",)),
    ),
    strong=(
        ("interview", ("interview*", "interviewing")),
        ("screen", (r"re:\bscreen(?:s|ing|er)?\b",)),
        ("superday", (r"re:\bsuper ?day\b",)),
        ("round", (r"re:\b(?:first|second|third|fourth|final|last|next|technical|coding|"
                   r"\d(?:st|nd|rd|th)|1|2|3|4) rounds?\b|\bround (?:1|2|3|4|one|two|three)\b",)),
        ("hiring manager or HR call", (r"re:\bhiring manager\b|"
                                       r"\bhm (?:call|chat|screen|conversation)\b|"
                                       r"\bhr (?:call|chat|screen|conversation)\b",)),
        ("recruiter call", (r"re:\brecruiter (?:call|chat|conversation|connect|sync)\b|"
                            r"\b(?:call|chat|conversation) with (?:a |the |our |your )?"
                            r"recruiter\b",)),
        ("assessment", (r"re:\b(?:technical|coding|system design|systems design|behaviou?ral|"
                        r"case|culture|values|take[- ]home|pair programming|live coding|"
                        r"whiteboard|leadership)\s+(?:assessment|exercise|challenge|session|"
                        r"review|presentation|discussion|chat|call|conversation|deep dive)\b|"
                        r"\bportfolio (?:review|presentation)\b|\bcase study\b|"
                        r"\bpair programming\b|\blive coding\b|\bbar raiser\b",)),
    ),
    weak=(r"re:\bon-?site\b|\bon site\b|"
          r"\b(?:intro(?:ductory|duction)?|initial|call|chat|conversation|meeting|meet|connect|"
          r"catch[- ]?up|discussion|sync|talk|zoom|teams|video|phone|panel|meet and greet|"
          r"touch base|hr)\b|(?:^|\s)(?:<>|x)\s",),
    intro=(r"re:\b(?:intro(?:ductory|duction)?|initial|first)\s+"
           r"(?:call|chat|conversation|meeting)\b|^\s*intro\b",),
    coffee=(r"re:\bcoffee\b|\binformational\b|\binfo chat\b|\bnetworking\b|\bcatch[- ]?up\b|"
            r"\bmeet and greet\b|\bdrinks\b|\bhappy hour\b|\bmentor(?:ing|ship)?\b|\blunch\b|"
            r"\bbreakfast\b|\bdinner\b|\btea\b",),
    interview_or_screen=(r"re:\binterview|\bscreen(?:ing)?\b(?! ?shar)",),
    description_negatives=(
        (MEDIA, (r"re:\bpodcast\b|\bepisode \d|\brecording for (?:the |our )?(?:show|episode)\b",)),
        (MOCK, (r"re:\bmock interview\b|\bpractice (?:run|interview|session)\b|"
                r"\binterview practice\b",)),
        (FOR_INTERVIEWERS,
         (r"re:\binterview kit\b|\bscorecards?\b|\bsubmit (?:your )?feedback\b|"
          r"\bfeedback (?:form|due)\b|\bcandidate(?:'s)? (?:packet|profile|resume|cv)\b|"
          r"\binterview(?:ing)? the candidate\b|\bthe candidate's\b",)),
        ("the description is about something else",
         (r"re:\bexit interview\b|\buser research\b|\busability (?:study|test)|"
          r"\bresearch (?:study|participant)\b|\bfocus group\b|\bpanel discussion\b|"
          r"\bopen to all (?:applicants|students|candidates)\b|\bdrop in\b",)),
    ),
    description_interview=(r"re:\b(?:your|this|the|our|an?)\s+(?:\w+\s+){0,2}interviews?\b|"
                           r"\binterview(?:ing)? (?:with|for)\b|\bphone screen\b|"
                           r"\bscreening (?:call|interview)\b|\brecruiter (?:call|screen)\b",),
    recruiting_context=(r"re:\binterview|\bscreen(?:ing)? call\b|\bphone screen\b|"
                        r"\brecruit(?:er|ing|ment)\b|\bhiring (?:manager|team|process)\b|"
                        r"\b(?:the|this|your|our) (?:\w+ ){0,4}"
                        r"(?:role|position|opening|vacancy|opportunity)\b|\brole\s*:|"
                        r"\bposition\s*:|\byour application\b|\byour candidacy\b|"
                        r"\bjob (?:description|posting|opening)\b|\bapplied\b|\bapplying\b",),
    final_title=(r"re:\bfinals?\b|\blast (?:round|interview|stage)\b|\bon-?site\b|\bon site\b|"
                 r"\bsuper ?day\b",),
    final_description=(r"re:\bfinal (?:round|interview|stage|loop|conversation)s?\b|"
                       r"\blast (?:round|interview|stage)\b|\bon-?site\b|\bon site\b|"
                       r"\bsuper ?day\b",),
    screen=(r"re:\bscreen(?:s|ing|er)?\b(?! ?shar)|"
            r"\b(?:tele)?phone (?:interview|call|chat|conversation)\b|"
            r"\brecruiter (?:call|chat|conversation|interview|connect|sync)\b|"
            r"\b(?:call|chat|conversation) with (?:a |the |our |your )?recruiter\b|"
            r"\bintro(?:ductory|duction)? (?:call|chat|conversation|meeting)\b|"
            r"\binitial (?:call|chat|conversation)\b|\bhr (?:call|chat|conversation|interview)\b",),
    screen_title_only=(r"re:\bintro(?:ductory|duction)?\b",),
    screen_not=(r"re:\bshare (?:your |my |the |a )?screens?\b|\bscreen ?shar",),
    panel=(r"re:\bpanel(?:s|ists?)?\b",),
    rounds=(r"re:\b(?:first|second|third|fourth|\d(?:st|nd|rd|th)|technical|coding) "
            r"(?:round|interview)s?\b",),
    other_step=(r"re:\b(?:next|later|follow(?:ed|ing)?|after|afterwards|previous(?:ly)?|earlier|"
                r"before|ahead of|if|would|may|might|could|future|upcoming|subsequent|then|"
                r"once)\b",),
    heads=("interview", "interviews", "interviewing", "screen", "screening", "screener", "call",
           "calls", "chat", "conversation", "conversations", "meeting", "round", "rounds",
           "onsite", "on site", "superday", "super day", "panel", "session", "loop",
           "assessment", "discussion", "intro", "introduction", "introductions", "connect",
           "catch up", "exercise", "challenge", "presentation", "deep dive", "pairing",
           "pair programming", "portfolio review", "case study", "take home", "whiteboard",
           "meet and greet", "touch base", "sync", "talk", "q a", "review", "walkthrough",
           "walk through"),
    modifiers=("technical", "tech", "coding", "code", "live coding", "system design",
               "systems design", "architecture", "behavioural", "behavioral", "culture",
               "cultural", "culture fit", "culture add", "values", "value", "case",
               "hiring manager", "hm", "recruiter", "recruiting", "hr", "phone", "telephone",
               "video", "zoom", "teams", "google meet", "virtual", "remote", "in person",
               "onsite", "on site", "intro", "introductory", "initial", "first", "second",
               "third", "fourth", "fifth", "sixth", "1st", "2nd", "3rd", "4th", "5th", "final",
               "last", "next", "follow up", "followup", "team", "peer", "leadership", "group",
               "one on one", "1 1", "bar raiser", "panel", "your", "our", "the", "a", "an",
               "my", "quick", "short", "brief", "informal", "formal", "invitation", "invite",
               "confirmed", "confirmation", "rescheduled", "updated", "reminder", "scheduled",
               "screening", "take home", "pair", "competency", "competency based",
               "situational", "motivational", "lp", "leadership principles", "exploratory",
               "informational", "product sense"),
    cue_with=("with",),
    cue_at=("at",),
    cue_for=("for", "about", "regarding", "re"),
    cue_via=("via",),
    prefixes=("canceled", "cancelled", "updated", "rescheduled", "new time", "reminder",
              "invitation", "updated invitation", "fwd", "fw", "re", "accepted", "tentative",
              "declined"),
    booking_between=("between",),
    booking_and=("and",),
    role_labels=("role", "position", "job", "job title", "title", "opening", "vacancy", "req",
                 "requisition", "applying for", "applied for", "position applied for"),
    role_trailers=("role", "position", "opening", "opportunity", "vacancy", "req"),
    role_areas=("infrastructure", "infra", "backend", "back end", "frontend", "front end",
                "full stack", "platform", "payments", "growth", "data", "data platform",
                "security", "mobile", "ios", "android", "machine learning", "ml", "ai", "cloud",
                "devops", "analytics", "core", "api", "apis", "search", "ads", "billing",
                "identity", "reliability", "observability", "developer experience",
                "developer tools", "tooling", "enterprise", "smb", "mid market", "emea", "apac",
                "americas", "dach", "nordics", "latam", "remote", "risk", "fraud", "compliance",
                "integrations", "partnerships", "marketplace", "checkout", "onboarding",
                "performance", "networking", "storage", "compute", "databases", "kubernetes",
                "web", "product", "design systems", "internal tools", "trust and safety"),
    interviewer_cues=(r"re:\b(?:interviewers?|interviewed by|interviewing you|"
                      r"panel(?:ists?| members?)?|interview engineer|"
                      r"you(?:'|’)?ll (?:be )?(?:meet|meeting|speak|speaking|talk|talking|chat|"
                      r"chatting)|"
                      r"you will (?:be )?(?:meet|meeting|speak|speaking|talk|talking|chat|"
                      r"chatting)|"
                      r"(?:meet|meeting|speak|speaking|talk|talking) (?:with|to)|"
                      r"hiring manager|with you(?:r)? (?:today|will be)|"
                      r"joining (?:us|you) (?:will be|is|are))\b",),
    coordinator_cues=(r"re:\b(?:co-?ordinat(?:or|ors|ing|ed by)|scheduler|"
                      r"scheduling (?:coordinator|contact|team|partner|questions|support)|"
                      r"(?:questions about|help with|contact for) scheduling|"
                      r"(?<!thank you )(?<!thanks )for scheduling\b(?! your| the| a | an )|"
                      r"scheduled by|point of contact|organi[sz]ed by|logistics\s*:|"
                      r"for logistics|arranged by|"
                      r"your (?:recruiter|consultant|contact) at)\b",),
    candidate_labels=("candidate", "candidate name"),
    sender_words=("recruiting", "recruitment", "recruiter", "recruiters", "talent",
                  "talent acquisition", "career", "careers", "jobs", "hr", "human resources",
                  "people", "people ops", "people team", "hiring", "scheduling", "interviews",
                  "interview", "team", "university", "campus", "ta", "talent team",
                  "recruiting team", "candidate interviews", "candidate experience",
                  "candidate calendar", "interview calendar", "interviews calendar"),
    company_cues=("with", "at", "from", "join", "joining", "interest in", "applying to",
                  "applied to", "team at", "on behalf of", "for our client"),
    event_name_labels=("event name", "event type"),
    articles=("the",),
)  # fmt: skip

GERMAN = Language(
    code="de",
    title_negatives=(
        (PREPARATION, ("*vorbereitung", "vorbereitung*", "bewerbungstraining", "*coaching*",
                       "bewerbungscoaching")),
        (MOCK, ("probeinterview", "ubungsinterview", "probegesprach", "interviewtraining",
                "interview training", "simulation")),
        (NOT_ABOUT_A_JOB, ("visa interview", "visumantrag", "visum", "konsulat*", "botschaft",
                           "einburgerung*", "auslanderbehorde", "wohnungsbesichtigung",
                           "*wohnungsgenossenschaft*", "*baugenossenschaft*", "mietwohnung*",
                           "wohnungsbewerbung*", "vermietung")),
        (MEDIA, ("presseinterview", "pressetermin", "pressegesprach", "interview mit der presse",
                 "interview mit der zeitung", "interview fur die zeitung", "radiointerview",
                 "fernsehinterview", "podcast*",
                 r"re:\binterview (?:mit|fur|fuer) (?:der|dem|die|den|einer|einem)?\s*"
                 r"(?:[\w-]+ ){0,2}(?:[\w-]*zeitung|zeitschrift|magazin|redaktion|rundfunk|"
                 r"radio|fernsehen|tv)\b")),
        (RESEARCH, ("nutzerinterview*", "kundeninterview*", "nutzerstudie*", "nutzerforschung",
                    "nutzertest*", "probandeninterview*")),
        (EXIT, ("austrittsgesprach*", "exitgesprach*", "trennungsgesprach*")),
        (EVENT, ("jobmesse", "karrieremesse", "*messe", "infoveranstaltung",
                 "informationsveranstaltung", "karrieretag", "tag der offenen tur",
                 "schulung*")),
        (APPRAISAL, ("mitarbeitergesprach*", "jahresgesprach*", "personalgesprach*",
                     "feedbackgesprach*", "entwicklungsgesprach*", "zielvereinbarung*",
                     "beurteilungsgesprach*")),
        (HIRING_MEETING, ("nachbesprechung", "bewerberauswahl", "auswahlkommission")),
    ),
    strong=(
        ("interview", ("*interview*", "vorstellungsgesprach*", "bewerbungsgesprach*",
                       "auswahlgesprach*", "zweitgesprach*", "drittgesprach*", "fachgesprach*",
                       "abschlussgesprach*", "finales gesprach*", "zweites gesprach*",
                       "drittes gesprach*", "personliches gesprach*")),
        ("round", ("erste runde", "zweite runde", "dritte runde", "finale runde", "letzte runde",
                   "finalrunde")),
        ("hiring manager or HR call", ("gesprach mit hr", "hr gesprach", "gesprach mit der "
                                       "personalabteilung", "gesprach mit dem fachbereich")),
    ),
    weak=("*gesprach*", "telefonat", "telefontermin", "termin", "austausch", "kennenlernen",
          "videocall", "call", "meeting"),
    intro=("erstgesprach*", "kennenlerngesprach*", "kennenlernen", "kennenlerntermin",
           "erster austausch", "telefonisches erstgesprach"),
    coffee=("kaffee", "mittagessen", "netzwerken", "networking"),
    interview_or_screen=("*interview*", "vorstellungsgesprach*", "bewerbungsgesprach*"),
    description_negatives=(
        (FOR_INTERVIEWERS, ("bewertungsbogen", "evaluationsbogen",
                                                 "interviewleitfaden", "feedbackbogen")),
    ),
    description_interview=("ihr gesprach", "ihr vorstellungsgesprach", "ihr interview",
                           "ihr telefoninterview", "vorstellungsgesprach*", "bewerbungsgesprach*",
                           "gesprach bei", "gesprach mit"),
    recruiting_context=("bewerbung*", "stelle", "position", "stellenausschreibung",
                        "vorstellungsgesprach*", "personalabteilung", "recruiting", "bewerber*",
                        "ihr gesprach", "ihr termin bei", "gesprach bei"),
    final_title=("finale*", "finales*", "letzte runde", "letztes gesprach",
                 "abschlussgesprach*", "vor ort", "vor ort termin", "finalrunde"),
    final_description=("finale runde", "finales gesprach", "letzte runde", "letztes gesprach",
                       "abschlussgesprach*", "vor ort"),
    screen=("telefoninterview*", "telefonat", "telefongesprach*", "telefonisches*",
            "telefonische*", "erstgesprach*", "kennenlerngesprach*", "gesprach mit hr",
            "hr gesprach", "telefontermin", "kennenlernen", "kennenlerntermin",
            "erster austausch"),
    panel=("panel*",),
    rounds=("zweitgesprach*", "fachinterview*", "technisches interview", "zweite runde"),
    other_step=("nachste*", "spater", "danach", "anschliessend", "falls", "wenn", "zuvor",
                "vorher", "im anschluss"),
    heads=("interview", "interviews", "vorstellungsgesprach", "bewerbungsgesprach", "gesprach",
           "telefoninterview", "videointerview", "fachinterview", "zweitgesprach",
           "erstgesprach", "kennenlerngesprach", "kennenlernen", "telefonat", "termin",
           "austausch", "videocall", "runde", "auswahlgesprach", "abschlussgesprach",
           "fachgesprach", "telefongesprach"),
    modifiers=("telefonisches", "telefonische", "telefonischer", "technisches", "technische",
               "finales", "finale", "letzte", "letztes", "erste", "erstes", "zweite",
               "zweites", "dritte", "personliches", "personliche", "virtuelles", "virtuelle",
               "ihr", "ihre", "unser", "einladung", "einladung zum", "zum", "zur", "hr",
               "online", "vor ort", "per video", "per telefon", "digitales", "kurzes",
               "kurzer", "erster", "panel", "mit dem fachbereich", "fachbereich"),
    compound_heads=("interview", "gesprach", "gesprache"),
    cue_with=("mit",),
    cue_at=("bei",),
    cue_for=("für die position", "zur position", "für die stelle", "für", "fuer"),
    cue_via=("über", "ueber"),
    prefixes=("einladung", "aktualisiert", "abgesagt", "verschoben", "wg", "aw"),
    booking_between=("zwischen",),
    booking_and=("und",),
    role_nouns=("entwickler", "entwicklerin", "ingenieur", "ingenieurin", "berater",
                "beraterin", "referent", "referentin", "leiter", "leiterin", "werkstudent",
                "werkstudentin", "praktikant", "praktikantin", "sachbearbeiter",
                "sachbearbeiterin", "designerin", "managerin",
                "analystin", "controllerin", "assistenz", "mitarbeiter", "mitarbeiterin",
                "fachkraft", "spezialist", "spezialistin", "architekt", "architektin",
                "erzieherin", "verkaufer", "verkauferin", "buchhalter", "buchhalterin",
                "technikerin", "koordinator", "koordinatorin", "pflegerin", "auszubildende",
                "azubi"),
    leading_role_nouns=("werkstudent", "werkstudentin", "praktikant", "praktikantin",
                        "referent", "referentin", "leiter", "leiterin", "sachbearbeiter",
                        "sachbearbeiterin", "mitarbeiter", "mitarbeiterin", "berater",
                        "beraterin", "spezialist", "spezialistin", "assistenz"),
    role_suffixes=("entwickler", "entwicklerin", "ingenieur", "ingenieurin", "berater",
                   "beraterin", "leiter", "leiterin", "manager", "managerin", "referent",
                   "referentin", "designer", "designerin", "kaufmann", "kauffrau",
                   "sachbearbeiter", "sachbearbeiterin", "techniker", "technikerin",
                   "mitarbeiter", "mitarbeiterin", "assistent", "assistentin", "analyst",
                   "analystin", "spezialist", "spezialistin", "architekt", "architektin",
                   "koordinator", "koordinatorin", "pfleger", "pflegerin", "administrator",
                   "administratorin"),
    role_labels=("stelle", "rolle", "position", "stellenbezeichnung"),
    role_phrases=("für die position", "zur position", "für die stelle", "auf die stelle",
                  "bewerbung als", "position als", "als"),
    interviewer_cues=("ihre gesprachspartner*", "ihr gesprachspartner*", "gesprachspartner*",
                      "sie sprechen mit", "sie treffen", "interviewer*", "mit dabei sind"),
    coordinator_cues=("organisiert von", "vereinbart von", "koordination", "koordiniert von",
                      "ihr ansprechpartner*", "ihre ansprechpartner*", "ansprechpartner*",
                      "terminiert von", "vereinbart durch", "organisiert durch",
                      "koordiniert durch", "terminiert durch"),
    candidate_labels=("kandidat", "kandidatin", "bewerber", "bewerberin"),
    sender_words=("karriere", "personal", "personalabteilung", "recruiting team", "bewerbung",
                  "bewerbungen", "jobs", "hr"),
    company_cues=("bei", "mit", "im auftrag von", "im namen von"),
    event_name_labels=("veranstaltungsname", "terminart", "termin"),
    articles=("der", "die", "das", "dem", "den"),
)  # fmt: skip

SPANISH = Language(
    code="es",
    title_negatives=(
        (PREPARATION, ("preparacion*", "preparar la entrevista", "coaching*", "mentoria*")),
        (MOCK, ("simulacro*", "entrevista simulada", "entrevista de practica")),
        (NOT_ABOUT_A_JOB, ("visado", "consulado", "embajada", "extranjeria")),
        (MEDIA, ("entrevista con la prensa", "entrevista de prensa", "rueda de prensa",
                 "entrevista para el periodico", "entrevista para la radio", "podcast")),
        (EVENT, ("feria*", "jornada de puertas abiertas", "sesion informativa", "webinar",
                 "formacion*", "taller*", "curso*")),
        (EXIT, ("entrevista de salida", "entrevista de desvinculacion")),
        (RESEARCH, ("entrevista con usuario*", "entrevista a usuario*", "entrevista de usuario*",
                    "investigacion de usuario*", "estudio de usuario*", "test de usuario*",
                    "entrevista con clientes")),
        (NETWORKING, ("entrevista informativa", "entrevistas informativas")),
        (APPRAISAL, ("evaluacion de desempeno", "evaluacion anual", "revision de desempeno",
                     "entrevista de evaluacion")),
    ),
    strong=(
        ("interview", ("entrevista*",)),
        ("round", ("primera ronda", "segunda ronda", "ronda final", "ultima ronda")),
        ("hiring manager or HR call", ("llamada con rr hh", "llamada con rrhh",
                                       "llamada con recursos humanos", "entrevista con rrhh")),
    ),
    weak=("llamada", "videollamada", "charla", "conversacion", "reunion", "encuentro"),
    intro=("llamada inicial", "primera llamada", "primer contacto", "llamada de presentacion"),
    coffee=("cafe", "comida", "almuerzo", "networking"),
    interview_or_screen=("entrevista*",),
    description_interview=("tu entrevista", "su entrevista", "la entrevista", "entrevista con"),
    recruiting_context=("candidatura", "puesto", "vacante", "proceso de seleccion", "seleccion",
                        "entrevista*", "oferta de empleo", "rr hh", "rrhh"),
    final_title=("entrevista final", "ultima entrevista", "ronda final", "ultima ronda",
                 "final"),
    final_description=("entrevista final", "ultima entrevista", "ronda final", "ultima ronda"),
    screen=("llamada inicial", "entrevista telefonica", "llamada telefonica", "llamada con rr hh",
            "llamada con rrhh", "llamada con recursos humanos", "primera llamada",
            "preseleccion"),
    panel=("panel",),
    rounds=("primera entrevista", "segunda entrevista", "entrevista tecnica"),
    other_step=("siguiente", "proxima", "despues", "luego", "posteriormente", "si"),
    heads=("entrevista", "entrevistas", "llamada", "videollamada", "charla", "conversacion",
           "reunion", "ronda"),
    modifiers=("inicial", "tecnica", "final", "telefonica", "primera", "segunda", "tercera",
               "ultima", "rr hh", "rrhh", "recursos humanos", "con rr hh", "con rrhh",
               "presencial", "online", "virtual", "de seleccion", "personal", "en panel",
               "tu", "su", "la", "el", "invitacion", "confirmacion"),
    cue_with=("con",),
    cue_at=("en",),
    cue_for=("para el puesto de", "para la posicion de", "para la posición de", "al puesto de",
             "para"),
    cue_via=("vía", "a traves de", "a través de"),
    prefixes=("invitacion", "invitación", "actualizado", "cancelado", "rv", "re"),
    booking_between=("entre",),
    booking_and=("y",),
    leading_role_nouns=("desarrollador", "desarrolladora", "ingeniero", "ingeniera", "analista",
                        "responsable", "jefe", "jefa", "director", "directora", "tecnico",
                        "tecnica", "cientifico", "cientifica", "disenador", "disenadora",
                        "consultor", "consultora", "coordinador", "coordinadora", "especialista",
                        "gerente", "becario", "becaria", "administrativo", "administrativa",
                        "programador", "programadora", "arquitecto", "arquitecta", "contable",
                        "asesor", "asesora", "enfermero", "enfermera", "auxiliar"),
    role_labels=("puesto", "vacante", "cargo", "posicion"),
    role_phrases=("para el puesto de", "al puesto de", "la vacante de", "para la posicion de",
                  "el puesto de", "puesto de"),
    interviewer_cues=("entrevistador*", "hablaras con", "te reuniras con", "conoceras a",
                      "estaran contigo"),
    coordinator_cues=("coordinado por", "coordinadora*", "coordinador*", "coordinacion*",
                      "organizado por", "organizada por", "tu contacto en", "gestionado por",
                      "gestionada por", "agendado por", "agendada por"),
    candidate_labels=("candidato", "candidata"),
    sender_words=("rrhh", "rr hh", "recursos humanos", "seleccion", "talento", "empleo",
                  "reclutamiento", "personas"),
    company_cues=("con", "en", "en nombre de"),
    event_name_labels=("nombre del evento", "tipo de evento"),
    articles=("el", "la", "los", "las"),
)  # fmt: skip

FRENCH = Language(
    code="fr",
    title_negatives=(
        (PREPARATION, ("preparation*", "preparer l entretien", "coaching*")),
        (MOCK, ("simulation*", "entretien blanc", "entretien d entrainement")),
        (NOT_ABOUT_A_JOB, ("rendez vous visa", "demande de visa", "entretien de visa",
                           "consulat", "ambassade", "prefecture", "titre de sejour")),
        (MEDIA, ("entretien presse", "interview presse", "entretien avec un journaliste",
                 "journaliste", "podcast")),
        (EVENT, ("salon*", "forum emploi", "forum de recrutement", "reunion d information",
                 "webinaire", "portes ouvertes", "atelier*", "formation*")),
        (EXIT, ("entretien de sortie", "entretien de depart")),
        (RESEARCH, ("entretien utilisateur*", "test utilisateur*", "recherche utilisateur*",
                    "entretien client*")),
        (NETWORKING, ("entretien informatif", "entretien d information", "entretien reseau")),
        (NOT_ABOUT_A_JOB, ("entretien logement", "logement", "bailleur*", "hlm")),
        (APPRAISAL, ("entretien annuel*", "entretien d evaluation", "entretien individuel",
                     "entretien professionnel", "revue annuelle")),
    ),
    strong=(
        ("interview", ("entretien*", "entrevue*")),
        ("round", ("premier tour", "second tour", "dernier tour", "tour final")),
        ("hiring manager or HR call", ("entretien rh", "echange rh", "appel rh",
                                       "echange avec les rh")),
    ),
    weak=("echange*", "appel", "rendez vous", "visio", "visioconference", "reunion",
          "discussion", "call"),
    intro=("premier echange*", "premier contact", "premier appel", "echange telephonique"),
    coffee=("cafe", "dejeuner", "apero", "networking"),
    interview_or_screen=("entretien*", "entrevue*"),
    description_interview=("votre entretien", "l entretien", "entretien avec", "votre entrevue"),
    recruiting_context=("candidature", "poste", "recrutement", "entretien*",
                        "offre d emploi", "processus de recrutement"),
    final_title=("entretien final", "dernier entretien", "dernier tour", "tour final", "final"),
    final_description=("entretien final", "dernier entretien", "dernier tour", "tour final"),
    screen=("premier echange telephonique", "echange telephonique", "entretien telephonique",
            "appel telephonique", "entretien rh", "echange rh", "appel rh", "preselection",
            "premier echange", "premier appel", "premier contact"),
    panel=("panel",),
    rounds=("entretien technique", "second entretien", "deuxieme entretien"),
    other_step=("prochaine*", "suivant*", "ensuite", "apres", "puis", "plus tard", "si"),
    heads=("entretien", "entretiens", "echange", "appel", "rendez vous", "visio",
           "visioconference", "reunion", "tour", "entrevue"),
    modifiers=("technique", "final", "telephonique", "premier", "second", "deuxieme",
               "troisieme", "dernier", "rh", "individuel", "en visio", "votre", "l", "le", "la",
               "invitation", "confirmation", "d embauche", "de recrutement", "avec le manager",
               "avec la manager", "avec le responsable", "avec la responsable", "avec les rh",
               "le manager"),
    cue_with=("avec",),
    cue_at=("chez",),
    cue_for=("pour le poste de", "au poste de", "pour le poste d", "pour"),
    cue_via=("via", "par l intermediaire de"),
    prefixes=("invitation", "mis a jour", "annule", "tr", "re"),
    booking_between=("entre",),
    booking_and=("et",),
    leading_role_nouns=("developpeur", "developpeuse", "ingenieur", "ingenieure", "chef",
                        "cheffe", "charge", "chargee", "responsable", "consultant",
                        "consultante", "analyste", "comptable", "directeur", "directrice",
                        "technicien", "technicienne", "stagiaire", "alternant", "alternante",
                        "assistant", "assistante", "gestionnaire", "conseiller", "conseillere",
                        "architecte", "juriste", "infirmier",
                        "infirmiere", "vendeur", "vendeuse", "controleur", "controleuse"),
    role_labels=("poste", "intitule du poste", "fonction"),
    role_phrases=("pour le poste de", "au poste de", "le poste de", "poste de"),
    interviewer_cues=("vos interlocuteurs", "votre interlocuteur*", "vous echangerez avec",
                      "vous rencontrerez", "intervieweur*", "recruteur*"),
    coordinator_cues=("organise par", "organisee par", "coordination", "planifie par",
                      "coordonne par", "votre contact chez"),
    candidate_labels=("candidat", "candidate"),
    sender_words=("recrutement", "rh", "ressources humaines", "talents", "carrieres",
                  "emploi"),
    company_cues=("chez", "avec", "pour le compte de", "au nom de"),
    event_name_labels=("nom de l evenement", "type d evenement"),
    articles=("le", "la", "les", "l"),
)  # fmt: skip

PORTUGUESE = Language(
    code="pt",
    title_negatives=(
        (PREPARATION, ("preparacao*", "mentoria*", "coaching*")),
        (MOCK, ("simulacao*", "entrevista simulada")),
        (NOT_ABOUT_A_JOB, ("entrevista do visto", "entrevista de visto", "visto americano",
                           "consulado", "embaixada", "policia federal")),
        (MEDIA, ("entrevista para a imprensa", "imprensa", "entrevista para o jornal",
                 "podcast", "entrevista a radio", "entrevista na radio", "entrevista a tv",
                 "entrevista para a revista")),
        (EVENT, ("feira*", "palestra", "webinar", "semana de carreiras", "formacao*",
                 "curso*", "sessao de esclarecimento")),
        (EXIT, ("entrevista de saida", "entrevista de desligamento")),
        (RESEARCH, ("estudo de utilizador*", "estudo de usuario*", "entrevista de utilizador*",
                    "entrevista com utilizadores", "pesquisa com usuarios")),
        (NETWORKING, ("entrevista informativa", "conversa informal")),
        (APPRAISAL, ("avaliacao de desempenho", "avaliacao anual", "feedback anual")),
    ),
    strong=(
        ("interview", ("entrevista*",)),
        ("round", ("primeira fase", "segunda fase", "fase final", "etapa final")),
        ("hiring manager or HR call", ("conversa com rh", "conversa com o rh",
                                       "conversa inicial com rh", "bate papo com rh",
                                       "bate papo com o rh", "entrevista com rh")),
    ),
    weak=("conversa", "bate papo", "papo", "reuniao", "chamada", "ligacao", "videochamada",
          "call", "painel"),
    intro=("conversa inicial", "primeiro contato", "primeira conversa", "bate papo inicial",
           "chamada inicial", "primeira chamada"),
    coffee=("cafe", "almoco", "networking"),
    interview_or_screen=("entrevista*",),
    description_interview=("sua entrevista", "a entrevista", "entrevista com"),
    recruiting_context=("vaga", "candidatura", "processo seletivo", "entrevista*",
                        "recrutamento", "rh"),
    final_title=("entrevista final", "etapa final", "fase final", "ultima entrevista",
                 "ultima etapa", "final"),
    final_description=("entrevista final", "etapa final", "fase final", "ultima entrevista",
                       "ultima etapa"),
    screen=("conversa inicial", "chamada inicial", "primeira chamada", "entrevista por telefone",
            "entrevista telefonica", "ligacao", "bate papo com recrutamento",
            "conversa com recrutamento", "papo com recrutamento", "bate papo com recrutador*",
            "conversa com recrutador*",
            "conversa com rh", "conversa com o rh", "bate papo com rh", "bate papo com o rh",
            "triagem"),
    panel=("painel", "panel"),
    rounds=("entrevista tecnica", "segunda entrevista", "entrevista com gestor"),
    other_step=("proxima*", "seguinte", "depois", "em seguida", "posteriormente"),
    heads=("entrevista", "entrevistas", "conversa", "bate papo", "papo", "reuniao", "ligacao",
           "chamada", "videochamada", "painel", "etapa", "fase"),
    modifiers=("inicial", "tecnica", "final", "por telefone", "telefonica", "primeira",
               "segunda", "ultima", "com rh", "rh", "com o rh", "gestor", "gestora",
               "com gestor", "com o gestor", "com o time", "time", "online", "presencial",
               "sua", "a", "o", "convite", "confirmacao"),
    cue_with=("com a", "com o", "com"),
    cue_at=("na", "no"),
    cue_for=("para a vaga de", "para vaga de", "para o cargo de", "sobre a vaga de",
             "sobre a vaga", "sobre", "para"),
    cue_via=("via", "por meio da", "por meio de"),
    prefixes=("convite", "atualizado", "cancelado", "enc", "res"),
    booking_between=("entre",),
    booking_and=("e",),
    role_nouns=("pleno", "plena", "senior", "junior", "trainee"),
    leading_role_nouns=("analista", "engenheiro", "engenheira", "desenvolvedor",
                        "desenvolvedora", "gerente", "coordenador", "coordenadora",
                        "estagiario", "estagiaria", "especialista", "assistente", "auxiliar",
                        "consultor", "consultora", "diretor", "diretora", "tecnico", "tecnica",
                        "supervisor", "supervisora", "cientista", "arquiteto", "arquiteta",
                        "vendedor", "vendedora", "programador", "programadora", "lider",
                        "gestor", "gestora", "controller"),
    role_labels=("vaga", "cargo", "funcao", "posicao"),
    role_phrases=("para a vaga de", "na vaga de", "a vaga de", "vaga de", "para o cargo de"),
    interviewer_cues=("entrevistador*", "voce vai conversar com", "voce conversara com",
                      "voce vai conhecer"),
    coordinator_cues=("agendado por", "agendada por", "coordenacao*", "coordenador*",
                      "coordenadora*", "organizado por"),
    candidate_labels=("candidato", "candidata"),
    sender_words=("rh", "recrutamento", "recrutamento e selecao", "talentos", "carreiras",
                  "gente e gestao", "pessoas", "vagas"),
    company_cues=("com a", "com o", "na", "no", "em nome da", "em nome de"),
    event_name_labels=("nome do evento", "tipo de evento"),
    articles=("o", "a", "os", "as"),
)  # fmt: skip

ITALIAN = Language(
    code="it",
    title_negatives=(
        (PREPARATION, ("preparazione*", "prepararsi al colloquio", "coaching*")),
        (MOCK, ("simulazione*", "colloquio simulato", "colloquio di prova")),
        (NOT_ABOUT_A_JOB, ("visto", "consolato", "ambasciata", "questura",
                           "permesso di soggiorno", "colloquio con la maestra",
                           "colloquio con il maestro", "colloqui con gli insegnanti",
                           "colloquio con i professori", "colloquio scuola")),
        (BUSINESS, ("colloquio con il commercialista", "colloquio con la commercialista",
                    "colloquio con l avvocato", "colloquio con il notaio")),
        (MEDIA, ("intervista per", "intervista radio", "intervista tv", "intervista al giornale",
                 "intervista stampa", "conferenza stampa", "podcast")),
        (RESEARCH, ("intervista utente*", "test utente*", "ricerca utente*", "intervista agli "
                    "utenti")),
        (EVENT, ("career day", "fiera del lavoro", "open day", "giornata di orientamento",
                 "seminario", "corso*", "formazione*")),
        (EXIT, ("colloquio di uscita", "intervista di uscita")),
        (NETWORKING, ("colloquio informativo",)),
        (APPRAISAL, ("colloquio di valutazione", "valutazione annuale", "colloquio annuale")),
    ),
    strong=(
        ("interview", ("colloquio*", "colloqui")),
        ("round", ("primo colloquio", "secondo colloquio", "colloquio finale",
                   "ultimo colloquio")),
        ("hiring manager or HR call", ("colloquio hr", "colloquio con hr",
                                       "colloquio con le risorse umane")),
    ),
    weak=("chiamata", "telefonata", "videochiamata", "chiacchierata", "incontro", "riunione"),
    intro=("chiamata conoscitiva", "telefonata conoscitiva", "colloquio conoscitivo",
           "primo contatto"),
    coffee=("caffe", "pranzo", "aperitivo", "networking"),
    interview_or_screen=("colloquio*",),
    description_interview=("il tuo colloquio", "il suo colloquio", "il colloquio",
                           "colloquio con"),
    recruiting_context=("candidatura", "posizione", "selezione", "colloquio*", "annuncio",
                        "offerta di lavoro", "risorse umane"),
    final_title=("colloquio finale", "ultimo colloquio", "fase finale", "finale"),
    final_description=("colloquio finale", "ultimo colloquio", "fase finale"),
    screen=("colloquio telefonico", "chiamata conoscitiva", "telefonata conoscitiva",
            "colloquio conoscitivo", "chiamata con hr", "colloquio hr", "colloquio con hr"),
    panel=("panel",),
    rounds=("colloquio tecnico", "secondo colloquio", "primo colloquio"),
    other_step=("prossim*", "successiv*", "dopo", "poi", "in seguito", "se"),
    heads=("colloquio", "colloqui", "chiamata", "telefonata", "videochiamata", "chiacchierata",
           "incontro", "riunione", "intervista"),
    modifiers=("conoscitivo", "conoscitiva", "tecnico", "tecnica", "finale", "telefonico",
               "telefonica", "primo", "prima", "secondo", "seconda", "terzo", "ultimo", "hr",
               "di selezione", "di lavoro", "individuale", "online", "in presenza",
               "con il team", "con hr", "con le risorse umane", "il", "la", "il tuo", "invito",
               "conferma", "con il manager", "con la manager"),
    cue_with=("con",),
    cue_at=("presso",),
    cue_for=("per la posizione di", "per il ruolo di", "per"),
    cue_via=("tramite", "attraverso"),
    prefixes=("invito", "aggiornato", "annullato", "i", "r"),
    booking_between=("tra", "fra"),
    booking_and=("e",),
    leading_role_nouns=("ingegnere", "sviluppatore", "sviluppatrice", "analista",
                        "responsabile", "addetto", "addetta", "impiegato", "impiegata",
                        "tecnico", "consulente", "programmatore", "programmatrice",
                        "progettista", "direttore", "direttrice", "stagista", "specialista",
                        "assistente", "coordinatore", "coordinatrice", "contabile"),
    role_labels=("posizione", "ruolo"),
    role_phrases=("per la posizione di", "per il ruolo di", "la posizione di", "il ruolo di"),
    interviewer_cues=("parlerai con", "incontrerai", "i tuoi interlocutori",
                      "il tuo interlocutore", "intervistator*", "selezionator*"),
    coordinator_cues=("organizzato da", "organizzata da", "coordinato da", "coordinatrice*",
                      "coordinatore*", "fissato da"),
    candidate_labels=("candidato", "candidata"),
    sender_words=("risorse umane", "selezione", "talent acquisition", "carriere",
                  "lavora con noi"),
    company_cues=("presso", "con", "per conto di"),
    event_name_labels=("nome evento",),
    articles=("il", "lo", "la", "i", "gli", "le", "l"),
)  # fmt: skip

DUTCH = Language(
    code="nl",
    title_negatives=(
        (PREPARATION, ("voorbereiding*", "sollicitatietraining*", "sollicitatiecoach*",
                       "coaching*")),
        (MOCK, ("oefengesprek*", "proefinterview*", "oefensollicitatie*")),
        (NOT_ABOUT_A_JOB, ("visum*", "consulaat", "ambassade", "inburgering*",
                           "woningcorporatie*", "huurwoning*")),
        (MEDIA, ("interview met de krant", "krant*", "dagblad", "omroep", "persgesprek*",
                 "radio interview", "radio-interview")),
        (RESEARCH, ("gebruikersonderzoek*", "gebruikersinterview*", "klantinterview*",
                    "gebruikerstest*")),
        (EVENT, ("carrierebeurs*", "banenmarkt", "vacaturebeurs", "open dag",
                 "informatiebijeenkomst")),
        (EXIT, ("exitgesprek*", "exitinterview*", "vertrekgesprek*")),
        (APPRAISAL, ("functioneringsgesprek*", "beoordelingsgesprek*", "jaargesprek*")),
    ),
    strong=(
        ("interview", ("sollicitatiegesprek*", "kennismakingsgesprek*", "eindgesprek*",
                       "tweede gesprek*", "vervolggesprek*", "selectiegesprek*")),
        ("round", ("eerste ronde", "tweede ronde", "laatste ronde", "finale ronde")),
    ),
    weak=("gesprek", "kennismaking", "belafspraak", "telefoongesprek", "videogesprek",
          "afspraak"),
    intro=("kennismakingsgesprek*", "kennismaking", "eerste gesprek",
           "telefonische kennismaking"),
    coffee=("koffie", "borrel", "netwerken"),
    interview_or_screen=("sollicitatiegesprek*",),
    description_interview=("je sollicitatiegesprek", "uw sollicitatiegesprek", "het gesprek",
                           "je gesprek", "uw gesprek", "gesprek met"),
    recruiting_context=("sollicitatie*", "vacature", "functie", "werving", "selectie"),
    final_title=("eindgesprek*", "laatste gesprek", "laatste ronde", "finale ronde"),
    final_description=("eindgesprek*", "laatste gesprek", "laatste ronde", "finale ronde"),
    screen=("telefonisch interview", "telefonisch gesprek", "telefoongesprek*", "belafspraak",
            "kennismakingsgesprek*", "telefonische kennismaking", "eerste kennismaking"),
    panel=("panel*",),
    rounds=("tweede gesprek*", "technisch interview", "vervolggesprek*"),
    other_step=("volgende", "daarna", "vervolgens", "later", "als", "indien"),
    heads=("gesprek", "gesprekken", "sollicitatiegesprek", "kennismakingsgesprek",
           "eindgesprek", "vervolggesprek", "selectiegesprek", "telefoongesprek",
           "kennismaking", "ronde", "belafspraak", "afspraak"),
    modifiers=("telefonisch", "telefonische", "technisch", "technische", "eerste", "tweede",
               "derde", "laatste", "finale", "persoonlijk", "online", "digitaal", "kort",
               "korte", "uitnodiging", "bevestiging", "uw", "je", "het", "met het team",
               "met hr"),
    compound_heads=("gesprek",),
    cue_with=("met",),
    cue_at=("bij",),
    cue_for=("voor de functie van", "voor de functie", "voor"),
    cue_via=("via", "door tussenkomst van"),
    prefixes=("uitnodiging", "bijgewerkt", "geannuleerd", "doorst", "antw"),
    booking_between=("tussen",),
    booking_and=("en",),
    role_nouns=("medewerker", "medewerkster", "adviseur", "ontwikkelaar", "beheerder",
                "stagiair", "stagiaire", "consulent", "monteur", "verpleegkundige"),
    role_suffixes=("medewerker", "medewerkster", "adviseur", "ontwikkelaar", "beheerder",
                   "consulent"),
    role_labels=("functie", "vacature", "rol", "positie"),
    role_phrases=("voor de functie van", "voor de functie", "de functie van", "functie als"),
    interviewer_cues=("je spreekt met", "u spreekt met", "gesprekspartner*",
                      "je maakt kennis met"),
    coordinator_cues=("ingepland door", "georganiseerd door", "gepland door",
                      "coordinator*"),
    candidate_labels=("kandidaat",),
    sender_words=("werving", "personeelszaken", "werken bij", "vacatures"),
    company_cues=("bij", "met", "namens"),
    event_name_labels=("naam evenement",),
    articles=("de", "het"),
)  # fmt: skip

LANGUAGES: tuple[Language, ...] = (ENGLISH, GERMAN, SPANISH, FRENCH, PORTUGUESE, ITALIAN, DUTCH)


# ------------------------------------------------------------------------------ compiling


def _phrase(entry: str) -> tuple[str, bool]:
    """A phrase entry as a pattern (without its left boundary), and whether it is the tail
    of a compound ("*interview")."""
    text = plain(entry).strip()
    words = [re.escape(w) for w in re.split(r"[^a-z0-9]+", text.strip("*")) if w]
    body = r"[^a-z0-9\n]+".join(words)
    end = "[a-z]*" if text.endswith("*") else "(?![a-z0-9])"
    return body + end, text.startswith("*")


def compile_entries(entries: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for ``entries``, matched on :func:`plain` (lower-case) text; None when
    there are none. Phrases share one left boundary, so the engine looks at each position
    once; patterns ("re:") stand as written."""
    bounded: list[str] = []
    compounds: list[str] = []
    patterns: list[str] = []
    for entry in entries:
        if entry.startswith("re:"):
            patterns.append(entry[3:])
            continue
        pattern, compound = _phrase(entry)
        (compounds if compound else bounded).append(pattern)
    groups = [f"(?:{p})" for p in patterns]
    if bounded:
        ordered = sorted(set(bounded), key=len, reverse=True)
        groups.append(rf"(?<![a-z0-9])(?:{'|'.join(ordered)})")
    if compounds:
        groups.append(f"(?:{'|'.join(sorted(set(compounds), key=len, reverse=True))})")
    return re.compile("|".join(groups)) if groups else None


class Matcher:
    """Entries of every language for one purpose: does a (plain) text say one of them?"""

    def __init__(self, entries: Iterable[str]) -> None:
        self.pattern = compile_entries(entries)

    def search(self, text: str) -> re.Match[str] | None:
        """``text`` is lower case (:func:`plain`); a match of the first entry found."""
        return self.pattern.search(text) if self.pattern is not None else None

    def __call__(self, text: str) -> bool:
        return self.search(text) is not None


class TaggedMatcher:
    """Tagged entries of every language, tags in the order they first appear."""

    def __init__(self, tagged: Iterable[tuple[str, Entries]]) -> None:
        grouped: dict[str, list[str]] = {}
        for tag, entries in tagged:
            grouped.setdefault(tag, []).extend(entries)
        self.tags: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
            (tag, pattern)
            for tag, entries in grouped.items()
            if (pattern := compile_entries(entries)) is not None
        )
        # every tag's entries in one pattern: most texts hold none, and one search says so
        self.any = compile_entries(e for entries in grouped.values() for e in entries)

    def first(self, text: str) -> tuple[str, str] | None:
        """(tag, the words matched) for the first tag whose entries ``text`` holds."""
        if self.any is None or self.any.search(text) is None:
            return None
        for tag, pattern in self.tags:
            match = pattern.search(text)
            if match is not None:
                return tag, match.group(0)
        return None


def words(field: str) -> tuple[str, ...]:
    """A word field of every language, folded (for set look-ups)."""
    collected: list[str] = []
    for language in LANGUAGES:
        for entry in getattr(language, field):
            folded = " ".join(re.split(r"[^a-z0-9]+", plain(entry))).strip()
            if folded and folded not in collected:
                collected.append(folded)
    return tuple(collected)


def entries(field: str) -> tuple[str, ...]:
    return tuple(e for language in LANGUAGES for e in getattr(language, field))


def tagged(field: str) -> tuple[tuple[str, Entries], ...]:
    return tuple(t for language in LANGUAGES for t in getattr(language, field))


FIELDS = frozenset(f.name for f in fields(Language))
