"""The repository interface, the same tests on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from onrecord.errors import ConfigError, StorageError
from onrecord.store import QuoteFilter
from onrecord.store.migrations import LATEST_VERSION

from .articles import TEXT, peskov_article, quoted_article


def test_store_roundtrips_an_article(store):
    result = store.add(peskov_article())
    assert (result.status, result.version) == ("new", 1)
    assert store.has(result.article_id)
    assert store.get(result.article_id[:8]) == peskov_article()
    assert store.schema_version == LATEST_VERSION


def test_store_keeps_same_text_once(store):
    store.add(peskov_article())
    again = store.add(peskov_article(TEXT + "  \n"))
    assert again.status == "existing"
    assert len(store.articles()) == 1


def test_store_keeps_changed_text_as_new_version(store):
    store.add(peskov_article())
    changed = store.add(peskov_article(TEXT + " Updated."))
    assert (changed.status, changed.version) == ("new_version", 2)
    assert sorted(row["version"] for row in store.articles()) == [1, 2]
    assert len(store.articles(limit=1)) == 1


def test_store_get_treats_wildcards_in_an_id_prefix_as_text(store):
    store.add(peskov_article())
    assert store.get("%") is None
    assert store.get("_") is None


def test_store_lists_quotes_by_speaker_via_and_stance(store):
    store.add(peskov_article())
    assert [q["speaker"] for q in store.quotes(QuoteFilter(who="peskov"))] == ["Dmitry Peskov"]
    assert store.quotes(QuoteFilter(who="lukashenko")) == []
    assert [q["via"] for q in store.quotes(QuoteFilter(via="ria"))] == [["RIA Novosti"]]
    assert len(store.quotes(QuoteFilter(denials=True))) == 1
    (person,) = store.people()
    assert (person["name"], person["articles"], person["mentions"]) == ("Dmitry Peskov", 1, 1)


def _three_outlets(store):  # type: ignore[no-untyped-def]
    ids = [
        store.add(
            quoted_article("Anna Volk", "We will build the bridge", outlet="Daily Post",
                           published=date(2021, 3, 1), when="2021-02-26")
        ).article_id,
        store.add(
            quoted_article("Boris Lind", "There is no bridge deal", outlet="Evening Star",
                           published=date(2021, 4, 10), polarity="deny")
        ).article_id,
        store.add(
            quoted_article("Anna Volk", "The bridge opens in May", outlet="Daily Post",
                           published=None, when="2021-05")
        ).article_id,
    ]  # fmt: skip
    return ids


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (QuoteFilter(), ["Anna Volk", "Boris Lind", "Anna Volk"]),
        (QuoteFilter(outlet="daily"), ["Anna Volk", "Anna Volk"]),
        (QuoteFilter(outlet="EVENING STAR"), ["Boris Lind"]),
        (QuoteFilter(outlet="%"), []),
        (QuoteFilter(polarity="deny"), ["Boris Lind"]),
        (QuoteFilter(polarity="assert"), ["Anna Volk", "Anna Volk"]),
        (QuoteFilter(denials=True, polarity="deny"), ["Boris Lind"]),
        (QuoteFilter(since=date(2021, 3, 1)), ["Boris Lind", "Anna Volk"]),
        (QuoteFilter(until=date(2021, 2, 26)), ["Anna Volk"]),
        (QuoteFilter(since=date(2021, 5, 20)), ["Anna Volk"]),
        (QuoteFilter(since=date(2021, 4, 10), until=date(2021, 4, 10)), ["Boris Lind"]),
        (QuoteFilter(since=date(2022, 1, 1)), []),
        (QuoteFilter(who="volk", limit=1), ["Anna Volk"]),
        (QuoteFilter(limit=0), []),
    ],
)
def test_store_filters_quotes(store, where, expected):
    _three_outlets(store)
    assert [row["speaker"] for row in store.quotes(where)] == expected


def test_store_filters_quotes_by_story(store):
    first, second, third = _three_outlets(store)
    with store._transaction():
        store._run("INSERT INTO stories VALUES (?, ?, NULL, NULL, ?)", ("s1", "The bridge", "now"))
        store._run_many(
            "INSERT INTO story_articles VALUES (?, ?, ?)", [(first, "s1", 1.0), (third, "s1", 0.5)]
        )
    rows = store.quotes(QuoteFilter(story_id="s1"))
    assert [row["content"] for row in rows] == [
        "We will build the bridge",
        "The bridge opens in May",
    ]
    assert store.quotes(QuoteFilter(story_id="s2")) == []


def test_store_lists_only_complete_quotes_by_default(store):
    article = quoted_article("Anna Volk", "We will build the bridge", outlet="Daily Post",
                             published=date(2021, 3, 1))  # fmt: skip
    (said,) = article.quotes
    bare = dataclasses.replace(said, cue=None, source=None, speaker=None, speaker_id=None)
    unfound = dataclasses.replace(said, content=())
    store.add(article.evolve(quotes=(said, bare, unfound)))
    assert [q["speaker"] for q in store.quotes()] == ["Anna Volk"]
    everything = store.quotes(QuoteFilter(complete=False))
    assert sorted((q["speaker"] or "?", q["content"]) for q in everything) == [
        ("?", "We will build the bridge"),
        ("Anna Volk", ""),
        ("Anna Volk", "We will build the bridge"),
    ]


@pytest.mark.parametrize(
    "options",
    [
        {"polarity": "maybe"},
        {"denials": True, "polarity": "assert"},
        {"since": date(2021, 5, 1), "until": date(2021, 4, 1)},
        {"limit": -1},
    ],
)
def test_quote_filter_rejects_bad_values(options):
    with pytest.raises(ConfigError):
        QuoteFilter(**options)


def test_store_add_is_atomic(store):
    article = peskov_article()
    # the same entity id twice fails on the entities table, after the article row went in
    twice = article.evolve(entities=article.entities * 2)
    with pytest.raises(StorageError, match="cannot store article"):
        store.add(twice)
    assert not store.has(article.id)
    assert store.search("talks") == []
    assert store.add(article).status == "new"
    assert [row["kind"] for row in store.search("talks")] == ["article", "quote"]


def test_store_reopens_without_migrating_again(db_target):
    from onrecord.store import open_store

    with open_store(db_target) as store:
        store.add(peskov_article())
    with open_store(db_target) as store:
        assert len(store.articles()) == 1
        versions = store._fetch("SELECT version FROM schema_migrations ORDER BY version")
        assert [row["version"] for row in versions] == list(range(1, LATEST_VERSION + 1))
