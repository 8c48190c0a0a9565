# ruff: noqa: E501 (article paragraphs are one line each, as in real text)
"""The record across articles in the store (people, claims, stories), on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from onrecord.batch import ingest_paths, link_unlinked
from onrecord.errors import StorageError
from onrecord.records import ArticleLinks
from onrecord.store.links import ClaimFilter

pytestmark = pytest.mark.slow

MARCH = """# Opposition rallies in Orlavy

Civic Bloc leader Vera Kallisto said on Tuesday that the government was negotiating away the lenta behind closed doors.

"Nobody asked us," Kallisto told the crowd.
"""
DENIAL = """# Minister rejects opposition charge

Finance Minister Radek Sovin on Thursday denied that the government was negotiating away the lenta behind closed doors.

Opposition leader Vera Kallisto, who made the charge at a march last week, did not respond to a request for comment. Sovin said every page of the currency chapter would be published.
"""
LATER = """# Currency chapter published

Finance Minister Radek Sovin said on Monday that the currency chapter was now public.

Opposition leader Vera Kallisto told reporters that the chapter came too late.
"""
COURT = """# Kallisto takes the currency fight to court

Opposition leader Kallisto said on Friday that her party would ask the Constitutional Court to halt the currency talks.

"The court is our last resort," Kallisto told reporters in Orlavy.
"""


def _ingest(store, pipeline, tmp_path, texts, day, **options):  # type: ignore[no-untyped-def]
    paths = []
    for number, text in enumerate(texts):
        path = tmp_path / f"{day.isoformat()}-{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return ingest_paths(paths, store, pipeline=pipeline, published=day, **options)


def test_people_are_one_across_articles_with_their_names(store, pipeline, tmp_path):
    _ingest(store, pipeline, tmp_path, [MARCH], date(2024, 4, 24))
    _ingest(store, pipeline, tmp_path, [DENIAL, LATER], date(2024, 5, 2))
    kallisto = store.person("Kallisto")
    assert kallisto["name"] == "Vera Kallisto" and len(kallisto["articles"]) == 3
    # "Kallisto told the crowd": the surname alone is an alias, of the one article using it
    aliases = {alias["name"]: len(alias["articles"]) for alias in kallisto["aliases"]}
    assert aliases == {"Vera Kallisto": 3, "Kallisto": 1}
    assert any("same full name" in " ".join(row["reasons"]) for row in kallisto["why"])
    sovin = store.person("radek sovin")
    assert len(sovin["articles"]) == 2 and sovin["quotes"]
    assert {p["name"] for p in store.persons()} >= {"Vera Kallisto", "Radek Sovin"}


def test_a_denial_in_one_article_contradicts_the_claim_of_another(store, pipeline, tmp_path):
    _ingest(store, pipeline, tmp_path, [MARCH], date(2024, 4, 24))
    _ingest(store, pipeline, tmp_path, [DENIAL], date(2024, 5, 2))
    found = store.claims(ClaimFilter(contradictions=True))
    assert {(row["speaker"], row["polarity"]) for row in found} == {
        ("Vera Kallisto", "assert"),
        ("Radek Sovin", "deny"),
    }
    assert len({row["group_id"] for row in found}) == 1
    assert all(row["contradicted"] and row["group_size"] == 2 for row in found)
    assert store.claims(ClaimFilter(about="lenta", speaker="Sovin"))[0]["polarity"] == "deny"
    # a denial that joined the group only loosely is kept in it but contradicts nothing
    with store._transaction():
        store._run(
            "UPDATE claims SET similarity = 0.7 WHERE EXISTS (SELECT 1 FROM quotes q"
            " WHERE q.article_id = claims.article_id AND q.n = claims.n"
            " AND q.polarity = 'deny')"
        )
    assert store.claims(ClaimFilter(contradictions=True)) == []
    assert not any(row["contradicted"] for row in store.claims())
    assert {row["group_size"] for row in store.claims(ClaimFilter(about="lenta"))} == {2}


def test_articles_sharing_people_form_one_story_with_a_dated_timeline(store, pipeline, tmp_path):
    _ingest(store, pipeline, tmp_path, [MARCH], date(2024, 4, 24))
    _ingest(store, pipeline, tmp_path, [DENIAL, LATER], date(2024, 5, 2))
    (listed,) = store.stories()
    assert listed["articles"] == 3 and listed["title"] == "Opposition rallies in Orlavy"
    story = store.story(listed["id"][:6])
    dates = [item["date"] for item in story["timeline"]]
    assert dates == sorted(dates)
    # "said on Tuesday" in an article of Wednesday 2024-04-24
    assert (story["timeline"][0]["kind"], dates[0]) == ("statement", "2024-04-23")
    assert {item["kind"] for item in story["timeline"]} == {"article", "statement"}
    assert story["contradictions"] and story["first_date"] == "2024-04-24"


def test_a_split_is_respected_by_later_ingests_and_a_merge_undoes_it(store, pipeline, tmp_path):
    _ingest(store, pipeline, tmp_path, [MARCH, COURT], date(2024, 4, 24))
    assert len(store.person("Vera Kallisto")["articles"]) == 2
    result = store.split_person("Vera Kallisto", "Kallisto")
    assert result["mentions"] == 1
    assert len(store.person("Vera Kallisto")["articles"]) == 1
    _ingest(store, pipeline, tmp_path, [COURT.replace("Friday", "Monday")], date(2024, 5, 9))
    split_off = store.person(result["new"])
    assert len(split_off["articles"]) == 2 and split_off["quotes"]
    assert len(store.person("Vera Kallisto")["articles"]) == 1
    merged = store.merge_people("Vera Kallisto", result["new"])
    assert len(store.person("Kallisto")["articles"]) == 3 and merged["kept"] != result["new"]
    with pytest.raises(StorageError, match="no stored person"):
        store.merge_people("Vera Kallisto", "Nobody Atall")
    with pytest.raises(StorageError, match="never mentioned"):
        store.split_person("Vera Kallisto", "Sovin")


def test_unlinked_articles_are_linked_later_and_links_are_saved_once(store, pipeline, tmp_path):
    _ingest(store, pipeline, tmp_path, [MARCH, DENIAL], date(2024, 4, 24), link=False)
    assert len(store.unlinked_articles()) == 2 and store.stories() == []
    assert link_unlinked(store) == 2
    assert store.unlinked_articles() == []
    (article_id, *_) = [row["id"] for row in store.articles()]
    store.save_links(article_id, ArticleLinks())  # already linked: nothing changes
    assert sum(row["articles"] for row in store.stories()) == 2
    with pytest.raises(StorageError, match="not stored"):
        store.save_links("0" * 16, ArticleLinks())


def test_claim_signatures_are_their_bucket_keys(store, pipeline, tmp_path):
    from onrecord.link.claims import signature

    _ingest(store, pipeline, tmp_path, [MARCH, DENIAL], date(2024, 5, 2))
    saved = store._fetch("SELECT article_id, n, signature FROM claims ORDER BY article_id, n")
    assert saved and all(len(row["signature"]) == 120 for row in saved)
    buckets = store._fetch("SELECT article_id, n, band, key FROM claim_buckets")
    for row in saved:
        mine = [
            (b["band"], b["key"])
            for b in buckets
            if (b["article_id"], b["n"]) == (row["article_id"], row["n"])
        ]
        assert row["signature"] == signature(mine)


def test_claims_bucketed_with_another_layout_are_re_indexed_before_use(store, pipeline, tmp_path):
    from onrecord.link.claims import INDEX_LAYOUT, bucket_keys, signature

    _ingest(store, pipeline, tmp_path, [MARCH, DENIAL], date(2024, 5, 2))
    saved = store._fetch("SELECT article_id, n, signature FROM claims ORDER BY article_id, n")
    buckets = store._fetch("SELECT * FROM claim_buckets ORDER BY band, key, article_id, n")
    with store._transaction():  # as an older onrecord would have left them
        store._run("UPDATE claim_buckets SET key = 'old'")
        store._run("UPDATE claims SET signature = NULL")
        store._run("UPDATE store_settings SET value = 'lsh 10x12 seed 20240205'")
    store._claim_index_checked = False
    (claim,) = [c for c in store.claims() if c["polarity"] == "deny"][:1]
    embedding = store.stored_claims([(claim["article_id"], claim["n"])])[0].embedding
    found = store.claim_candidates(bucket_keys(embedding))
    assert (claim["article_id"], claim["n"]) in {(c.article_id, c.n) for c in found}
    assert store._fetch("SELECT * FROM claim_buckets ORDER BY band, key, article_id, n") == buckets
    assert (
        store._fetch("SELECT article_id, n, signature FROM claims ORDER BY article_id, n") == saved
    )
    assert store._fetch("SELECT value FROM store_settings") == [{"value": INDEX_LAYOUT}]
    assert all(
        c.signature == signature(bucket_keys(embedding))
        for c in found
        if c.n == claim["n"] and c.article_id == claim["article_id"]
    )


ELDER = """# Lukashenko visits Minsk tractor plant

