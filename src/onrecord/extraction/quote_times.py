"""When each quote was said: a time expression framing its cue verb, else the article's date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from onrecord.extraction.sentences import sentence_at
from onrecord.records import Quote, TimeExpr

_SPEECH_TIME_TYPES = frozenset({"DATE", "TIME"})
_VAGUE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH_VALUE = re.compile(r"^(\d{4})-(\d{2})(?!\d)")
_YEAR_VALUE = re.compile(r"^(\d{4})(?![\d-])")
# a participle clause that sets the scene of the statement: "Speaking on Monday, X said",
# "Asked on Friday whether ..., she said", "Writing on Twitter on Tuesday, he called ..."
_FRAME_VERBS = frozenset(
    {"speak", "talk", "address", "testify", "appear", "write", "ask", "answer", "respond",
     "reply", "comment", "brief", "tweet", "post", "interview", "question", "press"}
)  # fmt: skip
# how a non-finite cue hangs from the verb that carries the time: "ended on Friday with both
# sides claiming headway", "marched yesterday to protest against the plan"
_NONFINITE_DEPS = frozenset({"advcl", "xcomp", "pcomp", "acl", "conj"})
_CLAUSE_NOUN_DEPS = frozenset({"relcl", "acl"})
_MAX_STEPS = 12
# prepositions that make a time the goal or the bound of what was said, not its moment:
# "pointed to January 2026", "called for a vote by 2027", "warned of cuts until 2030"
_NOT_A_MOMENT = frozenset(
    {"to", "for", "until", "till", "by", "before", "after", "since", "from", "through",
     "toward", "towards", "within"}
)  # fmt: skip


def _is_clause_head(token: Token) -> bool:
    """A verb (or a copula) that heads a clause, where a time expression's attachment stops."""
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass")


def _is_noun_modifier(token: Token) -> bool:
    """A participle describing a noun, which a time passes through to the noun's own head:
    "In a report released on Wednesday, scientists said", "an order dated yesterday"."""
    # a past form tagged VBD for VBN is common ("a release issued the following day")
    return token.dep_ == "acl" and token.tag_ in ("VBN", "VBG", "VBD")


def _cue_root(cue_tokens: Sequence[Token]) -> Token:
    """The head word of the cue: its first clause verb ("told", "cited ... as saying" gives
    "cited"), else the token whose head lies outside the cue ("according to")."""
    for token in cue_tokens:
        if _is_clause_head(token):
            return token
    indices = {t.i for t in cue_tokens}
    return next((t for t in cue_tokens if t.head.i not in indices), cue_tokens[0])


def _attachment(time_root: Token, cue_indices: set[int]) -> list[Token]:
    """The heads from a time expression up to the first clause verb or cue word, in order."""
    path: list[Token] = []
    current = time_root
    for _ in range(_MAX_STEPS):
        if current.head.i == current.i:
            break
        current = current.head
        path.append(current)
        if current.i in cue_indices or (
            _is_clause_head(current) and not _is_noun_modifier(current)
        ):
            break
    return path


def _frames_cue(path: Sequence[Token], cue_indices: set[int], cue_root: Token) -> bool:
    """Whether a time expression attached along ``path`` dates the statement of the cue."""
    if not path or (path[0].pos_ == "ADP" and path[0].lower_ in _NOT_A_MOMENT):
        return False
    anchor = path[-1]
    if anchor.i in cue_indices:
        return True
    # "Her remarks followed his address last Tuesday, in which he said ...": the time dates
    # the noun whose relative clause holds the cue
    if cue_root.dep_ in _CLAUSE_NOUN_DEPS and any(t.i == cue_root.head.i for t in path):
        return True
    if not _is_clause_head(anchor):
        return False
    if anchor.dep_ == "advcl" and anchor.head.i in cue_indices and anchor.lemma_ in _FRAME_VERBS:
        return True
    # "on Thursday denied the report and said ...": conjoined verbs share their frame
    if cue_root.dep_ == "conj" and cue_root.head.i == anchor.i:
        return True
    # a non-finite cue hanging from the dated verb, through nouns and prepositions only
    # ("with members from both benches demanding equal seats")
    if cue_root.tag_ in ("VBG", "VB") and cue_root.dep_ in _NONFINITE_DEPS:
        return _clause_above(cue_root).i == anchor.i
    return False


