"""Policy P3-P5 as ci() applies them: when the check-in is due, to whom, what stops
it, and what the owner's approval writes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from providers.model import Person
from service.compose.sentences import count_sentences
from service.policy.decide import decide, next_wakeup, plan_check_in, validate_recipient
from service.policy.facts import Situation
from service.policy.intents import DeleteDraft, Intent, Suggest, Withdraw, WriteCheckIn

from .situations import (
    BOB,
    END,
    JANE,
    NY,
    OWNER,
    RITA,
    START,
    at,
    check_in,
    interview,
    mail_in,
    mail_out,
    note,
    sent_thank_yous,
    situation,
    thank_you,
)

WEEK_LATER = datetime(2026, 5, 13, 11, 0, tzinfo=NY)  # a Wednesday, in working hours
JARED = Person("jared.dunn@acme.com", "Jared Dunn")


def ci(now: datetime, s: Situation) -> list[Intent]:
    """The check-in intents only (these situations leave thank-yous pending)."""
    return [i for i in decide(now, s)
            if isinstance(i, Suggest | Withdraw | WriteCheckIn | DeleteDraft)]


def suggestions(intents: list[Intent]) -> list[Suggest]:
    return [i for i in intents if isinstance(i, Suggest)]


def test_due_a_week_after_the_end_and_not_before() -> None:
    assert suggestions(ci(WEEK_LATER - timedelta(minutes=1), situation())) == []
    [suggest] = suggestions(ci(WEEK_LATER, situation()))
    assert suggest.due == WEEK_LATER
    assert suggest.decision_date is None


def test_goes_to_the_organizer_when_a_person_at_the_company() -> None:
    [suggest] = suggestions(ci(WEEK_LATER, situation()))
    assert suggest.recipient == RITA


def test_goes_to_the_first_interviewer_when_the_organizer_is_a_system_or_role() -> None:
    for organizer in (Person("no-reply@greenhouse.io", "Acme Recruiting"),
                      Person("recruiting@acme.com", "Acme Recruiting"), None):
        iv = interview(organizer=organizer, interviewers=(JANE, BOB),
                       invitees=(Person(OWNER), JANE, BOB))
        [suggest] = suggestions(ci(WEEK_LATER, situation(interview=iv)))
        assert suggest.recipient == JANE


def test_a_noted_decision_date_sets_the_due_day() -> None:
    s = situation(notes=(note(at(hours=1), decision_date=date(2026, 5, 15)),))  # a Friday
    plan = plan_check_in(s)
    assert plan.due == datetime(2026, 5, 16, 0, 0, tzinfo=NY)
    assert plan.suggest_at == datetime(2026, 5, 18, 9, 0, tzinfo=NY)  # Monday morning
    assert suggestions(ci(datetime(2026, 5, 18, 8, 59, tzinfo=NY), s)) == []
    [suggest] = suggestions(ci(datetime(2026, 5, 18, 9, 0, tzinfo=NY), s))
    assert suggest.decision_date == date(2026, 5, 15)
    assert suggest.recipient == RITA  # a note names no sender


def test_a_timeline_mail_sets_the_date_and_the_recipient() -> None:
    decision = mail_in(JARED, at(days=2), subject="Update on your interview",
                       decision=date(2026, 5, 15), timeline_only=True)
    s = situation(mails=(decision,))
    [suggest] = suggestions(ci(datetime(2026, 5, 18, 9, 0, tzinfo=NY), s))
    assert suggest.recipient == JARED
    assert suggest.reply_target is not None
    assert suggest.reply_target.message_id == decision.message_id


def test_the_latest_statement_wins() -> None:
    mail = mail_in(JARED, at(days=2), decision=date(2026, 5, 20), timeline_only=True)
    earlier_note = note(at(days=1), decision_date=date(2026, 5, 11))
    later_note = note(at(days=3), decision_date=date(2026, 5, 12))
    assert plan_check_in(situation(notes=(earlier_note,), mails=(mail,))).decision_date == \
        date(2026, 5, 20)
    assert plan_check_in(situation(notes=(earlier_note, later_note), mails=(mail,))
                         ).decision_date == date(2026, 5, 12)


def test_a_reply_stops_the_suggestion() -> None:
    s = situation(mails=(mail_in(JANE, at(days=2), subject="Re: Thank you"),))
    assert ci(WEEK_LATER, s) == []
    assert plan_check_in(s).blocked_by is not None


def test_any_address_at_the_company_domain_is_a_reply() -> None:
    careers = Person("careers@acme.com", "Acme Careers")
    assert ci(WEEK_LATER, situation(mails=(mail_in(careers, at(days=2)),))) == []


def test_mail_from_elsewhere_or_before_the_start_is_not_a_reply() -> None:
    mails = (mail_in(Person("news@greenhouse.io"), at(days=2)),
             mail_in(Person("friend@gmail.com"), at(days=2)),
             mail_in(JANE, START - timedelta(minutes=1)))
    assert suggestions(ci(WEEK_LATER, situation(mails=mails)))


def test_public_domain_interviewers_count_by_exact_address_only() -> None:
    recruiter = Person("sue.recruits@gmail.com", "Sue")
    iv = interview(interviewers=(recruiter,), organizer=recruiter,
                   invitees=(Person(OWNER), recruiter))
    other_gmail = mail_in(Person("someone.else@gmail.com"), at(days=2))
    assert suggestions(ci(WEEK_LATER, situation(interview=iv, mails=(other_gmail,))))
    assert ci(WEEK_LATER, situation(interview=iv, mails=(mail_in(recruiter, at(days=2)),))
                  ) == []


def test_an_undated_timeline_is_a_reply() -> None:
    soon = mail_in(JARED, at(days=2), subject="We will be in touch soon")
    assert ci(WEEK_LATER, situation(mails=(soon,))) == []


def test_progress_stops_the_check_in() -> None:
    later = interview(event_id="ev-acme-2", start=at(days=5), end=at(days=5, hours=1),
                      stage="final_round")
    assert ci(WEEK_LATER, situation(other_interviews=(later,))) == []
    cancelled = interview(event_id="ev-acme-2", start=at(days=5), end=at(days=5, hours=1),
                          status="cancelled")
    assert suggestions(ci(WEEK_LATER, situation(other_interviews=(cancelled,))))
    elsewhere = interview(event_id="ev-x", company="Globex", start=at(days=5),
                          end=at(days=5, hours=1),
                          interviewers=(Person("m@globex.com"),), organizer=None)
    assert suggestions(ci(WEEK_LATER, situation(other_interviews=(elsewhere,))))


def test_the_limit_counts_thank_yous_as_one() -> None:
    thank_yous = (mail_out(JANE.email, at(hours=3)), mail_out(BOB.email, at(hours=3)),
                  mail_out(RITA.email, at(hours=4)))
    sent = sent_thank_yous(*thank_yous)
    assert suggestions(ci(WEEK_LATER, situation(mails=thank_yous, thank_yous=sent)))
    own = mail_out(JANE.email, at(days=3), subject="Checking in")
    assert ci(WEEK_LATER, situation(mails=(*thank_yous, own), thank_yous=sent)) == []
    # A thank-you the owner sent counts even before its copy was synced.
    assert ci(WEEK_LATER, situation(mails=(own,), thank_yous=sent)) == []


def test_two_own_messages_reach_the_limit_without_a_thank_you() -> None:
    own = (mail_out(JANE.email, at(days=1), message_id="a"),
           mail_out(RITA.email, at(days=2), message_id="b"))
    assert ci(WEEK_LATER, situation(mails=own)) == []
    assert suggestions(ci(WEEK_LATER, situation(mails=own[:1])))


def test_own_mail_elsewhere_or_before_the_start_does_not_count() -> None:
    own = (mail_out("friend@gmail.com", at(days=1), message_id="a"),
           mail_out(JANE.email, START - timedelta(days=1), message_id="b"),
           mail_out(JANE.email, at(days=2), message_id="c"))
    assert suggestions(ci(WEEK_LATER, situation(mails=own)))


def test_another_companys_thank_you_is_no_follow_up_here() -> None:
    """The sent thank-yous of every interview are known (an onsite split is thanked for
    once), but one to another company, sent the evening before, is not this interview's."""
    other = mail_out("tom.fraser@banksia.com.au", START - timedelta(hours=15), message_id="t")
    own = mail_out(JANE.email, at(hours=5), subject="The deck I mentioned", message_id="o")
    s = situation(mails=(other, own), thank_you_messages=frozenset({"t"}))
    [suggest] = suggestions(ci(WEEK_LATER, s))
    assert suggest.recipient == RITA


