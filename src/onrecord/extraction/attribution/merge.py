"""Frames from the trained span tagger, paired with the parse and the rule frames.

The tagger finds source, cue and content spans with PolNeAR's boundaries but does not say
which belong together; this module ties each cue to the nearest source and content of its
sentence, borrowing the rule frame's parse tokens (for chains and stance) where one agrees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.extraction.attribution.cues import SOURCE_NOUNS
from onrecord.extraction.attribution.frames import CharSpan, Frame, trim
from onrecord.extraction.sentences import sentence_at, sentence_of, text_of

TaggedSpans = Mapping[str, Sequence[CharSpan]]


def _overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _distance(a: CharSpan, b: CharSpan) -> int:
    if _overlaps(a, b):
        return 0
    return b[0] - a[1] if a[1] <= b[0] else a[0] - b[1]


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
        and any(
            start >= following.idx + len(following) and start - following.idx < 4
            for start, _ in contents
        )
    ):
        return cue[0], following.idx + len(following)
    return cue


def _cue_token(doc: Doc, cue: CharSpan) -> Token | None:
    piece = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if piece is None or len(piece) == 0:
        return None
    verbs = [t for t in piece if t.pos_ in {"VERB", "AUX"}]
    return verbs[-1] if verbs else piece.root


@dataclass(frozen=True)
class MergeSettings:
    """How tagger spans and rule frames combine.

    ``fill_from_rules``: give a tagged cue the rule frame's source or content where the
    tagger has none that fits.
    ``keep_rule_frames``: keep rule frames whose cue and content no tagged span overlaps.
    ``extend_cues``: take a governed preposition into a tagged cue ("called for").
    ``keep_partial``: keep frames without content (a source and cue whose content the
    tagger missed) and sources no cue claimed.
    """

    fill_from_rules: bool = True
    keep_rule_frames: bool = True
    extend_cues: bool = True
    keep_partial: bool = True


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
        One frame per predicted cue. A cue that a rule frame confirms takes the tagged
        spans that overlap the rule's source and content; any other cue takes the nearest
        unclaimed ones of its sentence (or the sentence before, for '"…," he said').
        Spans left over join a frame of their sentence, or stand alone.
    """
    text = text_of(doc)
    tagged = {role: join_adjacent(spans, text) for role, spans in tagged.items()}
    # the tagger's contents include quote marks and end punctuation; a quote's do not
    tagged["content"] = [t for c in tagged.get("content", ()) if (t := trim(text, *c))]
    sources, contents = list(tagged.get("source", ())), list(tagged.get("content", ()))
    cues = [
        extend_cue(doc, c, contents) if settings.extend_cues else c for c in tagged.get("cue", ())
    ]
    # "According to a readout, Putin said …": the readout relays Putin's words
    cues = [c for c in cues if not _is_relay_document(doc, c, rule_frames)]
    pairs = [
        (cue, next((f for f in rule_frames if f.cue and _overlaps(f.cue, cue)), None))
        for cue in cues
    ]
    # cues the parse confirms claim their spans first, so a stray cue cannot take them
    pairs.sort(key=lambda pair: (pair[1] is None, pair[0]))
    claimed: set[CharSpan] = set()
    frames = [_pair(doc, cue, rule, sources, contents, claimed, settings) for cue, rule in pairs]
    _attach_leftovers(doc, frames, contents, claimed)
    if settings.keep_rule_frames:
        tagged_spans = [s for role in ("cue", "content") for s in tagged.get(role, ())]
        frames += [
            f
            for f in rule_frames
            if f.cue
            and not any(_overlaps(f.cue, s) for s in tagged_spans)
            and not any(_overlaps(c, s) for c in f.content for s in tagged_spans)
        ]
    if settings.keep_partial:
        frames += [
            Frame(cue=None, source=s, content=[], origin="tagger")
            for s in sources
            if s not in claimed
        ]
    else:
        frames = [f for f in frames if f.content]
    # relayed quotes and bylines: the parse knows their structure better than the tagger
    strong = [f for f in rule_frames if f.via_tokens or f.origin == "byline"]
    frames = [f for f in frames if f in strong or not any(_share(f, g) for g in strong)]
    frames += [g for g in strong if g not in frames]
    relays = _relay_spans(rule_frames)
    frames = [
        f
        for f in frames
        if not (f.origin == "tagger" and f.source and _inside_any(f.source, relays))
    ]
    return sorted(frames, key=_start)


