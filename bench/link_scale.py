"""How ingest time grows with the size of the record: storing and linking N articles.

Linking is the step that could grow faster than N (people, claims and stories are
matched against everything stored), so it is timed on its own: every article is
analysed once (cached under bench/.cache/, git-ignored), then fresh SQLite stores are
filled with the first 100, 300 and 1,000 of them, timing ``store.add`` + linking per
article. Analysis time per article is reported beside it for scale. The texts are the
Wikinews and PolNeAR articles in ../shared (1,219 distinct texts, so no article is
repeated).

    python bench/link_scale.py [--sizes 100 300 1000] [--out bench/link_scale.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
CACHE = REPO / "bench" / ".cache" / "analysed.jsonl"


def _inputs() -> list[str]:
    paths = sorted(str(p) for p in (DATA / "wikinews").glob("wikinews_*.csv"))
    paths += sorted(str(p) for p in (DATA / "polnear").glob("*/text/*.txt"))
    if not paths:
        sys.exit(f"no Wikinews or PolNeAR texts under {DATA} (../shared is needed)")
    return paths


def _analysed(count: int):  # type: ignore[no-untyped-def]
    """The first ``count`` analysed articles, from the cache or analysed now."""
    from onrecord.api import default_pipeline
    from onrecord.batch import analyse_inputs, only_articles
    from onrecord.records import article_from_dict, article_to_dict

    cached = []
    if CACHE.exists():
        lines = CACHE.read_text(encoding="utf-8").splitlines()
        cached = [article_from_dict(json.loads(line)) for line in lines]
    if len(cached) >= count:
        return cached[:count], None
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    articles = []
    for article in only_articles(analyse_inputs(_inputs(), pipeline=default_pipeline())):
        if article.analysed:
            articles.append(article)
        if len(articles) == count:
            break
    seconds = time.perf_counter() - start
    with CACHE.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article_to_dict(article), ensure_ascii=False) + "\n")
    return articles, seconds / len(articles)


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
    articles, analyse_seconds = _analysed(max(options.sizes))
    from onrecord.link.embed import default_encoder

    default_encoder().encode(["warm-up"])
    rows = [_fill(articles[:size]) for size in options.sizes]
    base = rows[0]["ms_per_article"]
    for row in rows:
        row["cost_ratio_vs_smallest"] = round(row["ms_per_article"] / base, 2)
        print(json.dumps(row))
    result = {"rows": rows, "analyse_ms_per_article": analyse_seconds and 1000 * analyse_seconds}
    options.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
