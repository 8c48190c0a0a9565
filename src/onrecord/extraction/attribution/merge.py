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
from onrecord.extraction.attribution.marks import Quoted, find_quoted
from onrecord.extraction.attribution.tagger import CONTENT_STARTS, UNSURE_CONTENTS
from onrecord.extraction.sentences import sentence_at, sentence_of, text_of

# spans per role of the trained tagger, maybe with the first words of likely contents and
# readings of contents whose end it is unsure of (``tagger.CONTENT_STARTS``,
# ``tagger.UNSURE_CONTENTS``)
TaggedSpans = Mapping[str, Sequence[CharSpan]]
# a parse frame the tagger passed over is kept when its content is a quotation this long
MIN_QUOTATION_WORDS = 4


def _overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _distance(a: CharSpan, b: CharSpan) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    gap = _gap(a, b)
    return max(gap.stop - gap.start, 0)


def _gap(first: CharSpan, second: CharSpan) -> slice:
    """The text between two spans, whichever comes first (empty when they overlap)."""
    return slice(first[1], second[0]) if first[1] <= second[0] else slice(second[1], first[0])


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


_DOUBLE_MARKS = '“”„«»"'


def finish_quote(text: str, span: CharSpan, quoted: Sequence[Quoted]) -> CharSpan:
    """Carry a content that stops at a sentence end inside an open quote to the quote's end.

    '“We have waited long enough. The treaty is ready.' with the paragraph leaving the
    quote open (news style, when the speaker goes on in the next paragraph): the content is
    the paragraph's whole quote, not its first sentence. ``quoted`` are the text's quoted
    stretches (``marks.find_quoted``).

    Notes:
        Rare on PolNeAR: on the first 400 train articles and on dev it changes one content
        (a quote ending in a bracketed "[Gallup.]" that gold leaves out). It is kept for
        the news-style pattern above, where the tagger may stop after the first sentence.
        A content holding a second mark, stopping mid-sentence or before a line break is
        left alone (text with stray marks: '“Cape Breton If Donald Trump Wins“').
    """
    start, end = span
    inside = text[start + 1 : end].rstrip()
    if not inside or inside[-1] not in ".?!" or any(mark in inside for mark in _DOUBLE_MARKS):
        return span
    for quote in quoted:
        if quote.outer[0] == start and not quote.closed and quote.end > end:
            return span if "\n" in text[end : quote.end] else (start, quote.end)
    return span


_CUE_PARTICLES = frozenset(
    "for about of to on against with at as by from into over in toward towards upon".split()
)
# cues whose last word is a particle by nature, not a preposition the tagger overshot into
_FIXED_CUES = frozenset({"according to", "known as", "such as"})


def _starts_right_after(position: int, spans: Sequence[CharSpan]) -> bool:
    """Whether one of ``spans`` begins at ``position`` (a space or quote mark between)."""
    return any(0 <= start - position <= 3 for start, _ in spans)


def fit_cue_particle(doc: Doc, cue: CharSpan, contents: Sequence[CharSpan]) -> CharSpan:
    """Give a cue the preposition before its content, and only that one.

    "called for <content>", "accusing her of <content>" take the preposition; "complained
    to reporters", "said in a statement", "said of Trump" do not, because no content starts
    right after it, and neither does the "by" of a passive cue before its source ("was
    first reported | by MSNBC"). ``contents`` may be whole contents or only their first
    words: only where they start counts.

    Notes:
        PolNeAR's cues end with the preposition exactly when the content is its object;
        the tagger leans both ways on this word (about 60 cues too long and 35 too short
        on the first 200 train articles). Before a source, PolNeAR leaves "by" out of the
        cue 147 times and puts it in 38 times (train).
    """
    piece = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if piece is None or len(piece) == 0:
        return cue
    last = piece[-1]
    if (
        len(piece) > 1
        and last.lower_ in _CUE_PARTICLES
        and piece.text.lower() not in _FIXED_CUES
        and not _starts_right_after(cue[1], contents)
    ):
        before = piece[-2]
        return cue[0], before.idx + len(before)
    if piece.end >= len(doc):
        return cue
    following = doc[piece.end]
    if following.lower_ in _CUE_PARTICLES and _starts_right_after(
        following.idx + len(following), contents
    ):
        return cue[0], following.idx + len(following)
    return cue


