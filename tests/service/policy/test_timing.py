from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from service.policy.timing import check_in_due, local_days_after, suggestion_time

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def test_seven_days_keep_the_wall_clock_across_dst() -> None:
    end = datetime(2026, 3, 4, 11, 0, tzinfo=NY)  # EST; March 8 starts EDT
    due = check_in_due(end, None, NY)
    assert due.astimezone(NY) == datetime(2026, 3, 11, 11, 0, tzinfo=NY)
    assert due - end == timedelta(days=7) - timedelta(hours=1)
    autumn = datetime(2026, 10, 22, 16, 0, tzinfo=BERLIN)  # October 25 ends CEST
    assert check_in_due(autumn, None, BERLIN).astimezone(BERLIN).hour == 16


def test_decision_date_is_due_at_the_next_local_midnight() -> None:
    end = datetime(2026, 10, 7, 15, 0, tzinfo=NY)
    due = check_in_due(end, date(2026, 10, 16), NY)
    assert due == datetime(2026, 10, 17, 0, 0, tzinfo=NY)


def test_decision_date_never_earlier_than_two_days_after_the_end() -> None:
    end = datetime(2026, 10, 7, 15, 0, tzinfo=NY)
    assert check_in_due(end, date(2026, 10, 7), NY) == datetime(2026, 10, 9, 15, 0, tzinfo=NY)
    assert check_in_due(end, date(2026, 10, 1), NY) == datetime(2026, 10, 9, 15, 0, tzinfo=NY)


def test_suggestion_in_working_hours_is_immediate() -> None:
    due = datetime(2026, 6, 9, 14, 45, tzinfo=ZoneInfo("America/Chicago"))  # Tuesday
    assert suggestion_time(due, ZoneInfo("America/Chicago")) == due


def test_weekend_or_night_waits_for_a_weekday_morning() -> None:
    saturday_midnight = datetime(2026, 10, 17, 0, 0, tzinfo=NY)
    assert suggestion_time(saturday_midnight, NY) == datetime(2026, 10, 19, 9, 0, tzinfo=NY)
    friday_evening = datetime(2026, 10, 16, 19, 0, tzinfo=NY)
    assert suggestion_time(friday_evening, NY) == datetime(2026, 10, 19, 9, 0, tzinfo=NY)
    tuesday_dawn = datetime(2026, 10, 13, 0, 0, tzinfo=NY)
    assert suggestion_time(tuesday_dawn, NY) == datetime(2026, 10, 13, 9, 0, tzinfo=NY)


zones = st.sampled_from(["America/New_York", "Europe/Berlin", "Australia/Sydney",
                         "Asia/Kolkata", "Pacific/Apia", "UTC", "America/St_Johns"])
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1),
                       timezones=st.just(UTC))


@given(moments, zones)
def test_suggestion_is_within_72_hours_of_due(due: datetime, zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    shown = suggestion_time(due, zone)
    assert due <= shown <= due + timedelta(hours=72)


@given(moments, st.one_of(st.none(), st.dates(min_value=date(2019, 12, 1),
                                               max_value=date(2035, 2, 1))), zones)
def test_due_is_never_before_two_days_after_the_end(end: datetime, decided: date | None,
                                                     zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    due = check_in_due(end, decided, zone)
    assert due >= local_days_after(end, 2, zone)
    if decided is not None:
        assert due.astimezone(zone).date() > decided or due == local_days_after(end, 2, zone)


def test_the_owners_working_days_and_hours_decide_when_a_check_in_shows() -> None:
    chicago = ZoneInfo("America/Chicago")
    tuesday_noon = datetime(2026, 6, 9, 12, 0, tzinfo=chicago)
    # working Mondays and Thursdays, 10:00-16:00: a Tuesday noon waits for Thursday 10:00
    assert suggestion_time(tuesday_noon, chicago, (1, 4), time(10), time(16)) == datetime(
        2026, 6, 11, 10, 0, tzinfo=chicago)
    # before the day starts on a working day: that morning
    early = datetime(2026, 6, 11, 7, 0, tzinfo=chicago)
    assert suggestion_time(early, chicago, (1, 4), time(10), time(16)) == datetime(
        2026, 6, 11, 10, 0, tzinfo=chicago)
    # every day, late hours: a Sunday evening is inside them
    sunday = datetime(2026, 6, 14, 21, 0, tzinfo=chicago)
    assert suggestion_time(sunday, chicago, tuple(range(1, 8)), time(18), time(23)) == sunday
    # never more than 72 hours late, whatever the owner set (P3.3)
    friday = datetime(2026, 6, 12, 17, 0, tzinfo=chicago)
    assert suggestion_time(friday, chicago, (4,), time(9), time(10)) == friday + timedelta(
        hours=72)


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31),
                    timezones=st.just(UTC)),
       st.sets(st.integers(1, 7), min_size=1), st.integers(0, 22))
def test_a_suggestion_is_within_the_owners_hours_or_at_the_72_hour_limit(
        due: datetime, days: set[int], start_hour: int) -> None:
    zone = ZoneInfo("Europe/Berlin")
    starts, ends = time(start_hour), time(start_hour + 1)
    shown = suggestion_time(due, zone, tuple(days), starts, ends)
    assert due <= shown <= due + timedelta(hours=72)
    local = shown.astimezone(zone)
    inside = local.isoweekday() in days and starts <= local.time() < ends
    assert inside or shown == due + timedelta(hours=72)