def _clause_above(token: Token) -> Token:
    """The first clause verb above ``token`` (its sentence root when none is nearer)."""
    current = token.head
    for _ in range(_MAX_STEPS):
        if _is_clause_head(current) or current.head.i == current.i:
            return current
        current = current.head
    return current


def _starts_after(value: str, published: date | None) -> bool:
    """Whether a TIMEX3 value begins after the publication date: said later than printed."""
    if published is None:
        return False
    if match := _DAY_VALUE.match(value):
        year, month, day = map(int, match.groups())
        return (year, month, day) > (published.year, published.month, published.day)
    if match := _MONTH_VALUE.match(value):
        year, month = map(int, match.groups())
        return (year, month) > (published.year, published.month)
    if match := _YEAR_VALUE.match(value):
        return int(match.group(1)) > published.year
    return False


def _is_candidate(time: TimeExpr, quote: Quote, bounds: tuple[int, int]) -> bool:
    """A definite date or time of the cue's sentence lying outside the quote's content."""
    return (
        bounds[0] <= time.span.start
        and time.span.end <= bounds[1]
        and time.type in _SPEECH_TIME_TYPES
        and bool(time.value)
        and time.value not in _VAGUE_VALUES
        # what the content says is what the claim is about, never when it was said
        and not any(time.span.overlaps(c) for c in quote.content)
    )


def _time_of_cue(
    quote: Quote, times: Sequence[TimeExpr], doc: Doc, published: date | None
) -> str | None:
    """The value of the time expression that dates the cue's statement, or None."""
    if quote.cue is None or not doc.has_annotation("DEP"):
        return None
    sentence = sentence_at(doc, quote.cue.start)
    cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    if sentence is None or cue is None or len(cue) == 0:
        return None
    bounds = sentence.start_char, sentence.end_char
    cue_tokens = list(cue)
    cue_indices = {t.i for t in cue_tokens}
    root = _cue_root(cue_tokens)
    framing: list[TimeExpr] = []
    for time in times:
        if not _is_candidate(time, quote, bounds) or _starts_after(time.value or "", published):
            continue
        words = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if words is None or len(words) == 0:
            continue
        # "said earlier this month": a time inside the cue dates it
        if any(t.i in cue_indices for t in words) or _frames_cue(
            _attachment(words.root, cue_indices), cue_indices, root
        ):
            framing.append(time)
    if not framing:
        return None
    nearest = min(framing, key=lambda t: abs(t.span.start - quote.cue.start))  # type: ignore[union-attr]
    return nearest.value


def _opening_of(quote: Quote, dated: Sequence[Quote]) -> Quote | None:
    """The quote that a cue-less continuation continues: the one just before, by its speaker."""
    if quote.cue is not None or not quote.speaker or not dated:
        return None
    return dated[-1] if dated[-1].speaker == quote.speaker else None


def date_quotes(
    quotes: Sequence[Quote], times: Sequence[TimeExpr], doc: Doc, published: date | None
) -> tuple[Quote, ...]:
    """Set ``when`` on each quote.

    Args:
        quotes: the article's quotes, in text order.
        times: its normalised time expressions.
        doc: the parsed body (a dependency parse is needed to date from the text).
        published: the publication date, the fallback.

    Returns:
        The quotes with ``when``/``when_from``: "Peskov told reporters on Thursday" takes
        Thursday's date (``text``); a quote whose attribution names no time of its own takes
        the publication date (``published``); with neither, ``none``. A continuation takes the
        time of the quote it continues.

    Notes:
        A time dates the statement only when the parse attaches it to the cue verb or its
        frame: "said on Monday", "on Thursday denied", "told reporters Tuesday", "in an
        interview last week", "In a statement on Friday, X said", "Speaking on Monday, X
        said", "his address last Tuesday, in which he said". A date inside the content, or
        in another clause of the sentence ("asked whether the currency would arrive on
        January 1, 2027, said: ..."), is what the claim is about, never when it was said; so
        is a time after the publication date.
    """
    dated: list[Quote] = []
    for quote in quotes:
        value = _time_of_cue(quote, times, doc, published)
        opening = _opening_of(quote, dated)
        if value is not None:
            dated.append(replace(quote, when=value, when_from="text"))
        elif opening is not None:
            dated.append(replace(quote, when=opening.when, when_from=opening.when_from))
        elif published is not None:
            dated.append(replace(quote, when=published.isoformat(), when_from="published"))
        else:
            dated.append(quote)
    return tuple(dated)
