"""Reporting chains and venues: through whom a quote reached the article, and to whom it was said.

Relays: "as quoted by RIA Novosti", "the agency quoted X as saying", "RBC cited sources
as saying", "was quoted by the Kommersant daily", "according to a Kremlin readout",
"Interfax reported that X said". Venues: "told reporters", "in an interview with Ekho
Moskvy radio", "at a news conference", "speaking to X".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from onrecord.extraction.attribution.cues import RELAY_VERBS, SOURCE_NOUNS, SPEECH_VERBS
from onrecord.extraction.attribution.frames import Frame, trim
from onrecord.extraction.attribution.marks import Quoted
from onrecord.extraction.sentences import sentence_of
from onrecord.records import Span, Via

_VENUE_NOUNS = frozenset(
    [
        "interview",
        "conference",
        "briefing",
        "meeting",
        "summit",
        "session",
        "forum",
        "hearing",
        "speech",
        "address",
        "broadcast",
        "programme",
        "program",
        "show",
        "appearance",
    ]
)


def _phrase(token: Token, text: str) -> Via | None:
    words = sorted(token.subtree, key=lambda t: t.i)
    span = trim(text, words[0].idx, words[-1].idx + len(words[-1]))
    if span is None:
        return None
    return Via(name=text[span[0] : span[1]], span=Span.of(text, *span))


def _named(via: Via | None, kind: str) -> Via | None:
    if via is None:
        return None
    name = via.name
    for article in ("the ", "The ", "a ", "A ", "an "):
        if name.startswith(article):
            name = name[len(article) :]
    return Via(name=name, span=via.span, kind=kind)  # type: ignore[arg-type]


def _relays_in_sentence(cue: Token, text: str) -> Iterator[Via]:
    sentence = sentence_of(cue)
    for token in sentence:
        if token.lemma_ in RELAY_VERBS and token != cue:
            for agent in (c for c in token.children if c.dep_ == "agent"):
                for obj in agent.children:
                    via = _named(_phrase(obj, text), "relay")
                    if via:
                        yield via
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            to = token.doc[token.i + 1]
            for obj in (c for c in to.children if c.dep_ == "pobj"):
                if obj.lemma_.lower() in SOURCE_NOUNS or obj.ent_type_ in {"ORG"}:
                    via = _named(_phrase(obj, text), "relay")
                    if via:
                        yield via


def _reporting_ancestors(cue: Token, text: str, quoted: Sequence[Quoted] = ()) -> Iterator[Via]:
    """ "Interfax reported that Peskov said …": each reporting verb above the cue relays.

    Only a complement is reported: an adverbial clause is not relayed by the verb it
    hangs from ("Asked whether …, Peskov said": Peskov was asked; "Peskov said …, adding
    that …": he speaks twice; "officials insist …, though critics say …"). Nor is a verb
    inside quotation marks that the cue is outside of: in 'told the Ledger that the study
    "does not say no; it says how"' the parse may hang "told" from "says", but "it" is
    part of what was said.
    """
    outside = [q for q in quoted if not q.start <= cue.idx < q.end]
    token = cue
    while token.head != token:
        if token.dep_ not in {"ccomp", "xcomp"}:
            break
        token = token.head
        if any(q.start <= token.idx < q.end for q in outside):
            break
        if token.lemma_ in SPEECH_VERBS:
            for subject in (c for c in token.children if c.dep_ == "nsubj"):
                via = _named(_phrase(subject, text), "relay")
                if via:
                    yield via


def _venues(cue: Token, text: str) -> Iterator[Via]:
    for child in cue.children:
        if cue.lemma_ in {"tell", "brief", "inform"} and child.dep_ in {"dobj", "dative"}:
            via = _named(_phrase(child, text), "venue")
            if via:
                yield via
        if child.dep_ == "prep" and child.lower_ in {"in", "at", "on", "during", "to"}:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                if obj.lemma_.lower() in _VENUE_NOUNS:
                    with_ = [
                        g
                        for c in obj.children
                        if c.lower_ == "with"
                        for g in c.children
                        if g.dep_ == "pobj"
                    ]
                    via = _named(_phrase(with_[0] if with_ else obj, text), "venue")
                    if via:
                        yield via
                elif child.lower_ == "to" and cue.lemma_ in {"speak", "talk"}:
                    via = _named(_phrase(obj, text), "venue")
                    if via:
                        yield via


def find_chain(
    frame: Frame, text: str, quoted: Sequence[Quoted] = ()
) -> tuple[tuple[Via, ...], tuple[Via, ...]]:
    """The relays (innermost first, outermost last) and venues of a frame.

    Args:
        frame: an attribution frame whose ``cue_token`` lies in a parsed sentence.
        text: the article text.
        quoted: its quoted stretches; a verb inside one relays nothing.

    Returns:
        ``(via, venue)``; both empty when the frame has no parsed cue.
    """
    cue = frame.cue_token
    if cue is None:
        return (), ()
    relays: list[Via] = [
        v for t in frame.via_tokens if (v := _named(_phrase(t, text), "relay")) is not None
    ]
    anchor = cue.head if cue.lemma_ == "say" and cue.head.lemma_ in RELAY_VERBS else cue
    for via in (*_relays_in_sentence(anchor, text), *_reporting_ancestors(anchor, text, quoted)):
        speaker = frame.source or frame.speaker_hint
        if speaker is not None and via.span and via.span.start == speaker[0]:
            continue
        if frame.cue is not None and via.span and frame.cue[0] <= via.span.start < frame.cue[1]:
            continue
        if all(via.span != known.span for known in relays):
            relays.append(via)
    venues = list(_venues(anchor, text))
    if anchor != cue:
        venues += [v for v in _venues(cue, text) if v not in venues]
    return tuple(relays), tuple(venues)
