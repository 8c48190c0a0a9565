"""The embedded SQLite backend (WAL mode, one transaction per stored article)."""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from onrecord.errors import StorageError
from onrecord.store.migrations import Dialect
from onrecord.store.sql import SNIPPET_MARKS, SQLStore

log = logging.getLogger(__name__)


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


class SQLiteStore(SQLStore):
    """A :class:`Store` in one SQLite file.

    Args:
        path: the database file; created with its folders when missing.

    Raises:
        StorageError: when the file is not a database, cannot be opened, or was written
            by a newer onrecord.
    """

    dialect: ClassVar[Dialect] = "sqlite"
    _DATABASE_ERRORS: ClassVar[tuple[type[Exception], ...]] = (sqlite3.Error,)

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db = _connect(self.path)
        try:
            self._migrate(str(self.path))
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise StorageError(
                f"{str(self.path)!r} is not an onrecord database: {error}"
            ) from error
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    # The primitives shared SQL code (store/sql.py, store/links.py) is written against:
    # ``?`` placeholders, rows as dicts, writes inside ``self._transaction()``.

    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        return [dict(row) for row in self._db.execute(sql, tuple(params)).fetchall()]

    def _run(self, sql: str, params: Sequence[object] = ()) -> None:
        self._db.execute(sql, tuple(params))

    def _run_many(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        self._db.executemany(sql, rows)

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    # -- dialect hooks

    def _search_rows(self, text: str, limit: int) -> list[dict[str, Any]]:
        query = fts5_query(text)
        if query is None:
            return []
        return self._fetch(
            "SELECT search_index.article_id AS article_id, search_index.n AS n, a.title,"
            " a.published, a.outlet, q.speaker,"
            " snippet(search_index, 3, ?, ?, '…', 16) AS snippet,"
            # bm25 is lower for better hits; a heading match weighs twice a body match
            " -bm25(search_index, 0.0, 0.0, 2.0, 1.0) AS score"
            " FROM search_index JOIN articles a ON a.id = search_index.article_id"
            " LEFT JOIN quotes q"
            " ON q.article_id = search_index.article_id AND q.n = search_index.n"
            " WHERE search_index MATCH ?"
            " ORDER BY score DESC, search_index.article_id, search_index.n LIMIT ?",
            (*SNIPPET_MARKS, query, limit),
        )

    def _list_tables(self) -> list[str]:
        rows = self._fetch("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return [row["name"] for row in rows]

    def _list_columns(self, table: str) -> list[str]:
        escaped = table.replace('"', '""')
        return [row["name"] for row in self._fetch(f'PRAGMA table_info("{escaped}")')]


_QUOTE_MARKS = str.maketrans({mark: '"' for mark in "“”„‟«»″"})
_TERMS = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


def fts5_query(text: str) -> str | None:
    """Turn what a user typed into a safe FTS5 query, the way a web search reads it.

    ``"a phrase"`` is a phrase, ``or`` between terms is an alternative, ``-word`` or
    ``-"a phrase"`` excludes; every other character that is not part of a word is
    ignored, and an unclosed quote runs to the end. Each term is passed to FTS5 as a
    quoted string, so FTS5 syntax in the input (``NEAR``, ``*``, ``col:``) is just text.

    Returns:
        The FTS5 query, or None when the text holds no word to look for.
    """
    groups: list[list[tuple[bool, list[str]]]] = [[]]
    for match in _TERMS.finditer(text.translate(_QUOTE_MARKS)):
        sign, phrase, word = match.groups()
        if word is not None and word.lower() == "or":
            groups.append([])
            continue
        if word is not None:
            negated, words = word.startswith("-"), _WORD.findall(word)
        else:
            negated, words = bool(sign), _WORD.findall(phrase)
        if words:
            groups[-1].append((negated, words))
    rendered = [_fts5_group(group) for group in groups]
    alternatives = [group for group in rendered if group]
    return " OR ".join(alternatives) if alternatives else None


def _fts5_group(terms: list[tuple[bool, list[str]]]) -> str:
    """All the group's terms, less its excluded ones; empty when nothing is wanted."""
    wanted = [_fts5_phrase(words) for negated, words in terms if not negated]
    if not wanted:
        return ""
    expression = "(" + " AND ".join(wanted) + ")"
    for negated, words in terms:
        if negated:
            expression = f"({expression} NOT {_fts5_phrase(words)})"
    return expression


def _fts5_phrase(words: list[str]) -> str:
    # words hold only word characters, so no quote mark needs escaping
    return '"' + " ".join(words) + '"'


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
