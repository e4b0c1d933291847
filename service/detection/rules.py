"""The rules of spec/detection.md, each small, named and giving the reason people read.

A rule looks at an :class:`~service.detection.reading.EventReading` and returns a
:class:`Finding` when it applies, None when it has nothing to say. Rules come in three
ordered lists:

- ``GATES``: any that finds something decides "not an interview" (cancelled, a status
  block, interview in another sense, the hiring side, ...);
- ``EVIDENCE``: the first that finds something says what makes the event a job interview,
  or why what looked like one is not;
- ``PARTIES``: who else is on it (hidden guests, only personal addresses, ...): a finding
  either rules the event out or adds a reason.

A rule for a new format is a function here and one line in its list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from service.detection.classify import (
    is_coffee_chat,
    is_intro_call,
    says_interview_or_screen,
    title_negative,
    title_signal,
    whole_title_negative,
)
from service.detection.company import ARTICLES
from service.detection.folding import fold
from service.detection.languages import FOR_INTERVIEWERS, MEDIA
from service.detection.reading import EventReading
from service.detection.roles import is_role_like
from service.detection.stage import title_names_stage
from service.detection.titles import is_only_conversation_words


@dataclass(frozen=True)
class Finding:
    reason: str
    interview: bool | None = None  # False: not an interview; True: evidence it is one


def _no(reason: str) -> Finding:
    return Finding(reason, interview=False)


def _yes(reason: str) -> Finding:
    return Finding(reason, interview=True)


@dataclass(frozen=True)
class Rule:
    name: str
    check: Callable[[EventReading], Finding | None]


# --- gates ------------------------------------------------------------------------------


def cancelled(r: EventReading) -> Finding | None:
    return _no("cancelled") if r.event.status == "cancelled" else None


def all_day(r: EventReading) -> Finding | None:
    return _no("an all-day event") if r.event.all_day else None


def status_block(r: EventReading) -> Finding | None:
    kind = r.event.kind
    return _no(f"a status block ({kind})") if kind != "default" else None


def declined(r: EventReading) -> Finding | None:
    return _no("the owner declined it") if r.owner_response == "declined" else None


def silent(r: EventReading) -> Finding | None:
    """Nothing in the title or description speaks of an interview, a stage or a role."""
    if title_signal(r.plain_title) is not None or is_coffee_chat(r.plain_title):
        return None
    if r.description_says is not None or r.description_may_name_stage_or_role:
        return None
    return _no("nothing says interview")


def interview_in_another_sense(r: EventReading) -> Finding | None:
    """Prep, a mock, a podcast, a visa interview, a debrief: about interviews, not one."""
    reason = title_negative(r.plain_rule_title) or whole_title_negative(r.plain_title)
    if reason is None:
        reason = r.about.negative
        # an event written for interviewers that names the owner as the candidate is the
        # owner's own interview (spec: "Whose interview it is")
        if reason == FOR_INTERVIEWERS and r.owner_is_named_candidate:
            return None
    return _no(reason) if reason else None


def shares_the_owners_domain(r: EventReading) -> Finding | None:
    own = r.sides.own_side
    if not own:
        return None
    return _no(f"hiring side: {len(own)} on it share the owner's domain {r.me.domain}")


def sent_by_the_owners_company(r: EventReading) -> Finding | None:
    if not r.sender_is_owner_company:
        return None
    return _no("hiring side: sent by the owner's own company")


def names_another_candidate(r: EventReading) -> Finding | None:
    if not r.names_someone_else_as_candidate:
        return None
    return _no("hiring side: someone else is named as the candidate")


def title_names_the_candidate(r: EventReading) -> Finding | None:
    """With the owner on the company side, a person on a personal address whom the title
    names is the candidate."""
    if not (r.sides.owner_organises or r.me.domain) or not r.title_names_other_public_person:
        return None
    return _no("hiring side: the title names another person as the candidate")


def press_mailbox(r: EventReading) -> Finding | None:
    return _no("a press or podcast interview") if r.media_only else None


def interview_for_a_publication(r: EventReading) -> Finding | None:
    """ "Entrevista para La Vanguardia", "Interview pour Le Progrès", "Interview with The
    Guardian": an interview for a title that begins with an article, and nothing about a
    job (no role, no stage, no recruiting words, no recruiting system) is the press's."""
    parts = r.title_words.parts
    publication = any(
        is_only_conversation_words(head.text)
        and part.cue in ("for", "with")
        and _names_a_publication(part.text)
        for head, part in pairwise(parts)
    )
    if not publication or r.names_a_role or r.about.recruiting_context:
        return None
    if title_names_stage(r.plain_rule_title) or r.description_stage is not None:
        return None
    if any(system for _, system in r.senders):  # a recruiting system or mailbox sent it
        return None
    return _no(MEDIA)


def _names_a_publication(text: str) -> bool:
    words = text.split()
    return (
        len(words) >= 2
        and fold(words[0]) in ARTICLES
        and words[1][:1].isupper()
        and not is_role_like(text)
    )


