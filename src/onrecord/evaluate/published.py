"""Measure publication-date estimation on Wikinews (dateline removed) and PolNeAR.

Run ``python -m onrecord.evaluate.published [--data DIR]``; ``DIR`` holds ``wikinews/*.csv`` and
``polnear/{train,dev}/text/*.txt`` with ``polnear/metadata.tsv`` (``../shared/data`` by default).
"""

from __future__ import annotations

import argparse
import csv
import functools
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from onrecord.extraction.time.published import DateEstimate, estimate_published
from onrecord.ingest import parse_text
from onrecord.ingest.dates import parse_dateline
from onrecord.link.dating import date_from_clues, refine_estimate
from onrecord.link.facts import Clue, find_person_clues
from onrecord.link.names import name_key
from onrecord.records import Article

__all__ = [
    "PublishedScores",
    "evaluate_published",
    "evaluate_with_facts",
    "format_report",
    "load_polnear_dated",
    "load_wikinews_dated",
    "main",
    "person_clues",
    "score_corpora",
]

_DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"

Dated = tuple[str, str, date]  # name, text, gold date


@dataclass(frozen=True)
class PublishedScores:
    """What publication-date estimation scored on one corpus.

    Attributes:
        name: The corpus.
        articles: Articles scored.
        estimated: Articles that got an estimate (the rest are an honest "unknown").
        exact: Estimates with earliest == latest == gold (the estimator never claims this).
        starts_at_gold: Estimates whose ``earliest`` is the gold date.
        within: Estimates whose range holds the gold date.
        median_width_days: Median range width in days over the estimates (0.0 without any).
        mean_confidence: Mean stated confidence over the estimates.
        seconds: Wall-clock time spent estimating (text reading excluded).
    """

    name: str
    articles: int
    estimated: int
    exact: int
    starts_at_gold: int
    within: int
    median_width_days: float
    mean_confidence: float
    seconds: float


def _strip_dateline(text: str) -> str:
    """``text`` without its first non-empty line when that line is only a date."""
    head, _, rest = text.lstrip().partition("\n")
    return rest if parse_dateline(head) is not None else text


