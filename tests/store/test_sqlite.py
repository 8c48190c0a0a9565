"""What is particular to the SQLite store, on real database files."""

from __future__ import annotations

import json
import sqlite3

import pytest

from onrecord.errors import StorageError
from onrecord.store import open_store
from onrecord.store.migrations import LATEST_VERSION

from .articles import peskov_article


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
        (json.dumps(peskov_article().to_dict() | {"id": "abc"}),),
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
        assert [hit["article_id"] for hit in store.search("talks")] == ["abc"]
        assert [hit["kind"] for hit in store.search("yes")] == ["quote"]
