"""Read-side requests turned into store calls: pages of rows, and search results grouped."""

from __future__ import annotations

from typing import Any

from onrecord.store import QuoteFilter, Store


def search(store: Store, text: str, limit: int) -> dict[str, Any]:
    """Articles, people and quotes that match a search text.

    Args:
        store: the open store.
        text: what to look for, as for :meth:`Store.search`.
        limit: the most hits of each kind.

    Returns:
        ``{"query", "articles", "people", "quotes"}``: article hits with their snippet,
        the people the text names, and the full rows of the quotes it matched.

    Raises:
        ConfigError: when the text has nothing to search for.
    """
    hits = store.search(text, limit=limit * 5)
    articles = [_article_hit(hit) for hit in hits if hit["kind"] == "article"][:limit]
    quote_hits = [hit for hit in hits if hit["kind"] == "quote"][:limit]
    return {
        "query": text,
        "articles": articles,
        "people": store.find_person(text)[:limit],
        "quotes": _quote_rows(store, quote_hits),
    }


def search_articles(store: Store, text: str, limit: int) -> list[dict[str, Any]]:
    """Articles matching a search text, best first, each once."""
    seen: dict[str, dict[str, Any]] = {}
    for hit in store.search(text, limit=limit * 3):
        seen.setdefault(hit["article_id"], _article_hit(hit))
    return list(seen.values())[:limit]


def _article_hit(hit: dict[str, Any]) -> dict[str, Any]:
    row = {key: hit.get(key) for key in ("title", "published", "outlet", "snippet", "score")}
    row["id"] = hit["article_id"]
    return row


def _quote_rows(store: Store, hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stored rows of the quotes hit, in the order of the hits."""
    by_article: dict[str, dict[int, dict[str, Any]]] = {}
    for hit in hits:
        if hit["article_id"] not in by_article:
            rows = store.quotes(QuoteFilter(article_id=hit["article_id"], complete=False))
            by_article[hit["article_id"]] = {row["n"]: row for row in rows}
    found = []
    for hit in hits:
        row = by_article[hit["article_id"]].get(hit["n"])
        if row is not None:
            found.append(dict(row, snippet=hit.get("snippet")))
    return found


def person_record(store: Store, name: str, quote_limit: int) -> dict[str, Any] | None:
    """One person or organisation across articles, with at most ``quote_limit`` quotes.

    Returns:
        The record of :meth:`Store.person`, or None when nobody of that name is stored.
    """
    record = store.person(name)
    if record is None:
        return None
    return dict(record, quotes=list(record.get("quotes", []))[:quote_limit])
