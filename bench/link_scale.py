"""How ingest time grows with the size of the record: storing and linking N articles.

Linking is the step that could grow faster than N (people, claims and stories are
matched against everything stored), so it is timed on its own, over articles analysed
once (bench/corpus.py caches them under bench/.cache/, git-ignored). The texts are the
Wikinews and PolNeAR articles in ../shared (1,219 distinct texts: none is repeated).

Two measurements, in one run:

1. **Ingest curve.** One SQLite store is filled with 1,000 articles, timing
   ``store.add`` + linking + saving each; the cumulative time after 100, 300 and 1,000
   articles is the curve the issue asks for.
2. **Probe ratio.** Copies of that store are kept at 0, 200 and 900 articles (the
   probes are the 100 articles ingested last). Each probe article is then linked
   against every copy in turn (read-only: nothing is saved), so a slower moment of a
   shared machine slows all sizes alike; the mean cost per size, divided by the cost
   against the empty copy, is the sign of growth. The sentence encoder's share is timed
   apart: it is the same at every size.

    python bench/link_scale.py [--out bench/link_scale.json]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import REPO, analysed_news

PROBES = 100
SNAPSHOTS = (0, 200, 900)
"""Stored articles at which a copy is kept for probing: 100, 300 and 1,000 with the probes."""
CURVE = (100, 300, 1000)


class TimedEncoder:
    """The packaged sentence encoder, with the seconds spent in it counted."""

    def __init__(self) -> None:
        from onrecord.link.embed import default_encoder

        self.encoder = default_encoder()
        self.seconds = 0.0

    def encode(self, texts: Any) -> Any:
        start = time.perf_counter()
        try:
            return self.encoder.encode(texts)
        finally:
            self.seconds += time.perf_counter() - start


def _copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)


def _fill(folder: Path, base: list[Any], probes: list[Any]) -> tuple[dict[int, float], int]:
    """Ingest base then probes into one store; copies at SNAPSHOTS; cumulative times."""
    from onrecord.link.linker import link_article
    from onrecord.store import open_store

    curve: dict[int, float] = {}
    elapsed = 0.0
    live = folder / "live.db"
    with open_store(live) as store:
        for count, article in enumerate([*base, *probes]):
            if count in SNAPSHOTS:
                _copy(live, folder / f"at-{count}.db")
            start = time.perf_counter()
            store.add(article)
            store.save_links(article.id, link_article(article, store))
            elapsed += time.perf_counter() - start
            if count + 1 in CURVE:
                curve[count + 1] = elapsed
                print(f"ingested {count + 1}: {elapsed:.1f} s", flush=True)
        claims = len(store.claims())
    return curve, claims


def _probe(folder: Path, probes: list[Any]) -> dict[int, dict[str, float]]:
    """Link every probe article against each copy in turn; mean ms per size."""
    from onrecord.link.linker import link_article
    from onrecord.store import open_store

    encoder = TimedEncoder()
    stores = {size: open_store(folder / f"at-{size}.db") for size in SNAPSHOTS}
    spent = {size: [0.0, 0.0] for size in SNAPSHOTS}  # total, encoder
    try:
        for article in probes:
            for size, store in stores.items():
                encoder.seconds = 0.0
                start = time.perf_counter()
                link_article(article, store, encoder)  # type: ignore[arg-type]
                spent[size][0] += time.perf_counter() - start
                spent[size][1] += encoder.seconds
    finally:
        for store in stores.values():
            store.close()
    return {
        size: {
            "link_ms": 1000 * total / len(probes),
            "encoder_ms": 1000 * encoded / len(probes),
            "index_ms": 1000 * (total - encoded) / len(probes),
        }
        for size, (total, encoded) in spent.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "link_scale.json")
    options = parser.parse_args()
    articles = analysed_news(max(CURVE))
    from onrecord.link.embed import default_encoder

    default_encoder().encode(["warm-up"])
    probes, base = articles[:PROBES], articles[PROBES:]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        curve, claims = _fill(folder, base[: max(SNAPSHOTS)], probes)
        probed = _probe(folder, probes)
    base_cost = probed[0]
    result = {
        "claims": claims,
        "curve": [
            {
                "articles": count,
                "seconds": round(seconds, 1),
                "ms_per_article": round(1000 * seconds / count, 1),
            }
            for count, seconds in sorted(curve.items())
        ],
        "probe": [
            {
                "stored_articles": size,
                **{key: round(value, 1) for key, value in cost.items()},
                "link_ratio": round(cost["link_ms"] / base_cost["link_ms"], 2),
            }
            for size, cost in sorted(probed.items())
        ],
    }
    print(json.dumps(result, indent=2))
    options.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