# a word with these relations to a later head does not end a phrase: "the", "a", "her"
_CONTENT_OPEN_DEPS = frozenset({"det", "poss", "amod", "nummod", "compound", "quantmod", "nmod"})
_CONTENT_OPEN_DEPS |= {"aux", "auxpass", "neg"}
_SOURCE_OPEN_DEPS = frozenset({"det"})


def complete_phrase(
    doc: Doc, span: CharSpan, open_deps: frozenset[str] = _CONTENT_OPEN_DEPS, objects: bool = True
) -> CharSpan:
    """Carry a span that stops on a word waiting for its phrase to the end of that phrase.

    "the" → "the candidate of their choice", "a" → "a ban on Muslims", "would" → "would
    win"; with ``objects``, a closing preposition takes its object ("concern about" →
    "concern about the plan"). The span never runs past its sentence or a line break.

    Args:
        doc: the parsed body.
        span: a content (or source) span of the tagger.
        open_deps: relations of a last word to a later head that leave the phrase open.
        objects: whether a closing preposition or subordinator takes its object.

    Returns:
        The span, maybe longer on the right.

    Notes:
        The tagger's inside scores sometimes fade after the first word of an object;
        on the first 200 PolNeAR train articles this completes about 50 contents.
    """
    piece = doc.char_span(span[0], span[1], alignment_mode="expand")
    if piece is None or len(piece) == 0:
        return span
    last = piece[-1]
    head = last.head
    edge = last.i
    if last.dep_ in open_deps and head.i > last.i:
        edge = head.right_edge.i
    elif objects and last.pos_ in {"ADP", "SCONJ"}:
        edge = last.right_edge.i
    elif objects and last.dep_ == "cc":
        # "A and" → "A and B": the second conjunct hangs from the first
        edge = head.right_edge.i
    sentence = sentence_of(last)
    edge = min(edge, sentence.end - 1)
    while edge > last.i and (doc[edge].is_punct or doc[edge].is_space):
        edge -= 1
    if edge <= last.i or "\n" in doc[last.i : edge + 1].text:
        return span
    return span[0], doc[edge].idx + len(doc[edge])


def split_relative_source(doc: Doc, source: CharSpan) -> list[CharSpan]:
    """Split "Graham, who" into the source "Graham" and the source "who".

    The relative pronoun is the subject of a cue of its own ("Graham, who says …, said"),
    and PolNeAR marks it as a second source; the tagger sometimes runs the two together.
    """
    piece = doc.char_span(source[0], source[1], alignment_mode="expand")
    if piece is None or len(piece) < 3:
        return [source]
    last, before = piece[-1], piece[-2]
    if last.tag_ not in {"WP", "WDT", "WP$"} or not before.is_punct:
        return [source]
    head = piece[-3]
    return [(source[0], head.idx + len(head)), (last.idx, source[1])]


