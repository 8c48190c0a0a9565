"""Decoding a role's O/B/I word scores: the best path, and span probabilities checked
against a brute-force sum over every label path."""

from __future__ import annotations

from itertools import product

import numpy as np
import pytest

from onrecord.extraction.attribution.decoding import (
    B,
    I,
    O,
    Transitions,
    choose_spans,
    marginal_spans,
    span_chances,
    spans_to_labels,
    viterbi_labels,
)

LEARNED = Transitions(((0.1, -0.4, 0.0), (-0.3, 0.2, 0.5), (0.3, -0.2, 0.4)))


def _paths(log_probs, starts_anew, learned):  # type: ignore[no-untyped-def]
    """Every allowed label path with its probability (I never after O, first or anew)."""
    n = len(log_probs)
    matrix = np.asarray(learned.matrix)
    found = []
    for path in product((O, B, I), repeat=n):
        if path[0] == I or any(
            path[k] == I and (path[k - 1] == O or starts_anew[k]) for k in range(1, n)
        ):
            continue
        score = sum(log_probs[k, label] for k, label in enumerate(path))
        score += sum(matrix[path[k - 1], path[k]] for k in range(1, n))
        found.append((path, np.exp(score)))
    total = sum(weight for _, weight in found)
    return [(path, weight / total) for path, weight in found]


def _spans_of(path):  # type: ignore[no-untyped-def]
    spans, first = set(), None
    for k, label in enumerate((*path, O)):
        if first is not None and label != I:
            spans.add((first, k - 1))
            first = None
        if label == B:
            first = k
    return spans


def test_span_and_start_probabilities_match_a_sum_over_all_paths() -> None:
    rng = np.random.default_rng(7)
    logits = rng.normal(size=(7, 3)) * 1.5
    log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    starts_anew = np.array([False, False, False, False, True, False, False])
    chances = span_chances(log_probs, starts_anew, LEARNED, floor=0.0)
    expected: dict[tuple[int, int], float] = {}
    expected_starts = np.zeros(7)
    for path, chance in _paths(log_probs, starts_anew, LEARNED):
        for span in _spans_of(path):
            expected[span] = expected.get(span, 0.0) + chance
            expected_starts[span[0]] += chance
    listed = {(first, last): chance for first, last, chance in chances.spans}
    assert set(listed) == set(expected)
    for span, chance in expected.items():
        assert listed[span] == pytest.approx(chance, abs=1e-9)
    np.testing.assert_allclose(chances.starts, expected_starts, atol=1e-9)
    # no listed span crosses the line break before word 4
    assert all(not (first < 4 <= last) for first, last in listed)


def test_a_span_with_an_unsure_end_is_dropped_though_the_best_path_holds_it() -> None:
    # "said | the talks | went | well": the span surely starts at word 1 but may end at
    # word 2, 3 or 4 with about the same chance
    probs = np.array(
        [[0.98, 0.01, 0.01], [0.02, 0.97, 0.01], [0.3, 0.01, 0.69], [0.35, 0.01, 0.64],
         [0.5, 0.01, 0.49]]
    )  # fmt: skip
    log_probs = np.log(probs)
    assert viterbi_labels(log_probs).tolist() == [O, B, I, I, O]
    reading = marginal_spans(log_probs, threshold=0.4)
    assert reading.kept == []
    # where the span starts is sure all the same, and its likeliest reading is kept apart
    # when it passes the floor of unsure readings (0.3)
    assert reading.starts == [1]
    chances = {(a, b): p for a, b, p in span_chances(log_probs, floor=0.0).spans}
    assert 0.3 < chances[(1, 3)] < 0.4
    assert chances[(1, 3)] == max(p for (a, _), p in chances.items() if a == 1)
    assert reading.unsure == [(1, 3)]
    # a sure end keeps it
    probs[2:, :] = [[0.01, 0.01, 0.98], [0.01, 0.01, 0.98], [0.98, 0.01, 0.01]]
    sure = marginal_spans(np.log(probs), threshold=0.4)
    assert (sure.kept, sure.unsure) == ([(1, 3)], [])


def test_choose_spans_keeps_the_best_set_that_does_not_overlap() -> None:
    spans = [(0, 4, 0.45), (0, 1, 0.42), (3, 4, 0.44), (6, 6, 0.9), (7, 8, 0.2)]
    # 0.02 + 0.04 over the threshold beats 0.05 for the long span
    assert choose_spans(spans, 0.4) == [(0, 1), (3, 4), (6, 6)]
    assert choose_spans(spans, 0.43) == [(0, 4), (6, 6)]
    assert choose_spans(spans, 0.95) == []


def test_spans_to_labels_starts_each_span_with_b() -> None:
    assert spans_to_labels(6, [(0, 1), (2, 2), (4, 5)]).tolist() == [B, I, B, O, B, I]


def test_empty_input_gives_nothing() -> None:
    empty = np.zeros((0, 3))
    assert viterbi_labels(empty).tolist() == []
    reading = marginal_spans(empty)
    assert reading.kept == reading.starts == reading.unsure == []


def test_viterbi_never_puts_i_after_o() -> None:
    log_probs = np.log(
        np.array([[0.9, 0.05, 0.05], [0.4, 0.1, 0.5], [0.2, 0.1, 0.7]], dtype=np.float32)
    )
    # argmax would say O I I; the best allowed path is O O O (0.072 against O B I's 0.063)
    assert log_probs.argmax(axis=-1).tolist() == [0, 2, 2]
    assert viterbi_labels(log_probs).tolist() == [0, 0, 0]


def test_viterbi_starts_anew_after_a_line_break() -> None:
    log_probs = np.log(np.array([[0.1, 0.8, 0.1], [0.1, 0.2, 0.7]], dtype=np.float32))
    assert viterbi_labels(log_probs).tolist() == [1, 2]
    # no span crosses a line break: the second word may begin a span, not continue one
    assert viterbi_labels(log_probs, np.array([False, True])).tolist() == [1, 1]


def test_viterbi_adds_learned_transitions_but_keeps_the_bio_rule() -> None:
    log_probs = np.log(np.array([[0.1, 0.8, 0.1], [0.1, 0.2, 0.7]], dtype=np.float32))
    # a high cost of B -> I ends the span after one word; the next word then starts one
    costly = Transitions(((0.0, 0.0, 0.0), (0.0, 0.0, -5.0), (0.0, 0.0, 0.0)))
    assert viterbi_labels(log_probs, learned=costly).tolist() == [1, 1]
    # a reward for O -> I cannot make I follow O
    rewarded = Transitions(((0.0, 0.0, 50.0), (-50.0, -50.0, -50.0), (0.0, 0.0, 0.0)))
    assert viterbi_labels(log_probs, learned=rewarded).tolist() == [0, 1]
