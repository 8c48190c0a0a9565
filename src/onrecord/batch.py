"""Whole jobs over many inputs: read → analyse → store, with a summary of what happened."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from onrecord.extraction.pipeline import Pipeline
from onrecord.ingest import Problem, read_inputs
from onrecord.link.dating import redate_undated
from onrecord.link.linker import link_article
from onrecord.records import Article
from onrecord.store import Store

log = logging.getLogger(__name__)

ProgressCallback = Callable[[str], None]
"""Called once per article or problem with a short label of the item."""


@dataclass
class IngestSummary:
    """What an ingest run did, item by item."""

    new: int = 0
    new_versions: int = 0
    existing: int = 0
    not_analysed: int = 0
    skipped: list[Problem] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)

    @property
    def stored(self) -> int:
        """Articles written by this run (new ones and new versions)."""
        return self.new + self.new_versions

    def lines(self) -> list[str]:
        """The summary as readable lines: the counts, then one line per problem."""
        head = (
            f"new: {self.new}, new versions: {self.new_versions}, already stored:"
            f" {self.existing}, skipped: {len(self.skipped)}, failed: {len(self.failed)}"
        )
        if self.not_analysed:
            head += f" (stored but not analysed: {self.not_analysed})"
        return [head] + [
            f"{p.status}: {p.source}: {p.reason}" for p in (*self.skipped, *self.failed)
        ]


def _label(item: Article | Problem) -> str:
    if isinstance(item, Problem):
        return item.source
    return item.path or item.url or item.id


def analyse_inputs(
    paths: Sequence[str],
    *,
    pipeline: Pipeline,
    published: date | None = None,
    keep: Callable[[Article], bool] = lambda article: True,
    batch_size: int = 16,
) -> Iterator[Article | Problem]:
    """Read the inputs and analyse each article, keeping the input order.

    Args:
        paths: files, folders, globs or ``-`` for standard input.
        pipeline: the loaded analysis pipeline.
        published: the publication date to assume where an input gives none.
        keep: articles for which this returns False are yielded unanalysed (for example
            those already stored).
        batch_size: articles analysed together.

    Yields:
        Analysed articles, articles not kept (unchanged), and problems.
    """
    items = iter(read_inputs(paths, published=published))
    while batch := list(islice(items, batch_size)):
        wanted = [item for item in batch if isinstance(item, Article) and keep(item)]
        analysed = {id(a): b for a, b in zip(wanted, pipeline.analyse_many(wanted), strict=True)}
        for item in batch:
            yield analysed.get(id(item), item)


def ingest_paths(
    paths: Sequence[str],
    store: Store,
    *,
    pipeline: Pipeline,
    published: date | None = None,
    on_item: ProgressCallback | None = None,
    link: bool = True,
) -> IngestSummary:
    """Ingest inputs into a store; an article already stored is not analysed again.

    Each stored article is then linked to the record (people, claims, story) in a
    transaction of its own; an article stored but left unlinked by an interruption is
    linked when it is ingested again, or by :func:`link_unlinked`.

    Args:
        paths: files, folders, globs or ``-`` for standard input.
        store: the open database.
        pipeline: the loaded analysis pipeline.
        published: the publication date to assume where an input gives none.
        on_item: progress callback, called once per article or problem.
        link: whether to link the articles across the record.

    Returns:
        The counts and problems of the run. Bad inputs never raise: they are listed.
    """
    summary = IngestSummary()
    items = analyse_inputs(
        paths, pipeline=pipeline, published=published, keep=lambda a: not store.has(a.id)
    )
    for item in items:
        if on_item is not None:
            on_item(_label(item))
        if isinstance(item, Problem):
            (summary.skipped if item.status == "skipped" else summary.failed).append(item)
            continue
        _record(summary, store, item)
        if link and not store.is_linked(item.id):
            # an article already stored arrives unanalysed: link the stored analysis
            stored = item if item.analysed else store.get(item.id)
            if stored is not None and stored.analysed:
                _link(store, item.id, stored)
    return summary


def link_unlinked(store: Store, *, on_item: ProgressCallback | None = None) -> int:
    """Link every analysed article whose links are not stored yet (after an upgrade or an
    interrupted ingest), oldest first.

    Args:
        store: the open database.
        on_item: progress callback, called once per article.

    Returns:
        How many articles were linked.
    """
    ids = store.unlinked_articles()
    for article_id in ids:
        article = store.get(article_id)
        if article is None:
            continue
        if on_item is not None:
            on_item(article.path or article.url or article_id)
        _link(store, article_id, article)
    return len(ids)


def _link(store: Store, article_id: str, article: Article) -> None:
    """Link one stored article; its people's new dated facts may date stored undated ones."""
    links = link_article(article, store)
    store.save_links(article_id, links)
    if links.facts:
        redate_undated(store, {fact.person_id for fact in links.facts})


def _record(summary: IngestSummary, store: Store, article: Article) -> None:
    result = store.add(article)
    if result.status == "existing":
        summary.existing += 1
        return
    if result.status == "new":
        summary.new += 1
    else:
        summary.new_versions += 1
    if not article.analysed:
        summary.not_analysed += 1
        log.info("%s stored but not analysed: %s", _label(article), "; ".join(article.warnings))


def only_articles(items: Iterable[Article | Problem]) -> Iterator[Article]:
    """Drop problems from a stream of ingest results."""
    return (item for item in items if isinstance(item, Article))
