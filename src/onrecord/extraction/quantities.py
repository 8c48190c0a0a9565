"""Find the amounts an article states (ages, money, percentages, counts, measures), with values.

Ages come from the time grammar's age compound ("66-year-old") and two patterns of its own
("Lukashenko, 66,", "aged 66"); money and percentages from a small grammar of numbers and
currencies; counts and measures from the CARDINAL and QUANTITY entities of the spaCy parse,
and sums in pounds from its MONEY entities (the word is also a weight). An amount whose value
cannot be read ("hundreds of people", "a few dollars") is left out.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from fractions import Fraction

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from onrecord.extraction.time.lexicon import NUMBERS, UNITS, unit_of
from onrecord.extraction.time.patterns import AGE_RULE, MONTH, WEEKDAY
from onrecord.records import Quantity, QuantityKind, Span, TimeExpr

logger = logging.getLogger(__name__)

__all__ = ["find_quantities", "read_number"]

_SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "tr": 1e12,
}  # fmt: skip
# words that say a number is approximate or a bound; the value is the number itself
_HEDGES = (
    "about", "around", "nearly", "almost", "some", "roughly", "approximately", "over", "under",
    "more than", "less than", "fewer than", "up to", "at least", "at most", "an estimated",
    "just over", "just under", "only", "another", "as many as", "as much as", "close to",
)  # fmt: skip
_HEDGE_RE = re.compile(rf"^(?:(?:{'|'.join(_HEDGES)})\s+)+", re.IGNORECASE)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_WORDS = r"(?:hundred|dozen|half|thousand|million|billion|trillion)"
# "a" and "an" count only before a scale word: "a yen for travel" names no sum
_WORD_NUMBER = (
    rf"(?:an?[- ](?={_SCALE_WORDS}\b))?(?:(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half an?|half|dozen)"
    r"(?:[- ](?:and[- ])?(?:an?[- ])?(?=\w))?)+"
)
_SCALE = r"(?:thousand|million|billion|trillion)"
_SUFFIX_SCALE = r"(?:k|m|mn|mln|bn|b|tn)"
_NUMBER = (
    rf"(?:(?:{_DIGITS})(?:\s+\d/\d+)?(?:\s*{_SUFFIX_SCALE}\b|\s+{_SCALE})?"
    rf"|(?:{_DIGITS}\s+)?(?:{_WORD_NUMBER})\s*{_SCALE}?)"
)

_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "c$": "CAD", "a$": "AUD", "hk$": "HKD", "nz$": "NZD",
    "s$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₹": "INR", "₴": "UAH",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "rub": "RUB", "jpy": "JPY", "cny": "CNY",
    "chf": "CHF", "rs": "INR", "rs.": "INR",
}  # fmt: skip
_CURRENCY_WORDS: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "u.s. dollars": "USD", "us dollars": "USD",
    "canadian dollars": "CAD", "australian dollars": "AUD", "hong kong dollars": "HKD",
    "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "roubles": "RUB", "rubles": "RUB",
    "rouble": "RUB", "ruble": "RUB", "rupees": "INR", "rupee": "INR", "hryvnias": "UAH",
    "hryvnia": "UAH", "swiss francs": "CHF", "marks": "DEM", "deutsche marks": "DEM",
    "pesos": "peso", "francs": "franc", "lire": "lira", "lira": "lira", "dinars": "dinar",
    "shekels": "ILS", "rand": "ZAR", "kroner": "krone", "kronor": "krona",
}  # fmt: skip
_CENTS = r"(?:cents?)"

_SYMBOL_RE = r"(?:(?:US|C|A|HK|NZ|S)\$|\$|€|£|¥|₽|₹|₴|(?-i:USD|EUR|GBP|RUB|JPY|CNY|CHF|Rs\.?)\s?)"
_MONEY_BEFORE = re.compile(
    rf"(?<![\w$])(?P<symbol>{_SYMBOL_RE})(?P<n>{_NUMBER})(?![\w])", re.IGNORECASE
)
_MONEY_AFTER = re.compile(
    rf"(?<![\w$€£¥])(?P<n>{_NUMBER})\s+(?:of\s+)?"
    rf"(?P<currency>{'|'.join(sorted(map(re.escape, _CURRENCY_WORDS), key=len, reverse=True))}"
    rf"|{_CENTS})(?![\w])",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    rf"(?<![\w.])(?P<n>{_NUMBER})\s*(?P<unit>%|percent(?:age points?)?|per cent|pct\b)",
    re.IGNORECASE,
)
_AGED = re.compile(r"(?<![\w-])(?:aged|age)\s+(?P<n>\d{1,3})(?![\w.,]\d|\w)", re.IGNORECASE)
# "Lukashenko, 66, said": a number alone between commas right after a capitalised name
_APPOSITIVE_AGE = re.compile(
    rf"(?<![\w-])(?P<name>(?!(?:{MONTH}|{WEEKDAY})\b)[A-Z][\w'.-]*),\s(?P<n>\d{{1,3}})(?=,|\s+(?:and|said|who)\b)",
)
_POUNDS = re.compile(r"\s+(?:pounds?|quid)$", re.IGNORECASE)
_UNIT_WORDS = frozenset({*UNITS, "night", "weekend"})


def read_number(words: str) -> float | None:
    """Read a number as written in news copy: "8,000", "1.2 billion", "40m", "two dozen".

    Args:
        words: The number, optionally after a hedge ("about", "more than") and with a scale
            word or suffix ("million", "bn").

    Returns:
        Its value, or None when it names no definite number ("hundreds", "several").
    """
    cleaned = _HEDGE_RE.sub("", words.strip().lower()).replace(",", "")
    # a scale suffix written onto the digits: "40m", "3.2bn"
    cleaned = re.sub(rf"(?<=\d)({_SUFFIX_SCALE})\b", r" \1", cleaned)
    # "half a million", "two and a half billion"
    cleaned = re.sub(r"\bhalf an?\b|\ban? half\b", "0.5", cleaned)
    total, current, seen = 0.0, 0.0, False
    for part in re.split(r"[\s-]+", cleaned):
        if not part or part == "and":
            continue
        value = _numeral(part)
        if value is not None:
            current += value
        elif part in ("a", "an"):
            current += 1
        elif part == "half":
            current += 0.5
        elif part == "hundred":
            current = (current or 1) * 100
        elif part == "dozen":
            current = (current or 1) * 12
        elif part in _SCALES and (seen or part.isalpha() and len(part) > 2):
            total += (current or 1) * _SCALES[part]
            current = 0.0
        else:
            return None
        seen = seen or value is not None or part in NUMBERS
    return total + current if seen else None


def _numeral(part: str) -> float | None:
    """The value of one written numeral: digits, a fraction "1/4" or a number word."""
    if re.fullmatch(r"\d+(?:\.\d+)?", part):
        return float(part)
    if re.fullmatch(r"\d+/\d+", part):
        numerator, denominator = part.split("/")
        return float(Fraction(int(numerator), int(denominator))) if int(denominator) else None
    if part in NUMBERS and part not in ("a", "an", "hundred", "dozen", "a dozen"):
        return float(NUMBERS[part])
    return None


def _quantity(
    text: str, start: int, end: int, kind: QuantityKind, value: float | None, unit: str
) -> Quantity | None:
    if value is None:
        return None
    return Quantity(Span.of(text, start, end), kind, value, unit)


def _ages(text: str, doc: Doc | None) -> Iterator[Quantity | None]:
    for match in AGE_RULE.regex.finditer(text):
        unit = unit_of(match.group("unit"))
        yield _quantity(text, *match.span(), "age", read_number(match.group("n")), unit)
    for match in _AGED.finditer(text):
        yield _quantity(text, *match.span(), "age", read_number(match.group("n")), "year")
    for match in _APPOSITIVE_AGE.finditer(text):
        if _is_person_appositive(match, doc):
            start, end = match.span("n")
            yield _quantity(text, start, end, "age", float(match.group("n")), "year")


def _is_person_appositive(match: re.Match[str], doc: Doc | None) -> bool:
    """Whether the name before ", 66," is a person: the parse says so, or, unparsed, any name."""
    if not 0 < int(match.group("n")) <= 120:
        return False
    if doc is None:
        return True
    name = doc.char_span(*match.span("name"), alignment_mode="expand")
    return name is not None and any(token.ent_type_ == "PERSON" for token in name)


def _money(text: str) -> Iterator[Quantity | None]:
    for match in _MONEY_BEFORE.finditer(text):
        unit = _SYMBOLS[match.group("symbol").strip().lower()]
        yield _quantity(text, *match.span(), "money", read_number(match.group("n")), unit)
    for match in _MONEY_AFTER.finditer(text):
        currency = " ".join(match.group("currency").lower().split())
        value = read_number(match.group("n"))
        if currency.startswith("cent"):
            unit, value = "USD", None if value is None else value / 100
        else:
            unit = _CURRENCY_WORDS[currency]
        yield _quantity(text, *match.span(), "money", value, unit)


def _percents(text: str) -> Iterator[Quantity | None]:
    for match in _PERCENT.finditer(text):
        unit = "percentage point" if "point" in match.group("unit").lower() else "%"
        yield _quantity(text, *match.span(), "percent", read_number(match.group("n")), unit)


def _counted_noun(entity: SpacySpan) -> tuple[int, str] | None:
    """The end offset and lemma of the noun a CARDINAL counts ("8,000 people" → "people")."""
    last = entity[-1]
    head = last.head
    if last.dep_ not in ("nummod", "quantmod") or head.i <= last.i or head.i > last.i + 3:
        return None
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in ("DATE", "TIME"):
        return None
    lemma = head.lemma_.lower()
    if lemma in _UNIT_WORDS or unit_of(head.text) in _UNIT_WORDS or head.text in ("%",):
        return None
    # "people" lemmatises to "person"; the noun as written reads better for plurals of people
    noun = head.text.lower() if lemma == "person" else lemma
    return head.idx + len(head), noun


def _from_entities(text: str, doc: Doc) -> Iterator[Quantity | None]:
    for entity in doc.ents:
        start, end = entity.start_char, entity.end_char
        if entity.label_ == "CARDINAL":
            counted = _counted_noun(entity)
            if counted is not None:
                end, noun = counted
                yield _quantity(text, start, end, "count", read_number(entity.text), noun)
        elif entity.label_ == "QUANTITY" and len(entity) > 1:
            unit = entity[-1].lemma_.lower()
            number = text[start : entity[-1].idx].strip()
            if unit not in _UNIT_WORDS:
                yield _quantity(text, start, end, "measure", read_number(number), unit)
        elif entity.label_ == "MONEY" and _POUNDS.search(entity.text):
            # "pounds" is money only where the parse says so, not "5 million pounds of beef"
            number = _POUNDS.sub("", entity.text)
            yield _quantity(text, start, end, "money", read_number(number), "GBP")


def find_quantities(
    text: str, doc: Doc | None = None, times: Sequence[TimeExpr] = ()
) -> list[Quantity]:
    """Find the ages, sums of money, percentages, counts and measures of ``text``.

    Args:
        text: The article text.
        doc: Optional spaCy parse of exactly ``text``; counts and measures need it, and it
            tells a person's age ("Lukashenko, 66,") from other numbers between commas.
        times: The time expressions of ``text``; a number inside one is never a quantity.

    Returns:
        The quantities in text order, none overlapping another; where two overlap, the one
        found first in the order age, money, percent, count, measure is kept.

    Raises:
        ValueError: When ``doc`` is not a parse of ``text``.
    """
    if doc is not None and doc.text != text:
        raise ValueError("doc must be a parse of exactly text (same characters and offsets)")
    sources = [_ages(text, doc), _money(text), _percents(text)]
    if doc is not None:
        sources.append(_from_entities(text, doc))
    kept: list[Quantity] = []
    for source in sources:
        for quantity in source:
            if quantity is None or any(quantity.span.overlaps(q.span) for q in kept):
                continue
            if quantity.kind in ("count", "measure") and any(
                quantity.span.overlaps(t.span) for t in times
            ):
                continue
            kept.append(quantity)
    kept.sort(key=lambda q: q.span.start)
    logger.debug("found %d quantities", len(kept))
    return kept
