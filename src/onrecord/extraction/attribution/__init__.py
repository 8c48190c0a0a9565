"""Attribution: quotations and reported speech, their speakers and reporting chains.

``find_quotes`` assembles the parts: quoted stretches (``marks``), frames from the parse
(``frames``) or from the trained span tagger (``merge``), speakers (``speakers``),
chains and venues (``chains``), stance and kind (``stance``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Doc

from onrecord.extraction.attribution.chains import find_chain
from onrecord.extraction.attribution.frames import CharSpan, Frame, find_frames, trim
from onrecord.extraction.attribution.marks import Quoted, find_quoted
from onrecord.extraction.attribution.merge import MergeSettings, TaggedSpans, frames_from_tags
from onrecord.extraction.attribution.speakers import Speaker, resolve_speaker
from onrecord.extraction.attribution.stance import kind_of, polarity_of
from onrecord.extraction.sentences import text_of
from onrecord.records import Entity, Quote, Span

__all__ = ["MergeSettings", "TaggedSpans", "find_quotes"]

_MIN_CONTINUATION_WORDS = 4


def _covered(frames: Sequence[Frame], quote: Quoted) -> bool:
    return any(start < quote.end and quote.start < end for f in frames for start, end in f.content)


def _is_continuation(text: str, quote: Quoted, previous: Frame) -> bool:
    """A quote no cue claims continues the last speaker when it is a sentence, not a title."""
    words = text[quote.start : quote.end].split()
    if len(words) < _MIN_CONTINUATION_WORDS:
        return False
    anchor = max(end for _, end in previous.content) if previous.content else 0
    gap = text[anchor : quote.start]
    return gap.count("\n\n") <= 1


def _frame_covering(frames: Sequence[Frame], quote: Quoted) -> Frame | None:
    return next(
        (f for f in frames for start, end in f.content if start < quote.end and quote.start < end),
        None,
    )


def _add_continuations(text: str, frames: list[Frame], quoted: Sequence[Quoted]) -> list[Frame]:
    """Quoted stretches no frame claims, spoken by the speaker of a neighbouring frame.

    Notes:
        A quote left open at a paragraph's end belongs to the frame of the quote that
        reopens the next paragraph (news style); any other unclaimed sentence-long quote
        continues the speaker of the frame before it.
    """
    result = list(frames)
    for number, quote in enumerate(quoted):
        if _covered(result, quote):
            continue
        span = trim(text, quote.start, quote.end)
        if span is None:
            continue
        following = quoted[number + 1 :]
        owner = None
        for later in following:
            owner = _frame_covering(result, later)
            if owner is not None or not later.continues:
                break
        if quote.continues and owner is not None:
            result.append(Frame(None, None, [span], origin="continuation", continued_from=owner))
            continue
        before = [f for f in result if f.content and max(e for _, e in f.content) <= quote.start]
        if not before:
            continue
        previous = max(before, key=lambda f: max(e for _, e in f.content))
        if previous.source is None and previous.origin != "continuation":
            continue
        if _is_continuation(text, quote, previous):
            result.append(Frame(None, None, [span], origin="continuation", continued_from=previous))
    return sorted(result, key=_frame_start)


def _link_orphan_quotes(text: str, frames: Sequence[Frame], quoted: Sequence[Quoted]) -> None:
    """A quoted content with neither cue nor source continues the frame before it."""
    for number, frame in enumerate(frames):
        if frame.cue or frame.source or frame.continued_from or not frame.content:
            continue
        start, end = frame.content[0]
        if not any(q.start - 1 <= start and end <= q.end + 1 for q in quoted):
            continue
        previous = next(
            (f for f in reversed(frames[:number]) if f.source is not None or f.continued_from),
            None,
        )
        if (
            previous is not None
            and _root_frame(previous) is not frame
            and _is_continuation(text, Quoted(start, end, '"', closed=True), previous)
        ):
            frame.continued_from = previous
            frame.origin = "continuation"


def _attach_dangling_cues(text: str, frames: list[Frame], quoted: Sequence[Quoted]) -> None:
    """'"…," he said.' parsed as two sentences: give the bare cue the quote before it."""
    for frame in frames:
        if frame.content or frame.cue is None:
            continue
        before = [q for q in quoted if q.end <= frame.cue[0] and not _covered(frames, q)]
        if before and not text[before[-1].outer[1] : frame.cue[0]].strip(' ,\n"“”’').count(" ") > 3:
            span = trim(text, before[-1].start, before[-1].end)
            if span:
                frame.content.append(span)


_SHARED_SUBJECT_DEPS = frozenset({"advcl", "conj", "xcomp"})


def _share_subjects(text: str, frames: Sequence[Frame]) -> None:
    """A cue without a subject of its own speaks for the subject of the cue it hangs from
    ("… and added that …"), or of the attribution it follows after a comma ("Peskov
    declined to say whether …, telling reporters only that …").

    The shared subject becomes the frame's speaker hint, not its source span, since the
    text does not repeat it. A passive participle ("Asked whether …, Peskov said") is
    said to the subject, not by it, and takes nothing.
    """
    for frame in frames:
        token = frame.cue_token
        if frame.source or frame.speaker_hint or frame.cue is None or token is None:
            continue
        if token.dep_ not in _SHARED_SUBJECT_DEPS or token.tag_ == "VBN":
            continue
        if any(child.dep_ in {"nsubj", "nsubjpass"} for child in token.children):
            continue
        cue_start = frame.cue[0]
        others = [f for f in frames if f is not frame and (f.source or f.speaker_hint)]
        owner = next(
            (f for f in others if f.cue is not None and f.cue[0] <= token.head.idx < f.cue[1]),
            None,
        )
        if owner is None and token.tag_ == "VBG":
            owner = next(
                (
                    f
                    for f in others
                    if f.content
                    and f.content[-1][1] <= cue_start
                    and not text[f.content[-1][1] : cue_start].strip(" ,")
                ),
                None,
            )
        if owner is not None:
            frame.speaker_hint = owner.source or owner.speaker_hint


def _frame_start(frame: Frame) -> int:
    starts = [s for s, _ in frame.content] + ([frame.cue[0]] if frame.cue else [])
    return min(starts) if starts else 0


def _root_frame(frame: Frame) -> Frame:
    """The frame a chain of continuations starts from (a cycle stops at its first repeat)."""
    seen = {id(frame)}
    while frame.continued_from is not None and id(frame.continued_from) not in seen:
        frame = frame.continued_from
        seen.add(id(frame))
    return frame


def _resolve_speakers(
    doc: Doc, text: str, frames: Sequence[Frame], entities: Sequence[Entity]
) -> dict[int, Speaker]:
    """Speakers of frames with a source in text order, then of their continuations."""
    speakers: dict[int, Speaker] = {}
    last: Speaker | None = None
    reported = sorted(span for frame in frames for span in frame.content)
    for frame in frames:
        named = frame.source or frame.speaker_hint
        if named is None:
            continue
        named = _antecedent(doc, named) or named
        speaker = resolve_speaker(text[named[0] : named[1]], named[0], entities, last, reported)
        speakers[id(frame)] = speaker
        last = speaker if speaker.name else last
    nobody = Speaker(None, None, anonymous=False)
    for frame in frames:
        if id(frame) not in speakers:
            speakers[id(frame)] = speakers.get(id(_root_frame(frame)), nobody)
    return speakers


_RELATIVE_PRONOUNS = frozenset({"who", "whose", "that", "which"})


def _antecedent(doc: Doc, source: CharSpan) -> CharSpan | None:
    """What a relative-pronoun source stands for: "a senior official, who asked not to be
    named" → "a senior official", "Sovin, whose warning …" → "Sovin"; None for any other
    source."""
    piece = doc.char_span(*source, alignment_mode="expand")
    if piece is None or len(piece) != 1 or piece[0].lower_ not in _RELATIVE_PRONOUNS:
        return None
    # "who said" hangs the pronoun on the clause; "whose warning … set" one word lower
    clause = next((t for t in piece[0].ancestors if t.dep_ == "relcl"), None)
    if clause is None or clause.head.i >= piece[0].i:
        return None
    noun = clause.head
    words = [t for t in doc[noun.left_edge.i : piece[0].i] if not t.is_punct]
    return (words[0].idx, words[-1].idx + len(words[-1])) if words else None


def _span(text: str, pair: tuple[int, int] | None) -> Span | None:
    return None if pair is None else Span.of(text, *pair)


def find_quotes(
    doc: Doc,
    entities: Iterable[Entity] = (),
    *,
    text: str | None = None,
    tagged: TaggedSpans | None = None,
    merge: MergeSettings = MergeSettings(),
) -> Iterator[Quote]:
    """Yield the quotations and reported speech of a parsed article.

    Args:
        doc: the parsed article body (its offsets are article offsets).
        entities: the article's grouped entities, to name speakers.
        text: the article text that spans should quote (defaults to ``doc.text``; the
            body differs from it only where markup was blanked out).
        tagged: spans of the trained tagger for this body (``tagger.SpanTagger.tag``);
            without them the rules alone find the frames.
        merge: how tagger spans and rule frames combine.

    Yields:
        Quotes in text order, with kind, content, cue, source, speaker, chain and stance.
    """
    text = text_of(doc) if text is None else text
    entity_list = list(entities)
    quoted = find_quoted(text_of(doc))
    frames = find_frames(doc, quoted)
    _attach_dangling_cues(text_of(doc), frames, quoted)
    frames = [f for f in frames if f.content]
    if tagged is not None:
        frames = frames_from_tags(doc, tagged, frames, merge, quoted)
    _share_subjects(text_of(doc), frames)
    frames = _add_continuations(text_of(doc), frames, quoted)
    _link_orphan_quotes(text_of(doc), frames, quoted)
    speakers = _resolve_speakers(doc, text, frames, entity_list)
    quotes = [_quote(frame, speakers[id(frame)], doc, text, quoted) for frame in frames]
    relays = [v.span for q in quotes for v in q.via if v.span is not None]
    for quote in quotes:
        # "as quoted by RIA Novosti" read as an attribution of its own: it is a relay
        if not quote.content and any(
            part is not None and r.start <= part.start < r.end
            for part in (quote.source, quote.cue)
            for r in relays
        ):
            continue
        yield quote


def _quote(frame: Frame, speaker: Speaker, doc: Doc, text: str, quoted: Sequence[Quoted]) -> Quote:
    via, venue = find_chain(_root_frame(frame), text, quoted)
    return Quote(
        kind=kind_of(frame.content, quoted),
        content=tuple(Span.of(text, s, e) for s, e in frame.content),
        cue=_span(text, frame.cue),
        source=_span(text, frame.source),
        speaker=speaker.name,
        speaker_id=speaker.entity_id,
        anonymous=speaker.anonymous,
        via=via,
        venue=venue,
        polarity=polarity_of(frame, doc),
    )
