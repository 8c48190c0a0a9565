"""The store's commands (search, export, quote filters) on SQLite files and PostgreSQL URLs."""

from __future__ import annotations

import json
from datetime import date

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.store import open_store

from .conftest import REPO
from .store.articles import peskov_article, quoted_article


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def db(db_target):  # type: ignore[no-untyped-def]
    with open_store(db_target) as store:
        store.add(peskov_article())
        store.add(
            quoted_article(
                "Anna Volk",
                "There is no [bridge] deal [/]",
                outlet="Daily Post",
                published=date(2021, 3, 1),
                polarity="deny",
            )
        )
    return db_target


@pytest.mark.parametrize(("command", "doc"), [("search", "storage.md"), ("export", "exports.md")])
def test_cli_store_commands_have_help_and_a_docs_entry(command, doc):
    result = _invoke(command, "--help")
    assert result.exit_code == 0 and "Usage" in result.output
    assert f"onrecord {command}" in (REPO / "docs" / doc).read_text()


def test_cli_search_lists_hits_as_json_and_table(db):
    result = _invoke("search", "bridge", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert sorted(hit["kind"] for hit in hits) == ["article", "quote"]
    table = _invoke("search", "bridge deal", "--db", db, "--limit", "1")
    assert table.exit_code == 0, table.output
    # article text is shown as it is, never read as terminal markup
    assert "[bridge]" in table.stdout or "[/]" in table.stdout


@pytest.mark.parametrize("text", ['"unbalanced', "NOT (", "-", "'; --", "*"])
def test_cli_search_takes_any_text(db, text):
    result = _invoke("search", text, "--db", db)
    assert result.exit_code == 0, result.output


def test_cli_search_refuses_empty_text_in_one_line(db):
    result = _invoke("search", "  ", "--db", db)
    assert result.exit_code == 1
    assert "search text is empty" in result.output and "Traceback" not in result.output


def test_cli_quotes_filter_by_outlet_polarity_and_dates(db):
    def speakers(*options: str) -> list[str]:
        result = _invoke("quotes", "--db", db, "-f", "json", *options)
        assert result.exit_code == 0, result.output
        return sorted(row["speaker"] for row in json.loads(result.stdout))

    assert speakers("--outlet", "daily") == ["Anna Volk"]
    assert speakers("--polarity", "deny") == ["Anna Volk", "Dmitry Peskov"]
    assert speakers("--since", "2021-04-01") == ["Dmitry Peskov"]
    assert speakers("--until", "2021-03-31") == ["Anna Volk"]
    bad = _invoke("quotes", "--db", db, "--since", "April")
    assert bad.exit_code == 1 and "--since must be YYYY-MM-DD" in bad.output
    wrong = _invoke("quotes", "--db", db, "--polarity", "maybe")
    assert wrong.exit_code == 1 and "assert" in wrong.output


def test_cli_export_writes_tables_and_gkg(db, tmp_path):
    result = _invoke("export", "--out", str(tmp_path / "out"), "--format", "parquet", "--db", db)
    assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "out" / "quotes.parquet").num_rows == 2
    gkg = _invoke("export", "--out", str(tmp_path / "out"), "-f", "gkg", "--db", db)
    assert gkg.exit_code == 0, gkg.output
    assert len((tmp_path / "out" / "gkg.jsonl").read_text().splitlines()) == 2
    bad = _invoke("export", "--out", str(tmp_path / "out"), "-f", "xml", "--db", db)
    assert bad.exit_code == 1 and "jsonl" in bad.output


def test_cli_names_an_unreachable_postgresql_server_in_one_line():
    result = _invoke("articles", "--db", "postgresql://ann:hunter2@127.0.0.1:1/news")
    assert result.exit_code == 1
    assert "cannot open database" in result.output
    assert "hunter2" not in result.output and "Traceback" not in result.output
