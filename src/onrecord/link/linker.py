"""Link one analysed article to what is stored: people, claims, its story, its facts."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from onrecord.link.claims import ClaimIndex, link_claims
from onrecord.link.dating import FactIndex, date_by_people
from onrecord.link.embed import SentenceEncoder, default_encoder
from onrecord.link.facts import find_person_facts
from onrecord.link.people import IdentityRule, KnownPerson, entity_keys, link_people
from onrecord.link.stories import StoredStory, link_story
from onrecord.records import Article, ArticleLinks


class LinkIndex(ClaimIndex, FactIndex, Protocol):
    """What linking reads from the store (every store implements it)."""

    def known_people(self, keys: Collection[str]) -> Sequence[KnownPerson]:
        """Stored people known under any of these keys."""
        ...

    def identity_rules(self, keys: Collection[str]) -> Sequence[IdentityRule]:
        """The user's identity rules that mention any of these keys."""
        ...

    def stored_stories(
        self, people: Collection[str], groups: Collection[str]
    ) -> Sequence[StoredStory]:
        """Stored stories with any of these people or claim groups."""
        ...


def link_article(
    article: Article, index: LinkIndex, encoder: SentenceEncoder | None = None
) -> ArticleLinks:
    """Find how an analysed article links to the stored record.

    Args:
        article: the analysed article (already stored or about to be).
        index: the store's read side for linking.
        encoder: the sentence encoder; default: the packaged one.

    Returns:
        The links, to be saved with ``store.save_links``.
    """
    if not article.analysed:
        return ArticleLinks()
    keys = {key for entity in article.entities for key in entity_keys(entity)}
    people = link_people(article, index.known_people, index.identity_rules(keys))
    persons = {link.entity_id: link.person_id for link in people}
    by_name = {key: link.person_id for link in people for key in link.keys}
    claims, relays = link_claims(article, by_name | persons, index, encoder or default_encoder())
    story = link_story(
        article,
        sorted(set(persons.values())),
        sorted({claim.group_id for claim in claims}),
        index.stored_stories,
    )
    person_ids = {link.entity_id: link.person_id for link in people if link.type == "PERSON"}
    facts = tuple(find_person_facts(article, person_ids))
    return ArticleLinks(
        people, claims, story, facts, relays, date_by_people(article, person_ids, index)
    )
