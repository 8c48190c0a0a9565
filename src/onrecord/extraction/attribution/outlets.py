"""Outlets the statistical NER mislabels ("Ekho Moskvy" as a person), corrected from context.

An entity is an outlet when a mention stands beside an outlet noun ("Ekho Moskvy radio",
"the Kommersant daily", "news agency Interfax") or when it relays a quote ("as quoted by
RIA Novosti"). Its type becomes ORG and the kind of outlet joins its roles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from onrecord.extraction.attribution.cues import OUTLET_NOUNS
from onrecord.records import Entity, Quote

_WORD = re.compile(r"[A-Za-z]+")
_GENERIC_OUTLET = "news outlet"


_AFTER = re.compile(r"[ \t]+([A-Za-z]+)")
_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+$")
_INDEFINITE = frozenset({"a", "an"})


def _neighbour_words(text: str, start: int, end: int) -> list[str]:
    """The words right before and after a mention, with nothing but spaces between.

    The word after is left out after "a"/"an": "a Kelmark newspaper" is some paper of
    Kelmark, not a paper called Kelmark.
    """
    after = _AFTER.match(text, end)
    before = _BEFORE.search(text, max(0, start - 30), start)
    if before is not None and before.group(1).lower() in _INDEFINITE:
        after = None
    return [m.group(1).lower() for m in (after, before) if m is not None]


def _outlet_kind(entity: Entity, text: str) -> str | None:
    for mention in entity.mentions:
        inner = [w.lower() for w in _WORD.findall(mention.text)]
        for word in (*inner[-1:], *_neighbour_words(text, mention.start, mention.end)):
            if word in OUTLET_NOUNS:
                return OUTLET_NOUNS[word]
    return None


def _relays(quotes: Sequence[Quote]) -> list[tuple[int, int]]:
    """The spans that relay someone's words or host them.

    A relay of a quote without a speaker relays nobody: it is a speaker the attribution
    failed to place ("Asked about it, Sovin said ..."), not an outlet.
    """
    return [
        (via.span.start, via.span.end)
        for quote in quotes
        if quote.speaker is not None
        for via in (*quote.via, *quote.venue)
        if via.span is not None
        and not (quote.source is not None and via.span.overlaps(quote.source))
    ]


def correct_outlet_types(
    entities: Sequence[Entity], quotes: Sequence[Quote], text: str
) -> tuple[Entity, ...]:
    """Retype entities that are news outlets as ORG, with the outlet kind as a role.

    Args:
        entities: the article's grouped entities.
        quotes: its quotes, whose relays and venues show outlets.
        text: the article text.

    Returns:
        The entities, outlets corrected; the others unchanged.
    """
    relay_spans = _relays(quotes)
    corrected = []
    for entity in entities:
        kind = _outlet_kind(entity, text)
        relays = any(s <= m.start < e for m in entity.mentions for s, e in relay_spans)
        if kind is None and relays and entity.type == "PERSON" and not entity.roles:
            kind = _GENERIC_OUTLET
        if kind is not None and entity.type in {
            "PERSON",
            "ORG",
            "GPE",
            "NORP",
            "FAC",
            "PRODUCT",
            "WORK_OF_ART",
        }:
            roles = entity.roles if kind in entity.roles else (*entity.roles, kind)
            entity = replace(entity, type="ORG", roles=roles)
        corrected.append(entity)
    return tuple(corrected)
