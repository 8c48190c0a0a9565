"""Score the whole onrecord extractor (the pipeline that `onrecord extract` runs) on PolNeAR."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from onrecord.evaluate.polnear import EvalReport, Prediction, evaluate_polnear, load_polnear
from onrecord.extraction.pipeline import Pipeline, PipelineSettings
from onrecord.ingest import parse_text
from onrecord.records import Article


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
