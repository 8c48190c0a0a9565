"""Speaker resolution on hand-made entities (our own examples)."""

from __future__ import annotations

import pytest

from onrecord.extraction.attribution.speakers import resolve_speaker
from onrecord.records import Entity, Span


def _entities(text: str, *named: tuple[str, str]) -> list[Entity]:
    found = []
    for number, (name, kind) in enumerate(named):
        begin = text.index(name)
        mention = Span.of(text, begin, begin + len(name))
        found.append(Entity(f"e{number}", name, kind, (mention,)))
    return found


@pytest.mark.parametrize(
    ("text", "named", "expected", "anonymous"),
    [
        # a place or nationality inside a description qualifies it: not the speaker
        (
            "a member of the Dravonian delegation",
            [("Dravonian", "NORP")],
            "a member of the Dravonian delegation",
            True,
        ),
        ("Kelmark officials", [("Kelmark", "GPE")], "Kelmark officials", True),
        # a place named alone, or with a determiner, speaks for itself
        ("Moscow", [("Moscow", "GPE")], "Moscow", False),
        ("the Kremlin", [("Kremlin", "GPE")], "Kremlin", False),
        # people and bodies are the speaker even inside a longer span
        (
            "Kremlin spokesman Dmitry Peskov",
            [("Kremlin", "ORG"), ("Dmitry Peskov", "PERSON")],
            "Dmitry Peskov",
            False,
        ),
        (
            "a spokesman for the Foreign Ministry",
            [("Foreign Ministry", "ORG")],
            "Foreign Ministry",
            False,
        ),
    ],
)
def test_names_inside_a_source(text, named, expected, anonymous):  # type: ignore[no-untyped-def]
    speaker = resolve_speaker(text, 0, _entities(text, *named), None)
    assert (speaker.name, speaker.anonymous) == (expected, anonymous)


def test_a_name_the_ner_missed_is_still_the_speaker():
    text = "Teodor Lask spoke first. Later Lask said more, and Peskov too."
    entities = _entities(text, ("Teodor Lask", "PERSON"))
    speaker = resolve_speaker("Lask", text.index("Lask said"), entities, None)
    assert (speaker.name, speaker.entity_id) == ("Teodor Lask", "e0")
    # a name that no entity carries stays as written
    assert resolve_speaker("Peskov", text.index("Peskov"), entities, None).entity_id is None


def test_a_shared_surname_names_nobody_for_sure():
    text = "Donald Trump and Melania Trump arrived. Trump said it was great."
    entities = _entities(text, ("Donald Trump", "PERSON"), ("Melania Trump", "PERSON"))
    speaker = resolve_speaker("Trump", text.index("Trump said"), entities, None)
    assert (speaker.name, speaker.entity_id) == ("Trump", None)


def test_he_is_not_a_person_named_only_inside_what_was_said():
    text = (
        "President Lukashenko denied that he and Putin had discussed a merger."
        ' "We did not discuss it," he told reporters.'
    )
    entities = _entities(text, ("Lukashenko", "PERSON"), ("Putin", "PERSON"))
    content = (text.index("that he"), text.index(" a merger") + len(" a merger"))
    he = text.index("he told")
    assert resolve_speaker("he", he, entities, None, [content]).name == "Lukashenko"
    # without the content known, the last person named nearby is taken
    assert resolve_speaker("he", he, entities, None).name == "Putin"


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("Foreign Minister Ilse Marrant", "Ilse Marrant"),
        ("Chief Executive Officer Tim Cook", "Tim Cook"),
        ("Kelmark government spokeswoman Liane Porrit", "Liane Porrit"),
        ("a senior member of the government", None),
        ("the Ministry of Foreign Affairs", None),
        ("Minister Ilse", None),
        ("Finance Minister Radek Sovin, who", None),
    ],
)
def test_a_titled_name_the_ner_missed_is_a_person(source, name):  # type: ignore[no-untyped-def]
    speaker = resolve_speaker(source, 0, [], None)
    if name is None:
        assert not speaker.person
    else:
        assert (speaker.name, speaker.entity_id, speaker.person) == (name, None, True)
