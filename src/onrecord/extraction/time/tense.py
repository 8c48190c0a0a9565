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
    r"\b(?:will|'ll|shall|going to|scheduled|plans? to|planned|expected|is to|are to|due to"
    r"|would|next|upcoming|wo n't|won't)\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(r"\b(?:was|were|had|did|said|ago|last)\b|\w+ed\b", re.IGNORECASE)
# "as early as Tuesday", "as soon as next week", "no later than Friday"
_SOON_AS = re.compile(r"\b(?:as (?:early|soon) as|no later than)\s+(?:on\s+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
_OPEN_MODALS = frozenset({"could", "can", "may", "might", "must", "ca"})
_DEADLINE_PREPOSITIONS = frozenset({"by", "until", "till", "through", "before"})
_UNTIL = frozenset({"until", "till"})
# verbs of arranging: what they govern lies ahead of the moment they were told
_ARRANGING_VERBS = frozenset(
    {"plan", "schedule", "expect", "slate", "intend", "propose", "postpone", "delay", "hope",
     "aim", "prepare", "promise", "vow", "pledge", "threaten", "set"}
)  # fmt: skip
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


def _tense_of_verb(verb: Token, arranged: bool = True) -> int | None:
    """PAST or FUTURE from a verb and its auxiliaries, else None; ``arranged`` lets a verb of
    arranging ("planned", "scheduled") point ahead whatever its tense."""
    words = [child for child in verb.children if child.dep_ in ("aux", "auxpass")] + [verb]
    if any(word.lower_ in _FUTURE_AUX for word in words):
        return FUTURE
    if any(word.lower_ == "going" for word in words) and any(
        c.lower_ == "to" for c in verb.children
    ):
        return FUTURE
    # "is expected in May", "was scheduled for Monday", "plans to vote on Tuesday": arranged events
    if arranged and verb.lemma_.lower() in _ARRANGING_VERBS:
        return FUTURE
    if any(word.tag_ == "VBD" for word in words):
        return PAST
    # a perfect is past ("has met", "have been searching"); a bare participle is not ("is
    # expected")
    if verb.tag_ in ("VBN", "VBG") and any(
        word.lemma_ == "have" and word is not verb for word in words
    ):
        return PAST
    # "would meet", "should meet": possibility rather than past ("could", "may" say nothing)
    if any(word.tag_ == "MD" and word.lower_ not in _OPEN_MODALS for word in words):
        return FUTURE
    if any(word.tag_ == "TO" for word in words) and verb.dep_ in ("xcomp", "advcl", "ccomp"):
        # an infinitive takes the tense of the verb it completes ("agreed to meet on Monday")
        governor = verb.head
        if governor is not verb and governor.pos_ in ("VERB", "AUX"):
            if governor.lemma_.lower() in _ARRANGING_VERBS:
                return FUTURE
            return _tense_of_verb(governor)
    # a plain present ("says") tells nothing; fall back to the cue words
    return None


def is_simple_past(verb: Token | None) -> bool:
    """Whether a verb is told in the simple past: "was released", "became", "had described"."""
    if verb is None:
        return False
    helpers = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    return any(word.tag_ == "VBD" for word in [*helpers, verb])


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
    root = span.root
    # "Wednesday's ruling": a possessive names a day something happened, whatever the clause
    if root.dep_ == "poss" or (root.i + 1 < len(doc) and doc[root.i + 1].tag_ == "POS"):
        return PAST
    verb = _clause_verb(root)
    if verb is not None and verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "a service planned for Saturday was canceled": a participle that only describes a
        # noun takes the tense of the clause the noun stands in
        verb = _clause_verb(verb.head) or verb
    # "On Friday, the government planned to pay": a time put before a past verb of arranging
    # dates the planning itself ("On Tuesday, the league plans to ..." still looks ahead)
    fronted = verb is not None and root.i < verb.i and is_simple_past(verb)
    found = _tense_of_verb(verb, arranged=not fronted) if verb is not None else None
    if found == PAST and root.head.lower_ in _UNTIL and not is_simple_past(verb):
        # "has given them until Tuesday to sign": a deadline, unless told in the simple past
        # ("Until Thursday, they had described him as a witness")
        return FUTURE
    if found is None and root.head.lower_ in _DEADLINE_PREPOSITIONS:
        # "repay the loan by February", "talks continue until Friday"
        return FUTURE
    return found


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
    if _SOON_AS.search(text, max(0, start - 16), start):
        return FUTURE
    if doc is not None:
        found = tense_from_doc(doc, start, end)
        if found is not None:
            return found
    return tense_from_text(text, start, end)
