"""Frames from the trained span tagger, paired with the parse and the rule frames.

The tagger finds source, cue and content spans with PolNeAR's boundaries but does not say
which belong together; this module ties each cue to the nearest source and content of its
sentence, borrowing the rule frame's parse tokens (for chains and stance) where one agrees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.extract.attribution.frames import CharSpan, Frame

TaggedSpans = Mapping[str, Sequence[CharSpan]]

_MAX_GAP_CHARS = 400


def _overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _distance(a: CharSpan, b: CharSpan) -> int:
    if _overlaps(a, b):
        return 0
    return b[0] - a[1] if a[1] <= b[0] else a[0] - b[1]


def _paragraph_of(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, position)
    end = text.find("\n\n", position)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def join_adjacent(spans: Sequence[CharSpan], text: str) -> list[CharSpan]:
    """Join spans of one role that only spaces separate ("has" + "said" → "has said").

    Notes:
        The tagger labels words; when it starts a new span on the second word of a
        phrase, the two halves are one gold span far more often than two.
    """
    joined: list[CharSpan] = []
    for span in sorted(spans):
        if joined and joined[-1][1] <= span[0] and not text[joined[-1][1] : span[0]].strip(" \t"):
            joined[-1] = (joined[-1][0], span[1])
        else:
            joined.append(span)
    return joined


_CUE_PARTICLES = frozenset("for about of to on against with at".split())


def extend_cue(doc: Doc, cue: CharSpan, contents: Sequence[CharSpan]) -> CharSpan:
    """Take the preposition a cue verb governs into the cue: "called for", "complained about".

    Notes:
        PolNeAR's cues include the preposition that introduces the content ("pointed to",
        "accusing her of"); the tagger often stops at the verb.
    """
    piece = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if piece is None or len(piece) == 0 or piece.end >= len(doc):
        return cue
    last, following = piece[-1], doc[piece.end]
    if (
        following.lower_ in _CUE_PARTICLES
        and following.head == last
        and following.dep_ in {"prep", "prt", "dative"}
        and any(start >= following.idx + len(following) and start - following.idx < 4
                for start, _ in contents)
    ):
        return cue[0], following.idx + len(following)
    return cue


def _cue_token(doc: Doc, cue: CharSpan) -> Token | None:
    piece = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if piece is None or len(piece) == 0:
        return None
    verbs = [t for t in piece if t.pos_ in {"VERB", "AUX"}]
    return verbs[-1] if verbs else piece.root


def _nearest(
    spans: Sequence[CharSpan], cue: CharSpan, text: str, used: set[CharSpan]
) -> list[CharSpan]:
    """Spans of the cue's paragraph, nearest first, not crossing it, not yet used."""
    low, high = _paragraph_of(text, cue[0])
    near = [
        s
        for s in spans
        if s not in used
        and not _overlaps(s, cue)
        and s[0] < high
        and s[1] > low
        and _distance(s, cue) <= _MAX_GAP_CHARS
    ]
    return sorted(near, key=lambda s: _distance(s, cue))


def _sentence_bounds(doc: Doc, position: int) -> tuple[int, int]:
    token = doc.char_span(position, position + 1, alignment_mode="expand")
    if token is None or len(token) == 0:
        return position, position
    sentence = token[0].sent
    return sentence.start_char, sentence.end_char


@dataclass(frozen=True)
class MergeSettings:
    """How tagger spans and rule frames combine.

    ``fill_sources``: give a tagged cue without a tagged source the rule frame's source.
    ``keep_rule_frames``: keep rule frames whose cue and content no tagged span overlaps.
    ``extend_cues``: take a governed preposition into a tagged cue ("called for").
    """

    fill_sources: bool = True
    keep_rule_frames: bool = True
    extend_cues: bool = True


def frames_from_tags(
    doc: Doc,
    tagged: TaggedSpans,
    rule_frames: Sequence[Frame],
    settings: MergeSettings = MergeSettings(),
) -> list[Frame]:
    """Pair the tagger's spans into frames.

    Args:
        doc: the parsed body.
        tagged: character spans per role (``source``, ``cue``, ``content``).
        rule_frames: frames from the parse, to borrow parse tokens and chains from.
        settings: how the two combine.

    Returns:
        One frame per predicted cue; a source or content left over joins the nearest
        frame of its paragraph, or stands alone when there is none.
    """
    text = doc.text
    tagged = {role: join_adjacent(spans, text) for role, spans in tagged.items()}
    sources, contents = list(tagged.get("source", ())), list(tagged.get("content", ()))
    used_sources: set[CharSpan] = set()
    used_contents: set[CharSpan] = set()
    frames: list[Frame] = []
    for cue in sorted(tagged.get("cue", ())):
        if settings.extend_cues:
            cue = extend_cue(doc, cue, contents)
        rule = next((f for f in rule_frames if f.cue and _overlaps(f.cue, cue)), None)
        sentence = _sentence_bounds(doc, cue[0])
        source = next(
            (
                s
                for s in _nearest(sources, cue, text, used_sources)
                if _overlaps(s, (sentence[0] - 1, sentence[1] + 1))
            ),
            None,
        )
        content = _nearest(contents, cue, text, used_contents)[:1]
        if source is None and settings.fill_sources and rule is not None:
            source = rule.source
        if source is not None:
            used_sources.add(source)
        used_contents.update(content)
        frames.append(
            Frame(
                cue=cue,
                source=source,
                content=content,
                cue_token=rule.cue_token if rule else _cue_token(doc, cue),
                source_token=rule.source_token if rule else None,
                via_tokens=list(rule.via_tokens) if rule else [],
                origin="tagger",
            )
        )
    _attach_leftovers(frames, contents, used_contents, text)
    if settings.keep_rule_frames:
        tagged_spans = [s for role in ("cue", "content") for s in tagged.get(role, ())]
        frames += [
            f for f in rule_frames
            if f.cue and not any(_overlaps(f.cue, s) for s in tagged_spans)
            and not any(_overlaps(c, s) for c in f.content for s in tagged_spans)
        ]
    for source in sources:
        if source not in used_sources:
            frames.append(Frame(cue=None, source=source, content=[], origin="tagger"))
    return sorted(frames, key=lambda f: min([*(s for s, _ in f.content), *(f.cue or (0,))]))


def _attach_leftovers(
    frames: list[Frame], contents: Sequence[CharSpan], used: set[CharSpan], text: str
) -> None:
    for content in contents:
        if content in used:
            continue
        candidates = [f for f in frames if f.cue and _distance(f.cue, content) <= _MAX_GAP_CHARS]
        if candidates:
            owner = min(candidates, key=lambda f: _distance(f.cue, content))  # type: ignore[arg-type]
            owner.content.append(content)
            owner.content.sort()
        else:
            frames.append(Frame(cue=None, source=None, content=[content], origin="tagger"))
