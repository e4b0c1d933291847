from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.policy.decision_dates import (
    add_business_days,
    extract_decision_date,
    is_timeline_only,
    strip_quoted,
)

NY = "America/New_York"
FRIDAY = datetime(2026, 10, 9, 11, 0, tzinfo=ZoneInfo(NY))  # Friday, October 9, 2026
WEDNESDAY = datetime(2026, 10, 7, 11, 0, tzinfo=ZoneInfo(NY))


@pytest.mark.parametrize(("text", "sent", "expected"), [
    ("We will be making decisions by next Friday.", FRIDAY, date(2026, 10, 16)),
    ("We will be making decisions by next Friday.", WEDNESDAY, date(2026, 10, 16)),
    ("We expect to decide by Friday.", WEDNESDAY, date(2026, 10, 9)),
    ("We expect to decide by this Friday.", WEDNESDAY, date(2026, 10, 9)),
    ("You'll hear from us by Monday.", FRIDAY, date(2026, 10, 12)),
    ("We will be making decisions by Friday, October 16.", FRIDAY, date(2026, 10, 16)),
    ("Decisions will be made by Fri, Oct 16th.", FRIDAY, date(2026, 10, 16)),
    ("Decisions will be made by Oct. 16.", FRIDAY, date(2026, 10, 16)),
    ("We will decide by 16 October.", FRIDAY, date(2026, 10, 16)),
    ("We will decide by the 16th of October.", FRIDAY, date(2026, 10, 16)),
    ("We will decide by 10/16.", FRIDAY, date(2026, 10, 16)),
    ("We will decide by 10/16/2026.", FRIDAY, date(2026, 10, 16)),
    ("We will decide by 2026-10-16.", FRIDAY, date(2026, 10, 16)),
    ("You will hear from us within 5 business days.", FRIDAY, date(2026, 10, 16)),
    ("You will hear from us within 5 business days.", WEDNESDAY, date(2026, 10, 14)),
    ("We will get back to you within three working days.", FRIDAY, date(2026, 10, 14)),
    ("We expect to have an answer within two weeks.", FRIDAY, date(2026, 10, 23)),
    ("We expect to have an answer within a week.", FRIDAY, date(2026, 10, 16)),
    ("We will be in touch within 10 days.", FRIDAY, date(2026, 10, 19)),
    ("You'll hear back from us in a couple of weeks.", FRIDAY, date(2026, 10, 23)),
    ("We will update you in the next few days.", FRIDAY, date(2026, 10, 12)),
    ("We will get back to you by the end of next week.", FRIDAY, date(2026, 10, 16)),
    ("We will get back to you by the end of next week.", WEDNESDAY, date(2026, 10, 16)),
    ("We will get back to you by the end of the week.", WEDNESDAY, date(2026, 10, 9)),
    ("Expect an update early next week.", FRIDAY, date(2026, 10, 13)),
    ("We should have news next week.", WEDNESDAY, date(2026, 10, 16)),
    ("We hope to finalize things by the end of the month.", FRIDAY, date(2026, 10, 31)),
    ("We aim to wrap up by end of November.", FRIDAY, date(2026, 11, 30)),
    ("We'll let you know on Tuesday.", FRIDAY, date(2026, 10, 13)),
    ("We will be making decisions by January 8.", datetime(2026, 12, 18, tzinfo=UTC),
     date(2027, 1, 8)),
    ("We will decide by 16/10.", FRIDAY, date(2026, 10, 16)),  # 16 cannot be a month
    # periods and ranges as recruiters write them
    ("We hope to have a decision by mid-October.", FRIDAY, date(2026, 10, 15)),
    ("We expect to wrap up by late October.", FRIDAY, date(2026, 10, 31)),
    ("You should hear back from us in about a week.", FRIDAY, date(2026, 10, 16)),
    ("We'll get back to you within the next week.", WEDNESDAY, date(2026, 10, 14)),
    ("We'll get back to you within 1-2 weeks.", FRIDAY, date(2026, 10, 23)),
    ("We'll get back to you in a week or two.", FRIDAY, date(2026, 10, 23)),
    ("We'll have news for you in two to three weeks.", FRIDAY, date(2026, 10, 30)),
    ("Feedback within 3-5 business days.", FRIDAY, date(2026, 10, 16)),
    ("We'll get back to you with feedback within a fortnight.", FRIDAY, date(2026, 10, 23)),
    ("You will hear from us within 48 hours.", FRIDAY, date(2026, 10, 11)),
    ("We will let you know by end of week.", WEDNESDAY, date(2026, 10, 9)),
    ("We will let you know by end of month.", FRIDAY, date(2026, 10, 31)),
    ("We will let you know by EOD Friday.", WEDNESDAY, date(2026, 10, 9)),
    ("We will let you know by end of day Tuesday.", FRIDAY, date(2026, 10, 13)),
    ("We will let you know by Wednesday next week.", FRIDAY, date(2026, 10, 14)),
    ("We will let you know next week on Thursday.", WEDNESDAY, date(2026, 10, 15)),
    ("We will let you know by the 20th.", FRIDAY, date(2026, 10, 20)),
    ("We will let you know by the 5th.", FRIDAY, date(2026, 11, 5)),
    ("We will let you know by Friday the 16th.", WEDNESDAY, date(2026, 10, 16)),
    ("We will let you know by 16.10.", FRIDAY, date(2026, 10, 16)),
    ("You'll hear from us by Tues.", FRIDAY, date(2026, 10, 13)),
    ("We'll be in touch by this coming Monday.", WEDNESDAY, date(2026, 10, 12)),
    ("We will get back to you next Tuesday.", WEDNESDAY, date(2026, 10, 13)),
    ("We'll let you know October 16.", WEDNESDAY, date(2026, 10, 16)),
    ("We will make our decision the week of October 19.", FRIDAY, date(2026, 10, 23)),
    ("The team meets on Thursday, October 15, and we will get back to you by the following "
     "Monday.", FRIDAY, date(2026, 10, 19)),
])
def test_decision_phrasings(text: str, sent: datetime, expected: date) -> None:
    found = extract_decision_date(text, sent, NY)
    assert found is not None, text
    assert found.day == expected


