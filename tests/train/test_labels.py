"""Training targets of the span tagger, from gold character spans (no torch needed)."""

from __future__ import annotations

import numpy as np
import pytest

from onrecord.errors import ConfigError
from onrecord.extraction.attribution.tagger import MODEL_DIR, encode_text, load_tokenizer
from onrecord.train.attribution import TrainSettings, label_tokens, span_ends

_O, _B, _I = 0, 1, 2


def test_span_ends_mark_each_spans_last_word_only() -> None:
    labels = np.array([[_O], [_B], [_I], [_I], [_O], [_B], [_B], [_I]])
    word_ids = np.array([-1, 0, 1, 1, 2, 3, 4, 5])
    ends = span_ends(labels, word_ids)
    # Pieces 2-3 are one word, so both end the first span; piece 5 is a one-word span
    # right before another span, which ends at the text's last piece.
    assert ends[:, 0].tolist() == [0, 0, 1, 1, 0, 1, 0, 1]
    assert ends.dtype == np.float32


def test_span_ends_do_not_spread_outside_the_span() -> None:
    # A span that ends at the first piece of a two-piece word (it started inside it).
    labels = np.array([[_B], [_O]])
    word_ids = np.array([0, 0])
    assert span_ends(labels, word_ids)[:, 0].tolist() == [1, 0]
    # Piece 0 of a word outside the span, piece 1 inside and last.
    labels = np.array([[_O], [_B]])
    assert span_ends(labels, word_ids)[:, 0].tolist() == [0, 1]


def test_end_targets_of_a_real_sentence_fall_on_the_content_end() -> None:
    text = 'He said the talks were "unproductive" on Friday.'
    tokenizer = load_tokenizer(MODEL_DIR / "tokenizer.json")
    encoded = encode_text(tokenizer, text)
    start = text.index("the talks")
    end = text.index(" on Friday")
    labels = label_tokens(encoded, {"content": [(start, end)]})
    ends = span_ends(labels, encoded.word_ids)
    column = 2  # content
    pieces = zip(encoded.offsets, ends[:, column], strict=True)
    assert [text[a:b] for (a, b), flag in pieces if flag] == ['"']
    assert labels[:, column].tolist().count(_B) == 1


def test_train_settings_refuse_an_inference_stride_longer_than_a_window() -> None:
    # windows of 62 wordpieces every 192 would leave most of a text unread when scoring
    with pytest.raises(ConfigError, match=r"window_size - 2 \(62\), not 192"):
        TrainSettings(window_size=64)
    assert TrainSettings(window_size=64, inference_stride=48).inference_stride == 48
    assert TrainSettings().inference_stride == 192


def test_train_settings_want_a_teacher_and_a_distill_weight_together() -> None:
    with pytest.raises(ConfigError, match="teacher"):
        TrainSettings(teacher="some/model")
    with pytest.raises(ConfigError, match="teacher"):
        TrainSettings(distill_weight=1.0)
    assert TrainSettings(teacher="some/model", distill_weight=0.5).distill_weight == 0.5


def test_teacher_targets_are_the_thorough_reading_at_word_starts() -> None:
    from onrecord.evaluate.polnear import GoldDoc
    from onrecord.extraction.attribution.tagger import SpanTagger, default_tagger
    from onrecord.train.attribution import teacher_targets

    texts = [
        "Peskov told reporters that the talks were unproductive, RIA Novosti reported.",
        "Nothing here.",
    ]
    teacher: SpanTagger = default_tagger()
    targets = teacher_targets(teacher, [GoldDoc(f"doc{i}", t, {}) for i, t in enumerate(texts)])
    expected = teacher.thorough().word_scores(texts)
    assert len(targets) == 2
    for soft, scored in zip(targets, expected, strict=True):
        assert soft.shape == (len(scored.encoded.ids), 3, 3)
        starts = ~np.isnan(soft[:, 0, 0])
        # Word starts carry the thorough log-probabilities; later pieces of a word none.
        assert np.flatnonzero(starts).tolist() == scored.firsts.tolist()
        assert np.array_equal(soft[starts], scored.log_probs)
        assert np.allclose(np.exp(soft[starts]).sum(axis=-1), 1.0, atol=1e-4)
    # "Novosti" is more than one wordpiece, so some pieces are not word starts.
    assert np.isnan(targets[0][:, 0, 0]).any()
