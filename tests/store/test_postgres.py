"""What is particular to the PostgreSQL store, on a real throwaway server."""

from __future__ import annotations

import json
import threading

import psycopg
import pytest

from onrecord.errors import StorageError
from onrecord.store import open_store
from onrecord.store.migrations import LATEST_VERSION, MIGRATIONS
from onrecord.store.postgres import PostgresStore, redact_url, to_pyformat

from .articles import peskov_article


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT ? , ?", "SELECT %s , %s"),
        ("WHERE a LIKE '%x?' AND b = ?", "WHERE a LIKE '%%x?' AND b = %s"),
        ("WHERE a LIKE ? ESCAPE '\\' AND b = ?", "WHERE a LIKE %s ESCAPE '\\' AND b = %s"),
        ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', %s"),
        ('SELECT "odd?name" FROM t WHERE x = ?', 'SELECT "odd?name" FROM t WHERE x = %s'),
        ("SELECT 5 % 2 -- why?\n, ?", "SELECT 5 %% 2 -- why?\n, %s"),
        ("SELECT /* ? */ ?", "SELECT /* ? */ %s"),
    ],
)
def test_to_pyformat_rewrites_only_real_placeholders(sql, expected):
    assert to_pyformat(sql) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://ann:secret@db:5432/news", "postgresql://ann:***@db:5432/news"),
        ("postgresql://ann@db/news", "postgresql://ann@db/news"),
        ("postgresql://db/news?password=secret&x=1", "postgresql://db/news?password=***&x=1"),
    ],
)
def test_redact_url_hides_passwords(url, expected):
    assert redact_url(url) == expected


def test_open_store_takes_a_postgresql_url(postgres_url):
    with open_store(postgres_url) as store:
        assert isinstance(store, PostgresStore)
        assert store.schema_version == LATEST_VERSION


def test_open_store_reads_a_postgresql_url_from_the_environment(postgres_url, monkeypatch):
    monkeypatch.setenv("ONRECORD_DB", postgres_url)
    with open_store() as store:
        assert isinstance(store, PostgresStore)


def test_store_names_an_unreachable_server_without_its_password(postgres_cluster):
    url = f"postgresql://onrecord:hunter2@127.0.0.1:{postgres_cluster.port}/no_such_db"
    with pytest.raises(StorageError, match="no_such_db") as raised:
        open_store(url)
    assert "hunter2" not in str(raised.value)


def test_store_refuses_a_newer_schema(postgres_url):
    open_store(postgres_url).close()
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    with pytest.raises(StorageError, match="v999"):
        open_store(postgres_url)


def test_store_migrates_a_version_1_database_keeping_its_rows(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute(
            "CREATE TABLE schema_migrations"
            " (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        version, description, statements = MIGRATIONS[0]
        for statement in statements:
            db.execute(statement)  # type: ignore[arg-type]
        db.execute("INSERT INTO schema_migrations VALUES (%s, %s, 'then')", (version, description))
        db.execute(
            "INSERT INTO articles VALUES ('abc', NULL, NULL, 'Old', NULL, NULL, 'none', 'en', 1,"
            " 'text', 1, 'then', %s)",
            (json.dumps(peskov_article().to_dict() | {"id": "abc"}),),
        )
        db.execute(
            "INSERT INTO quotes VALUES ('abc', 1, 'direct', 'Peskov', NULL, 0, 'assert', 'said',"
            " 'yes indeed', '[]', '[]')"
        )
    with open_store(postgres_url) as store:
        assert store.schema_version == LATEST_VERSION
        (row,) = store.quotes()
        assert (row["speaker"], row["when_from"], row["said_on"]) == ("Peskov", "none", None)
        assert [hit["article_id"] for hit in store.search("talks")] == ["abc"]
        assert [hit["kind"] for hit in store.search("indeed")] == ["quote"]


def test_store_versions_concurrent_adds_of_one_url_in_turn(postgres_url):
    texts = [f"Peskov said the talks went well, take {n}." for n in range(6)]
    results: list[int] = []

    def add(text: str) -> None:
        with open_store(postgres_url) as store:
            results.append(store.add(peskov_article(text)).version)

    threads = [threading.Thread(target=add, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [1, 2, 3, 4, 5, 6]


def test_store_refuses_text_postgresql_cannot_hold_and_keeps_nothing(postgres_url):
    with open_store(postgres_url) as store:
        with pytest.raises(StorageError, match="cannot store article"):
            store.add(peskov_article("Peskov said\x00 the talks went well."))
        assert store.articles() == []
