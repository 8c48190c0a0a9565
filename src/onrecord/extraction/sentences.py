"""Cached look-ups on a parsed document: spaCy recomputes `doc.text` and `token.sent` each time."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

_KEY = "onrecord_sentence_starts"


def _starts(doc: Doc) -> tuple[list[int], list[Span]]:
    cached = doc.user_data.get(_KEY)
    if cached is None or cached[1] and cached[1][-1].end != len(doc):
        sentences = list(doc.sents)
        cached = ([s.start for s in sentences], sentences)
        doc.user_data[_KEY] = cached
    return cached


def sentence_of(token: Token) -> Span:
    """The sentence holding ``token``, found by bisection over cached sentence starts.

    Args:
        token: a token of a parsed document.

    Returns:
        Its sentence, the same span as ``token.sent``.
    """
    starts, sentences = _starts(token.doc)
    return sentences[bisect_right(starts, token.i) - 1]


def sentence_at(doc: Doc, position: int) -> Span | None:
    """The sentence holding the character at ``position``, or None past the last token."""
    piece = doc.char_span(position, position + 1, alignment_mode="expand")
    if piece is None or len(piece) == 0:
        return None
    return sentence_of(piece[0])


_TEXT_KEY = "onrecord_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins every token on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)
