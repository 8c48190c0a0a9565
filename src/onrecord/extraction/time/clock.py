"""Normalise clock times ("10:35 a.m.", "noon", "9 a.m. EST Tuesday") to TIMEX3 TIME values.

Notes:
    A clock time takes the day written next to it ("5 p.m. EST Nov. 9", "10:35 a.m. (0735 GMT)
    Friday"), else the publication date (TimeML 1.2.1, TIMEX3 values "2021-04-23T17:00").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from onrecord.extraction.time import anchor
from onrecord.extraction.time.context import Context, Normalised, register
from onrecord.extraction.time.lexicon import MONTHS, WEEKDAYS, number_of
from onrecord.extraction.time.normalize import DAY_OFFSETS, day_value
from onrecord.extraction.time.tense import PAST

_DAY_WORDS = r"today|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# "10:35 a.m. (0735 GMT) Friday", "4 in the morning (4 a.m. EDT Thursday)": the day follows the
# time given in another zone, or closes it
_DAY_AFTER_ASIDE = re.compile(
    rf"\s*(?:\([^()\n]{{1,24}}\)\s*,?\s*(?:on\s+)?(?P<day>{_DAY_WORDS})\b"
    rf"|\([^()\n]{{0,24}}\b(?P<inner>{_DAY_WORDS})\))",
    re.IGNORECASE,
)


def _hour_minute(match: re.Match[str]) -> str:
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    if hour > 12 or minute > 59:
        raise ValueError(f"not a clock time: {match.group(0)!r}")
    hour = hour % 12 + (12 if match.group("ampm").lower().startswith("p") else 0)
    return f"{hour:02d}:{minute:02d}"


def _named_day(word: str, ctx: Context) -> date | None:
    """The date of "today", "yesterday", "tomorrow" or a weekday, from the publication date."""
    if ctx.published is None:
        return None
    word = word.lower()
    if word in DAY_OFFSETS:
        return ctx.published + timedelta(days=DAY_OFFSETS[word])
    return anchor.weekday_date(ctx.published, WEEKDAYS[word], ctx.tense or PAST)


def _at(day: date | str | None, hour: str) -> str | None:
    if day is None:
        return None
    return f"{day if isinstance(day, str) else day.isoformat()}T{hour}"


def _day_of(match: re.Match[str], ctx: Context) -> date | str | None:
    """The day written with a clock time: a weekday or deictic word, or a month and day."""
    month = match.groupdict().get("month")
    if month:
        year = int(match.group("year")) if match.group("year") else None
        return day_value(MONTHS[month.lower().rstrip(".")], int(match.group("mday")), year, ctx)
    return _named_day(match.group("day"), ctx)


@register("clock")
def _clock(match: re.Match[str], ctx: Context) -> Normalised:
    hour = _hour_minute(match)
    return "TIME", _at(_day_nearby(ctx), hour)


def _day_nearby(ctx: Context) -> date | str | None:
    """The day a clock time without one belongs to: one given right after it, else the
    publication date."""
    aside = _DAY_AFTER_ASIDE.match(ctx.text, ctx.end)
    if aside is not None:
        return _named_day(aside.group("day") or aside.group("inner"), ctx)
    return ctx.published or "XXXX-XX-XX"


_PART_HOURS = {"morning": 0, "afternoon": 12, "evening": 12}


@register("clock_part")
def _clock_part(match: re.Match[str], ctx: Context) -> Normalised:
    hour = number_of(match.group("hour"))
    if hour is None or not 1 <= hour <= 12:
        raise ValueError(f"not a clock time: {match.group(0)!r}")
    hour = hour % 12 + _PART_HOURS[match.group("part").lower()]
    return "TIME", _at(_day_nearby(ctx), f"{hour:02d}:00")


def _clock_word_hour(word: str) -> str:
    return "24:00" if word.lower() == "midnight" else "12:00"


@register("clock_word")
def _clock_word(match: re.Match[str], ctx: Context) -> Normalised:
    return "TIME", _at(ctx.published or "XXXX-XX-XX", _clock_word_hour(match.group("word")))


@register("clock_day")
def _clock_day(match: re.Match[str], ctx: Context) -> Normalised:
    return "TIME", _at(_day_of(match, ctx), _hour_minute(match))


@register("noon_day")
def _noon_day(match: re.Match[str], ctx: Context) -> Normalised:
    return "TIME", _at(_day_of(match, ctx), _clock_word_hour(match.group("word")))
