"""Date an undated article from what the record already knows about its people.

"His 26-year rule" in an undated article, where dated articles put the start of that rule in
1994, places the article in 2019–2021; an age does the same with a birth year. Only facts on
which the dated articles agree count, and clues that contradict each other date nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Protocol

from onrecord.extraction.time.published import estimate_published
from onrecord.link.facts import TOLERANCE_YEARS, Clue, find_person_clues
from onrecord.records import Article, DateEstimate

KnownYears = Mapping[tuple[str, str], Sequence[int]]
"""``(person id, kind)`` → the years that the dated articles' facts imply."""


class FactIndex(Protocol):
    """What dating by people reads from the store."""

    def person_fact_years(self, people: Collection[str]) -> KnownYears:
        """What the dated articles' ages and tenures of these people imply."""
        ...


class RedatingStore(FactIndex, Protocol):
    """What re-dating stored undated articles needs from the store."""

    def undated_articles_about(self, people: Collection[str]) -> list[str]:
        """Ids of stored undated articles that mention any of these people."""
        ...

    def get(self, article_id: str) -> Article | None:
        """A stored article."""
        ...

    def article_persons(self, article_id: str) -> dict[str, str]:
        """Entity id → person id for one stored article."""
        ...

    def save_estimate(self, article_id: str, estimate: DateEstimate) -> None:
        """Replace a stored article's publication-date estimate."""
        ...


FACTS_CONFIDENCE = 0.85
"""Share of the PolNeAR articles (train and dev) dated by facts whose date falls in the range:
6 of 7, a small sample (``onrecord eval published --facts``); the miss is an age given to the
wrong person."""


def date_from_clues(
    clues: Iterable[Clue], known: KnownYears, today: date | None = None
) -> DateEstimate | None:
    """The years an undated article falls in, from its people's ages and tenures.

    A stored fact's implied year is the true birth or start year or the year after it (a
    birthday or anniversary may fall after the article), and so the article's year is that
    year plus the clue's value, give or take one.

    Args:
        clues: The undated article's ages and tenures (``find_person_clues``).
        known: What dated articles imply for the same people (``person_fact_years``).
        today: The last possible publication date (default: today).

    Returns:
        Whole years as a range, or None when no clue has agreeing facts, the clues disagree
        or the range lies wholly after ``today``.
    """
    low: int | None = None
    high: int | None = None
    names: list[str] = []
    for person, kind, value, span in clues:
        years = known.get((person, kind), ())
        if not years or max(years) - min(years) > TOLERANCE_YEARS:
            continue
        first, last = max(years) - 1 + value, min(years) + 1 + value
        low = first if low is None else max(low, first)
        high = last if high is None else min(high, last)
        names.append(f"{kind} {span.text}")
    newest = today or date.today()
    if low is None or high is None or low > min(high, newest.year):
        return None
    return DateEstimate(
        date(low, 1, 1),
        min(date(high, 12, 31), newest),
        FACTS_CONFIDENCE,
        "people's " + ", ".join(dict.fromkeys(names)) + " against dated articles",
    )


def refine_estimate(
    from_text: DateEstimate | None, from_facts: DateEstimate | None
) -> DateEstimate | None:
    """Join the text's own estimate with the one from its people's facts.

    The facts' range is the firmer one; where the text's range meets it, the article lies
    where both do, about as often as the text's own range holds.

    Args:
        from_text: The estimate from the article's own dates (``estimate_published``).
        from_facts: The estimate from ``date_from_clues``.

    Returns:
        The better-founded estimate; None when neither exists.
    """
    if from_facts is None or from_text is None:
        return from_facts or from_text
    earliest = max(from_text.earliest, from_facts.earliest)
    latest = min(from_text.latest, from_facts.latest)
    if earliest > latest:
        return from_facts
    basis = f"{from_text.basis}; {from_facts.basis}"
    return DateEstimate(earliest, latest, from_text.confidence, basis)


def date_by_people(
    article: Article, persons: Mapping[str, str], index: FactIndex
) -> DateEstimate | None:
    """A new publication-date estimate for an undated article from what the record knows of
    its people's ages and tenures, joined with the estimate from its own text.

    Args:
        article: An analysed article.
        persons: Its entity ids → person ids.
        index: The store's read side.

    Returns:
        The estimate when it differs from the article's current one, else None (also for a
        dated article or one without ages or tenures).
    """
    if article.published is not None:
        return None
    clues = list(find_person_clues(article, persons))
    if not clues:
        return None
    known = index.person_fact_years({person for person, *_ in clues})
    from_text = estimate_published(article.body, article.times)
    estimate = refine_estimate(from_text, date_from_clues(clues, known))
    return None if estimate == article.published_estimate else estimate


def redate_undated(store: RedatingStore, people: Collection[str]) -> int:
    """Date again the stored undated articles about people whose dated facts just arrived,
    so that the order of ingest does not matter.

    Args:
        store: The open store.
        people: Person ids with new dated facts.

    Returns:
        How many stored estimates changed.
    """
    changed = 0
    for article_id in store.undated_articles_about(people):
        article = store.get(article_id)
        if article is None or not article.analysed:
            continue
        estimate = date_by_people(article, store.article_persons(article_id), store)
        if estimate is not None:
            store.save_estimate(article_id, estimate)
            changed += 1
    return changed
