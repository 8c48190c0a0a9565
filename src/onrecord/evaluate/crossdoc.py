"""Score cross-article linking (who is the same person, which claims restate each other).

The gold (``eval/gold/crossdoc.json``, see ``docs/crossdoc-gold.md``) names Wikinews
articles by URL and people mentions and quotes by character offsets into the article
text. The gold articles are ingested with the real pipeline into a throwaway SQLite
store; each gold mention is matched to the stored person of the entity whose mention
overlaps it, each gold quote to the stored claim whose content overlaps it. Gold items
that match nothing are extraction misses, counted apart from the linking scores.
"""

from __future__ import annotations

import csv
import json
import logging
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Literal, TypeVar

import numpy as np

from onrecord.errors import ConfigError
from onrecord.records import Article

log = logging.getLogger(__name__)

Split = Literal["train", "dev", "all"]
GoldItem = tuple[str, int, int]
"""``(url, start, end)`` of a gold mention or quote."""

_Item = TypeVar("_Item", bound=Hashable)

DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "eval" / "gold" / "crossdoc.json"
DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"


@dataclass(frozen=True)
class ClusterScores:
    """Pairwise and B-cubed precision, recall and F1 of one clustering."""

    items: int
    gold_pairs: int
    predicted_pairs: int
    correct_pairs: int
    pair_precision: float
    pair_recall: float
    pair_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float


@dataclass(frozen=True)
class PairScores:
    """Pairwise precision, recall and F1 over a subset of the item pairs."""

    gold_pairs: int
    predicted_pairs: int
    correct_pairs: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class GoldCluster:
    """One gold cluster: its items and the split it belongs to."""

    id: str
    split: str
    items: tuple[GoldItem, ...]
    name: str = ""


@dataclass(frozen=True)
class CrossdocGold:
    """The gold set: articles (by URL), people clusters and claim clusters."""

    articles: tuple[str, ...]
    people: tuple[GoldCluster, ...]
    claims: tuple[GoldCluster, ...]


@dataclass
class CrossdocReport:
    """What ``eval crossdoc`` measured on one split."""

    split: str
    articles: int
    identity: ClusterScores
    claims: ClusterScores
    identity_missed: int
    identity_total: int
    claims_missed: int
    claims_total: int
    claims_across: PairScores | None = None
    missed: dict[str, list[str]] = field(default_factory=dict)
    thresholds: list[tuple[float, ClusterScores, PairScores]] = field(default_factory=list)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def score_clusters(
    gold: Mapping[_Item, Hashable], predicted: Mapping[_Item, Hashable]
) -> ClusterScores:
    """Compare two clusterings of the same items, pairwise and B-cubed.

    Args:
        gold: item → gold cluster label.
        predicted: item → predicted cluster label; items it lacks are left out of both.

    Returns:
        The scores. A ratio whose denominator is 0 (no pairs) is 0.0.

    Notes:
        B-cubed after Bagga & Baldwin (1998): per item, the share of its predicted
        cluster that is in its gold cluster (precision) and the reverse (recall),
        averaged over the items.
    """
    items = [item for item in gold if item in predicted]
    gold_members: dict[Hashable, set[_Item]] = defaultdict(set)
    predicted_members: dict[Hashable, set[_Item]] = defaultdict(set)
    for item in items:
        gold_members[gold[item]].add(item)
        predicted_members[predicted[item]].add(item)
    gold_pairs = predicted_pairs = correct = 0
    for a, b in combinations(items, 2):
        same_gold, same_predicted = gold[a] == gold[b], predicted[a] == predicted[b]
        gold_pairs += same_gold
        predicted_pairs += same_predicted
        correct += same_gold and same_predicted
    precision_sum = recall_sum = 0.0
    for item in items:
        in_gold, in_predicted = gold_members[gold[item]], predicted_members[predicted[item]]
        overlap = len(in_gold & in_predicted)
        precision_sum += overlap / len(in_predicted)
        recall_sum += overlap / len(in_gold)
    pair_p, pair_r = _ratio(correct, predicted_pairs), _ratio(correct, gold_pairs)
    b3_p, b3_r = _ratio_f(precision_sum, len(items)), _ratio_f(recall_sum, len(items))
    return ClusterScores(
        items=len(items),
        gold_pairs=gold_pairs,
        predicted_pairs=predicted_pairs,
        correct_pairs=correct,
        pair_precision=pair_p,
        pair_recall=pair_r,
        pair_f1=_f1(pair_p, pair_r),
        bcubed_precision=b3_p,
        bcubed_recall=b3_r,
        bcubed_f1=_f1(b3_p, b3_r),
    )