Belarusian President Alexander Lukashenko, 66, said on Tuesday that the plant would stay in state hands.
"""
UNDATED = """# Lukashenko names a new cabinet

Alexander Lukashenko, 67, named a new prime minister and said the cabinet would meet soon.
"""


def test_an_undated_article_is_dated_by_an_age_known_from_dated_ones(store, pipeline, tmp_path):
    _ingest(store, pipeline, tmp_path, [ELDER], date(2020, 9, 1))
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED, encoding="utf-8")
    ingest_paths([str(path)], store, pipeline=pipeline)
    (row,) = [a for a in store.articles() if a["published"] is None]
    article = store.get(row["id"])
    assert article is not None and article.published is None
    estimate = article.published_estimate
    assert estimate is not None and "age 67" in estimate.basis
    assert (estimate.earliest, estimate.latest) == (date(2020, 1, 1), date(2022, 12, 31))
    # linking again changes nothing, and the dated article keeps its own date
    link_unlinked(store)
    assert store.get(row["id"]).published_estimate == estimate
    (dated,) = [a for a in store.articles() if a["published"] is not None]
    assert store.get(dated["id"]).published_estimate is None


def test_an_undated_article_stored_first_is_dated_when_the_facts_arrive(store, pipeline, tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED, encoding="utf-8")
    ingest_paths([str(path)], store, pipeline=pipeline)
    (row,) = store.articles()
    assert store.get(row["id"]).published_estimate is None  # the text names no date
    _ingest(store, pipeline, tmp_path, [ELDER], date(2020, 9, 1))
    estimate = store.get(row["id"]).published_estimate
    assert estimate is not None and "age 67" in estimate.basis
    assert (estimate.earliest, estimate.latest) == (date(2020, 1, 1), date(2022, 12, 31))