def load_wikinews_dated(directory: str | Path) -> list[Dated]:
    """Read the Wikinews CSV files, dropping each text's dateline line.

    Args:
        directory: Folder of CSV files with ``url``, ``date`` and ``text`` columns.

    Returns:
        ``(url, text without dateline, gold date)`` for each row with a valid date.
    """
    csv.field_size_limit(1 << 30)
    rows: list[Dated] = []
    for path in sorted(Path(directory).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                try:
                    gold = date.fromisoformat(row["date"].strip())
                except ValueError:
                    continue
                rows.append((row["url"], _strip_dateline(row["text"]), gold))
    return rows


def load_polnear_dated(
    directory: str | Path, splits: Sequence[str] = ("train", "dev")
) -> list[Dated]:
    """Read PolNeAR texts with their publication dates from ``metadata.tsv``.

    Args:
        directory: The PolNeAR folder (``metadata.tsv`` and ``SPLIT/text/*.txt``).
        splits: The splits to read.

    Returns:
        ``(stem, text, gold date)`` for each text file whose stem has a date in the metadata.
    """
    root = Path(directory)
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        gold: dict[str, date] = {}
        for row in csv.DictReader(handle, delimiter="\t"):
            try:
                gold[row["filename"]] = date.fromisoformat(row["publication_date"].strip())
            except ValueError:
                continue
    rows: list[Dated] = []
    for split in splits:
        for path in sorted((root / split / "text").glob("*.txt")):
            if path.stem in gold:
                rows.append((path.stem, path.read_text(encoding="utf-8"), gold[path.stem]))
    return rows


def evaluate_published(name: str, articles: Iterable[Dated]) -> PublishedScores:
    """Estimate the date of each article from its body and score it against the gold date.

    Args:
        name: The corpus name, for the report.
        articles: ``(name, text, gold date)`` triples; the text goes through
            :func:`onrecord.ingest.parse_text` and only ``Article.body`` is used, so URL and
            related-article dates are never evidence.

    Returns:
        The scores.
    """
    estimates: list[tuple[DateEstimate | None, date]] = []
    seconds = 0.0
    for _, text, gold in articles:
        body = parse_text(text).body
        started = time.perf_counter()
        estimate = estimate_published(body)
        seconds += time.perf_counter() - started
        estimates.append((estimate, gold))
    return _scores(name, estimates, seconds)


def evaluate_with_facts(
    name: str,
    articles: Sequence[Dated],
    clues_of: Callable[[str], Sequence[Clue]],
    others: Sequence[Dated] = (),
) -> PublishedScores:
    """Score the text's estimate joined with the one from people's ages and tenures.

    Each article is dated in turn as if it were the one undated article of its corpus: the
    facts of all the others (and of ``others``), read against their gold dates, are what
    the record knows (:func:`onrecord.link.dating.date_from_clues`).

    Args:
        name: The corpus name, for the report.
        articles: ``(name, text, gold date)`` triples to score.
        clues_of: The ages and tenures of an article's text (:func:`person_clues`).
        others: More dated articles of the same corpus, whose facts count but who are not
            scored.

    Returns:
        The scores; ``seconds`` counts the estimates, not the analysis.
    """
    corpus = [*articles, *others]
    implied: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for index, (_, text, gold) in enumerate(corpus):
        for person, kind, value, _ in clues_of(text):
            implied[person, kind].append((index, gold.year - value))
    estimates: list[tuple[DateEstimate | None, date]] = []
    seconds = 0.0
    for index, (_, text, gold) in enumerate(articles):
        body = parse_text(text).body
        found = clues_of(text)
        started = time.perf_counter()
        known: dict[tuple[str, str], list[int]] = {
            (person, kind): [year for other, year in implied[person, kind] if other != index]
            for person, kind, _, _ in found
        }
        estimate = refine_estimate(estimate_published(body), date_from_clues(found, known))
        seconds += time.perf_counter() - started
        estimates.append((estimate, gold))
    return _scores(f"{name} + facts", estimates, seconds)


def person_clues(analyse: Callable[[Article], Article]) -> Callable[[str], Sequence[Clue]]:
    """The ages and tenures of a text's people, keyed by canonical name; one analysis per text.

    Args:
        analyse: The extraction pipeline (its entities and ages are what is used).

    Returns:
        ``clues_of(text)`` for :func:`evaluate_with_facts`.
    """

    @functools.cache
    def clues_of(text: str) -> tuple[Clue, ...]:
        article = analyse(parse_text(text))
        persons = {e.id: name_key(e.name) for e in article.entities if e.type == "PERSON"}
        return tuple(find_person_clues(article, persons))

    return clues_of


def _scores(
    name: str, estimates: Sequence[tuple[DateEstimate | None, date]], seconds: float
) -> PublishedScores:
    made = [(e, g) for e, g in estimates if e is not None]
    return PublishedScores(
        name=name,
        articles=len(estimates),
        estimated=len(made),
        exact=sum(e.earliest == e.latest == g for e, g in made),
        starts_at_gold=sum(e.earliest == g for e, g in made),
        within=sum(e.earliest <= g <= e.latest for e, g in made),
        median_width_days=statistics.median(e.width_days for e, _ in made) if made else 0.0,
        mean_confidence=statistics.fmean(e.confidence for e, _ in made) if made else 0.0,
        seconds=seconds,
    )


def score_corpora(
    data: str | Path, analyse: Callable[[Article], Article] | None = None
) -> list[PublishedScores]:
    """Score Wikinews (dateline removed), PolNeAR train and PolNeAR dev, one row each.

    Args:
        data: A folder holding ``wikinews/`` and ``polnear/`` (``../shared/data``).
        analyse: The extraction pipeline; when given, each corpus gets a second row where
            people's ages and tenures in the rest of the corpus date the article too
            (PolNeAR train and dev are one corpus).

    Returns:
        The scores, in that order: develop on the first two, confirm on dev.
    """
    root = Path(data)
    corpora = {
        "wikinews (no dateline)": (load_wikinews_dated(root / "wikinews"), []),
        "polnear train": (
            load_polnear_dated(root / "polnear", ("train",)),
            load_polnear_dated(root / "polnear", ("dev",)),
        ),
    }
    corpora["polnear dev"] = (corpora["polnear train"][1], corpora["polnear train"][0])
    clues_of = person_clues(analyse) if analyse is not None else None
    rows = []
    for name, (articles, others) in corpora.items():
        rows.append(evaluate_published(name, articles))
        if clues_of is not None:
            rows.append(evaluate_with_facts(name, articles, clues_of, others))
    return rows


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def format_report(scores: Sequence[PublishedScores]) -> str:
    """Render scores as a plain-text table, one corpus a row; shares are of all articles.

    Args:
        scores: One entry per corpus.

    Returns:
        The table, ending with a newline.
    """
    header = (
        f"{'corpus':<31}{'articles':>9}{'estimated':>10}{'exact':>7}{'starts':>8}"
        f"{'within':>8}{'in|est':>8}{'width':>7}{'conf':>6}{'ms/art':>8}"
    )
    lines = [header, "-" * len(header)]
    for s in scores:
        per_article = 1000 * s.seconds / s.articles if s.articles else 0.0
        lines.append(
            f"{s.name:<31}{s.articles:>9}{_share(s.estimated, s.articles):>10}"
            f"{_share(s.exact, s.articles):>7}{_share(s.starts_at_gold, s.articles):>8}"
            f"{_share(s.within, s.articles):>8}{_share(s.within, s.estimated):>8}"
            f"{s.median_width_days:>7.0f}{s.mean_confidence:>6.2f}{per_article:>8.2f}"
        )
    lines.append(
        "exact: earliest == latest == gold; starts: earliest == gold; within: gold in "
        "[earliest, latest]; in|est: within over estimated; width: median days"
    )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Print publication-date estimation scores on Wikinews, PolNeAR train and PolNeAR dev.

    Args:
        argv: ``[--data DIR]``; ``sys.argv[1:]`` by default.

    Returns:
        The exit status (2 when a data folder is missing).
    """
    parser = argparse.ArgumentParser(description="Score publication-date estimation.")
    parser.add_argument(
        "--data", default=str(_DEFAULT_DATA), help="folder with wikinews/, polnear/"
    )
    args = parser.parse_args(argv)
    data = Path(args.data)
    if not (data / "wikinews").is_dir() or not (data / "polnear").is_dir():
        sys.stderr.write(f"no wikinews/ and polnear/ under {data}\n")
        return 2
    sys.stdout.write(format_report(score_corpora(data)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
