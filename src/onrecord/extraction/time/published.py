"""Estimate the publication date of an undated article from the dates its text mentions.

The estimate is always a range with a confidence, never a single date presented as exact; when
the text gives no absolute date at all the answer is None, an honest "unknown".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from onrecord.extraction.time import find_times
from onrecord.extraction.time.tense import FUTURE, tense_at
from onrecord.records import DateEstimate, TimeExpr

__all__ = ["DateEstimate", "estimate_published"]

_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_NO_YEAR = re.compile(r"^XXXX-(\d{2})-(\d{2})$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)

# news is usually published within days of the latest event it reports; a bare weekday ("on
# Monday") is only used for the past week, so it narrows the window to six days
_DAY_WINDOW = 14
_WEEKDAY_WINDOW = 6
# news writes the year of a month mostly for an earlier year ("in July 2014"): the range runs
# to the end of the second year after it
_MONTH_YEARS = 2
_YEAR_SPAN = 3  # calendar years: the year mentioned and the two after it
_MIN_YEAR, _MAX_YEAR = 1900, 2100
# a year the opening names is the news itself more often than background
_LEDE_CHARS = 400
_LEDE_YEAR_SPAN = 2
_RUN_GAP = 4
_RUN_YEAR_SPAN = 4

_SENTENCE_REACH = 240
_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)|\n")
_DEADLINE_BEFORE = re.compile(
    r"\b(?:by|until|till|through|before|in time for|ahead of|starting in|from now to)"
    r"\s+(?:the\s+(?:end|start|middle)\s+of\s+)?(?:early\s+|late\s+|mid-?)?$",
    re.IGNORECASE,
)
# an election, a season or a budget named by its year is usually the coming one
_YEAR_EVENT_AFTER = re.compile(
    r"\s*(?:(?:democratic|republican|gop|white house|presidential|general|midterm|primary"
    r"|senate|gubernatorial)\s+)*(?:election|race|campaign|nomination|primar|caucus|ticket"
    r"|run|bid|candidate|contender|hopeful|cycle|ballot|field|contest|midterm|olympic"
    r"|world cup|budget|fiscal year|season|enrollment|census|deadline|target|goal)",
    re.IGNORECASE,
)
# a year something is to happen in: "up for reelection in 2018", "a run in 2020"
_YEAR_EVENT_BEFORE = re.compile(
    r"\b(?:re-?election|run|renewal|bid|race|nominate|midterms)\s+(?:in|for)\s+$",
    re.IGNORECASE,
)
_FORWARD_WORDS = re.compile(
    r"\b(?:projected|projections?|forecasts?|forecasted|predicts?|targets?|goals?|deadline)\b",
    re.IGNORECASE,
)

# share of estimates of each basis that held the gold date, pooled over Wikinews (dateline
# removed) and PolNeAR train (python -m onrecord.evaluate.published; PolNeAR dev confirms):
# day+weekday 7/13, day 20/55, month 42/61, plans 48/77; a year in the opening 40/84, the
# last of a run of years 94/148, a lone year 71/269
_CONFIDENCE = {
    "day+weekday": 0.55,
    "day": 0.35,
    "month": 0.65,
    "year (lede)": 0.5,
    "year (run)": 0.6,
    "year": 0.25,
    "plans": 0.6,
}
_PLAN_LEAD_YEARS = 1
_PLAN_REACH_YEARS = 8


@dataclass(frozen=True)
class _Evidence:
    """One absolute date the text mentions: its first and last day and its granularity."""

    start: date
    end: date
    level: str  # "day", "month" or "year"
    future: bool
    weekday_checked: bool
    target: bool = False  # a deadline or a forecast rather than an arranged event
    position: int = 0  # where the mention starts in the text


def _safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist or falls outside the plausible years."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_in(text: str) -> int | None:
    """The weekday number (Monday 0) named in ``text``, or None."""
    match = _WEEKDAY.search(text)
    return _WEEKDAYS.index(match.group(1).lower()) if match else None


def _read_value(time: TimeExpr) -> tuple[date, date, str] | None:
    """First day, last day and granularity of an absolute TIMEX3 DATE value (or the day of a
    TIME value, "2019-02-10T05:03"), else None."""
    value = (time.value or "").split("T", 1)[0]
    if match := _FULL.match(value):
        day = _safe_date(*map(int, match.groups()))
        return (day, day, "day") if day else None
    if match := _MONTH.match(value):
        year, month = map(int, match.groups())
        first = _safe_date(year, month, 1)
        if first is None:
            return None
        return first, first.replace(day=calendar.monthrange(year, month)[1]), "month"
    if match := _YEAR.match(value):
        first = _safe_date(int(match.group(1)), 1, 1)
        return (first, first.replace(month=12, day=31), "year") if first else None
    return None


def _resolve_year(time: TimeExpr, anchor_year: int) -> date | None:
    """Give a year to a day written without one ("Thursday, April 22") when its weekday decides.

    Args:
        time: An expression with an underspecified value ``XXXX-MM-DD``.
        anchor_year: The latest year the article mentions with a past or neutral date.

    Returns:
        The one date within a year of ``anchor_year`` that falls on the weekday named in the
        expression, or None without a weekday or a single match. A day without a weekday gets
        no year: news rarely states its own year, so the latest year mentioned is usually a
        past one and assuming it misdates most articles (6% and 2% in range when tried).
    """
    match = _NO_YEAR.match(time.value or "")
    weekday = _weekday_in(time.span.text)
    if not match or weekday is None:
        return None
    month, day = map(int, match.groups())
    candidates = [
        d
        for year in (anchor_year - 1, anchor_year, anchor_year + 1)
        if (d := _safe_date(year, month, day)) is not None and d.weekday() == weekday
    ]
    return candidates[0] if len(candidates) == 1 else None


def _collect(text: str, times: Sequence[TimeExpr]) -> list[_Evidence]:
    """The absolute dates of ``times`` as evidence, with their tense and weekday check."""
    found: list[_Evidence] = []
    underspecified: list[TimeExpr] = []
    for time in times:
        if time.type not in ("DATE", "TIME") or not time.value:
            continue
        read = _read_value(time)
        if read is None:
            if _NO_YEAR.match(time.value):
                underspecified.append(time)
            continue
        start, end, level = read
        weekday = _weekday_in(time.span.text) if level == "day" else None
        if weekday is not None and weekday != start.weekday():
            continue  # "Friday, April 22, 2021" contradicts itself: trust neither part
        ahead = _looks_ahead(text, time, level)
        found.append(
            _Evidence(
                start,
                end,
                level,
                ahead is not None,
                weekday is not None,
                ahead == "target",
                time.span.start,
            )
        )
    years = [e.start.year for e in found if not e.future]
    if years:
        for time in underspecified:
            day = _resolve_year(time, max(years))
            if day is not None:
                future = tense_at(text, time.span.start, time.span.end, None) == FUTURE
                found.append(_Evidence(day, day, "day", future, True, False, time.span.start))
    return found


def _sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The parts of the sentence of ``text[start:end]`` before and after it."""
    left = text[max(0, start - _SENTENCE_REACH) : start]
    cut = max(left.rfind(". "), left.rfind("\n"), left.rfind("? "), left.rfind("! "))
    right = text[end : end + _SENTENCE_REACH]
    stop = _SENTENCE_STOP.search(right)
    return left[cut + 1 :], right[: stop.start()] if stop else right


