"""Exports of the whole record, read back from the files, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
from datetime import date

import pyarrow.parquet as pq
import pytest

from onrecord.errors import ConfigError
from onrecord.export import export_record
from onrecord.store import open_store

from .store.articles import peskov_article, quoted_article

CORE_TABLES = ["articles", "entities", "quotes", "times"]
LINK_TABLES = ["claims", "person_mentions", "persons", "stories", "story_articles"]


@pytest.fixture
def filled(db_target):  # type: ignore[no-untyped-def]
    with open_store(db_target) as store:
        first = store.add(peskov_article()).article_id
        store.add(
            quoted_article(
                "Anna Volk",
                "We will build the bridge",
                outlet="Daily Post",
                published=date(2021, 3, 1),
                when="2021-02-26",
            )
        )
        with store._transaction():
            store._run(
                "INSERT INTO stories VALUES (?, ?, ?, ?, ?)", ("s1", "Talks", None, None, "now")
            )
            store._run("INSERT INTO story_articles VALUES (?, ?, ?)", (first, "s1", 0.75))
        yield store


def _jsonl(path):  # type: ignore[no-untyped-def]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_jsonl_writes_a_file_per_table(filled, tmp_path):
    written = export_record(filled, tmp_path, "jsonl")
    tables = [item.table for item in written]
    assert tables[:4] == CORE_TABLES
    assert set(LINK_TABLES) <= set(tables)
    assert not {"schema_migrations", "search_index", "claim_buckets"} & set(tables)
    articles = _jsonl(tmp_path / "articles.jsonl")
    assert sorted(row["title"] for row in articles) == ["Anna Volk speaks", "Talks"]
    assert "record" not in articles[0]
    assert {row["text"] for row in articles} >= {peskov_article().text}
    quotes = _jsonl(tmp_path / "quotes.jsonl")
    assert sorted((row["speaker"], tuple(row["via"])) for row in quotes) == [
        ("Anna Volk", ()),
        ("Dmitry Peskov", ("RIA Novosti",)),
    ]
    assert _jsonl(tmp_path / "story_articles.jsonl") == [
        {"article_id": peskov_article().id, "story_id": "s1", "score": 0.75}
    ]
    assert {item.rows for item in written if item.table == "persons"} == {0}


def test_export_csv_keeps_a_header_even_for_empty_tables(filled, tmp_path):
    export_record(filled, tmp_path, "csv")
    with (tmp_path / "quotes.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    peskov = next(row for row in rows if row["speaker"] == "Dmitry Peskov")
    assert (peskov["polarity"], json.loads(peskov["via"])) == ("deny", ["RIA Novosti"])
    header = (tmp_path / "persons.csv").read_text(encoding="utf-8").splitlines()
    assert header == ["id,name,type,created_at"]


def test_export_parquet_reads_back_with_pyarrow(filled, tmp_path):
    export_record(filled, tmp_path, "parquet")
    articles = pq.read_table(tmp_path / "articles.parquet")
    assert articles.num_rows == 2 and "text" in articles.column_names
    assert "record" not in articles.column_names
    entities = pq.read_table(tmp_path / "entities.parquet").to_pylist()
    assert {row["name"]: row["aliases"] for row in entities}["Dmitry Peskov"] == []
    times = pq.read_table(tmp_path / "times.parquet").to_pylist()
    assert [(row["text"], row["value"]) for row in times] == [("Monday", "2021-02-26")]
    empty = pq.read_table(tmp_path / "claims.parquet")
    assert empty.num_rows == 0 and "group_id" in empty.column_names
    assert "embedding" not in empty.column_names


def test_export_gkg_gives_offsets_verbs_and_speakers(filled, tmp_path):
    (written,) = export_record(filled, tmp_path, "gkg")
    assert (written.path.name, written.rows) == ("gkg.jsonl", 2)
    records = {row["title"]: row for row in _jsonl(tmp_path / "gkg.jsonl")}
    anna = records["Anna Volk speaks"]
    text = 'Anna Volk said "We will build the bridge" on Monday.'
    assert [person["name"] for person in anna["persons"]] == ["Anna Volk"]
    assert [place["name"] for place in anna["locations"]] == ["Minsk"]
    assert anna["dates"] == [
        {"text": "Monday", "type": "DATE", "value": "2021-02-26", "offset": text.index("Monday")}
    ]
    (quotation,) = anna["quotations"]
    start = quotation["offset"]
    assert text[start : start + quotation["length"]] == quotation["quote"]
    assert (quotation["verb"], quotation["speaker"], quotation["when"]) == (
        "said",
        "Anna Volk",
        "2021-02-26",
    )
    assert records["Talks"]["quotations"][0]["via"] == ["RIA Novosti"]


def test_export_rejects_an_unknown_format_and_an_unwritable_folder(filled, tmp_path):
    with pytest.raises(ConfigError, match="gkg"):
        export_record(filled, tmp_path, "xml")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="cannot write"):
        export_record(filled, blocker, "jsonl")
    assert blocker.read_text() == "not a folder"