@pytest.mark.parametrize("status", ["cancelled", "declined", "removed"])
def test_nothing_for_cancelled_interviews(status: str) -> None:
    assert ci(WEEK_LATER, situation(interview=interview(status=status))) == []


def test_dismissed_is_final() -> None:
    assert ci(WEEK_LATER, situation(check_in=check_in("dismissed"))) == []


@pytest.mark.parametrize("state", ["suggested", "snoozed", "approved"])
def test_a_pending_suggestion_is_withdrawn_when_a_reply_arrives(state: str) -> None:
    s = situation(check_in=check_in(state, recipient=RITA),
                  mails=(mail_in(JANE, at(days=8)),))
    [withdraw] = ci(at(days=8, hours=1), s)
    assert isinstance(withdraw, Withdraw)


def test_a_suggestion_is_withdrawn_on_progress_and_limit() -> None:
    later = interview(event_id="ev-acme-2", start=at(days=9), end=at(days=9, hours=1))
    s = situation(check_in=check_in("suggested", recipient=RITA), other_interviews=(later,))
    assert isinstance(ci(at(days=8), s)[0], Withdraw)
    own = (mail_out(JANE.email, at(days=1), message_id="a"),
           mail_out(JANE.email, at(days=7, hours=1), message_id="b"))
    s = situation(check_in=check_in("suggested", recipient=RITA), mails=own)
    assert isinstance(ci(at(days=8), s)[0], Withdraw)


