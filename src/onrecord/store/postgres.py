"""The PostgreSQL backend (psycopg 3): the shared SQL on a server, with its own full-text search."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.rows import dict_row

from onrecord.errors import StorageError
from onrecord.store.migrations import Dialect
from onrecord.store.sql import SNIPPET_MARKS, SQLStore

log = logging.getLogger(__name__)

# every writing transaction holds this advisory lock, so that writers take turns as they
# do on SQLite (BEGIN IMMEDIATE): version numbers and existence checks cannot race
_WRITE_LOCK = 0x6F6E7265636F7264  # "onrecord"

_HEADLINE = (
    f"StartSel={SNIPPET_MARKS[0]}, StopSel={SNIPPET_MARKS[1]},"
    " MaxWords=16, MinWords=6, ShortWord=2, MaxFragments=1"
)


def redact_url(url: str) -> str:
    """The URL with any password replaced by ``***``, fit for messages and logs."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if parts.password is not None:
            user_info, host = netloc.rsplit("@", 1)
            netloc = f"{user_info.split(':', 1)[0]}:***@{host}"
        query = re.sub(r"(password=)[^&]*", r"\1***", parts.query)
        return urlunsplit(parts._replace(netloc=netloc, query=query))
    except ValueError:
        return "postgresql://…"


class PostgresStore(SQLStore):
    """A :class:`Store` in a PostgreSQL database (its tables in the current schema).

    Args:
        url: a libpq connection URL, ``postgresql://user:password@host:port/dbname``.

    Raises:
        StorageError: when the server cannot be reached, the database or role does not
            exist, or the schema was written by a newer onrecord.
    """

    dialect: ClassVar[Dialect] = "postgresql"
    _DATABASE_ERRORS: ClassVar[tuple[type[Exception], ...]] = (psycopg.Error,)

    def __init__(self, url: str) -> None:
        self.url = url
        label = redact_url(url)
        try:
            self._db = psycopg.connect(
                url, autocommit=True, row_factory=dict_row, connect_timeout=10
            )
        except psycopg.Error as error:
            raise StorageError(f"cannot open database {label!r}: {error}") from error
        try:
            self._migrate(label)
        except psycopg.Error as error:
            self._db.close()
            raise StorageError(f"cannot migrate database {label!r}: {error}") from error
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    # -- the primitives of store/sql.py

    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        with self._db.cursor() as cursor:
            cursor.execute(to_pyformat(sql), tuple(params))
            return list(cursor.fetchall()) if cursor.description else []

    def _run(self, sql: str, params: Sequence[object] = ()) -> None:
        with self._db.cursor() as cursor:
            cursor.execute(to_pyformat(sql), tuple(params))

    def _run_many(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        batch = [tuple(row) for row in rows]
        if batch:
            with self._db.cursor() as cursor:
                cursor.executemany(to_pyformat(sql), batch)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._db.transaction():
            self._run("SELECT pg_advisory_xact_lock(?)", (_WRITE_LOCK,))
            yield

    # -- dialect hooks

    def _search_rows(self, text: str, limit: int) -> list[dict[str, Any]]:
        # websearch_to_tsquery reads raw user text ("phrases", or, -word) and never fails
        return self._fetch(
            "WITH query AS (SELECT websearch_to_tsquery('english', ?) AS q),"
            " hits AS ("
            " SELECT s.article_id, s.n, s.body, ts_rank(s.document, query.q) AS score"
            " FROM search_index s CROSS JOIN query WHERE s.document @@ query.q"
            " ORDER BY score DESC, s.article_id, s.n LIMIT ?)"
            " SELECT h.article_id, h.n, a.title, a.published, a.outlet, q.speaker,"
            " ts_headline('english', h.body, query.q, ?) AS snippet, h.score"
            " FROM hits h CROSS JOIN query JOIN articles a ON a.id = h.article_id"
            " LEFT JOIN quotes q ON q.article_id = h.article_id AND q.n = h.n"
            " ORDER BY h.score DESC, h.article_id, h.n",
            (text.replace("\x00", " "), limit, _HEADLINE),
        )

    def _list_tables(self) -> list[str]:
        rows = self._fetch(
            "SELECT table_name AS name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            " ORDER BY table_name"
        )
        return [str(row["name"]) for row in rows]

    def _list_columns(self, table: str) -> list[str]:
        rows = self._fetch(
            "SELECT column_name AS name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ?"
            " ORDER BY ordinal_position",
            (table,),
        )
        return [str(row["name"]) for row in rows]


@lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """Rewrite ``?`` placeholders as psycopg's ``%s``, and a literal ``%`` as ``%%``.

    A ``?`` inside a string literal, a quoted name or a comment is left alone (psycopg
    reads ``%`` everywhere, so that one is doubled everywhere). Dollar-quoted strings
    and ``E''`` escapes are not understood: shared SQL does not use them.
    """
    out: list[str] = []
    closing: str | None = None  # what ends the literal, name or comment we are in
    i = 0
    while i < len(sql):
        char = sql[i]
        if closing is not None:
            if sql.startswith(closing, i):
                out.append(closing)
                i += len(closing)
                closing = None
                continue
        elif char in "'\"":
            closing = char
        elif sql.startswith("--", i):
            closing = "\n"
        elif sql.startswith("/*", i):
            closing = "*/"
            out.append("/*")
            i += 2
            continue
        elif char == "?":
            char = "%s"
        out.append("%%" if char == "%" else char)
        i += 1
    return "".join(out)
