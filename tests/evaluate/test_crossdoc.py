"""Tests of the cross-document scorer: pair and B-cubed arithmetic, the gold file, the command."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.evaluate.crossdoc import (
    DEFAULT_GOLD,
    CrossdocGold,
    GoldCluster,
    StoredLinks,
    load_gold,
    match_claim,
    parse_thresholds,
    score_clusters,
    threshold_table,
)
from onrecord.records import Article, Quote, Span

from ..conftest import shared_path

# gold {a b c} {d e}; predicted {a b} {c d} {e}
GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
PREDICTED = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}


def test_score_clusters_pairs_and_bcubed_by_hand() -> None:
    scores = score_clusters(GOLD, PREDICTED)
    # gold pairs ab ac bc de = 4; predicted pairs ab cd = 2; correct ab = 1
    assert (scores.gold_pairs, scores.predicted_pairs, scores.correct_pairs) == (4, 2, 1)
    assert scores.pair_precision == pytest.approx(1 / 2)
    assert scores.pair_recall == pytest.approx(1 / 4)
    assert scores.pair_f1 == pytest.approx(1 / 3)
    # B-cubed precision per item: a 1, b 1, c 1/2, d 1/2, e 1 → 4/5
    assert scores.bcubed_precision == pytest.approx(4 / 5)
    # B-cubed recall per item: a 2/3, b 2/3, c 1/3, d 1/2, e 1/2 → 8/15
    assert scores.bcubed_recall == pytest.approx(8 / 15)
    assert scores.bcubed_f1 == pytest.approx(2 * (4 / 5) * (8 / 15) / (4 / 5 + 8 / 15))


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        # perfect
        ({"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}, (1.0, 1.0, 1.0, 1.0)),
        # all singletons: no predicted pairs, B-cubed precision perfect
        ({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}, (0.0, 0.0, 1.0, (1 / 3 * 3 + 1 / 2 * 2) / 5)),
        # one big cluster: every pair predicted
        ({k: 0 for k in "abcde"}, (4 / 10, 1.0, (3 / 5 * 3 + 2 / 5 * 2) / 5, 1.0)),
    ],
)
def test_score_clusters_extremes(
    predicted: dict[str, int], expected: tuple[float, float, float, float]
) -> None:
    scores = score_clusters(GOLD, predicted)
    got = (scores.pair_precision, scores.pair_recall, scores.bcubed_precision, scores.bcubed_recall)
    assert got == pytest.approx(expected)


def test_score_clusters_leaves_out_unmatched_items() -> None:
    scores = score_clusters(GOLD, {"a": "x", "b": "x", "d": "y", "e": "y"})
    assert scores.items == 4
    assert (scores.pair_precision, scores.pair_recall) == (1.0, 1.0)


def test_gold_file_is_well_formed() -> None:
    gold = load_gold(DEFAULT_GOLD)
    assert {c.split for c in (*gold.people, *gold.claims)} == {"train", "dev"}
    items = [item for c in (*gold.people, *gold.claims) for item in c.items]
    assert len(items) == len(set(items)), "an item in two clusters"
    assert {url for url, _, _ in items} == set(gold.articles)
    assert all(0 <= start < end for _, start, end in items)


def _subset_gold(tmp_path: Path, urls: set[str]) -> Path:
    data = json.loads(DEFAULT_GOLD.read_text(encoding="utf-8"))
    for kind, items in (("people", "mentions"), ("claims", "quotes")):
        for cluster in data[kind]:
            cluster[items] = [i for i in cluster[items] if i["url"] in urls]
        data[kind] = [c for c in data[kind] if c[items]]
    data["articles"] = sorted(urls)
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.slow
def test_eval_crossdoc_runs_on_three_articles(tmp_path: Path) -> None:
    data = shared_path("data")
    gold = load_gold(DEFAULT_GOLD)
    # three Puerto Rico articles that share their governors
    urls = {url for url in gold.articles if "Puerto_Rico" in url}
    assert len(urls) == 3
    path = _subset_gold(tmp_path, urls)
    result = CliRunner().invoke(
        app,
        ["eval", "crossdoc", str(path), "--data", str(data), "--split", "all", "-f", "json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] == 3
    assert report["identity"]["items"] + report["identity_missed"] == report["identity_total"]
    assert report["identity"]["gold_pairs"] > 0
    assert 0.0 <= report["claims"]["bcubed_f1"] <= 1.0


def test_eval_crossdoc_names_a_missing_data_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", "crossdoc", "--data", str(tmp_path), "--split", "dev"]
    )
    assert result.exit_code == 1
    assert "no Wikinews CSV files" in result.output


def _article(url: str, text: str, pieces: list[str]) -> Article:
    quotes = tuple(
        Quote("direct", (Span.of(text, text.index(p), text.index(p) + len(p)),), None, None, None)
        for p in pieces
    )
    return Article(text=text, url=url, quotes=quotes)


def test_threshold_table_replays_grouping_in_ingest_order() -> None:
    first = _article("u1", "He said the talks failed. She said rain.", ["the talks failed", "rain"])
    second = _article("u2", "They said the talks collapsed.", ["the talks collapsed"])
    east, north = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    close = np.array([0.8, 0.6])  # cosine 0.8 with east
    embeddings = {(first.id, 1): east, (first.id, 2): north, (second.id, 1): close}
    links = StoredLinks(
        {"u1": first, "u2": second},
        {},
        {key: f"{key[0]}:{key[1]}" for key in embeddings},
        embeddings,
    )
    talks, rain = ("u1", 9, 25), ("u1", 35, 39)
    collapsed = ("u2", 10, 29)
    assert match_claim(links, talks) == (first.id, 1)
    gold = CrossdocGold(
        ("u1", "u2"),
        (),
        (
            GoldCluster("talks", "train", (talks, collapsed)),
            GoldCluster("rain", "train", (rain,)),
        ),
    )
    table = {t: scores for t, scores, _ in threshold_table(gold, links, [0.7, 0.9])}
    assert (table[0.7].pair_precision, table[0.7].pair_recall) == (1.0, 1.0)
    assert (table[0.9].predicted_pairs, table[0.9].pair_recall) == (0, 0.0)


@pytest.mark.parametrize(("text", "expected"), [(None, []), ("0.6, 0.75", [0.6, 0.75]), ("", [])])
def test_parse_thresholds(text: str | None, expected: list[float]) -> None:
    assert parse_thresholds(text) == expected
