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


def duration_value(amount: int | None, unit: str) -> Normalised:
    """The TIMEX3 duration of ``amount`` units.

    Args:
        amount: How many units; None for a vague number ("several weeks" → "PXW").
        unit: A singular unit key of ``lexicon.UNITS`` ("week", "hour").

    Returns:
        ``("DURATION", value)``; value is None for a unit TIMEX3 cannot write.
    """
    letter = UNITS.get(unit)
    if letter is None:
        return "DURATION", None
    count = "X" if amount is None else str(amount)
    if unit in TIME_UNITS:
        return "DURATION", f"PT{count}{letter}"
    return "DURATION", f"P{count}{letter}"


@register("duration")
def _duration(match: re.Match[str], ctx: Context) -> Normalised:
    return duration_value(number_of(match.group("n")), unit_of(match.group("unit")))


@register("duration_adj")
def _duration_adj(match: re.Match[str], ctx: Context) -> Normalised:
    return duration_value(number_of(match.group("n")), unit_of(match.group("unit")))


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
