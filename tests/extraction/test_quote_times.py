"""When each quote was said: the time framing its cue, never a date inside its content."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from onrecord.extraction.quote_times import date_quotes
from onrecord.ingest import parse_text
from onrecord.records import Quote, Span, TimeExpr

# Friday, April 23, 2021: "Thursday" is April 22, "Monday" April 19, "last week" 2021-W15
_HEAD = "Talks\n\nFriday, April 23, 2021\n\n"


def _when(pipeline, body: str, *, cued: bool = True) -> list[tuple[str | None, str | None, str]]:
    """(cue, when, when_from) of the quotes of an article dated April 23, 2021; only those
    with a cue unless ``cued`` is False (cue-less fragments depend on the attribution rules)."""
    article = pipeline.analyse(parse_text(_HEAD + body + "\n"))
    return [
        (q.cue.text if q.cue else None, q.when, q.when_from)
        for q in article.quotes
        if q.cue is not None or not cued
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Kremlin spokesman Dmitry Peskov told reporters on Thursday that the talks would"
            " resume.",
            [("told", "2021-04-22", "text")],
        ),
        (
            "Kremlin spokesman Dmitry Peskov said on Monday that the talks had stalled.",
            [("said", "2021-04-19", "text")],
        ),
        (
            "Kremlin spokesman Dmitry Peskov on Thursday denied that the talks had failed.",
            [("denied", "2021-04-22", "text")],
        ),
        (
            "Kremlin spokesman Dmitry Peskov told reporters Tuesday that the talks had stalled.",
            [("told", "2021-04-20", "text")],
        ),
        (
            "In an interview last week, Kremlin spokesman Dmitry Peskov said the talks had failed.",
            [("said", "2021-W15", "text")],
        ),
        (
            "In a statement on Wednesday, the Foreign Ministry said the talks had failed.",
            [("said", "2021-04-21", "text")],
        ),
        (
            "Speaking on Monday, Kremlin spokesman Dmitry Peskov said the talks had stalled.",
            [("said", "2021-04-19", "text")],
        ),
        (
            "In a report released on Wednesday, scientists said the virus spreads like flu.",
            [("said", "2021-04-21", "text")],
        ),
        (
            "Kremlin spokesman Dmitry Peskov on Thursday denied the report and said that the"
            " talks would go on.",
            [("denied", "2021-04-22", "text"), ("said", "2021-04-22", "text")],
        ),
        (
            "Kelmark's parliament on Thursday held its first debate on the union, with members"
            " from both benches demanding equal seats.",
            [("demanding", "2021-04-22", "text")],
        ),
        (
            "As of Sunday, the health ministry reported 5667 cases.",
            [("reported", "2021-04-18", "text")],
        ),
        (
            "Her remarks followed Prime Minister Oskar Delvane's address to parliament last"
            " Tuesday, in which he said that Kelmark would take its time.",
            [("said", "2021-04-20", "text")],
        ),
    ],
)  # fmt: skip
def test_quotes_take_the_time_of_their_statement(pipeline, body, expected):
    assert _when(pipeline, body) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Finance Minister Radek Sovin said he expected the currency to arrive on January 1,"
            " 2027.",
            [("said", "2021-04-23", "published")],
        ),
        (
            "Finance Minister Radek Sovin, asked whether the currency would arrive on January 1,"
            ' 2027, said: "Not one day earlier."',
            [("asked", "2021-04-23", "published"),
             ("said:", "2021-04-23", "published")],
        ),
        (
            "Finance Minister Radek Sovin, whose warning in March that the currency could not"
            " come before 2027 set him against the ministry, said he was content with the"
            " chapter.",
            # the warning, an attribution of its own (PolNeAR counts nouns), was in March
            [("warning", "2021-03", "text"), ("said", "2021-04-23", "published")],
        ),
        (
            "The spokesman said the two central banks would prepare a joint study, which is due"
            " next month.",
            [("said", "2021-04-23", "published")],
        ),
        (
            "Finance Minister Radek Sovin pointed to January 2021 when asked when the change"
            " began.",
            # "asked" holds a question put to him ("when the change began"), undated too
            [("pointed", "2021-04-23", "published"), ("asked", "2021-04-23", "published")],
        ),
        (
            "Finance Minister Radek Sovin said the treaty signed in 2019 was void.",
            [("said", "2021-04-23", "published")],
        ),
    ],
)  # fmt: skip
def test_quotes_ignore_dates_inside_their_content(pipeline, body, expected):
    assert _when(pipeline, body) == expected


@pytest.mark.slow
def test_quotes_continued_over_paragraphs_take_the_time_of_their_opening(pipeline):
    body = (
        'Kremlin spokesman Dmitry Peskov told reporters on Thursday: "The talks will go on for'
        ' a long time.\n\n"We are ready for a long process, and we will not rush anything."'
    )
    assert _when(pipeline, body, cued=False) == [
        ("told", "2021-04-22", "text"),
        (None, "2021-04-22", "text"),
    ]


def test_quotes_without_a_parse_fall_back_to_the_publication_date():
    text = "Peskov said on Thursday that talks would resume."
    doc = spacy.blank("en")(text)
    quote = Quote(
        kind="indirect",
        content=(Span.of(text, 29, 48),),
        cue=Span.of(text, 7, 11),
        source=Span.of(text, 0, 6),
        speaker="Peskov",
    )
    times = [TimeExpr(Span.of(text, 15, 23), "DATE", "2021-04-22")]
    (dated,) = date_quotes([quote], times, doc, date(2021, 4, 23))
    assert (dated.when, dated.when_from) == ("2021-04-23", "published")
    (undated,) = date_quotes([quote], times, doc, None)
    assert (undated.when, undated.when_from) == (None, "none")