GATES: tuple[Rule, ...] = (
    Rule("cancelled", cancelled),
    Rule("all-day", all_day),
    Rule("status-block", status_block),
    Rule("declined", declined),
    Rule("silent", silent),
    Rule("interview-in-another-sense", interview_in_another_sense),
    Rule("shares-the-owners-domain", shares_the_owners_domain),
    Rule("sent-by-the-owners-company", sent_by_the_owners_company),
    Rule("names-another-candidate", names_another_candidate),
    Rule("title-names-the-candidate", title_names_the_candidate),
    Rule("press-mailbox", press_mailbox),
    Rule("interview-for-a-publication", interview_for_a_publication),
)

# --- evidence ---------------------------------------------------------------------------


def coffee_chat(r: EventReading) -> Finding | None:
    """Coffee and informational chats count only when they name an interview or a role."""
    if not is_coffee_chat(r.plain_rule_title):
        return None
    if (
        says_interview_or_screen(r.plain_rule_title)
        or r.about.says_interview_or_screen
        or r.names_a_role
    ):
        return _yes("a chat that names an interview or a role")
    return _no("a coffee or informational chat")


def title_says_interview(r: EventReading) -> Finding | None:
    signal = r.signal
    if signal is None or signal[0] != "strong":
        return None
    return _yes(f"title says '{signal[1]}'")


def call_about_a_job(r: EventReading) -> Finding | None:
    """A call or a chat ("Intro call", "Telefonat", "Llamada") is an interview when it is
    about a job: an intro with the company naming the owner or the company, a recruiting
    description, or a role."""
    signal = r.signal
    if signal is None or signal[0] != "weak":
        return None
    intro_with_company = is_intro_call(r.plain_rule_title) and (
        (
            r.from_company
            and (r.me.is_named_in(r.title) or (not r.me.domain and r.title_names_the_sender))
        )
        # "Quick intro call with Acme" from a recruiter's own mailbox
        or (not r.sides.owner_organises and r.title_names_company_by_cue)
    )
    if intro_with_company or r.about.recruiting_context or r.names_a_role:
        return _yes(f"title says '{signal[1]}' with a company about a role")
    return _no(f"a '{signal[1]}' that is not about a job")


def description_says_interview(r: EventReading) -> Finding | None:
    """ "Acme | Backend Engineer" with "Your interview with Acme ...": the title names the
    role or the company, the description the interview."""
    said = r.description_says
    if r.signal is not None or said is None:
        return None
    if r.title_names_role or r.title_names_domain:
        return _yes(f"the description says '{said}'")
    return None


def names_and_a_described_job(r: EventReading) -> Finding | None:
    """A title of people's names (a booking tool's "Jane Doe and Alex Kim", "Acme / Alex
    Kim") with someone at a company: the description says what it is ("Your interview with
    Acme", "Role: ...", "our conversation about the Data Analyst position")."""
    if r.signal is not None or not (r.title_is_only_names or r.title_is_names_and_company):
        return None
    if not (r.company_people or r.organizer_is_company_person):
        return None
    if r.description_says is None and not r.describes_a_role:
        return None
    return _yes("a meeting with someone at a company that the description ties to a job")


def role_and_described_stage(r: EventReading) -> Finding | None:
    """ "Acme | Backend Engineer" with "Welcome to your onsite!": the title names a role,
    the description the stage."""
    if r.signal is not None:
        return None
    stage = r.description_stage
    if stage is None or not r.title_names_role:
        return _no("nothing says interview")
    return _yes(f"the title names a role and the description {stage}")


EVIDENCE: tuple[Rule, ...] = (
    Rule("coffee-chat", coffee_chat),
    Rule("title-says-interview", title_says_interview),
    Rule("call-about-a-job", call_about_a_job),
    Rule("description-says-interview", description_says_interview),
    Rule("names-and-a-described-job", names_and_a_described_job),
    Rule("role-and-described-stage", role_and_described_stage),
)

# --- parties ----------------------------------------------------------------------------


def hidden_guests(r: EventReading) -> Finding | None:
    """No one else on it: a reminder the owner made, unless a company sent it and it names
    a role or a stage (systems that hide the other guests)."""
    if r.sides.others:
        return None
    if not r.company_sender:
        return _no("no one else is on it")
    if not r.names_role_or_stage:
        return _no("no one else is on it and it names no role or stage")
    return Finding("sent by a company that hides the guest list")


def owner_organised_alone(r: EventReading) -> Finding | None:
    if r.sides.others and r.sides.owner_organises and not r.company_people:
        return _no("the owner organised it with no one from a company")
    return None


def only_personal_addresses(r: EventReading) -> Finding | None:
    """Only free-mail addresses besides the owner: a friend, not a company, unless the
    invite names a role or the company ("Interview with Jane Doe (Acme)")."""
    if not r.sides.others or r.company_people or r.sides.company_domains:
        return None
    if r.signal is not None and r.names_role_or_stage and (
        r.title_names_role or r.describes_a_role or r.title_names_company_by_cue
    ):
        return None
    return _no("no one from a company is on it")


def company_people(r: EventReading) -> Finding | None:
    count = len(r.company_people)
    if not count:
        return None
    return Finding(f"{count} company-side attendee" + ("s" if count != 1 else ""))


PARTIES: tuple[Rule, ...] = (
    Rule("hidden-guests", hidden_guests),
    Rule("owner-organised-alone", owner_organised_alone),
    Rule("only-personal-addresses", only_personal_addresses),
    Rule("company-people", company_people),
)
