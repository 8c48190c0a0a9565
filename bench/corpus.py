"""The news texts every benchmark reads from ../shared, and their analysis, cached.

Imported by the scripts beside it (run as ``python bench/NAME.py``, so this folder is on
``sys.path``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
CACHE = REPO / "bench" / ".cache"


def news_inputs() -> list[str]:
    """The Wikinews CSV files and PolNeAR texts (1,219 distinct articles)."""
    paths = sorted(str(p) for p in (DATA / "wikinews").glob("wikinews_*.csv"))
    paths += sorted(str(p) for p in (DATA / "polnear").glob("*/text/*.txt"))
    if not paths:
        sys.exit(f"no Wikinews or PolNeAR texts under {DATA} (../shared is needed)")
    return paths


def analysed_news(count: int, tagger: str = "auto") -> list[Any]:
    """The first ``count`` analysed articles, cached under bench/.cache/ (git-ignored)."""
    from onrecord.records import article_from_dict, article_to_dict

    cache = CACHE / f"analysed-{tagger}-{count}.jsonl"
    if cache.exists():
        lines = cache.read_text(encoding="utf-8").splitlines()
        return [article_from_dict(json.loads(line)) for line in lines]
    from onrecord.api import default_pipeline
    from onrecord.batch import analyse_inputs, only_articles

    articles = []
    for article in only_articles(analyse_inputs(news_inputs(), pipeline=default_pipeline(tagger))):
        if article.analysed:
            articles.append(article)
        if len(articles) == count:
            break
    if len(articles) < count:
        sys.exit(f"only {len(articles)} analysed articles in ../shared; asked for {count}")
    CACHE.mkdir(parents=True, exist_ok=True)
    with cache.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article_to_dict(article), ensure_ascii=False) + "\n")
    return articles
