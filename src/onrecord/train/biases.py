"""Choose the span tagger's label biases and span threshold on a training split.

A bias is a constant added to a role's B and I log-probabilities before decoding: a
positive I bias makes spans longer, a negative B bias makes them rarer. Biases are chosen
for Viterbi decoding; the span threshold of marginal decoding (``decoding.marginal_spans``)
is then chosen on top of them, and marginal decoding is switched on only when it beats the
Viterbi path. The model runs once over the split; every candidate only decodes again
(``SpanTagger.decode``), so both grids take minutes. Needs onnxruntime only, not torch.

    onrecord train biases src/onrecord/extraction/attribution/model \\
        --data ../shared/data/polnear/train --write
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

from onrecord.evaluate.polnear import Counts, GoldDoc, score_spans
from onrecord.extraction.attribution.tagger import ROLES, SpanTagger, WordScores

B_GRID: tuple[float, ...] = (-0.6, -0.3, 0.0, 0.3)
I_GRID: tuple[float, ...] = (-0.3, 0.0, 0.3, 0.6, 0.9)
THRESHOLD_GRID: tuple[float, ...] = (0.3, 0.4, 0.5, 0.6)
# a bias (or marginal decoding) must beat none by this much exact F1 (0-1) to be kept:
# smaller gains are noise
MIN_GAIN = 0.002


@dataclass(frozen=True)
class BiasChoice:
    """The chosen (B, I) bias of one role, with exact F1 without and with it."""

    role: str
    bias: tuple[float, float]
    f1_without: float
    f1_with: float


@dataclass(frozen=True)
class ThresholdChoice:
    """The chosen span threshold (None: keep the Viterbi path) and overall exact F1 (0-1)
    of the Viterbi path and of each threshold tried."""

    threshold: float | None
    f1_viterbi: float
    f1_by_threshold: dict[float, float]


def score_all(tagger: SpanTagger, docs: Sequence[GoldDoc], batch: int = 8) -> list[WordScores]:
    """Run the model once over documents and keep the word scores.

    Args:
        tagger: The tagger whose model is scored.
        docs: Gold documents.
        batch: Documents whose windows are batched together.

    Returns:
        One ``WordScores`` per document, in order.
    """
    scored: list[WordScores] = []
    for first in range(0, len(docs), batch):
        scored.extend(tagger.word_scores([doc.text for doc in docs[first : first + batch]]))
    return scored


def exact_f1(
    tagger: SpanTagger,
    docs: Sequence[GoldDoc],
    scored: Sequence[WordScores],
    role: str,
    bias: tuple[float, float],
) -> float:
    """Exact-match F1 (0-1) of one role decoded with one bias.

    Args:
        tagger: Decodes the scores.
        docs: Gold documents.
        scored: Their word scores (``score_all``).
        role: One of ``ROLES``.
        bias: (B, I) bias of that role.

    Returns:
        Micro-averaged exact F1 over the documents.
    """
    counts = Counts()
    for doc, words in zip(docs, scored, strict=True):
        predicted = tagger.decode(words, {role: bias}, roles=(role,))[role]
        counts = counts + score_spans(doc.text, doc.spans.get(role, ()), predicted).exact
    return counts.f1


def choose_label_biases(
    tagger: SpanTagger,
    docs: Sequence[GoldDoc],
    b_grid: Sequence[float] = B_GRID,
    i_grid: Sequence[float] = I_GRID,
    scored: Sequence[WordScores] | None = None,
) -> list[BiasChoice]:
    """Pick, per role, the grid bias with the best exact F1 on the documents (Viterbi).

    Roles are decoded by separate heads and scored apart, so each is chosen alone. A bias
    is kept only when it beats no bias by ``MIN_GAIN``; among equal scores the smaller
    bias wins.

    Args:
        tagger: The tagger (its own biases and decoding are ignored).
        docs: A training split; never the split the model will be reported on.
        b_grid: Candidate B biases.
        i_grid: Candidate I biases.
        scored: The documents' word scores, when ``score_all`` has already run.

    Returns:
        One choice per role.
    """
    scored = score_all(tagger, docs) if scored is None else scored
    tagger = tagger.with_settings(decoding="viterbi")
    choices = []
    for role in ROLES:
        without = exact_f1(tagger, docs, scored, role, (0.0, 0.0))
        best, best_f1 = (0.0, 0.0), without + MIN_GAIN
        candidates = sorted(product(b_grid, i_grid), key=lambda bias: abs(bias[0]) + abs(bias[1]))
        for bias in candidates:
            if bias == (0.0, 0.0):
                continue
            f1 = exact_f1(tagger, docs, scored, role, bias)
            if f1 > best_f1:
                best, best_f1 = bias, f1
        chosen_f1 = without if best == (0.0, 0.0) else best_f1
        choices.append(BiasChoice(role, best, without, chosen_f1))
    return choices


def choose_span_threshold(
    tagger: SpanTagger,
    docs: Sequence[GoldDoc],
    label_bias: dict[str, tuple[float, float]],
    grid: Sequence[float] = THRESHOLD_GRID,
    scored: Sequence[WordScores] | None = None,
) -> ThresholdChoice:
    """Pick the span threshold of marginal decoding with the best overall exact F1.

    One threshold serves all roles. It is chosen only when it beats the Viterbi path by
    ``MIN_GAIN``; among equal scores the lower threshold wins.

    Args:
        tagger: The tagger (its own biases, threshold and decoding are ignored).
        docs: A training split; never the split the model will be reported on.
        label_bias: The biases both decodings use (``choose_label_biases``).
        grid: Candidate thresholds, each between 0 and 1.
        scored: The documents' word scores, when ``score_all`` has already run.

    Returns:
        The choice, with the F1 of every candidate.
    """
    scored = score_all(tagger, docs) if scored is None else scored

    def overall(decoder: SpanTagger, threshold: float | None = None) -> float:
        counts = Counts()
        for doc, words in zip(docs, scored, strict=True):
            found = decoder.decode(words, label_bias, span_threshold=threshold)
            for role in ROLES:
                counts = counts + score_spans(doc.text, doc.spans.get(role, ()), found[role]).exact
        return counts.f1

    viterbi = overall(tagger.with_settings(decoding="viterbi"))
    marginal = tagger.with_settings(decoding="marginal")
    by_threshold = {threshold: overall(marginal, threshold) for threshold in grid}
    best = max(sorted(by_threshold), key=lambda threshold: by_threshold[threshold])
    chosen = best if by_threshold[best] > viterbi + MIN_GAIN else None
    return ThresholdChoice(chosen, viterbi, by_threshold)


def read_config(model_dir: str | Path) -> dict[str, Any]:
    """A model folder's ``config.json``."""
    return dict(json.loads((Path(model_dir) / "config.json").read_text(encoding="utf-8")))


