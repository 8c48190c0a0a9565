"""Articles as rows of CSV/TSV files, JSON Lines or a JSON array of objects.

Fields (case-insensitive): ``text`` (or ``content``/``body``/``article``), ``title``
(or ``headline``), ``url`` (or ``link``), ``date`` (or ``published``...) and ``outlet``
(or ``source``/``site``). The text is read with the plain-text rules, so a dateline at
its start is found; the columns win over what the text says.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import IO, Literal

from onrecord.ingest.dates import parse_date_value
from onrecord.ingest.files import too_large_reason
from onrecord.ingest.problems import Problem, failed, skipped
from onrecord.ingest.text import build_text_article
from onrecord.records import Article
from onrecord.settings import MAX_INPUT_BYTES

logger = logging.getLogger(__name__)

TableKind = Literal["csv", "tsv", "jsonl", "json"]

_FIELDS = {
    "text": ("text", "content", "body", "article", "article_text", "full_text", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link", "uri", "source_url"),
    "date": (
        "date",
        "published",
        "published_at",
        "publish_date",
        "publication_date",
        "pubdate",
        "date_publish",
        "datetime",
    ),
    "outlet": ("outlet", "source", "site", "sitename", "publisher", "source_domain"),
}


def read_table(
    stream: IO[str],
    kind: TableKind,
    source: str,
    *,
    path: str | None = None,
    published: date | None = None,
    warnings: tuple[str, ...] = (),
) -> Iterator[Article | Problem]:
    """Read the articles of a CSV/TSV, JSON Lines or JSON file.

    Args:
        stream: The decoded text, opened with ``newline=""`` for CSV.
        kind: ``csv``, ``tsv``, ``jsonl`` or ``json``.
        source: The file's name in problems (``#line N``/``#item N`` is appended).
        path: The file path to put on the articles.
        published: The user-given date for rows without one.
        warnings: Warnings to put on every article (e.g. a guessed encoding).

    Yields:
        An article per row with text (``input_kind`` is the table kind), a skipped
        problem per row without text, a failed problem per unreadable line.
    """
    rows = _json_rows(stream, kind, source) if kind in ("jsonl", "json") else None
    if rows is None:
        rows = _csv_rows(stream, "\t" if kind == "tsv" else ",", source)
    for where, row in rows:
        if isinstance(row, Problem):
            yield row
        else:
            yield row_article(
                row, where, path=path, published=published, kind=kind, warnings=warnings
            )


def row_article(
    row: Mapping[str, object],
    source: str,
    *,
    path: str | None = None,
    published: date | None = None,
    kind: str = "csv",
    warnings: tuple[str, ...] = (),
) -> Article | Problem:
    """Build the article of one row.

    Args:
        row: Field name to value (names are matched case-insensitively).
        source: The row's name in problems, e.g. ``data.csv#line 7``.
        path: The file path to put on the article.
        published: The user-given date, used when neither column nor text has one.
        kind: The ``input_kind`` of the article.
        warnings: Warnings to put on the article.

    Returns:
        The article, or a skipped problem when the row has no text.
    """
    fields = {str(name).strip().lower(): value for name, value in row.items() if name is not None}
    text = _first(fields, "text")
    if not text.strip():
        return skipped(source, "no text")
    if len(text) > MAX_INPUT_BYTES:
        return skipped(source, too_large_reason(len(text.encode("utf-8")), MAX_INPUT_BYTES))
    date_value = _first(fields, "date")
    metadata_date = parse_date_value(date_value)
    if date_value.strip() and metadata_date is None:
        warnings += (f"unreadable date {date_value.strip()[:40]!r}",)
    return build_text_article(
        text,
        title=_first(fields, "title").strip() or None,
        url=_first(fields, "url").strip() or None,
        metadata_date=metadata_date,
        outlet=_first(fields, "outlet").strip() or None,
        path=path,
        published=published,
        input_kind=kind,
        warnings=warnings,
        first_line_title=False,
    )


def _first(fields: Mapping[str, object], role: str) -> str:
    for name in _FIELDS[role]:
        value = fields.get(name)
        if value is not None and str(value).strip():
            return value if isinstance(value, str) else str(value)
    return ""


def _csv_rows(
    stream: IO[str], delimiter: str, source: str
) -> Iterator[tuple[str, Mapping[str, object] | Problem]]:
    # news articles are longer than csv's default field limit of 128 KiB
    csv.field_size_limit(max(csv.field_size_limit(), MAX_INPUT_BYTES))
    reader = csv.reader(stream, delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        return
    names = [name.strip().lstrip("\ufeff").lower() for name in header]
    if not any(name in _FIELDS["text"] for name in names):
        shown = ", ".join(names[:10])
        yield source, failed(source, f"no text column (columns: {shown})")
        return
    line = reader.line_num
    try:
        for values in reader:
            where = f"{source}#line {line + 1}"
            line = reader.line_num
            if any(value.strip() for value in values):
                yield where, dict(zip(names, values, strict=False))
    except csv.Error as error:
        yield source, failed(f"{source}#line {line + 1}", f"unreadable CSV: {error}")


def _json_rows(
    stream: IO[str], kind: str, source: str
) -> Iterable[tuple[str, Mapping[str, object] | Problem]]:
    if kind == "json":
        return _json_array_rows(stream, source)
    return _jsonl_rows(stream, source)


def _jsonl_rows(
    stream: IO[str], source: str
) -> Iterator[tuple[str, Mapping[str, object] | Problem]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{source}#line {number}"
        try:
            value = json.loads(line)
        except ValueError as error:
            yield where, failed(where, f"invalid JSON: {error}")
            continue
        if isinstance(value, dict):
            yield where, value
        else:
            yield where, failed(where, f"not a JSON object but {type(value).__name__}")


def _json_array_rows(
    stream: IO[str], source: str
) -> Iterator[tuple[str, Mapping[str, object] | Problem]]:
    try:
        items = json.loads(stream.read(MAX_INPUT_BYTES + 1))
    except ValueError as error:
        yield source, failed(source, f"invalid JSON: {error}")
        return
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        yield source, failed(source, f"not a JSON array of objects but {type(items).__name__}")
        return
    for number, item in enumerate(items, start=1):
        where = f"{source}#item {number}"
        if isinstance(item, dict):
            yield where, item
        else:
            yield where, failed(where, f"not a JSON object but {type(item).__name__}")
