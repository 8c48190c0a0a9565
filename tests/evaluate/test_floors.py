"""Quality gate: the whole extractor on PolNeAR dev stays at or above the pinned floors.

The floors and the hash of the gold data live in eval/floors.json. Raising a floor is an
ordinary commit; lowering one needs a changelog line saying why.
"""

from __future__ import annotations

import json

import pytest

from onrecord.evaluate.extractor import run_polnear
from onrecord.evaluate.polnear import hash_split

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
