"""Cross-article identity: which stored person or organisation each article entity is.

Evidence, strongest first: the same full name; a surname with agreeing given names;
for a bare surname, the roles and the people it appears with. Two people who share a
surname stay apart when their given names differ, and the user's rules ("same",
"different") override everything. Every decision carries its reasons.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from onrecord.link.names import PersonName, acronym, name_key
from onrecord.records import Article, Entity, PersonLink

LINKED_TYPES = frozenset({"PERSON", "ORG"})
_ROLE_STOP = frozenset("the a an of and for to in on at 's former acting deputy".split())
# organisation names made of these words alone name many bodies ("the Supreme Court")
_GENERIC_ORG_WORDS = frozenset(
    "the of and supreme high court courts ministry government parliament party senate house"
    " congress committee council department office police army navy military university"
    " agency commission assembly cabinet union federal national state central bank"
    " justice foreign interior defence defense health finance affairs".split()
)


@dataclass(frozen=True)
class KnownPerson:
    """A stored person as identity matching sees it."""

    id: str
    name: str
    type: str
    keys: frozenset[str]
    roles: frozenset[str] = frozenset()
    neighbours: frozenset[str] = frozenset()
    articles: int = 0


@dataclass(frozen=True)
class IdentityRule:
    """The user's word: the names ``key_a`` and ``key_b`` are (or are never) one person."""

    key_a: str
    key_b: str
    same: bool


PeopleLookup = Callable[[Collection[str]], Sequence[KnownPerson]]
"""Stored people having any of these keys (names, surnames or acronyms)."""


def entity_keys(entity: Entity) -> tuple[str, ...]:
    """The normalised names of an entity, its canonical name first."""
    keys = [name_key(entity.name), *(name_key(alias) for alias in entity.aliases)]
    return tuple(dict.fromkeys(key for key in keys if key))


def role_words(roles: Collection[str]) -> frozenset[str]:
    """The content words of role phrases ("Kremlin spokesman" → {"kremlin", "spokesman"})."""
    words = (word for role in roles for word in re.findall(r"[^\W\d_]+", role.lower()))
    return frozenset(word for word in words if word not in _ROLE_STOP)


def link_people(
    article: Article, lookup: PeopleLookup, rules: Sequence[IdentityRule] = ()
) -> tuple[PersonLink, ...]:
    """Link the article's people and organisations to stored ones, or start new ones.

    Args:
        article: an analysed article.
        lookup: finds stored people by key (see :data:`PeopleLookup`).
        rules: the user's identity rules.

    Returns:
        One link per PERSON or ORG entity, in entity order.
    """
    entities = [e for e in article.entities if e.type in LINKED_TYPES and entity_keys(e)]
    wanted: set[str] = set()
    for entity in entities:
        keys = entity_keys(entity)
        wanted.update(keys)
        if entity.type == "PERSON":
            wanted.add(PersonName.parse(keys[0]).surname)
        else:
            wanted.update(filter(None, (acronym(key) for key in keys)))
    # a "same" rule can name a person under a name this article never uses
    wanted |= {r.key_b for r in rules if r.same and r.key_a in wanted}
    wanted |= {r.key_a for r in rules if r.same and r.key_b in wanted}
    known = list(lookup(wanted)) if wanted else []
    resolved: set[str] = set()
    links: dict[str, PersonLink] = {}
    # full names first, so that a bare surname can lean on who else is in the article
    for entity in sorted(entities, key=lambda e: -len(entity_keys(e)[0].split())):
        link = _link_entity(article.id, entity, known, rules, resolved)
        links[entity.id] = link
        resolved.add(link.person_id)
    return tuple(links[e.id] for e in entities)


def _link_entity(
    article_id: str,
    entity: Entity,
    known: Sequence[KnownPerson],
    rules: Sequence[IdentityRule],
    resolved: Collection[str],
) -> PersonLink:
    keys = entity_keys(entity)
    barred = {r.key_b for r in rules if not r.same and r.key_a in keys}
    barred |= {r.key_a for r in rules if not r.same and r.key_b in keys}
    forced = {r.key_b for r in rules if r.same and r.key_a in keys}
    forced |= {r.key_a for r in rules if r.same and r.key_b in keys}
    allowed = [p for p in known if not p.keys & barred]
    for person in allowed:
        if person.keys & forced:
            shared = sorted(person.keys & forced)[0]
            return _existing(entity, person, keys, (f"user rule: same as {shared!r}",))

    candidates = [p for p in allowed if p.type == entity.type]
    scored = (
        _score_person(entity, keys, candidates, resolved)
        if entity.type == "PERSON"
        else _score_org(keys, candidates, resolved)
    )
    if not scored:
        scored = _score_other_type(entity, keys, allowed, resolved)
    if scored:
        scored.sort(key=lambda item: (-item[0], -item[1].articles, item[1].id))
        best_score, best, reasons = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else None
        if runner_up is None or best_score > runner_up:
            return _existing(entity, best, keys, reasons)
        reason = f"ambiguous: {len(scored)} stored people fit {keys[0]!r} equally"
        return _new(article_id, entity, keys, (reason,))
    return _new(article_id, entity, keys, ("no stored person of that name",))