def test_a_pending_suggestion_is_not_repeated() -> None:
    assert ci(at(days=8), situation(check_in=check_in("suggested", recipient=RITA))) == []


def test_approval_writes_a_new_thread_check_in() -> None:
    s = situation(check_in=check_in("approved", recipient=RITA))
    [write] = ci(at(days=8), s)
    assert isinstance(write, WriteCheckIn)
    assert write.recipient == RITA and write.reply_target is None
    assert write.reply_to_kind is None
    assert "Following up" in write.subject and "Senior Data Engineer" in write.subject
    assert "Wednesday, May 6" in write.body
    assert "timeline" in write.body and "information" in write.body
    assert 3 <= count_sentences(write.body) <= 6
    assert write.body.startswith("Hi Rita,\n")
    assert "my interview on" in write.body  # Rita organised it; she was not in the room


def test_approval_replies_in_the_sent_thank_you_thread() -> None:
    sent = mail_out(JANE.email, at(hours=3),
                    subject="Thank you - Senior Data Engineer interview")
    iv = interview(organizer=None)
    s = situation(interview=iv, mails=(sent,), check_in=check_in("approved", recipient=JANE),
                  thank_yous=(thank_you(JANE.email, "sent", sent_message=sent),))
    [write] = ci(at(days=8), s)
    assert isinstance(write, WriteCheckIn)
    assert write.reply_to_kind == "thank_you"
    assert write.reply_target is not None and write.reply_target.thread_id == sent.thread_id
    assert write.subject == "Re: Thank you - Senior Data Engineer interview"
    assert "our conversation on Wednesday, May 6" in write.body


def test_approval_replies_to_the_decision_mail_when_it_goes_to_its_sender() -> None:
    decision = mail_in(JARED, at(days=2), subject="Update on your Acme interview",
                       decision=date(2026, 5, 15), timeline_only=True)
    s = situation(mails=(decision,), check_in=check_in("approved", recipient=JARED))
    [write] = ci(datetime(2026, 5, 19, tzinfo=NY), s)
    assert isinstance(write, WriteCheckIn)
    assert write.reply_to_kind == "company_mail"
    assert write.subject == "Re: Update on your Acme interview"


