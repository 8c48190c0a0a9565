"""Normalise durations ("two weeks", "27-year", "5 1/2 hours") and sets ("every Monday", "daily")
to TIMEX3 values ("P2W", "P27Y", "PT5H30M", "XXXX-WXX-1", "P1D").
"""

from __future__ import annotations

import re

from onrecord.extraction.time.context import Context, Normalised, register
from onrecord.extraction.time.lexicon import (
    PARTS_OF_DAY,
    SEASONS,
    SET_WORDS,
    TIME_UNITS,
    UNITS,
    WEEKDAYS,
    number_of,
    unit_of,
)


def duration_value(amount: int | None, unit: str, half: bool = False) -> Normalised:
    """The TIMEX3 duration of ``amount`` units, and a half more when ``half``.

    Args:
        amount: How many units; None for a vague number ("several weeks" → "PXW").
        unit: A singular unit key of ``lexicon.UNITS`` ("week", "hour").
        half: Whether half a unit comes on top ("5 1/2 hours" → "PT5H30M").

    Returns:
        ``("DURATION", value)``; value is None for a unit TIMEX3 cannot write.

    Notes:
        Decades are written in years ("two decades" → "P20Y", "decades" → "PXY"), as
        TimeBank and AQUAINT write them.
    """
    if unit == "decade":
        years = None if amount is None else 10 * amount + (5 if half else 0)
        return duration_value(years, "year")
    letter = UNITS.get(unit)
    if letter is None:
        return "DURATION", None
    count = "X" if amount is None else str(amount)
    designator = "PT" if unit in TIME_UNITS else "P"
    extra = _HALVES.get(unit, "") if half and amount is not None else ""
    return "DURATION", f"{designator}{count}{letter}{extra}"


# half a unit in the next smaller unit; weeks, quarters and longer have none and keep the whole
_HALVES = {"year": "6M", "month": "15D", "day": "T12H", "hour": "30M", "minute": "30S"}


def _has_half(match: re.Match[str]) -> bool:
    groups = match.groupdict()
    return bool(groups.get("half") or groups.get("half_after"))


@register("duration")
def _duration(match: re.Match[str], ctx: Context) -> Normalised:
    unit = unit_of(match.group("unit"))
    return duration_value(number_of(match.group("n")), unit, _has_half(match))


@register("duration_adj")
def _duration_adj(match: re.Match[str], ctx: Context) -> Normalised:
    amount = None if match.group("vague") else number_of(match.group("n"))
    return duration_value(amount, unit_of(match.group("unit")), _has_half(match))


@register("duration_long")
def _duration_long(match: re.Match[str], ctx: Context) -> Normalised:
    # "a day-long strike" lasts a day, "a decades-long embargo" an unstated number of decades
    return duration_value(None if match.group("plural") else 1, unit_of(match.group("unit")))


@register("bare_units")
def _bare_units(match: re.Match[str], ctx: Context) -> Normalised:
    return duration_value(None, unit_of(match.group("unit")))


@register("set_word")
def _set_word(match: re.Match[str], ctx: Context) -> Normalised:
    return "SET", SET_WORDS[match.group("word").lower()]


@register("set_every")
def _set_every(match: re.Match[str], ctx: Context) -> Normalised:
    word = match.group("unit").lower()
    if word in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}"
    if word in PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[word]}"
    if word in SEASONS:
        return "SET", f"XXXX-{SEASONS[word]}"
    amount = number_of(match.group("n")) if match.group("n") else 1
    if match.group("other"):
        amount = 2 * (amount or 1)
    _, value = duration_value(amount, unit_of(word))
    return "SET", value


@register("set_times")
def _set_times(match: re.Match[str], ctx: Context) -> Normalised:
    _, value = duration_value(1, unit_of(match.group("unit")))
    return "SET", value


@register("ahead")
def _ahead(match: re.Match[str], ctx: Context) -> Normalised:
    return duration_value(None, unit_of(match.group("unit")))
