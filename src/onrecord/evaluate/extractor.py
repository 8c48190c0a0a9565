"""Score the whole onrecord extractor (the pipeline that `onrecord extract` runs) on PolNeAR."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from onrecord.errors import InputError
from onrecord.evaluate.polnear import (
    EvalReport,
    Prediction,
    evaluate_polnear,
    load_polnear,
    score_corpus,
)
from onrecord.extraction.pipeline import Pipeline, PipelineSettings
from onrecord.ingest import parse_text
from onrecord.records import Article, article_from_dict


def spans_of(article: Article) -> dict[str, list[tuple[int, int]]]:
    """The source, cue and content spans of an article's quotes, deduplicated, in order."""
    found: dict[str, set[tuple[int, int]]] = {"source": set(), "cue": set(), "content": set()}
    for quote in article.quotes:
        if quote.source is not None:
            found["source"].add((quote.source.start, quote.source.end))
        if quote.cue is not None:
            found["cue"].add((quote.cue.start, quote.cue.end))
        found["content"].update((c.start, c.end) for c in quote.content)
    return {role: sorted(spans) for role, spans in found.items()}


def pipeline_predictor(pipeline: Pipeline) -> Callable[[str], Prediction]:
    """A PolNeAR predictor that runs the full pipeline on a plain-text article."""

    def predict(text: str) -> Prediction:
        return spans_of(pipeline.analyse(parse_text(text)))

    return predict


def run_polnear(
    directory: str | Path, *, limit: int | None = None, tagger: str = "auto"
) -> EvalReport:
    """Score the extractor on a PolNeAR-format split.

    Args:
        directory: a folder with ``text/`` and ``attributions/``.
        limit: score only the first N articles (sorted by name).
        tagger: ``auto``/``on`` to use the trained tagger, ``off`` for the rules alone.

    Returns:
        Exact and overlap precision, recall and F1 per role, and the speed.

    Raises:
        InputError: when the folder is not a PolNeAR split.
    """
    docs = load_polnear(directory)[:limit]
    pipeline = Pipeline(settings=PipelineSettings(tagger=tagger))  # type: ignore[arg-type]
    return evaluate_polnear(docs, pipeline_predictor(pipeline))


@dataclass(frozen=True)
class ReadReport:
    """Scores of predictions read from ``onrecord extract`` output, and what was missing."""

    report: EvalReport
    missing: tuple[str, ...]
    """Articles of the split with no prediction; they count as predicting nothing."""


def score_extract_output(directory: str | Path, lines: Iterable[str]) -> ReadReport:
    """Score ``onrecord extract DIR --format jsonl`` output on a PolNeAR split.

    This is how the held-out test split is scored: each article of the output is matched
    to the split's article of the same file name, and its quotes' source, cue and content
    spans are scored with the same definitions as ``run_polnear``.

    Args:
        directory: The PolNeAR split the output was made from.
        lines: The JSON Lines, one article each.

    Returns:
        The scores over every article of the split, and the names of those not predicted.

    Raises:
        InputError: When a line is not an article, names a file that is not in the split,
            repeats an article, or holds a text other than the split's (its offsets would
            not point into the gold text).
    """
    docs = load_polnear(directory)
    by_name = {doc.name: doc for doc in docs}
    predicted: dict[str, Prediction] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            article = article_from_dict(json.loads(line))
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"line {number} is not an onrecord article: {error}") from error
        name = Path(article.path or "").stem
        if name not in by_name:
            raise InputError(
                f"line {number}: {article.path!r} is not an article of the split {str(directory)!r}"
            )
        if name in predicted:
            raise InputError(f"line {number}: {article.path!r} comes twice")
        if article.text != by_name[name].text:
            raise InputError(
                f"line {number}: the text of {article.path!r} differs from the split's,"
                " so its offsets cannot be scored"
            )
        predicted[name] = spans_of(article)
    missing = tuple(doc.name for doc in docs if doc.name not in predicted)
    empty: Prediction = {"source": [], "cue": [], "content": []}
    scores = score_corpus(docs, [predicted.get(doc.name, empty) for doc in docs])
    return ReadReport(EvalReport(scores=scores, documents=len(docs), seconds=None), missing)
