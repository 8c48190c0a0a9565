from datetime import date

from onrecord.link.stories import JOIN_STORY, StoredStory, link_story, story_score
from onrecord.records import Article

UNION = StoredStory(
    "s1",
    "Union talks",
    4,
    {"harveth": 4, "delvane": 3, "crewe": 1},
    frozenset({"g1"}),
    date(2024, 2, 6),
    date(2024, 5, 10),
)


def _article(day: date | None = date(2024, 5, 21)) -> Article:
    return Article(text="Norcross says talks go on.", title="Talks go on", published=day)


def test_score_weighs_people_by_how_central_they_are_and_adds_shared_claims():
    assert story_score(["harveth", "delvane"], [], UNION) == 1.75
    assert story_score(["crewe"], [], UNION) == 0.25
    assert story_score(["crewe"], ["g1"], UNION) == 1.25


def test_an_article_joins_the_story_it_shares_enough_with():
    link = link_story(_article(), ["harveth", "delvane"], [], lambda people, groups: [UNION])
    assert (link.story_id, link.is_new) == ("s1", False) and link.score >= JOIN_STORY


def test_too_little_in_common_or_too_far_in_time_starts_a_new_story():
    weak = link_story(_article(), ["crewe"], [], lambda people, groups: [UNION])
    assert weak.is_new and weak.title == "Talks go on"
    late = link_story(_article(date(2025, 3, 1)), ["harveth", "delvane"], [], lambda p, g: [UNION])
    assert late.is_new
    undated = link_story(_article(None), ["harveth", "delvane"], [], lambda p, g: [UNION])
    assert not undated.is_new
