"""Flat table rows of an article's findings, shared by every SQL backend."""

from __future__ import annotations

import json
from collections.abc import Iterator

from onrecord.records import CONTENT_JOINER, Article


def entity_rows(article: Article) -> Iterator[tuple[object, ...]]:
    """Rows of the ``entities`` table for one article."""
    for entity in article.entities:
        yield (
            article.id,
            entity.id,
            entity.name,
            entity.type,
            json.dumps(list(entity.aliases), ensure_ascii=False),
            json.dumps(list(entity.roles), ensure_ascii=False),
            len(entity.mentions),
        )


def quote_rows(article: Article) -> Iterator[tuple[object, ...]]:
    """Rows of the ``quotes`` table for one article."""
    for number, quote in enumerate(article.quotes, start=1):
        yield (
            article.id,
            number,
            quote.kind,
            quote.speaker,
            quote.speaker_id,
            int(quote.anonymous),
            quote.polarity,
            quote.cue.text if quote.cue else None,
            CONTENT_JOINER.join(span.text for span in quote.content),
            json.dumps([via.name for via in quote.via], ensure_ascii=False),
            json.dumps([venue.name for venue in quote.venue], ensure_ascii=False),
            quote.when,
            quote.when_from,
        )


def time_rows(article: Article) -> Iterator[tuple[object, ...]]:
    """Rows of the ``times`` table for one article."""
    for number, time in enumerate(article.times, start=1):
        yield (
            article.id,
            number,
            time.span.start,
            time.span.end,
            time.span.text,
            time.type,
            time.value,
        )


def search_rows(article: Article, body_chars: int) -> Iterator[tuple[object, ...]]:
    """Rows of the ``search_index`` table: the article, then each quote with content.

    An article row has no quote number, its title as heading and (the first
    ``body_chars`` characters of) its text as body; a quote row has its speaker as
    heading and its content as body.
    """
    yield (article.id, None, article.title or "", article.text[:body_chars])
    for number, quote in enumerate(article.quotes, start=1):
        content = CONTENT_JOINER.join(span.text for span in quote.content)
        if content:
            yield (article.id, number, quote.speaker or "", content)
