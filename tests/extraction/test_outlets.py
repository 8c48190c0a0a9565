"""Outlets that the NER calls persons are retyped from their attribution context."""

from __future__ import annotations

from onrecord.extraction.attribution.outlets import correct_outlet_types
from onrecord.records import Entity, Quote, Span, Via

TEXT = "In an interview with Ekho Moskvy radio, Lavrov said so, as quoted by Ivan Petrov."


def _entity(eid: str, name: str, kind: str = "PERSON") -> Entity:
    start = TEXT.index(name)
    return Entity(eid, name, kind, (Span(start, start + len(name), name),))


def _quote() -> Quote:
    petrov = TEXT.index("Ivan Petrov")
    return Quote(
        kind="indirect",
        content=(Span(47, 49, "so"),),
        cue=Span(40, 44, "said"),
        source=Span(33, 39, "Lavrov"),
        speaker="Lavrov",
        via=(Via("Ivan Petrov", Span(petrov, petrov + 11, "Ivan Petrov")),),
    )


def test_outlet_next_to_an_outlet_noun_becomes_an_org_with_its_kind():
    entities = (_entity("e1", "Ekho Moskvy"), _entity("e2", "Lavrov"))
    fixed = {e.name: e for e in correct_outlet_types(entities, [], TEXT)}
    assert (fixed["Ekho Moskvy"].type, fixed["Ekho Moskvy"].roles) == ("ORG", ("radio station",))
    assert fixed["Lavrov"].type == "PERSON"


def test_a_relay_without_a_persons_role_is_an_outlet():
    entities = (_entity("e1", "Ivan Petrov"),)
    (fixed,) = correct_outlet_types(entities, [_quote()], TEXT)
    assert (fixed.type, fixed.roles) == ("ORG", ("news outlet",))
