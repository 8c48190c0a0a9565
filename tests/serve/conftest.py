"""Fixtures of the HTTP face: the demo corpus ingested once into a real SQLite store."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord.serve import ServeSettings, create_app

TOKEN = "test-token-0123456789"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus ingested (rules only, linked) into a SQLite file; do not write to it."""
    from onrecord.api import default_pipeline
    from onrecord.batch import ingest_paths
    from onrecord.report import demo_corpus_dir
    from onrecord.store import open_store

    path = tmp_path_factory.mktemp("serve") / "demo.db"
    with open_store(path) as store:
        summary = ingest_paths([str(demo_corpus_dir())], store, pipeline=default_pipeline("off"))
    assert summary.new == 14 and not summary.failed, summary.lines()
    return path


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo store, for tests that write."""
    copy = tmp_path / "demo-copy.db"
    shutil.copyfile(demo_db, copy)
    return copy


ClientFactory = Callable[..., TestClient]


@pytest.fixture
def make_client() -> ClientFactory:
    """A client of an in-process app over a store, with the given settings."""

    def make(db: Path, **settings: object) -> TestClient:
        settings.setdefault("tagger", "off")
        app = create_app(ServeSettings(db=str(db), **settings))  # type: ignore[arg-type]
        return TestClient(app, raise_server_exceptions=False)

    return make


@pytest.fixture
def demo_client(demo_db: Path, make_client: ClientFactory) -> TestClient:
    """A read-only client of the demo store."""
    return make_client(demo_db)
