"""Read the PolNeAR attribution corpus and score predicted Source, Cue and Content spans.

Notes:
    PolNeAR: Newell, Margolin & Ruths, "An Attribution Relations Corpus for Political News",
    LREC 2018. The scoring conventions (exact match after trimming white space, quote marks
    and punctuation; overlap match) follow Wang et al., COLING 2022, so that figures compare
    with BERT-CRF and BERT-CofeNet.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from onrecord.errors import InputError

logger = logging.getLogger(__name__)

ROLES: tuple[str, ...] = ("source", "cue", "content")

CharSpan = tuple[int, int]
Prediction = Mapping[str, Sequence[CharSpan]]

# brat entity types of PolNeAR and the role each one feeds; Content2 is a second content piece
_BRAT_ROLES = {"Source": "source", "Cue": "cue", "Content": "content", "Content2": "content"}

# characters stripped from both ends of a span before an exact comparison
_TRIM_CHARS = frozenset(
    " \t\n\r\f\v\u00a0\u2009\u200a\u202f"
    "\"'`\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb\u2039\u203a"
    ".,;:!?\u2026-\u2013\u2014()[]{}"
)


@dataclass(frozen=True)
class GoldDoc:
    """One PolNeAR article: its text and the gold character spans of each role."""

    name: str
    text: str
    spans: dict[str, tuple[CharSpan, ...]]


@dataclass(frozen=True)
class Counts:
    """Matched pairs, predicted and gold span counts; they add up over documents and roles."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold
        )

    @property
    def precision(self) -> float:
        """Share of predicted spans that match a gold span (0.0 when nothing was predicted)."""
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of gold spans that a predicted span matches (0.0 when there is no gold)."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class Scores:
    """Exact-match and overlap-match counts of one role (or of all roles together)."""

    exact: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.exact + other.exact, self.overlap + other.overlap)


@dataclass(frozen=True)
class EvalReport:
    """Scores per role plus ``"overall"``, and how fast the predictor ran."""

    scores: dict[str, Scores]
    documents: int
    seconds: float | None
    """None when the predictions were read, not made (``score_extract_output``)."""

    @property
    def articles_per_second(self) -> float:
        """Documents predicted per second of wall-clock time."""
        return self.documents / self.seconds if self.seconds else 0.0


def parse_brat(ann: str) -> dict[str, tuple[CharSpan, ...]]:
    """Read the Source, Cue and Content spans of one brat standoff file.

    Each piece of a discontinuous span ("start end;start end") becomes a span of its own;
    Content2 counts as content. Other entity types (Attribution, Discuss, Discard), events
    and notes are ignored, as are lines that cannot be parsed.

    Args:
        ann: The text of a ``.ann`` file.

    Returns:
        For each role of ``ROLES``, its distinct spans in text order.
    """
    found: dict[str, set[CharSpan]] = {role: set() for role in ROLES}
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        entity_type, _, ranges = parts[1].partition(" ")
        role = _BRAT_ROLES.get(entity_type)
        if role is None:
            continue
        try:
            pieces = [tuple(int(x) for x in piece.split()) for piece in ranges.split(";")]
        except ValueError:
            logger.debug("skipping unreadable brat line %r", line)
            continue
        for piece in pieces:
            if len(piece) == 2 and piece[0] < piece[1]:
                found[role].add((piece[0], piece[1]))
    return {role: tuple(sorted(spans)) for role, spans in found.items()}


def load_polnear(directory: str | Path) -> list[GoldDoc]:
    """Load one PolNeAR split: ``text/NAME.txt`` plus ``attributions/NAME_ANNOTATOR.ann``.

    Where an article has several annotators, the first ``.ann`` file in sorted order is used.

    Args:
        directory: A split folder such as ``../shared/data/polnear/dev``.

    Returns:
        The split's documents, sorted by name.

    Raises:
        InputError: If ``directory`` has no ``text`` or ``attributions`` folder.
    """
    return [
        GoldDoc(name=name, text=text, spans=readings[0])
        for name, text, readings in _annotated_articles(directory)
    ]


