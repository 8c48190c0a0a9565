"""Plain and Markdown-like text: the text is kept exactly, markup is excluded."""

from __future__ import annotations

import re
from datetime import date

import pytest

from onrecord.ingest import parse_text
from onrecord.ingest.text import merge_ranges, strip_markdown_links

SCRAPED = """# Senate passes [infrastructure](https://example.com/tags/infrastructure) bill

April 23, 2021

WASHINGTON — The Senate passed the bill on Friday, **Senator Jane Doe** said. "It is a good \
day," she told [Reuters](https://www.reuters.com/world/2021/04/20/other-story/).

Related article: Senate debates bill https://example.com/2021/04/20/senate-debates/

> "We will sign it," the White House said.

https://example.com/2019/01/01/old-story

Original url:
https://news.example.com/2021/04/22/senate-passes-bill
"""

EXPECTED_BODY_LINES = [
    "Senate passes infrastructure bill",
    "April 23, 2021",
    "WASHINGTON — The Senate passed the bill on Friday, Senator Jane Doe said. "
    '"It is a good day," she told Reuters.',
    '"We will sign it," the White House said.',
]


def _body_lines(text: str) -> list[str]:
    """The analysed body's lines as a reader sees them (blanked markup squeezed out)."""
    article = parse_text(text)
    lines = (" ".join(line.split()) for line in article.body.split("\n") if line.strip())
    return [re.sub(r" (?=[.,;:!?])", "", line) for line in lines]


def test_scraped_text_keeps_the_file_text_exactly() -> None:
    article = parse_text(SCRAPED, path="senate.md")
    assert article.text == SCRAPED
    assert article.path == "senate.md"
    assert article.input_kind == "text"


def test_scraped_text_body_has_only_the_article() -> None:
    assert _body_lines(SCRAPED) == EXPECTED_BODY_LINES


def test_scraped_text_metadata() -> None:
    article = parse_text(SCRAPED)
    assert article.title == "Senate passes infrastructure bill"
    assert article.url == "https://news.example.com/2021/04/22/senate-passes-bill"
    assert article.related == (
        "https://example.com/2021/04/20/senate-debates/",
        "https://example.com/2019/01/01/old-story",
    )
    assert (article.published, article.published_from) == (date(2021, 4, 23), "dateline")
    assert article.warnings == ("published date conflict: dateline 2021-04-23 vs url 2021-04-22",)


def test_scraped_text_links_point_at_their_anchor_text() -> None:
    article = parse_text(SCRAPED)
    assert [(link.url, link.text) for link in article.links] == [
        ("https://example.com/tags/infrastructure", "infrastructure"),
        ("https://www.reuters.com/world/2021/04/20/other-story/", "Reuters"),
    ]
    for link in article.links:
        assert link.span is not None
        assert article.text[link.span.start : link.span.end] == link.text
        assert article.body[link.span.start : link.span.end] == link.text


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("# Pelosi elected Speaker\n\nBody text.", "Pelosi elected Speaker"),
        ("\n\n  Pelosi elected Speaker  \nBody text.", "Pelosi elected Speaker"),
        ("## Pelosi elected Speaker ##\nBody text.", "Pelosi elected Speaker"),
        ("Pelosi elected Speaker\n======================\n\nBody text.", "Pelosi elected Speaker"),
        ("# [Pelosi](https://e.com/p) elected\n\nBody.", "Pelosi elected"),
        ("Friday, January 4, 2019\n\nAn apartment building collapsed.", None),
        ("https://example.com/a\n\nPelosi elected Speaker\n\nBody.", "Pelosi elected Speaker"),
        ("A very long first line. " * 20 + "\n\nSecond paragraph.", None),
    ],
)
def test_title_is_the_first_content_line(text: str, title: str | None) -> None:
    assert parse_text(text).title == title


def test_title_markers_are_excluded_but_the_title_stays() -> None:
    body = parse_text("## Pelosi elected Speaker ##\nBody text.").body
    assert body.split("\n")[0].strip() == "Pelosi elected Speaker"


@pytest.mark.parametrize(
    ("text", "url", "related"),
    [
        ("T\n\nBody.\n\nOriginal url: https://a.com/x", "https://a.com/x", ()),
        ("T\n\nBody.\n\nOriginal URL:\n\nhttps://a.com/x\n", "https://a.com/x", ()),
        ("T\n\nBody.\n\nOriginal url: [here](https://a.com/x)", "https://a.com/x", ()),
        ("T\n\nBody.\n\nhttps://a.com/y", None, ("https://a.com/y",)),
        ("T\n\nBody.\n\n<https://a.com/y>", None, ("https://a.com/y",)),
        ("T\n\nRelated article: Bill vote delayed", None, ("Bill vote delayed",)),
        ("T\n\nRelated article: [Vote](https://a.com/v)", None, ("https://a.com/v",)),
        (
            "T\n\nRelated articles:\n- [One](https://a.com/1)\n- https://a.com/2\n\nMore body.",
            None,
            ("https://a.com/1", "https://a.com/2"),
        ),
        ("T\n\nSee also: https://a.com/s", None, ("https://a.com/s",)),
    ],
)
def test_own_url_and_related_links(text: str, url: str | None, related: tuple[str, ...]) -> None:
    article = parse_text(text)
    assert (article.url, article.related) == (url, related)
    assert "http" not in article.body


