"""Turn a matched time expression into its TIMEX3 type and value, one normaliser per pattern rule.

Notes:
    Values follow the TIMEX3 value grammar of TimeML 1.2.1 ("2021-04-23", "2021-W16",
    "2021-SP", "2021-Q3", "P2W", "PRESENT_REF", "XXXX-04-23" where the year is unknown).
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

from onrecord.extraction.time import anchor
from onrecord.extraction.time.context import NORMALISERS, Context, Normalised, register
from onrecord.extraction.time.duration import duration_value
from onrecord.extraction.time.lexicon import (
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    TIME_UNITS,
    WEEKDAYS,
    number_of,
    unit_of,
)
from onrecord.extraction.time.tense import FUTURE, PAST, is_simple_past

logger = logging.getLogger(__name__)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _direction(word: str | None, ctx: Context) -> int:
    """-1, 0 or +1 from "last"/"this"/"next", else from the tense of the clause."""
    rel = (word or "").lower().strip()
    if rel in ("last", "this past", "past", "previous", "the past", "the last", "the previous"):
        return PAST
    if rel in ("next", "this coming", "coming", "the next", "the coming"):
        return FUTURE
    if rel in ("this", "current", "the current", "the same", "the latest"):
        return 0
    return ctx.tense


def _year_of(raw: str | None) -> int | None:
    return int(raw) if raw else None


def normalise(rule: str, match: re.Match[str], ctx: Context) -> Normalised:
    """The TIMEX3 type and value of one match.

    Args:
        rule: The name of the rule that matched (a key of ``patterns.RULES``).
        match: The regex match.
        ctx: The text, anchor date and parse.

    Returns:
        ``(type, value)``; value is None when it cannot be told without a publication date.

    Raises:
        KeyError: For a rule without a normaliser (a programming error).
    """
    try:
        return NORMALISERS[rule](match, ctx)
    except (ValueError, OverflowError) as error:
        logger.debug("cannot normalise %r (%s): %s", match.group(0), rule, error)
        return "DATE", None


def is_time(rule: str, match: re.Match[str], ctx: Context) -> bool:
    """Whether a match refers to a time once its clause is known; the text-only checks are
    in ``patterns``.

    Args:
        rule: The name of the rule that matched.
        match: The regex match.
        ctx: The text, anchor date and parse.

    Returns:
        False for "soon" told in the past tense ("He was soon released", "a trickle that soon
        became a flood"): there it means shortly after an event of the story, not a time ahead
        of the article, and TimeBank and AQUAINT leave it unmarked.
    """
    if rule == "vague" and match.group("word").lower() == "soon":
        return not _is_told_in_past(ctx)
    return True


def _is_told_in_past(ctx: Context) -> bool:
    """Whether the verb an adverb modifies is a simple past ("was soon released", "soon became")."""
    if ctx.doc is None:
        return ctx.tense == PAST
    span = ctx.doc.char_span(ctx.start, ctx.end, alignment_mode="expand")
    return span is not None and is_simple_past(span.root.head)


@register("iso")
def _iso(match: re.Match[str], ctx: Context) -> Normalised:
    year, month, day, hour, minute = match.groups()
    date(int(year), int(month), int(day))
    if hour:
        return "TIME", f"{year}-{month}-{day}T{hour}:{minute}"
    return "DATE", f"{year}-{month}-{day}"


@register("slash")
def _slash(match: re.Match[str], ctx: Context) -> Normalised:
    month, day, year = (int(x) for x in match.groups())
    if year < 100:
        year += 1900 if year > 30 else 2000
    return "DATE", date(year, month, day).isoformat()


def day_value(
    month: int, day: int, year: int | None, ctx: Context, direction: int | None = None
) -> str:
    """The value of a day of a month, its year from ``year``, else anchored by ``direction``
    (-1, 0, +1), else by the tense of the clause."""
    date(2000, month, day)
    if year is None:
        if ctx.published is None:
            return f"XXXX-{month:02d}-{day:02d}"
        toward = ctx.tense if direction is None else direction
        year = anchor.day_year(ctx.published, month, day, toward)
    return f"{year}-{month:02d}-{day:02d}"


@register("month_day")
@register("day_month")
@register("second_day")
def _month_day(match: re.Match[str], ctx: Context) -> Normalised:
    month, day = _month(match.group("month")), int(match.group("day"))
    groups = match.groupdict()
    rel, year = groups.get("rel"), _year_of(groups.get("year"))
    direction = _direction(rel, ctx) if rel else None
    if direction and ctx.published is not None and year is None:
        # "last Oct. 23" is the latest such day before the article, "next May 1" the first after
        year = anchor.strict_day_year(ctx.published, month, day, direction)
    return "DATE", day_value(month, day, year, ctx)


@register("week_of")
def _week_of(match: re.Match[str], ctx: Context) -> Normalised:
    month, day = _month(match.group("month")), int(match.group("day"))
    value = day_value(month, day, _year_of(match.group("year")), ctx)
    if value.startswith("X"):
        return "DATE", None
    return "DATE", anchor.week_value(date.fromisoformat(value))


@register("year_prefixed")
def _year_prefixed(match: re.Match[str], ctx: Context) -> Normalised:
    return "DATE", match.group("year")


@register("weekday_date")
def _weekday_date(match: re.Match[str], ctx: Context) -> Normalised:
    return _month_day(match, ctx)


@register("month_year")
def _month_year(match: re.Match[str], ctx: Context) -> Normalised:
    return "DATE", f"{int(match.group('year'))}-{_month(match.group('month')):02d}"


@register("month")
def _month_alone(match: re.Match[str], ctx: Context) -> Normalised:
    month = _month(match.group("month"))
    if ctx.published is None:
        return "DATE", f"XXXX-{month:02d}"
    rel = match.group("rel")
    direction = _direction(rel, ctx)
    ahead = (month - ctx.published.month) % 12
    if (
        not rel
        and direction == PAST
        and (ahead == 1 or _DEADLINE_BEFORE.search(ctx.text, max(0, ctx.start - 12), ctx.start))
    ):
        # the month just ahead is rarely one eleven months back, and "until January",
        # "through January" name a deadline, whatever the tense of the clause
        direction = FUTURE
    if not rel and direction == 0 and ahead > 6:
        # an untensed clause does not reach more than half a year ahead: "in late November",
        # written in January, is the one just past
        direction = PAST
    year = anchor.month_year(ctx.published, month, direction)
    return "DATE", f"{year}-{month:02d}"


_DEADLINE_BEFORE = re.compile(r"\b(?:until|till|through|by)\s+(?:(?:early|mid|late)[- ]?)?$", re.I)


def _with_part(day_value: str | None, part: str | None) -> Normalised:
    if part is None:
        return "DATE", day_value
    code = PARTS_OF_DAY[part.lower()]
    return "TIME", f"{day_value}T{code}" if day_value else None


@register("weekday")
def _weekday(match: re.Match[str], ctx: Context) -> Normalised:
    if ctx.published is None:
        return _with_part(None, match.group("part"))
    day = _date_of_weekday(ctx.published, match.group("weekday"), match.group("rel"), ctx)
    return _with_part(day.isoformat(), match.group("part"))


def _date_of_weekday(published: date, word: str, rel: str | None, ctx: Context) -> date:
    """The date of a weekday named with or without "last", "this", "next"."""
    weekday = WEEKDAYS[word.lower()]
    rel = (rel or "").lower().strip()
    direction = _direction(rel, ctx) if rel else ctx.tense
    if rel == "this" or direction == 0:
        # news mostly reports what happened: an untensed weekday points back
        direction = ctx.tense or PAST
    day = anchor.weekday_date(published, weekday, direction)
    if rel in ("last", "next") and day == published:
        day += timedelta(days=7 * direction)
    return day


@register("year")
def _year(match: re.Match[str], ctx: Context) -> Normalised:
    return "DATE", match.group("year")


@register("decade")
def _decade(match: re.Match[str], ctx: Context) -> Normalised:
    return "DATE", match.group("decade")


@register("decade_short")
def _decade_short(match: re.Match[str], ctx: Context) -> Normalised:
    digit = match.group("decade")
    return "DATE", f"{'20' if digit in '012' else '19'}{digit}"


@register("century")
def _century(match: re.Match[str], ctx: Context) -> Normalised:
    return "DATE", f"{int(match.group('n')) - 1:02d}"


DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@register("deictic_day")
def _deictic_day(match: re.Match[str], ctx: Context) -> Normalised:
    word = match.group("day").lower()
    part = match.group("part") or ("night" if word == "tonight" else None)
    if ctx.published is None:
        return _with_part(None, part)
    day = ctx.published + timedelta(days=DAY_OFFSETS[word])
    return _with_part(day.isoformat(), part)


@register("day_around")
def _day_around(match: re.Match[str], ctx: Context) -> Normalised:
    if ctx.published is None:
        return "DATE", None
    step = 1 if match.group("dir").lower() == "after" else -1
    if match.group("weekday"):
        named = _date_of_weekday(ctx.published, match.group("weekday"), match.group("rel"), ctx)
    elif match.group("month"):
        value = day_value(_month(match.group("month")), int(match.group("mday")), None, ctx)
        named = date.fromisoformat(value)
    else:
        named = ctx.published + timedelta(days=DAY_OFFSETS[match.group("day").lower()])
    return "DATE", (named + timedelta(days=step)).isoformat()


@register("last_night")
def _last_night(match: re.Match[str], ctx: Context) -> Normalised:
    part = match.group("part").lower()
    if ctx.published is None:
        return "TIME", None
    yesterday = match.group("rel").lower() == "last"
    day = ctx.published - timedelta(days=1 if yesterday else 0)
    return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[part]}"


_REL_AMOUNT = {PAST: -1, FUTURE: 1, 0: 0}


_STRETCH_PERIODS = frozenset({"week", "month", "quarter", "decade", "century"})


@register("relative_period")
def _relative_period(match: re.Match[str], ctx: Context) -> Normalised:
    period = match.group("period").lower()
    rel = match.group("rel").lower()
    if rel in ("past", "the past", "the last") and period in _STRETCH_PERIODS:
        # "the past week", "the past decade" are stretches up to now; "the past year" is read
        # as the calendar year before this one, as TimeBank marks it
        return duration_value(1, period)
    if ctx.published is None:
        return "DATE", f"XXXX-{SEASONS[period]}" if period in SEASONS else None
    direction = _direction(rel, ctx)
    if period in SEASONS:
        return "DATE", anchor.season_value(ctx.published, SEASONS[period], direction)
    if period == "weekend":
        return "DATE", _weekend(ctx.published, direction)
    return "DATE", anchor.shift(ctx.published, period, _REL_AMOUNT[direction])


def _weekend(published: date, direction: int) -> str:
    saturday = anchor.weekday_date(published, 5, direction or FUTURE)
    if direction == PAST and published.weekday() < 5:
        saturday = anchor.weekday_date(published, 5, PAST)
    return f"{anchor.week_value(saturday)}-WE"


@register("weekend")
def _weekend_rule(match: re.Match[str], ctx: Context) -> Normalised:
    if ctx.published is None:
        return "DATE", None
    rel = match.group("rel").lower()
    direction = _direction(rel, ctx) if rel != "the" else ctx.tense
    return "DATE", _weekend(ctx.published, direction)


def _amount(raw: str) -> int | None:
    return number_of(raw)


_EVENT_UNITS = frozenset({"second", "minute", "hour", "day", "night", "week"})
_SIGN = {"ago": -1, "earlier": -1, "before": -1, "later": 1, "from now": 1, "hence": 1, "after": 1}


@register("ago")
@register("a_unit_ago")
def _ago(match: re.Match[str], ctx: Context) -> Normalised:
    unit = unit_of(match.group("unit"))
    amount = _amount(match.group("n"))
    direction = match.group("dir").lower()
    if direction in ("before", "after") or (direction == "earlier" and unit in _EVENT_UNITS):
        # "two days after the vote" and "a day earlier" are anchored to an event, not to the
        # document date ("a year earlier" of an earnings report is a date, the year-ago period)
        return duration_value(amount, unit)
    if amount is None and direction in ("ago", "from now", "hence"):
        # "several years ago" names no date, only a side of the present
        return "DATE", "PAST_REF" if direction == "ago" else "FUTURE_REF"
    if ctx.published is None or amount is None:
        return "DATE", None
    sign = _SIGN[direction]
    if unit == "year" and amount == 1 and sign < 0 and _speaks_of_quarters(ctx):
        return "DATE", _quarter_a_year_ago(ctx)
    if unit in TIME_UNITS or unit not in (
        "day",
        "week",
        "month",
        "quarter",
        "year",
        "decade",
        "century",
    ):
        return "DATE", None
    return "DATE", anchor.shift(ctx.published, unit, sign * amount)


@register("year_ago")
def _year_ago(match: re.Match[str], ctx: Context) -> Normalised:
    if ctx.published is None:
        return "DATE", None
    unit = match.group("unit").lower()
    if unit == "year" and _speaks_of_quarters(ctx):
        return "DATE", _quarter_a_year_ago(ctx)
    return "DATE", anchor.shift(ctx.published, unit, -1)


_QUARTER_WORDS = re.compile(r"quarter", re.IGNORECASE)
# figures for a longer stretch than a quarter: "for the nine months, ... a year earlier"
_LONGER_PERIODS = re.compile(
    r"\b(?:nine|six) months|\bfirst half|\b(?:full|fiscal|the) year\b|\byear-to-date",
    re.IGNORECASE,
)


def _speaks_of_quarters(ctx: Context) -> bool:
    """Whether the expression compares quarterly results: its sentence, or the article so far.

    A sentence about a longer stretch ("for the nine months") compares years, not quarters.
    """
    left = ctx.text[max(0, ctx.start - 200) : ctx.start]
    left = left[max(left.rfind(". "), left.rfind("\n")) + 1 :]
    right = ctx.text[ctx.end : ctx.end + 80].split(". ")[0]
    if _QUARTER_WORDS.search(left) or _QUARTER_WORDS.search(right):
        return True
    if _LONGER_PERIODS.search(left) or _LONGER_PERIODS.search(right):
        return False
    return ctx.discourse.last_quarter is not None


def _quarter_a_year_ago(ctx: Context) -> str:
    """The quarter last named (else the one just ended), a year earlier: "a year ago" in reports."""
    if ctx.discourse.last_quarter is not None:
        year, number = ctx.discourse.last_quarter
        return f"{year - 1}-Q{number}"
    assert ctx.published is not None
    return anchor.shift(ctx.published, "quarter", -5)


def _quarter_of(published: date) -> int:
    return (published.month - 1) // 3 + 1


_YEAR_OFFSETS = {"this": 0, "last": -1, "next": 1, "year-ago": -1, "year-earlier": -1}


def _named_quarter_year(groups: dict[str, str | None], number: int, ctx: Context) -> str:
    """The year of "the third quarter", "the 1988 third quarter", "last year's first quarter"."""
    year, prior, rel = groups.get("year"), groups.get("prior"), groups.get("rel")
    if year:
        return year
    if prior and prior.isdigit():
        return prior
    if ctx.published is None:
        return "XXXX"
    offset = _YEAR_OFFSETS.get((prior or rel or "").lower())
    if offset is not None:
        return str(ctx.published.year + offset)
    # a quarter not yet begun, told in the past tense, is last year's
    if number > _quarter_of(ctx.published) + 1 and ctx.tense == PAST:
        return str(ctx.published.year - 1)
    return str(ctx.published.year)


@register("quarter")
def _quarter(match: re.Match[str], ctx: Context) -> Normalised:
    number = ORDINALS[match.group("ord").lower()]
    return "DATE", f"{_named_quarter_year(match.groupdict(), number, ctx)}-Q{number}"


@register("the_quarter")
def _the_quarter(match: re.Match[str], ctx: Context) -> Normalised:
    rel = (match.group("rel") or "").lower()
    last = ctx.discourse.last_quarter
    if rel.isdigit():
        # "the 1988 period" compares the quarter last named with the same quarter of 1988
        return "DATE", f"{rel}-Q{last[1]}" if last else rel
    if ctx.published is None:
        return "DATE", None
    unit = "quarter"
    if rel in ("year-ago", "year-earlier"):
        if last is not None:
            return "DATE", f"{last[0] - 1}-Q{last[1]}"
        return "DATE", anchor.shift(ctx.published - timedelta(days=365), unit, -1)
    if rel == "current":
        return "DATE", anchor.shift(ctx.published, unit, 0)
    if last is not None:
        # "the quarter" of an earnings report is the one it named last
        return "DATE", f"{last[0]}-Q{last[1]}"
    # results reported in a quarter are those of the quarter just ended
    return "DATE", anchor.shift(ctx.published, unit, -1)


@register("half")
def _half(match: re.Match[str], ctx: Context) -> Normalised:
    half = 1 if match.group("ord").lower() == "first" else 2  # "last half" is the second
    year = match.group("year") or (str(ctx.published.year) if ctx.published else "XXXX")
    return "DATE", f"{year}-H{half}"


@register("season")
def _season(match: re.Match[str], ctx: Context) -> Normalised:
    season = SEASONS[match.group("season").lower()]
    if match.group("year"):
        return "DATE", f"{match.group('year')}-{season}"
    if ctx.published is None:
        return "DATE", f"XXXX-{season}"
    rel = (match.group("rel") or "").strip().lower()
    return "DATE", anchor.season_value(ctx.published, season, _direction(rel, ctx) if rel else 0)


_VAGUE_VALUES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "the present": "PRESENT_REF",
    "presently": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF",
    "the past": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
    "soon": "FUTURE_REF", "right now": "PRESENT_REF", "more recently": "PAST_REF",
    "as soon as possible": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
}  # fmt: skip


@register("vague")
def _vague(match: re.Match[str], ctx: Context) -> Normalised:
    # TimeBank marks "in recent months" now as PAST_REF, now as PXM; the issue asks PAST_REF
    word = " ".join(match.group("word").lower().split())
    return "DATE", _VAGUE_VALUES.get(word, "PAST_REF")


_YEAR_ENDED = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|through|to)\b", re.IGNORECASE)


@register("the_year")
def _the_year(match: re.Match[str], ctx: Context) -> Normalised:
    # "the year ended March 31" is a twelve-month stretch; "for the full year", "the end of the
    # year" are the current calendar or fiscal year
    if _YEAR_ENDED.match(ctx.text, ctx.end) and not match.group("mod"):
        return "DURATION", "P1Y"
    if ctx.published is None:
        return "DATE", None
    return "DATE", str(ctx.published.year)


_TENS_VALUES = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip


@register("spelled_year")
def _spelled_year(match: re.Match[str], ctx: Context) -> Normalised:
    century = 19 if match.group("century").lower() == "nineteen" else 20
    rest = number_of(match.group("rest"))
    if rest is None or rest > 99:
        raise ValueError(f"not a year: {match.group(0)!r}")
    return "DATE", f"{century}{rest:02d}"


@register("year_2000")
def _year_2000(match: re.Match[str], ctx: Context) -> Normalised:
    rest = number_of(match.group("rest").replace("and", "")) if match.group("rest") else 0
    return "DATE", str(2000 + (rest or 0))


@register("month_rel_year")
def _month_rel_year(match: re.Match[str], ctx: Context) -> Normalised:
    month = _month(match.group("month"))
    if ctx.published is None:
        return "DATE", f"XXXX-{month:02d}"
    year = ctx.published.year + {"this": 0, "last": -1, "next": 1}[match.group("rel").lower()]
    return "DATE", f"{year}-{month:02d}"


def _thanksgiving(year: int) -> date:
    """The fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def _election_day(year: int) -> date:
    """The Tuesday after the first Monday of November (United States general elections)."""
    first = date(year, 11, 1)
    return first + timedelta(days=(0 - first.weekday()) % 7 + 1)


def _easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leaps, century_rest = divmod(century, 4)
    correction = (century - (century + 8) // 25 + 1) // 3
    moon = (19 * golden + century - leaps - correction + 15) % 30
    weekday = (32 + 2 * century_rest + 2 * (rest // 4) - moon - rest % 4) % 7
    shift = (golden + 11 * moon + 22 * weekday) // 451
    month, day = divmod(moon + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


_MOVING_HOLIDAYS = {
    "easter": _easter,
    "easter sunday": _easter,
    "thanksgiving": _thanksgiving,
    "thanksgiving day": _thanksgiving,
    "election day": _election_day,
}


_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
    "independence day": (7, 4), "july fourth": (7, 4), "the fourth of july": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14),
}  # fmt: skip


@register("holiday")
def _holiday(match: re.Match[str], ctx: Context) -> Normalised:
    name = " ".join(match.group("name").lower().split())
    moving = _MOVING_HOLIDAYS.get(name)
    if ctx.published is None:
        if moving is not None:
            return "DATE", None
        month, day = _HOLIDAYS[name]
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    if moving is not None:
        year = anchor.month_year(ctx.published, moving(ctx.published.year).month, ctx.tense)
        return "DATE", moving(year).isoformat()
    month, day = _HOLIDAYS[name]
    year = anchor.month_year(ctx.published, month, ctx.tense)
    return "DATE", f"{year}-{month:02d}-{day:02d}"


@register("easter_week")
def _easter_week(match: re.Match[str], ctx: Context) -> Normalised:
    # the week that ends on Easter Sunday (Holy Week)
    if ctx.published is None:
        return "DATE", None
    year = anchor.month_year(ctx.published, _easter(ctx.published.year).month, ctx.tense)
    return "DATE", anchor.week_value(_easter(year))


@register("following")
def _following(match: re.Match[str], ctx: Context) -> Normalised:
    unit = match.group("unit").lower()
    reference = ctx.discourse.last_date
    if reference is None:
        # with no date named before, only a year or month after the article's date is safe
        if ctx.published is None or unit not in ("year", "month"):
            return "DATE", None
        reference = ctx.published
    return "DATE", anchor.shift(reference, unit, 1)


@register("next_day")
def _next_day(match: re.Match[str], ctx: Context) -> Normalised:
    reference = ctx.discourse.last_day
    day = (reference + timedelta(days=1)).isoformat() if reference else None
    return _with_part(day, match.group("part"))


@register("that_period")
def _that_period(match: re.Match[str], ctx: Context) -> Normalised:
    unit, told = match.group("unit").lower(), ctx.discourse
    if unit == "quarter":
        quarter = told.last_quarter
        return "DATE", f"{quarter[0]}-Q{quarter[1]}" if quarter else None
    if unit == "day":
        return "DATE", told.last_day.isoformat() if told.last_day else None
    if told.last_date is None or (unit == "month" and told.last_level == "year"):
        return "DATE", None
    if unit == "month":
        return "DATE", f"{told.last_date.year}-{told.last_date.month:02d}"
    return "DATE", str(told.last_date.year)


@register("coming")
def _coming(match: re.Match[str], ctx: Context) -> Normalised:
    # "in the coming years" is a stretch ahead, like "the next few years"; "in coming months"
    # only looks ahead
    if ctx.text[max(0, ctx.start - 4) : ctx.start].lower() == "the ":
        return duration_value(None, unit_of(match.group("unit")))
    return "DATE", "FUTURE_REF"