def write_config(model_dir: str | Path, config: dict[str, Any]) -> None:
    """Write a model folder's ``config.json`` (indented, as shipped)."""
    text = json.dumps(config, indent=2) + "\n"
    (Path(model_dir) / "config.json").write_text(text, encoding="utf-8")


def write_biases(model_dir: str | Path, choices: Sequence[BiasChoice], chosen_on: str) -> None:
    """Record the chosen biases in a model folder's ``config.json`` (``window.label_bias``).

    Args:
        model_dir: The model folder.
        choices: From ``choose_label_biases``.
        chosen_on: What they were chosen on (a data hash), recorded beside them.
    """
    config = read_config(model_dir)
    config.setdefault("window", {})["label_bias"] = {
        choice.role: {"B": choice.bias[0], "I": choice.bias[1]}
        for choice in choices
        if choice.bias != (0.0, 0.0)
    }
    config["label_bias_chosen_on"] = {
        "data": chosen_on,
        "exact_f1": {
            choice.role: {
                "without": round(100 * choice.f1_without, 2),
                "with": round(100 * choice.f1_with, 2),
            }
            for choice in choices
        },
    }
    write_config(model_dir, config)


def write_span_threshold(model_dir: str | Path, choice: ThresholdChoice, chosen_on: str) -> None:
    """Record the decoding chosen in a model folder's ``config.json`` (``window``).

    Args:
        model_dir: The model folder.
        choice: From ``choose_span_threshold``.
        chosen_on: What it was chosen on (a data hash), recorded beside it.
    """
    config = read_config(model_dir)
    window = config.setdefault("window", {})
    if choice.threshold is None:
        window["decoding"] = "viterbi"
        window.pop("span_threshold", None)
    else:
        window["decoding"] = "marginal"
        window["span_threshold"] = choice.threshold
    config["span_threshold_chosen_on"] = {
        "data": chosen_on,
        "exact_f1": {
            "viterbi": round(100 * choice.f1_viterbi, 2),
            **{str(t): round(100 * f1, 2) for t, f1 in choice.f1_by_threshold.items()},
        },
    }
    write_config(model_dir, config)