def test_an_untouched_check_in_draft_is_deleted_when_a_reply_arrives() -> None:
    stored = check_in("drafted", recipient=RITA, key="k-check-in")
    assert ci(at(days=9), situation(check_in=stored)) == []
    s = situation(check_in=stored, mails=(mail_in(RITA, at(days=9)),))
    [delete] = ci(at(days=9, hours=1), s)
    assert isinstance(delete, DeleteDraft) and delete.key == "k-check-in"
    edited = situation(check_in=check_in("edited", recipient=RITA, key="k"),
                       mails=(mail_in(RITA, at(days=9)),))
    assert ci(at(days=9, hours=1), edited) == []


def test_snooze_comes_back_as_a_suggestion_at_the_new_time() -> None:
    until = at(days=10)
    s = situation(check_in=check_in("snoozed", recipient=BOB, snooze_until=until))
    assert ci(until - timedelta(minutes=1), s) == []
    [suggest] = ci(until, s)
    assert isinstance(suggest, Suggest) and suggest.recipient == BOB


def test_a_missed_check_in_goes_stale() -> None:
    assert ci(WEEK_LATER + timedelta(days=15), situation()) == []


def test_next_wakeup_names_the_end_then_the_suggestion() -> None:
    assert next_wakeup(at(hours=-2), situation()) == END
    assert next_wakeup(at(hours=1), situation()) == WEEK_LATER
    assert next_wakeup(at(hours=1), situation(mails=(mail_in(JANE, at(hours=0.5)),))) is None


def test_change_of_recipient_must_stay_on_the_company_side() -> None:
    s = situation()
    assert validate_recipient(s, "someone.new@acme.com") is None
    assert validate_recipient(s, OWNER) is not None
    assert validate_recipient(s, "x@greenhouse.io") is not None
    assert validate_recipient(s, "friend@gmail.com") is not None
    assert validate_recipient(s, "not an address") is not None


def test_a_check_in_is_suggested_up_to_72_hours_after_it_fell_due() -> None:
    # e.g. the mailbox was connected a day after the check-in fell due: at once
    assert suggestions(ci(WEEK_LATER + timedelta(days=1), situation()))
    assert suggestions(ci(WEEK_LATER + timedelta(hours=72), situation()))
    # later than P3.3 allows: it would be late, so it is not suggested at all
    assert ci(WEEK_LATER + timedelta(hours=72, minutes=1), situation()) == []


def test_a_decision_date_learned_too_late_suggests_nothing() -> None:
    late_note = note(at(days=12), decision_date=date(2026, 5, 8))  # due May 9, noted May 18
    assert ci(at(days=12), situation(notes=(late_note,))) == []


def test_a_team_mailbox_that_stated_the_date_gets_the_check_in() -> None:
    team = Person("recruiting@acme.com", "Acme Talent Team")
    decision = mail_in(team, at(days=2), subject="Your interview with Acme",
                       decision=date(2026, 5, 15), timeline_only=True)
    [suggest] = suggestions(ci(datetime(2026, 5, 18, 9, 0, tzinfo=NY),
                               situation(mails=(decision,))))
    assert suggest.recipient.email == "recruiting@acme.com"
    assert suggest.reply_target is not None
    assert suggest.reply_target.message_id == decision.message_id


def test_a_no_reply_address_never_gets_the_check_in() -> None:
    robot = Person("no-reply@acme.com", "Acme Recruiting")
    decision = mail_in(robot, at(days=2), decision=date(2026, 5, 15), timeline_only=True)
    [suggest] = suggestions(ci(datetime(2026, 5, 18, 9, 0, tzinfo=NY),
                               situation(mails=(decision,))))
    assert suggest.recipient == RITA  # the organizer, a person at the company
    assert suggest.decision_date == date(2026, 5, 15)  # the date still counts
