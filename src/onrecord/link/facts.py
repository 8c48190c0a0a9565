"""Facts that must agree across articles: a person's age and the length of their rule.

An age ("Lukashenko, 66," or "66-year-old Lukashenko") implies a birth year, a tenure
("his 25-year rule") a start year; both are read against the article's publication
year, so that "25-year rule" in 2019 and "27-year rule" in 2021 agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Literal

from onrecord.records import Article, PersonFact, Span

TOLERANCE_YEARS = 1
"""Implied years this far apart still agree (a birthday or anniversary in between)."""

_AGE_AFTER = re.compile(r",\s+(?:aged\s+)?(\d{1,3}),")
_AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old\s+(?:[A-Z][\w.'-]*\s+){0,4}$")
_TENURE = re.compile(
    r"\b(?:his|her)\s+(\d{1,2})-year(?:-long)?\s+"
    r"(?:rule|reign|tenure|presidency|premiership|time in (?:office|power)|grip on power)\b"
)
_TENURE_REACH = 300  # characters back from "his N-year rule" to the person it is about


def find_person_facts(article: Article, persons: Mapping[str, str]) -> Iterator[PersonFact]:
    """Ages and tenures of the article's people.

    Args:
        article: an analysed article with a publication date (else nothing is found).
        persons: article entity id → cross-article person id (PERSON entities only).

    Yields:
        Facts with the year they imply.
    """
    if article.published is None:
        return
    year = article.published.year
    text = article.body
    mentions = sorted(
        (
            (span, persons[entity.id])
            for entity in article.entities
            if entity.type == "PERSON" and entity.id in persons
            for span in entity.mentions
        ),
        key=lambda pair: pair[0].start,
    )
    yield from filter(is_plausible, _find(article, text, year, mentions))


def _find(
    article: Article, text: str, year: int, mentions: list[tuple[Span, str]]
) -> Iterator[PersonFact]:
    for span, person in mentions:
        after = _AGE_AFTER.match(text, span.end)
        if after:
            yield _fact(person, "age", int(after.group(1)), year, text, after.span(1))
        before = _AGE_BEFORE.search(text, max(0, span.start - 60), span.start)
        if before:
            yield _fact(person, "age", int(before.group(1)), year, text, before.span(1))
    for match in _TENURE.finditer(text):
        earlier = [(span, person) for span, person in mentions if span.end <= match.start()]
        if earlier and match.start() - earlier[-1][0].end <= _TENURE_REACH:
            yield _fact(earlier[-1][1], "tenure", int(match.group(1)), year, text, match.span(1))


def _fact(
    person: str,
    kind: Literal["age", "tenure"],
    value: int,
    year: int,
    text: str,
    where: tuple[int, int],
) -> PersonFact:
    return PersonFact(person, kind, value, year - value, Span.of(text, *where))


def is_plausible(fact: PersonFact) -> bool:
    """Whether the value can be an age or a tenure at all (not a year or a count)."""
    return 0 < fact.value <= (120 if fact.kind == "age" else 70)
