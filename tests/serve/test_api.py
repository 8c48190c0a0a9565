"""The JSON API in-process over a real SQLite store of the demo corpus, real pipeline."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app as cli_app
from onrecord.report import demo_corpus_dir
from onrecord.store import open_store

from .conftest import TOKEN

pytestmark = pytest.mark.slow

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = (
    "Ministers agree on river levy\n"
    "Monday, March 4, 2024\n\n"
    "BRENHOLT — Finance Minister Ada Quill said on Monday that the river levy would rise"
    ' next year. "We cannot keep the bridges open for free," Quill told reporters.\n'
)


DEMO_TEXT = (demo_corpus_dir() / "01-northgatewire-union-talks-open.txt").read_text()


def _stored_ids(db: Path) -> list[str]:
    with open_store(db) as store:
        return [row["id"] for row in store.articles()]


# --- reads ---


def test_info_says_read_only_without_a_token(demo_client):
    response = demo_client.get("/api/info")
    assert response.status_code == 200
    assert response.json()["read_only"] is True
    assert response.json()["private"] is False


def test_articles_list_the_demo_corpus_newest_first(demo_client):
    rows = demo_client.get("/api/articles", params={"limit": 100}).json()
    assert len(rows) == 14
    dates = [row["published"] for row in rows if row["published"]]
    assert dates == sorted(dates, reverse=True)
    page = demo_client.get("/api/articles", params={"limit": 3, "offset": 2}).json()
    assert [row["id"] for row in page] == [row["id"] for row in rows[2:5]]


def test_article_has_text_and_findings_whose_offsets_hold(demo_client):
    first = demo_client.get("/api/articles", params={"limit": 1}).json()[0]
    response = demo_client.get(f"/api/articles/{first['id'][:8]}")
    assert response.status_code == 200
    article = response.json()
    assert article["id"] == first["id"]
    text = article["text"]
    spans = [span for quote in article["quotes"] for span in quote["content"]]
    spans += [quote["cue"] for quote in article["quotes"] if quote["cue"]]
    spans += [time["span"] for time in article["times"]]
    assert spans
    assert all(text[span["start"] : span["end"]] == span["text"] for span in spans)


@pytest.mark.parametrize("article_id", ["ffffffffffffffff", "abcd%25ef", "zzzzzz"])
def test_article_unknown_is_404(demo_client, article_id):
    response = demo_client.get(f"/api/articles/{article_id}")
    assert response.status_code == 404
    assert "no article" in response.json()["detail"]


def test_quotes_by_speaker(demo_client):
    rows = demo_client.get("/api/quotes", params={"speaker": "harveth"}).json()
    assert rows
    assert all("harveth" in row["speaker"].lower() for row in rows)


def test_quotes_by_polarity_outlet_and_dates(demo_client):
    denials = demo_client.get("/api/quotes", params={"polarity": "deny"}).json()
    assert denials and {row["polarity"] for row in denials} == {"deny"}
    kelpress = demo_client.get("/api/quotes", params={"outlet": "kelpress"}).json()
    assert kelpress and all("kelpress" in row["outlet"] for row in kelpress)
    window = {"since": "2024-03-01", "until": "2024-03-31", "limit": 500}
    march = demo_client.get("/api/quotes", params=window).json()
    assert march
    assert all((row["said_on"] or row["published"])[:7] == "2024-03" for row in march)


def test_quotes_of_one_story_come_from_its_articles(demo_client):
    story = demo_client.get("/api/stories").json()[0]
    detail = demo_client.get(f"/api/stories/{story['id']}").json()
    article_ids = {article["id"] for article in detail["articles"]}
    rows = demo_client.get("/api/quotes", params={"story": story["id"], "limit": 1000}).json()
    assert rows
    assert {row["article_id"] for row in rows} <= article_ids


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"since": "March 2024"}, 422),
        ({"polarity": "maybe"}, 422),
        ({"limit": 0}, 422),
    ],
)
def test_quotes_bad_filters_are_refused_with_a_message(demo_client, params, status):
    response = demo_client.get("/api/quotes", params=params)
    assert response.status_code == status
    assert "Traceback" not in response.text
    assert response.json()["detail"]


def test_quotes_in_an_empty_date_range_are_none(demo_client):
    params = {"since": "2024-05-01", "until": "2024-01-01"}
    response = demo_client.get("/api/quotes", params=params)
    assert response.status_code == 200
    assert response.json() == []


def test_people_and_one_person_with_aliases_and_quotes(demo_client):
    people = demo_client.get("/api/people", params={"limit": 10}).json()
    assert "Edda Norcross" in [row["name"] for row in people]
    person = demo_client.get("/api/people/Norcross").json()
    assert person["name"] == "Edda Norcross"
    assert "Norcross" in [alias["name"] for alias in person["aliases"]]
    assert person["quotes"]
    assert all(quote["speaker"] for quote in person["quotes"])
    assert demo_client.get("/api/people/Nobody%20Atall").status_code == 404


def test_search_finds_a_person_and_their_quotes(demo_client):
    result = demo_client.get("/api/search", params={"q": "Norcross"}).json()
    assert result["query"] == "Norcross"
    assert "Edda Norcross" in [person["name"] for person in result["people"]]
    assert any("Norcross" in (quote["speaker"] or "") for quote in result["quotes"])


def test_search_finds_articles_by_words(demo_client):
    result = demo_client.get("/api/search", params={"q": "currency"}).json()
    assert result["articles"]
    assert all("[currency]" in hit["snippet"].lower() for hit in result["articles"])
    listed = demo_client.get("/api/articles", params={"q": "currency"}).json()
    assert {hit["id"] for hit in result["articles"]} <= {row["id"] for row in listed}


def test_search_blank_is_refused(demo_client):
    for blank in ("   ", "\r", "\t\n"):
        assert demo_client.get("/api/search", params={"q": blank}).status_code == 422
    # the schema says so too, so that clients (and schemathesis) know before asking
    schema = demo_client.get("/openapi.json").json()
    (query,) = [p for p in schema["paths"]["/api/search"]["get"]["parameters"] if p["name"] == "q"]
    assert query["schema"]["pattern"] == "\\S"


def test_story_timeline_is_in_date_order_with_denials_marked(demo_client):
    stories = demo_client.get("/api/stories").json()
    assert stories[0]["articles"] >= 10
    story = demo_client.get(f"/api/stories/{stories[0]['id']}").json()
    dates = [entry["date"] for entry in story["timeline"] if entry["date"]]
    assert dates == sorted(dates)
    assert any(entry["polarity"] == "deny" for entry in story["timeline"])
    assert demo_client.get("/api/stories/snothere").status_code == 404


def test_claims_contradictions_hold_both_stances(demo_client):
    rows = demo_client.get("/api/claims", params={"contradictions": "true"}).json()
    assert rows
    assert all(row["contradicted"] for row in rows)


def test_extract_returns_what_the_cli_extract_prints(demo_client):
    response = demo_client.post("/api/extract", json={"text": ARTICLE})
    assert response.status_code == 200
    result = CliRunner().invoke(cli_app, ["extract", "-", "--tagger", "off"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert response.json() == json.loads(result.stdout.splitlines()[0])
    assert response.json()["quotes"][0]["speaker"] == "Ada Quill"


@pytest.mark.parametrize(
    "body", [{"text": ""}, {"words": "no text"}, {"text": "x", "published": "yesterday"}]
)
def test_extract_refuses_bad_bodies(demo_client, body):
    response = demo_client.post("/api/extract", json=body)
    assert response.status_code == 422


# --- access ---


@pytest.mark.parametrize(
    ("path", "kwargs"),
    [
        ("/api/ingest", {"files": {"file": ("a.txt", ARTICLE.encode())}}),
        ("/api/people/merge", {"json": {"a": "Norcross", "b": "Marrant"}}),
        ("/api/people/split", {"json": {"name": "Edda Norcross", "alias": "Norcross"}}),
    ],
)
def test_writes_are_forbidden_on_a_read_only_server(demo_copy, make_client, path, kwargs):
    client = make_client(demo_copy)
    response = client.post(path, headers=AUTH, **kwargs)
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    assert len(_stored_ids(demo_copy)) == 14


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}]
)
def test_writes_need_the_right_token(demo_copy, make_client, headers):
    client = make_client(demo_copy, token=TOKEN)
    files = {"file": ("a.txt", ARTICLE.encode())}
    response = client.post("/api/ingest", files=files, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert len(_stored_ids(demo_copy)) == 14


def test_private_server_closes_reads_without_the_token(demo_db, make_client):
    client = make_client(demo_db, token=TOKEN, private=True)
    assert client.get("/api/articles").status_code == 401
    assert client.get("/api/articles", headers=AUTH).status_code == 200
    # the page itself is static and asks for the token
    assert client.get("/").status_code == 200


def test_cors_is_off_unless_an_origin_is_allowed(demo_db, make_client):
    preflight = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"}
    closed = make_client(demo_db).options("/api/articles", headers=preflight)
    assert "access-control-allow-origin" not in closed.headers
    opened = make_client(demo_db, cors_origins=("https://elsewhere.example",))
    response = opened.options("/api/articles", headers=preflight)
    assert response.headers["access-control-allow-origin"] == "https://elsewhere.example"


# --- uploads ---


def test_ingest_stores_and_links_an_uploaded_text(demo_copy, make_client):
    client = make_client(demo_copy, token=TOKEN)
    files = {"file": ("levy.txt", ARTICLE.encode())}
    response = client.post("/api/ingest", files=files, headers=AUTH)
    assert response.status_code == 201, response.text
    (stored,) = response.json()["articles"]
    assert stored["status"] == "new" and stored["analysed"] is True
    article = client.get(f"/api/articles/{stored['id']}").json()
    assert article["path"] == "levy.txt"
    assert client.get("/api/people/Ada%20Quill").status_code == 200
    again = client.post("/api/ingest", files=files, headers=AUTH).json()
    assert again["articles"][0]["status"] == "existing"
    assert len(_stored_ids(demo_copy)) == 15


def test_ingest_reads_html_uploads(tmp_path, make_client):
    db = tmp_path / "fresh.db"
    client = make_client(db, token=TOKEN)
    page = (
        "<!doctype html><html><head><title>Levy row</title>"
        '<meta property="article:published_time" content="2024-03-04"></head>'
        "<body><article><h1>Levy row</h1>"
        + "".join(f"<p>{line}</p>" for line in DEMO_TEXT.split("\n\n")[1:])
        + "</article></body></html>"
    )
    response = client.post(
        "/api/ingest", files={"file": ("levy.html", page.encode())}, headers=AUTH
    )
    assert response.status_code == 201, response.text
    (stored,) = response.json()["articles"]
    article = client.get(f"/api/articles/{stored['id']}").json()
    assert article["input_kind"] == "html"
    assert "Vesna Palace" in article["text"]
    assert _stored_ids(db) == [stored["id"]]


@pytest.mark.parametrize(
    ("name", "data", "status", "words"),
    [
        ("empty.txt", b"", 422, "empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, 415, "binary"),
        ("table.csv", b"title,text\nA,B\nC,D\n", 415, "csv"),
        (
            "broken.warc",
            b"WARC/1.0\r\nWARC-Type: response\r\n\r\n\x00\x01garbage",
            422,
            "no article",
        ),
        ("zipped.txt.gz", gzip.compress(b"\x00\x01\x02" * 400), 415, "binary"),
    ],
)
def test_ingest_refuses_malformed_uploads_and_stores_nothing(
    tmp_path, make_client, name, data, status, words
):
    db = tmp_path / "fresh.db"
    client = make_client(db, token=TOKEN)
    response = client.post("/api/ingest", files={"file": (name, data)}, headers=AUTH)
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]
    assert _stored_ids(db) == []


def test_ingest_refuses_a_missing_file_field(tmp_path, make_client):
    client = make_client(tmp_path / "fresh.db", token=TOKEN)
    response = client.post("/api/ingest", data={"published": "2024-01-01"}, headers=AUTH)
    assert response.status_code == 422


def test_ingest_refuses_oversized_uploads_and_stores_nothing(tmp_path, make_client):
    db = tmp_path / "fresh.db"
    client = make_client(db, token=TOKEN, max_upload_bytes=2000)
    # just over the limit: refused by the upload check
    near = (ARTICLE * 40).encode()[:2500]
    response = client.post("/api/ingest", files={"file": ("a.txt", near)}, headers=AUTH)
    assert response.status_code == 413
    assert "limit is 2000" in response.json()["detail"]
    # far over the limit: refused from the declared length, before the body is read
    huge = b"word " * 40_000
    response = client.post("/api/ingest", files={"file": ("a.txt", huge)}, headers=AUTH)
    assert response.status_code == 413
    assert _stored_ids(db) == []


def test_oversized_chunked_body_is_refused_while_read(tmp_path, make_client):
    db = tmp_path / "fresh.db"
    client = make_client(db, token=TOKEN, max_upload_bytes=2000)

    def chunks():  # no Content-Length: the body arrives in pieces
        for _ in range(100):
            yield b"x" * 4096

    response = client.post(
        "/api/extract", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "over the limit" in response.json()["detail"]


# --- people edits ---


def test_merge_and_split_people_with_the_token(demo_copy, make_client):
    client = make_client(demo_copy, token=TOKEN)
    merged = client.post(
        "/api/people/merge", json={"a": "Edda Norcross", "b": "Ilse Marrant"}, headers=AUTH
    )
    assert merged.status_code == 200, merged.text
    person = client.get("/api/people/Edda%20Norcross").json()
    assert "Ilse Marrant" in [alias["name"] for alias in person["aliases"]]
    split = client.post(
        "/api/people/split", json={"name": "Edda Norcross", "alias": "Ilse Marrant"}, headers=AUTH
    )
    assert split.status_code == 200, split.text
    person = client.get("/api/people/Edda%20Norcross").json()
    assert "Ilse Marrant" not in [alias["name"] for alias in person["aliases"]]
    unknown = client.post(
        "/api/people/merge", json={"a": "Nobody Atall", "b": "Ilse Marrant"}, headers=AUTH
    )
    assert unknown.status_code == 409
    assert "Nobody Atall" in unknown.json()["detail"]


# --- errors at the edge and the page ---


def test_a_store_that_cannot_open_is_503_without_a_traceback(tmp_path, make_client):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are my notes, not a database\n" * 100)
    response = make_client(not_a_db).get("/api/articles")
    assert response.status_code == 503
    assert "not a database" in response.json()["detail"]
    assert "Traceback" not in response.text


def test_page_is_served_with_a_strict_content_policy(demo_client):
    response = demo_client.get("/")
    assert response.status_code == 200
    assert '<script src="/static/app.js"' in response.text
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert demo_client.get("/static/app.js").headers["content-type"].startswith("text/javascript")


def test_concurrent_reads_each_use_their_own_threads_store(demo_client):
    # regression: a store opened in a dependency's thread was used in the route's thread
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/api/articles", "/api/stories", "/api/people", "/api/quotes"] * 10
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda path: demo_client.get(path).status_code, paths))
    assert statuses == [200] * len(paths)
