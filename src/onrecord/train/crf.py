"""A linear-chain CRF over words, trained with the span tagger (``--crf``).

The tagger decodes words (each read at its first wordpiece) with a BIO-constrained Viterbi
pass; the CRF learns, per role, the transition scores that pass adds
(``tagger.Transitions``). Its emissions are the heads' log-probabilities, so the CRF
loss is added to the wordpiece cross-entropy rather than replacing it, and a model
trained with it decodes like one trained without.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from onrecord.extraction.attribution.tagger import LABELS, Encoded, word_starts

_O, _B, _I = 0, 1, 2
_FORBIDDEN = -1e4  # O -> I, as in the decoder


def window_words(
    windows: Sequence[tuple[Encoded, np.ndarray, int, int]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The words of each window of a batch: where they start, and their gold labels.

    A window may open inside a word; its first wordpiece then counts as a word start.
    A gold span that starts inside a word labels that word's first piece O and the next
    word I; such an I after O is read as B, the label the decoder could give it.

    Args:
        windows: Per window, the text's wordpieces, their labels ``[n, roles]`` and the
            window's ``start`` and ``end`` wordpiece.

    Returns:
        ``positions`` int64 ``[batch, words]`` (wordpiece index in the model input, after
        [CLS]), ``tags`` int64 ``[batch, words, roles]`` and ``mask`` bool
        ``[batch, words]``.
    """
    chosen = []
    for encoded, labels, start, end in windows:
        piece = slice(start, end)
        local = word_starts(
            Encoded(encoded.ids[piece], encoded.offsets[piece], encoded.word_ids[piece])
        )
        tags = labels[start:end][local].copy()
        after_o = np.zeros_like(tags, dtype=bool)
        after_o[1:] = tags[:-1] == _O
        tags[(tags == _I) & after_o] = _B
        chosen.append((local + 1, tags))
    width = max((len(local) for local, _ in chosen), default=0)
    roles = windows[0][1].shape[1] if windows else 0
    positions = np.zeros((len(chosen), width), dtype=np.int64)
    tags = np.zeros((len(chosen), width, roles), dtype=np.int64)
    mask = np.zeros((len(chosen), width), dtype=bool)
    for row, (local, window_tags) in enumerate(chosen):
        positions[row, : len(local)] = local
        tags[row, : len(local)] = window_tags
        mask[row, : len(local)] = True
    return positions, tags, mask


def crf_nll(emissions: Any, tags: Any, mask: Any, transitions: Any) -> Any:
    """Negative log-likelihood of gold label paths under a linear-chain CRF.

    Any label may open a window (it can start inside a span); O -> I is forbidden.

    Args:
        emissions: float ``[n, length, 3]`` (torch), per-position label scores.
        tags: int64 ``[n, length]`` gold labels.
        mask: bool ``[n, length]``, true on real positions; each row's are a prefix and
            hold at least one position.
        transitions: float ``[n, 3, 3]``, ``[previous, next]`` scores of each row.

    Returns:
        float ``[n]``: each row's negative log-likelihood.
    """
    import torch

    forbidden = torch.zeros(len(LABELS), len(LABELS), dtype=emissions.dtype)
    forbidden[_O, _I] = _FORBIDDEN
    transitions = transitions + forbidden
    rows = torch.arange(len(tags))
    gold = emissions[rows, 0, tags[:, 0]]
    alpha = emissions[:, 0]
    for position in range(1, emissions.shape[1]):
        live = mask[:, position]
        step = emissions[rows, position, tags[:, position]]
        step = step + transitions[rows, tags[:, position - 1], tags[:, position]]
        gold = gold + torch.where(live, step, torch.zeros_like(step))
        moved = torch.logsumexp(alpha[:, :, None] + transitions, dim=1) + emissions[:, position]
        alpha = torch.where(live[:, None], moved, alpha)
    return torch.logsumexp(alpha, dim=1) - gold
