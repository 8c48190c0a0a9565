"""What a normaliser of a time expression sees (the text, anchor date, parse and discourse)
and the registry that maps each pattern rule to its normaliser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from spacy.tokens import Doc

from onrecord.extraction.time.tense import tense_at

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Normalised = tuple[TimexType, str | None]


@dataclass
class Discourse:
    """What earlier expressions of the same article tell later ones.

    Earnings reports name a quarter once ("the third quarter") and then compare with "a year
    earlier" or speak of "the quarter"; both refer back to the quarter last named. A story
    names a date ("in June 1998", "on Friday") and then says "later that year", "earlier that
    day".
    """

    last_quarter: tuple[int, int] | None = None
    last_date: date | None = None
    last_level: str = "year"
    last_day: date | None = None

    def note(self, rule: str, value: str | None) -> None:
        """Remember what a normalised expression says for later ones.

        Args:
            rule: The rule that found the expression; only named quarters are remembered, not
                the ones resolved from "a year earlier" or "the quarter".
            value: The TIMEX3 value just given to it.
        """
        if rule == "quarter" and value and _QUARTER_VALUE.fullmatch(value):
            self.last_quarter = int(value[:4]), int(value[-1])
        named = _NAMED_DATE.fullmatch(value or "")
        is_day = named is not None and named.group(3) is not None
        if value and _CALENDAR_VALUE.match(value) and "T" not in value and not is_day:
            # a later mention of a month, week or year ("Last September, ... He apologized the
            # next day") leaves "the next day" without a day to count from
            self.last_day = None
        if named is None:
            return
        year, month, day = (int(part) if part else 1 for part in named.groups())
        if rule in _NAMED_DATE_RULES:
            self.last_date = date(year, month, day)
            self.last_level = _LEVELS[sum(part is not None for part in named.groups())]
        if named.group(3) and rule in _DAY_RULES:
            self.last_day = date(year, month, day)


_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
_CALENDAR_VALUE = re.compile(r"\d{3,4}(?:-|$)")
_NAMED_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# rules whose dates are written out in full, so that a later "the following year" counts from them
_NAMED_DATE_RULES = frozenset(
    {"iso", "slash", "month_day", "day_month", "weekday_date", "month_year", "year"}
)
# rules that name a day, so that a later "earlier that day" refers to it
_DAY_RULES = _NAMED_DATE_RULES | {"weekday", "deictic_day", "day_around"}
_LEVELS = {1: "year", 2: "month", 3: "day"}


@dataclass
class Context:
    """What a normaliser may consult: the text, the anchor date, the parse and the match extent."""

    text: str
    published: date | None
    doc: Doc | None
    start: int
    end: int
    discourse: Discourse = field(default_factory=Discourse)
    _tense: int | None = field(default=None, repr=False)

    @property
    def tense(self) -> int:
        """PAST (-1), FUTURE (+1) or UNKNOWN (0) for the clause of the expression, computed once."""
        if self._tense is None:
            self._tense = tense_at(self.text, self.start, self.end, self.doc)
        return self._tense


Normaliser = Callable[[re.Match[str], Context], Normalised]
NORMALISERS: dict[str, Normaliser] = {}


def register(name: str) -> Callable[[Normaliser], Normaliser]:
    """Register the normaliser of the rule ``name`` as a decorator."""

    def wrap(function: Normaliser) -> Normaliser:
        NORMALISERS[name] = function
        return function

    return wrap
