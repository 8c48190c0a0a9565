from datetime import date

from onrecord.evaluate.published import evaluate_with_facts, person_clues

AGE_2020 = (
    "Belarusian President Alexander Lukashenko, 66, said on Tuesday that the plant would stay."
)
AGE_2021 = "Alexander Lukashenko, 67, named a new prime minister and said the cabinet would meet."
NOTHING = "The cabinet met and said nothing new about the plant."


def test_each_article_is_dated_by_the_ages_in_the_others(pipeline):
    clues_of = person_clues(pipeline.analyse)
    articles = [("a", AGE_2021, date(2021, 5, 3)), ("b", NOTHING, date(2021, 5, 4))]
    others = [("c", AGE_2020, date(2020, 9, 1))]
    scores = evaluate_with_facts("tiny", articles, clues_of, others)
    # "a" is dated 2020-2022 through the 2020 article; "b" names nobody and nothing
    assert (scores.name, scores.articles, scores.estimated, scores.within) == (
        "tiny + facts",
        2,
        1,
        1,
    )
    assert scores.median_width_days == 365 + 366 + 365
    # the analysis is done once per text
    assert clues_of(AGE_2020) is clues_of(AGE_2020)
