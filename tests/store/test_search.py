"""Full-text search over articles and quotes, the same tests on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from onrecord.errors import ConfigError
from onrecord.store.sqlite import fts5_query

from .articles import peskov_article, quoted_article


@pytest.fixture
def filled(store):  # type: ignore[no-untyped-def]
    store.add(peskov_article())
    store.add(
        quoted_article("Anna Volk", "We will build the bridge", outlet="Daily Post",
                       published=date(2021, 3, 1), title="Bridge plans")
    )  # fmt: skip
    store.add(
        quoted_article("Boris Lind", "There is no bridge deal", outlet="Evening Star",
                       published=date(2021, 4, 10), polarity="deny")
    )  # fmt: skip
    return store


def _found(rows):  # type: ignore[no-untyped-def]
    return sorted((row["kind"], row["speaker"] or row["title"]) for row in rows)


def test_search_finds_articles_and_quotes(filled):
    rows = filled.search("bridge")
    assert _found(rows) == [
        ("article", "Boris Lind speaks"),
        ("article", "Bridge plans"),
        ("quote", "Anna Volk"),
        ("quote", "Boris Lind"),
    ]
    assert set(rows[0]) == {
        "kind", "article_id", "n", "title", "published", "outlet", "speaker", "snippet", "score"
    }  # fmt: skip
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    quote = next(row for row in rows if row["speaker"] == "Boris Lind")
    assert (quote["n"], quote["outlet"], quote["published"]) == (1, "Evening Star", "2021-04-10")
    assert "[bridge]" in quote["snippet"]


def test_search_ranks_a_title_match_first(filled):
    assert filled.search("plans")[0]["title"] == "Bridge plans"
    assert filled.search("bridge plans", limit=1)[0]["title"] == "Bridge plans"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"build the bridge"', [("article", "Bridge plans"), ("quote", "Anna Volk")]),
        ('"bridge the build"', []),
        ("bridge -deal", [("article", "Bridge plans"), ("quote", "Anna Volk")]),
        ('bridge -"no bridge deal"', [("article", "Bridge plans"), ("quote", "Anna Volk")]),
        ("talks or deal", [
            ("article", "Boris Lind speaks"), ("article", "Talks"), ("quote", "Boris Lind"),
            ("quote", "Dmitry Peskov"),
        ]),
        ("Peskov", [("article", "Talks"), ("quote", "Dmitry Peskov")]),
        ("building", [("article", "Bridge plans"), ("quote", "Anna Volk")]),
        ("submarine", []),
    ],
)  # fmt: skip
def test_search_reads_queries_like_a_web_search(filled, text, expected):
    assert _found(filled.search(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced quote',
        'bridge"',
        "AND OR NOT",
        "NEAR(bridge deal)",
        "heading:bridge",
        "bridge*",
        "*",
        "^bridge",
        "'; DROP TABLE articles; --",
        "(( bridge",
        "-",
        '""',
        "%",
        "?",
        "\\",
        "!!! ??? ...",
        "bridge\x00deal",
        "“bridge deal”",
        "-bridge",
        "or",
    ],
)
def test_search_never_raises_on_odd_input(filled, text):
    rows = filled.search(text)
    assert isinstance(rows, list)
    assert len(filled.articles()) == 3


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_search_rejects_empty_text(store, text):
    with pytest.raises(ConfigError, match="empty"):
        store.search(text)


def test_search_respects_the_limit(filled):
    assert len(filled.search("bridge", limit=2)) == 2
    with pytest.raises(ConfigError, match="limit"):
        filled.search("bridge", limit=0)


def test_search_index_follows_new_versions_and_skips_stored_text(filled):
    filled.add(peskov_article())
    assert len(filled.search("talks")) == 2
    filled.add(peskov_article("Peskov said the talks went well. The submarine left."))
    assert _found(filled.search("submarine")) == [("article", "Talks")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bridge", '("bridge")'),
        ("bridge deal", '("bridge" AND "deal")'),
        ('"no bridge" deal', '("no bridge" AND "deal")'),
        ('"unclosed phrase', '("unclosed phrase")'),
        ("bridge -deal", '(("bridge") NOT "deal")'),
        ("a or b", '("a") OR ("b")'),
        ("or a or or b or", '("a") OR ("b")'),
        ("U.S. talks", '("U S" AND "talks")'),
        ("NEAR(a b) col:x", '("NEAR a" AND "b" AND "col x")'),
        ("-only", None),
        ("!!!", None),
    ],
)
def test_fts5_query_quotes_every_term(text, expected):
    assert fts5_query(text) == expected
