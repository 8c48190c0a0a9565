"""Quality gate: the whole extractor on PolNeAR dev, and the time expressions on the two
TempEval-3 sets, stay at or above the pinned floors.

The floors and the hash of the gold data live in eval/floors.json. Raising a floor is an
ordinary commit; lowering one needs a changelog line saying why.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from onrecord.evaluate.extractor import run_polnear
from onrecord.evaluate.polnear import hash_split
from onrecord.evaluate.tempeval import evaluate_tempeval, hash_timeml

from ..conftest import REPO, shared_path

pytestmark = pytest.mark.slow

FLOORS = json.loads((REPO / "eval" / "floors.json").read_text())


def test_attribution_on_polnear_dev_stays_above_its_floors():
    floors = FLOORS["polnear_dev"]
    split = shared_path("data", "polnear", "dev")
    assert hash_split(split) == floors["gold_hash"], "the gold data changed: re-pin the floors"
    report = run_polnear(split)
    margin = floors["noise_margin"]
    for role, floor in floors["exact_f1"].items():
        f1 = 100 * report.scores[role].exact.f1
        assert f1 >= floor - margin, f"{role} exact F1 {f1:.1f} fell below its floor {floor}"


@pytest.mark.parametrize(
    ("key", "folder"), [("tempeval_aquaint", "AQUAINT"), ("tempeval_timebank", "TimeBank")]
)
def test_time_expressions_on_tempeval_stay_above_their_floors(
    key: str, folder: str, nlp: Any
) -> None:
    floors = FLOORS[key]
    directory = shared_path("data", "tempeval3", folder)
    assert hash_timeml(directory) == floors["gold_hash"], "the gold data changed: re-pin the floors"
    report = evaluate_tempeval(directory, nlp=nlp)
    scores = {"strict": report.strict[2], "relaxed": report.relaxed[2], "value": report.value_f1}
    margin = floors["noise_margin"]
    for name, floor in floors["f1"].items():
        f1 = 100 * scores[name]
        assert f1 >= floor - margin, f"{folder} {name} F1 {f1:.1f} fell below its floor {floor}"
