"""read_inputs over files, folders, globs and stdin: every bad input is a problem, not a crash."""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from onrecord.ingest import Problem, count_inputs, read_inputs
from onrecord.records import Article
from onrecord.settings import MAX_INPUT_BYTES

from .conftest import shared_file

Write = Callable[[str, str | bytes], Path]

ARTICLE = "# Talks resume\n\nApril 23, 2021\n\nThe minister said the talks would resume.\n"
PARAGRAPH = "The minister said the talks would resume next week, officials confirmed. " * 4
HTML = (
    f"<!DOCTYPE html><html><head><title>Talks</title></head><body><p>{PARAGRAPH}</p></body></html>"
)
RUSSIAN = (
    "# Переговоры продолжатся\n\n23 апреля 2021 года\n\n"
    "«Мы готовы к диалогу», — сказал министр иностранных дел журналистам в пятницу.\n"
)
FRENCH = (
    "Les négociations reprennent\n\n"
    "« Nous sommes prêts », a déclaré le ministre à la presse. Ça coûte très cher, a-t-il ajouté.\n"
)


def _outcome(items: list[Article | Problem], path: Path | str) -> list[str]:
    """One readable line per item: the article's title and kind, or the problem."""
    lines = []
    for item in items:
        if isinstance(item, Article):
            lines.append(f"article {item.input_kind}: {item.title} {'; '.join(item.warnings)}")
        else:
            assert item.source == str(path)
            lines.append(f"{item.status}: {item.reason}")
    return [line.strip() for line in lines]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("talks.txt", ARTICLE, "article text: Talks resume"),
        ("talks.md", "\ufeff" + ARTICLE, "article text: Talks resume"),
        ("page.html", HTML, "article html: Talks"),
        # sniffed by content, not extension
        ("page.txt", HTML, "article html: Talks"),
        ("notes.html", "Talks resume\n\nNo markup at all here.", "article text: Talks resume"),
        ("talks.txt.gz", gzip.compress(ARTICLE.encode()), "article text: Talks resume"),
        (
            "ru.txt",
            RUSSIAN.encode("cp1251"),
            "article text: Переговоры продолжатся decoded as cp1251",
        ),
        (
            "fr.txt",
            FRENCH.encode("latin-1"),
            "article text: Les négociations reprennent decoded as cp1252",
        ),
        (
            "broken.txt",
            "Café talks\n\nNaïve “quotes”.".encode() + b"\xff rest\n",
            "article text: Café talks invalid UTF-8: 1 byte replaced",
        ),
        ("utf16.txt", ARTICLE.encode("utf-16"), "article text: Talks resume decoded as utf-16-le"),
        ("empty.txt", b"", "skipped: empty file"),
        ("blank.txt", " \n\t\n  \n", "skipped: empty file"),
        ("blob.bin", bytes(range(256)) * 8, "skipped: binary file (no text)"),
        (
            "paper.pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
            "skipped: binary file (PDF document)",
        ),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "skipped: binary file (PNG image)"),
        ("nav.html", "<html><body><a href='/'>Home</a></body></html>", "skipped: no article text"),
        (
            "cut.txt.gz",
            gzip.compress((ARTICLE * 50).encode())[:-20],
            "failed: truncated gzip: Compressed file ended before the end-of-stream marker"
            " was reached",
        ),
    ],
)
def test_single_files(write: Write, name: str, content: str | bytes, expected: str) -> None:
    path = write(name, content)
    assert _outcome(list(read_inputs([str(path)])), path) == [expected]


def test_text_file_keeps_its_decoded_content_exactly(write: Write) -> None:
    path = write("ru.txt", RUSSIAN.encode("cp1251"))
    article = next(iter(read_inputs([str(path)])))
    assert isinstance(article, Article)
    assert article.text == RUSSIAN
    assert (article.path, article.published, article.published_from) == (
        str(path),
        date(2021, 4, 23),
        "dateline",
    )


def test_too_large_file_is_skipped_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(ARTICLE.encode() * 2000)
        # the rest is a hole: the file claims 50 MB but takes no disk space
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"\n")
    assert path.stat().st_size > MAX_INPUT_BYTES
    assert list(read_inputs([str(path)])) == [
        Problem(str(path), "too large: 50.0 MB > 20 MB limit", "skipped")
    ]


def test_missing_and_dangling_paths_fail_with_the_os_reason(tmp_path: Path) -> None:
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    missing = tmp_path / "missing.txt"
    pattern = str(tmp_path / "*.nothing")
    assert list(read_inputs([str(dangling), str(missing), pattern])) == [
        Problem(str(dangling), "no such file or directory", "failed"),
        Problem(str(missing), "no such file or directory", "failed"),
        Problem(pattern, "no files match this pattern", "failed"),
    ]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads unreadable files"
)
def test_unreadable_file_fails_with_permission_denied(write: Write) -> None:
    path = write("secret.txt", ARTICLE)
    path.chmod(0)
    try:
        assert list(read_inputs([str(path)])) == [Problem(str(path), "permission denied", "failed")]
    finally:
        path.chmod(0o644)


