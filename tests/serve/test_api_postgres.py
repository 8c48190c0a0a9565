"""The HTTP API over PostgreSQL: the demo corpus read through the same routes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from onrecord.serve import ServeSettings, create_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pg_client(postgres_cluster) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    from onrecord.api import default_pipeline
    from onrecord.batch import ingest_paths
    from onrecord.report import demo_corpus_dir
    from onrecord.store import open_store

    with postgres_cluster.database() as url:
        with open_store(url) as store:
            ingest_paths([str(demo_corpus_dir())], store, pipeline=default_pipeline("off"))
        app = create_app(ServeSettings(db=url, tagger="off"))  # type: ignore[arg-type]
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client


def test_articles_people_and_search_on_postgresql(pg_client):
    articles = pg_client.get("/api/articles", params={"limit": 50}).json()
    assert len(articles) == 14
    norcross = pg_client.get("/api/people/Norcross").json()
    assert norcross["name"] == "Edda Norcross" and len(norcross["articles"]) >= 9
    found = pg_client.get("/api/search", params={"q": "Norcross"}).json()
    assert found["articles"] and found["quotes"]


def test_story_timeline_and_denials_on_postgresql(pg_client):
    (story,) = pg_client.get("/api/stories").json()
    detail = pg_client.get(f"/api/stories/{story['id']}").json()
    dates = [item["date"] for item in detail["timeline"] if item["date"]]
    assert story["articles"] == 14 and dates == sorted(dates)
    denials = pg_client.get("/api/quotes", params={"polarity": "deny"}).json()
    assert denials and all(row["polarity"] == "deny" for row in denials)
    contradicted = pg_client.get("/api/claims", params={"contradictions": "true"}).json()
    assert {row["polarity"] for row in contradicted} == {"assert", "deny"}