def format_threshold(choice: ThresholdChoice) -> str:
    """One line: the overall exact F1 of the Viterbi path and of each threshold."""
    tried = "  ".join(f"{t:.2f}: {100 * f1:.1f}" for t, f1 in choice.f1_by_threshold.items())
    verdict = "viterbi" if choice.threshold is None else f"marginal, {choice.threshold:.2f}"
    return f"decoding {verdict}  overall exact F1 viterbi {100 * choice.f1_viterbi:.1f}  {tried}"


def format_choices(choices: Sequence[BiasChoice]) -> str:
    """One line per role: the bias and the exact F1 without and with it."""
    return "\n".join(
        f"{choice.role:8} B {choice.bias[0]:+.1f} I {choice.bias[1]:+.1f}  exact F1 "
        f"{100 * choice.f1_without:.1f} -> {100 * choice.f1_with:.1f}"
        for choice in choices
    )


@dataclass(frozen=True)
class DecodingChoice:
    """Label biases per role, then the span threshold chosen on top of them."""

    biases: list[BiasChoice]
    threshold: ThresholdChoice


def choose_decoding(tagger: SpanTagger, docs: Sequence[GoldDoc]) -> DecodingChoice:
    """Run the model once over a split, then choose the biases and the span threshold.

    Args:
        tagger: The tagger (its own biases and decoding are ignored).
        docs: A training split; never the split the model will be reported on.

    Returns:
        Both choices.
    """
    scored = score_all(tagger, docs)
    biases = choose_label_biases(tagger, docs, scored=scored)
    chosen = {choice.role: choice.bias for choice in biases}
    return DecodingChoice(biases, choose_span_threshold(tagger, docs, chosen, scored=scored))


def write_decoding(model_dir: str | Path, choice: DecodingChoice, chosen_on: str) -> None:
    """Record both choices in a model folder's ``config.json``."""
    write_biases(model_dir, choice.biases, chosen_on)
    write_span_threshold(model_dir, choice.threshold, chosen_on)


def choose_and_write_decoding(
    model_dir: str | Path, docs: Sequence[GoldDoc], chosen_on: str
) -> DecodingChoice:
    """Choose a model folder's decoding on a training split and record it in the folder.

    Args:
        model_dir: The model folder (its own biases and decoding are ignored).
        docs: The training split's documents.
        chosen_on: What they are (a data hash), recorded beside the choice.

    Returns:
        The choice written.
    """
    chosen = choose_decoding(SpanTagger.from_dir(model_dir), docs)
    write_decoding(model_dir, chosen, chosen_on)
    return chosen


def format_decoding(choice: DecodingChoice) -> str:
    """The biases, one role a line, then the decoding."""
    return format_choices(choice.biases) + "\n" + format_threshold(choice.threshold)
