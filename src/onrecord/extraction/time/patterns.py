"""The regular expressions that find time expressions, compiled once, and the scan over them.

Notes:
    Extents follow the TimeML annotation guidelines (TimeML 1.2.1, TIMEX3): prepositions stay
    outside ("on Thursday" → "Thursday"), determiners and modifiers stay inside ("the past three
    years", "early next year", "late November").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?"
)
# month names are matched case-sensitively: "may" and "march" are also verbs
MONTH = rf"(?-i:(?:{_MONTH_NAMES}))(?![\w])"
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_SMALL = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen"
)
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
CARDINAL = (
    rf"(?:\d+(?:\.\d+)?|(?:{_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"|a dozen|dozen|(?:a |one )?hundred|{_SMALL}|an?|single)"
)
VAGUE = r"(?:several|a few|few|many|a couple of|couple of|a number of|dozens of|hundreds of)"
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|century|centuries|millenni(?:um|a))"
)
_UNIT1 = r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)"
_PERIOD = r"(?:week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)"
_APPROX = (
    r"(?:(?:nearly|almost|more than|less than|at least|up to|another|the last|the past|the next"
    r"|the first|the final|the coming|the previous|the following|the latest|the same|the entire"
    r"|the whole|past|last|next|first|coming|final|the)\s+)"
)
_ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
# "5 1/2 hours", "two and a half years", "a two-and-a-half-year term"
_HALF = r"(?:\s+1/2|\s+and\s+a\s+half|-and-a-half)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAYPART = r"(?:morning|afternoon|evening|night|overnight)"
_MOD = (
    r"(?:(?:early|late|mid|earlier|later|the end of|the start of|the beginning of"
    r"|the middle of)[- ]?\s*)"
)

_ZONE = r"(?P<zone>(?-i:EST|EDT|GMT|UTC|CST|CDT|PST|PDT|ET))\b"
_CLOCK_DAY = (
    rf"(?:(?P<day>today|yesterday|tomorrow|{WEEKDAY})"
    rf"|(?P<month>{MONTH})\s+(?P<mday>\d{{1,2}})\b(?:,?\s+(?P<year>\d{{4}})\b)?)"
)


@dataclass(frozen=True)
class Rule:
    """One pattern of the grammar: the name its normaliser is registered under and the regex."""

    name: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Candidate:
    """A stretch of text one rule matched."""

    start: int
    end: int
    rule: str
    match: re.Match[str]


def _rule(name: str, pattern: str, flags: int = re.IGNORECASE) -> Rule:
    return Rule(name, re.compile(rf"(?<![\w-]){pattern}(?![\w])", flags))


AGE_RULE = _rule(
    "age", rf"(?P<n>{CARDINAL})[- ](?P<unit>years?|months?|weeks?|days?)[- ](?:old|olds)"
)
"""An age written as a compound ("66-year-old", "45 years old", "an 8-month-old")."""

# order matters only between matches of the same extent: the earlier rule wins
RULES: tuple[Rule, ...] = (
    _rule("iso", r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?"),
    _rule("slash", r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})"),
    _rule(
        "month_day",
        rf"(?P<rel>(?:last|this|next|this past|this coming)\s+)?({_MOD})?(?P<month>{MONTH})\s+"
        rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?",
    ),
    # "April 24 and 25": the second day of the pair, its month read from the first
    _rule(
        "second_day",
        rf"(?P<month>{MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?\s+(?:and|or|to|through)\s+"
        r"(?P<extent>(?P<day>\d{1,2})(?:st|nd|rd|th)?)(?![\d,.]*\d)",
    ),
    # "the week of March 6"
    _rule(
        "week_of",
        rf"the\s+week\s+of\s+(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,?\s+(?P<year>\d{{4}}))?",
    ),
    # "post-1959 politics", "pre-1990 levels"
    _rule("year_prefixed", r"(?:post|pre)-(?P<year>1[6-9]\d\d|20\d\d)"),
    _rule(
        "day_month",
        rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s+(?P<year>\d{{4}}))?",
    ),
    _rule("month_year", rf"(?P<mod>{_MOD})?(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>\d{{4}})"),
    _rule(
        "month",
        rf"(?P<rel>(?:last|this|next|this past|this coming)\s+)?(?P<mod>{_MOD})?(?P<month>{MONTH})",
    ),
    _rule(
        "weekday",
        rf"(?P<rel>(?:last|this|next|this past|this coming)\s+)?(?P<mod>(?:early|late)\s+)?"
        rf"(?P<weekday>{WEEKDAY})(?:\s+(?P<part>{_DAYPART}))?",
    ),
    _rule(
        "weekday_date",
        rf"(?P<weekday>{WEEKDAY}),?\s+(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,?\s+(?P<year>\d{{4}}))?",
    ),
    _rule(
        "year",
        r"(?P<mod>(?:fiscal|calendar|early|late|mid|the end of|the start of|the beginning of"
        r"|the middle of|the year|the summer of|the spring of|the fall of|the winter of)[- ]?\s*)?"
        r"(?<![$\d.,])(?P<year>1[6-9]\d\d|20\d\d)(?!\s*(?:%|percent|\$))",
    ),
    _rule("decade", rf"(?:the\s+)?(?P<mod>{_MOD})?(?P<decade>1[6-9]\d|20\d)0'?s"),
    _rule("decade_short", rf"(?P<mod>{_MOD})?(?:the\s+)?'(?P<decade>\d)0s"),
    _rule("century", r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century"),
    _rule(
        "deictic_day",
        rf"(?P<mod>(?:early|late)\s+)?(?P<day>today|yesterday|tomorrow|tonight)"
        rf"(?:\s+(?P<part>{_DAYPART}))?",
    ),
    # "the day before yesterday", "the day before last Tuesday's hearing", "the day after May 3"
    _rule(
        "day_around",
        r"the\s+day\s+(?P<dir>before|after)\s+(?:(?P<day>yesterday|today|tomorrow)"
        rf"|(?P<rel>last\s+|this\s+|next\s+)?(?P<weekday>{WEEKDAY})"
        rf"|(?P<month>{MONTH})\s+(?P<mday>\d{{1,2}})\b)",
    ),
    _rule("last_night", rf"(?P<rel>last|this)\s+(?P<part>night|{_DAYPART})"),
    _rule(
        "relative_period",
        rf"(?P<mod>{_MOD})?(?P<rel>last|this|next|past|coming|previous|current|the past|the last"
        rf"|the next|the coming|the previous|the current|this past|this coming|the same)"
        rf"\s+(?P<period>{_PERIOD})",
    ),
    _rule(
        "ago",
        rf"{_APPROX}?(?P<n>{CARDINAL}|{VAGUE})\s+(?P<unit>{UNIT})(?:\s+or\s+so)?"
        r"\s+(?P<dir>ago|earlier|from now|hence)",
    ),
    # "three days later" is no date: TimeML marks the stretch "three days", anchored to the event
    # told before, not to the article's date
    _rule(
        "a_unit_ago",
        rf"(?P<n>a|an|one)\s+(?P<unit>{_UNIT1})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier)",
    ),
    _rule("year_ago", r"(?P<unit>year|month|quarter)[- ](?P<dir>earlier|ago)(?=\s+\w)"),
    _rule(
        "duration",
        rf"(?P<approx>{_APPROX}*)(?P<n>{CARDINAL}|{VAGUE})(?P<half>{_HALF})?"
        rf"\s+(?:more\s+|full\s+|straight\s+|consecutive\s+)?(?P<unit>{UNIT})"
        r"(?P<half_after>\s+and\s+a\s+half)?",
    ),
    _rule(
        "duration_adj",
        # "a day-long strike" is "day-long": an article is no number of an adjective
        rf"(?!(?:an?|single)\s)(?:(?P<n>{CARDINAL})(?P<half>{_HALF})?[- ]"
        rf"|(?P<vague>several|multi)-)(?P<unit>{_UNIT1})(?:-long)?(?!-old)",
    ),
    # "a day-long strike", "a decades-long embargo"
    _rule("duration_long", rf"(?P<unit>{_UNIT1})(?P<plural>s)?-long"),
    # ages are found so that no shorter duration inside them is taken; find_times leaves them
    # out (TimeML does not annotate ages) and the quantities extractor reports them
    AGE_RULE,
    _rule("bare_units", r"(?<=\bfor )(?P<unit>years|months|weeks|days|decades|hours|minutes)"),
    # "the third quarter", "this year's third quarter", "the 1988 second quarter", "the third
    # quarter of 1990"; the determiner stays outside a hyphenated modifier ("the third-quarter
    # loss")
    _rule(
        "quarter",
        rf"(?:the\s+|(?P<rel>this|last|next)\s+year's\s+)?(?:(?P<prior>year-ago|year-earlier"
        rf"|{_YEAR})\s+)?(?:(?:fiscal|calendar)\s+)?(?P<ord>{_ORDINAL})\s+(?:fiscal\s+)?quarter"
        rf"(?:\s+of\s+(?:fiscal\s+)?(?P<year>{_YEAR}))?",
    ),
    _rule("quarter", rf"(?:(?:fiscal|calendar)[- ])?(?P<ord>{_ORDINAL})-(?:fiscal-)?quarter"),
    _rule(
        "the_quarter",
        rf"the\s+(?:(?:comparable|corresponding|same)\s+)?(?P<rel>latest|current|recent|past|last"
        rf"|previous|just-ended|year-ago|year-earlier|fiscal|{_YEAR})?\s*(?P<unit>quarter|period)",
    ),
    _rule(
        "half",
        r"(?:the\s+)?(?P<ord>first|second|last)[- ]half"
        r"(?:\s+of\s+(?:the\s+year\s+)?(?P<year>\d{4}))?",
    ),
    _rule(
        "season",
        r"(?P<mod>(?:early|late|mid)[- ]?)?(?P<rel>this|last|next|this past|this coming)?\s*"
        r"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>\d{4}))?",
    ),
    _rule(
        "vague",
        r"(?P<word>recent (?:years|months|weeks|days|decades)|right now|now|currently|current"
        r"|(?:more )?recently|recent|the past|the (?:near )?future|(?<=in )future|soon"
        r"|as soon as possible|the (?:near|short) term|nowadays|these days|lately|the present"
        r"|presently|formerly)",
    ),
    _rule(
        "clock",
        r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)"
        rf"(?:\s+{_ZONE})?",
    ),
    _rule("clock_word", r"(?P<word>noon|midnight|midday)"),
    # "4 in the morning", "eight o'clock in the evening"
    _rule(
        "clock_part",
        rf"(?P<hour>\d{{1,2}}|{_SMALL})(?:\s+o'clock)?\s+in\s+the\s+"
        r"(?P<part>morning|afternoon|evening)",
    ),
    _rule("set_word", r"(?P<word>daily|weekly|monthly|yearly|annually|nightly|hourly|biweekly)"),
    _rule(
        "the_year",
        r"(?P<mod>(?:the end|the start|the beginning|the middle|the rest) of\s+)?"
        r"the\s+(?P<kind>(?:full|fiscal|entire|whole|current|calendar)\s+){0,2}year"
        r"(?!\s+(?:\d|two thousand|ago|earlier|before|after))",
    ),
    _rule(
        "spelled_year",
        rf"(?P<century>nineteen|twenty)\s+(?:hundred\s+(?:and\s+)?)?(?P<rest>(?:{_TENS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)",
    ),
    _rule(
        "year_2000",
        r"(?:the\s+year\s+)?two thousand"
        r"(?P<rest>(?:\s+and)?\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?",
    ),
    _rule("month_rel_year", rf"(?P<month>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year"),
    # "9 a.m. EST Tuesday", "5 p.m. EST, Nov. 9", "noon Saturday": the time of a named day
    _rule(
        "clock_day",
        rf"(?P<hour>\d{{1,2}})(?:[:.](?P<minute>\d{{2}}))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)"
        rf"(?:\s+{_ZONE})?,?\s+(?:on\s+)?{_CLOCK_DAY}",
    ),
    _rule("noon_day", rf"(?P<word>noon|midnight)(?:\s+{_ZONE})?,?\s+(?:on\s+)?{_CLOCK_DAY}"),
    _rule(
        "set_every",
        rf"(?:every|each)\s+(?P<other>other\s+)?(?:(?P<n>{CARDINAL})\s+)?"
        rf"(?P<unit>{UNIT}|{WEEKDAY}|morning|night|evening|afternoon|spring|summer|fall|winter)",
    ),
    _rule(
        "set_times",
        rf"(?:once|twice|(?:{CARDINAL})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{_UNIT1})",
    ),
    _rule(
        "holiday",
        r"(?P<name>christmas(?:\s+(?:day|eve))?|new year's(?:\s+(?:day|eve))?"
        r"|thanksgiving(?:\s+day)?"
        r"|independence day|halloween|valentine's day|july fourth|the fourth of july"
        r"|(?-i:Election Day)|(?-i:Easter)(?:\s+Sunday)?)",
    ),
    _rule("easter_week", r"(?-i:Easter\s+week|Holy\s+Week)"),
    _rule("weekend", r"(?P<rel>the|this|last|next|this past|the past)\s+weekend"),
    # "On May 22, 1995, he was promoted, and the following year ...": after the date last named
    _rule("following", r"the\s+following\s+(?P<unit>day|week|month|year)"),
    # "He appeared in court the next morning": the day after the day last named
    _rule(
        "next_day",
        r"the\s+(?:next|following)\s+(?:day|(?P<part>morning|afternoon|evening|night))",
    ),
    # "later that year", "that quarter", "earlier that day", "that same day": the period of the
    # date last named; a bare "that day" is left out, as often generic ("redemptions that day")
    _rule(
        "that_period",
        r"(?:(?P<mod>earlier|later)\s+that|that\s+same|(?P<plain>that))\s+"
        r"(?P<unit>day|month|year|quarter)",
    ),
    # "in coming months" looks ahead without a length; "in the weeks ahead" is a vague stretch
    _rule("coming", r"coming\s+(?P<unit>weeks|months|quarters|years)"),
    _rule("ahead", r"the\s+(?P<unit>days|weeks|months|years)\s+ahead"),
)

_RULE_ORDER = {rule.name: index for index, rule in enumerate(RULES)}

# bare month names that are also ordinary words need a cue word before them
_AMBIGUOUS_MONTHS = frozenset(
    {"May", "March", "Jan", "Jun", "Jul", "Aug", "Dec", "Sept", "Oct", "Nov", "Feb", "Apr"}
)
_MONTH_CUES = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|through|last|this|next|early|late|mid|before|after"
    r"|during|between|and|to|or|end|beginning|middle)[\s-]+)$",
    re.IGNORECASE,
)


def _plausible(candidate: Candidate, text: str) -> bool:
    """Drop matches that are usually not times: a bare "May" without a cue word, a lone "a year"."""
    match = candidate.match
    if candidate.rule == "month" and not match.group("rel") and not match.group("mod"):
        word = match.group("month").rstrip(".")
        if word in _AMBIGUOUS_MONTHS and not _MONTH_CUES.search(
            text[max(0, candidate.start - 15) : candidate.start]
        ):
            return False
        # "Jan Kavan", "Dec Smith": a short month name without its period before a name
        if word in _SHORT_MONTHS and _NAME_AFTER.match(text, candidate.end):
            return False
    # "fall" and "spring" are also verbs and nouns: a bare season needs "this", "last" or a year
    if candidate.rule == "season" and not (
        match.group("rel") or match.group("year") or match.group("mod")
    ):
        return False
    if candidate.rule == "that_period" and match.group("plain") and match.group("unit") == "day":
        return False
    if candidate.rule == "vague" and not _is_temporal_vague(candidate, text):
        return False
    if candidate.rule in _TITLE_PRONE_RULES and _is_in_title(candidate, text):
        return False
    if candidate.rule == "duration" and _is_ordinal_second(candidate, text):
        return False
    if candidate.rule == "deictic_day" and _GENERIC_TODAY.match(text, candidate.end):
        return False
    if candidate.rule == "year":
        # a bare four-digit number is a year only outside lists of figures
        following = text[candidate.end : candidate.end + 24].lower()
        if not match.group("mod") and _is_figure(following):
            return False
    return True


_SHORT_MONTHS = frozenset({"Jan", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec", "Feb", "Apr"})
_NAME_AFTER = re.compile(r" [A-Z][a-z]")
# units, clock words and periods that also name works and shows: "CBS's 60 Minutes", "High
# Noon", ABC's "This Week"
_TITLE_PRONE_RULES = frozenset({"duration", "duration_adj", "clock_word", "relative_period"})
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;]\s*[\"“”'`]*\s*|\n\s*[\"“”'`]*)$")


# "today's youth", "in today's world", "today's personal computers": the present age, not the
# day of the article (TimeBank and AQUAINT leave them unmarked; "today's editions" is the day)
_GENERIC_TODAY = re.compile(
    r"['’]s\s+(?:[a-z]+\s+)?(?:youth|world|society|generations?|children|kids|teenagers|young"
    r"|culture|families|parents|consumers|computers|technology)\b"
)
# words that may follow a duration "a second": "a second later", "a second or two"
_AFTER_SECOND = frozenset(
    {"later", "earlier", "ago", "before", "after", "or", "and", "of", "to", "in", "for", "longer",
     "more", "apart", "too", "each", "per"}
)  # fmt: skip


def _is_ordinal_second(candidate: Candidate, text: str) -> bool:
    """Whether "a second" is the ordinal before a noun ("a second betrayal", "a second term")."""
    if text[candidate.start : candidate.end].lower() not in ("a second", "one second"):
        return False
    following = re.match(r"\s+([a-z]+)", text[candidate.end : candidate.end + 20])
    return following is not None and following.group(1) not in _AFTER_SECOND


def _is_in_title(candidate: Candidate, text: str) -> bool:
    """Whether a unit or clock word is part of a title: capitalised inside a sentence, or "high
    noon" (the idiom of the film)."""
    words = text[candidate.start : candidate.end].split()
    last = words[-1]
    if text[max(0, candidate.start - 5) : candidate.start].lower() == "high ":
        return True
    if not last[:1].isupper() or last.isupper():
        return False
    # a capital opening a sentence says nothing ("Noon came"), one inside it names a title
    opens = _SENTENCE_OPENING.search(text[max(0, candidate.start - 6) : candidate.start])
    return opens is None or len(words) > 1


