"""Storage: the repository interface and its backends."""

from __future__ import annotations

from pathlib import Path

from onrecord.settings import default_db_path
from onrecord.store.base import AddResult, QuoteFilter, Store
from onrecord.store.sqlite import SQLiteStore

__all__ = ["AddResult", "QuoteFilter", "SQLiteStore", "Store", "open_store"]


def open_store(path: str | Path | None = None) -> Store:
    """Open (creating and migrating when needed) the database at ``path``.

    Args:
        path: a SQLite file path; ``None`` means ``$ONRECORD_DB`` or the per-user default.

    Returns:
        A :class:`Store`; use it as a context manager or call ``close()``.

    Raises:
        StorageError: when the database cannot be opened or migrated.
    """
    return SQLiteStore(default_db_path() if path is None else path)
