"""Web archives: one article per HTML response, one summary of the rest, truncation kept."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from onrecord.ingest import Problem, read_inputs
from onrecord.ingest.warc import read_archive
from onrecord.records import Article

from .conftest import shared_file

BLACKBOOK_SKIPPED = (
    "skipped 22 records: 7 metadata, 7 request, 1 image/gif, 1 image/jpeg, 1 image/png,"
    " 1 no article text, 1 non-HTTP response, 1 text/plain, 1 text/xml, 1 warcinfo"
)


@pytest.mark.parametrize(
    ("name", "articles", "summary"),
    [
        (
            "IAH-20080430204825-00000-blackbook-truncated.warc",
            [("http://www.archive.org/index.php", "Institutional Support", "2008-04-30", "record")],
            BLACKBOOK_SKIPPED,
        ),
        (
            "IAH-20080430204825-00000-blackbook-truncated.warc.gz",
            [("http://www.archive.org/index.php", "Institutional Support", "2008-04-30", "record")],
            BLACKBOOK_SKIPPED,
        ),
        (
            "IAH-urls-wget.warc.gz",
            [
                (
                    "https://archive.org/",
                    "Internet Archive: Digital Library of Free Books, "
                    "Movies, Music & Wayback Machine",
                    "2013-10-21",
                    "record",
                ),
            ]
            * 2,
            "skipped 34 records: 16 request, 9 redirect, 4 text/plain, 1 image/gif,"
            " 1 image/jpeg, 1 image/png, 1 text/xml, 1 warcinfo",
        ),
        (
            "main-page.warc.gz",
            [("http://en.wikipedia.org/wiki/Main_Page", "Main Page", "2012-01-19", "metadata")],
            "skipped 150 records: 77 request, 43 image/png, 11 text/javascript, 6 image/gif,"
            " 5 image/jpeg, 5 text/plain, 2 text/css, 1 warcinfo",
        ),
        (
            "post-blackout.warc.gz",
            [
                (
                    "http://wikimediafoundation.org/wiki/SOPA/Blackoutpage",
                    "SOPA/Blackoutpage",
                    "2012-01-19",
                    "metadata",
                )
            ],
            "skipped 116 records: 62 request, 33 image/png, 6 image/gif, 6 text/javascript,"
            " 5 text/plain, 2 text/css, 1 image/jpeg, 1 warcinfo",
        ),
        (
            "sopa-wikipedia-homepage.warc.gz",
            [("http://en.wikipedia.org/wiki/Main_Page", "Main Page", "2012-01-18", "metadata")],
            "skipped 163 records: 86 request, 46 image/png, 11 text/javascript, 6 image/gif,"
            " 6 image/jpeg, 5 text/plain, 2 text/css, 1 warcinfo",
        ),
    ],
)
def test_shared_archives(
    name: str, articles: list[tuple[str, str, str, str]], summary: str
) -> None:
    path = str(shared_file("warc", name))
    items = list(read_inputs([path]))
    found = [item for item in items if isinstance(item, Article)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert [
        (a.url, a.title, a.published.isoformat() if a.published else None, a.published_from)
        for a in found
    ] == articles
    assert {(a.input_kind, a.path) for a in found} == {("warc", path)}
    assert problems == [Problem(path, summary, "skipped")]


def test_blackout_page_text() -> None:
    path = shared_file("warc", "post-blackout.warc.gz")
    article = next(item for item in read_inputs([str(path)]) if isinstance(item, Article))
    assert "The Wikipedia blackout is over — and you have spoken." in article.text


def _cut(source: Path, fraction: float, target: Path) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)])
    return target


@pytest.mark.parametrize(
    ("name", "fraction", "urls", "failure"),
    [
        (
            "main-page.warc.gz",
            0.6,
            ["http://en.wikipedia.org/wiki/Main_Page"],
            "truncated archive after 110 records: record http://meta.wikimedia.org/w/index.php",
        ),
        ("main-page.warc.gz", 0.3, [], "truncated archive after 78 records: record http://bits."),
        # cut inside the only HTML page: it is dropped, not read half
        (
            "IAH-20080430204825-00000-blackbook-truncated.warc.gz",
            0.2,
            [],
            "truncated archive after 8 records: record http://www.archive.org/index.php ends",
        ),
        (
            "IAH-20080430204825-00000-blackbook-truncated.warc",
            0.55,
            ["http://www.archive.org/index.php"],
            "truncated archive after 20 records: record http://www.archive.org/services/",
        ),
    ],
)
def test_truncated_archive_keeps_what_was_read(
    tmp_path: Path, name: str, fraction: float, urls: list[str], failure: str
) -> None:
    cut = _cut(shared_file("warc", name), fraction, tmp_path / name)
    items = list(read_inputs([str(cut)]))
    assert [item.url for item in items if isinstance(item, Article)] == urls
    last = items[-1]
    assert isinstance(last, Problem)
    assert (last.source, last.status) == (str(cut), "failed")
    assert last.reason.startswith(failure)
    assert sum(1 for item in items if isinstance(item, Problem) and item.status == "skipped") == 1


PARAGRAPH = "The minister said the talks would resume next week, officials confirmed. " * 4


def _http(body: bytes, status: str = "200 OK", content_type: str = "text/html") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
    return f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body


def _arc(*records: tuple[str, bytes]) -> bytes:
    header = b"1 0 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n"
    data = b"filedesc://test.arc 0.0.0.0 20080430204825 text/plain %d\n%s\n" % (len(header), header)
    for url, block in records:
        data += f"{url} 1.2.3.4 20080430204826 text/html {len(block)}\n".encode() + block + b"\n"
    return data


def test_arc_archive_records_become_articles() -> None:
    page = f"<html><head><title>Talks resume</title></head><body><p>{PARAGRAPH}</p></body></html>"
    data = _arc(
        ("http://example.com/news/talks", _http(page.encode())),
        ("http://example.com/old", _http(b"", status="301 Moved Permanently")),
    )
    items = list(read_archive(io.BytesIO(data), "test.arc", path="test.arc"))
    assert [(a.url, a.title, a.published) for a in items if isinstance(a, Article)] == [
        ("http://example.com/news/talks", "Talks resume", date(2008, 4, 30))
    ]
    assert items[-1] == Problem("test.arc", "skipped 2 records: 1 redirect, 1 warcinfo", "skipped")


def test_record_charset_is_used(write: Callable[[str, bytes], Path]) -> None:
    page = f"<html><head><title>Café</title></head><body><p>Élysée. {PARAGRAPH}</p></body></html>"
    block = _http(page.encode("cp1252"), content_type="text/html; charset=windows-1252")
    path = write("legacy.arc.gz", gzip.compress(_arc(("http://example.com/cafe", block))))
    article = next(iter(read_inputs([str(path)])))
    assert isinstance(article, Article)
    assert (article.title, article.text[:7], article.warnings) == ("Café", "Élysée.", ())


def test_broken_archive_fails_without_raising(write: Callable[[str, bytes], Path]) -> None:
    path = write("bad.warc", b"WARC/1.0\r\nWARC-Type: response\r\nbroken")
    items = list(read_inputs([str(path)]))
    assert len(items) == 1
    assert items[0].status == "failed"  # type: ignore[union-attr]
    assert items[0].reason.startswith("unreadable archive after 0 records: ")  # type: ignore[union-attr]