def test_the_scenario_mail_states_october_16_and_only_that() -> None:
    body = ("Hi Chen,\n\nThank you for coming in on Wednesday. The team is meeting next week, "
            "and we will be making decisions by Friday, October 16. I will reach out as soon "
            "as I have news.\n\nBest,\nJared Dunn\nRecruiting, Hooli\n")
    found = extract_decision_date(body, FRIDAY, NY)
    assert found is not None and found.day == date(2026, 10, 16)
    assert is_timeline_only(body)


@pytest.mark.parametrize("text", [
    "We will be in touch soon.",
    "Thanks Alex, it was great talking with you. Rita will be in touch about next steps.",
    "Thank you for coming in on Wednesday.",
    "Our office is closed on Friday, October 16.",
    "The team is meeting next week.",
    "",
    "{{ 7*7 }} by {% now %}",
])
def test_no_decision_date(text: str) -> None:
    assert extract_decision_date(text, FRIDAY, NY) is None


def test_the_latest_stated_day_wins_within_one_mail() -> None:
    text = ("We will make a decision by Friday, October 16, and you will hear from me "
            "by Monday, October 19 at the latest.")
    found = extract_decision_date(text, FRIDAY, NY)
    assert found is not None and found.day == date(2026, 10, 19)


def test_relative_dates_count_from_the_message_day_in_the_owner_zone() -> None:
    # 02:00 UTC on Saturday is still Friday evening in New York
    sent = datetime(2026, 10, 10, 2, 0, tzinfo=UTC)
    found = extract_decision_date("We will decide within 1 business day.", sent, NY)
    assert found is not None and found.day == date(2026, 10, 12)
    found = extract_decision_date("We will decide within 1 business day.", sent, "Asia/Tokyo")
    assert found is not None and found.day == date(2026, 10, 12)  # Saturday there -> Monday


def test_numeric_dates_follow_the_owner_habit() -> None:
    madrid = extract_decision_date("We will decide by 12/10.", FRIDAY, "Europe/Madrid")
    new_york = extract_decision_date("We will decide by 12/10.", FRIDAY, NY)
    assert madrid is not None and madrid.day == date(2026, 10, 12)
    assert new_york is not None and new_york.day == date(2026, 12, 10)


@pytest.mark.parametrize("zone", ["America/Sao_Paulo", "America/Mexico_City",
                                  "America/Bogota", "America/Argentina/Buenos_Aires"])
def test_latin_america_writes_the_day_first(zone: str) -> None:
    found = extract_decision_date("We will decide by 05/11.", FRIDAY, zone)
    assert found is not None and found.day == date(2026, 11, 5)
    for month_first in ("America/Chicago", "America/Toronto", "US/Pacific",
                        "America/Indiana/Indianapolis"):
        found = extract_decision_date("We will decide by 11/05.", FRIDAY, month_first)
        assert found is not None and found.day == date(2026, 11, 5)


THURSDAY = datetime(2026, 10, 29, 15, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))


