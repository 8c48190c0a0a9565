"""Table-driven cases of find_times against an article of Friday 2021-04-23."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from onrecord.extraction.time import find_times

FRIDAY = date(2021, 4, 23)


def _found(
    text: str, published: date | None = FRIDAY, doc: Any = None
) -> list[tuple[str, str, str | None]]:
    return [(t.span.text, t.type, t.value) for t in find_times(text, published, doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It opened April 23, 2021.", [("April 23, 2021", "DATE", "2021-04-23")]),
        ("It opened on 23 April 2021.", [("23 April 2021", "DATE", "2021-04-23")]),
        ("It opened 2021-04-23.", [("2021-04-23", "DATE", "2021-04-23")]),
        ("It opened in April 2021.", [("April 2021", "DATE", "2021-04")]),
        ("It opened in August 2020.", [("August 2020", "DATE", "2020-08")]),
        ("It opened in 1999.", [("1999", "DATE", "1999")]),
        ("It was popular in the 1990s.", [("the 1990s", "DATE", "199")]),
        # a past-tense clause puts a day well after the article in the year before
        ("It closed Sept. 30.", [("Sept. 30", "DATE", "2020-09-30")]),
        ("It will close Sept. 30.", [("Sept. 30", "DATE", "2021-09-30")]),
        ("Dividends are payable May 15.", [("May 15", "DATE", "2021-05-15")]),
        ("It ended in the 20th century.", [("the 20th century", "DATE", "19")]),
    ],
)
def test_find_times_absolute_dates(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He arrived today.", [("today", "DATE", "2021-04-23")]),
        ("He arrived yesterday.", [("yesterday", "DATE", "2021-04-22")]),
        ("He arrives tomorrow.", [("tomorrow", "DATE", "2021-04-24")]),
        ("He arrived last week.", [("last week", "DATE", "2021-W15")]),
        ("He arrived this week.", [("this week", "DATE", "2021-W16")]),
        ("He arrives next month.", [("next month", "DATE", "2021-05")]),
        ("He arrived last year.", [("last year", "DATE", "2020")]),
        ("He arrived two days ago.", [("two days ago", "DATE", "2021-04-21")]),
        ("They will plant this spring.", [("this spring", "DATE", "2021-SP")]),
        ("They planted last fall.", [("last fall", "DATE", "2020-FA")]),
        ("Sales rose in the third quarter.", [("the third quarter", "DATE", "2021-Q3")]),
        ("Third-quarter sales rose.", [("Third-quarter", "DATE", "2021-Q3")]),
        ("They met last weekend.", [("last weekend", "DATE", "2021-W15-WE")]),
        ("He left a year ago.", [("a year ago", "DATE", "2020")]),
    ],
)
def test_find_times_relative_dates(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peskov said on Thursday that talks failed.", [("Thursday", "DATE", "2021-04-22")]),
        ("The ministers met on Saturday.", [("Saturday", "DATE", "2021-04-17")]),
        ("The ministers will meet on Thursday.", [("Thursday", "DATE", "2021-04-29")]),
        ("The court is scheduled to rule on Monday.", [("Monday", "DATE", "2021-04-26")]),
        ("The vote took place in March.", [("March", "DATE", "2021-03")]),
        ("The vote will take place in June.", [("June", "DATE", "2021-06")]),
    ],
)
def test_find_times_tense_without_parse(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Thursday the minister said that talks failed.", [("Thursday", "DATE", "2021-04-22")]),
        ("The ministers met on Saturday.", [("Saturday", "DATE", "2021-04-17")]),
        (
            "The ministers will meet on Thursday, officials said.",
            [("Thursday", "DATE", "2021-04-29")],
        ),
    ],
)
def test_find_times_tense_with_parse(
    time_nlp: Any, text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text, doc=time_nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks are going on now.", [("now", "DATE", "PRESENT_REF")]),
        ("He recently resigned.", [("recently", "DATE", "PAST_REF")]),
        ("Prices rose in recent months.", [("recent months", "DATE", "PAST_REF")]),
        ("Nobody knows the future.", [("the future", "DATE", "FUTURE_REF")]),
        ("They are not happy right now.", [("right now", "DATE", "PRESENT_REF")]),
        (
            "It will sell the unit as soon as possible.",
            [("as soon as possible", "DATE", "FUTURE_REF")],
        ),
        ("It will soon begin selling boxes.", [("soon", "DATE", "FUTURE_REF")]),
        ("He left several years ago.", [("several years ago", "DATE", "PAST_REF")]),
        ("Rates will fall in coming months.", [("coming months", "DATE", "FUTURE_REF")]),
        ("It may sell in the weeks ahead.", [("the weeks ahead", "DURATION", "PXW")]),
        ("It will grow in the near future.", [("the near future", "DATE", "FUTURE_REF")]),
        ("Sales rose in the current fiscal year.", [("the current fiscal year", "DATE", "2021")]),
    ],
)
def test_find_times_vague_references(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # discourse "now" opens a sentence and is no time (TimeML marks the present only)
        'He backed the plan. "Now, he says, it looks dead."',
        "Now for today's geography quiz.",
        # conjunctions, not times
        "They could leave as soon as the threats ended.",
        "He was killed soon after being captured.",
        # the adjective "recent" is marked less often than not in TimeBank
        "They blamed the recent bomb attacks.",
    ],
)
def test_find_times_skip_non_temporal_vague_words(text: str) -> None:
    assert [
        t.span.text
        for t in find_times(text, FRIDAY)
        if t.span.text.lower() in {"now", "soon", "recent"}
    ] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # in an article of 2021-04-23, the month just ahead is this year's, whatever the tense
        (
            "Guidelines to be published in early May were delayed.",
            [("early May", "DATE", "2021-05")],
        ),
        ("It gave the bidder until June to answer.", [("June", "DATE", "2021-06")]),
        ("The vote took place in March.", [("March", "DATE", "2021-03")]),
        ("The vote was held in August.", [("August", "DATE", "2020-08")]),
    ],
)
def test_find_times_month_just_ahead_or_a_deadline(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On May 22, 1995, he was promoted, and the following year he retired.",
            [("May 22, 1995", "DATE", "1995-05-22"), ("the following year", "DATE", "1996")],
        ),
        (
            "It was founded in March 1989. The following month, it moved.",
            [("March 1989", "DATE", "1989-03"), ("The following month", "DATE", "1989-04")],
        ),
        ("The following day was calm.", [("The following day", "DATE", None)]),
    ],
)
def test_find_times_following_counts_from_the_date_last_named(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The raid began at 6am.", [("6am", "TIME", "2021-04-23T06:00")]),
        ("The raid began at 6:30 p.m.", [("6:30 p.m.", "TIME", "2021-04-23T18:30")]),
        ("Troops left Thursday night.", [("Thursday night", "TIME", "2021-04-22TNI")]),
        ("He spoke this morning.", [("this morning", "TIME", "2021-04-23TMO")]),
        ("He spoke last night.", [("last night", "TIME", "2021-04-22TNI")]),
    ],
)
def test_find_times_clock_and_parts_of_day(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks lasted two weeks.", [("two weeks", "DURATION", "P2W")]),
        ("The talks lasted three days.", [("three days", "DURATION", "P3D")]),
        ("It ended his 27-year rule.", [("27-year", "DURATION", "P27Y")]),
        # ages are quantities, not times (TimeML does not annotate them)
        ("A 66-year-old man was hurt.", []),
        ("She is 45 years old.", []),
        ("The 18-year-olds voted.", []),
        ("Prices fell over the past three years.", [("the past three years", "DURATION", "P3Y")]),
        ("It took several years.", [("several years", "DURATION", "PXY")]),
        ("It took 10 hours.", [("10 hours", "DURATION", "PT10H")]),
    ],
)
def test_find_times_durations_and_ages(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The paper appears daily.", [("daily", "SET", "P1D")]),
        ("They meet every week.", [("every week", "SET", "P1W")]),
        ("A weekly meeting.", [("weekly", "SET", "P1W")]),
        ("They meet every Monday.", [("every Monday", "SET", "XXXX-WXX-1")]),
    ],
)
def test_find_times_sets(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It opened April 23.", [("April 23", "DATE", "XXXX-04-23")]),
        ("It opened April 23, 2021.", [("April 23, 2021", "DATE", "2021-04-23")]),
        ("He arrived yesterday.", [("yesterday", "DATE", None)]),
        ("He arrived on Thursday.", [("Thursday", "DATE", None)]),
        ("He arrived last year.", [("last year", "DATE", None)]),
        ("They will plant this spring.", [("this spring", "DATE", "XXXX-SP")]),
        ("The talks lasted two weeks.", [("two weeks", "DURATION", "P2W")]),
    ],
)
def test_find_times_undated_article_guesses_no_year(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text, published=None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The May report may change.",
        "He said it was a 2000-strong crowd of 1500 people.",
        "Forward march!",
    ],
)
def test_find_times_ignore_ordinary_words(text: str) -> None:
    assert [span for span, _, _ in _found(text) if span in ("May", "may", "march", "1500")] == []


def test_find_times_rejects_a_doc_of_another_text(time_nlp: Any) -> None:
    with pytest.raises(ValueError, match="parse of exactly text"):
        find_times("today", FRIDAY, time_nlp("tomorrow"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # tense cases of the issue, without a parse
        (
            "Peskov told reporters on Thursday that talks failed.",
            [("Thursday", "DATE", "2021-04-22")],
        ),
        ("The ministers will meet on Thursday.", [("Thursday", "DATE", "2021-04-29")]),
        ("The ruling is expected in May.", [("May", "DATE", "2021-05")]),
        ("He must repay the loan by June.", [("June", "DATE", "2021-06")]),
        # weeks, seasons, quarters, decades
        ("Talks resumed this week.", [("this week", "DATE", "2021-W16")]),
        ("Talks resume next week.", [("next week", "DATE", "2021-W17")]),
        ("Prices rose this spring.", [("this spring", "DATE", "2021-SP")]),
        ("Sales rose in the third quarter.", [("the third quarter", "DATE", "2021-Q3")]),
        (
            "Sales rose in the third quarter of 2019.",
            [("the third quarter of 2019", "DATE", "2019-Q3")],
        ),
        (
            "Sales rose in the 1988 second quarter.",
            [("the 1988 second quarter", "DATE", "1988-Q2")],
        ),
        ("This year's first quarter was weak.", [("This year's first quarter", "DATE", "2021-Q1")]),
        ("The third-quarter loss grew.", [("third-quarter", "DATE", "2021-Q3")]),
        ("Jazz thrived in the 1990s.", [("the 1990s", "DATE", "199")]),
        ("Jazz thrived in the late 1970s.", [("the late 1970s", "DATE", "197")]),
        # the year: a date unless it names a twelve-month stretch ("the year ended March 31")
        ("Sales for the full year rose.", [("the full year", "DATE", "2021")]),
        ("It aims to cut costs by the end of the year.", [("the end of the year", "DATE", "2021")]),
        (
            "Profit for the year ended March 31 fell.",
            [("the year", "DURATION", "P1Y"), ("March 31", "DATE", "2021-03-31")],
        ),
        # vague references
        ("Talks are going on now.", [("now", "DATE", "PRESENT_REF")]),
        ("He currently leads the party.", [("currently", "DATE", "PRESENT_REF")]),
        ("Prices rose in recent months.", [("recent months", "DATE", "PAST_REF")]),
    ],
)
def test_find_times_issue_patterns(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # TimeML extents: approximators and possessive 's stay outside, "the" stays inside
        ("It took about two weeks.", [("two weeks", "DURATION", "P2W")]),
        ("It took only five hours.", [("five hours", "DURATION", "PT5H")]),
        ("It took nearly two years.", [("nearly two years", "DURATION", "P2Y")]),
        ("Sales rose in the nine months.", [("the nine months", "DURATION", "P9M")]),
        ("Thursday's vote was close.", [("Thursday", "DATE", "2021-04-22")]),
        ("It ended his 27-year rule.", [("27-year", "DURATION", "P27Y")]),
        # "two days after" stays a duration (TimeML anchors it to the event, not the calendar)
        ("He resigned two days after the vote.", [("two days", "DURATION", "P2D")]),
        ("They talk every week.", [("every week", "SET", "P1W")]),
        ("They talk twice a week.", [("twice a week", "SET", "P1W")]),
        ("The paper appears daily.", [("daily", "SET", "P1D")]),
    ],
)
def test_find_times_extents_durations_sets(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Net rose in the third quarter. A year earlier, it lost money.",
            [("the third quarter", "DATE", "2021-Q3"), ("A year earlier", "DATE", "2020-Q3")],
        ),
        (
            "Net rose in the second quarter. Revenue in the quarter fell.",
            [("the second quarter", "DATE", "2021-Q2"), ("the quarter", "DATE", "2021-Q2")],
        ),
        ("He left a year ago.", [("a year ago", "DATE", "2020")]),
    ],
)
def test_find_times_quarter_named_last(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministers will meet on Thursday.", [("Thursday", "DATE", None)]),
        ("Prices rose this spring.", [("this spring", "DATE", "XXXX-SP")]),
        ("Sales rose in the third quarter.", [("the third quarter", "DATE", "XXXX-Q3")]),
        ("It took two weeks.", [("two weeks", "DURATION", "P2W")]),
        ("Jazz thrived in the 1990s.", [("the 1990s", "DATE", "199")]),
        ("The paper appears daily.", [("daily", "SET", "P1D")]),
    ],
)
def test_find_times_undated_article_patterns(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text, published=None) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters planned a rally on Saturday.", [("Saturday", "DATE", "2021-04-24")]),
        ("The closing is expected in December.", [("December", "DATE", "2021-12")]),
        ("They could leave as early as Tuesday.", [("Tuesday", "DATE", "2021-04-27")]),
        ("Officials discussed Wednesday's ruling.", [("Wednesday", "DATE", "2021-04-21")]),
    ],
)
def test_find_times_tense_cues_with_parse(
    time_nlp: Any, text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text, doc=time_nlp(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # titles of shows and films, and the idiom they gave
        "Gonzalez said on CBS's 60 Minutes that he was hurt.",
        "The poster showed Gary Cooper from the film High Noon.",
        "For the people of Poland, high noon comes today.",
        'Baker said on ABC\'s "This Week With David Brinkley" that talks failed.',
        # a short month name before a name is a first name
        "The ministers of Hungary and Jan Kavan of the Czech Republic signed.",
        # the ordinal "a second" before a noun
        "If they turned him over, it would be a second betrayal.",
        # "soon" in a past-tense narrative means shortly after an event, not a time ahead
        "He was taken to a hospital. He was soon released.",
        "It triggered a trickle of cash that soon became a flood.",
    ],
)
def test_find_times_skip_titles_names_and_narrative_soon(text: str) -> None:
    kept = {"60 Minutes", "High Noon", "noon", "Jan", "soon", "This Week", "a second"}
    assert [t.span.text for t in find_times(text, FRIDAY) if t.span.text in kept] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Noon came and went.", [("Noon", "TIME", "2021-04-23T12:00")]),
        ("They met in Jan. 2020.", [("Jan. 2020", "DATE", "2020-01")]),
        ("Prices will soon rise.", [("soon", "DATE", "FUTURE_REF")]),
    ],
)
def test_find_times_keep_capitals_at_sentence_start(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.slow
def test_find_times_narrative_soon_with_parse(time_nlp: Any) -> None:
    text = "The talks will soon resume. He was soon released."
    found = _found(text, doc=time_nlp(text))
    assert found == [("soon", "DATE", "FUTURE_REF")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clock time takes the day written with it, across a time zone or a comma
        (
            "The offer will expire at 5 p.m. EST Nov. 9.",
            [("5 p.m. EST Nov. 9", "TIME", "2021-11-09T17:00")],
        ),
        (
            "The offer runs until 5 p.m. EST, May 6.",
            [("5 p.m. EST, May 6", "TIME", "2021-05-06T17:00")],
        ),
        (
            "He will leave at 4 a.m. EDT Thursday.",
            [("4 a.m. EDT Thursday", "TIME", "2021-04-29T04:00")],
        ),
        ("The raid began at noon Wednesday.", [("noon Wednesday", "TIME", "2021-04-21T12:00")]),
        # "10:35 a.m. (0735 GMT) Friday": the day follows the time in another zone
        (
            "The blast occurred at 10:35 a.m. (0735 GMT) Tuesday, toppling a building.",
            [("10:35 a.m.", "TIME", "2021-04-20T10:35"), ("Tuesday", "DATE", "2021-04-20")],
        ),
    ],
)
def test_find_times_clock_with_its_day(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # halves go to the next smaller unit
        ("She spent 5 1/2 hours there.", [("5 1/2 hours", "DURATION", "PT5H30M")]),
        ("The term lasts 2 1/2 years.", [("2 1/2 years", "DURATION", "P2Y6M")]),
        ("It took two and a half days.", [("two and a half days", "DURATION", "P2DT12H")]),
        ("It took a minute and a half.", [("a minute and a half", "DURATION", "PT1M30S")]),
        # decades are written in years
        ("It lasted two decades.", [("two decades", "DURATION", "P20Y")]),
        ("It grew over the past decade.", [("the past decade", "DURATION", "P10Y")]),
        ("They ended a four-decade embargo.", [("four-decade", "DURATION", "P40Y")]),
        # "-long" adjectives and vague compounds
        ("They held a day-long strike.", [("day-long", "DURATION", "P1D")]),
        ("They ended a decades-long feud.", [("decades-long", "DURATION", "PXY")]),
        ("It was a several-year effort.", [("several-year", "DURATION", "PXY")]),
        ("Profit fell in the last half of 2019.", [("the last half of 2019", "DATE", "2019-H2")]),
    ],
)
def test_find_times_halves_decades_and_long(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # an untensed clause does not reach more than half a year ahead
        (
            "Found off Florida in late November, the boy is the subject of a fight.",
            date(2000, 1, 6),
            [("late November", "DATE", "1999-11")],
        ),
        (
            "The season ends in March, the league says.",
            date(2000, 1, 6),
            [("March", "DATE", "2000-03")],
        ),
    ],
)
def test_find_times_untensed_month_is_not_far_ahead(
    text: str, published: date, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text, published) == expected


@pytest.mark.slow
def test_find_times_present_perfect_points_back(time_nlp: Any) -> None:
    text = "Investigators have been searching for him since shortly after the Oct. 23 slaying."
    found = _found(text, published=date(1999, 5, 6), doc=time_nlp(text))
    assert found == [("Oct. 23", "DATE", "1998-10-23")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She fled in June 1998 and returned later that year.",
            [("June 1998", "DATE", "1998-06"), ("later that year", "DATE", "1998")],
        ),
        (
            "He was shot on Oct. 23, 1998. Earlier that day, he had prayed.",
            [("Oct. 23, 1998", "DATE", "1998-10-23"), ("Earlier that day", "DATE", "1998-10-23")],
        ),
        (
            "It was posted on Tuesday and removed that same day.",
            [("Tuesday", "DATE", "2021-04-20"), ("that same day", "DATE", "2021-04-20")],
        ),
        (
            "Net fell in the second quarter. Results for that quarter included a charge.",
            [("the second quarter", "DATE", "2021-Q2"), ("that quarter", "DATE", "2021-Q2")],
        ),
        # a bare "that day" is often generic and left out
        ("Redemptions are strong that day.", []),
    ],
)
def test_find_times_that_period_refers_to_the_date_last_named(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The hearing is set for the week of May 3.", [("the week of May 3", "DATE", "2021-W18")]),
        ("He was shot last Oct. 23 at home.", [("last Oct. 23", "DATE", "2020-10-23")]),
        ("It closed last April 2.", [("last April 2", "DATE", "2021-04-02")]),
        ("It opens next April 2.", [("next April 2", "DATE", "2022-04-02")]),
        ("The post-1959 politics split families.", [("post-1959", "DATE", "1959")]),
        (
            "We campaign from now to Election Day.",
            [("now", "DATE", "PRESENT_REF"), ("Election Day", "DATE", "2021-11-02")],
        ),
        ("They dined together on Thanksgiving Day.", [("Thanksgiving Day", "DATE", "2020-11-26")]),
    ],
)
def test_find_times_named_days_weeks_and_holidays(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the coming years" is a stretch ahead, like "the next few years"
        ("They will buy jets in the coming years.", [("coming years", "DURATION", "PXY")]),
        ("Rates will fall in coming months.", [("coming months", "DATE", "FUTURE_REF")]),
        # Easter moves: 2021-04-04, and Holy Week is the ISO week that ends on it
        ("Churches filled on Easter Sunday.", [("Easter Sunday", "DATE", "2021-04-04")]),
        ("They prayed as Easter week began.", [("Easter week", "DATE", "2021-W13")]),
        # "4 in the morning (4 a.m. EDT Thursday)": the day closes the aside
        (
            "He will leave at 4 in the morning (4 a.m. EDT Thursday).",
            [
                ("4 in the morning", "TIME", "2021-04-29T04:00"),
                ("4 a.m. EDT Thursday", "TIME", "2021-04-29T04:00"),
            ],
        ),
        (
            "They met at eight in the evening.",
            [("eight in the evening", "TIME", "2021-04-23T20:00")],
        ),
        # the day after the day last named
        (
            "He was arrested on Tuesday and appeared in court the next morning.",
            [("Tuesday", "DATE", "2021-04-20"), ("the next morning", "TIME", "2021-04-21TMO")],
        ),
    ],
)
def test_find_times_coming_holidays_and_next_day(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "later" and a short "earlier" count from an event of the story: a stretch, not a date
        ("Three days later, the gap closed.", [("Three days", "DURATION", "P3D")]),
        ("A few days later, it announced a sale.", [("A few days", "DURATION", "PXD")]),
        ("Just over an hour later, he died.", [("an hour", "DURATION", "PT1H")]),
        ("A day earlier, trucks crossed.", [("A day earlier", "DURATION", "P1D")]),
        # an earnings comparison "a year earlier" and "ago" stay dates
        ("Profit rose from a year earlier.", [("a year earlier", "DATE", "2020")]),
        ("He arrived two days ago.", [("two days ago", "DATE", "2021-04-21")]),
        ("He flew in a week or so ago.", [("a week or so ago", "DATE", "2021-W15")]),
    ],
)
def test_find_times_later_and_earlier_count_from_the_story(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a participle describing a noun takes the tense of the noun's clause
        (
            "A memorial service planned at the university for Saturday was canceled.",
            date(1999, 10, 24),
            [("Saturday", "DATE", "1999-10-23")],
        ),
        (
            "A memorial service planned for Saturday will go ahead.",
            date(1999, 10, 24),
            [("Saturday", "DATE", "1999-10-30")],
        ),
    ],
)
def test_find_times_participle_takes_the_tense_of_its_clause(
    time_nlp: Any, text: str, published: date, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text, published, doc=time_nlp(text)) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # "until" names a deadline unless told in the simple past
        (
            "The service has given the relatives until 9 a.m. Tuesday to sign.",
            date(2000, 4, 3),
            [("9 a.m. Tuesday", "TIME", "2000-04-04T09:00")],
        ),
        (
            "Up until Thursday, however, they had described him as a witness.",
            date(1999, 5, 7),
            [("Thursday", "DATE", "1999-05-06")],
        ),
    ],
)
def test_find_times_until_names_a_deadline(
    time_nlp: Any, text: str, published: date, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text, published, doc=time_nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They met the day before yesterday.",
            [("the day before yesterday", "DATE", "2021-04-21")],
        ),
        (
            "He called the day before last Tuesday's hearing.",
            [("the day before last Tuesday", "DATE", "2021-04-19")],
        ),
        ("It opens the day after May 3.", [("the day after May 3", "DATE", "2021-05-04")]),
    ],
)
def test_find_times_the_day_before_or_after_a_named_day(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


def test_find_times_keep_a_second_as_a_duration() -> None:
    assert _found("A second later, it exploded.") == [("A second", "DURATION", "PT1S")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He drove drunk at least twice from 1991 to 1997.",
            [("1991", "DATE", "1991"), ("1997", "DATE", "1997")],
        ),
    ],
)
def test_find_times_year_spans(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Between 1500 to 2000 people came.", "It sent 2000 to 3000 troops.", "The march began."],
)
def test_find_times_figures_are_no_years(text: str) -> None:
    assert [t.span.text for t in find_times(text, FRIDAY)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The summit will be held on April 24 and 25.",
            [("April 24", "DATE", "2021-04-24"), ("25", "DATE", "2021-04-25")],
        ),
        (
            "They met May 3 or 4 in Rome.",
            [("May 3", "DATE", "2021-05-03"), ("4", "DATE", "2021-05-04")],
        ),
        # a figure after a date is no second day
        ("On May 3 and 25,000 people marched.", [("May 3", "DATE", "2021-05-03")]),
    ],
)
def test_find_times_second_day_of_a_pair(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the past year" is the calendar year before this one (TimeBank), shorter and longer
        # stretches up to now are durations
        ("Hate groups grew over the past year.", [("the past year", "DATE", "2020")]),
        ("He has been there for the last week.", [("the last week", "DURATION", "P1W")]),
        ("Attacks became routine over the past decade.", [("the past decade", "DURATION", "P10Y")]),
    ],
)
def test_find_times_the_past_year_is_last_year(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He died at 5:03 AM, February 10, 2019.",
            [("5:03 AM, February 10, 2019", "TIME", "2019-02-10T05:03")],
        ),
        # a month named since the last day leaves "the next day" without a day to count from
        (
            "He spoke on May 3. Last September, he called her a clown. He apologized the next day.",
            [
                ("May 3", "DATE", "2021-05-03"),
                ("Last September", "DATE", "2020-09"),
                ("the next day", "DATE", None),
            ],
        ),
    ],
)
def test_find_times_clock_with_a_full_date_and_stale_days(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # "today's youth" is the present age, not the day of the article
        "The case is for today's youth what the blockade was for their parents.",
        "Only fathers count in today's world.",
    ],
)
def test_find_times_skip_generic_today(text: str) -> None:
    assert _found(text) == []


def test_find_times_today_s_editions_is_the_day() -> None:
    assert _found("The offer is advertised in today's editions.") == [
        ("today", "DATE", "2021-04-23")
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a time put before a past verb of arranging dates the planning
        (
            "On Friday, the Kenyan government planned to pay the first families.",
            date(1998, 9, 30),
            [("Friday", "DATE", "1998-09-25")],
        ),
        (
            "On Tuesday, the league plans to hold a news conference.",
            date(1998, 10, 26),
            [("Tuesday", "DATE", "1998-10-27")],
        ),
        (
            "Protesters planned a large demonstration on Saturday.",
            date(2000, 1, 7),
            [("Saturday", "DATE", "2000-01-08")],
        ),
    ],
)
def test_find_times_time_before_a_verb_of_arranging(
    time_nlp: Any, text: str, published: date, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _found(text, published, doc=time_nlp(text)) == expected
