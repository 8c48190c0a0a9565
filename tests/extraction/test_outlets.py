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


def test_a_relay_of_a_quote_without_a_speaker_is_no_outlet():
    # "Asked about it, Sovin said ...": the attribution made the speaker a relay
    text = "Asked about the discrepancy, Sovin said that the minister speaks for the talks."
    sovin = text.index("Sovin")
    entity = Entity("e1", "Sovin", "PERSON", (Span(sovin, sovin + 5, "Sovin"),))
    quote = Quote(
        kind="indirect",
        content=(Span(53, 79, "the minister speaks for the talks"),),
        cue=Span(6, 11, "about"),
        source=None,
        speaker=None,
        via=(Via("Sovin", Span(sovin, sovin + 5, "Sovin")),),
    )
    (fixed,) = correct_outlet_types([entity], [quote], text)
    assert (fixed.type, fixed.roles) == ("PERSON", ())


def test_a_name_between_a_and_an_outlet_noun_is_where_the_outlet_is_from():
    text = "I read in a Kelmark newspaper that we will pay in arcs, said the Kommersant daily."
    entities = [
        Entity("e1", name, "GPE", (Span(text.index(name), text.index(name) + len(name), name),))
        for name in ("Kelmark", "Kommersant")
    ]
    fixed = {e.name: (e.type, e.roles) for e in correct_outlet_types(entities, [], text)}
    assert fixed == {"Kelmark": ("GPE", ()), "Kommersant": ("ORG", ("daily",))}