# "1500 people", "1500-2000", "2000 to 3000 troops": figures, not years
_FIGURES_AFTER = re.compile(r"\s*(?:people|members|troops|-\d)")
_RANGE_AFTER = re.compile(r"\s*to\s+(\d+)(\s+(?:people|members|troops))?")


def _is_figure(following: str) -> bool:
    """Whether a four-digit number is a figure, from the words after it; "from 1991 to 1997"
    stays a span of years."""
    if _FIGURES_AFTER.match(following):
        return True
    upto = _RANGE_AFTER.match(following)
    return upto is not None and (
        _YEAR_NUMBER.fullmatch(upto.group(1)) is None or bool(upto.group(2))
    )


_YEAR_NUMBER = re.compile(_YEAR)


# "Now, he says ..." and "Now for the weather": a discourse marker, not the present time
_DISCOURSE_NOW = re.compile(r"(?:^|[.!?:;\"“”]\s*|\n\s*)$")
_NOT_SOON = re.compile(r"\s+(?:as\b|after\b|afterwards?\b|thereafter\b|before\b)", re.IGNORECASE)


def _is_temporal_vague(candidate: Candidate, text: str) -> bool:
    """Whether a vague word refers to a time, as the TimeML guidelines and TimeBank read it.

    Notes:
        TimeBank marks "now" as PRESENT_REF except as a sentence-opening discourse marker
        ("Now, he says"); "soon" but not the conjunctions "as soon as …" and "soon after …";
        and the adjective "recent" less often than not ("the recent bomb attacks"), while
        "in recent years" is marked.
    """
    word = candidate.match.group("word").lower()
    before = text[max(0, candidate.start - 4) : candidate.start]
    after = text[candidate.end : candidate.end + 12]
    if word == "now":
        opens = _DISCOURSE_NOW.search(before) is not None or candidate.start == 0
        return not (opens and re.match(r"\s*,|\s+for\b", after))
    if word == "soon":
        return not _NOT_SOON.match(after)
    return word != "recent"


def scan(text: str) -> list[Candidate]:
    """Find every time expression of ``text``, keeping the longest of overlapping matches.

    Args:
        text: The article text.

    Returns:
        Non-overlapping candidates in text order.
    """
    found: list[Candidate] = []
    for rule in RULES:
        for match in rule.regex.finditer(text):
            # a rule may mark the part of its match that is the expression ("extent")
            start, end = match.span("extent") if "extent" in match.re.groupindex else match.span()
            # a leading space can remain where an optional group matched nothing
            while start < end and text[start].isspace():
                start += 1
            if start < end:
                found.append(Candidate(start, end, rule.name, match))
    found = [candidate for candidate in found if _plausible(candidate, text)]
    found.sort(key=lambda c: (-(c.end - c.start), _RULE_ORDER[c.rule], c.start))
    taken: list[Candidate] = []
    for candidate in found:
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in taken):
            taken.append(candidate)
    taken.sort(key=lambda c: c.start)
    return taken
