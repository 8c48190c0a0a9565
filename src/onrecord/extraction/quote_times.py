"""When each quote was said: a time expression of its attribution, else the article's date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from onrecord.extraction.sentences import sentence_at
from onrecord.records import Quote, TimeExpr

_SPEECH_TIME_TYPES = frozenset({"DATE", "TIME"})
_VAGUE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


def _time_of_cue(quote: Quote, times: Sequence[TimeExpr], doc: Doc) -> str | None:
    """The value of the time expression nearest the cue in its sentence, outside the content."""
    if quote.cue is None:
        return None
    sentence = sentence_at(doc, quote.cue.start)
    if sentence is None:
        return None
    bounds = sentence.start_char, sentence.end_char
    candidates = [
        t
        for t in times
        if bounds[0] <= t.span.start
        and t.span.end <= bounds[1]
        and t.type in _SPEECH_TIME_TYPES
        and t.value
        and t.value not in _VAGUE_VALUES
        and not any(c.start <= t.span.start < c.end for c in quote.content)
    ]
    if not candidates:
        return None
    nearest = min(candidates, key=lambda t: abs(t.span.start - quote.cue.start))  # type: ignore[union-attr]
    return nearest.value


def date_quotes(
    quotes: Sequence[Quote], times: Sequence[TimeExpr], doc: Doc, published: date | None
) -> tuple[Quote, ...]:
    """Set ``when`` on each quote.

    Args:
        quotes: the article's quotes.
        times: its normalised time expressions.
        doc: the parsed body.
        published: the publication date, the fallback.

    Returns:
        The quotes with ``when``/``when_from``: "Peskov told reporters on Thursday" takes
        Thursday's date (``text``); a quote whose sentence names no time takes the
        publication date (``published``); with neither, ``none``. A continuation takes the
        time of the quote it continues.
    """
    dated: list[Quote] = []
    for quote in quotes:
        value = _time_of_cue(quote, times, doc)
        if value is not None:
            dated.append(replace(quote, when=value, when_from="text"))
        elif quote.cue is None and dated and dated[-1].speaker == quote.speaker and quote.speaker:
            dated.append(replace(quote, when=dated[-1].when, when_from=dated[-1].when_from))
        elif published is not None:
            dated.append(replace(quote, when=published.isoformat(), when_from="published"))
        else:
            dated.append(quote)
    return tuple(dated)
