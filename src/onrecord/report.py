"""Readable plain-text reports of articles and of a whole store, for the terminal."""

from __future__ import annotations

import textwrap
from importlib import resources
from pathlib import Path
from typing import Any

from onrecord.records import Article, Quote
from onrecord.store import QuoteFilter, Store

_WIDTH = 100
_SHOWCASE_MIN_WORDS = 6


def demo_corpus_dir() -> Path:
    """The folder of the bundled, fictional demo corpus."""
    return Path(str(resources.files("onrecord") / "demo" / "corpus"))


def _quote_line(quote: Quote) -> str:
    content = " … ".join(span.text for span in quote.content)
    who = quote.speaker or (quote.source.text if quote.source else "?")
    if quote.anonymous:
        who += " (anonymous)"
    chain = "".join(f", via {via.name}" for via in quote.via)
    venue = "".join(f", to {venue.name}" for venue in quote.venue)
    stance = " DENIES" if quote.polarity == "deny" else ""
    when = f" on {quote.when}" if quote.when_from == "text" else ""
    cue = quote.cue.text if quote.cue else ("continues" if quote.speaker else "no cue")
    return f"[{quote.kind}{stance}] {who} ({cue}{when}{chain}{venue}): {content}"


def describe_article(article: Article) -> str:
    """A plain-text view of one article: metadata, people, quotes, times."""
    lines = [
        article.title or "(untitled)",
        f"id {article.id} · {article.published or 'date unknown'}"
        f" (from {article.published_from}) · {article.outlet or '-'} · {article.language or '?'}",
    ]
    lines += [f"url: {article.url}"] if article.url else []
    lines += [f"path: {article.path}"] if article.path else []
    lines += [f"warning: {warning}" for warning in article.warnings]
    if article.entities:
        lines.append("\nentities:")
        for entity in article.entities:
            extra = f" — {', '.join(entity.roles)}" if entity.roles else ""
            aka = f" (also {', '.join(entity.aliases)})" if entity.aliases else ""
            lines.append(f"  {entity.type:8} {entity.name}{aka}{extra} ×{len(entity.mentions)}")
    quotes = [quote for quote in article.quotes if quote.content]
    if quotes:
        lines.append("\nquotes:")
        for quote in quotes:
            lines.append(
                textwrap.fill(
                    _quote_line(quote), _WIDTH, initial_indent="  ", subsequent_indent="      "
                )
            )
    if article.times:
        lines.append("\ntimes:")
        lines += [f"  {t.span.text!r} → {t.type} {t.value}" for t in article.times]
    return "\n".join(lines)


def _showcase(rows: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """A few telling quotes: a named speaker, a full sentence, one per article, by date."""
    chosen: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in rows:
        if row["article_id"] in seen or row["speaker"] is None:
            continue
        if len(row["content"].split()) < _SHOWCASE_MIN_WORDS or row["anonymous"] and not row["via"]:
            continue
        seen.add(row["article_id"])
        chosen.append(row)
    return chosen[:count]


def describe_store(store: Store, *, quotes: int = 8, people: int = 8) -> str:
    """A short report of a store: articles, the most mentioned people, a few quotes."""
    rows = store.articles()
    lines = [f"{len(rows)} articles"]
    for row in sorted(rows, key=lambda r: (r["published"] is None, r["published"] or "")):
        lines.append(
            f"  {row['published'] or 'undated   '}  {(row['outlet'] or '-')[:22]:22}"
            f"  {row['title'] or '(untitled)'}"
        )
    lines.append("\npeople and organisations most mentioned:")
    for person in store.people(limit=people):
        roles = f" — {person['roles'][0]}" if person["roles"] else ""
        lines.append(f"  {person['name']} ({person['type']}, {person['articles']} articles){roles}")
    found = store.quotes(QuoteFilter())
    lines.append(f"\n{len(found)} quotes; a few of them:")
    for row in _showcase(found, quotes):
        who = row["speaker"] or "?"
        via = "".join(f", via {name}" for name in row["via"])
        stance = " (denial)" if row["polarity"] == "deny" else ""
        text = f"{row['said_on'] or '?'} {who}{via}{stance}: {row['content']}"
        lines.append(textwrap.shorten(text, _WIDTH * 2, placeholder=" …"))
    return "\n".join(lines)
