"""The spaCy components: adopted through add_pipe, and the attribution model round-trips."""

from __future__ import annotations

import importlib.util

import pytest
import spacy

from onrecord.settings import SPACY_MODELS

pytestmark = pytest.mark.slow

TEXT = (
    "Kremlin spokesman Dmitry Peskov said the talks had made “good progress”.\n\n"
    "“We will sign nothing this year,” Lukashenko told reporters, as quoted by RIA Novosti."
)


def _english():  # type: ignore[no-untyped-def]
    name = next(n for n in SPACY_MODELS if importlib.util.find_spec(n) is not None)
    nlp = spacy.load(name)
    nlp.add_pipe("onrecord_paragraphs", before="parser")
    return nlp


def _rows(doc):  # type: ignore[no-untyped-def]
    return [
        (q.speaker, q.cue.text if q.cue else None, [v.name for v in q.via]) for q in doc._.quotes
    ]


def test_component_sets_doc_quotes_with_rules_alone():
    nlp = _english()
    nlp.add_pipe("onrecord_attribution", config={"use_tagger": False})
    rows = _rows(nlp(TEXT))
    assert ("Dmitry Peskov", "said", []) in rows
    assert ("Lukashenko", "told", ["RIA Novosti"]) in rows


def test_component_round_trips_through_disk(tmp_path):
    nlp = _english()
    nlp.add_pipe("onrecord_attribution")
    before = _rows(nlp(TEXT))
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "onrecord_attribution" / "tagger.onnx").is_file()
    loaded = spacy.load(tmp_path / "pipeline")
    assert "onrecord_attribution" in loaded.pipe_names
    assert _rows(loaded(TEXT)) == before
