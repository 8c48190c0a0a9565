"""Who a source span is: an entity of the article, a description, or an anonymous source."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.extraction.attribution.cues import ANONYMOUS_WORDS, PRONOUNS
from onrecord.extraction.roles import ROLE_NOUNS
from onrecord.records import Entity

_SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")
_PRONOUN_REACH_CHARS = 200
"""A person named this close before "he" is who "he" is; farther back, the last speaker."""
_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "his", "her", "its", "their"])


@dataclass(frozen=True)
class Speaker:
    """The resolved speaker of one quote."""

    name: str | None
    entity_id: str | None
    anonymous: bool
    person: bool = False
    """A person, whom "he" or "she" may stand for next (an entity or a titled name)."""


def _last_before(
    entities: Sequence[Entity],
    position: int,
    types: tuple[str, ...],
    within: int | None = None,
    skip: Sequence[tuple[int, int]] = (),
) -> Entity | None:
    """The entity of these types mentioned last before ``position`` (within N chars),
    leaving out mentions inside ``skip``."""
    best: tuple[int, Entity] | None = None
    earliest = position - within if within is not None else -1
    for entity in entities:
        if entity.type not in types:
            continue
        for mention in entity.mentions:
            if (
                earliest <= mention.start
                and mention.end <= position
                and (best is None or mention.start > best[0])
                and not any(start <= mention.start < end for start, end in skip)
            ):
                best = (mention.start, entity)
    return best[1] if best else None


def _by_role(entities: Sequence[Entity], words: list[str], position: int) -> Entity | None:
    """ "the spokesman" → the person introduced as "Kremlin spokesman Dmitry Peskov"."""
    nouns = [w for w in words if w not in _DETERMINERS]
    if not nouns:
        return None
    head = nouns[-1]
    candidates = [
        e
        for e in entities
        if e.type == "PERSON"
        and any(head in role.lower().split() for role in e.roles)
        and min(m.start for m in e.mentions) < position
    ]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        return _last_before(candidates, position, ("PERSON",))
    return None


def resolve_speaker(
    source: str,
    start: int,
    entities: Sequence[Entity],
    last_speaker: Speaker | None,
    reported: Sequence[tuple[int, int]] = (),
) -> Speaker:
    """Resolve the source text of a quote to the article's canonical speaker.

    Args:
        source: the source span's text ("he", "the spokesman", "Peskov", "officials").
        start: its offset in the article.
        entities: the article's grouped entities.
        last_speaker: the speaker of the previous quote, for pronouns.
        reported: the article's quote contents; a person named only inside what someone
            said ("Lukashenko denied that he and Putin …") is not who "he" is next.

    Returns:
        The entity's canonical name when the source names or refers to one; else the
        description itself, flagged anonymous when it names nobody ("two unnamed sources").
    """
    end = start + len(source)
    mentions = [
        (mention, entity)
        for entity in entities
        if entity.type in _SPEAKER_TYPES
        for mention in entity.mentions
        if start <= mention.start < end
    ]
    mentions.sort(key=lambda pair: pair[0].start)
    named = [e for m, e in mentions if not _is_possessor(source, m.end - start)]
    words = source.lower().replace("’", "'").split()
    if mentions and not named:
        # only owners are named: "Lukashenko's press service" is a description
        return Speaker(_without_relative_clause(source), None, anonymous=False)
    if named and not _qualifies_description(source, start, named):
        people = [e for e in named if e.type == "PERSON"]
        chosen = (people or named)[0]
        return _of(chosen)
    if len(words) == 1 and words[0] in PRONOUNS:
        return _resolve_pronoun(source, words[0], start, entities, last_speaker, reported)
    unmarked = _named_without_mention(words, entities)
    if unmarked is not None:
        return _of(unmarked)
    if words and words[0] in _DETERMINERS - {"a", "an"} and len(words) <= 4:
        titled = _by_role(entities, words, start)
        if titled is not None:
            return _of(titled)
    name = _name_after_title(source)
    if name is not None:
        return Speaker(name, None, anonymous=False, person=True)
    return Speaker(_without_relative_clause(source), None, anonymous=is_anonymous(words))


def _of(entity: Entity) -> Speaker:
    return Speaker(entity.name, entity.id, anonymous=False, person=entity.type == "PERSON")


_NAME_WORD = re.compile(r"[A-Z][\w.’'-]*")


def _name_after_title(source: str) -> str | None:
    """The name of a person the NER missed, written after a title: "Foreign Minister Ilse
    Marrant" → "Ilse Marrant"; None unless the source ends in 2-3 capitalised words after
    its last title noun."""
    words = source.split()
    titles = [i for i, word in enumerate(words) if word.lower() in ROLE_NOUNS]
    name = words[titles[-1] + 1 :] if titles else []
    if 2 <= len(name) <= 3 and all(_NAME_WORD.fullmatch(word) for word in name):
        return " ".join(name)
    return None


_OWNS_WHAT_FOLLOWS = re.compile(r"['’]s?\s+\w")


def _is_possessor(source: str, offset: int) -> bool:
    """Whether the name ending at ``offset`` in a source owns what follows it ("Putin's
    spokesman", "the Kremlin's press office"), rather than being the speaker."""
    return _OWNS_WHAT_FOLLOWS.match(source, offset) is not None


_RELATIVE_CLAUSE = re.compile(r",?\s+(?:who|whom|whose|which|that)\s", re.IGNORECASE)


def _without_relative_clause(description: str) -> str:
    """A description's name without its relative clause: "one diplomat, who spoke on
    condition of anonymity" → "one diplomat"."""
    cut = _RELATIVE_CLAUSE.search(description)
    return description[: cut.start()] if cut and cut.start() > 0 else description


def _named_without_mention(words: list[str], entities: Sequence[Entity]) -> Entity | None:
    """ "Lask said", where the NER missed this "Lask": the one entity of that name or
    alias, or else the one person of that surname (two Trumps: neither)."""
    name = " ".join(w.strip(",.") for w in words if w not in _DETERMINERS)
    if not name:
        return None
    speakers = [e for e in entities if e.type in _SPEAKER_TYPES]
    exact = [e for e in speakers if name in {n.lower() for n in (e.name, *e.aliases)}]
    surname = [e for e in speakers if e.type == "PERSON" and e.name.lower().split()[-1] == name]
    found = exact or surname
    return found[0] if len(found) == 1 else None


def _qualifies_description(source: str, start: int, named: Sequence[Entity]) -> bool:
    """Whether the only names in the source are places or nationalities qualifying a
    description: "a member of the Dravonian delegation", "Kelmark officials" (but
    "Moscow" or "the Kremlin" alone is the speaker)."""
    if any(e.type in ("PERSON", "ORG") for e in named):
        return False
    rest = list(source)
    for entity in named:
        for mention in entity.mentions:
            for i in range(max(mention.start - start, 0), min(mention.end - start, len(rest))):
                rest[i] = " "
    leftover = "".join(rest).lower().replace("'s", " ").split()
    return any(word.strip(",.") not in _DETERMINERS for word in leftover)


def _resolve_pronoun(
    source: str,
    pronoun: str,
    start: int,
    entities: Sequence[Entity],
    last_speaker: Speaker | None,
    reported: Sequence[tuple[int, int]],
) -> Speaker:
    """ "he" is the person named last nearby outside what was reported, else the last
    speaker if a person, else the last person mentioned."""
    if pronoun in {"he", "she", "him", "her"}:
        person = _last_before(
            entities, start, ("PERSON",), within=_PRONOUN_REACH_CHARS, skip=reported
        )
        if person is None and last_speaker and last_speaker.person:
            return last_speaker
        person = person or _last_before(entities, start, ("PERSON",))
        if person is not None:
            return _of(person)
    if pronoun == "it":
        body = _last_before(entities, start, ("ORG", "GPE", "NORP"))
        if body is not None:
            return _of(body)
    if pronoun == "they" and last_speaker is not None:
        return last_speaker
    return Speaker(source, None, anonymous=False)


def is_anonymous(words: list[str]) -> bool:
    """Whether a source description names nobody: "two unnamed sources", "officials".

    Notes:
        A description with a concrete role in a named body ("a senior member of the
        government") is anonymous too: it is kept as a description and flagged.
    """
    if any(w.strip(",.") in ANONYMOUS_WORDS for w in words):
        return True
    return (
        bool(words)
        and words[0] in {"a", "an", "one", "two", "three", "several", "some"}
        and any(w in {"senior", "member", "members", "person", "officer"} for w in words)
    )
