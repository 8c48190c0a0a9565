"""Scorers for onrecord's extractors against gold corpora kept outside the repository."""

from onrecord.evaluate.polnear import (
    ROLES,
    Counts,
    EvalReport,
    GoldDoc,
    Scores,
    evaluate_polnear,
    format_report,
    load_polnear,
    score_spans,
    tagger_predictor,
)

__all__ = [
    "ROLES",
    "Counts",
    "EvalReport",
    "GoldDoc",
    "Scores",
    "evaluate_polnear",
    "format_report",
    "load_polnear",
    "score_spans",
    "tagger_predictor",
]
