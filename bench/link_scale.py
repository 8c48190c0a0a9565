"""How ingest time grows with the size of the record: storing and linking N articles.

Linking is the step that could grow faster than N (people, claims and stories are
matched against everything stored), so it is timed on its own. Every article is
analysed once (bench/corpus.py caches it under bench/.cache/, git-ignored). Then fresh
SQLite stores are filled with 0, 200 and 900 articles and then the same 100 probe
articles, timing ``store.add`` + linking of each. The texts are the Wikinews and
PolNeAR articles in ../shared (1,219 distinct texts, so no article is repeated).

    python bench/link_scale.py [--sizes 100 300 1000] [--out bench/link_scale.json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from corpus import REPO, analysed_news

PROBE = 100
"""The same articles are ingested last at every size: their cost per article is the
cleanest sign of growth, since the texts (and their number of claims) never change."""


def _fill(base, probe) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from onrecord.link.linker import link_article
    from onrecord.store import open_store

    def ingest(articles) -> list[float]:  # type: ignore[no-untyped-def]
        times = []
        for article in articles:
            start = time.perf_counter()
            store.add(article)
            store.save_links(article.id, link_article(article, store))
            times.append(time.perf_counter() - start)
        return times

    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "s.db") as store:
        base_times, probe_times = ingest(base), ingest(probe)
        claims = len(store.claims())
    total = base_times + probe_times
    return {
        "articles": len(total),
        "claims": claims,
        "seconds": round(sum(total), 1),
        "ms_per_article": round(1000 * sum(total) / len(total), 1),
        "ms_per_claim": round(1000 * sum(total) / max(claims, 1), 1),
        "probe_ms_per_article": round(1000 * sum(probe_times) / len(probe_times), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "link_scale.json")
    options = parser.parse_args()
    articles = analysed_news(max(options.sizes))
    from onrecord.link.embed import default_encoder

    default_encoder().encode(["warm-up"])
    probe, rest = articles[:PROBE], articles[PROBE:]
    rows = [_fill(rest[: size - PROBE], probe) for size in options.sizes]
    for row in rows:
        row["probe_cost_ratio"] = round(
            row["probe_ms_per_article"] / rows[0]["probe_ms_per_article"], 2
        )
        print(json.dumps(row), flush=True)
    options.out.write_text(json.dumps({"rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