def _annotated_articles(
    directory: str | Path,
) -> list[tuple[str, str, list[dict[str, tuple[CharSpan, ...]]]]]:
    """Each article of a split with its text and every annotator's spans, first one first.

    Args:
        directory: A split folder.

    Returns:
        ``(name, text, readings)`` per article with a text, sorted by name; ``readings`` holds
        one ``parse_brat`` result per ``.ann`` file, in sorted file order.

    Raises:
        InputError: If ``directory`` has no ``text`` or ``attributions`` folder.
    """
    root = Path(directory)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(f"not a PolNeAR split (needs text/ and attributions/): {str(root)!r}")
    ann_files: dict[str, list[Path]] = {}
    for ann_path in sorted(ann_dir.glob("*.ann")):
        ann_files.setdefault(ann_path.stem.rsplit("_", 1)[0], []).append(ann_path)
    articles = []
    for name, paths in sorted(ann_files.items()):
        text_path = text_dir / f"{name}.txt"
        if not text_path.is_file():
            logger.debug("no text for %s; skipped", paths[0].name)
            continue
        readings = [parse_brat(path.read_text(encoding="utf-8")) for path in paths]
        articles.append((name, text_path.read_text(encoding="utf-8"), readings))
    return articles


def annotator_agreement(directory: str | Path) -> EvalReport:
    """Score every further annotator of an article against its first, as if it were a system.

    The first ``.ann`` file in sorted order is the gold that ``load_polnear`` and the
    evaluation use, so this is how a second person would score under the same definitions:
    a human reference for the extractor's figures. Articles with one annotator are left out.

    Args:
        directory: A split folder.

    Returns:
        Scores per role and overall; ``documents`` counts the (article, further annotator)
        pairs, and ``seconds`` is None.
    """
    docs: list[GoldDoc] = []
    others: list[Prediction] = []
    for name, text, readings in _annotated_articles(directory):
        for other in readings[1:]:
            docs.append(GoldDoc(name=name, text=text, spans=readings[0]))
            others.append(other)
    return EvalReport(scores=score_corpus(docs, others), documents=len(docs), seconds=None)


def hash_split(directory: str | Path) -> str:
    """Hash a PolNeAR split as loaded: document names, texts and gold spans.

    Args:
        directory: A split folder.

    Returns:
        ``sha256:`` and 16 hex digits.
    """
    digest = hashlib.sha256()
    for doc in load_polnear(directory):
        digest.update(doc.name.encode())
        digest.update(doc.text.encode())
        digest.update(json.dumps(doc.spans, sort_keys=True).encode())
    return "sha256:" + digest.hexdigest()[:16]


def trim_span(text: str, start: int, end: int) -> CharSpan:
    """Shrink a span past surrounding white space, quote marks and punctuation.

    Args:
        text: The document text.
        start: Span start (character offset).
        end: Span end (exclusive).

    Returns:
        The trimmed ``(start, end)``; ``start == end`` if nothing is left.
    """
    start, end = max(start, 0), min(end, len(text))
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    return start, end


def _shared_characters(text: str, first: CharSpan, second: CharSpan) -> int:
    """Count the non-space characters that two spans have in common."""
    start, end = max(first[0], second[0]), min(first[1], second[1])
    if start >= end:
        return 0
    return sum(1 for char in text[start:end] if not char.isspace())


def _match_greedily(text: str, gold: Sequence[CharSpan], predicted: Sequence[CharSpan]) -> int:
    """Pair gold and predicted spans one-to-one, largest shared stretch first; count pairs."""
    pairs = []
    for gold_index, gold_span in enumerate(gold):
        for predicted_index, predicted_span in enumerate(predicted):
            shared = _shared_characters(text, gold_span, predicted_span)
            if shared:
                pairs.append((-shared, gold_index, predicted_index))
    pairs.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, gold_index, predicted_index in pairs:
        if gold_index in used_gold or predicted_index in used_predicted:
            continue
        used_gold.add(gold_index)
        used_predicted.add(predicted_index)
    return len(used_gold)


def score_spans(text: str, gold: Iterable[CharSpan], predicted: Iterable[CharSpan]) -> Scores:
    """Score the predicted spans of one role in one document against the gold spans.

    Both sides are trimmed (``trim_span``) and deduplicated first; spans with nothing left
    are dropped. Exact match: equal trimmed boundaries. Overlap match: at least one shared
    non-space character, each span used at most once (greedy one-to-one matching).

    Args:
        text: The document text.
        gold: Gold ``(start, end)`` spans of the role.
        predicted: Predicted ``(start, end)`` spans of the role.

    Returns:
        Counts for exact and overlap matching.
    """
    gold_set = sorted({span for span in (trim_span(text, *s) for s in gold) if span[0] < span[1]})
    predicted_set = sorted(
        {span for span in (trim_span(text, *s) for s in predicted) if span[0] < span[1]}
    )
    exact = len(set(gold_set) & set(predicted_set))
    overlap = _match_greedily(text, gold_set, predicted_set)
    return Scores(
        exact=Counts(exact, len(predicted_set), len(gold_set)),
        overlap=Counts(overlap, len(predicted_set), len(gold_set)),
    )


