"""A smoke run of `onrecord train attribution` on the hand-made brat split (needs torch).

The `train` extra (torch, transformers, onnx) is not part of `make install`, so without it
these tests are skipped, unless ``ONRECORD_REQUIRE_TRAIN=1`` (CI, which installs the extra),
which turns the skip into an error. They check that a run writes a shippable model folder,
that weight averaging is scored, that the biases are recorded, that a run with CRF
transitions (the default) stores them where decoding reads them, and that a teacher's
reading is learned.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.train import require_train_extra

require_train_extra("torch", "transformers", "onnx")

from onrecord.extraction.attribution.tagger import SpanTagger  # noqa: E402
from onrecord.train.attribution import _WeightMean, main  # noqa: E402
from tests.evaluate.test_polnear import TEXT, write_split  # noqa: E402

pytestmark = pytest.mark.slow


def test_weight_mean_averages_floats_and_keeps_integer_buffers() -> None:
    import torch

    mean = _WeightMean()
    mean.add({"w": torch.tensor([1.0, 3.0]), "ids": torch.tensor([0, 1])})
    mean.add({"w": torch.tensor([3.0, 5.0]), "ids": torch.tensor([0, 1])})
    averaged = mean.mean()
    assert mean.count == 2
    assert averaged["w"].tolist() == [2.0, 4.0]
    assert averaged["ids"].tolist() == [0, 1]


def test_a_tiny_run_writes_a_model_that_tags(tmp_path: Path) -> None:
    split = write_split(tmp_path / "split")
    out = tmp_path / "run"
    argv = ["--train", str(split), "--dev", str(split), "--out", str(out)]
    argv += ["--epochs", "2", "--average-last", "2", "--window", "64", "--batch-size", "2"]
    argv += ["--no-crf"]
    assert main(argv) == 0
    history = json.loads((out / "history.json").read_text(encoding="utf-8"))
    assert [entry["epoch"] for entry in history] == [1, 2, "mean of the last 2"]
    config = json.loads((out / "model" / "config.json").read_text(encoding="utf-8"))
    assert config["training"]["average_last"] == 2
    assert config["window"]["transitions"] == {}
    assert config["epoch"] in (1, 2, "mean of the last 2")
    assert "label_bias_chosen_on" in config and "dev_int8" in config
    assert "span_threshold_chosen_on" in config
    spans = SpanTagger.from_dir(out / "model").tag(TEXT)
    assert {"source", "cue", "content"} <= set(spans)


def test_a_crf_run_records_transitions_that_decoding_reads(tmp_path: Path) -> None:
    split = write_split(tmp_path / "split")
    out = tmp_path / "run"
    argv = ["--train", str(split), "--dev", str(split), "--out", str(out)]
    argv += ["--epochs", "1", "--window", "64", "--batch-size", "2"]
    assert main(argv) == 0
    config = json.loads((out / "model" / "config.json").read_text(encoding="utf-8"))
    assert config["training"]["crf"] is True
    matrices = config["window"]["transitions"]
    assert set(matrices) == {"source", "cue", "content"}
    assert all([len(row) for row in matrix] == [3, 3, 3] for matrix in matrices.values())
    assert any(value != 0.0 for matrix in matrices.values() for row in matrix for value in row)
    tagger = SpanTagger.from_dir(out / "model")
    assert tagger.settings.transitions["cue"].matrix == tuple(map(tuple, matrices["cue"]))
    assert set(tagger.tag(TEXT)) == {"source", "cue", "content"}


def test_dropout_reaches_the_encoder_and_must_be_a_rate() -> None:
    from onrecord.errors import ConfigError
    from onrecord.train.attribution import TrainSettings, _build_model

    model = _build_model(0.25)
    assert model.encoder.config.hidden_dropout_prob == 0.25
    assert model.encoder.config.attention_probs_dropout_prob == 0.25
    assert model.dropout.p == 0.25
    with pytest.raises(ConfigError, match="dropout"):
        TrainSettings(dropout=1.0)


def test_the_boundary_head_leaves_the_other_weights_as_they_were() -> None:
    import torch

    from onrecord.train.attribution import _build_model

    torch.manual_seed(5)
    plain = _build_model(0.1, crf=True)
    after_plain = torch.rand(1)
    torch.manual_seed(5)
    with_ends = _build_model(0.1, crf=True, boundary=True)
    assert torch.equal(torch.rand(1), after_plain)
    assert torch.equal(plain.heads.weight, with_ends.heads.weight)
    assert plain.ends is None and with_ends.ends is not None


def test_a_boundary_run_exports_the_tagging_heads_only(tmp_path: Path) -> None:
    import onnx

    split = write_split(tmp_path / "split")
    out = tmp_path / "run"
    argv = ["--train", str(split), "--dev", str(split), "--out", str(out)]
    argv += ["--epochs", "1", "--window", "64", "--batch-size", "2", "--boundary-weight", "1"]
    assert main(argv) == 0
    config = json.loads((out / "model" / "config.json").read_text(encoding="utf-8"))
    assert config["training"]["boundary_weight"] == 1.0
    graph = onnx.load(str(out / "model" / "tagger.onnx")).graph
    assert [output.name for output in graph.output] == ["logits"]
    assert {"source", "cue", "content"} <= set(SpanTagger.from_dir(out / "model").tag(TEXT))


def test_the_distill_loss_is_zero_at_the_teacher_and_grows_away_from_it() -> None:
    import numpy as np
    import torch

    from onrecord.train.attribution import _distill_loss, _Example

    rng = np.random.default_rng(3)
    logits = torch.from_numpy(rng.normal(size=(1, 6, 3, 3)).astype(np.float32))
    soft = torch.log_softmax(logits, dim=-1).numpy()[0, 1:5].copy()
    soft[2] = np.nan  # a piece inside a word: not taught
    example = _Example(None, np.zeros((4, 3), np.int64), np.zeros((4, 3), np.float32), soft)
    batch = [(0, 0, 4)]  # the whole text in one window, after [CLS]
    assert float(_distill_loss(logits, [example], batch)) == pytest.approx(0.0, abs=1e-6)
    moved = logits.clone()
    moved[0, 1] += torch.tensor([2.0, -1.0, 0.0])
    assert float(_distill_loss(moved, [example], batch)) > 0.01
    # The untaught piece does not count, whatever its logits.
    moved = logits.clone()
    moved[0, 3] += 5.0 * torch.arange(3.0)
    assert float(_distill_loss(moved, [example], batch)) == pytest.approx(0.0, abs=1e-6)


def test_a_run_with_a_teacher_records_it(tmp_path: Path) -> None:
    from onrecord.extraction.attribution.tagger import MODEL_DIR

    split = write_split(tmp_path / "split")
    out = tmp_path / "run"
    argv = ["--train", str(split), "--dev", str(split), "--out", str(out)]
    argv += ["--epochs", "1", "--window", "64", "--batch-size", "2", "--teacher", str(MODEL_DIR)]
    assert main(argv) == 0
    config = json.loads((out / "model" / "config.json").read_text(encoding="utf-8"))
    assert config["training"]["teacher"] == str(MODEL_DIR)
    assert config["training"]["distill_weight"] == 1.0
    assert {"source", "cue", "content"} <= set(SpanTagger.from_dir(out / "model").tag(TEXT))
