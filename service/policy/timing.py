"""When a check-in is due and when to show it (policy P3.1-P3.3).

"N days after" is the same wall-clock time N calendar days later in the owner's zone, across
a daylight-saving change too; a decision day "has passed" at the next local midnight.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

CHECK_IN_DAYS = 7  # no decision date known (P3.2)
DECISION_MIN_DAYS = 2  # never earlier than this after the end (P3.1)
SUGGEST_WITHIN = timedelta(hours=72)  # P3.3
WORKDAY_START = time(9, 0)
WORKDAY_END = time(18, 0)
WORKING_DAYS = (1, 2, 3, 4, 5)  # ISO weekdays, Monday to Friday


def local_days_after(moment: datetime, days: int, zone: tzinfo) -> datetime:
    """``days`` calendar days later at the same local wall-clock time, as a UTC instant."""
    local = moment.astimezone(zone)
    # Adding a timedelta to an aware datetime keeps its tzinfo and wall clock; the UTC
    # offset is then re-derived for the new date (zoneinfo handles DST here).
    return (local + timedelta(days=days)).astimezone(UTC)


def local_midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), zone).astimezone(UTC)


def check_in_due(end: datetime, decision_date: date | None, zone: tzinfo) -> datetime:
    """The moment the check-in becomes due (P3.1, P3.2)."""
    if decision_date is None:
        return local_days_after(end, CHECK_IN_DAYS, zone)
    after_decision = local_midnight(decision_date + timedelta(days=1), zone)
    return max(after_decision, local_days_after(end, DECISION_MIN_DAYS, zone))


def suggestion_time(due: datetime, zone: tzinfo, working_days: tuple[int, ...] = WORKING_DAYS,
                    day_starts: time = WORKDAY_START, day_ends: time = WORKDAY_END) -> datetime:
    """When to show a due check-in: at once in the owner's working hours (weekdays 09:00 to
    18:00 unless they set others), else at the start of their next working day; never later
    than 72 h after the due moment (P3.3)."""
    days = set(working_days) or set(WORKING_DAYS)
    local = due.astimezone(zone)
    if local.isoweekday() in days and day_starts <= local.time() < day_ends:
        return due.astimezone(UTC)
    day = local.date()
    if local.isoweekday() not in days or local.time() >= day_starts:
        day += timedelta(days=1)
    while day.isoweekday() not in days:
        day += timedelta(days=1)
    morning = datetime.combine(day, day_starts, zone).astimezone(UTC)
    return min(max(morning, due.astimezone(UTC)), due.astimezone(UTC) + SUGGEST_WITHIN)