def _looks_ahead(text: str, time: TimeExpr, level: str) -> str | None:
    """Whether a mention looks ahead of the article rather than back, and how.

    Returns:
        "target" for a deadline ("by 2030", "until 2027") or a forecast in the sentence ("is
        projected to double in 2034"), "plan" for a future clause ("will meet on May 5") or
        an event named by its year ("the 2016 election"), None for a past or neutral mention.
        A day is judged by its clause only.
    """
    start, end = time.span.start, time.span.end
    left, right = _sentence_around(text, start, end)
    if _DEADLINE_BEFORE.search(left[-24:]):
        return "target"
    if level != "day" and (_FORWARD_WORDS.search(left) or _FORWARD_WORDS.search(right)):
        return "target"
    if tense_at(text, start, end, None) == FUTURE:
        return "plan"
    if level == "year" and (_YEAR_EVENT_AFTER.match(right) or _YEAR_EVENT_BEFORE.search(left)):
        return "plan"
    return None


def _has_bare_weekday(text: str, times: Sequence[TimeExpr]) -> bool:
    """Whether the text dates an event by a bare weekday ("on Monday"), which news uses only
    for the week before publication."""
    return any(
        time.type == "DATE"
        and not any(ch.isdigit() for ch in time.span.text)
        and _weekday_in(time.span.text) is not None
        and tense_at(text, time.span.start, time.span.end, None) != FUTURE
        for time in times
    )


def _year_range(text: str, best: _Evidence, past: Sequence[_Evidence]) -> tuple[date, str]:
    """The last day and the basis of a range resting on a year alone."""
    year = best.start.year
    mentions = [e for e in past if e.level != "plans"]
    lede_end = len(text) - len(text.lstrip()) + _LEDE_CHARS
    if any(e.start.year == year and e.position < lede_end for e in mentions):
        return date(year + _LEDE_YEAR_SPAN - 1, 12, 31), "year (lede)"
    earlier = {e.start.year for e in mentions if e.start.year < year}
    if earlier and year - max(earlier) <= _RUN_GAP:
        return date(year + _RUN_YEAR_SPAN - 1, 12, 31), "year (run)"
    return date(year + _YEAR_SPAN - 1, 12, 31), "year"


