"""onrecord puts the news on record: who said what, when, to whom, according to whom.

Names are imported on first use, so that ``import onrecord`` (which spaCy does for the
``onrecord_attribution`` factory whenever it builds a pipeline) stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "extract": "onrecord.api",
    "ingest": "onrecord.api",
    "open_store": "onrecord.store",
    "Store": "onrecord.store",
    "QuoteFilter": "onrecord.store",
    "ClaimFilter": "onrecord.store",
    "IngestSummary": "onrecord.batch",
    "Article": "onrecord.records",
    "Entity": "onrecord.records",
    "Link": "onrecord.records",
    "Quote": "onrecord.records",
    "Span": "onrecord.records",
    "TimeExpr": "onrecord.records",
    "Via": "onrecord.records",
    "OnrecordError": "onrecord.errors",
    "ConfigError": "onrecord.errors",
    "InputError": "onrecord.errors",
    "StorageError": "onrecord.errors",
    "ExtractionError": "onrecord.errors",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from onrecord.api import extract, ingest
    from onrecord.batch import IngestSummary
    from onrecord.errors import (
        ConfigError,
        ExtractionError,
        InputError,
        OnrecordError,
        StorageError,
    )
    from onrecord.records import Article, Entity, Link, Quote, Span, TimeExpr, Via
    from onrecord.store import ClaimFilter, QuoteFilter, Store, open_store


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'onrecord' has no attribute {name!r}")
