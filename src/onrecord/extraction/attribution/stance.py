"""Stance (asserts or denies) and kind (direct, indirect, mixed) of an attribution."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from onrecord.extraction.attribution.cues import DENIAL_VERBS, DENIED_EVENT_VERBS, FALSEHOOD_WORDS
from onrecord.extraction.attribution.frames import CharSpan, Frame
from onrecord.extraction.attribution.marks import Quoted
from onrecord.extraction.sentences import text_of
from onrecord.records import Polarity, QuoteKind

_SLACK_CHARS = 3


def kind_of(content: Sequence[CharSpan], quoted: Sequence[Quoted]) -> QuoteKind:
    """``direct`` when the content is all quoted, ``mixed`` when partly, else ``indirect``."""
    inside = outside = 0
    for start, end in content:
        for position in range(start, end):
            if any(q.start - 1 <= position < q.end + 1 for q in quoted):
                inside += 1
            else:
                outside += 1
    if inside == 0:
        return "indirect"
    return "direct" if outside <= _SLACK_CHARS * len(content) else "mixed"


def _tokens_in(doc: Doc, span: CharSpan) -> list[Token]:
    piece = doc.char_span(span[0], span[1], alignment_mode="expand")
    return list(piece) if piece is not None else []


def _is_negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def _is_past(verb: Token) -> bool:
    """ "was not discussed", "did not address": a denial of what happened, not a plan."""
    if verb.tag_ in {"VBD", "VBN"} and not any(
        c.lower_ in {"will", "would"} for c in verb.children
    ):
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in verb.children)


def _content_denies(doc: Doc, span: CharSpan) -> bool:
    """ "the currency was not discussed", "the reports were untrue"."""
    tokens = _tokens_in(doc, span)
    if not tokens:
        return False
    roots = [t for t in tokens if t.head not in tokens or t.head == t]
    for root in roots:
        if root.lemma_.lower() in DENIED_EVENT_VERBS and _is_negated(root) and _is_past(root):
            return True
        complements = [c for c in root.children if c.dep_ in {"acomp", "attr"}]
        if any(c.lemma_.lower() in FALSEHOOD_WORDS for c in [root, *complements]):
            return True
    return any(
        t.lower_ == "no"
        and t.head.lemma_.lower() in {"plan", "agreement", "decision", "date", "talk", "discussion"}
        for t in tokens
    )


def polarity_of(frame: Frame, doc: Doc) -> Polarity:
    """``deny`` for denials and negated reports, else ``assert``.

    Args:
        frame: the attribution, with its cue token when parsed.
        doc: the parsed body.

    Returns:
        ``deny`` when the cue denies ("denied that", "dismissed reports that"), the cue is
        negated, or the content negates an event ("X was not discussed, he said").
    """
    cue = frame.cue_token
    if cue is not None:
        verb = (
            cue.head
            if cue.lemma_ == "say" and cue.dep_ != "ROOT" and cue.head.lemma_ in {"quote", "cite"}
            else cue
        )
        if verb.lemma_.lower() in DENIAL_VERBS:
            return "deny"
        if _is_negated(cue) and cue.lemma_ != "say":
            return "deny"
    elif frame.cue is not None:
        words = text_of(doc)[frame.cue[0] : frame.cue[1]].lower().split()
        if any(
            w.rstrip("sd") in {"deni", "dismisse", "reject", "refute"}
            or w in {"denied", "denies", "dismissed", "rejected", "refuted"}
            for w in words
        ):
            return "deny"
    return "deny" if any(_content_denies(doc, span) for span in frame.content) else "assert"
