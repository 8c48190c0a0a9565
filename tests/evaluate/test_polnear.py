"""Tests of the PolNeAR reader and the span scorer on a small hand-made brat example."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.evaluate.polnear import (
    Counts,
    annotator_agreement,
    evaluate_polnear,
    format_report,
    load_polnear,
    parse_brat,
    score_spans,
    trim_span,
)

TEXT = (
    'Peskov said "the talks went well."\n'
    "\n"
    "Critics, he added, disagreed with the plan and the timing.\n"
)


def _at(fragment: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(fragment, start + 1)
    return start, start + len(fragment)


def _ann() -> str:
    source1, cue1, content1 = _at("Peskov"), _at("said"), _at('"the talks went well."')
    source2, cue2 = _at("he"), _at("added")
    # a discontinuous content: "Critics" … "disagreed with the plan and the timing"
    piece1, piece2 = _at("Critics"), _at("disagreed with the plan and the timing")
    return "\n".join(
        [
            f"T1\tSource {source1[0]} {source1[1]}\tPeskov",
            f"T2\tCue {cue1[0]} {cue1[1]}\tsaid",
            f'T3\tContent {content1[0]} {content1[1]}\t"the talks went well."',
            f"T4\tAttribution {cue1[0]} {cue1[1]}\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            f"T5\tSource {source2[0]} {source2[1]}\the",
            f"T6\tCue {cue2[0]} {cue2[1]}\tadded",
            f"T7\tContent {piece1[0]} {piece1[1]};{piece2[0]} {piece2[1]}\tCritics disagreed",
            f"T8\tDiscuss {piece1[0]} {piece1[1]}\tCritics",
            "#1\tAnnotatorNotes T7\ta note that is not a span",
            "",
        ]
    )


def write_split(tmp_path: Path) -> Path:
    """Write the hand-made example as a PolNeAR split folder; returns the folder."""
    (tmp_path / "text").mkdir(parents=True)
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "story_anna.ann").write_text(_ann(), encoding="utf-8")
    # a second annotator's file: only the first in sorted order counts
    (tmp_path / "attributions" / "story_zoe.ann").write_text(
        "T1\tSource 0 6\tPeskov\n", encoding="utf-8"
    )
    return tmp_path


@pytest.fixture()
def split_dir(tmp_path: Path) -> Path:
    return write_split(tmp_path)


def test_load_polnear_reads_first_annotator_and_splits_pieces(split_dir: Path) -> None:
    (doc,) = load_polnear(split_dir)
    assert doc.name == "story"
    assert [TEXT[s:e] for s, e in doc.spans["source"]] == ["Peskov", "he"]
    assert [TEXT[s:e] for s, e in doc.spans["cue"]] == ["said", "added"]
    assert [TEXT[s:e] for s, e in doc.spans["content"]] == [
        '"the talks went well."',
        "Critics",
        "disagreed with the plan and the timing",
    ]


def test_parse_brat_ignores_other_types_and_notes() -> None:
    spans = parse_brat("T1\tDiscard 0 5\tx\nT2\tContent2 3 9\ty\n#1\tAnnotatorNotes T1\tz\n")
    assert spans == {"source": (), "cue": (), "content": ((3, 9),)}


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('"the talks went well."', "the talks went well"),
        ("  Peskov ", "Peskov"),
        ("Critics,", "Critics"),
    ],
)
def test_trim_span_strips_quotes_punctuation_and_space(fragment: str, expected: str) -> None:
    text = f"<{fragment}>"
    start, end = trim_span(text, 1, 1 + len(fragment))
    assert text[start:end] == expected


def test_score_spans_exact_versus_overlap() -> None:
    gold = [_at("Peskov")]
    predicted = [_at("Peskov said")]
    scores = score_spans(TEXT, gold, predicted)
    assert scores.exact == Counts(matched=0, predicted=1, gold=1)
    assert scores.overlap == Counts(matched=1, predicted=1, gold=1)


def test_score_spans_exact_after_trimming_quotes() -> None:
    gold = [_at('"the talks went well."')]
    predicted = [_at("the talks went well")]
    assert score_spans(TEXT, gold, predicted).exact == Counts(1, 1, 1)


def test_score_spans_overlap_is_one_to_one() -> None:
    # one long prediction covers two gold spans: it may match only one of them
    gold = [_at("Critics"), _at("he")]
    predicted = [_at("Critics, he added")]
    overlap = score_spans(TEXT, gold, predicted).overlap
    assert overlap == Counts(matched=1, predicted=1, gold=2)
    assert (overlap.precision, overlap.recall) == (1.0, 0.5)
    assert overlap.f1 == pytest.approx(2 / 3)


def test_score_spans_deduplicates_and_ignores_space_only_overlap() -> None:
    gold = [_at("Peskov"), _at("Peskov")]
    # "Peskov " and " said" share only a space with each other, and "said" nothing with gold
    predicted = [_at("Peskov "), _at("Peskov"), _at(" said")]
    scores = score_spans(TEXT, gold, predicted)
    assert scores.exact == Counts(matched=1, predicted=2, gold=1)
    assert scores.overlap == Counts(matched=1, predicted=2, gold=1)


def test_score_spans_empty_prediction() -> None:
    scores = score_spans(TEXT, [_at("Peskov")], [])
    assert scores.exact == Counts(matched=0, predicted=0, gold=1)
    assert (scores.exact.precision, scores.exact.recall, scores.exact.f1) == (0.0, 0.0, 0.0)


def test_evaluate_polnear_scores_each_role_and_overall(split_dir: Path) -> None:
    def predict(text: str) -> dict[str, list[tuple[int, int]]]:
        return {
            "source": [_at("Peskov"), _at("Critics")],  # 1 right, 1 wrong
            "cue": [_at("said"), _at("added")],  # both right
            "content": [_at("the talks went well"), _at("disagreed with the plan")],
        }

    report = evaluate_polnear(split_dir, predict)
    scores = report.scores
    assert report.documents == 1
    assert scores["source"].exact == Counts(matched=1, predicted=2, gold=2)
    assert scores["cue"].exact == Counts(matched=2, predicted=2, gold=2)
    # content: one exact (after trimming); the shorter second piece only overlaps
    assert scores["content"].exact == Counts(matched=1, predicted=2, gold=3)
    assert scores["content"].overlap == Counts(matched=2, predicted=2, gold=3)
    assert scores["overall"].exact == Counts(matched=4, predicted=6, gold=7)
    assert scores["overall"].exact.f1 == pytest.approx(2 * 4 / (6 + 7))
    table = format_report(report)
    assert table.splitlines()[0].split()[:4] == ["role", "exact", "P", "exact"]
    assert [line.split()[0] for line in table.splitlines()[2:6]] == [
        "source",
        "cue",
        "content",
        "overall",
    ]


def _write_lone_article(folder: Path) -> Path:
    """Add an article with a single, empty annotation to a split folder; returns the folder."""
    (folder / "text").mkdir(parents=True, exist_ok=True)
    (folder / "attributions").mkdir(exist_ok=True)
    (folder / "text" / "lone.txt").write_text("Nobody said anything.", encoding="utf-8")
    (folder / "attributions" / "lone_anna.ann").write_text("", encoding="utf-8")
    return folder


def test_annotator_agreement_scores_later_annotators_against_the_first(split_dir: Path) -> None:
    # a third annotator who marks the first attribution as anna did, and nothing else
    first_three = "\n".join(_ann().splitlines()[:3])
    (split_dir / "attributions" / "story_mia.ann").write_text(first_three, encoding="utf-8")
    _write_lone_article(split_dir)  # one annotator only: does not count

    report = annotator_agreement(split_dir)

    assert report.documents == 2  # mia and zoe, each against anna
    assert report.seconds is None
    scores = report.scores
    assert scores["source"].exact == Counts(matched=2, predicted=2, gold=4)
    assert scores["cue"].exact == Counts(matched=1, predicted=1, gold=4)
    assert scores["content"].exact == Counts(matched=1, predicted=1, gold=6)
    assert format_report(report, unit="further annotations").splitlines()[-1] == (
        "2 further annotations"
    )


def test_annotator_agreement_of_a_split_with_one_annotator_each(tmp_path: Path) -> None:
    report = annotator_agreement(_write_lone_article(tmp_path))
    assert report.documents == 0
    assert report.scores["overall"].exact == Counts()


def test_eval_polnear_agreement_command(split_dir: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from onrecord.cli import app

    result = CliRunner().invoke(app, ["eval", "polnear-agreement", str(split_dir)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2].split()[:4] == ["source", "100.0", "50.0", "66.7"]  # zoe: Peskov only
    assert lines[-1] == "1 further annotations scored against the first"

    single = _write_lone_article(tmp_path / "single")
    refused = CliRunner().invoke(app, ["eval", "polnear-agreement", str(single)])
    assert refused.exit_code != 0
    assert "has more than one annotator" in refused.stderr
