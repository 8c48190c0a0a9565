"""The TempEval-3 scorer on a tiny hand-made TimeML file, with numbers worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.evaluate.tempeval import (
    evaluate_tempeval,
    format_report,
    hash_timeml,
    parse_timeml,
)
from onrecord.records import Span, TimeExpr

_TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-04-23"
 functionInDocument="CREATION_TIME">20210423</TIMEX3></DCT>
<TEXT>
Talks &amp; votes <EVENT eid="e1">ended</EVENT> on <TIMEX3 tid="t1" type="DATE" \
value="2021-04-22">Thursday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P2W">\
the past two weeks</TIMEX3>, and resume <TIMEX3 tid="t3" type="DATE" value="2021-05">\
next month</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_parse_timeml_strips_tags_and_keeps_offsets() -> None:
    doc = parse_timeml(_TML, "tiny")
    assert doc.dct == date(2021, 4, 23)
    assert [(doc.text[t.start : t.end], t.type, t.value) for t in doc.timexes] == [
        ("Thursday", "DATE", "2021-04-22"),
        ("the past two weeks", "DURATION", "P2W"),
        ("next month", "DATE", "2021-05"),
    ]
    assert doc.text.startswith("\nTalks & votes ended on Thursday")


def _fake_finder(text: str, published: date | None, doc: object = None) -> list[TimeExpr]:
    """Three predictions: an exact match with the right value, an overlap with a wrong value,
    and a spurious one; "next month" is missed."""

    def at(phrase: str, kind: str, value: str) -> TimeExpr:
        start = text.index(phrase)
        return TimeExpr(Span.of(text, start, start + len(phrase)), kind, value)  # type: ignore[arg-type]

    return [
        at("Thursday", "DATE", "2021-04-22"),
        at("two weeks", "DURATION", "P3W"),
        at("votes", "DATE", "PRESENT_REF"),
    ]


def test_evaluate_tempeval_hand_computed(tmp_path: Path) -> None:
    (tmp_path / "tiny.tml").write_text(_TML, encoding="utf-8")
    report = evaluate_tempeval(tmp_path, find=_fake_finder)
    # strict: 1 of 3 predicted, 1 of 3 gold; relaxed: 2 of 3 predicted overlap, 2 of 3 gold found
    assert report.strict == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert report.relaxed == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    # over the two relaxed matches: both types right, one value right
    assert report.type_accuracy == pytest.approx(1.0)
    assert report.value_accuracy == pytest.approx(0.5)
    assert report.value_f1 == pytest.approx(1 / 3)
    text = format_report(report)
    assert "value F1  33.3" in text and "strict" in text


def test_evaluate_tempeval_rejects_a_folder_without_timeml(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no .tml files"):
        evaluate_tempeval(tmp_path)


def test_evaluate_tempeval_on_shared_timebank_sample() -> None:
    from tests.conftest import shared_path

    folder = shared_path("data", "tempeval3", "TimeBank")
    report = evaluate_tempeval(folder)
    assert report.documents == 183
    assert report.gold > 1000


def test_hash_timeml_changes_with_a_gold_value(tmp_path: Path) -> None:
    (tmp_path / "tiny.tml").write_text(_TML, encoding="utf-8")
    before = hash_timeml(tmp_path)
    assert before.startswith("sha256:") and len(before) == len("sha256:") + 16
    assert hash_timeml(tmp_path) == before
    (tmp_path / "tiny.tml").write_text(_TML.replace('value="P2W"', 'value="P3W"'), encoding="utf-8")
    assert hash_timeml(tmp_path) != before
