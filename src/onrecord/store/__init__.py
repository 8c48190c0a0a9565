"""Storage: the repository interface and its backends."""

from __future__ import annotations

import os
from pathlib import Path

from onrecord.settings import DB_ENV, default_db_path
from onrecord.store.base import AddResult, QuoteFilter, Store
from onrecord.store.links import ClaimFilter
from onrecord.store.sqlite import SQLiteStore

__all__ = [
    "AddResult",
    "ClaimFilter",
    "QuoteFilter",
    "SQLiteStore",
    "Store",
    "is_postgres_url",
    "open_store",
]


def is_postgres_url(target: str | Path) -> bool:
    """Whether a database target names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def open_store(target: str | Path | None = None) -> Store:
    """Open (creating and migrating when needed) the database at ``target``.

    Args:
        target: a SQLite file path or a ``postgresql://user:password@host:port/dbname``
            URL; ``None`` means ``$ONRECORD_DB`` (either kind) or the per-user default file.

    Returns:
        A :class:`Store`; use it as a context manager or call ``close()``.

    Raises:
        StorageError: when the database cannot be opened or migrated.
    """
    if target is None:
        target = os.environ.get(DB_ENV) or default_db_path()
    if is_postgres_url(target):
        from onrecord.store.postgres import PostgresStore

        return PostgresStore(str(target))
    return SQLiteStore(target)
