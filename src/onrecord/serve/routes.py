"""The JSON API: each route checks access, calls the store or the library, and returns rows."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any

from fastapi import (
    APIRouter,
    Depends,
    File,
    Form,
    HTTPException,
    Query,
    Request,
    UploadFile,
    status,
)
from fastapi import Path as PathPart
from starlette.concurrency import run_in_threadpool

import onrecord
from onrecord.errors import StorageError
from onrecord.serve import models, queries, uploads
from onrecord.serve.access import require_read, require_write
from onrecord.serve.settings import ServeSettings
from onrecord.store import QuoteFilter, Store, open_store
from onrecord.store.links import ClaimFilter

router = APIRouter(prefix="/api")


class StorePerThread:
    """One open store per worker thread (SQLite connections stay in the thread that made them)."""

    def __init__(self, db: str | None) -> None:
        self._db = db
        self._local = threading.local()

    def get(self) -> Store:
        """This thread's store, opened on first use."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self._db)
            self._local.store = store
        return store


def _stores(request: Request) -> StorePerThread:
    stores: StorePerThread = request.app.state.stores
    return stores


def _settings(request: Request) -> ServeSettings:
    settings: ServeSettings = request.app.state.settings
    return settings


# the store itself is opened inside each route: a sync dependency may run in another thread
Stores = Annotated[StorePerThread, Depends(_stores)]
Settings = Annotated[ServeSettings, Depends(_settings)]
Limit = Annotated[int, Query(ge=1, le=1000, description="the most rows returned")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="rows skipped first")]
_READ = [Depends(require_read)]
_WRITE = [Depends(require_write)]


@contextmanager
def _conflict() -> Iterator[None]:
    """A change the stored record refuses (an unknown name, one person already): 409."""
    try:
        yield
    except StorageError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None


def _not_found(what: str, key: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, f"no {what} {key!r} is stored")


@router.get("/info", response_model=models.Info, dependencies=_READ)
def info(settings: Settings) -> dict[str, Any]:
    """What this server offers: its version and access settings."""
    return {
        "version": onrecord.__version__,
        "read_only": settings.read_only,
        "private": settings.private,
        "max_upload_bytes": settings.max_upload_bytes,
    }


