"""The SQL every backend shares, written once against four small database primitives.

A backend (SQLite, PostgreSQL) supplies ``_fetch``, ``_run``, ``_run_many`` and
``_transaction``, all with ``?`` placeholders, plus the few hooks whose SQL cannot be
portable (full-text search, the catalogue of tables). Everything else lives here.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, ClassVar

from onrecord.errors import ConfigError, StorageError
from onrecord.records import Article, article_from_dict, article_to_dict
from onrecord.store.base import AddResult, QuoteFilter, Store
from onrecord.store.migrations import (
    LATEST_VERSION,
    MIGRATIONS,
    SEARCH_BODY_CHARS,
    Dialect,
    statements_for,
)
from onrecord.store.rows import entity_rows, quote_rows, search_rows, time_rows

_ARTICLE_COLUMNS = (
    "id, url, path, title, outlet, published, published_from, language, analysed,"
    " input_kind, version, ingested_at, record"
)

SNIPPET_MARKS = ("[", "]")
"""What search snippets put around the words that matched."""

# tables that hold bookkeeping or indexes rather than the record itself
_INTERNAL_TABLES = frozenset(
    {"schema_migrations", "search_index", "claim_buckets", "store_settings"}
)
_INTERNAL_PREFIXES = ("search_index_", "sqlite_")
# columns that exports leave out: the full JSON record (its text is exported instead)
# and cached claim embeddings
_HEAVY_COLUMNS = {
    "articles": frozenset({"record"}),
    "claims": frozenset({"embedding", "signature"}),
}
_FIRST_TABLES = ("articles", "entities", "quotes", "times")
_ARTICLE_PAGE = 200


class SQLStore(Store):
    """A :class:`Store` over a SQL database; subclasses supply the connection.

    Subclasses implement the primitives: ``_fetch(sql, params)`` returns rows as dicts,
    ``_run(sql, params)`` and ``_run_many(sql, rows)`` write, and ``_transaction()`` is a
    context manager inside which writes are atomic (committed on success, rolled back
    on an exception). SQL uses ``?`` placeholders on every backend.
    """

    dialect: ClassVar[Dialect]
    _DATABASE_ERRORS: ClassVar[tuple[type[Exception], ...]] = ()

    @abstractmethod
    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        """Run a query and return its rows as dicts."""

    @abstractmethod
    def _run(self, sql: str, params: Sequence[object] = ()) -> None:
        """Run one statement."""

    @abstractmethod
    def _run_many(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        """Run one statement for each row of parameters."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]:
        """A context in which writes are atomic; one writer at a time."""

    @abstractmethod
    def _search_rows(self, text: str, limit: int) -> list[dict[str, Any]]:
        """Backend full-text search: rows of :meth:`search` without ``kind``."""

    @abstractmethod
    def _list_tables(self) -> list[str]:
        """Every table of the database."""

    @abstractmethod
    def _list_columns(self, table: str) -> list[str]:
        """The columns of one table, in table order."""

    # -- schema

    def _migrate(self, label: str) -> None:
        """Bring the schema up to :data:`LATEST_VERSION`, one transaction per step."""
        with self._transaction():
            self._run(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                " description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        current = self.schema_version
        if current > LATEST_VERSION:
            raise StorageError(
                f"database {label!r} has schema v{current}; this onrecord knows up to"
                f" v{LATEST_VERSION}: upgrade onrecord"
            )
        for version, description, statements in MIGRATIONS:
            if version <= current:
                continue
            with self._transaction():
                # another process may have migrated while this one waited for the lock
                if self.schema_version >= version:
                    continue
                for statement in statements_for(self.dialect, statements):
                    self._run(statement)
                self._run(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    (version, description, _now()),
                )

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        (row,) = self._fetch("SELECT MAX(version) AS version FROM schema_migrations")
        return int(row["version"] or 0)

    # -- writing

    def add(self, article: Article) -> AddResult:
        try:
            with self._transaction():
                rows = self._fetch("SELECT version FROM articles WHERE id = ?", (article.id,))
                if rows:
                    return AddResult("existing", article.id, int(rows[0]["version"]))
                version = 1
                if article.url:
                    (row,) = self._fetch(
                        "SELECT MAX(version) AS latest FROM articles WHERE url = ?",
                        (article.url,),
                    )
                    version = int(row["latest"] or 0) + 1
                self._insert(article, version)
        except self._DATABASE_ERRORS as error:
            raise StorageError(f"cannot store article {article.id[:12]}: {error}") from error
        return AddResult("new" if version == 1 else "new_version", article.id, version)

    def _insert(self, article: Article, version: int) -> None:
        record = json.dumps(article_to_dict(article), ensure_ascii=False)
        self._run(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({', '.join('?' * 13)})",
            (
                article.id,
                article.url,
                article.path,
                article.title,
                article.outlet,
                article.published.isoformat() if article.published else None,
                article.published_from,
                article.language,
                int(article.analysed),
                article.input_kind,
                version,
                _now(),
                record,
            ),
        )
        self._run_many("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)", entity_rows(article))
        self._run_many(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", quote_rows(article)
        )
        self._run_many("INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?)", time_rows(article))
        self._run_many(
            "INSERT INTO search_index (article_id, n, heading, body) VALUES (?, ?, ?, ?)",
            search_rows(article, SEARCH_BODY_CHARS),
        )

    # -- reading

    def has(self, article_id: str) -> bool:
        return bool(self._fetch("SELECT 1 AS found FROM articles WHERE id = ?", (article_id,)))

    def get(self, article_id: str) -> Article | None:
        rows = self._fetch(
            "SELECT record FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
            (_like_escape(article_id) + "%",),
        )
        if len(rows) != 1:
            return None
        return article_from_dict(json.loads(rows[0]["record"]))

    def articles(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        sql, params = _limited(
            "SELECT a.id, a.published, a.outlet, a.title, a.language, a.analysed, a.version,"
            " a.url, a.path,"
            " (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,"
            " (SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id) AS entities"
            " FROM articles a ORDER BY a.published IS NULL, a.published DESC, a.ingested_at",
            [],
            limit,
        )
        return self._fetch(sql, params)

    def quotes(self, where: QuoteFilter = QuoteFilter()) -> list[dict[str, Any]]:
        conditions, params = _quote_conditions(where)
        sql, params = _limited(
            "SELECT a.published, a.outlet, q.when_value AS said_on, q.when_from, q.speaker,"
            " q.kind, q.polarity, q.cue, q.content, q.via, q.venue, q.anonymous, q.article_id,"
            " q.n"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
            f" WHERE {' AND '.join(conditions)}"
            " ORDER BY COALESCE(q.when_value, a.published) IS NULL,"
            " COALESCE(q.when_value, a.published), q.article_id, q.n",
            params,
            where.limit,
        )
        return [_decode_quote(row) for row in self._fetch(sql, params)]

    def people(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        sql, params = _limited(
            "SELECT name, type, COUNT(DISTINCT article_id) AS articles,"
            " CAST(SUM(mentions) AS INTEGER) AS mentions, MAX(roles) AS roles"
            " FROM entities WHERE type IN ('PERSON', 'ORG')"
            " GROUP BY name, type ORDER BY articles DESC, mentions DESC, name",
            [],
            limit,
        )
        rows = self._fetch(sql, params)
        return [dict(row, roles=json.loads(row["roles"] or "[]")) for row in rows]

    def search(self, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
        if not text or not text.strip():
            raise ConfigError("search text is empty: give one or more words to find")
        if limit < 1:
            raise ConfigError(f"search limit must be 1 or more, got {limit}")
        return [
            {
                "kind": "article" if row["n"] is None else "quote",
                "article_id": row["article_id"],
                "n": None if row["n"] is None else int(row["n"]),
                "title": row["title"],
                "published": row["published"],
                "outlet": row["outlet"],
                "speaker": row["speaker"],
                "snippet": row["snippet"],
                "score": round(float(row["score"]), 6),
            }
            for row in self._search_rows(text.strip(), limit)
        ]

    # -- whole tables, for exports

    def table_names(self) -> list[str]:
        names = [name for name in self._list_tables() if not _is_internal(name)]
        first = [name for name in _FIRST_TABLES if name in names]
        return first + sorted(name for name in names if name not in _FIRST_TABLES)

    def table_columns(self, table: str) -> list[str]:
        if table not in self.table_names():
            raise ConfigError(f"no table {table!r} to export; tables: {self.table_names()}")
        heavy = _HEAVY_COLUMNS.get(table, frozenset())
        columns = [column for column in self._list_columns(table) if column not in heavy]
        return columns + ["text"] if table == "articles" else columns

    def iter_table(self, table: str) -> Iterator[dict[str, Any]]:
        columns = self.table_columns(table)
        if table == "articles":
            yield from self._iter_articles_table(columns[:-1])
            return
        listed = ", ".join(_quote_name(column) for column in columns)
        order = ", ".join(str(position) for position in range(1, len(columns) + 1))
        yield from self._fetch(f"SELECT {listed} FROM {_quote_name(table)} ORDER BY {order}")

    def _iter_articles_table(self, columns: list[str]) -> Iterator[dict[str, Any]]:
        # articles carry their whole text: read them a page at a time, in id order
        listed = ", ".join(_quote_name(column) for column in columns)
        last = ""
        while True:
            rows = self._fetch(
                f"SELECT {listed}, record FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                (last, _ARTICLE_PAGE),
            )
            for row in rows:
                record = json.loads(row.pop("record"))
                yield row | {"text": record.get("text", "")}
            if len(rows) < _ARTICLE_PAGE:
                return
            last = rows[-1]["id"]


def _quote_conditions(where: QuoteFilter) -> tuple[list[str], list[object]]:
    conditions: list[str] = ["1 = 1"]
    params: list[object] = []
    contains = (("q.speaker", where.who), ("q.via", where.via), ("a.outlet", where.outlet))
    for column, value in contains:
        if value:
            conditions.append(f"LOWER({column}) LIKE ? ESCAPE '\\'")
            params.append(f"%{_like_escape(value.lower())}%")
    if where.stance:
        conditions.append("q.polarity = ?")
        params.append(where.stance)
    if where.complete:
        conditions.append("q.content != ''")
        conditions.append("(COALESCE(q.speaker, '') != '' OR COALESCE(q.cue, '') != '')")
    if where.article_id:
        conditions.append("q.article_id LIKE ? ESCAPE '\\'")
        params.append(_like_escape(where.article_id) + "%")
    said = "COALESCE(q.when_value, a.published)"
    if where.since or where.until:
        # only calendar values take part: not PRESENT_REF and the like
        conditions.append(f"SUBSTR({said}, 1, 1) BETWEEN '0' AND '9'")
    if where.since:
        # a coarser value ("2021-04") that the first day lies in overlaps the range
        conditions.append(f"({said} >= ? OR ? LIKE {said} || '%')")
        params += [where.since.isoformat(), where.since.isoformat()]
    if where.until:
        conditions.append(f"SUBSTR({said}, 1, 10) <= ?")
        params.append(where.until.isoformat())
    if where.story_id:
        conditions.append(
            "q.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)"
        )
        params.append(where.story_id)
    return conditions, params


def _limited(sql: str, params: list[object], limit: int | None) -> tuple[str, list[object]]:
    """Add a LIMIT when one is given (PostgreSQL has no ``LIMIT -1``)."""
    if limit is None:
        return sql, params
    if limit < 0:
        raise ConfigError(f"limit must be 0 or more, got {limit}")
    return sql + " LIMIT ?", [*params, limit]


def _like_escape(value: str) -> str:
    """Escape LIKE wildcards so that user text matches itself (with ``ESCAPE '\\'``)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _is_internal(table: str) -> bool:
    return table in _INTERNAL_TABLES or table.startswith(_INTERNAL_PREFIXES)


def _decode_quote(row: dict[str, Any]) -> dict[str, Any]:
    row["via"] = json.loads(row["via"])
    row["venue"] = json.loads(row["venue"])
    row["anonymous"] = bool(row["anonymous"])
    return row


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