def _share(frame: Frame, other: Frame) -> bool:
    """Whether two frames overlap in their cue or content."""
    mine = [*frame.content, *([frame.cue] if frame.cue else [])]
    theirs = [*other.content, *([other.cue] if other.cue else [])]
    return any(_overlaps(a, b) for a in mine for b in theirs)


def _relay_spans(rule_frames: Sequence[Frame]) -> list[CharSpan]:
    spans = []
    for frame in rule_frames:
        for token in frame.via_tokens:
            words = sorted(token.subtree, key=lambda t: t.i)
            spans.append((words[0].idx, words[-1].idx + len(words[-1])))
    return spans


def _inside_any(span: CharSpan, spans: Sequence[CharSpan]) -> bool:
    """Whether ``span`` lies within one of ``spans`` (the relay of a rule frame)."""
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _is_relay_document(doc: Doc, cue: CharSpan, rule_frames: Sequence[Frame]) -> bool:
    """A tagged "according to <a readout/report/statement>" before a rule frame's cue."""
    piece = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if piece is None or piece.text.lower() != "according to":
        return False
    objects = [t for t in piece[-1].children if t.dep_ == "pobj"]
    if not objects or objects[0].lemma_.lower() not in SOURCE_NOUNS:
        return False
    sentence = sentence_of(piece[0])
    return any(
        f.cue is not None
        and sentence.start_char <= f.cue[0] < sentence.end_char
        and not _overlaps(f.cue, cue)
        for f in rule_frames
    )


def _start(frame: Frame) -> int:
    return min([*(s for s, _ in frame.content), *(frame.cue or ()), *(frame.source or ())])


def _pair(
    doc: Doc,
    cue: CharSpan,
    rule: Frame | None,
    sources: Sequence[CharSpan],
    contents: Sequence[CharSpan],
    claimed: set[CharSpan],
    settings: MergeSettings,
) -> Frame:
    window = _sentence_window(doc, cue[0])
    free_sources = [s for s in sources if s not in claimed and _overlaps(s, window)]
    free_contents = [c for c in contents if c not in claimed and not _overlaps(c, cue)]
    source = content = None
    if rule is not None:
        content = [c for c in free_contents if any(_overlaps(c, r) for r in rule.content)]
        if rule.source is not None:
            # the parse knows the source: a tagged one must agree with it
            overlapping = (s for s in free_sources if _overlaps(s, rule.source))
            source = next(overlapping, rule.source if settings.fill_from_rules else None)
    if source is None and (rule is None or rule.source is None):
        source = min(free_sources, key=lambda s: _distance(s, cue), default=None)
    if not content and rule is not None and rule.content and settings.fill_from_rules:
        content = list(rule.content)
    if not content:
        near = [c for c in free_contents if _overlaps(c, window)]
        content = sorted(near, key=lambda c: _distance(c, cue))[:1]
    claimed.update(content)
    if source is not None:
        claimed.add(source)
    return Frame(
        cue=cue,
        source=source,
        content=sorted(content),
        cue_token=rule.cue_token if rule else _cue_token(doc, cue),
        source_token=rule.source_token if rule else None,
        via_tokens=list(rule.via_tokens) if rule else [],
        origin="tagger",
    )


def _sentence_window(doc: Doc, position: int) -> CharSpan:
    """The cue's sentence, with the one before when the cue's is only an attribution."""
    sentence = sentence_at(doc, position)
    if sentence is None:
        return position, position + 1
    start = sentence.start_char
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    if len(words) <= 8 and sentence.start > 0:
        start = sentence_of(doc[sentence.start - 1]).start_char
    return start, sentence.end_char


def _attach_leftovers(
    doc: Doc, frames: list[Frame], contents: Sequence[CharSpan], claimed: set[CharSpan]
) -> None:
    """A content no cue claimed joins a frame of its sentence (a split quote), or stands alone."""
    for content in contents:
        if content in claimed:
            continue
        if any(_overlaps(content, c) for f in frames for c in f.content):
            continue  # a second reading of a content a frame already has
        window = _sentence_window(doc, content[0])
        owners = [f for f in frames if f.cue and _overlaps(f.cue, window)]
        if owners:
            owner = min(owners, key=lambda f: _distance(f.cue, content))  # type: ignore[arg-type]
            owner.content.append(content)
            owner.content.sort()
        else:
            frames.append(Frame(cue=None, source=None, content=[content], origin="tagger"))