@router.get("/articles", response_model=list[models.ArticleRow], dependencies=_READ)
def list_articles(
    stores: Stores,
    q: Annotated[str | None, Query(max_length=200, description="search text")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    """Stored articles, newest publication first, or those matching a search text."""
    store = stores.get()
    if q and q.strip():
        return queries.search_articles(store, q, offset + limit)[offset:]
    return store.articles(limit=offset + limit)[offset:]


@router.get(
    "/articles/{article_id}",
    response_model=models.ArticleOut,
    response_model_by_alias=True,
    dependencies=_READ,
)
def get_article(
    stores: Stores, article_id: Annotated[str, PathPart(min_length=4, max_length=64)]
) -> dict[str, Any]:
    """One article in the JSON contract (docs/schema.md): text, entities, quotes, times.

    ``article_id`` may be a unique prefix of the id (four characters or more).
    """
    store = stores.get()
    article = store.get(article_id) if article_id.isalnum() else None
    if article is None:
        raise _not_found("article", article_id)
    return article.to_dict()


@router.get("/quotes", response_model=list[models.QuoteRow], dependencies=_READ)
def list_quotes(
    stores: Stores,
    speaker: Annotated[str | None, Query(max_length=200, description="speaker contains")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="outlet contains")] = None,
    via: Annotated[str | None, Query(max_length=200, description="relayed by")] = None,
    polarity: Annotated[str | None, Query(pattern="^(assert|deny)$")] = None,
    since: Annotated[date | None, Query(description="said on or after this day")] = None,
    until: Annotated[date | None, Query(description="said on or before this day")] = None,
    story: Annotated[str | None, Query(max_length=64, description="story id")] = None,
    article: Annotated[str | None, Query(max_length=64, pattern="^[0-9a-f]+$")] = None,
    all_attributions: Annotated[
        bool,
        Query(
            alias="all",
            description="also attributions whose content was not found,"
            " and contents with neither speaker nor cue",
        ),
    ] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    """Stored quotes in the order they were said; every filter narrows the list."""
    store = stores.get()
    if since and until and since > until:
        return []  # an empty range: nothing was said in it
    where = QuoteFilter(
        who=speaker or None,
        outlet=outlet or None,
        via=via or None,
        polarity=polarity,
        since=since,
        until=until,
        story_id=story or None,
        article_id=article or None,
        complete=not all_attributions,
        limit=offset + limit,
    )
    return store.quotes(where)[offset:]


@router.get("/people", response_model=list[models.PersonRow], dependencies=_READ)
def list_people(stores: Stores, limit: Limit = 50, offset: Offset = 0) -> list[dict[str, Any]]:
    """People and organisations across articles, most written about first."""
    store = stores.get()
    return store.persons(limit=offset + limit)[offset:]


@router.get("/people/{name}", response_model=models.PersonDetail, dependencies=_READ)
def get_person(
    stores: Stores,
    name: Annotated[str, PathPart(min_length=1, max_length=200)],
    limit: Limit = 200,
) -> dict[str, Any]:
    """One person or organisation (by name, alias or id): aliases and roles over time,
    articles, and what they said."""
    store = stores.get()
    record = queries.person_record(store, name, limit)
    if record is None:
        raise _not_found("person", name)
    return record


@router.get("/stories", response_model=list[models.StoryRow], dependencies=_READ)
def list_stories(stores: Stores, limit: Limit = 50, offset: Offset = 0) -> list[dict[str, Any]]:
    """Stories, the most articles first."""
    store = stores.get()
    return store.stories(limit=offset + limit)[offset:]


@router.get("/stories/{story_id}", response_model=models.StoryDetail, dependencies=_READ)
def get_story(
    stores: Stores,
    story_id: Annotated[str, PathPart(min_length=1, max_length=64, pattern="^[A-Za-z0-9_-]+$")],
) -> dict[str, Any]:
    """One story (by id or unique id prefix): people, articles, a dated timeline of
    articles and statements, and the contradictions among its claims."""
    store = stores.get()
    story = store.story(story_id)
    if story is None:
        raise _not_found("story", story_id)
    return story


@router.get("/claims", response_model=list[models.ClaimRow], dependencies=_READ)
def list_claims(
    stores: Stores,
    about: Annotated[str | None, Query(max_length=200, description="words of content")] = None,
    speaker: Annotated[str | None, Query(max_length=200, description="person id or name")] = None,
    story: Annotated[str | None, Query(max_length=64, description="story id")] = None,
    contradictions: Annotated[
        bool, Query(description="only claims whose group holds assertions and denials")
    ] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    """Claims (attributions across articles) with their group and contradiction flag."""
    store = stores.get()
    where = ClaimFilter(
        about=about or None,
        speaker=speaker or None,
        story_id=story or None,
        contradictions=contradictions,
        limit=offset + limit,
    )
    return store.claims(where)[offset:]


@router.get("/search", response_model=models.SearchResult, dependencies=_READ)
def search(
    stores: Stores,
    q: Annotated[
        str,
        Query(min_length=1, max_length=200, pattern=r"\S", description="search text, not blank"),
    ],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    """Articles, people and quotes matching a search text (full-text search)."""
    store = stores.get()
    if not q.strip():
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "the search text is blank")
    return queries.search(store, q, limit)


@router.post("/extract", response_model=models.ArticleOut, dependencies=_READ)
def extract(body: models.ExtractRequest, settings: Settings) -> dict[str, Any]:
    """Analyse a posted text and return it as ``onrecord extract`` does; nothing is stored."""
    article = uploads.analyse_text(
        body.text,
        tagger=settings.tagger,
        published=body.published,
        url=body.url,
        title=body.title,
    )
    return article.to_dict()


@router.post(
    "/ingest",
    response_model=models.IngestReport,
    status_code=status.HTTP_201_CREATED,
    dependencies=_WRITE,
)
async def ingest(
    stores: Stores,
    settings: Settings,
    file: Annotated[UploadFile, File(description="plain text, HTML or WARC (gzipped or not)")],
    published: Annotated[
        date | None, Form(description="the publication date for inputs that give none")
    ] = None,
) -> models.IngestReport:
    """Read, analyse and store the articles of an uploaded file (needs the token).

    An upload that is empty, too large or of another kind is refused and nothing is stored.
    """
    data = await file.read(settings.max_upload_bytes + 1)
    name = uploads.upload_name(file.filename)
    uploads.check_upload(data, name, settings.max_upload_bytes)
    return await run_in_threadpool(_ingest_bytes, stores, settings, data, name, published)


def _ingest_bytes(
    stores: StorePerThread, settings: ServeSettings, data: bytes, name: str, when: date | None
) -> models.IngestReport:
    articles, problems = uploads.analyse_upload(data, name, tagger=settings.tagger, published=when)
    return uploads.store_articles(stores.get(), articles, problems)


@router.post("/people/merge", response_model=dict[str, Any], dependencies=_WRITE)
def merge_people(body: models.MergeRequest, stores: Stores) -> dict[str, Any]:
    """Make two stored people one (needs the token); later ingests respect it."""
    store = stores.get()
    with _conflict():
        return store.merge_people(body.a, body.b)


@router.post("/people/split", response_model=dict[str, Any], dependencies=_WRITE)
def split_person(body: models.SplitRequest, stores: Stores) -> dict[str, Any]:
    """Move the mentions under an alias out of a person into a new one (needs the token)."""
    store = stores.get()
    with _conflict():
        return store.split_person(body.name, body.alias)
