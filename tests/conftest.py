"""Shared fixtures: the real spaCy model (loaded once) and the ../shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is only beside development checkouts)")
    return path


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from onrecord.extraction.pipeline import load_spacy

    return load_spacy()


@pytest.fixture(scope="session")
def pipeline(nlp):  # type: ignore[no-untyped-def]
    from onrecord.extraction.pipeline import Pipeline

    return Pipeline(nlp)
