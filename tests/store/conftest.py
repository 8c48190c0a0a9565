"""The ``store`` fixture: every store test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from onrecord.store import open_store


@pytest.fixture
def store(db_target):  # type: ignore[no-untyped-def]
    """An open, empty store on each backend."""
    with open_store(db_target) as opened:
        yield opened
