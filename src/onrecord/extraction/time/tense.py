"""Tell whether a time expression sits in a past or a future clause, from a parse or from cue words.

Notes:
    The rule follows HeidelTime's treatment of underspecified expressions (Strötgen & Gertz,
    2013): a weekday or month without a year points back from the document date in a past-tense
    clause and forward in a future one ("will meet on Thursday"); news defaults to the past.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

PAST, UNKNOWN, FUTURE = -1, 0, 1

_FUTURE_CUES = re.compile(
    r"\b(?:will|'ll|shall|going to|scheduled|plans? to|planned|expected to|is to|are to|due to"
    r"|would|next|upcoming|wo n't|won't)\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(r"\b(?:was|were|had|did|said|ago|last)\b|\w+ed\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
_WINDOW = 90


def _clause_verb(token: Token) -> Token | None:
    """The verb a time expression hangs from: the first verb among the token and its heads."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def _tense_of_verb(verb: Token) -> int | None:
    words = [child for child in verb.children if child.dep_ in ("aux", "auxpass")] + [verb]
    if any(word.lower_ in _FUTURE_AUX for word in words):
        return FUTURE
    if any(word.lower_ == "going" for word in words) and any(
        c.lower_ == "to" for c in verb.children
    ):
        return FUTURE
    if any(word.tag_ in ("VBD",) for word in words) or (verb.tag_ == "VBN" and len(words) > 1):
        return PAST
    if any(word.tag_ == "MD" for word in words):
        return FUTURE
    # a plain present ("says") tells nothing; fall back to the cue words
    return None


def tense_from_doc(doc: Doc, start: int, end: int) -> int | None:
    """The direction (PAST or FUTURE) of the clause of ``doc.text[start:end]``, from the parse.

    Args:
        doc: A parse of the article text.
        start: Character offset where the expression starts.
        end: Character offset where it ends.

    Returns:
        PAST, FUTURE, or None when the parse does not say.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _clause_verb(span.root)
    return _tense_of_verb(verb) if verb is not None else None


def tense_from_text(text: str, start: int, end: int) -> int:
    """The direction of the clause of ``text[start:end]``, from cue words in the same sentence.

    Args:
        text: The article text.
        start: Character offset where the expression starts.
        end: Character offset where it ends.

    Returns:
        FUTURE when the nearest cue before the expression (else the first after it) is a future
        one ("will", "scheduled"), PAST for a past one ("said", "-ed"), UNKNOWN (0) without cues.
    """
    left = text[max(0, start - _WINDOW) : start]
    boundaries = list(_SENTENCE_END.finditer(left))
    if boundaries:
        left = left[boundaries[-1].end() :]
    right = text[end : end + 40]
    cut = _SENTENCE_END.search(right)
    if cut:
        right = right[: cut.start()]
    futures = [m.end() for m in _FUTURE_CUES.finditer(left)]
    pasts = [m.end() for m in _PAST_CUES.finditer(left)]
    if futures or pasts:
        return FUTURE if futures and (not pasts or futures[-1] >= pasts[-1]) else PAST
    # no cue before the expression: the first cue after it decides
    future_after = _FUTURE_CUES.search(right)
    past_after = _PAST_CUES.search(right)
    if future_after and (not past_after or future_after.start() < past_after.start()):
        return FUTURE
    return PAST if past_after else UNKNOWN


def tense_at(text: str, start: int, end: int, doc: Doc | None) -> int:
    """The direction of the clause of an expression, from the parse when given, else from cues.

    Args:
        text: The article text.
        start: Character offset where the expression starts.
        end: Character offset where it ends.
        doc: A parse of ``text`` or None.

    Returns:
        PAST (-1), FUTURE (+1) or UNKNOWN (0).
    """
    if doc is not None:
        found = tense_from_doc(doc, start, end)
        if found is not None:
            return found
    return tense_from_text(text, start, end)
