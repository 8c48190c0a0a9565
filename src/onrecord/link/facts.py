"""Facts that must agree across articles: a person's age and the length of their rule.

An age (a ``quantities`` entry of kind ``age``: "Lukashenko, 66," or "66-year-old
Lukashenko") implies a birth year, a tenure ("his 25-year rule") a start year; both are
read against the article's publication year, so that "25-year rule" in 2019 and
"27-year rule" in 2021 agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Literal

from onrecord.records import Article, PersonFact, Span

TOLERANCE_YEARS = 1
"""Implied years this far apart still agree (a birthday or anniversary in between)."""

_TENURE = re.compile(
    r"\b(?:his|her)\s+(\d{1,2})-year(?:-long)?\s+"
    r"(?:rule|reign|tenure|presidency|premiership|time in (?:office|power)|grip on power)\b"
)
_TENURE_REACH = 300  # characters back from "his N-year rule" to the person it is about
_AGE_REACH = 60  # characters between an age and the name it belongs to
_SENTENCE_END = re.compile(r"[.!?]\s")

FactKind = Literal["age", "tenure"]
Clue = tuple[str, FactKind, int, Span]
"""An age or tenure of a person, undated: ``(person id, kind, years, span)``."""


def find_person_facts(article: Article, persons: Mapping[str, str]) -> Iterator[PersonFact]:
    """Ages and tenures of the article's people, with the year each implies.

    Args:
        article: an analysed article with a publication date (else nothing is found).
        persons: article entity id → cross-article person id (PERSON entities only).

    Yields:
        Facts with the year they imply.
    """
    if article.published is None:
        return
    year = article.published.year
    for person, kind, value, span in find_person_clues(article, persons):
        yield PersonFact(person, kind, value, year - value, span)


def find_person_clues(article: Article, persons: Mapping[str, str]) -> Iterator[Clue]:
    """Ages and tenures of the article's people, dated or not.

    Args:
        article: an analysed article.
        persons: article entity id → cross-article person id (PERSON entities only).

    Yields:
        ``(person id, kind, years, span of the number)`` in text order of the kind.
    """
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
    for quantity in article.quantities:
        if quantity.kind != "age" or quantity.unit != "year":
            continue
        person = _nearest(text, quantity.span, mentions)
        if person is not None:
            yield person, "age", int(quantity.value), quantity.span
    for match in _TENURE.finditer(text):
        earlier = [(span, person) for span, person in mentions if span.end <= match.start()]
        if earlier and match.start() - earlier[-1][0].end <= _TENURE_REACH:
            yield earlier[-1][1], "tenure", int(match.group(1)), Span.of(text, *match.span(1))


def _nearest(text: str, age: Span, mentions: list[tuple[Span, str]]) -> str | None:
    """The person whose name is closest to an age, in the same sentence."""
    best: tuple[int, str] | None = None
    for span, person in mentions:
        start, end = (span.end, age.start) if span.end <= age.start else (age.end, span.start)
        if end < start or end - start > _AGE_REACH or _SENTENCE_END.search(text, start, end):
            continue
        if best is None or end - start < best[0]:
            best = (end - start, person)
    return None if best is None else best[1]
