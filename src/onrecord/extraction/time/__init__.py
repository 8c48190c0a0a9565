"""Find time expressions in article text and normalise them to TIMEX3 values.

The public entry point is :func:`find_times`; ``patterns`` finds the expressions, ``normalize``
gives their values (``clock`` and ``duration`` those of clock times, durations and sets;
``context`` holds what every normaliser sees), ``anchor`` resolves relative ones against the
publication date and ``tense`` tells past from future clauses.
"""

from __future__ import annotations

import logging
from datetime import date

from spacy.tokens import Doc

# importing a topic module registers its normalisers
from onrecord.extraction.time import clock, duration  # noqa: F401
from onrecord.extraction.time.context import Context, Discourse
from onrecord.extraction.time.normalize import is_time, normalise
from onrecord.extraction.time.patterns import AGE_RULE, scan
from onrecord.records import Span, TimeExpr

logger = logging.getLogger(__name__)

__all__ = ["find_times"]


def find_times(text: str, published: date | None, doc: Doc | None = None) -> list[TimeExpr]:
    """Find every time expression of ``text`` and normalise it against ``published``.

    Args:
        text: The article text.
        published: The document creation time; when None, relative expressions get no value or
            an underspecified one ("XXXX-04-23"), never a guessed year.
        doc: Optional spaCy parse of exactly ``text``; used to tell past from future clauses.

    Returns:
        The time expressions in text order, with TIMEX3 type and value. Ages ("66-year-old")
        are not among them: TimeML does not annotate them, and
        :func:`onrecord.extraction.quantities.find_quantities` reports them.

    Raises:
        ValueError: When ``doc`` is not a parse of ``text``.

    Notes:
        Grammar and values follow TimeML 1.2.1 (TIMEX3) and the TempEval-3 corpora; tense
        handling follows HeidelTime (Strötgen & Gertz, 2013).
    """
    if doc is not None and not _is_parse_of(doc, text):
        raise ValueError("doc must be a parse of exactly text (same characters and offsets)")
    found: list[TimeExpr] = []
    discourse = Discourse()
    for candidate in scan(text):
        if candidate.rule == AGE_RULE.name:
            # "66-year-old" is an age, reported among the quantities, not a time
            continue
        context = Context(text, published, doc, candidate.start, candidate.end, discourse)
        if not is_time(candidate.rule, candidate.match, context):
            continue
        kind, value = normalise(candidate.rule, candidate.match, context)
        discourse.note(candidate.rule, value)
        found.append(TimeExpr(Span.of(text, candidate.start, candidate.end), kind, value))
    logger.debug("found %d time expressions", len(found))
    return found


def _is_parse_of(doc: Doc, text: str) -> bool:
    """Whether ``doc`` covers exactly ``text``: same length, same first and last tokens.

    Rebuilding ``doc.text`` costs a quarter of the time finding; the ends tell a wrong text.
    """
    if len(doc) == 0:
        return not text
    first, last = doc[0], doc[-1]
    return (
        last.idx + len(last.text_with_ws) == len(text)
        and text.startswith(first.text, first.idx)
        and text.startswith(last.text, last.idx)
    )