@pytest.mark.parametrize(("text", "expected"), [
    # German
    ("Vielen Dank für das Gespräch. Wir melden uns bis Freitag, 6. November bei Ihnen.",
     date(2026, 11, 6)),
    ("Danke für Ihre Zeit. Sie erhalten unsere Rückmeldung innerhalb von 5 Werktagen.",
     date(2026, 11, 5)),
    ("Vielen Dank, wir werden bis Ende nächster Woche eine Entscheidung treffen.",
     date(2026, 11, 6)),
    ("Hallo, vielen Dank! Wir geben Ihnen bis zum 12.11.2026 Bescheid.", date(2026, 11, 12)),
    # Spanish
    ("Gracias por tu tiempo. Te daremos una respuesta en un plazo de 5 días hábiles.",
     date(2026, 11, 5)),
    ("Hola, gracias por la entrevista. Tendremos una decisión antes del viernes 6 de noviembre.",
     date(2026, 11, 6)),
    ("Muchas gracias por tu tiempo, te daremos noticias la próxima semana.", date(2026, 11, 6)),
    # French
    ("Merci pour cet échange. Nous reviendrons vers vous d'ici la fin de la semaine prochaine.",
     date(2026, 11, 6)),
    ("Bonjour, merci pour votre temps. Vous aurez une réponse sous 3 jours ouvrés.",
     date(2026, 11, 3)),
    ("Merci pour votre venue, nous vous donnerons notre décision avant le 10 novembre.",
     date(2026, 11, 10)),
    # Portuguese
    ("Olá, obrigado pela conversa. Daremos um retorno até 05/11.", date(2026, 11, 5)),
    ("Obrigada pela conversa! Você terá uma resposta em até 5 dias úteis.", date(2026, 11, 5)),
    ("Muito obrigado, vamos dar um retorno até sexta-feira, 6 de novembro.",
     date(2026, 11, 6)),
])
def test_timelines_in_other_languages(text: str, expected: date) -> None:
    found = extract_decision_date(text, THURSDAY, "America/Sao_Paulo")
    assert found is not None and found.day == expected, found
    assert is_timeline_only(text)


@pytest.mark.parametrize("text", [
    "Vielen Dank für Ihr Interesse. Leider haben wir uns für eine andere Kandidatin "
    "entschieden; die Stelle schließen wir bis Freitag, 6. November.",
    "Hola, nos gustaría invitarte a la siguiente fase el 10 de noviembre. Saludos.",
    "Bonjour, nous avons le plaisir de vous faire une offre. Merci de nous répondre avant "
    "le 10 novembre.",
    "Olá, gostaríamos de agendar a próxima etapa. Você pode até sexta-feira?",
])
def test_news_in_other_languages_is_a_reply(text: str) -> None:
    assert not is_timeline_only(text)


def test_english_mail_keeps_its_words() -> None:
    """Words that happen to be foreign ("mars", "bis", "fin") do not make English mail
    foreign; nor does a name."""
    text = "Hi Ana, the Mars team will decide by Friday, November 6. Thanks, Fin Bis"
    found = extract_decision_date(text, THURSDAY, "America/Sao_Paulo")
    assert found is not None and found.day == date(2026, 11, 6)


def test_an_unknown_zone_falls_back_to_utc() -> None:
    found = extract_decision_date("We will decide by next Friday.", FRIDAY, "Not/AZone")
    assert found is not None and found.day == date(2026, 10, 16)


def test_quoted_history_is_not_read() -> None:
    text = ("Thanks, noted.\n\nOn Tue, Oct 6, 2026 at 9:00 AM Alex <a@b.com> wrote:\n"
            "> We will be making decisions by next Friday.\n")
    assert extract_decision_date(text, FRIDAY, NY) is None
    assert "decisions" not in strip_quoted(text)
    outlook = ("We will decide by Oct 20.\n\nFrom: Alex Kim\nSent: Monday\nSubject: x\n\n"
               "decisions by Nov 30")
    found = extract_decision_date(outlook, FRIDAY, NY)
    assert found is not None and found.day == date(2026, 10, 20)


def test_a_day_already_past_states_no_decision_date() -> None:
    text = "We hoped to decide by October 5, but we need a little more time."
    assert extract_decision_date(text, FRIDAY, NY) is None
    later = "We hoped to decide by October 5; we now expect to decide by October 20."
    found = extract_decision_date(later, FRIDAY, NY)
    assert found is not None and found.day == date(2026, 10, 20)


def test_within_the_next_week_is_seven_days_not_next_weeks_friday() -> None:
    monday = datetime(2026, 10, 5, 11, 0, tzinfo=ZoneInfo(NY))
    found = extract_decision_date("We'll get back to you within the next week.", monday, NY)
    assert found is not None and found.day == date(2026, 10, 12)