@pytest.mark.parametrize(
    ("text", "published", "published_from"),
    [
        # a related link or a body link never gives the date
        ("T\n\nBody.\n\nRelated article: https://a.com/2020/01/02/x", None, "none"),
        ("T\n\nSee [this](https://a.com/2020/01/02/x).", None, "none"),
        ("T\n\nBody.\n\nhttps://a.com/2020/01/02/x", None, "none"),
        ("T\n\nBody.\n\nOriginal url: https://a.com/2020/01/02/x", date(2020, 1, 2), "url"),
        (
            "T\nJanuary 3, 2020\nBody.\nOriginal url: https://a.com/2020/01/03/x",
            date(2020, 1, 3),
            "dateline",
        ),
    ],
)
def test_date_comes_only_from_dateline_or_own_url(
    text: str, published: date | None, published_from: str
) -> None:
    article = parse_text(text)
    assert (article.published, article.published_from, article.warnings) == (
        published,
        published_from,
        (),
    )


@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [
        ("T\n\nBody.", date(2020, 5, 5), (date(2020, 5, 5), "given")),
        ("T\nMay 4, 2020\nBody.", date(2020, 5, 5), (date(2020, 5, 4), "dateline")),
    ],
)
def test_given_date_applies_only_without_a_date(
    text: str, given: date, expected: tuple[date, str]
) -> None:
    article = parse_text(text, published=given)
    assert (article.published, article.published_from) == expected


@pytest.mark.parametrize(
    ("text", "body_lines"),
    [
        ("T\n\n![a photo](https://a.com/p.jpg) Caption.", ["T", "Caption."]),
        ("T\n\nSee [the report][1].\n\n[1]: https://a.com/r", ["T", "See the report."]),
        ("T\n\nMore at https://a.com/x today.", ["T", "More at https://a.com/x today."]),
        ("T\n\n## Background\nText.", ["T", "Background", "Text."]),
        (
            "T\n\nWiki [t-SNE](https://en.wikipedia.org/wiki/T-SNE_(algo)) here.",
            ["T", "Wiki t-SNE here."],
        ),
        ("T\n\nSaid __this__ and **that**.", ["T", "Said this and that."]),
        ("T\n\nOne.\n\n___\n\nTwo ***", ["T", "One.", "___", "Two ***"]),
    ],
)
def test_inline_markup(text: str, body_lines: list[str]) -> None:
    assert _body_lines(text) == body_lines


def test_reference_links_and_bare_links_are_listed() -> None:
    article = parse_text("T\n\nSee [the report][1] or https://b.org/x.\n\n[1]: https://a.com/r")
    assert [(link.url, link.text) for link in article.links] == [
        ("https://a.com/r", "the report"),
        ("https://b.org/x", "https://b.org/x"),
    ]


def test_windows_line_ends_are_kept() -> None:
    text = "# Title\r\n\r\nApril 23, 2021\r\n\r\nBody [link](https://a.com).\r\n"
    article = parse_text(text)
    assert article.text == text
    assert (article.title, article.published) == ("Title", date(2021, 4, 23))
    assert article.links[0].span is not None
    assert article.links[0].span.text == "link"


def test_russian_article() -> None:
    text = "# Путин провёл переговоры\n\n23 апреля 2021 года\n\n«Мы готовы», — сказал Песков.\n"
    article = parse_text(text)
    assert (article.title, article.published, article.published_from) == (
        "Путин провёл переговоры",
        date(2021, 4, 23),
        "dateline",
    )


def test_strip_markdown_links_keeps_anchors() -> None:
    text, links = strip_markdown_links("A [b](https://x.org/b) c [](https://x.org/e).")
    assert text == "A b c ."
    assert [(link.url, link.text, link.span) for link in links][0][:2] == ("https://x.org/b", "b")
    assert links[0].span is not None
    assert text[links[0].span.start : links[0].span.end] == "b"
    assert links[1].span is None


@pytest.mark.parametrize(
    ("ranges", "merged"),
    [
        ([(5, 7), (0, 2), (1, 3)], ((0, 3), (5, 7))),
        ([(0, 2), (2, 4), (4, 4)], ((0, 4),)),
        ([], ()),
    ],
)
def test_merge_ranges(ranges: list[tuple[int, int]], merged: tuple[tuple[int, int], ...]) -> None:
    assert merge_ranges(ranges) == merged


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.reuters.com/world/2021/04/23/x", "reuters.com"),
        ("https://northgatewire.example/2024/02/06/talks", "northgatewire.example"),
        (None, None),
        ("not a url", None),
    ],
)
def test_outlet_comes_from_the_articles_own_url(url, outlet):
    from onrecord.ingest.text import outlet_from_url

    assert outlet_from_url(url) == outlet
