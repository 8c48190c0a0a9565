"""How ingest time grows with the size of the record: storing and linking N articles.

Linking is the step that could grow faster than N (people, claims and stories are
matched against everything stored), so it is timed on its own. Every article is
analysed once (bench/corpus.py caches it under bench/.cache/, git-ignored). Then fresh
SQLite stores are filled with the first 100, 300 and 1,000 of them, timing
``store.add`` + linking per article. The texts are the Wikinews and PolNeAR articles in
../shared (1,219 distinct texts, so no article is repeated).

    python bench/link_scale.py [--sizes 100 300 1000] [--out bench/link_scale.json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from corpus import REPO, analysed_news


def _fill(articles) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from onrecord.link.linker import link_article
    from onrecord.store import open_store

    times = []
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "s.db") as store:
        for article in articles:
            start = time.perf_counter()
            store.add(article)
            store.save_links(article.id, link_article(article, store))
            times.append(time.perf_counter() - start)
        stories = len(store.stories())
        claims = len(store.claims())
    tail = times[-min(100, len(times)) :]
    return {
        "articles": len(articles),
        "seconds": round(sum(times), 2),
        "ms_per_article": round(1000 * sum(times) / len(times), 1),
        "ms_per_article_last_100": round(1000 * sum(tail) / len(tail), 1),
        "stories": stories,
        "claims": claims,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "link_scale.json")
    options = parser.parse_args()
    start = time.perf_counter()
    articles = analysed_news(max(options.sizes))
    analyse_seconds = (time.perf_counter() - start) / len(articles)
    from onrecord.link.embed import default_encoder

    default_encoder().encode(["warm-up"])
    rows = [_fill(articles[:size]) for size in options.sizes]
    base = rows[0]["ms_per_article"]
    for row in rows:
        row["cost_ratio_vs_smallest"] = round(row["ms_per_article"] / base, 2)
        print(json.dumps(row))
    # from the cache, this is reading JSON; on a first run it is the whole analysis
    result = {"rows": rows, "load_or_analyse_ms_per_article": round(1000 * analyse_seconds, 1)}
    options.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
