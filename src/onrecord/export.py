"""Exports of the whole record: one file per table (JSON Lines, CSV, Parquet) or GKG-like.

docs/exports.md describes every file and column.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.errors import ConfigError, StorageError
from onrecord.records import Article, Entity
from onrecord.store import Store
from onrecord.store.rows import CONTENT_JOINER

TABLE_FORMATS = ("jsonl", "csv", "parquet")
EXPORT_FORMATS = (*TABLE_FORMATS, "gkg")
GKG_FILE = "gkg.jsonl"

# columns stored as JSON text: lists in JSON Lines and Parquet, JSON text in CSV
_JSON_COLUMNS = {
    "entities": frozenset({"aliases", "roles"}),
    "quotes": frozenset({"via", "venue"}),
    "person_mentions": frozenset({"reason"}),
}
_PERSON_TYPES = frozenset({"PERSON"})
_ORGANISATION_TYPES = frozenset({"ORG"})
_LOCATION_TYPES = frozenset({"GPE", "LOC", "FAC"})
_AMOUNT_TYPES = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL"})


@dataclass(frozen=True)
class ExportedFile:
    """One file an export wrote: which table (or ``gkg``) and how many rows."""

    path: Path
    table: str
    rows: int


def export_record(store: Store, out_dir: str | Path, fmt: str) -> list[ExportedFile]:
    """Write the store's record into ``out_dir``, replacing files of the same names.

    Args:
        store: the open store.
        out_dir: the folder to write to; created when missing.
        fmt: ``jsonl``, ``csv`` or ``parquet`` (a file per table: ``TABLE.FORMAT``), or
            ``gkg`` (one GDELT-GKG-like object per article in ``gkg.jsonl``).

    Returns:
        The files written, in order.

    Raises:
        ConfigError: for an unknown format, or an output folder that cannot be written.
    """
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"export format must be one of {list(EXPORT_FORMATS)}, got {fmt!r}")
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(f"cannot write exports to {str(folder)!r}: {error}") from error
    if fmt == "gkg":
        return [_write_gkg(store, folder / GKG_FILE)]
    return [
        _write_table(store, table, folder / f"{table}.{fmt}", fmt) for table in store.table_names()
    ]


def _write_table(store: Store, table: str, path: Path, fmt: str) -> ExportedFile:
    columns = store.table_columns(table)
    rows = store.iter_table(table)
    if fmt != "csv":
        rows = _decode_json(rows, _JSON_COLUMNS.get(table, frozenset()))
    temporary = path.with_name(path.name + ".partial")
    try:
        if fmt == "jsonl":
            count = _write_jsonl(rows, temporary)
        elif fmt == "csv":
            count = _write_csv(rows, columns, temporary)
        else:
            count = _write_parquet(rows, columns, temporary)
        # a finished file replaces the old one at once: a failed export leaves no half file
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ConfigError(f"cannot write {str(path)!r}: {error}") from error
    return ExportedFile(path, table, count)


def _decode_json(
    rows: Iterable[dict[str, Any]], columns: frozenset[str]
) -> Iterator[dict[str, Any]]:
    for row in rows:
        for column in columns & row.keys():
            if isinstance(row[column], str):
                row[column] = json.loads(row[column])
        yield row


def _write_jsonl(rows: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def _write_csv(rows: Iterable[dict[str, Any]], columns: list[str], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _write_parquet(rows: Iterable[dict[str, Any]], columns: list[str], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    values: dict[str, list[Any]] = {column: [] for column in columns}
    for row in rows:
        for column in columns:
            values[column].append(row.get(column))
    arrays = {column: _arrow_array(pa, column_values) for column, column_values in values.items()}
    pq.write_table(pa.table(arrays), path)
    return len(values[columns[0]]) if columns else 0


def _arrow_array(pa: Any, values: list[Any]) -> Any:
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        # a SQLite column holding mixed types: keep every value, as text
        return pa.array([None if value is None else str(value) for value in values], pa.string())


def _write_gkg(store: Store, path: Path) -> ExportedFile:
    temporary = path.with_name(path.name + ".partial")
    count = 0
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            for article in store.iter_articles():
                handle.write(json.dumps(gkg_record(article), ensure_ascii=False) + "\n")
                count += 1
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ConfigError(f"cannot write {str(path)!r}: {error}") from error
    except StorageError:
        temporary.unlink(missing_ok=True)
        raise
    return ExportedFile(path, "gkg", count)


def gkg_record(article: Article) -> dict[str, Any]:
    """One article in the shape of a GDELT Global Knowledge Graph record, plus speakers.

    Like GKG 2.1: persons, organisations, locations, dates, amounts and quotations, each
    with character offsets into the article text (``offsets`` of every mention; a
    quotation's ``offset`` and ``length``). Unlike GKG, each quotation names its speaker,
    its cue verb, its stance, when it was said and the outlets it was relayed through.

    Notes:
        GDELT 2.0 Global Knowledge Graph codebook (V2.1), fields V2Persons,
        V2Organizations, V2Locations, V2.1Dates, V2.1Amounts and V2.1Quotations.
    """
    return {
        "article_id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "persons": _entities(article, _PERSON_TYPES),
        "organisations": _entities(article, _ORGANISATION_TYPES),
        "locations": _entities(article, _LOCATION_TYPES),
        "dates": [
            {
                "text": time.span.text,
                "type": time.type,
                "value": time.value,
                "offset": time.span.start,
            }
            for time in article.times
        ],
        "amounts": [
            {"text": mention.text, "type": entity.type, "offset": mention.start}
            for entity in article.entities
            if entity.type in _AMOUNT_TYPES
            for mention in entity.mentions
        ],
        "quotations": [_quotation(article, number) for number in range(1, len(article.quotes) + 1)],
    }


def _entities(article: Article, types: frozenset[str]) -> list[dict[str, Any]]:
    return [_entity(entity) for entity in article.entities if entity.type in types]


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "roles": list(entity.roles),
        "offsets": [mention.start for mention in entity.mentions],
    }


def _quotation(article: Article, number: int) -> dict[str, Any]:
    quote = article.quotes[number - 1]
    start = quote.content[0].start if quote.content else None
    end = quote.content[-1].end if quote.content else None
    return {
        "n": number,
        "offset": start,
        "length": None if start is None or end is None else end - start,
        "quote": CONTENT_JOINER.join(span.text for span in quote.content),
        "parts": [[span.start, span.end] for span in quote.content],
        "verb": quote.cue.text if quote.cue else None,
        "verb_offset": quote.cue.start if quote.cue else None,
        "speaker": quote.speaker,
        "speaker_offset": quote.source.start if quote.source else None,
        "anonymous": quote.anonymous,
        "kind": quote.kind,
        "polarity": quote.polarity,
        "when": quote.when,
        "when_from": quote.when_from,
        "via": [via.name for via in quote.via],
        "venue": [venue.name for venue in quote.venue],
    }
