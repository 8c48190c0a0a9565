"""Turn one role's O/B/I word scores into labels: the best path, or the likeliest spans.

The tagger scores every word O, B or I for each role; a role's labels form a linear-chain
CRF with learned transition scores (``Transitions``) and two hard rules: I follows only B
or I, and no span crosses a line break. Two readings of those scores are offered:

- ``viterbi_labels``: the single best label path;
- ``marginal_spans``: every span whose own probability under the CRF passes a threshold
  (minimum Bayes risk decoding for span F1). A span the best path holds but that the model
  gives, say, a 30% chance, because its end could as well be two words later, is left out;
  a span the best path misses but that is likely on its own is kept.

Both take log-probabilities ``[n, 3]`` (O, B, I) per word, already biased.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from onrecord.errors import ExtractionError

O, B, I = 0, 1, 2  # noqa: E741 (the label names)
N_LABELS = 3

WordSpan = tuple[int, int]  # first and last word, both included


@dataclass(frozen=True)
class Transitions:
    """A role's learned CRF transition scores over O/B/I, ``matrix[previous][next]``.

    The BIO rule (no I after O, no I first) is not part of them: the decoder adds it.
    """

    matrix: tuple[tuple[float, float, float], ...] = ((0.0,) * 3,) * 3

    @classmethod
    def from_config(cls, rows: Sequence[Sequence[float]]) -> Transitions:
        """Read the 3 × 3 scores stored in ``config.json``."""
        matrix = tuple(tuple(float(value) for value in row) for row in rows)
        if [len(row) for row in matrix] != [N_LABELS] * N_LABELS:
            raise ExtractionError(f"transitions must be 3 × 3 scores, not {rows!r}")
        return cls(matrix)  # type: ignore[arg-type]


@dataclass(frozen=True)
class SpanChances:
    """What the CRF says about one role's spans in one text.

    ``spans`` holds ``(first, last, probability)`` for every span (word indices, both
    included) whose probability passed the floor it was computed with; ``starts`` holds,
    per word, the probability that a span begins there (whatever its end).
    """

    spans: list[tuple[int, int, float]]
    starts: np.ndarray


def _transition_matrix(learned: Transitions | None) -> np.ndarray:
    transition = np.zeros((N_LABELS, N_LABELS), dtype=np.float64)
    if learned is not None:
        transition += np.asarray(learned.matrix, dtype=np.float64)
    transition[O, I] = -np.inf
    return transition


def _allowed(log_probs: np.ndarray, starts_anew: np.ndarray | None) -> np.ndarray:
    """The scores with I ruled out first and after every line break."""
    scores = np.asarray(log_probs, dtype=np.float64).copy()
    if len(scores):
        scores[0, I] = -np.inf
    if starts_anew is not None:
        scores[np.asarray(starts_anew, dtype=bool), I] = -np.inf
    return scores


def viterbi_labels(
    log_probs: np.ndarray,
    starts_anew: np.ndarray | None = None,
    learned: Transitions | None = None,
) -> np.ndarray:
    """Best O/B/I path in which I only follows B or I.

    Args:
        log_probs: ``[n, 3]`` O/B/I log-probabilities.
        starts_anew: optional booleans ``[n]``; where true, the label cannot be I (the
            position follows a line break, which no span crosses).
        learned: optional CRF transition scores added to the path.

    Returns:
        One label per position.
    """
    n = len(log_probs)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    transition = _transition_matrix(learned)
    scores = _allowed(log_probs, starts_anew)
    score = scores[0]
    back = np.zeros((n, N_LABELS), dtype=np.int64)
    for position in range(1, n):
        candidates = score[:, None] + transition
        back[position] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + scores[position]
    labels = np.zeros(n, dtype=np.int64)
    labels[-1] = int(score.argmax())
    for position in range(n - 1, 0, -1):
        labels[position - 1] = back[position, labels[position]]
    return labels


def argmax_labels(log_probs: np.ndarray) -> np.ndarray:
    """Each position's likeliest label alone (an I after O later starts a span)."""
    return np.asarray(log_probs).argmax(axis=-1)


