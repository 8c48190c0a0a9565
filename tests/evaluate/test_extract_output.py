"""Scoring `onrecord extract --format jsonl` output on a PolNeAR split, as the test split is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.errors import InputError
from onrecord.evaluate.extractor import score_extract_output
from tests.evaluate.test_polnear import write_split

pytestmark = pytest.mark.slow


def _invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=stdin)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    split = write_split(tmp_path_factory.mktemp("split"))
    result = _invoke("extract", str(split), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return split, result.stdout


def test_extract_output_scores_as_the_extractor_does(extracted: tuple[Path, str]) -> None:
    split, jsonl = extracted
    direct = _invoke("eval", "polnear", str(split), "--format", "json")
    read = _invoke("eval", "polnear", str(split), "--predictions", "-", "-f", "json", stdin=jsonl)
    assert direct.exit_code == 0 and read.exit_code == 0, read.output
    direct_scores, read_scores = json.loads(direct.stdout), json.loads(read.stdout)
    assert read_scores.pop("speed") == {"articles": 1, "seconds": None}
    direct_scores.pop("speed")
    assert read_scores == direct_scores
    # The hand-made article has two sources, two cues and two contents, one of them in
    # two pieces: seven gold spans, some of them found.
    assert read_scores["overall"]["exact"]["gold"] == 7
    assert read_scores["overall"]["exact"]["matched"] > 0


def test_articles_left_out_count_as_predicting_nothing(extracted: tuple[Path, str]) -> None:
    split, _ = extracted
    read = score_extract_output(split, [])
    assert read.missing == ("story",)
    assert read.report.scores["overall"].exact.predicted == 0
    assert read.report.scores["overall"].exact.gold == 7
    result = _invoke("eval", "polnear", str(split), "--predictions", "-", stdin="")
    assert result.exit_code == 0
    assert "1 of 1 articles have no prediction" in result.stderr


def _changed(jsonl: str, **changes: object) -> str:
    article = json.loads(jsonl.splitlines()[0])
    article.update(changes)
    return json.dumps(article)


def test_output_that_does_not_fit_the_split_is_refused(extracted: tuple[Path, str]) -> None:
    split, jsonl = extracted
    line = jsonl.splitlines()[0]
    cases = {
        "is not an article of the split": [_changed(jsonl, path="elsewhere/other.txt")],
        "comes twice": [line, line],
        "differs from the split's": [_changed(jsonl, text="Another text.")],
        "is not an onrecord article": ["{not json"],
    }
    for message, lines in cases.items():
        with pytest.raises(InputError, match=message):
            score_extract_output(split, lines)
    result = _invoke("eval", "polnear", str(split), "--predictions", "-", stdin=line + "\n" + line)
    assert result.exit_code == 1
    assert "comes twice" in result.stderr
    missing = _invoke("eval", "polnear", str(split), "--predictions", str(split / "none.jsonl"))
    assert missing.exit_code == 1 and "cannot read" in missing.stderr
    limited = _invoke("eval", "polnear", str(split), "--predictions", "-", "--limit", "1")
    assert limited.exit_code == 1 and "--limit" in limited.stderr
