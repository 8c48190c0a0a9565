"""Tests for estimating the publication date of an undated article from its text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from onrecord.extraction.time.published import DateEstimate, estimate_published

_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"

_UNDATED = (
    "Talks between the two governments ended on Thursday, April 22, 2021, after officials "
    "met in Geneva in March 2020. The minister said on Monday that progress was slow."
)


def test_latest_full_date_starts_the_range() -> None:
    estimate = estimate_published(_UNDATED)
    assert estimate is not None
    assert estimate.earliest == date(2021, 4, 22)
    assert estimate.latest > estimate.earliest  # a range, never presented as exact
    assert estimate.basis.startswith("day+weekday")


@pytest.mark.parametrize(
    "text",
    [
        "The minister said on Monday that progress was slow.",
        "Officials met yesterday and will meet again next week.",
        "",
    ],
)
def test_no_absolute_date_is_unknown(text: str) -> None:
    assert estimate_published(text) is None


@pytest.mark.parametrize(
    ("text", "earliest", "latest_before"),
    [
        (
            "The committee voted on April 20, 2021. Its members will meet on May 5, 2021.",
            date(2021, 4, 20),
            date(2021, 5, 5),
        ),
        (
            "The leaders are scheduled to sign the deal on December 1, 2022. They first met "
            "on June 3, 2021.",
            date(2021, 6, 3),
            date(2021, 6, 30),
        ),
    ],
)
def test_future_dates_do_not_push_forward(text: str, earliest: date, latest_before: date) -> None:
    estimate = estimate_published(text)
    assert estimate is not None
    assert estimate.earliest == earliest
    assert estimate.latest < latest_before


def test_year_only_is_wide_and_unsure() -> None:
    estimate = estimate_published("The company was founded in 2015 and grew quickly.")
    day = estimate_published(_UNDATED)
    assert estimate is not None and day is not None
    assert estimate.earliest == date(2015, 1, 1)
    assert estimate.width_days > 365
    assert estimate.confidence < day.confidence
    assert estimate.basis.startswith("year")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the weekday fixes the year of a day written without one
        (
            "Officials said in 2021 that the vote took place on Thursday, April 22.",
            date(2021, 4, 22),
        ),
        # a weekday that contradicts its date discards the date
        (
            "The vote took place on Friday, April 22, 2021, officials said in 2020.",
            date(2020, 1, 1),
        ),
    ],
)
def test_weekday_checks_the_date(text: str, expected: date) -> None:
    estimate = estimate_published(text)
    assert estimate is not None
    assert estimate.earliest == expected


def test_estimate_is_frozen() -> None:
    estimate = DateEstimate(date(2021, 4, 22), date(2021, 4, 28), 0.6, "day: 2021-04-22")
    with pytest.raises(AttributeError):
        estimate.confidence = 1.0  # type: ignore[misc]
    assert estimate.width_days == 7


@pytest.mark.skipif(not (_DATA / "wikinews").is_dir(), reason="needs ../shared/data/wikinews")
def test_wikinews_sample_scores() -> None:
    from onrecord.evaluate.published import evaluate_published, load_wikinews_dated

    scores = evaluate_published("wikinews", load_wikinews_dated(_DATA / "wikinews")[:20])
    assert scores.articles == 20
    assert 0 <= scores.within <= scores.estimated <= scores.articles
    assert scores.exact == 0  # the estimator never claims a single day


@pytest.mark.parametrize(
    "text",
    [
        "The plant opened in 2015. Emissions will fall by half in 2030, officials said.",
        "The plant opened in 2015. The goal is to cut emissions by 2030.",
        "The plant opened in 2015. Output is projected to double in 2034.",
    ],
)
def test_target_years_are_not_past_events(text: str) -> None:
    estimate = estimate_published(text)
    assert estimate is not None
    assert estimate.earliest == date(2015, 1, 1)


def test_named_coming_event_dates_the_article_before_it() -> None:
    estimate = estimate_published("Voters are weighing the candidates in the 2016 election.")
    assert estimate is not None
    assert estimate.basis.startswith("plans")
    assert (estimate.earliest, estimate.latest) == (date(2015, 1, 1), date(2016, 12, 31))


_BACKGROUND = "Officials described the history of the plant at length. " * 8


@pytest.mark.parametrize(
    ("text", "basis", "earliest", "latest", "confidence"),
    [
        # a year named in the opening is usually the news itself: a short range
        (
            "The plant opened in 2015. " + _BACKGROUND,
            "year (lede)",
            date(2015, 1, 1),
            date(2016, 12, 31),
            0.5,
        ),
        # the last of a run of years is usually followed within a few years
        (
            _BACKGROUND + "The plant opened in 2012 and was expanded in 2014.",
            "year (run)",
            date(2014, 1, 1),
            date(2017, 12, 31),
            0.6,
        ),
        # a lone year far from any other is the weakest evidence
        (
            _BACKGROUND + "The plant opened in 1984 and was sold in 2014.",
            "year",
            date(2014, 1, 1),
            date(2016, 12, 31),
            0.25,
        ),
    ],
)
def test_year_ranges_follow_where_the_year_stands(
    text: str, basis: str, earliest: date, latest: date, confidence: float
) -> None:
    estimate = estimate_published(text)
    assert estimate is not None
    assert estimate.basis.split(":")[0] == basis
    assert (estimate.earliest, estimate.latest) == (earliest, latest)
    assert estimate.confidence == confidence


def test_month_with_its_year_reaches_two_years_on() -> None:
    # news writes the year of a month mostly when it is not the current one
    estimate = estimate_published("The plant opened in July 2014 and grew quickly.")
    assert estimate is not None
    assert estimate.basis.startswith("month")
    assert (estimate.earliest, estimate.latest) == (date(2014, 7, 1), date(2016, 12, 31))


@pytest.mark.parametrize(
    "text",
    [
        "The 2016 Republican field is split. The plant opened in 2012.",
        "Tester, himself up for reelection in 2016, voted against it. The bill passed in 2012.",
        "Cuban would not say what could bring him to run in 2016. He sold his firm in 2012.",
    ],
)
def test_coming_races_named_by_year_are_plans(text: str) -> None:
    estimate = estimate_published(text)
    assert estimate is not None
    assert estimate.basis.startswith("plans")
    assert (estimate.earliest, estimate.latest) == (date(2015, 1, 1), date(2016, 12, 31))


def test_undated_article_without_any_date_is_unknown() -> None:
    assert estimate_published("Officials met on Monday and will meet again next month.") is None


def test_estimate_published_reads_the_day_of_a_clock_time() -> None:
    estimate = estimate_published("The bishop died at 5:03 AM, February 10, 2019, in a hospital.")
    assert estimate is not None
    assert estimate.earliest == date(2019, 2, 10)