def _score_person(
    entity: Entity,
    keys: Sequence[str],
    candidates: Sequence[KnownPerson],
    resolved: Collection[str],
) -> list[tuple[float, KnownPerson, tuple[str, ...]]]:
    name = PersonName.parse(keys[0])
    roles = role_words(entity.roles)
    scored: list[tuple[float, KnownPerson, tuple[str, ...]]] = []
    for person in candidates:
        names = [PersonName.parse(key) for key in person.keys]
        if not all(name.agrees_with(other) for other in names):
            continue
        reasons: list[str] = []
        score = 0.0
        if keys[0] in person.keys and name.given:
            score, reasons = 4.0, [f"same full name {keys[0]!r}"]
        elif name.given and any(other.given for other in names):
            given = next(other for other in names if other.given)
            score = 2.0
            reasons = [f"surname {name.surname!r}, given names agree ({' '.join(given.given)!r})"]
        elif any(other.surname == name.surname for other in names):
            score = 1.0
            reasons = [f"surname {name.surname!r} agrees"]
        else:
            continue
        shared_roles = roles & person.roles
        if shared_roles:
            score += 0.5 * len(shared_roles)
            reasons.append(f"shared role words: {', '.join(sorted(shared_roles))}")
        score += _context(person, resolved, reasons)
        # a bare surname alone is not enough: "Wong" the student is not Joshua Wong
        if score > 1.0 or name.given:
            scored.append((score, person, tuple(reasons)))
    return scored


def _context(person: KnownPerson, resolved: Collection[str], reasons: list[str]) -> float:
    """Evidence from the people of this article already linked: 0.5 each, up to 2."""
    if person.id in resolved:
        reasons.append("named in full elsewhere in this article")
        return 2.0
    neighbours = person.neighbours & set(resolved)
    if neighbours:
        reasons.append(f"appears with {len(neighbours)} of the same people")
    return 0.5 * min(len(neighbours), 4)


def _score_other_type(
    entity: Entity,
    keys: Sequence[str],
    candidates: Sequence[KnownPerson],
    resolved: Collection[str],
) -> list[tuple[float, KnownPerson, tuple[str, ...]]]:
    """A person the NER typed ORG here or there ("Trump" as ORG): an exact name only."""
    scored: list[tuple[float, KnownPerson, tuple[str, ...]]] = []
    for person in candidates:
        shared = set(keys) & person.keys
        if person.type == entity.type or not shared:
            continue
        reasons = [
            f"same name {sorted(shared)[0]!r}, typed {entity.type} here, {person.type} there"
        ]
        score = 1.0 + _context(person, resolved, reasons)
        if score > 1.0 or any(" " in key for key in shared):
            scored.append((score, person, tuple(reasons)))
    return scored


def _score_org(
    keys: Sequence[str], candidates: Sequence[KnownPerson], resolved: Collection[str]
) -> list[tuple[float, KnownPerson, tuple[str, ...]]]:
    initials = {acronym(key) for key in keys} - {""}
    scored: list[tuple[float, KnownPerson, tuple[str, ...]]] = []
    for person in candidates:
        shared = set(keys) & person.keys
        if shared:
            reasons = [f"same name {sorted(shared)[0]!r}"]
            context = _context(person, resolved, reasons)
            if all(set(key.split()) <= _GENERIC_ORG_WORDS for key in shared) and not context:
                continue  # "the Supreme Court" of which country? no shared context says
            scored.append((2.0 + len(shared) + context, person, tuple(reasons)))
            continue
        person_initials = {acronym(key) for key in person.keys} - {""}
        matched = (initials & person.keys) or (set(keys) & person_initials)
        if matched:
            reason = f"acronym {sorted(matched)[0]!r} matches"
            scored.append((1.0, person, (reason,)))
    return scored


def _existing(
    entity: Entity, person: KnownPerson, keys: Sequence[str], reasons: Sequence[str]
) -> PersonLink:
    # the link carries the entity's own type: a PERSON mention corrects a stored ORG
    return PersonLink(
        entity.id, person.id, entity.name, entity.type, tuple(keys), tuple(reasons), False
    )


def _new(
    article_id: str, entity: Entity, keys: Sequence[str], reasons: Sequence[str]
) -> PersonLink:
    digest = hashlib.sha256(f"{article_id}/{entity.id}".encode()).hexdigest()[:12]
    return PersonLink(
        entity.id, "p" + digest, entity.name, entity.type, tuple(keys), tuple(reasons), True
    )
