"""Named entities of one article, grouped so that each person or body is one record.

"Dmitry Peskov", "Peskov" and "Mr. Peskov" are one person; the titles written before
or in apposition to a name ("Kremlin spokesman Dmitry Peskov") are kept as roles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from onrecord.extraction.entity_types import POSSESSIVE, correct_entity_types
from onrecord.extraction.roles import is_portfolio_in_title, role_of
from onrecord.records import Entity, Span

ENTITY_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)

_HONORIFICS = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady gen. gen sen. sen rep. rep
    gov. gov president minister premier chancellor king queen prince princess pope senator
    governor mayor general colonel judge justice ambassador spokesman spokeswoman spokesperson
    secretary chairman chairwoman director
    """.split()  # noqa: SIM905
)


@dataclass
class _Group:
    name: str
    type: str
    mentions: list[Span] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)


def clean_name(text: str) -> str:
    """Strip possessives, honorifics and surrounding punctuation from an entity name.

    Args:
        text: the surface text of an entity mention, e.g. "Mr. Peskov's".

    Returns:
        The bare name ("Peskov"); the input stripped if nothing else is left.
    """
    words = POSSESSIVE.sub("", text.strip()).strip(" \t\n\"'“”‘’«».,;:()").split()
    while len(words) > 1 and words[0].lower() in _HONORIFICS:
        words = words[1:]
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words) or text.strip()


def _is_short_form(short: str, full: str) -> bool:
    """Whether ``short`` names the same person as ``full`` (surname or first name alone)."""
    short_words, full_words = short.split(), full.split()
    if len(short_words) >= len(full_words):
        return False
    return short_words == full_words[-len(short_words) :] or short_words == full_words[:1]


def _is_better_name(name: str, current: str) -> bool:
    """Whether ``name`` names a group better: longer, or in ordinary case, not capitals."""
    if len(name) != len(current):
        return len(name) > len(current)
    return current.isupper() and not name.isupper()


def _find_group(groups: list[_Group], name: str, label: str) -> _Group | None:
    # a dateline writes the place in capitals: "ORLAVY, March 11 —" is Orlavy
    folded = name.casefold()
    for group in groups:
        same_name = any(folded == known.casefold() for known in group.names)
        if same_name and (group.type == label or label != "PERSON"):
            return group
    if label == "ORG":
        return _named_before(groups, name)
    if label != "PERSON":
        return None
    for group in groups:
        if group.type == "PERSON" and any(_is_short_form(name, n) for n in group.names):
            return group
    return None


def _named_before(groups: list[_Group], name: str) -> _Group | None:
    """ "the Courier" after "the Brenholt Courier": the one organisation named so far whose
    name ends with this single word."""
    if len(name.split()) != 1:
        return None
    owners = [
        g
        for g in groups
        if g.type == "ORG" and any(len(n.split()) > 1 and n.split()[-1] == name for n in g.names)
    ]
    return owners[0] if len(owners) == 1 else None


def _merge_short_groups(groups: list[_Group]) -> list[_Group]:
    """Fold a person first seen by surname into the group of a later full name."""
    merged: list[_Group] = []
    for group in sorted(groups, key=lambda g: -len(g.name.split())):
        target = next(
            (
                m
                for m in merged
                if m.type == "PERSON" == group.type and _is_short_form(group.name, m.name)
            ),
            None,
        )
        if target is None:
            merged.append(group)
        else:
            target.mentions.extend(group.mentions)
            target.names |= group.names
            target.roles.extend(r for r in group.roles if r not in target.roles)
    return merged


def _entity_spans(doc: Doc) -> Iterator[SpacySpan]:
    for ent in doc.ents:
        if ent.label_ in ENTITY_TYPES and not ent.text.isspace():
            yield ent


def group_entities(doc: Doc, spans: Iterable[SpacySpan] | None = None) -> list[Entity]:
    """Group the named-entity mentions of a document into entities.

    Args:
        doc: a parsed document whose character offsets are article offsets.
        spans: the entity spans to group; defaults to ``doc.ents`` of the kept types,
            their types corrected from the article (see :mod:`.entity_types`).

    Returns:
        Entities in order of first mention, with ids ``e1``, ``e2``, ….
    """
    groups: list[_Group] = []
    for ent in spans if spans is not None else correct_entity_types(doc, _entity_spans(doc)):
        name = clean_name(ent.text)
        if not name or not any(ch.isalpha() for ch in name) or is_portfolio_in_title(ent):
            continue
        group = _find_group(groups, name, ent.label_)
        if group is None:
            group = _Group(name=name, type=ent.label_)
            groups.append(group)
        group.names.add(name)
        if ent.label_ == group.type and _is_better_name(name, group.name):
            group.name = name
        group.mentions.append(Span(ent.start_char, ent.end_char, ent.text))
        role = role_of(ent) if ent.label_ == "PERSON" else None
        if role and role not in group.roles:
            group.roles.append(role)
    groups = _merge_short_groups(groups)
    groups.sort(key=lambda g: min(m.start for m in g.mentions))
    return [
        Entity(
            id=f"e{number}",
            name=group.name,
            type=group.type,
            mentions=tuple(sorted(group.mentions, key=lambda m: m.start)),
            aliases=tuple(sorted(group.names - {group.name})),
            roles=tuple(group.roles),
        )
        for number, group in enumerate(groups, start=1)
    ]


def entity_at(entities: Iterable[Entity], token: Token) -> Entity | None:
    """The entity one of whose mentions covers ``token``, if any."""
    for entity in entities:
        for mention in entity.mentions:
            if mention.start <= token.idx < mention.end:
                return entity
    return None
