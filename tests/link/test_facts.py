from datetime import date

from onrecord.link.facts import find_person_facts
from onrecord.records import Article, Entity, Span


def _article(text: str, day: date, name: str) -> Article:
    spans = []
    start = text.find(name)
    while start >= 0:
        spans.append(Span.of(text, start, start + len(name)))
        start = text.find(name, start + 1)
    return Article(text=text, published=day, entities=(Entity("e1", name, "PERSON", tuple(spans)),))


def test_ages_after_and_before_a_name():
    article = _article(
        "Lukashenko, 66, said so. The 66-year-old Lukashenko left.", date(2020, 9, 1), "Lukashenko"
    )
    facts = list(find_person_facts(article, {"e1": "p1"}))
    assert [(f.kind, f.value, f.implied_year) for f in facts] == [("age", 66, 1954)] * 2


def test_tenures_that_agree_across_years():
    early = _article("Lukashenko extended his 25-year rule.", date(2019, 11, 1), "Lukashenko")
    late = _article("Lukashenko, in his 27-year rule, said.", date(2021, 4, 23), "Lukashenko")
    (first,) = find_person_facts(early, {"e1": "p1"})
    (second,) = find_person_facts(late, {"e1": "p1"})
    assert first.implied_year == second.implied_year == 1994
    assert first.span.text == "25"


def test_no_date_no_facts_and_implausible_values_are_dropped():
    text = "Lukashenko, 2019, said. Lukashenko, 66, said."
    assert (
        list(find_person_facts(_article(text, date(2020, 1, 1), "Lukashenko"), {"e1": "p1"}))[
            0
        ].value
        == 66
    )
    undated = Article(text=text, entities=_article(text, date(2020, 1, 1), "Lukashenko").entities)
    assert list(find_person_facts(undated, {"e1": "p1"})) == []
