"""CSV, TSV, JSON Lines and JSON: one article per row, columns before what the text says."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from onrecord.ingest import Problem, read_inputs
from onrecord.ingest.tables import row_article
from onrecord.records import Article

from .conftest import shared_file

Write = Callable[[str, str | bytes], Path]


def test_wikinews_csvs_give_295_dated_articles() -> None:
    folder = shared_file("wikinews")
    paths = [str(folder / "wikinews_2019.csv"), str(folder / "wikinews_2020.csv")]
    items = list(read_inputs(paths))
    assert all(isinstance(item, Article) for item in items)
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) == 295
    assert sum(1 for a in articles if a.path == paths[0]) == 171
    assert {(a.input_kind, a.published_from) for a in articles} == {("csv", "metadata")}
    assert all(a.title and a.url and a.published for a in articles)


def test_wikinews_first_row() -> None:
    path = shared_file("wikinews", "wikinews_2019.csv")
    first = next(iter(read_inputs([str(path)])))
    assert isinstance(first, Article)
    assert first.title == "Magnitogorsk apartment building collapses after explosion, dozens dead"
    assert first.url == (
        "https://en.wikinews.org//wiki/"
        "Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead"
    )
    assert (first.published, first.published_from, first.warnings) == (
        date(2019, 1, 4),
        "metadata",
        (),
    )
    # the text column is kept as it is, dateline included
    assert first.text.startswith("Friday, January 4, 2019\xa0\n\n\nAn apartment building collapsed")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            {"Title": "Vote", "TEXT": "May 4, 2020\n\nThe vote passed.", "Date": ""},
            ("Vote", date(2020, 5, 4), "dateline", ()),
        ),
        (
            {"title": "Vote", "content": "May 4, 2020\n\nThe vote passed.", "date": "2020-05-05"},
            (
                "Vote",
                date(2020, 5, 5),
                "metadata",
                ("published date conflict: metadata 2020-05-05 vs dateline 2020-05-04",),
            ),
        ),
        (
            {"body": "# Vote passes\n\nThe vote passed.", "published": "someday"},
            ("Vote passes", None, "none", ("unreadable date 'someday'",)),
        ),
        (
            {"text": "The vote passed.", "url": "https://e.com/2020/05/03/vote"},
            (None, date(2020, 5, 3), "url", ()),
        ),
    ],
)
def test_row_columns_win_over_the_text(
    row: dict[str, str], expected: tuple[str | None, date | None, str, tuple[str, ...]]
) -> None:
    article = row_article(row, "rows.csv#line 2")
    assert isinstance(article, Article)
    assert (article.title, article.published, article.published_from, article.warnings) == expected


def test_row_without_text_is_skipped() -> None:
    assert row_article({"title": "Empty", "text": "  "}, "rows.csv#line 3") == Problem(
        "rows.csv#line 3", "no text", "skipped"
    )


CSV_ROWS = (
    "url,date,title,text\n"
    'https://e.com/a,2020-05-04,First,"One\n\nparagraph, two."\n'
    "https://e.com/b,2020-05-05,No text,\n"
    "https://e.com/c,2020-05-06,Third,Three.\n"
)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "rows.csv",
            CSV_ROWS,
            ["https://e.com/a", "skipped #line 5: no text", "https://e.com/c"],
        ),
        (
            # sniffed from the header, whatever the extension
            "rows.txt",
            CSV_ROWS,
            ["https://e.com/a", "skipped #line 5: no text", "https://e.com/c"],
        ),
        (
            "rows.tsv",
            "title\ttext\turl\nFirst\tOne.\thttps://e.com/a\n",
            ["https://e.com/a"],
        ),
        (
            "rows.jsonl",
            json.dumps({"url": "https://e.com/a", "text": "One."})
            + "\n\n{broken\n"
            + json.dumps(["not", "an", "object"])
            + "\n"
            + json.dumps({"url": "https://e.com/d", "title": "No text"})
            + "\n",
            [
                "https://e.com/a",
                "failed #line 3: invalid JSON: Expecting property name enclosed in double quotes:"
                " line 1 column 2 (char 1)",
                "failed #line 4: not a JSON object but list",
                "skipped #line 5: no text",
            ],
        ),
        (
            "rows.json",
            json.dumps([{"url": "https://e.com/a", "body": "One."}, 3]),
            ["https://e.com/a", "failed #item 2: not a JSON object but int"],
        ),
        ("excel.csv", "\ufeffURL,Text\r\nhttps://e.com/a,One.\r\n", ["https://e.com/a"]),
        ("utf16.csv", "url,text\nhttps://e.com/é,One.\n".encode("utf-16"), ["https://e.com/é"]),
        (
            "rows.jsonl.gz",
            gzip.compress(json.dumps({"url": "https://e.com/a", "text": "One."}).encode()),
            ["https://e.com/a"],
        ),
        (
            "bad.csv",
            "name,age\nAda,36\n",
            ["failed : no text column (columns: name, age)"],
        ),
    ],
)
def test_table_files(write: Write, name: str, content: str | bytes, expected: list[str]) -> None:
    path = write(name, content)
    outcome = []
    for item in read_inputs([str(path)]):
        if isinstance(item, Article):
            assert item.path == str(path)
            outcome.append(item.url)
        else:
            where = item.source.removeprefix(str(path))
            outcome.append(f"{item.status} {where}: {item.reason}")
    assert outcome == expected


def test_table_text_keeps_its_exact_content(write: Write) -> None:
    path = write("rows.csv", CSV_ROWS)
    first = next(iter(read_inputs([str(path)])))
    assert isinstance(first, Article)
    assert (first.text, first.title, first.input_kind) == ("One\n\nparagraph, two.", "First", "csv")


def test_cp1251_csv_is_decoded(write: Write) -> None:
    content = 'title,text\nПереговоры,"«Мы готовы к диалогу», — сказал министр журналистам."\n'
    path = write("ru.csv", content.encode("cp1251"))
    article = next(iter(read_inputs([str(path)])))
    assert isinstance(article, Article)
    assert article.title == "Переговоры"
    assert article.text == "«Мы готовы к диалогу», — сказал министр журналистам."
    assert article.warnings == ("decoded as cp1251",)