@pytest.mark.parametrize("text", [
    "We will reach out to the team that sat in on your interview.",  # "sat" is a word
    "We will decide after the 2nd round.",  # not a day of the month
])
def test_words_that_only_look_like_days(text: str) -> None:
    assert extract_decision_date(text, FRIDAY, NY) is None


@pytest.mark.parametrize("text", [
    "We will be making decisions by next Friday.",
    "You will hear from us within 5 business days. Thanks again for your time!",
    # words about the interview that was, or polite phrases, are not news
    "We would like to thank you for your time. You will hear from us by Friday, October 16.",
    "Thanks for completing the final round! We expect to make a decision by October 16.",
    "Thank you for coming onsite. We'll have a decision within 5 business days.",
    "We are still meeting other candidates and will decide by October 20.",
    "We haven't decided yet, but we will let you know by October 16.",
    "We were pleased to meet you. We'll let you know our decision by October 16.",
    "Thanks for your patience. We expect to have an update by October 20. "
    "Feel free to reach out if you have any questions in the meantime.",
    "Hi Sam, just a quick note: the team will decide early next week. "
    "Details at https://acme.com/careers?id=3",
])
def test_timeline_only(text: str) -> None:
    assert is_timeline_only(text)


@pytest.mark.parametrize("text", [
    "We will be in touch soon.",  # no date: a reply
    "We'd like to invite you to a technical interview. Please pick a time below.",
    "Next steps: we will send a take-home exercise by Friday.",
    "Unfortunately we will not be moving forward. We decided by Friday.",
    "We will make decisions by Friday. Could you send your availability?",
    "Can you share two references by Friday?",
    "We will decide by Friday; we would like to schedule a call with the CTO first.",
    "We are pleased to extend an offer! Please reply by Friday, October 16.",
    "We have made a decision and will call you by Monday.",
    "Is Tuesday at 3pm good for a follow-up interview? We decide by Friday.",
    "We'd like you to come in for a final round; we will decide by October 23.",
    "You've been selected for the final round, the week of October 19.",
    "Great news: we are moving you to the onsite stage. We'll reach out by Monday.",
    "We have decided to pursue other candidates; we will close the role by Friday.",
    "We have chosen another candidate for this role and will update the posting by Friday.",
    "We're pleased to let you know you've progressed to the next stage; more by Friday.",
    "The team would love to have you back for a chat with our CEO by next week.",
])
def test_not_timeline_only(text: str) -> None:
    assert not is_timeline_only(text)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
       st.integers(min_value=0, max_value=60))
def test_business_days_count_weekdays_after_the_day(start: date, count: int) -> None:
    result = add_business_days(start, count)
    days = [start + timedelta(days=i) for i in range(1, (result - start).days + 1)]
    assert sum(1 for d in days if d.weekday() < 5) == count
    if count:
        assert result.weekday() < 5  # it lands on the N-th weekday itself
        assert (result - start).days <= count + 2 * (count // 5 + 1)
    else:
        assert result == start


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 1, 1)),
       st.integers(min_value=1, max_value=30))
def test_business_day_phrases_agree_with_the_arithmetic(start: date, count: int) -> None:
    sent = datetime(start.year, start.month, start.day, 12, 0, tzinfo=ZoneInfo(NY))
    found = extract_decision_date(f"You will hear from us within {count} business days.",
                                  sent, NY)
    assert found is not None and found.day == add_business_days(start, count)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 1, 1)),
       st.sampled_from(["monday", "tuesday", "wednesday", "thursday", "friday"]))
def test_next_weekday_is_in_the_following_week(start: date, weekday: str) -> None:
    sent = datetime(start.year, start.month, start.day, 12, 0, tzinfo=ZoneInfo(NY))
    found = extract_decision_date(f"We will decide by next {weekday}.", sent, NY)
    assert found is not None
    assert found.day.strftime("%A").lower() == weekday
    assert 1 <= (found.day - start).days <= 13
    assert found.day.isocalendar()[:2] == (start + timedelta(days=7)).isocalendar()[:2]


@given(st.text(max_size=400))
def test_any_text_is_handled(text: str) -> None:
    found = extract_decision_date(text, FRIDAY, NY)
    assert found is None or isinstance(found.day, date)
    assert isinstance(is_timeline_only(text), bool)


def test_a_huge_message_is_read_quickly() -> None:
    text = ("by " * 200_000) + "we will decide by next Friday"
    assert extract_decision_date(text, FRIDAY, NY) is None  # past the reading limit
