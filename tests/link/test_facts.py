# ruff: noqa: E501
from datetime import date

from onrecord.link.facts import find_person_facts
from onrecord.records import Article, Entity, Quantity, Span


def _article(text: str, day: date | None, name: str, ages: tuple[str, ...] = ()) -> Article:
    spans = []
    start = text.find(name)
    while start >= 0:
        spans.append(Span.of(text, start, start + len(name)))
        start = text.find(name, start + 1)
    quantities = []
    for age in ages:  # the extractor's age quantities, placed where the text has them
        at = text.find(age)
        quantities.append(Quantity(Span.of(text, at, at + len(age)), "age", float(age[:2]), "year"))
    return Article(
        text=text,
        published=day,
        entities=(Entity("e1", name, "PERSON", tuple(spans)),),
        quantities=tuple(quantities),
    )


def test_ages_belong_to_the_nearest_name_in_the_sentence():
    text = "Lukashenko, 66, said so. The 66-year-old Lukashenko left. Markets, 66 of them."
    article = _article(text, date(2020, 9, 1), "Lukashenko", ages=("66, said", "66-year-old"))
    facts = list(find_person_facts(article, {"e1": "p1"}))
    assert [(f.kind, f.value, f.implied_year) for f in facts] == [("age", 66, 1954)] * 2


def test_tenures_that_agree_across_years():
    early = _article("Lukashenko extended his 25-year rule.", date(2019, 11, 1), "Lukashenko")
    late = _article("Lukashenko, in his 27-year rule, said.", date(2021, 4, 23), "Lukashenko")
    (first,) = find_person_facts(early, {"e1": "p1"})
    (second,) = find_person_facts(late, {"e1": "p1"})
    assert first.implied_year == second.implied_year == 1994
    assert first.span.text == "25"


def test_no_date_no_facts_and_an_age_far_from_any_name_is_nobody_s():
    text = "Lukashenko spoke. Later, a 66-year-old man was arrested."
    assert (
        list(
            find_person_facts(
                _article(text, date(2020, 1, 1), "Lukashenko", ("66-year-old",)), {"e1": "p1"}
            )
        )
        == []
    )
    undated = _article("Lukashenko extended his 25-year rule.", None, "Lukashenko")
    assert list(find_person_facts(undated, {"e1": "p1"})) == []
