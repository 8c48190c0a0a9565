"""Choose the span tagger's label biases on a training split.

A bias is a constant added to a role's B and I log-probabilities before Viterbi decoding:
a positive I bias makes spans longer, a negative B bias makes them rarer. The model runs
once over the split; every candidate bias only decodes again (``SpanTagger.decode``), so a
grid over all three roles takes minutes. Needs onnxruntime only, not torch.

    onrecord train biases src/onrecord/extraction/attribution/model \\
        --data ../shared/data/polnear/train --write
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from onrecord.evaluate.polnear import Counts, GoldDoc, score_spans
from onrecord.extraction.attribution.tagger import ROLES, SpanTagger, WordScores

B_GRID: tuple[float, ...] = (-0.6, -0.3, 0.0, 0.3)
I_GRID: tuple[float, ...] = (-0.3, 0.0, 0.3, 0.6, 0.9)
# a bias must beat none by this much exact F1 (0-1) to be kept: smaller gains are noise
MIN_GAIN = 0.002


@dataclass(frozen=True)
class BiasChoice:
    """The chosen (B, I) bias of one role, with exact F1 without and with it."""

    role: str
    bias: tuple[float, float]
    f1_without: float
    f1_with: float


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
) -> list[BiasChoice]:
    """Pick, per role, the grid bias with the best exact F1 on the documents.

    Roles are decoded by separate heads and scored apart, so each is chosen alone. A bias
    is kept only when it beats no bias by ``MIN_GAIN``; among equal scores the smaller
    bias wins.

    Args:
        tagger: The tagger (its own biases are ignored).
        docs: A training split; never the split the model will be reported on.
        b_grid: Candidate B biases.
        i_grid: Candidate I biases.

    Returns:
        One choice per role.
    """
    scored = score_all(tagger, docs)
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


def write_biases(model_dir: str | Path, choices: Sequence[BiasChoice], chosen_on: str) -> None:
    """Record the chosen biases in a model folder's ``config.json`` (``window.label_bias``).

    Args:
        model_dir: The model folder.
        choices: From ``choose_label_biases``.
        chosen_on: What they were chosen on (a data hash), recorded beside them.
    """
    path = Path(model_dir) / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
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
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def format_choices(choices: Sequence[BiasChoice]) -> str:
    """One line per role: the bias and the exact F1 without and with it."""
    return "\n".join(
        f"{choice.role:8} B {choice.bias[0]:+.1f} I {choice.bias[1]:+.1f}  exact F1 "
        f"{100 * choice.f1_without:.1f} -> {100 * choice.f1_with:.1f}"
        for choice in choices
    )