def score_pairs_across(
    gold: Mapping[GoldItem, Hashable], predicted: Mapping[GoldItem, Hashable]
) -> PairScores:
    """Pairwise scores over the pairs of items from different articles only.

    The link stage groups a claim only with claims of other articles, so pairs within
    one article measure the extractor's article-level view, not linking.
    """
    items = [item for item in gold if item in predicted]
    gold_pairs = predicted_pairs = correct = 0
    for a, b in combinations(items, 2):
        if a[0] == b[0]:
            continue
        same_gold, same_predicted = gold[a] == gold[b], predicted[a] == predicted[b]
        gold_pairs += same_gold
        predicted_pairs += same_predicted
        correct += same_gold and same_predicted
    precision, recall = _ratio(correct, predicted_pairs), _ratio(correct, gold_pairs)
    return PairScores(
        gold_pairs, predicted_pairs, correct, precision, recall, _f1(precision, recall)
    )


def _ratio_f(total: float, count: int) -> float:
    return total / count if count else 0.0


def load_gold(path: str | Path = DEFAULT_GOLD) -> CrossdocGold:
    """Read the gold file.

    Raises:
        ConfigError: when the file is missing or not in the gold format.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))

        def clusters(key: str, items: str) -> tuple[GoldCluster, ...]:
            return tuple(
                GoldCluster(
                    c["id"],
                    c["split"],
                    tuple((i["url"], int(i["start"]), int(i["end"])) for i in c[items]),
                    c.get("name", ""),
                )
                for c in data[key]
            )

        return CrossdocGold(
            tuple(data["articles"]), clusters("people", "mentions"), clusters("claims", "quotes")
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigError(f"cannot read the cross-document gold {str(path)!r}: {error}") from None


def load_articles(urls: Iterable[str], data: str | Path = DEFAULT_DATA) -> list[dict[str, str]]:
    """The Wikinews rows of the given URLs, oldest first (the order they are ingested in).

    Raises:
        ConfigError: when the Wikinews files are absent or a URL is not in them.
    """
    files = sorted((Path(data) / "wikinews").glob("*.csv"))
    if not files:
        raise ConfigError(f"no Wikinews CSV files under {str(Path(data) / 'wikinews')!r}")
    wanted = set(urls)
    csv.field_size_limit(1 << 30)
    rows = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as stream:
            rows += [row for row in csv.DictReader(stream) if row.get("url") in wanted]
    missing = wanted - {row["url"] for row in rows}
    if missing:
        raise ConfigError(f"{len(missing)} gold URLs not in {str(data)!r}, e.g. {min(missing)!r}")
    return sorted(rows, key=lambda row: (row.get("date", ""), row["url"]))


def build_store(rows: Sequence[dict[str, str]], db: str | Path, tagger: str = "auto") -> None:
    """Ingest the rows (as one CSV file, like ``onrecord ingest``) into a SQLite store."""
    from onrecord.api import default_pipeline
    from onrecord.batch import ingest_paths
    from onrecord.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "crossdoc.csv"
        with table.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=["url", "date", "title", "text"])
            writer.writeheader()
            writer.writerows({key: row[key] for key in writer.fieldnames} for row in rows)
        with open_store(db) as store:
            ingest_paths([str(table)], store, pipeline=default_pipeline(tagger))


@dataclass(frozen=True)
class StoredLinks:
    """What the store says about the gold articles, keyed for matching."""

    articles: dict[str, Article]
    persons: dict[tuple[str, str], str]
    groups: dict[tuple[str, int], str]
    embeddings: dict[tuple[str, int], np.ndarray]


def read_links(db: str | Path, urls: Iterable[str]) -> StoredLinks:
    """Read the stored articles (by URL), their person links and claim groups."""
    from onrecord.store import open_store

    articles: dict[str, Article] = {}
    with open_store(db) as store:
        with sqlite3.connect(str(db)) as connection:
            ids = dict(connection.execute("SELECT url, id FROM articles").fetchall())
            persons = {
                (a, e): p
                for a, e, p in connection.execute(
                    "SELECT article_id, entity_id, person_id FROM person_mentions"
                )
            }
            claims = connection.execute("SELECT article_id, n, group_id, embedding FROM claims")
            groups, embeddings = {}, {}
            for article_id, n, group, embedding in claims:
                groups[(article_id, n)] = group
                embeddings[(article_id, n)] = _decode(embedding)
        for url in urls:
            article = store.get(ids[url]) if url in ids else None
            if article is not None:
                articles[url] = article
    return StoredLinks(articles, persons, groups, embeddings)


def _decode(text: str) -> np.ndarray:
    import base64

    return np.frombuffer(base64.b64decode(text), dtype=np.float32)


def _overlap(start: int, end: int, other_start: int, other_end: int) -> int:
    return max(0, min(end, other_end) - max(start, other_start))


def match_person(links: StoredLinks, item: GoldItem) -> str | None:
    """The stored person of the entity whose mention overlaps the gold mention."""
    url, start, end = item
    article = links.articles.get(url)
    if article is None:
        return None
    best, best_overlap = None, 0
    for entity in article.entities:
        for mention in entity.mentions:
            overlap = _overlap(start, end, mention.start, mention.end)
            person = links.persons.get((article.id, entity.id))
            if overlap > best_overlap and person is not None:
                best, best_overlap = person, overlap
    return best


def match_claim(links: StoredLinks, item: GoldItem) -> tuple[str, int] | None:
    """The ``(article_id, n)`` of the stored claim whose content overlaps the gold quote most."""
    url, start, end = item
    article = links.articles.get(url)
    if article is None:
        return None
    best, best_overlap = None, 0
    for n, quote in enumerate(article.quotes, start=1):
        overlap = sum(_overlap(start, end, span.start, span.end) for span in quote.content)
        if overlap > best_overlap and (article.id, n) in links.groups:
            best, best_overlap = (article.id, n), overlap
    return best


def _in_split(clusters: Iterable[GoldCluster], split: Split) -> list[GoldCluster]:
    return [c for c in clusters if split == "all" or c.split == split]


def gold_labels(clusters: Iterable[GoldCluster]) -> dict[GoldItem, str]:
    """Gold item → its cluster id."""
    return {item: cluster.id for cluster in clusters for item in cluster.items}


def evaluate_crossdoc(
    gold: CrossdocGold, links: StoredLinks, split: Split = "dev"
) -> CrossdocReport:
    """Score the stored links against the gold clusters of one split."""
    people, claims = _in_split(gold.people, split), _in_split(gold.claims, split)
    person_gold, claim_gold = gold_labels(people), gold_labels(claims)
    person_predicted = {
        item: person for item in person_gold if (person := match_person(links, item)) is not None
    }
    claim_keys = {item: key for item in claim_gold if (key := match_claim(links, item))}
    claim_predicted = {item: links.groups[key] for item, key in claim_keys.items()}
    missed = {
        "people": [_show(i, person_gold) for i in person_gold if i not in person_predicted],
        "claims": [_show(i, claim_gold) for i in claim_gold if i not in claim_predicted],
    }
    urls = {url for url, _, _ in (*person_gold, *claim_gold)}
    return CrossdocReport(
        split=split,
        articles=len(urls),
        identity=score_clusters(person_gold, person_predicted),
        claims=score_clusters(claim_gold, claim_predicted),
        identity_missed=len(missed["people"]),
        identity_total=len(person_gold),
        claims_missed=len(missed["claims"]),
        claims_total=len(claim_gold),
        claims_across=score_pairs_across(claim_gold, claim_predicted),
        missed=missed,
    )


def _show(item: GoldItem, labels: Mapping[GoldItem, str]) -> str:
    url, start, end = item
    return f"{labels[item]} {url.rsplit('/', 1)[-1]}@{start}-{end}"


def run_crossdoc(
    gold_path: str | Path = DEFAULT_GOLD,
    *,
    data: str | Path = DEFAULT_DATA,
    split: Split = "dev",
    tagger: str = "auto",
    db: str | Path | None = None,
    thresholds: Sequence[float] = (),
) -> CrossdocReport:
    """Ingest the gold articles with linking on and score identity and claim grouping.

    Args:
        gold_path: the gold file.
        data: the folder holding ``wikinews/*.csv`` (``../shared/data``).
        split: ``dev``, ``train`` or ``all`` clusters.
        tagger: the attribution tagger mode of the pipeline.
        db: a SQLite file to build (or reuse, when it exists); default: a throwaway one.
        thresholds: claim-similarity thresholds to replay grouping at (see
            :func:`threshold_table`).

    Returns:
        The report.

    Raises:
        ConfigError: when the gold or the Wikinews data cannot be read.
    """
    if split not in ("dev", "train", "all"):
        raise ConfigError(f"split must be one of ['all', 'dev', 'train'], got {split!r}")
    gold = load_gold(gold_path)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(db) if db is not None else Path(folder) / "crossdoc.db"
        if not target.exists():
            build_store(load_articles(gold.articles, data), target, tagger)
        links = read_links(target, gold.articles)
    report = evaluate_crossdoc(gold, links, split)
    report.thresholds = threshold_table(gold, links, thresholds, split)
    return report


def format_report(report: CrossdocReport) -> str:
    """The report as a small table."""
    lines = [
        f"cross-document linking, {report.split} split (items from {report.articles} articles)",
        f"{'':<10}{'items':>6}{'pair P':>8}{'pair R':>8}{'pair F1':>8}"
        f"{'B3 P':>8}{'B3 R':>8}{'B3 F1':>8}  not extracted",
    ]
    for label, scores, missed, total in (
        ("identity", report.identity, report.identity_missed, report.identity_total),
        ("claims", report.claims, report.claims_missed, report.claims_total),
    ):
        lines.append(
            f"{label:<10}{scores.items:>6}{scores.pair_precision:>8.3f}{scores.pair_recall:>8.3f}"
            f"{scores.pair_f1:>8.3f}{scores.bcubed_precision:>8.3f}{scores.bcubed_recall:>8.3f}"
            f"{scores.bcubed_f1:>8.3f}  {missed}/{total}"
        )
    across = report.claims_across
    if across is not None:
        lines.append(
            f"{'  across':<10}{'':>6}{across.precision:>8.3f}{across.recall:>8.3f}"
            f"{across.f1:>8.3f}{'':>24}  claim pairs across articles only"
        )
    lines.append(
        f"pairs (gold/predicted/correct): identity {report.identity.gold_pairs}/"
        f"{report.identity.predicted_pairs}/{report.identity.correct_pairs}, claims "
        f"{report.claims.gold_pairs}/{report.claims.predicted_pairs}/{report.claims.correct_pairs}"
        + (
            f" (across articles {across.gold_pairs}/{across.predicted_pairs}"
            f"/{across.correct_pairs})"
            if across is not None
            else ""
        )
    )
    return "\n".join(lines)


def report_dict(report: CrossdocReport) -> dict[str, Any]:
    """The report as plain data (for ``--format json``)."""
    from dataclasses import asdict

    return asdict(report)


def threshold_table(
    gold: CrossdocGold, links: StoredLinks, thresholds: Sequence[float], split: Split = "train"
) -> list[tuple[float, ClusterScores, PairScores]]:
    """Claim-grouping scores for other thresholds, from the stored embeddings.

    Replays the online rule of the link stage (in ingest order, a claim joins the group
    of its most similar earlier claim of another article when the cosine is at least
    the threshold) over all stored claims, without the hash index, then scores the
    gold claims of the split.
    """
    claim_gold = gold_labels(_in_split(gold.claims, split))
    keys = {item: key for item in claim_gold if (key := match_claim(links, item))}
    order = {article.id: i for i, article in enumerate(links.articles.values())}
    claims = sorted(links.embeddings, key=lambda key: (order.get(key[0], len(order)), key[1]))
    vectors = np.stack([links.embeddings[key] for key in claims]) if claims else np.zeros((0, 1))
    table = []
    for threshold in thresholds:
        groups: dict[tuple[str, int], str] = {}
        for i, key in enumerate(claims):
            scores = vectors[:i] @ vectors[i] if i else np.zeros(0)
            other = [j for j in range(i) if claims[j][0] != key[0]]
            best = max(other, key=lambda j: scores[j], default=None)
            if best is not None and scores[best] >= threshold:
                groups[key] = groups[claims[best]]
            else:
                groups[key] = f"{key[0]}:{key[1]}"
        predicted = {item: groups[key] for item, key in keys.items()}
        table.append(
            (
                threshold,
                score_clusters(claim_gold, predicted),
                score_pairs_across(claim_gold, predicted),
            )
        )
    return table


def parse_thresholds(text: str | None) -> list[float]:
    """Read ``"0.6,0.7"`` into thresholds.

    Raises:
        ConfigError: when a value is not a number between 0 and 1.
    """
    if not text:
        return []
    try:
        values = [float(value) for value in text.split(",") if value.strip()]
    except ValueError:
        raise ConfigError(f"--thresholds must be numbers like 0.6,0.7, got {text!r}") from None
    if not all(0.0 <= value <= 1.0 for value in values):
        raise ConfigError(f"thresholds must lie between 0 and 1, got {text!r}")
    return values


def format_thresholds(report: CrossdocReport) -> str:
    """The threshold replay as a small table."""
    lines = [
        f"claim grouping replayed at other thresholds ({report.split} split, no hash index)",
        f"{'threshold':<10}{'pair P':>8}{'pair R':>8}{'pair F1':>8}{'B3 P':>8}{'B3 R':>8}"
        f"{'B3 F1':>8}{'across P':>10}{'across R':>10}{'across F1':>10}",
    ]
    for threshold, s, a in report.thresholds:
        lines.append(
            f"{threshold:<10.2f}{s.pair_precision:>8.3f}{s.pair_recall:>8.3f}{s.pair_f1:>8.3f}"
            f"{s.bcubed_precision:>8.3f}{s.bcubed_recall:>8.3f}{s.bcubed_f1:>8.3f}"
            f"{a.precision:>10.3f}{a.recall:>10.3f}{a.f1:>10.3f}"
        )
    return "\n".join(lines)
