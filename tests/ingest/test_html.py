"""HTML pages: main text, title, URL, outlet and date, never fetched, never dated by links."""

from __future__ import annotations

from datetime import date

import pytest

from onrecord.ingest import parse_html
from onrecord.ingest.html import declared_charset, decode_html

from .conftest import shared_file

TURKEY = "wikimediafoundation.org.turkey.html"
TSNE = "en.wikipedia.org.tsne.html"
CREATIVE_COMMONS = "creativecommons.org.html"


@pytest.mark.parametrize(
    ("name", "title", "url", "outlet", "published", "published_from"),
    [
        (
            TURKEY,
            "Access to Wikipedia restored in Turkey after more than two and a half years",
            "https://wikimediafoundation.org/news/2020/01/15/"
            "access-to-wikipedia-restored-in-turkey-after-more-than-two-and-a-half-years/",
            "Wikimedia Foundation",
            date(2020, 1, 15),
            "metadata",
        ),
        (
            TSNE,
            "T-distributed stochastic neighbor embedding",
            "https://en.wikipedia.org/wiki/T-distributed_stochastic_neighbor_embedding",
            "Wikimedia Foundation, Inc.",
            date(2013, 6, 23),
            "metadata",
        ),
        # an "about" page: kept (it is prose), but undated: its only dates sit in the
        # paths of images and links (/2016/05/22/...), which never date an article
        (
            CREATIVE_COMMONS,
            "What we do - Creative Commons",
            "https://creativecommons.org/about/",
            "Creative Commons",
            None,
            "none",
        ),
    ],
)
def test_saved_pages_metadata(
    name: str,
    title: str,
    url: str,
    outlet: str,
    published: date | None,
    published_from: str,
) -> None:
    article = parse_html(shared_file("html", name).read_bytes(), path=name)
    assert article is not None
    assert (article.title, article.url, article.outlet) == (title, url, outlet)
    assert (article.published, article.published_from) == (published, published_from)
    assert (article.input_kind, article.path, article.warnings) == ("html", name, ())


def test_news_post_text_keeps_the_quote_and_drops_the_page_chrome() -> None:
    article = parse_html(shared_file("html", TURKEY).read_text(encoding="utf-8"))
    assert article is not None
    assert article.text.startswith("Today, on Wikipedia’s 19th birthday")
    assert (
        "“We are thrilled to be reunited with the people of Turkey,” said Katherine Maher,"
        in article.text
    )
    assert "Privacy policy" not in article.text
    assert "](" not in article.text


def test_news_post_links_keep_their_anchor_spans_but_not_their_dates() -> None:
    article = parse_html(shared_file("html", TURKEY).read_bytes())
    assert article is not None
    first = article.links[0]
    assert first.text == "26 December 2019 ruling"
    assert first.url.startswith("https://wikimediafoundation.org/news/2019/12/26/")
    assert first.span is not None
    assert article.text[first.span.start : first.span.end] == first.text
    assert len(article.links) == 5
    assert article.published == date(2020, 1, 15)


def test_given_url_wins_over_the_canonical_one() -> None:
    html = shared_file("html", TSNE).read_bytes()
    article = parse_html(html, url="http://archive.example/tsne")
    assert article is not None
    assert article.url == "http://archive.example/tsne"


PARAGRAPH = "The minister said the talks would resume next week, officials confirmed. " * 4


@pytest.mark.parametrize(
    ("html", "record_date", "expected"),
    [
        (
            f"<html><head><title>Talks</title></head><body><article><p>{PARAGRAPH}</p>"
            "</article></body></html>",
            date(2012, 1, 19),
            (date(2012, 1, 19), "record"),
        ),
        (
            '<html><head><title>Talks</title><meta property="article:published_time" '
            f'content="2011-05-02T10:00:00Z"></head><body><article><p>{PARAGRAPH}</p></article>'
            "</body></html>",
            date(2012, 1, 19),
            (date(2011, 5, 2), "metadata"),
        ),
        (
            "<html><head><title>Talks</title></head><body><article><p>"
            f'<a href="https://example.com/2001/02/03/old">{PARAGRAPH}</a></p><p>{PARAGRAPH}</p>'
            "</article></body></html>",
            None,
            (None, "none"),
        ),
    ],
)
def test_record_date_is_the_fallback_and_links_never_date(
    html: str, record_date: date | None, expected: tuple[date | None, str]
) -> None:
    article = parse_html(html, record_date=record_date)
    assert article is not None
    assert (article.published, article.published_from) == expected


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Moved</title></head><body><h1>302 Found</h1></body></html>",
        "<html><body><p>Please visit our website at: http://www.archive.org</p></body></html>",
        "",
        "https://example.com/never-fetched",
    ],
)
def test_pages_without_article_text_give_none(html: str) -> None:
    assert parse_html(html) is None


def test_declared_charset_decodes_legacy_pages() -> None:
    html = (
        '<html><head><meta charset="windows-1251"><title>Переговоры</title></head><body>'
        f"<article><p>{'Министр заявил, что переговоры продолжатся. ' * 6}</p></article>"
        "</body></html>"
    ).encode("cp1251")
    article = parse_html(html)
    assert article is not None
    assert article.title == "Переговоры"
    assert article.text.startswith("Министр заявил")
    assert article.warnings == ()


@pytest.mark.parametrize(
    ("content_type", "charset"),
    [
        ("text/html; charset=UTF-8", "UTF-8"),
        ('text/html; charset="iso-8859-1"', "iso-8859-1"),
        ("text/html", None),
        (None, None),
    ],
)
def test_declared_charset_reads_http_headers(content_type: str | None, charset: str | None) -> None:
    assert declared_charset(content_type) == charset


def test_decode_html_guesses_undeclared_encodings() -> None:
    decoded = decode_html("<p>Où est la Göteborg-Straße? Déjà vu à Zürich.</p>".encode("cp1252"))
    assert decoded is not None
    assert decoded[0] == "<p>Où est la Göteborg-Straße? Déjà vu à Zürich.</p>"
    assert decoded[1] == ("decoded as cp1252",)
