"""The SQLite store on real database files."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from onrecord.errors import StorageError
from onrecord.records import Article, Entity, Quote, Span, Via
from onrecord.store import QuoteFilter, open_store
from onrecord.store.migrations import LATEST_VERSION

TEXT = "Peskov said the talks went well."


def _article(text: str = TEXT, url: str | None = "https://news.example/1") -> Article:
    return Article(
        text=text,
        url=url,
        title="Talks",
        published=date(2021, 4, 23),
        published_from="dateline",
        language="en",
        analysed=True,
        entities=(Entity("e1", "Dmitry Peskov", "PERSON", (Span(0, 6, "Peskov"),)),),
        quotes=(
            Quote(
                kind="indirect",
                content=(Span(12, 31, "the talks went well"),),
                cue=Span(7, 11, "said"),
                source=Span(0, 6, "Peskov"),
                speaker="Dmitry Peskov",
                speaker_id="e1",
                via=(Via("RIA Novosti", None),),
                polarity="deny",
            ),
        ),
    )


def test_store_roundtrips_an_article(tmp_path):
    with open_store(tmp_path / "a.db") as store:
        result = store.add(_article())
        assert (result.status, result.version) == ("new", 1)
        back = store.get(result.article_id[:8])
    assert back == _article()


def test_store_keeps_same_text_once(tmp_path):
    with open_store(tmp_path / "a.db") as store:
        store.add(_article())
        again = store.add(_article(TEXT + "  \n"))
        assert again.status == "existing"
        assert len(store.articles()) == 1


def test_store_keeps_changed_text_as_new_version(tmp_path):
    with open_store(tmp_path / "a.db") as store:
        store.add(_article())
        changed = store.add(_article(TEXT + " Updated."))
        assert (changed.status, changed.version) == ("new_version", 2)
        assert sorted(row["version"] for row in store.articles()) == [1, 2]


def test_store_lists_quotes_by_speaker_via_and_stance(tmp_path):
    with open_store(tmp_path / "a.db") as store:
        store.add(_article())
        assert [q["speaker"] for q in store.quotes(QuoteFilter(who="peskov"))] == ["Dmitry Peskov"]
        assert store.quotes(QuoteFilter(who="lukashenko")) == []
        assert [q["via"] for q in store.quotes(QuoteFilter(via="ria"))] == [["RIA Novosti"]]
        assert len(store.quotes(QuoteFilter(denials=True))) == 1
        assert store.people()[0]["name"] == "Dmitry Peskov"


def test_store_uses_wal_and_records_schema_version(tmp_path):
    path = tmp_path / "a.db"
    with open_store(path) as store:
        assert store.schema_version == LATEST_VERSION
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    versions = [row[0] for row in db.execute("SELECT version FROM schema_migrations")]
    assert versions == list(range(1, LATEST_VERSION + 1))


def test_store_refuses_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StorageError, match="notes.db"):
        open_store(path)
    assert path.read_text().startswith("these are my notes")


def test_store_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "a.db"
    open_store(path).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    db.commit()
    db.close()
    with pytest.raises(StorageError, match="v999"):
        open_store(path)


def test_store_reopens_without_migrating_again(tmp_path):
    path = tmp_path / "a.db"
    with open_store(path) as store:
        store.add(_article())
    with open_store(path) as store:
        assert len(store.articles()) == 1


def test_store_migrates_a_version_1_database_keeping_its_rows(tmp_path):
    from onrecord.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE schema_migrations"
        " (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    version, description, statements = MIGRATIONS[0]
    for statement in statements:
        db.execute(statement)
    db.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, description))
    db.execute(
        "INSERT INTO articles VALUES ('abc', NULL, NULL, 'Old', NULL, NULL, 'none', 'en', 1,"
        " 'text', 1, 'then', ?)",
        (json.dumps(_article().to_dict() | {"id": "abc"}),),
    )
    db.execute(
        "INSERT INTO quotes VALUES ('abc', 1, 'direct', 'Peskov', NULL, 0, 'assert', 'said',"
        " 'yes', '[]', '[]')"
    )
    db.commit()
    db.close()
    with open_store(path) as store:
        assert store.schema_version == LATEST_VERSION
        (row,) = store.quotes()
        assert (row["speaker"], row["when_from"], row["said_on"]) == ("Peskov", "none", None)
        assert store.get("abc") is not None
