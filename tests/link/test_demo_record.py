"""The demo corpus as one record: one story, its people, a contradiction, a timeline."""

from __future__ import annotations

import pytest

from onrecord.api import default_pipeline
from onrecord.batch import ingest_paths
from onrecord.report import demo_corpus_dir, describe_person, describe_story
from onrecord.store import open_store
from onrecord.store.links import ClaimFilter

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with open_store(path) as store:
        ingest_paths([str(demo_corpus_dir())], store, pipeline=default_pipeline())
        yield store


def test_the_demo_corpus_is_one_story_with_its_people(demo_store):
    (story,) = demo_store.stories()
    assert story["articles"] == 14
    full = demo_store.story(story["id"])
    names = {person["name"] for person in full["people"]}
    assert names >= {
        "Milos Harveth",
        "Oskar Delvane",
        "Edda Norcross",
        "Teodor Lask",
        "Radek Sovin",
        "Ilse Marrant",
        "Vera Kallisto",
        "Hallam Crewe",
    }
    assert "Harveth and Delvane sign union treaty" in describe_story(full)


def test_the_timeline_is_in_date_order(demo_store):
    (story,) = demo_store.stories()
    timeline = demo_store.story(story["id"])["timeline"]
    dated = [item["date"] for item in timeline if item["date"]]
    assert dated == sorted(dated) and len(dated) > 100
    # the undated explainer (10) comes last, as an article without a date
    assert timeline[-1]["date"] is None or all(item["date"] for item in timeline)
    assert [item["date"] for item in timeline if item["kind"] == "article"][:2] == [
        "2024-02-06",
        "2024-02-19",
    ]


def test_sovins_denial_is_flagged_against_kallistos_charge(demo_store):
    found = demo_store.claims(ClaimFilter(about="negotiating away the lenta", contradictions=True))
    assert {(row["speaker"], row["polarity"]) for row in found} >= {
        ("Vera Kallisto", "assert"),
        ("Radek Sovin", "deny"),
    }
    (story,) = demo_store.stories()
    groups = demo_store.story(story["id"])["contradictions"]
    assert any(
        {c["speaker"] for c in group["denied"]} == {"Radek Sovin"}
        and "Vera Kallisto" in {c["speaker"] for c in group["asserted"]}
        for group in groups
    )


def test_a_person_across_the_corpus(demo_store):
    norcross = demo_store.person("Norcross")
    assert norcross["name"] == "Edda Norcross" and len(norcross["articles"]) >= 9
    assert {"Edda Norcross", "Norcross"} <= {alias["name"] for alias in norcross["aliases"]}
    said = [row["said_on"] or row["published"] or "" for row in norcross["quotes"]]
    assert said[:-1] == sorted(said[:-1])
    assert "same full name 'edda norcross'" in describe_person(norcross, why=True)


def test_demo_people_carry_their_titles(demo_store):
    roles = {
        name: {role["role"] for role in demo_store.person(name)["roles"]}
        for name in ("Norcross", "Sovin", "Marrant")
    }
    assert "Foreign Minister" in roles["Norcross"]
    assert "Dravonian Finance Minister" in roles["Sovin"]
    assert "Dravonian Foreign Minister" in roles["Marrant"]
    # the dateline "ORLAVY, March 11 (Dravpress) —" made Sovin an outlet
    assert "news outlet" not in roles["Sovin"]
    assert demo_store.person("Sovin")["type"] == "PERSON"


def test_demo_places_are_no_people(demo_store):
    # "Kelmark" was a person, and said what Porrit told reporters in Brenholt
    found = demo_store.claims(ClaimFilter(about="There is no currency timetable"))
    assert {row["speaker"] for row in found} == {"Liane Porrit"}
    people = {row["name"]: row["articles"] for row in demo_store.people()}
    assert "ORLAVY" not in people and "BRENHOLT" not in people
    assert people.get("Kelmark", 0) <= 1
