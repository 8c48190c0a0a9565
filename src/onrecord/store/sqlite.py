"""The embedded SQLite backend (WAL mode, one transaction per stored article)."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from onrecord.errors import StorageError
from onrecord.records import Article, article_from_dict, article_to_dict
from onrecord.store.base import AddResult, QuoteFilter, Store
from onrecord.store.migrations import LATEST_VERSION, MIGRATIONS
from onrecord.store.rows import entity_rows, quote_rows, time_rows

log = logging.getLogger(__name__)

_ARTICLE_COLUMNS = (
    "id, url, path, title, outlet, published, published_from, language, analysed,"
    " input_kind, version, ingested_at, record"
)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA synchronous=NORMAL")
    except (OSError, sqlite3.Error) as error:
        raise StorageError(f"cannot open database {str(path)!r}: {error}") from error
    return connection


class SQLiteStore(Store):
    """A :class:`Store` in one SQLite file.

    Args:
        path: the database file; created with its folders when missing.

    Raises:
        StorageError: when the file is not a database, cannot be opened, or was written
            by a newer onrecord.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db = _connect(self.path)
        try:
            self._migrate()
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise StorageError(
                f"{str(self.path)!r} is not an onrecord database: {error}"
            ) from error

    def _schema_version(self) -> int:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations"
            " (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        row = self._db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        current = self._schema_version()
        if current > LATEST_VERSION:
            raise StorageError(
                f"database {str(self.path)!r} has schema v{current}; this onrecord knows up to"
                f" v{LATEST_VERSION}: upgrade onrecord"
            )
        for version, description, statements in MIGRATIONS:
            if version <= current:
                continue
            log.info("migrating %s to schema v%d (%s)", self.path, version, description)
            with self._transaction():
                for statement in statements:
                    self._db.execute(statement)
                self._db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    (version, description, _now()),
                )

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return self._schema_version()

    def add(self, article: Article) -> AddResult:
        with self._transaction():
            row = self._db.execute(
                "SELECT version FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
            if row is not None:
                return AddResult("existing", article.id, int(row["version"]))
            version = 1
            if article.url:
                (latest,) = self._db.execute(
                    "SELECT MAX(version) FROM articles WHERE url = ?", (article.url,)
                ).fetchone()
                version = int(latest or 0) + 1
            self._insert(article, version)
        return AddResult("new" if version == 1 else "new_version", article.id, version)

    def _insert(self, article: Article, version: int) -> None:
        record = json.dumps(article_to_dict(article), ensure_ascii=False)
        self._db.execute(
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
        self._db.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)", entity_rows(article)
        )
        self._db.executemany(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", quote_rows(article)
        )
        self._db.executemany("INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?)", time_rows(article))

    def has(self, article_id: str) -> bool:
        query = "SELECT 1 FROM articles WHERE id = ?"
        return self._db.execute(query, (article_id,)).fetchone() is not None

    def get(self, article_id: str) -> Article | None:
        rows = self._db.execute(
            "SELECT record FROM articles WHERE id LIKE ? LIMIT 2", (article_id + "%",)
        ).fetchall()
        if len(rows) != 1:
            return None
        return article_from_dict(json.loads(rows[0]["record"]))

    def articles(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        rows = self._db.execute(
            "SELECT a.id, a.published, a.outlet, a.title, a.language, a.analysed, a.version,"
            " a.url, a.path,"
            " (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,"
            " (SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id) AS entities"
            " FROM articles a ORDER BY a.published IS NULL, a.published DESC, a.ingested_at"
            " LIMIT ?",
            (-1 if limit is None else limit,),
        ).fetchall()
        return [dict(row) for row in rows]

    def quotes(self, where: QuoteFilter = QuoteFilter()) -> list[dict[str, Any]]:
        conditions, params = ["1 = 1"], []
        if where.who:
            conditions.append("LOWER(q.speaker) LIKE ?")
            params.append(f"%{where.who.lower()}%")
        if where.via:
            conditions.append("LOWER(q.via) LIKE ?")
            params.append(f"%{where.via.lower()}%")
        if where.denials:
            conditions.append("q.polarity = 'deny'")
        if where.with_content:
            conditions.append("q.content != ''")
        if where.article_id:
            conditions.append("q.article_id LIKE ?")
            params.append(where.article_id + "%")
        rows = self._db.execute(
            "SELECT a.published, a.outlet, q.when_value AS said_on, q.when_from, q.speaker,"
            " q.kind, q.polarity, q.cue, q.content, q.via, q.venue, q.anonymous, q.article_id,"
            " q.n"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
            f" WHERE {' AND '.join(conditions)}"
            " ORDER BY COALESCE(q.when_value, a.published) IS NULL,"
            " COALESCE(q.when_value, a.published), q.article_id, q.n LIMIT ?",
            (*params, -1 if where.limit is None else where.limit),
        ).fetchall()
        return [_decode_quote(dict(row)) for row in rows]

    def people(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        rows = self._db.execute(
            "SELECT name, type, COUNT(DISTINCT article_id) AS articles,"
            " SUM(mentions) AS mentions, MAX(roles) AS roles"
            " FROM entities WHERE type IN ('PERSON', 'ORG')"
            " GROUP BY name, type ORDER BY articles DESC, mentions DESC, name LIMIT ?",
            (-1 if limit is None else limit,),
        ).fetchall()
        return [dict(row, roles=json.loads(row["roles"] or "[]")) for row in rows]

    def close(self) -> None:
        self._db.close()

    # The primitives shared SQL code (store/links.py) is written against: ``?``
    # placeholders, rows as dicts, writes inside ``self._transaction()``.

    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        return [dict(row) for row in self._db.execute(sql, tuple(params)).fetchall()]

    def _run(self, sql: str, params: Sequence[object] = ()) -> None:
        self._db.execute(sql, tuple(params))

    def _run_many(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        self._db.executemany(sql, rows)


def _decode_quote(row: dict[str, Any]) -> dict[str, Any]:
    row["via"] = json.loads(row["via"])
    row["venue"] = json.loads(row["venue"])
    row["anonymous"] = bool(row["anonymous"])
    return row


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self._db.execute("COMMIT")
        else:
            self._db.execute("ROLLBACK")