@pytest.fixture
def folder(write: Write, tmp_path: Path) -> Path:
    write("news/b.txt", ARTICLE)
    write("news/a.html", HTML)
    write("news/sub/c.md", RUSSIAN)
    write("news/sub/empty.txt", "")
    write("news/.hidden.txt", ARTICLE)
    write("news/.git/config.txt", ARTICLE)
    write("news/a_files/logo.png", b"\x89PNG\r\n")
    return tmp_path / "news"


def test_folders_are_read_recursively_in_order(folder: Path) -> None:
    items = list(read_inputs([str(folder)]))
    assert [(item.path, item.title) for item in items if isinstance(item, Article)] == [
        (str(folder / "a.html"), "Talks"),
        (str(folder / "b.txt"), "Talks resume"),
        (str(folder / "sub" / "c.md"), "Переговоры продолжатся"),
    ]
    assert [item for item in items if isinstance(item, Problem)] == [
        Problem(str(folder / "sub" / "empty.txt"), "empty file", "skipped")
    ]


@pytest.mark.parametrize(
    ("patterns", "count"),
    [
        (["."], 4),
        (["*.txt"], 1),
        (["**/*.txt"], 2),
        (["b.txt", "b.txt", "."], 4),
        (["*.nothing", "b.txt"], 2),
        (["-"], 1),
    ],
)
def test_count_inputs(folder: Path, patterns: list[str], count: int) -> None:
    paths = [p if p == "-" else str(folder / p) for p in patterns]
    assert count_inputs(paths) == count


def test_same_file_is_read_once(folder: Path) -> None:
    path = str(folder / "b.txt")
    assert len(list(read_inputs([path, str(folder / "*.txt"), path]))) == 1


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        (io.TextIOWrapper(io.BytesIO(ARTICLE.encode()), encoding="utf-8"), "Talks resume"),
        (io.StringIO(RUSSIAN), "Переговоры продолжатся"),
        (io.TextIOWrapper(io.BytesIO(HTML.encode()), encoding="utf-8"), "Talks"),
    ],
)
def test_stdin_is_read_as_one_input(
    monkeypatch: pytest.MonkeyPatch, stdin: io.TextIOBase, expected: str
) -> None:
    monkeypatch.setattr(sys, "stdin", stdin)
    [article] = list(read_inputs(["-"]))
    assert isinstance(article, Article)
    assert (article.title, article.path) == (expected, None)


def test_empty_stdin_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert list(read_inputs(["-"])) == [Problem("<stdin>", "empty file", "skipped")]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("undated.txt", "# Talks\n\nThe talks resumed.", (date(2020, 2, 2), "given")),
        ("dated.txt", ARTICLE, (date(2021, 4, 23), "dateline")),
        ("undated.html", HTML, (date(2020, 2, 2), "given")),
    ],
)
def test_given_date_fills_in_only_missing_dates(
    write: Write, name: str, content: str, expected: tuple[date, str]
) -> None:
    path = write(name, content)
    [article] = list(read_inputs([str(path)], published=date(2020, 2, 2)))
    assert isinstance(article, Article)
    assert (article.published, article.published_from) == expected


def test_shared_inputs_mixed_in_one_call() -> None:
    paths = [
        str(shared_file("html", "wikimediafoundation.org.turkey.html")),
        str(shared_file("warc", "post-blackout.warc.gz")),
        str(shared_file("wikinews", "wikinews_2020.csv")),
    ]
    items = list(read_inputs(paths))
    kinds = [item.input_kind for item in items if isinstance(item, Article)]
    assert (kinds.count("html"), kinds.count("warc"), kinds.count("csv")) == (1, 1, 124)
    assert [p.status for p in items if isinstance(p, Problem)] == ["skipped"]
    assert count_inputs(paths) == 3


def test_problem_reads_as_one_line() -> None:
    problem = Problem("a.warc#record 3", "truncated gzip: cut", "failed")
    assert str(problem) == "a.warc#record 3: failed: truncated gzip: cut"


def test_empty_folder_fails(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden").write_text("x")
    assert list(read_inputs([str(empty)])) == [
        Problem(str(empty), "no files in this folder", "failed")
    ]


def test_one_path_as_a_string_is_one_input(write: Write) -> None:
    path = write("talks.txt", ARTICLE)
    assert [a.title for a in read_inputs(str(path))] == ["Talks resume"]  # type: ignore[union-attr]


def test_title_with_commas_is_not_a_table_header(write: Write) -> None:
    path = write("essay.txt", "Content, Body, Text\n\nThe essay starts here.\n")
    [article] = list(read_inputs([str(path)]))
    assert isinstance(article, Article)
    assert (article.input_kind, article.title) == ("text", "Content, Body, Text")


def test_folder_walk_passes_over_brat_annotation_files(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text("Title\n\nPeskov said the talks went well.\n")
    (tmp_path / "attributions" / "a_x.ann").write_text("T1\tSource 7 13\tPeskov\n")
    items = list(read_inputs([str(tmp_path)]))
    assert [Path(item.path).name for item in items if isinstance(item, Article)] == ["a.txt"]
    assert not any(isinstance(item, Problem) for item in items)
