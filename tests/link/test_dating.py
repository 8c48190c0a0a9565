from datetime import date

from onrecord.link.dating import date_from_clues, refine_estimate
from onrecord.records import DateEstimate, Span

RULE = Span(30, 32, "26")
AGE = Span(12, 14, "67")


def test_a_tenure_against_dated_articles_gives_the_years_around():
    # dated articles: "his 25-year rule" in 2019 and "27-year rule" in 2021 → 1994
    estimate = date_from_clues([("p1", "tenure", 26, RULE)], {("p1", "tenure"): [1994, 1994]})
    assert estimate is not None
    assert (estimate.earliest, estimate.latest) == (date(2019, 1, 1), date(2021, 12, 31))
    assert "tenure 26" in estimate.basis and 0 < estimate.confidence < 1


def test_clues_narrow_each_other_and_disagreeing_facts_are_no_evidence():
    known = {("p1", "tenure"): [1994], ("p1", "age"): [1954, 1955]}
    both = date_from_clues([("p1", "tenure", 26, RULE), ("p1", "age", 67, AGE)], known)
    assert both is not None
    assert (both.earliest.year, both.latest.year) == (2021, 2021)
    # the record is unsure of the birth year (1950 or 1954): the age dates nothing
    assert date_from_clues([("p1", "age", 67, AGE)], {("p1", "age"): [1950, 1954]}) is None
    # nothing known of this person
    assert date_from_clues([("p2", "age", 67, AGE)], known) is None


def test_no_article_is_dated_after_today():
    known = {("p1", "age"): [1954]}
    late = date_from_clues([("p1", "age", 67, AGE)], known, today=date(2021, 6, 30))
    assert late is not None and late.latest == date(2021, 6, 30)
    # a wrong age ("40-year-old" given to a man of 75) puts the article in the future
    assert date_from_clues([("p1", "age", 90, AGE)], known, today=date(2026, 1, 1)) is None


def test_clues_that_contradict_each_other_date_nothing():
    known = {("p1", "tenure"): [1994], ("p2", "age"): [1980]}
    clues = [("p1", "tenure", 26, RULE), ("p2", "age", 30, AGE)]  # 2019–2021 against 2009–2011
    assert date_from_clues(clues, known) is None


def test_the_text_estimate_narrows_the_facts_or_gives_way_to_them():
    facts = DateEstimate(date(2019, 1, 1), date(2021, 12, 31), 0.85, "facts")
    inside = DateEstimate(date(2020, 3, 1), date(2020, 3, 14), 0.5, "text")
    outside = DateEstimate(date(2014, 1, 1), date(2016, 12, 31), 0.4, "text")
    joined = refine_estimate(inside, facts)
    assert joined is not None
    assert (joined.earliest, joined.latest) == (inside.earliest, inside.latest)
    assert joined.basis == "text; facts" and joined.confidence == inside.confidence
    assert refine_estimate(outside, facts) == facts
    assert refine_estimate(outside, None) == outside
    assert refine_estimate(None, None) is None
