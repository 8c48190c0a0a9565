"""Resolve relative times against the publication date: weekdays, months, weeks, seasons, quarters.

Every function takes the anchor (``published``) and a direction: -1 for the past, +1 for the
future, 0 for the period that contains the anchor.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

_SEASON_ORDER = ("WI", "SP", "SU", "FA")


def weekday_date(published: date, weekday: int, direction: int) -> date:
    """The date of a weekday named relative to ``published``.

    Args:
        published: The anchor date.
        weekday: Monday is 0.
        direction: -1 for the latest such day on or before the anchor, +1 for the next one on or
            after it.

    Returns:
        The date.
    """
    if direction >= 0:
        return published + timedelta(days=(weekday - published.weekday()) % 7)
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def month_year(published: date, month: int, direction: int) -> int:
    """The year of a month named without one ("in April").

    Args:
        published: The anchor date.
        month: 1 to 12.
        direction: -1: the latest such month not after the anchor; +1: the next one not before it;
            0: the anchor's year.

    Returns:
        The year.
    """
    if direction < 0 and month > published.month:
        return published.year - 1
    if direction > 0 and month < published.month:
        return published.year + 1
    return published.year


def day_year(published: date, month: int, day: int, direction: int) -> int:
    """The year of a day of a month named without one ("Sept. 30").

    Args:
        published: The anchor date.
        month: 1 to 12.
        day: 1 to 31.
        direction: As in :func:`month_year`; 0 picks the nearest occurrence.

    Returns:
        The year.
    """
    year = published.year
    key = (month, day)
    anchor = (published.month, published.day)
    # a date a month or two away is more often announced (a record date, a closing) than a
    # tense slip: only a date well on the other side of the anchor changes year
    if direction < 0 and key > anchor and month - published.month > 3:
        return year - 1
    if direction > 0 and key < anchor and published.month - month > 3:
        return year + 1
    if direction == 0 and abs(month - published.month) > 6:
        return year - 1 if month > published.month else year + 1
    return year


def strict_day_year(published: date, month: int, day: int, direction: int) -> int:
    """The year of "last Oct. 23" (the latest such day before the anchor) or "next May 1" (the
    first after it).

    Args:
        published: The anchor date.
        month: 1 to 12.
        day: 1 to 31.
        direction: -1 for the latest such day before the anchor, +1 for the first after it.

    Returns:
        The year.
    """
    key, now = (month, day), (published.month, published.day)
    if direction < 0:
        return published.year - 1 if key >= now else published.year
    return published.year + 1 if key <= now else published.year


def week_value(day: date) -> str:
    """The ISO week of a date as a TIMEX3 value ("2021-W16")."""
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def shift(published: date, unit: str, amount: int) -> str:
    """The TIMEX3 value of the period ``amount`` units from the anchor, at the unit's granularity.

    Args:
        published: The anchor date.
        unit: "day", "week", "month", "quarter", "year", "decade" or "century".
        amount: How many units forward (negative: back).

    Returns:
        The value ("2021-04-22", "2021-W15", "2021-03", "2021-Q1", "2020", "201", "20").

    Raises:
        ValueError: For an unknown unit.
    """
    if unit in ("day", "night"):
        return (published + timedelta(days=amount)).isoformat()
    if unit in ("week", "fortnight"):
        return week_value(published + timedelta(weeks=amount * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        moved = published + relativedelta(months=amount)
        return f"{moved.year}-{moved.month:02d}"
    if unit == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + amount
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "year":
        return str(published.year + amount)
    if unit == "decade":
        return str(published.year // 10 + amount)
    if unit == "century":
        return f"{published.year // 100 + amount:02d}"
    raise ValueError(
        f"unknown unit {unit!r}; expected day, week, month, quarter, year, decade, century"
    )


def season_value(published: date, season: str, direction: int) -> str:
    """The TIMEX3 value of a season named relative to the anchor ("this spring" → 2021-SP).

    Args:
        published: The anchor date.
        season: "SP", "SU", "FA" or "WI".
        direction: -1 for the last such season before the current one, +1 for the next, 0 for
            the one of the anchor's year.

    Returns:
        The value.
    """
    current = _SEASON_ORDER[(published.month % 12) // 3]
    index, now = _SEASON_ORDER.index(season), _SEASON_ORDER.index(current)
    year = published.year
    if direction < 0 and index >= now:
        year -= 1
    if direction > 0 and index <= now:
        year += 1
    return f"{year}-{season}"
