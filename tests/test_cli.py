"""The command line, through typer's runner and as a real process, on real files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.report import demo_corpus_dir

from .conftest import REPO, shared_path

pytestmark = pytest.mark.slow

COMMANDS = sorted(
    {command.name or command.callback.__name__ for command in app.registered_commands}
    | {group.name for group in app.registered_groups}
)


def _invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=stdin)


def test_cli_every_command_has_help_and_a_readme_entry():
    readme = (REPO / "README.md").read_text()
    for command in COMMANDS:
        result = _invoke(command, "--help")
        assert result.exit_code == 0, result.output
        assert "Usage" in result.output
        assert f"onrecord {command}" in readme, f"README lacks an entry for {command}"


def test_cli_demo_builds_a_fresh_database_and_reports(tmp_path):
    db = tmp_path / "demo.db"
    result = _invoke("demo", "--db", str(db))
    assert result.exit_code == 0, result.output
    corpus = sorted(demo_corpus_dir().glob("*.txt"))
    assert f"{len(corpus)} articles" in result.output
    assert "quotes; a few of them" in result.output
    # Sovin's denial against Kallisto's charge, at least
    assert "claim(s) both asserted and denied" in result.output
    assert "Radek Sovin DENIES: that the government was negotiating away" in result.output
    again = _invoke("demo", "--db", str(db))
    assert again.exit_code == 1
    assert "fresh database" in again.output


def test_cli_ingest_is_idempotent_and_lists_show(tmp_path):
    db = str(tmp_path / "a.db")
    first = _invoke("ingest", str(demo_corpus_dir()), "--db", db)
    assert first.exit_code == 0, first.output
    assert "new: 14" in first.output
    second = _invoke("ingest", str(demo_corpus_dir() / "*.txt"), "--db", db)
    assert "new: 0" in second.output and "already stored: 14" in second.output
    listed = json.loads(_invoke("articles", "--db", db, "--format", "json").output)
    assert len(listed) == 14
    assert {row["published"] for row in listed} >= {"2024-02-06", None}
    shown = json.loads(_invoke("show", listed[0]["id"][:10], "--db", db, "-f", "json").output)
    assert shown["id"] == listed[0]["id"]
    table = _invoke("show", listed[0]["id"], "--db", db)
    assert table.exit_code == 0 and shown["title"] in table.output
    missing = _invoke("show", "ffffffffffff", "--db", db)
    assert missing.exit_code == 1 and "no article" in missing.output


def test_cli_listings_speak_csv_and_json(tmp_path):
    db = str(tmp_path / "a.db")
    _invoke("ingest", str(demo_corpus_dir()), "--db", db)
    people = json.loads(_invoke("people", "--db", db, "--format", "json").output)
    assert people and all({"name", "type", "articles"} <= set(p) for p in people)
    csv_out = _invoke("quotes", "--db", db, "--format", "csv").output.splitlines()
    assert csv_out[0].startswith("said_on,outlet,speaker,kind,polarity")
    denials = json.loads(_invoke("quotes", "--db", db, "--denials", "-f", "json").output)
    assert denials and all(q["polarity"] == "deny" for q in denials)


def test_cli_extract_jsonl_offsets_index_the_file_exactly(tmp_path):
    source = sorted(demo_corpus_dir().glob("*.txt"))[1]
    result = _invoke("extract", str(source), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    content = source.read_text(encoding="utf-8")
    assert record["text"] == content
    spans = [m for e in record["entities"] for m in e["mentions"]]
    spans += [c for q in record["quotes"] for c in q["content"]]
    spans += [q["cue"] for q in record["quotes"] if q["cue"]]
    assert spans
    for span in spans:
        assert content[span["start"] : span["end"]] == span["text"]
    for key in (
        "id",
        "path",
        "url",
        "title",
        "published",
        "published_from",
        "language",
        "entities",
        "quotes",
        "times",
    ):
        assert key in record


def test_cli_extract_reads_stdin_with_a_given_date():
    text = "Talks resume\n\nThe minister said on Thursday that talks would resume.\n"
    result = _invoke("extract", "-", "--published", "2021-04-23", stdin=text)
    record = json.loads(result.stdout.splitlines()[0])
    assert record["published"] == "2021-04-23" and record["published_from"] == "given"
    bad = _invoke("extract", "-", "--published", "23/04/2021", stdin=text)
    assert bad.exit_code == 1 and "YYYY-MM-DD" in bad.output


def test_cli_extract_takes_the_thorough_tagger_and_names_the_modes_when_wrong():
    text = "Talks resume\n\nThe minister said on Thursday that talks would resume.\n"
    result = _invoke("extract", "-", "--tagger", "thorough", stdin=text)
    assert result.exit_code == 0, result.output
    quotes = json.loads(result.stdout.splitlines()[0])["quotes"]
    contents = [[part["text"] for part in quote["content"]] for quote in quotes]
    assert contents == [["that talks would resume"]]
    bad = _invoke("extract", "-", "--tagger", "fast", stdin=text)
    assert bad.exit_code == 1 and "'thorough'" in bad.output and "'fast'" in bad.output


def test_cli_bad_inputs_each_get_one_line_and_the_rest_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 50)
    (folder / "empty.txt").write_text("")
    (folder / "russian.txt").write_text(
        "Переговоры продолжаются\n\nПресс-секретарь Кремля заявил, что переговоры"
        " о союзном государстве идут успешно и будут продолжены на следующей неделе.\n",
        encoding="utf-8",
    )
    (folder / "latin1.txt").write_bytes(
        "Café talks\n\nThe minister said the café deal was “done”.".encode("cp1252")
    )
    (folder / "good.txt").write_text("Good news\n\nPeskov said the talks went well.\n")
    db = tmp_path / "a.db"
    result = _invoke("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "binary.bin" in result.output and "empty.txt" in result.output
    rows = {
        Path(r["path"]).name: r
        for r in json.loads(_invoke("articles", "--db", str(db), "-f", "json").output)
    }
    assert set(rows) == {"russian.txt", "latin1.txt", "good.txt"}
    assert rows["russian.txt"]["language"] == "ru" and not rows["russian.txt"]["analysed"]
    assert rows["good.txt"]["analysed"]


def test_cli_bad_database_path_is_one_clear_error(tmp_path):
    result = _invoke("articles", "--db", str(tmp_path))
    assert result.exit_code == 1
    assert "cannot open database" in result.output or "not an onrecord database" in result.output
    assert "Traceback" not in result.output


def test_ingest_killed_midway_leaves_a_consistent_database(tmp_path):
    csv_dir = shared_path("data", "wikinews")
    db = tmp_path / "kill.db"
    env = {**os.environ, "ONRECORD_DB": str(db)}
    command = [sys.executable, "-m", "onrecord", "ingest", str(csv_dir / "wikinews_*.csv")]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.5)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as probe:
                    stored = probe.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                continue
            if stored >= 20:
                break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert stored >= 20, "the ingest stored too little before the deadline"
    with sqlite3.connect(db) as probe:
        assert probe.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        before = probe.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        orphans = probe.execute(
            "SELECT COUNT(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
    assert before >= stored and orphans == 0
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    assert f"already stored: {before}" in rerun.stderr
    with sqlite3.connect(db) as probe:
        total = probe.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        distinct = probe.execute("SELECT COUNT(DISTINCT id) FROM articles").fetchone()[0]
    assert total == distinct == 295
