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


@pytest.mark.parametrize(
    ("text", "name", "roles"),
    [
        # title-case titles are proper nouns to spaCy; the nationality stays in the role
        (
            "Foreign Minister Edda Norcross said on Sunday that talks would go on.",
            "Edda Norcross",
            ["Foreign Minister"],
        ),
        (
            "ORLAVY, March 11 (Dravpress) — Dravonian Finance Minister Radek Sovin said on"
            " Monday that a joint currency could not come before 2027.",
            "Radek Sovin",
            ["Dravonian Finance Minister"],
        ),
        (
            "U.S. President Donald Trump met House Speaker Nancy Pelosi.",
            "Donald Trump",
            ["U.S. President"],
        ),
        (
            "Kelmark's Trade Minister Jarek Ostby said last week.",
            "Jarek Ostby",
            ["Kelmark's Trade Minister"],
        ),
        ("Civic Bloc leader Vera Kallisto said no.", "Vera Kallisto", ["Civic Bloc leader"]),
        ("Opposition MP Hallam Crewe was unimpressed.", "Hallam Crewe", ["Opposition MP"]),
        (
            "Attorney General William Barr spoke with former Soviet leader Mikhail Gorbachev.",
            "Mikhail Gorbachev",
            ["former Soviet leader"],
        ),
        # a place after the name belongs to the title
        (
            "President Milos Harveth of Dravonia agreed.",
            "Milos Harveth",
            ["President of Dravonia"],
        ),
        # appositions after and before the name
        ("Peskov, the Kremlin spokesman, said talks went well.", "Peskov", ["Kremlin spokesman"]),
        (
            "Hallam Crewe, a veteran member of the opposition Homeland Party, led the criticism.",
            "Hallam Crewe",
            ["veteran member of the opposition Homeland Party"],
        ),
        (
            "Her Kelmark counterpart, Edda Norcross, was quoted by the agency.",
            "Edda Norcross",
            ["Kelmark counterpart"],
        ),
        (
            "Dravonia's presidential spokesman, Teodor Lask, said only that it was studied.",
            "Teodor Lask",
            ["Dravonia's presidential spokesman"],
        ),
        (
            "Hallam Crewe, who is the leader of the Homeland Party, said no.",
            "Hallam Crewe",
            ["leader of the Homeland Party"],
        ),
        (
            "At the funeral, the co-chair of Black Voices for Trump and 2012 presidential"
            " candidate, Herman Cain, spoke.",
            "Herman Cain",
            ["presidential candidate"],
        ),
        # ordinary words before a name are no title
        (
            "Louis DeJoy, a Republican fundraiser Trump appointed to the post, spoke.",
            "Trump",
            [],
        ),
        ("The plan was fine, said Edda Norcross on Sunday.", "Edda Norcross", []),
        ("In Minsk, Alexander Lukashenko met the press.", "Alexander Lukashenko", []),
    ],
)
def test_entities_keep_the_roles_written_beside_a_name(nlp, text, name, roles):
    people = {e.name: e for e in group_entities(nlp(text)) if e.type == "PERSON"}
    assert list(people[name].roles) == roles


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # a dateline is a place, in capitals or not
        (
            "ORLAVY, March 11 (Dravpress) — Finance Minister Radek Sovin said on Monday"
            " that a joint currency could not come before 2027.",
            "ORLAVY",
            "GPE",
        ),
        ("BRENHOLT — Negotiations between Dravonia and Kelmark stalled.", "BRENHOLT", "GPE"),
        # a name joined to a place, or modifying a country's noun, is a place
        ("BRENHOLT — Negotiations between Dravonia and Kelmark stalled.", "Kelmark", "GPE"),
        (
            "The delegations will alternate between Orlavy and the Kelmark capital, Brenholt.",
            "Kelmark",
            "GPE",
        ),
        (
            "Kelmark's parliament held its first full debate on the union on Tuesday.",
            "Kelmark",
            "GPE",
        ),
        ("Lask told reporters in Orlavy that the talks would go on.", "Orlavy", "GPE"),
        # a title makes a person, and the surname alone is that person
        (
            "Government spokeswoman Liane Porrit denied that any date had been agreed."
            " Porrit said she would not comment.",
            "Liane Porrit",
            "PERSON",
        ),
        # a body's or a building's name is no person
        ("Vera Kallisto, who leads the opposition Civic Bloc, warned.", "Civic Bloc", "ORG"),
        ("Civic Bloc leader Vera Kallisto said the exchange showed it.", "Civic Bloc", "ORG"),
        # people stay people
        (
            "Donald Trump met voters in Ohio. Trump said the economy was strong.",
            "Donald Trump",
            "PERSON",
        ),
        ("Putin's government said on Monday that it would not resign.", "Putin", "PERSON"),
        ("Mrs. Potts and Belle from Beauty and the Beast were there.", "Potts", "PERSON"),
        (
            "On Friday in Pakistan, Mohammed Waseem, brother of the star, was held.",
            "Mohammed Waseem",
            "PERSON",
        ),
        # bodies stay bodies: no dateline without capitals or a date, no place in a journal
        (
            "Talks went on.\n\nThe Syrian Army — whose commander was away — moved.",
            "Syrian Army",
            "ORG",
        ),
        ("Results were published in Science Advances on Wednesday.", "Science Advances", "ORG"),
    ],
)
def test_entity_types_follow_the_articles_own_evidence(nlp, text, name, kind):
    types = {e.name: e.type for e in group_entities(nlp(text))}
    assert types[name] == kind


def test_a_dateline_in_capitals_is_the_same_place_as_later_mentions(nlp):
    text = "ORLAVY, March 11 (Dravpress) — Talks resumed.\n\nProtesters gathered in Orlavy."
    places = [(e.name, len(e.mentions)) for e in group_entities(nlp(text)) if e.type == "GPE"]
    assert places == [("Orlavy", 2)]


def test_an_organisation_named_again_by_its_last_word_is_one_entity(nlp):  # type: ignore[no-untyped-def]
    text = (
        "Marrant called a report in the Brenholt Courier pure invention. The Courier reported on"
        " Wednesday that the talks had stalled."
    )
    orgs = [e for e in group_entities(nlp(text)) if e.type == "ORG"]
    courier = [e for e in orgs if "Courier" in e.name]
    assert len(courier) == 1 and courier[0].name == "Brenholt Courier"
    assert len(courier[0].mentions) == 2


def test_a_portfolio_before_a_title_is_no_organisation(nlp):  # type: ignore[no-untyped-def]
    text = (
        "In Orlavy, Finance Minister Radek Sovin denied it. The Finance Ministry and Kremlin"
        " spokesman Dmitry Peskov said nothing."
    )
    entities = {e.name: e for e in group_entities(nlp(text))}
    assert "Finance" not in entities
    assert entities["Radek Sovin"].roles == ("Finance Minister",)
    assert {"Finance Ministry", "Kremlin"} <= set(entities)
