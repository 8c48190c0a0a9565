import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.evaluate.polnear import GoldDoc, hash_split
from onrecord.extraction.attribution.tagger import MODEL_DIR, ROLES, WindowSettings
from onrecord.train.biases import (
    choose_label_biases,
    choose_span_threshold,
    exact_f1,
    score_all,
    write_biases,
    write_span_threshold,
)
from tests.evaluate.test_polnear import write_split
from tests.extraction.test_tagger import _logit_tagger, _scripted_tagger

TEXT = "said the talks had made"
# the model ends the content after "talks" (O at log-odds 2); gold runs on to "made"
SCRIPT = ["O", "B", "I", "I", "O", "O"]
GOLD = [GoldDoc("a", TEXT, {"content": ((5, 23),)})]


def test_a_bias_that_fixes_the_span_is_chosen_and_others_stay_zero() -> None:
    tagger = _scripted_tagger(SCRIPT)
    choices = {c.role: c for c in choose_label_biases(tagger, GOLD, (0.0,), (0.0, 3.0))}
    assert choices["content"].bias == (0.0, 3.0)
    assert (choices["content"].f1_without, choices["content"].f1_with) == (0.0, 1.0)
    # no gold and nothing found: no bias can gain, so none is kept
    assert choices["source"].bias == choices["cue"].bias == (0.0, 0.0)


def test_choosing_ignores_the_taggers_own_biases() -> None:
    own = WindowSettings(label_bias={"content": (0.0, 3.0)})
    tagger = _scripted_tagger(SCRIPT, own)
    scored = score_all(tagger, GOLD)
    assert exact_f1(tagger, GOLD, scored, "content", (0.0, 0.0)) == 0.0
    assert exact_f1(tagger, GOLD, scored, "content", (0.0, 3.0)) == 1.0
    # decoding with no biases given uses the tagger's own, as tag_many does
    assert tagger.decode(scored[0]) == tagger.tag(TEXT)


def test_write_biases_records_the_choice(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"window": {"size": 256}}))
    choices = choose_label_biases(_scripted_tagger(SCRIPT), GOLD, (0.0,), (0.0, 3.0))
    write_biases(tmp_path, choices, "sha256:test")
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["window"] == {"size": 256, "label_bias": {"content": {"B": 0.0, "I": 3.0}}}
    assert config["label_bias_chosen_on"]["data"] == "sha256:test"
    assert config["label_bias_chosen_on"]["exact_f1"]["content"] == {"without": 0.0, "with": 100.0}


# the content surely starts at "the"; it ends after "talks" with a chance of 0.43 (the
# next word O or B), but the best path runs on to "had" (I there is likelier than O or B
# alone), and maybe "made"
UNSURE = [(9, 0, 0), (0, 9, 0), (0, 0, 9), (0, 0, 9), (0, 0, 0.693), (0, -9, 0)]
GOLD_TALKS = [GoldDoc("a", TEXT, {"content": ((5, 14),)})]


def test_marginal_decoding_is_chosen_when_it_beats_the_best_path(tmp_path: Path) -> None:
    tagger = _logit_tagger(UNSURE)
    choice = choose_span_threshold(tagger, GOLD_TALKS, {})
    assert choice.f1_viterbi == 0.0
    assert choice.f1_by_threshold == {0.3: 1.0, 0.4: 1.0, 0.5: 0.0, 0.6: 0.0}
    assert choice.threshold == 0.3  # the lowest of the best
    (tmp_path / "config.json").write_text(json.dumps({"window": {"size": 256}}))
    write_span_threshold(tmp_path, choice, "sha256:test")
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["window"] == {"size": 256, "decoding": "marginal", "span_threshold": 0.3}
    assert config["span_threshold_chosen_on"]["exact_f1"]["viterbi"] == 0.0
    # with gold that the best path finds, Viterbi decoding stays
    gold_had = [GoldDoc("a", TEXT, {"content": ((5, 18),)})]
    kept = choose_span_threshold(tagger, gold_had, {})
    assert (kept.threshold, kept.f1_viterbi) == (None, 1.0)
    write_span_threshold(tmp_path, kept, "sha256:test")
    window = json.loads((tmp_path / "config.json").read_text())["window"]
    assert window == {"size": 256, "decoding": "viterbi"}


def test_cli_chooses_and_writes_biases_for_the_shipped_model(tmp_path: Path) -> None:
    split_dir = write_split(tmp_path / "split")
    model = tmp_path / "model"
    shutil.copytree(MODEL_DIR, model)
    result = CliRunner().invoke(
        app, ["train", "biases", str(model), "--data", str(split_dir), "--write"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == [*ROLES, "decoding"]
    config = json.loads((model / "config.json").read_text())
    assert config["window"]["decoding"] in {"marginal", "viterbi"}
    assert config["span_threshold_chosen_on"]["data"] == hash_split(split_dir)
    assert config["label_bias_chosen_on"]["data"] == hash_split(split_dir)
    assert set(config["label_bias_chosen_on"]["exact_f1"]) == set(ROLES)


def test_cli_says_what_is_wrong_with_a_bad_split(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", "biases", str(MODEL_DIR), "--data", str(tmp_path)])
    assert result.exit_code != 0
    assert "not a PolNeAR split" in result.output