def take_possessive(doc: Doc, source: CharSpan) -> CharSpan:
    """Take the possessive "'s" that follows a source into it ("Trump's" in "Trump's plan")."""
    piece = doc.char_span(source[0], source[1], alignment_mode="expand")
    if piece is None or len(piece) == 0 or piece.end >= len(doc):
        return source
    following = doc[piece.end]
    if following.tag_ == "POS" and following.idx == source[1]:
        return source[0], following.idx + len(following)
    return source


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
    tagger has none that fits. Off by default: on PolNeAR train only 81 of 377 sources and
    37 of 229 contents filled in this way match a gold span exactly.
    ``keep_rule_frames``: keep rule frames whose cue and content no tagged span overlaps,
    but for a content around the frame's cue that no tagged cue holds.
    ``rule_quotations_only``: of those, keep only frames whose content is a quotation of
    at least ``MIN_QUOTATION_WORDS`` words (``is_quotation``). The parse's indirect
    frames that the tagger passed over are mostly not attributions as PolNeAR marks them:
    with marginal decoding, 2 of 24 such contents and 6 of 26 cues on dev were gold.
    ``extend_cues``: end a tagged cue with the preposition right before its content
    ("called for"), and only then.
    ``keep_partial``: keep frames without content (a source and cue whose content the
    tagger missed) and sources no cue claimed.
    ``complete_phrases``: carry a content or source that stops on "the", "a", "would" …
    to the end of its phrase, and give a source its possessive "'s".
    ``finish_quotes``: carry a content that stops at a sentence end inside a quote its
    paragraph leaves open to the end of that quote (``finish_quote``).
    ``fill_unsure``: give a cue left without content the tagger's likeliest reading of a
    content it is sure begins nearby but unsure where it ends (``tagger.UNSURE_CONTENTS``).
    ``explain_leftovers``: give a tagged content that no cue claimed the cue and source of a
    parse frame around it whose cue the tagger did not mark (``_explain_leftovers``).
    """

    fill_from_rules: bool = False
    keep_rule_frames: bool = True
    rule_quotations_only: bool = True
    extend_cues: bool = True
    keep_partial: bool = True
    complete_phrases: bool = True
    finish_quotes: bool = True
    fill_unsure: bool = True
    explain_leftovers: bool = True


def frames_from_tags(
    doc: Doc,
    tagged: TaggedSpans,
    rule_frames: Sequence[Frame],
    settings: MergeSettings = MergeSettings(),
    quoted: Sequence[Quoted] | None = None,
) -> list[Frame]:
    """Pair the tagger's spans into frames.

    Args:
        doc: the parsed body.
        tagged: character spans per role (``source``, ``cue``, ``content``).
        rule_frames: frames from the parse, to borrow parse tokens and chains from.
        settings: how the two combine.
        quoted: the body's quoted stretches (``marks.find_quoted``), when the caller has
            them already; found here otherwise.

    Returns:
        One frame per predicted cue. A cue that a rule frame confirms takes the tagged
        spans that overlap the rule's source and content; any other cue takes the nearest
        unclaimed ones of its sentence (or the sentence before, for '"…," he said').
        Spans left over join a frame of their sentence, or stand alone.
    """
    text = text_of(doc)
    # where contents likely begin, even those whose end is too unsure to be kept (they tell
    # a cue's preposition), and readings of the latter (a cue left without content may
    # take one)
    content_starts = tagged.get(CONTENT_STARTS)
    unsure = [t for c in tagged.get(UNSURE_CONTENTS, ()) if (t := trim(text, *c))]
    tagged = {
        role: join_adjacent(spans, text)
        for role, spans in tagged.items()
        if role not in {CONTENT_STARTS, UNSURE_CONTENTS}
    }
    quoted = find_quoted(text) if quoted is None else quoted
    if settings.finish_quotes:
        tagged["content"] = [finish_quote(text, c, quoted) for c in tagged.get("content", ())]
    # the tagger's contents include quote marks and end punctuation; a quote's do not
    tagged["content"] = [t for c in tagged.get("content", ()) if (t := trim(text, *c))]
    if settings.complete_phrases:
        tagged["content"] = [complete_phrase(doc, c) for c in tagged["content"]]
        tagged["source"] = [
            complete_phrase(doc, take_possessive(doc, part), _SOURCE_OPEN_DEPS, objects=False)
            for s in tagged.get("source", ())
            for part in split_relative_source(doc, s)
        ]
    sources, contents = list(tagged.get("source", ())), list(tagged.get("content", ()))
    starts = contents if content_starts is None else content_starts
    cues = [
        fit_cue_particle(doc, c, starts) if settings.extend_cues else c
        for c in tagged.get("cue", ())
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
    frames = [
        _pair(doc, cue, rule, sources, contents, claimed, settings, cues) for cue, rule in pairs
    ]
    if settings.fill_unsure:
        _fill_unsure(doc, frames, unsure, contents, cues)
    if settings.explain_leftovers:
        frames += _explain_leftovers(contents, rule_frames, cues, sources, claimed)
    _attach_leftovers(doc, frames, contents, claimed)
    _take_relative_objects(doc, frames)
    if settings.keep_rule_frames:
        tagged_cues = tagged.get("cue", ())
        held = {c for f in frames if f.cue is not None for c in f.content}
        unseen = [
            f
            for f in rule_frames
            if _unseen(f, tagged_cues, tagged["content"], held)
            and (
                not settings.rule_quotations_only
                or any(is_quotation(text, c, quoted) for c in f.content)
            )
        ]
        # a content left without cue or source around an unseen frame was only its wrapping
        frames = [f for f in frames if f.cue or f.source or not _wraps_any(f, unseen)]
        frames += unseen
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
    frames = [kept for f in frames if (kept := _yield_to(f, strong)) is not None]
    frames += [g for g in strong if g not in frames]
    relays = _relay_spans(rule_frames)
    frames = [
        f
        for f in frames
        if not (f.origin == "tagger" and f.source and _inside_any(f.source, relays))
    ]
    return sorted(frames, key=_start)


def is_quotation(text: str, span: CharSpan, quoted: Sequence[Quoted]) -> bool:
    """Whether a content opens a quoted stretch and runs at least ``MIN_QUOTATION_WORDS``.

    '"We are not going to become part of Russia," X told …' is one; a scare-quoted word
    or two ('calling it "fraud"') and indirect speech are not.
    """
    start, end = span
    return len(text[start:end].split()) >= MIN_QUOTATION_WORDS and any(
        quote.start <= start <= quote.start + 1 and end <= quote.end + 1 for quote in quoted
    )


def _fill_unsure(
    doc: Doc,
    frames: Sequence[Frame],
    unsure: Sequence[CharSpan],
    contents: Sequence[CharSpan],
    cues: Sequence[CharSpan],
) -> None:
    """Give each cue frame without content the nearest unsure content of its sentence.

    "Police estimated the crowd at 8,000 on Saturday, …": the tagger knows the content
    starts at "the crowd" but spreads its end over several words, so no reading is kept
    and the quote would say nothing. For a reader a content with an uncertain end beats
    none; PolNeAR counts it exact about a third of the time. A reading that overlaps a
    kept content or a cue, or has another cue between it and this one, is not taken.
    """
    taken: list[CharSpan] = []
    for frame in frames:
        if frame.cue is None or frame.content:
            continue
        cue = frame.cue
        window = _sentence_window(doc, cue[0])
        near = [
            u
            for u in unsure
            if _overlaps(u, window)
            and not any(_overlaps(u, other) for other in (*contents, *cues, *taken))
            and not _cue_between(cue, u, cues)
        ]
        if near:
            chosen = min(near, key=lambda u: _distance(u, cue))
            frame.content = [chosen]
            taken.append(chosen)


def _explain_leftovers(
    contents: Sequence[CharSpan],
    rule_frames: Sequence[Frame],
    cues: Sequence[CharSpan],
    sources: Sequence[CharSpan],
    claimed: set[CharSpan],
) -> list[Frame]:
    """Frames for tagged contents no cue claimed, from the parse frames around them.

    "‘The date is where the evidence led us,’ she said in an interview with Radio Skarvel":
    the tagger may be sure that a cue begins at "said" but torn between "said", "said in"
    and the whole phrase, and keep none of them. The parse frame whose content the tagged
    content overlaps, and whose cue no tagged cue touches, supplies the cue, and the
    tagged source that overlaps its source (or else a speaker hint); the content keeps
    the tagger's boundaries. This comes before a leftover content joins a frame of its
    sentence: the parse's own frame for it knows better than nearness. A content that
    holds the parse frame's cue is left alone: it is what remains of a relayed
    attribution around it (see ``_unseen``). Claims the contents and sources it uses.
    """
    explained: dict[int, list[CharSpan]] = {}
    for content in contents:
        if content in claimed:
            continue
        for number, rule in enumerate(rule_frames):
            if (
                rule.cue is not None
                and not _overlaps(rule.cue, content)
                and not any(_overlaps(rule.cue, cue) for cue in cues)
                and any(_overlaps(content, part) for part in rule.content)
            ):
                explained.setdefault(number, []).append(content)
                claimed.add(content)
                break
    frames = []
    for number, held in explained.items():
        rule = rule_frames[number]
        source = next(
            (
                s
                for s in sources
                if s not in claimed and rule.source is not None and _overlaps(s, rule.source)
            ),
            None,
        )
        if source is not None:
            claimed.add(source)
        frames.append(
            Frame(
                cue=rule.cue,
                source=source,
                content=sorted(held),
                cue_token=rule.cue_token,
                source_token=rule.source_token,
                via_tokens=list(rule.via_tokens),
                origin="tagger",
                speaker_hint=(rule.source or rule.speaker_hint) if source is None else None,
            )
        )
    return frames


def _unseen(
    frame: Frame,
    cues: Sequence[CharSpan],
    contents: Sequence[CharSpan],
    held: set[CharSpan],
) -> bool:
    """Whether the tagger missed a rule frame: no tagged cue or content touches it.

    A tagged content around the frame's cue that no tagged cue holds is what is left of
    an attribution around this one whose cue was dropped ('"…," he told a news
    conference, according to BelTA'): it does not count.
    """
    cue = frame.cue
    if cue is None or any(_overlaps(cue, c) for c in cues):
        return False
    blocking = [c for c in contents if c in held or not (c[0] <= cue[0] and cue[1] <= c[1])]
    return not any(_overlaps(span, c) for span in (cue, *frame.content) for c in blocking)


def _wraps_any(frame: Frame, inner: Sequence[Frame]) -> bool:
    return any(
        g.cue is not None and c[0] <= g.cue[0] and g.cue[1] <= c[1]
        for c in frame.content
        for g in inner
    )


def _yield_to(frame: Frame, strong: Sequence[Frame]) -> Frame | None:
    """A tagger frame less what the stronger frames (relays, bylines) hold.

    None when its cue lies in a stronger frame's cue or content, when it is a bare source
    naming a stronger frame's speaker, or when none of its contents is left. Otherwise the
    contents a stronger frame holds are given up and the rest stay ("Officials said …" keeps
    its own words when the next paragraph's "We will see. — Jane Doe" was attached to it).
    """
    if frame in strong:
        return frame
    theirs = [c for g in strong for c in (*g.content, *([g.cue] if g.cue else []))]
    if frame.cue is not None and any(_overlaps(frame.cue, span) for span in theirs):
        return None
    if not frame.content:
        sources = [g.source for g in strong if g.source is not None]
        shared = frame.source is not None and any(_overlaps(frame.source, s) for s in sources)
        return None if shared and frame.cue is None else frame
    content = [c for c in frame.content if not any(_overlaps(c, span) for span in theirs)]
    if not content:
        return None
    frame.content = content
    return frame


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
    cues: Sequence[CharSpan] = (),
) -> Frame:
    window = _sentence_window(doc, cue[0])
    free_sources = [s for s in sources if s not in claimed and _overlaps(s, window)]
    free_contents = [
        c
        for c in contents
        if c not in claimed and not _overlaps(c, cue) and not _cue_between(cue, c, cues)
    ]
    source = content = None
    if rule is not None:
        content = [c for c in free_contents if any(_overlaps(c, r) for r in rule.content)]
        if rule.source is not None:
            # the parse knows the source: a tagged one must agree with it
            overlapping = (s for s in free_sources if _overlaps(s, rule.source))
            source = next(overlapping, rule.source if settings.fill_from_rules else None)
    if source is None and (rule is None or rule.source is None):
        source = min(free_sources, key=lambda s: _distance(s, cue), default=None)
    # "According to a readout, Putin said the sides agreed": the tagger's content runs
    # over the cue itself, so the parse says where the cue's own content starts
    wraps_cue = any(_overlaps(c, cue) for c in contents)
    if (
        not content
        and rule is not None
        and rule.content
        and (settings.fill_from_rules or wraps_cue)
    ):
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
        # the speaker is still known when the parse's source is not reported as a span
        speaker_hint=(rule.source or rule.speaker_hint) if source is None and rule else None,
    )


def _cue_between(cue: CharSpan, content: CharSpan, cues: Sequence[CharSpan]) -> bool:
    """Whether another cue stands between a cue and a content, so the content is its:
    "declined to say whether …, telling reporters only that …"."""
    gap = _gap(cue, content)
    return any(gap.start <= other[0] and other[1] <= gap.stop for other in cues if other != cue)


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
    """A content no cue claimed joins a frame of its sentence (a split quote), or stands alone.

    A line break parts them: a headline's date line is not more of the headline's claim
    (a quote that runs on over paragraphs is a continuation, found apart)."""
    text = text_of(doc)
    for content in contents:
        if content in claimed:
            continue
        if any(_overlaps(content, c) for f in frames for c in f.content):
            continue  # a second reading of a content a frame already has
        window = _sentence_window(doc, content[0])
        owners = [
            f
            for f in frames
            if f.cue and _overlaps(f.cue, window) and "\n" not in text[_gap(f.cue, content)]
        ]
        if owners:
            owner = min(owners, key=lambda f: _distance(f.cue, content))  # type: ignore[arg-type]
            owner.content.append(content)
            owner.content.sort()
        elif not _only_a_date(doc, content):  # a dateline claims nothing
            frames.append(Frame(cue=None, source=None, content=[content], origin="tagger"))


_RELATIVE_OBJECTS = frozenset({"what", "which", "whom"})


def _take_relative_objects(doc: Doc, frames: Sequence[Frame]) -> None:
    """Give a cue the relative pronoun right before its source as content.

    "the strategy, which the bank detailed in filings" and "after what she called a rant":
    the pronoun is what was said (PolNeAR marks it so). Not after a preposition for
    "which"/"whom" ("an interview in which he said …": the clause holds its own content),
    and not when a content already holds the pronoun.
    """
    held = [c for f in frames for c in f.content]
    for frame in frames:
        if frame.cue is None or frame.source is None or frame.source[1] > frame.cue[0]:
            continue
        piece = doc.char_span(*frame.source, alignment_mode="expand")
        if piece is None or piece.start == 0:
            continue
        pronoun = doc[piece.start - 1]
        if pronoun.lower_ not in _RELATIVE_OBJECTS or pronoun.tag_ not in {"WP", "WDT"}:
            continue
        if pronoun.lower_ != "what" and pronoun.i > 0 and doc[pronoun.i - 1].pos_ == "ADP":
            continue
        span = (pronoun.idx, pronoun.idx + len(pronoun))
        if not any(_overlaps(span, c) for c in held):
            frame.content = sorted([*frame.content, span])
            held.append(span)


def _only_a_date(doc: Doc, span: CharSpan) -> bool:
    piece = doc.char_span(*span, alignment_mode="expand")
    words = [t for t in piece or () if not (t.is_punct or t.is_space)]
    return bool(words) and all(t.ent_type_ in {"DATE", "TIME"} for t in words)
