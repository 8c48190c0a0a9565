"""The CRF loss of `onrecord.train.crf` against brute force, and its word labels (needs torch)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tests.train import require_train_extra

require_train_extra("torch")
import torch  # noqa: E402

from onrecord.extraction.attribution.tagger import Encoded  # noqa: E402
from onrecord.train.crf import crf_nll, window_words  # noqa: E402

_O, _B, _I = 0, 1, 2


def _path_score(emissions: np.ndarray, path: tuple[int, ...], matrix: np.ndarray) -> float:
    score = emissions[0, path[0]]
    for position in range(1, len(path)):
        score += matrix[path[position - 1], path[position]] + emissions[position, path[position]]
    return float(score)


def test_nll_matches_a_sum_over_every_legal_path() -> None:
    rng = np.random.default_rng(3)
    emissions = rng.normal(size=(2, 4, 3)).astype(np.float32)
    matrix = rng.normal(size=(3, 3)).astype(np.float32)
    tags = np.array([[_B, _I, _O, _B], [_I, _O, _B, _O]])
    mask = np.array([[True] * 4, [True, True, True, False]])
    nll = crf_nll(
        torch.from_numpy(emissions),
        torch.from_numpy(tags),
        torch.from_numpy(mask),
        torch.from_numpy(np.stack([matrix, matrix])),
    )
    for row, length in enumerate(mask.sum(axis=1)):
        legal = [
            path
            for path in itertools.product(range(3), repeat=int(length))
            if all(not (a == _O and b == _I) for a, b in itertools.pairwise(path))
        ]
        scores = [_path_score(emissions[row], path, matrix) for path in legal]
        gold = _path_score(emissions[row], tuple(tags[row, :length]), matrix)
        expected = np.logaddexp.reduce(scores) - gold
        assert nll[row].item() == pytest.approx(expected, abs=1e-4)


def test_window_words_reads_first_pieces_and_mends_i_after_o() -> None:
    # words: 0 0 1 2 2 3 (two split words); a span starts inside word 2
    encoded = Encoded(
        ids=np.arange(6), offsets=np.zeros((6, 2), np.int64), word_ids=np.array([0, 0, 1, 2, 2, 3])
    )
    labels = np.array([[_O], [_O], [_O], [_O], [_B], [_I]])
    positions, tags, mask = window_words([(encoded, labels, 1, 6), (encoded, labels, 0, 2)])
    # window 1..6 opens inside word 0: its first piece counts as a word start
    assert positions[0].tolist() == [1, 2, 3, 5]
    assert tags[0, :, 0].tolist() == [_O, _O, _O, _B]
    assert mask.tolist() == [[True] * 4, [True, False, False, False]]
    assert positions[1, :1].tolist() == [1]
