"""Throughput of `onrecord extract` beside bare spaCy parsing of the same texts, same run.

Each phase runs in a fresh Python process (so peak memory is its own), after a warm-up
pass that loads the models; the figure to report is the ratio of articles per second.

    python bench/throughput.py [--repeat 2] [--out bench/results.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "data" / "wikinews"


def _inputs() -> list[str]:
    files = sorted(str(p) for p in WIKINEWS.glob("wikinews_*.csv"))
    if not files:
        sys.exit(f"no Wikinews CSV files under {WIKINEWS} (../shared is needed for this benchmark)")
    return files


def _articles():  # type: ignore[no-untyped-def]
    from onrecord.batch import only_articles
    from onrecord.ingest import read_inputs

    return list(only_articles(read_inputs(_inputs())))


def phase_spacy() -> dict[str, float]:
    """Bare spaCy: the same English pipeline over the same article bodies, in batches of the
    same size as onrecord's (spaCy's default of 1,000 texts a batch is slower here)."""
    from onrecord.extraction.pipeline import PipelineSettings, load_spacy

    articles = _articles()
    nlp = load_spacy()
    batch_size = PipelineSettings().batch_size
    list(nlp.pipe(a.body for a in articles[:5]))
    start = time.perf_counter()
    for _doc in nlp.pipe((a.body for a in articles), batch_size=batch_size):
        pass
    return {"seconds": time.perf_counter() - start}


def phase_onrecord(tagger: str = "auto") -> dict[str, float]:
    """The whole `onrecord extract` path: read the CSVs, analyse, serialise to JSON."""
    from onrecord.batch import analyse_inputs
    from onrecord.extraction.pipeline import Pipeline, PipelineSettings
    from onrecord.ingest import Problem

    pipeline = Pipeline(settings=PipelineSettings(tagger=tagger))  # type: ignore[arg-type]
    list(pipeline.analyse_many(_articles()[:5]))
    start = time.perf_counter()
    for item in analyse_inputs(_inputs(), pipeline=pipeline):
        if not isinstance(item, Problem):
            json.dumps(item.to_dict())
    return {"seconds": time.perf_counter() - start}


def phase_onrecord_rules() -> dict[str, float]:
    """`onrecord extract --tagger off`: the parse rules without the trained tagger."""
    return phase_onrecord(tagger="off")


def phase_onrecord_thorough() -> dict[str, float]:
    """`onrecord extract --tagger thorough`: more tagger windows, averaged."""
    return phase_onrecord(tagger="thorough")


PHASES = {
    "spacy": phase_spacy,
    "onrecord": phase_onrecord,
    "onrecord_rules": phase_onrecord_rules,
    "onrecord_thorough": phase_onrecord_thorough,
}


def _child(name: str) -> None:
    result = PHASES[name]()
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _run(name: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--phase", name], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=1, help="runs per phase; the best counts")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here too")
    args = parser.parse_args()
    if args.phase:
        _child(args.phase)
        return
    articles = _articles()
    words = sum(len(a.body.split()) for a in articles)
    report: dict[str, object] = {"articles": len(articles), "words": words}
    for name in PHASES:
        runs = [_run(name) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["seconds"])
        report[name] = {
            "seconds": round(best["seconds"], 2),
            "articles_per_s": round(len(articles) / best["seconds"], 2),
            "words_per_s": round(words / best["seconds"]),
            "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs)),
        }
    spacy_rate = report["spacy"]["articles_per_s"]  # type: ignore[index]
    for name in [name for name in PHASES if name != "spacy"]:
        rate = report[name]["articles_per_s"]  # type: ignore[index]
        report[f"ratio_{name}_to_spacy"] = round(rate / spacy_rate, 3)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
