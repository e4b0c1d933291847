"""Windows time zone names, which Outlook uses (mailboxSettings, ``Prefer: outlook.timezone``),
mapped to and from IANA names with the CLDR table tzlocal ships."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tzlocal.windows_tz import tz_win, win_tz


def windows_name(iana: str) -> str | None:
    return tz_win.get(iana)


def zone_for(name: str) -> ZoneInfo | None:
    """A zone from a Windows or an IANA name; None if neither."""
    iana = win_tz.get(name, name)
    try:
        return ZoneInfo(iana)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def iana_name(name: str) -> str | None:
    zone = zone_for(name)
    return zone.key if zone else None
