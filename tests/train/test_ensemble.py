import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.errors import ConfigError, ExtractionError
from onrecord.evaluate.polnear import hash_split
from onrecord.extraction.attribution.tagger import (
    MODEL_DIR,
    ROLES,
    SpanTagger,
    _log_softmax,
    _mean_of_models,
)
from onrecord.train.ensemble import combine_models
from tests.evaluate.test_polnear import write_split

pytestmark = pytest.mark.slow

TEXT = (
    "Kremlin spokesman Dmitry Peskov said the talks went well. "
    "Lukashenko denied that he and Putin discussed a merger, according to RIA Novosti.\n\n"
    '"We are not in a hurry," he told reporters on Thursday.'
)


def _copy_model(tmp_path: Path, name: str) -> Path:
    """A single-model folder: the shipped model's first member, alone."""
    folder = tmp_path / name
    folder.mkdir()
    for file in ("tagger.onnx", "tokenizer.json"):
        shutil.copyfile(MODEL_DIR / file, folder / file)
    config = json.loads((MODEL_DIR / "config.json").read_text())
    config.pop("members", None)
    (folder / "config.json").write_text(json.dumps(config))
    return folder


def test_an_ensemble_of_one_model_twice_reads_as_that_model(tmp_path: Path) -> None:
    first, second = _copy_model(tmp_path, "a"), _copy_model(tmp_path, "b")
    config = combine_models([first, second], tmp_path / "joined")
    assert config["members"] == ["tagger.onnx", "tagger-2.onnx"]
    assert [member["from"] for member in config["ensemble"]] == [str(first), str(second)]
    assert "label_bias" not in config["window"] and "span_threshold" not in config["window"]
    single = SpanTagger.from_dir(first, threads=1)
    assert config["window"]["transitions"] == single.config["window"]["transitions"]
    joined = SpanTagger.from_dir(tmp_path / "joined", threads=1)
    # read with the single model's decoding, the mean of a model and itself is the model
    joined = joined.with_settings(
        decoding=single.settings.decoding,
        span_threshold=single.settings.span_threshold,
        label_bias=single.settings.label_bias,
    )
    (alone,) = single.word_scores([TEXT])
    (mean,) = joined.word_scores([TEXT])
    np.testing.assert_allclose(mean.log_probs, alone.log_probs, atol=1e-5)
    assert joined.tag(TEXT) == single.tag(TEXT)


def test_the_ensemble_averages_log_probabilities_not_logits() -> None:
    first = np.array([[[[2.0, 0.0, -1.0]]]], dtype=np.float32)
    second = np.array([[[[0.0, 3.0, 0.0]]]], dtype=np.float32)
    ids = np.zeros((1, 1), dtype=np.int64)
    runs = [lambda *_: first, lambda *_: second]
    joined = _mean_of_models(runs)(ids, ids)
    np.testing.assert_allclose(joined, (_log_softmax(first) + _log_softmax(second)) / 2)


def test_models_that_do_not_fit_together_are_refused(tmp_path: Path) -> None:
    first, second = _copy_model(tmp_path, "a"), _copy_model(tmp_path, "b")
    with pytest.raises(ConfigError, match="at least two"):
        combine_models([first], tmp_path / "joined")
    config = json.loads((second / "config.json").read_text())
    config["window"]["size"] = 128
    (second / "config.json").write_text(json.dumps(config))
    with pytest.raises(ConfigError, match=r"window\.size"):
        combine_models([first, second], tmp_path / "joined")
    (second / "tokenizer.json").write_text("{}")
    with pytest.raises(ConfigError, match="another tokenizer"):
        combine_models([first, second], tmp_path / "joined")
    (second / "config.json").write_text("{not json")
    with pytest.raises(ConfigError, match="not JSON"):
        combine_models([first, second], tmp_path / "joined")
    (second / "tagger.onnx").unlink()
    with pytest.raises(ConfigError, match="lacks tagger.onnx"):
        combine_models([first, second], tmp_path / "joined")
    assert not (tmp_path / "joined").exists()


def test_an_ensemble_is_not_a_member(tmp_path: Path) -> None:
    first = _copy_model(tmp_path, "a")
    combine_models([first, first], tmp_path / "joined")
    with pytest.raises(ConfigError, match="ensemble already"):
        combine_models([first, tmp_path / "joined"], tmp_path / "again")


def test_a_member_file_missing_from_an_ensemble_is_named(tmp_path: Path) -> None:
    first = _copy_model(tmp_path, "a")
    combine_models([first, first], tmp_path / "joined")
    (tmp_path / "joined" / "tagger-2.onnx").unlink()
    with pytest.raises(ExtractionError, match="tagger-2.onnx"):
        SpanTagger.from_dir(tmp_path / "joined")


def test_cli_joins_models_and_chooses_their_decoding(tmp_path: Path) -> None:
    split_dir = write_split(tmp_path / "split")
    first, second = _copy_model(tmp_path, "a"), _copy_model(tmp_path, "b")
    out = tmp_path / "joined"
    result = CliRunner().invoke(
        app,
        ["train", "ensemble", str(first), str(second), "--out", str(out), "--data", str(split_dir)],
    )
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.output.splitlines()] == [*ROLES, "decoding"]
    config = json.loads((out / "config.json").read_text())
    assert config["members"] == ["tagger.onnx", "tagger-2.onnx"]
    assert config["label_bias_chosen_on"]["data"] == hash_split(split_dir)
    assert config["window"]["decoding"] in {"marginal", "viterbi"}
    assert SpanTagger.from_dir(out).tag(TEXT)["source"]


def test_cli_says_what_is_wrong_with_one_member(tmp_path: Path) -> None:
    split_dir = write_split(tmp_path / "split")
    result = CliRunner().invoke(
        app,
        [
            "train",
            "ensemble",
            str(MODEL_DIR),
            "--out",
            str(tmp_path / "j"),
            "--data",
            str(split_dir),
        ],
    )
    assert result.exit_code == 1
    assert "at least two" in result.output


def test_the_spacy_component_writes_every_member(tmp_path: Path) -> None:
    import spacy

    from onrecord.spacy_component import AttributionComponent

    first = _copy_model(tmp_path, "a")
    combine_models([first, first], tmp_path / "joined")
    component = AttributionComponent(spacy.blank("en"), "onrecord_attribution")
    component.from_disk(tmp_path / "joined")
    component.to_disk(tmp_path / "written")
    written = sorted(path.name for path in (tmp_path / "written").iterdir())
    assert written == ["config.json", "tagger-2.onnx", "tagger.onnx", "tokenizer.json"]
    assert SpanTagger.from_dir(tmp_path / "written").tag(TEXT) == component.tagger.tag(TEXT)


@pytest.mark.parametrize("members", ["tagger.onnx", [], [""], [3]])
def test_a_config_whose_members_are_not_file_names_is_refused(
    tmp_path: Path, members: object
) -> None:
    folder = _copy_model(tmp_path, "a")
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "members": members}))
    with pytest.raises(ExtractionError, match="members must be a list of file names"):
        SpanTagger.from_dir(folder)


def test_a_config_that_is_not_json_is_named(tmp_path: Path) -> None:
    folder = _copy_model(tmp_path, "a")
    (folder / "config.json").write_text("{not json")
    with pytest.raises(ExtractionError, match="cannot read .*config.json"):
        SpanTagger.from_dir(folder)
