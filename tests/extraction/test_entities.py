"""Entity grouping: one person under several names, roles kept, outlets retyped."""

from __future__ import annotations

import pytest

from onrecord.extraction.entities import clean_name, group_entities

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Mr. Peskov's", "Peskov"),
        ("President Vladimir Putin", "Vladimir Putin"),
        ("the Kremlin", "Kremlin"),
        ("Peskov’s", "Peskov"),
        ("Minister", "Minister"),
    ],
)
def test_clean_name_strips_titles_and_possessives(raw, clean):
    assert clean_name(raw) == clean


def test_entities_group_surname_full_name_and_title(nlp):
    doc = nlp(
        "Kremlin spokesman Dmitry Peskov spoke on Friday. Peskov said talks went well."
        " Mr. Peskov added that Vladimir Putin would attend. Putin did not comment."
    )
    people = {e.name: e for e in group_entities(doc) if e.type == "PERSON"}
    assert set(people) == {"Dmitry Peskov", "Vladimir Putin"}
    peskov = people["Dmitry Peskov"]
    assert len(peskov.mentions) == 3
    assert "Peskov" in peskov.aliases
    assert peskov.roles == ("Kremlin spokesman",)
    assert [m.text for m in people["Vladimir Putin"].mentions] == ["Vladimir Putin", "Putin"]


def test_entities_fold_a_surname_seen_before_the_full_name(nlp):
    doc = nlp("Lukashenko arrived late. Belarusian leader Alexander Lukashenko then spoke.")
    people = [e for e in group_entities(doc) if e.type == "PERSON"]
    assert [(e.name, len(e.mentions)) for e in people] == [("Alexander Lukashenko", 2)]


def test_entity_offsets_index_the_text(nlp):
    text = "In Minsk, Alexander Lukashenko met Vladimir Putin on Thursday."
    for entity in group_entities(nlp(text)):
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
