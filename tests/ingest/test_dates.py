"""Publication dates from datelines, metadata values, URLs and archive records."""

from __future__ import annotations

from datetime import date

import pytest

from onrecord.ingest.dates import (
    choose_published,
    date_from_record,
    date_from_url,
    find_dateline,
    parse_date_value,
    parse_dateline,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("April 23, 2021", date(2021, 4, 23)),
        ("Friday, January 4, 2019\xa0", date(2019, 1, 4)),
        ("Friday, January 4, 2019\xa0 ", date(2019, 1, 4)),
        ("23 April 2021", date(2021, 4, 23)),
        ("Fri., Apr. 23, 2021 10:30 AM EDT", date(2021, 4, 23)),
        ("Sept. 9, 2020", date(2020, 9, 9)),
        ("Published: 2021-04-23", date(2021, 4, 23)),
        ("Posted on 3rd March 2020", date(2020, 3, 3)),
        ("By Jane Doe | April 23, 2021", date(2021, 4, 23)),
        ("23 апреля 2021 года", date(2021, 4, 23)),
        ("Updated April 24, 2021", None),
        ("April 2021", None),
        ("February 30, 2021", None),
        ("Biden signs the bill in 2021", None),
        ("The Senate met on April 23, 2021, to vote on the bill.", None),
        ("January 4, 2999", None),
        ("", None),
    ],
)
def test_parse_dateline_reads_only_date_lines(line: str, expected: date | None) -> None:
    assert parse_dateline(line) == expected


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("Title\n\nApril 23, 2021\n\nBody.", 5, (date(2021, 4, 23), "April 23, 2021")),
        ("Title\nBy Jane Doe\nApril 23, 2021\nBody.", 5, (date(2021, 4, 23), "April 23, 2021")),
        ("Friday, January 4, 2019\xa0\n\n\nAn apartment", 0, (date(2019, 1, 4), None)),
        ("Title\n" + "A long first paragraph. " * 10 + "\nApril 23, 2021", 5, None),
        ("Title\n\nNo date here.\n", 5, None),
    ],
)
def test_find_dateline_looks_just_below_the_title(
    text: str, start: int, expected: tuple[date, str | None] | None
) -> None:
    found = find_dateline(text, start)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert found.date == expected[0]
    if expected[1] is not None:
        assert text[found.start : found.end] == expected[1]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2021/04/23/senate-passes-bill/", date(2021, 4, 23)),
        ("https://example.com/news/2021/4/3/story", date(2021, 4, 3)),
        ("https://example.com/politics/senate-2021-04-22-vote.html", date(2021, 4, 22)),
        ("https://example.com/archive/20210423/story", date(2021, 4, 23)),
        ("https://example.com/2021/04/senate-passes-bill", None),
        ("https://example.com/story?id=20210423", None),
        ("https://example.com/item/123456789", None),
        ("https://example.com/2021/13/45/bad", None),
        (None, None),
    ],
)
def test_date_from_url_reads_the_path(url: str | None, expected: date | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-01-04", date(2019, 1, 4)),
        ("2019-01-04T23:10:00+02:00", date(2019, 1, 4)),
        ("Fri, 04 Jan 2019 10:00:00 GMT", date(2019, 1, 4)),
        ("January 4, 2019", date(2019, 1, 4)),
        (date(2019, 1, 4), date(2019, 1, 4)),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_value_reads_metadata(value: object, expected: date | None) -> None:
    assert parse_date_value(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2008-04-30T20:48:26Z", date(2008, 4, 30)),
        ("20080430204826", date(2008, 4, 30)),
        (None, None),
    ],
)
def test_date_from_record_reads_warc_and_arc_dates(
    value: str | None, expected: date | None
) -> None:
    assert date_from_record(value) == expected


D1, D2, D3 = date(2021, 4, 23), date(2021, 4, 22), date(2020, 1, 1)


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ({"metadata": D1, "dateline": D2, "url": D2}, (D1, "metadata", 2)),
        ({"dateline": D1, "url": D2}, (D1, "dateline", 1)),
        ({"dateline": D1, "url": D1}, (D1, "dateline", 0)),
        ({"url": D2, "record": D3}, (D2, "url", 0)),
        ({"record": D3, "given": D1}, (D3, "record", 0)),
        ({"given": D1}, (D1, "given", 0)),
        ({}, (None, "none", 0)),
    ],
)
def test_choose_published_prefers_metadata_then_dateline_then_url(
    found: dict[str, date], expected: tuple[date | None, str, int]
) -> None:
    published, source, warnings = choose_published(**found)
    assert (published, source, len(warnings)) == expected


def test_choose_published_names_both_sides_of_a_conflict() -> None:
    _, _, warnings = choose_published(dateline=D1, url=D2)
    assert warnings == ("published date conflict: dateline 2021-04-23 vs url 2021-04-22",)