def estimate_published(text: str, times: Sequence[TimeExpr] | None = None) -> DateEstimate | None:
    """Estimate when an undated article was published, as a range of days with a confidence.

    Args:
        text: The article body (URL blocks and related-article lines blanked, as in
            ``Article.body``): dates found there are the only evidence.
        times: The time expressions of ``text`` found with ``published=None``; found here
            when not given.

    Returns:
        The estimate, or None when the text mentions no usable absolute date.

    Notes:
        The heuristic, in order:

        1. Evidence is every absolute DATE the text mentions: full dates (2021-04-22), months
           (2021-04) and years (2021), plus a day without a year ("Thursday, April 22") when
           its weekday picks a single year next to the latest year mentioned. A full date whose
           weekday contradicts it is dropped.
        2. Mentions that look ahead are not past events: a future clause ("will meet on May
           5, 2021", cue words from :mod:`~onrecord.extraction.time.tense`), a deadline ("by
           2030", "until 2027"), a forecast in the sentence ("is projected to ... in 2034") or
           an event named by its year ("the 2016 election", "the 2016 Republican field",
           "up for reelection in 2018"). A day ahead only caps the range
           (the article came out before the meeting); a month or year ahead says the article
           was written in that year or the one before, which starts the range only when no
           past mention is later ("plans" basis, range to the end of that year).
        3. The article is published on or after the latest past or neutral date it reports:
           ``earliest`` is the first day of the latest such mention (ties go to the finest
           granularity).
        4. News follows its events closely: ``latest`` is ``earliest`` plus 14 days for a full
           date, six days when the article also dates events by a bare past weekday ("on
           Monday", only said of the past week). A month-year or a year alone is mostly
           background ("founded in July 2008"), so its range is wide: to the end of the
           second year after a month, which news dates with its year mostly when it is not
           the current one. For a year it depends on where the year stands: named in the
           opening 400 characters it is usually the news itself (two calendar years, basis
           "year (lede)"); the last of a run of years no more than four apart ("in 2012 ...
           in 2014") is usually followed within a few years (four calendar years, "year
           (run)"); a lone year far from any other is the weakest evidence (three calendar
           years, "year", confidence 0.25).
        5. The range never collapses to a single day, so an estimate is never presented as
           exact. ``confidence`` is the rough share of estimates of that basis that held the
           true date on the Wikinews and PolNeAR measurements (``python -m
           onrecord.evaluate.published``). A day without a year gets one only from its
           weekday: news rarely states its own year, and assuming the latest year mentioned
           put only 2-6% of such estimates in range.
    """
    if times is None:
        times = find_times(text, None)
    evidence = _collect(text, times)
    past = [e for e in evidence if not e.future]
    # a plan says the article was written in its year or the year before; a target or a
    # forecast ("by 2030", "projected to double in 2034"), or a plan far beyond every past
    # mention ("will fall by half in 2030" beside events of 2015), can lie decades ahead
    horizon = max((e.start.year for e in past), default=None)
    past += [
        _Evidence(date(e.start.year - _PLAN_LEAD_YEARS, 1, 1), e.end, "plans", False, False)
        for e in evidence
        if e.future
        and not e.target
        and e.level in ("month", "year")
        and (horizon is None or e.start.year <= horizon + _PLAN_REACH_YEARS)
    ]
    if not past:
        return None
    rank = {"day": 2, "month": 1, "year": 0, "plans": -1}
    best = max(past, key=lambda e: (e.start, rank[e.level]))
    earliest = best.start
    if best.level == "day":
        same_day = [e for e in past if e.level == "day" and e.start == best.start]
        basis = "day+weekday" if any(e.weekday_checked for e in same_day) else "day"
        window = _WEEKDAY_WINDOW if _has_bare_weekday(text, times) else _DAY_WINDOW
        latest = earliest + timedelta(days=window)
    elif best.level == "month":
        latest, basis = date(best.end.year + _MONTH_YEARS, 12, 31), "month"
    elif best.level == "plans":
        # what an article names as still ahead falls in its own year or the next one
        latest, basis = best.end, "plans"
    else:
        latest, basis = _year_range(text, best, past)
    caps = [e.start - timedelta(days=1) for e in evidence if e.future and e.level == "day"]
    caps = [cap for cap in caps if cap > earliest]
    if caps:
        latest = min(latest, min(caps))
    return DateEstimate(earliest, latest, _CONFIDENCE[basis], f"{basis}: {best.start.isoformat()}")
