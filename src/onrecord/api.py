"""The Python API: what the CLI, the HTTP server and users call."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from onrecord.batch import IngestSummary, ingest_paths
from onrecord.extraction.pipeline import Pipeline, PipelineSettings
from onrecord.ingest import parse_text
from onrecord.records import Article
from onrecord.store import open_store


@lru_cache(maxsize=3)
def default_pipeline(tagger: str = "auto") -> Pipeline:
    """The analysis pipeline with the default models, loaded once per process.

    Args:
        tagger: ``auto``/``on`` to use the trained attribution tagger, ``off`` for the
            parse rules alone (about twice as fast, fewer and less exact spans).
    """
    return Pipeline(settings=PipelineSettings(tagger=tagger))  # type: ignore[arg-type]


def extract(
    text: str,
    *,
    published: date | None = None,
    url: str | None = None,
    title: str | None = None,
    tagger: str = "auto",
) -> Article:
    """Analyse one article given as text.

    Args:
        text: the article as plain or Markdown-like text (title line, optional dateline).
        published: the publication date, when the text itself gives none.
        url: the article's own URL.
        title: the title, overriding the one found in the text.
        tagger: the attribution tagger mode, as for :func:`default_pipeline`.

    Returns:
        The analysed :class:`Article`; offsets index into ``text`` exactly.
    """
    article = parse_text(text, published=published)
    changes = {key: value for key, value in (("url", url), ("title", title)) if value}
    if changes:
        article = article.evolve(**changes)
    return default_pipeline(tagger).analyse(article)


def ingest(
    paths: Sequence[str | Path],
    *,
    db: str | Path | None = None,
    published: date | None = None,
) -> IngestSummary:
    """Read, analyse and store inputs (files, folders, globs, ``-`` for stdin).

    Args:
        paths: the inputs.
        db: the SQLite database file; ``None`` means ``$ONRECORD_DB`` or the per-user default.
        published: the publication date to assume where an input gives none.

    Returns:
        What was stored, found already stored, skipped or failed, and why.

    Raises:
        StorageError: when the database cannot be opened.
    """
    with open_store(db) as store:
        return ingest_paths(
            [str(p) for p in paths], store, pipeline=default_pipeline(), published=published
        )
