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


@pytest.fixture(scope="session")
def postgres_cluster():  # type: ignore[no-untyped-def]
    """A throwaway PostgreSQL server on loopback for the session (see tests/postgres.py)."""
    from .postgres import running_cluster

    with running_cluster() as cluster:
        yield cluster


@pytest.fixture
def postgres_url(postgres_cluster):  # type: ignore[no-untyped-def]
    """The URL of a fresh, empty PostgreSQL database, dropped after the test."""
    with postgres_cluster.database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request, tmp_path):  # type: ignore[no-untyped-def]
    """A fresh database on each backend: a SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "onrecord.db")
    return request.getfixturevalue("postgres_url")
