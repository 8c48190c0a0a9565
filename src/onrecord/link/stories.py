"""Stories: articles clustered incrementally by the people and claims they share.

A new article joins the stored story it shares most with — people weighted by how
central they are to the story (the share of its articles that mention them), plus each
claim group the two have in common — when that score reaches :data:`JOIN_STORY` and the
article's date lies within :data:`WINDOW_DAYS` of the story's span; otherwise it starts
a story of its own. Nothing already stored is reclustered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from onrecord.records import Article, StoryLink

JOIN_STORY = 1.5
WINDOW_DAYS = 90


@dataclass(frozen=True)
class StoredStory:
    """A stored story as clustering sees it, for the people and groups asked about.

    ``people``: person id → number of the story's articles that mention them;
    ``groups``: the claim groups the story holds.
    """

    id: str
    title: str
    articles: int
    people: dict[str, int]
    groups: frozenset[str]
    first_date: date | None
    last_date: date | None


StoryLookup = Callable[[Collection[str], Collection[str]], Sequence[StoredStory]]
"""Stored stories with any of these person ids or claim group ids."""


def story_score(people: Collection[str], groups: Collection[str], story: StoredStory) -> float:
    """How much an article shares with a story (see the module docstring)."""
    shared_people = sum(
        story.people[person] / max(story.articles, 1) for person in people if person in story.people
    )
    return shared_people + len(set(groups) & story.groups)


def link_story(
    article: Article,
    people: Collection[str],
    groups: Collection[str],
    lookup: StoryLookup,
) -> StoryLink:
    """Choose the story the article belongs to, or start one.

    Args:
        article: the article (its title and date).
        people: the cross-article person ids it mentions.
        groups: the claim group ids of its claims.
        lookup: finds stored stories by person or claim group.

    Returns:
        The story link.
    """
    best: tuple[float, StoredStory] | None = None
    if people or groups:
        for story in lookup(people, groups):
            if not _in_window(article.published, story):
                continue
            score = story_score(people, groups, story)
            if best is None or score > best[0]:
                best = (score, story)
    if best is not None and best[0] >= JOIN_STORY:
        return StoryLink(best[1].id, best[1].title, round(best[0], 3), False)
    story_id = "s" + hashlib.sha256(article.id.encode()).hexdigest()[:12]
    title = article.title or _first_line(article.body)
    return StoryLink(story_id, title, 0.0, True)


def _in_window(day: date | None, story: StoredStory) -> bool:
    if day is None or story.first_date is None or story.last_date is None:
        return True
    window = timedelta(days=WINDOW_DAYS)
    return story.first_date - window <= day <= story.last_date + window


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line[:120] or "untitled"