def score_document(doc: GoldDoc, predicted: Prediction) -> dict[str, Scores]:
    """Score one document, role by role.

    Args:
        doc: The gold document.
        predicted: Predicted spans per role; missing roles count as empty.

    Returns:
        Scores for each role of ``ROLES``.
    """
    return {
        role: score_spans(doc.text, doc.spans.get(role, ()), predicted.get(role, ()))
        for role in ROLES
    }


def score_corpus(docs: Sequence[GoldDoc], predictions: Sequence[Prediction]) -> dict[str, Scores]:
    """Micro-average the scores of many documents; adds an ``"overall"`` entry (all roles).

    Args:
        docs: Gold documents.
        predictions: One prediction per document, in the same order.

    Returns:
        Scores for each role and ``"overall"``.
    """
    totals = {role: Scores() for role in ROLES}
    for doc, predicted in zip(docs, predictions, strict=True):
        for role, scores in score_document(doc, predicted).items():
            totals[role] = totals[role] + scores
    overall = Scores()
    for role in ROLES:
        overall = overall + totals[role]
    totals["overall"] = overall
    return totals


def evaluate_polnear(
    directory: str | Path | Sequence[GoldDoc], predict: Callable[[str], Prediction]
) -> EvalReport:
    """Run a predictor over a PolNeAR split and score it.

    Args:
        directory: A split folder, or documents already loaded with ``load_polnear``.
        predict: Maps an article text to ``{"source": [(start, end), ...], "cue": ...,
            "content": ...}``.

    Returns:
        The scores per role and overall, with the predictor's speed.
    """
    docs = load_polnear(directory) if isinstance(directory, str | Path) else list(directory)
    started = time.perf_counter()
    predictions = [predict(doc.text) for doc in docs]
    seconds = time.perf_counter() - started
    return EvalReport(scores=score_corpus(docs, predictions), documents=len(docs), seconds=seconds)


def format_report(report: EvalReport, unit: str = "articles") -> str:
    """Render a report as a plain-text table (percentages, one row per role).

    Args:
        report: The result of ``evaluate_polnear`` (or ``annotator_agreement``).
        unit: What ``report.documents`` counts.

    Returns:
        The table, followed by a line with the document count and speed.
    """
    header = (
        f"{'role':<9} {'exact P':>8} {'exact R':>8} {'exact F1':>8}"
        f" {'ovl P':>8} {'ovl R':>8} {'ovl F1':>8} {'gold':>6} {'pred':>6}"
    )
    lines = [header, "-" * len(header)]
    for role, scores in report.scores.items():
        exact, overlap = scores.exact, scores.overlap
        lines.append(
            f"{role:<9} {100 * exact.precision:8.1f} {100 * exact.recall:8.1f}"
            f" {100 * exact.f1:8.1f} {100 * overlap.precision:8.1f}"
            f" {100 * overlap.recall:8.1f} {100 * overlap.f1:8.1f}"
            f" {exact.gold:6d} {exact.predicted:6d}"
        )
    if report.seconds is None:
        lines.append(f"{report.documents} {unit}")
    else:
        lines.append(
            f"{report.documents} articles in {report.seconds:.1f} s"
            f" ({report.articles_per_second:.1f} articles/s)"
        )
    return "\n".join(lines)


def tagger_predictor(model_dir: str | Path | None = None) -> Callable[[str], Prediction]:
    """The statistical span tagger as a ``predict`` function for ``evaluate_polnear``.

    Args:
        model_dir: A model folder; the shipped model by default.

    Returns:
        A function from article text to spans per role.
    """
    from onrecord.extraction.attribution.tagger import SpanTagger, default_tagger

    tagger = default_tagger() if model_dir is None else SpanTagger.from_dir(model_dir)
    return tagger.tag


def main(argv: Sequence[str] | None = None) -> int:
    """Score the span tagger on a PolNeAR split: ``python -m onrecord.evaluate.polnear DIR``.

    Args:
        argv: ``DIR [--model MODEL_DIR]``; ``sys.argv[1:]`` by default.

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(description="Score the attribution tagger on PolNeAR.")
    parser.add_argument("directory", help="a PolNeAR split folder (text/, attributions/)")
    parser.add_argument("--model", default=None, help="model folder (default: shipped model)")
    args = parser.parse_args(argv)
    report = evaluate_polnear(args.directory, tagger_predictor(args.model))
    sys.stdout.write(format_report(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