def _logsumexp(values: np.ndarray, axis: int) -> np.ndarray:
    top = values.max(axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return np.squeeze(top, axis) + np.log(np.exp(values - top).sum(axis=axis))


def _forward_backward(
    scores: np.ndarray, transition: np.ndarray
) -> tuple[np.ndarray, np.ndarray, float]:
    """Log forward and backward scores ``[n, 3]`` and the log total of all paths.

    The passes run on probabilities rescaled at each word (three numbers a step are far
    cheaper without logarithms); the scales are folded back into logarithms at the end.
    """
    n = len(scores)
    steps = np.exp(transition)
    emissions = np.exp(scores)
    forward = np.empty((n, N_LABELS))
    scales = np.empty(n)
    current = emissions[0]
    for position in range(n):
        if position:
            current = (current @ steps) * emissions[position]
        scales[position] = current.sum()
        current = current / scales[position]
        forward[position] = current
    backward = np.empty((n, N_LABELS))
    current = np.ones(N_LABELS)
    backward[-1] = current
    for position in range(n - 2, -1, -1):
        current = steps @ (emissions[position + 1] * current) / scales[position + 1]
        backward[position] = current
    logs = np.cumsum(np.log(scales))
    with np.errstate(divide="ignore"):
        log_forward = np.log(forward) + logs[:, None]
        log_backward = np.log(backward) + (logs[-1] - logs)[:, None]
    return log_forward, log_backward, float(logs[-1])


def span_chances(
    log_probs: np.ndarray,
    starts_anew: np.ndarray | None = None,
    learned: Transitions | None = None,
    floor: float = 0.1,
    start_floor: float | None = None,
) -> SpanChances:
    """The probability of each likely span and of each span start (forward-backward).

    A span from word ``first`` to ``last`` means B at ``first``, I up to ``last`` and no I
    right after; its probability sums every label path that holds it.

    Args:
        log_probs: ``[n, 3]`` O/B/I log-probabilities.
        starts_anew: optional booleans ``[n]``: no I there (after a line break).
        learned: optional CRF transition scores.
        floor: spans less likely than this are not listed.
        start_floor: nor are spans starting on a word less likely than this to begin one
            (``floor`` when not given; a span is never likelier than its start).

    Returns:
        The listed spans and every word's start probability.
    """
    n = len(log_probs)
    if n == 0:
        return SpanChances([], np.zeros(0))
    transition = _transition_matrix(learned)
    scores = _allowed(log_probs, starts_anew)
    forward, backward, total = _forward_backward(scores, transition)
    starts = np.exp(forward[:, B] + backward[:, B] - total)
    # leaving[k, s]: the score of everything after word k, given label s at k and no I at k+1
    leaving = np.zeros((n, N_LABELS))
    after = scores[1:, :I] + backward[1:, :I]
    for label in (B, I):
        leaving[:-1, label] = _logsumexp(transition[label, :I][None, :] + after, 1)
    # running[k]: the summed I scores (emission and I -> I step) of words before k
    inside = np.where(np.isfinite(scores[:, I]), scores[:, I], 0.0) + transition[I, I]
    running = np.concatenate(([0.0], np.cumsum(inside)))
    breaks = [k for k in range(1, n) if starts_anew is not None and starts_anew[k]]
    spans = []
    first_floor = floor if start_floor is None else start_floor
    for first in (int(word) for word in np.nonzero(starts > first_floor)[0]):
        # a span runs at most to the word before the next line break
        stop = breaks[bisect.bisect_right(breaks, first)] if breaks and breaks[-1] > first else n
        lasts = np.arange(first + 1, stop)
        grown = transition[B, I] - transition[I, I] + running[lasts + 1] - running[first + 1]
        chances = np.exp(
            np.concatenate(([leaving[first, B]], grown + leaving[lasts, I]))
            + forward[first, B]
            - total
        )
        for offset in np.nonzero(chances > floor)[0]:
            spans.append((first, first + int(offset), float(chances[offset])))
    return SpanChances(spans, starts)


def choose_spans(spans: Sequence[tuple[int, int, float]], threshold: float) -> list[WordSpan]:
    """The non-overlapping spans above ``threshold`` with the most probability above it.

    Two overlapping spans cannot both hold, so their probabilities sum to at most 1: above a
    threshold of 0.5 at most one of them is listed; below it, the one (or the set) that
    gains most over the threshold wins (weighted interval scheduling).

    Args:
        spans: ``(first, last, probability)``, as ``span_chances`` lists them.
        threshold: the least probability of a kept span.

    Returns:
        ``(first, last)`` word spans in text order.
    """
    kept = sorted((s for s in spans if s[2] > threshold), key=lambda s: (s[1], s[0]))
    lasts = [last for _, last, _ in kept]
    best = [0.0] * (len(kept) + 1)
    took: list[int | None] = [None] * (len(kept) + 1)
    for index, (first, _, chance) in enumerate(kept):
        # the spans ending before this one starts can stand beside it
        before = bisect.bisect_left(lasts, first, 0, index)
        with_it = best[before] + chance - threshold
        best[index + 1], took[index + 1] = (
            (with_it, before) if with_it > best[index] else (best[index], None)
        )
    chosen = []
    index = len(kept)
    while index > 0:
        taken = took[index]
        if taken is None:
            index -= 1
        else:
            chosen.append(kept[index - 1][:2])
            index = taken
    return sorted(chosen)


@dataclass(frozen=True)
class MarginalReading:
    """One role's spans as marginal decoding reads them (word spans, text order).

    ``kept``: the spans likelier than the threshold. ``starts``: the words likelier than
    the threshold to begin a span, whether or not a reading of its end was kept.
    ``unsure``: for each such start that no kept span covers, its likeliest reading when
    that one is likelier than ``UNSURE_FLOOR`` and overlaps no kept span nor an earlier
    such reading (the model knows a span starts there but not where it ends).
    """

    kept: list[WordSpan]
    starts: list[int]
    unsure: list[WordSpan]


# the least probability of an unsure reading (``MarginalReading.unsure``)
UNSURE_FLOOR = 0.3


def marginal_spans(
    log_probs: np.ndarray,
    starts_anew: np.ndarray | None = None,
    learned: Transitions | None = None,
    threshold: float = 0.4,
) -> MarginalReading:
    """The spans likelier than ``threshold``, their likely starts, and unsure readings.

    Args:
        log_probs: ``[n, 3]`` O/B/I log-probabilities.
        starts_anew: optional booleans ``[n]``: no I there (after a line break).
        learned: optional CRF transition scores.
        threshold: the least probability of a kept span or start.

    Returns:
        The reading (``MarginalReading``).
    """
    floor = min(threshold, UNSURE_FLOOR)
    chances = span_chances(log_probs, starts_anew, learned, floor=floor, start_floor=threshold)
    kept = choose_spans(chances.spans, threshold)
    best: dict[int, tuple[int, int, float]] = {}
    for span in chances.spans:
        if span[2] > best.get(span[0], (0, 0, -1.0))[2]:
            best[span[0]] = span
    unsure: list[WordSpan] = []
    for first, last, chance in sorted(best.values()):
        overlapping = any(a <= last and first <= b for a, b in (*kept, *unsure))
        if chance > UNSURE_FLOOR and not overlapping:
            unsure.append((first, last))
    starts = [int(word) for word in np.nonzero(chances.starts > threshold)[0]]
    return MarginalReading(kept, starts, unsure)


def spans_to_labels(n: int, spans: Sequence[WordSpan]) -> np.ndarray:
    """O/B/I labels of ``n`` words holding the given non-overlapping word spans."""
    labels = np.full(n, O, dtype=np.int64)
    for first, last in spans:
        labels[first] = B
        labels[first + 1 : last + 1] = I
    return labels
