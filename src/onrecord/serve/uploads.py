"""Uploaded files: size and type checked at the edge, then read, analysed and stored."""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from fastapi import HTTPException, status

from onrecord.api import default_pipeline
from onrecord.batch import analyse_inputs, link_unlinked
from onrecord.ingest import Problem
from onrecord.ingest.files import HEAD_BYTES, gunzip_head, is_gzip, sniff_kind
from onrecord.records import Article
from onrecord.serve.models import IngestedArticle, IngestReport
from onrecord.store import Store

ACCEPTED_KINDS = ("text", "html", "warc")
_KIND_NAMES = {"text": "plain text", "html": "HTML", "warc": "WARC"}
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")

# one analysis at a time: the pipeline's models are shared by every request thread
_ANALYSIS_LOCK = threading.Lock()


def upload_name(filename: str | None) -> str:
    """A safe file name for an upload: its base name with odd characters replaced.

    Args:
        filename: the name the client gave, possibly a path or empty.

    Returns:
        A name of letters, digits, dots, dashes and underscores (``upload`` when none).
    """
    base = Path(filename or "").name
    safe = _UNSAFE_NAME.sub("_", base).strip("._")[:120]
    return safe or "upload"


def check_upload(data: bytes, name: str, limit: int) -> str:
    """Refuse an upload that is empty, too large or not text, HTML or WARC.

    Args:
        data: the uploaded bytes.
        name: its safe file name (the extension helps the sniffing).
        limit: the largest size accepted, in bytes.

    Returns:
        The kind of input it holds: one of :data:`ACCEPTED_KINDS`.

    Raises:
        HTTPException: 422 for an empty upload, 413 for one over the limit, 415 for one
            of another kind.
    """
    if not data:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "the upload is empty")
    if len(data) > limit:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"the upload has {len(data)} bytes; the limit is {limit}",
        )
    head = data[:HEAD_BYTES]
    kind = sniff_kind(gunzip_head(head) if is_gzip(head) else head, name)
    if kind not in ACCEPTED_KINDS:
        accepted = ", ".join(_KIND_NAMES[k] for k in ACCEPTED_KINDS)
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"uploads must be {accepted} (gzipped or not); {name!r} looks like {kind}",
        )
    return kind


def analyse_upload(
    data: bytes, name: str, *, tagger: str, published: date | None
) -> tuple[list[Article], list[Problem]]:
    """Read and analyse the articles in an uploaded file, storing nothing.

    Args:
        data: the uploaded bytes, already checked.
        name: the safe file name, recorded as each article's ``path``.
        tagger: the attribution tagger mode.
        published: the publication date for articles that give none.

    Returns:
        The analysed articles, and the problems of the parts that gave none.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="onrecord-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        with _ANALYSIS_LOCK:
            pipeline = default_pipeline(tagger)
            for item in analyse_inputs([str(path)], pipeline=pipeline, published=published):
                if isinstance(item, Problem):
                    problems.append(item)
                else:
                    articles.append(item.evolve(path=name))
    return articles, problems


def analyse_text(
    text: str,
    *,
    tagger: str,
    published: date | None,
    url: str | None,
    title: str | None,
) -> Article:
    """Analyse one posted text the way ``onrecord extract`` does, storing nothing."""
    from onrecord.api import extract

    with _ANALYSIS_LOCK:
        return extract(text, published=published, url=url, title=title, tagger=tagger)


def store_articles(
    store: Store, articles: Sequence[Article], problems: Sequence[Problem]
) -> IngestReport:
    """Store analysed articles, link them to the record, and report what each became.

    Raises:
        HTTPException: 422 when the upload gave no article at all (nothing is stored).
    """
    reasons = [f"{problem.status}: {problem.reason}" for problem in problems]
    if not articles:
        detail = "; ".join(reasons) or "no article found"
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"the upload gave no article: {detail}"
        )
    report = []
    with _ANALYSIS_LOCK:
        for article in articles:
            result = store.add(article)
            report.append(
                IngestedArticle(
                    id=result.article_id,
                    status=result.status,
                    title=article.title,
                    analysed=article.analysed,
                )
            )
        # people, claims and stories across articles, as a command-line ingest links them
        link_unlinked(store)
    return IngestReport(articles=report, problems=reasons)
