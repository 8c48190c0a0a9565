"""Attribution frames from the dependency parse: a cue with its source and content spans.

A frame is the skeleton of a quote: character spans only. Speakers, chains, stance and
kind are decided later from the frame and its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from onrecord.extraction.attribution.cues import (
    AUDIENCE_NOUNS,
    RELAY_VERBS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
)
from onrecord.extraction.attribution.marks import CLOSERS, Quoted
from onrecord.extraction.sentences import sentence_of, text_of

CharSpan = tuple[int, int]

_OBJECT_CONTENT_VERBS = frozenset(
    "deny dismiss reject refute dispute confirm announce acknowledge admit predict promise"
    " report reveal disclose allege claim".split()
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
_TRIM = " \t\n,.;:—–-\"“”‘’«»„'"


@dataclass(eq=False)
class Frame:
    """One attribution found by the rules or the tagger, as character spans."""

    cue: CharSpan | None
    source: CharSpan | None
    content: list[CharSpan]
    cue_token: Token | None = None
    source_token: Token | None = None
    via_tokens: list[Token] = field(default_factory=list)
    origin: str = "rules"
    continued_from: Frame | None = None
    speaker_hint: CharSpan | None = None
    """Where the parse finds the speaker when no source span is reported: it names the
    speaker, but is not output as the source (its boundaries are the parse's, which
    rarely match the annotated ones)."""


def trim(text: str, start: int, end: int) -> CharSpan | None:
    """Shrink ``[start, end)`` past surrounding spaces, punctuation and quote marks.

    A closing mark stays when the span opens its quote ('the talks made "good progress"'),
    so that a mixed quote reads with balanced marks.
    """
    while start < end and text[start] in _TRIM:
        start += 1
    outer_end = end
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if end <= start:
        return None
    return start, _close_open_quote(text, start, end, outer_end)


def _close_open_quote(text: str, start: int, end: int, outer_end: int) -> int:
    """Move ``end`` past the mark in ``text[end:outer_end]`` that closes a quote left open."""
    inside = text[start:end]
    for opening, closing in CLOSERS.items():
        if opening in closing:  # a straight mark closes its own kind
            still_open = inside.count(opening) % 2 == 1
        else:
            still_open = inside.count(opening) > sum(inside.count(c) for c in closing)
        if not still_open:
            continue
        tail = text[end:outer_end]
        found = [i for i in (tail.find(c) for c in closing) if i >= 0]
        if found:
            return end + min(found) + 1
    return end


def _tokens_span(tokens: Sequence[Token]) -> CharSpan | None:
    if not tokens:
        return None
    doc = tokens[0].doc
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    return trim(text_of(doc), doc[first].idx, doc[last].idx + len(doc[last]))


def _subtree_span(token: Token, exclude: set[int] = frozenset()) -> CharSpan | None:  # type: ignore[assignment]
    words = [t for t in token.subtree if t.i not in exclude]
    # keep only the contiguous run that holds the token itself
    words.sort(key=lambda t: t.i)
    run = [token]
    index = {t.i for t in words}
    left, right = token.i - 1, token.i + 1
    while left in index:
        run.insert(0, token.doc[left])
        left -= 1
    while right in index:
        run.append(token.doc[right])
        right += 1
    return _tokens_span(run)


def is_cue_verb(token: Token) -> bool:
    """Whether a token is a reporting verb (said, warned, denied, quoted …)."""
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in SPEECH_VERBS


def _inside(quoted: Sequence[Quoted], position: int) -> bool:
    return any(q.start <= position < q.end for q in quoted)


def _cue_span(verb: Token) -> CharSpan:
    """The cue of a verb with an auxiliary or negation right before it ("did not say")."""
    doc = verb.doc
    first = verb.i
    while (
        first > 0
        and doc[first - 1].dep_ in {"aux", "auxpass", "neg"}
        and doc[first - 1].head == verb
    ):
        first -= 1
    return doc[first].idx, verb.idx + len(verb)


def _saying_of(verb: Token) -> Token | None:
    """The "saying" of "quoted/cited X as saying"."""
    for child in verb.children:
        if child.lemma_ == "say" and child.dep_ in {"advcl", "xcomp", "pcomp", "ccomp"}:
            return child
        if child.lower_ == "as" and child.dep_ == "prep":
            return next((t for t in child.children if t.lemma_ == "say"), None)
    return None


def _relay_frame(verb: Token, sentence: SpacySpan, quoted: Sequence[Quoted]) -> Frame | None:
    """ "X was quoted (by Y) as saying …", "Y quoted/cited X as saying …"."""
    saying = _saying_of(verb)
    if saying is None:
        return None
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    source_token: Token | None
    if passive is not None:
        source_token = passive
        relays = [p for c in verb.children if c.dep_ == "agent" for p in c.children]
        start = _cue_span(verb)[0]
    else:
        source_token = next((c for c in verb.children if c.dep_ == "dobj"), None)
        relays = [c for c in verb.children if c.dep_ == "nsubj"]
        if not relays and verb.dep_ in {"advcl", "xcomp", "conj"}:
            # "RIA Novosti reported, quoting Peskov as saying …": the reporter relays
            relays = [c for c in verb.head.children if c.dep_ == "nsubj"]
        start = verb.idx
    cue = (start, saying.idx + len(saying))
    content = (
        _content_of(saying, sentence, quoted)
        or _content_of(verb, sentence, quoted)
        or _rest_of_sentence(saying, sentence)
    )
    source = _subtree_span(source_token) if source_token is not None else None
    frame = Frame(cue, source, content, cue_token=saying, source_token=source_token)
    frame.via_tokens = relays
    return frame


def _rest_of_sentence(saying: Token, sentence: SpacySpan) -> list[CharSpan]:
    """What follows "as saying" to the end of its sentence: its content, however parsed."""
    if saying.i + 1 >= sentence.end:
        return []
    last = sentence[-1]
    span = trim(text_of(saying.doc), saying.doc[saying.i + 1].idx, last.idx + len(last))
    return [span] if span else []


def _source_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            return child
    # a conjoined verb shares its subject: "Peskov confirmed the date and said …", and so
    # does a verb in the open complement of another: "Peskov declined to say whether …"
    if verb.dep_ in {"conj", "xcomp"}:
        return _source_of(verb.head)
    # "Sovin, asked whether …, said: …" is often parsed with "said" below "asked"
    if verb.dep_ == "ccomp" and verb.head.lemma_ in {"ask", "question"} and verb.i > verb.head.i:
        return _source_of(verb.head)
    return None


def _quote_tokens(doc: Doc, quote: Quoted) -> list[Token]:
    piece = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return [t for t in piece if not t.is_punct and not t.is_space] if piece is not None else []


def _quote_belongs(verb: Token, sentence: SpacySpan, quote: Quoted) -> bool:
    """Whether a quoted stretch is what ``verb`` reports.

    Notes:
        Either most of the quote's words hang below the verb in the parse ('He said:
        "…"', '"…," he said'), or the quote ends right before the verb's sentence, which
        holds nothing but the attribution ('"First sentence. Second," he said.').
    """
    tokens = _quote_tokens(verb.doc, quote)
    in_sentence = [t for t in tokens if sentence.start <= t.i < sentence.end]
    if in_sentence:
        return sum(_reports_below(verb, t) for t in in_sentence) * 2 >= len(in_sentence)
    if not tokens or tokens[-1].i >= sentence.start:
        return False
    opening = sentence_of(tokens[0])
    if text_of(verb.doc)[opening.start_char : quote.start].strip(' \t\n"“”‘’«»„'):
        return False  # the quote is part of another sentence: 'X said the "deal"'
    gap = text_of(verb.doc)[quote.end : sentence.start_char]
    if gap.strip(' \t,.;:!?"“”‘’«»—–-'):
        return False
    words = [t for t in sentence if not t.is_punct and not t.is_space]
    return verb.dep_ == "ROOT" and len(words) <= 12


def _reports_below(verb: Token, token: Token) -> bool:
    """Whether ``token`` hangs below ``verb`` with no nearer cue verb between them: in
    "denied reports that …, calling them "fantasies"" the quote is the calling's."""
    for ancestor in token.ancestors:
        if ancestor.i == verb.i:
            return True
        if is_cue_verb(ancestor):
            return False
    return False


def _object_content(verb: Token) -> CharSpan | None:
    """ "denied the reports", "dismissed reports that …": an object that is a claim."""
    for child in verb.children:
        if child.dep_ not in {"dobj", "attr"} or child.lower_ in AUDIENCE_NOUNS:
            continue
        if child.pos_ == "PRON":
            continue
        claim_like = any(c.dep_ in {"acl", "relcl", "ccomp"} for c in child.children)
        if verb.lemma_ in _OBJECT_CONTENT_VERBS or claim_like:
            return _subtree_span(child)
    return None


def _content_of(verb: Token, sentence: SpacySpan, quoted: Sequence[Quoted]) -> list[CharSpan]:
    text = text_of(verb.doc)
    nearby = [
        q
        for q in quoted
        if sentence.start_char - 3 <= q.end
        and q.start <= sentence.end_char
        and not (q.start <= verb.idx < q.end)
    ]
    mine = [q for q in nearby if _quote_belongs(verb, sentence, q)]
    clause = next(
        (
            c
            for c in verb.children
            if c.dep_ == "ccomp" or (c.dep_ in _CONTENT_DEPS and c.i > verb.i)
        ),
        None,
    )
    clause_span = _subtree_span(clause) if clause is not None else None
    if mine:
        inside_one = clause_span and any(
            q.start <= clause_span[0] and clause_span[1] <= q.end + 1 for q in mine
        )
        if clause_span and not inside_one and len(mine) == 1 and clause_span[0] < mine[0].start:
            return [clause_span]  # a mixed quote: 'said the talks made "good progress"'
        return [s for q in mine if (s := trim(text, q.start, q.end))]
    if clause_span:
        return [clause_span]
    span = _object_content(verb)
    if span:
        return [span]
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in {"of", "about", "against"}
            and verb.lemma_ in {"warn", "caution", "complain", "speak", "talk"}
        ):
            span = _subtree_span(child)
            if span:
                return [trim(text, span[0] + len(child.text), span[1]) or span]
    return []


def _according_to_frames(sentence: SpacySpan) -> Iterator[Frame]:
    doc = sentence.doc
    for token in sentence:
        if token.lower_ != "according" or token.i + 1 >= sentence.end:
            continue
        to = doc[token.i + 1]
        if to.lower_ != "to":
            continue
        objects = [t for t in to.children if t.dep_ == "pobj"]
        if not objects:
            continue
        source = _subtree_span(objects[0])
        phrase = {t.i for t in token.subtree} | {t.i for t in to.subtree} | {token.i, to.i}
        rest = [t for t in sentence if t.i not in phrase and not t.is_punct]
        content = _tokens_span(rest)
        cue = (token.idx, to.idx + len(to))
        yield Frame(
            cue, source, [content] if content else [], cue_token=token, source_token=objects[0]
        )


def _is_relayed_saying(token: Token) -> bool:
    if token.lemma_ != "say":
        return False
    head = token.head.head if token.head.lower_ == "as" else token.head
    return head != token and head.lemma_ in RELAY_VERBS and _saying_of(head) == token


def _drop_relay_documents(frames: list[Frame], doc: Doc) -> list[Frame]:
    """ "According to a readout, Putin said …": the readout relays Putin's frame."""
    kept = []
    for frame in frames:
        token = frame.source_token
        inner = [
            other
            for other in frames
            if other is not frame
            and other.cue is not None
            and any(s <= other.cue[0] < e for s, e in frame.content)
        ]
        if (
            frame.cue_token is not None
            and frame.cue_token.lower_ == "according"
            and inner
            and (token is not None and token.lemma_.lower() in SOURCE_NOUNS)
        ):
            continue
        kept.append(frame)
    return kept


# em dash, en dash, horizontal bar (the quotation dash) or hyphens; spaces may be non-breaking
_BYLINE = re.compile(r"[ \t\xa0]*[—–―]{1,2}[ \t\xa0]*|[ \t\xa0]+--?[ \t\xa0]*")
_BYLINE_NAME = re.compile(r"[A-Z][\w.'’-]*(?:[ \t\xa0]+(?:[A-Z][\w.'’-]*|de|van|von|al|bin))*")


def _byline_frames(doc: Doc, quoted: Sequence[Quoted]) -> Iterator[Frame]:
    """'“A currency is a promise.” — Signe Aldecott': the dash names the speaker. A quote
    left open to the end of its paragraph may carry its byline inside ('"We will see. — Jane
    Doe')."""
    text = text_of(doc)
    for quote in quoted:
        if quote.closed:
            dash = _BYLINE.match(text, quote.end + 1)
            name = _BYLINE_NAME.match(text, dash.end()) if dash else None
            content = trim(text, quote.start, quote.end)
        else:
            dash, name = _open_byline(text, quote.start, quote.end)
            content = trim(text, quote.start, dash.start()) if dash else None
        if dash is None or name is None or content is None:
            continue
        dash_text = dash.group()
        cue = (
            dash.start() + len(dash_text) - len(dash_text.lstrip()),
            dash.end() - (len(dash_text) - len(dash_text.rstrip())),
        )
        yield Frame(cue, _name_span(name), [content], origin="byline")


def _name_span(name: re.Match[str]) -> CharSpan:
    """The byline name without a sentence's full stop ("Radek Sovin." but "King Jr.")."""
    last_word = name.group().split()[-1]
    end = name.end() - 1 if last_word.endswith(".") and len(last_word) > 4 else name.end()
    return name.start(), end


def _open_byline(
    text: str, start: int, end: int
) -> tuple[re.Match[str], re.Match[str]] | tuple[None, None]:
    """The last dash of ``text[start:end]`` and the name after it, when only a name follows."""
    trimmed = trim(text, start, end)
    if trimmed is None:
        return None, None
    end = trimmed[1]
    dashes = list(_BYLINE.finditer(text, start, end))
    name = _BYLINE_NAME.fullmatch(text, dashes[-1].end(), end) if dashes else None
    return (dashes[-1], name) if name is not None else (None, None)


def participle_cue(doc: Doc, span: CharSpan) -> Token | None:
    """The cue of a participle clause that closes a content after a comma, with no subject
    of its own: "…, adding that …", "…, telling reporters …". The parse often hangs it
    inside the content; it is a second attribution by the same speaker."""
    piece = doc.char_span(span[0], span[1], alignment_mode="expand")
    if piece is None:
        return None
    for token in piece[1:]:
        if (
            token.tag_ == "VBG"
            and is_cue_verb(token)
            and doc[token.i - 1].text == ","
            and not any(c.dep_ in _SUBJECT_DEPS for c in token.children)
        ):
            return token
    return None


def _split_participle(frame: Frame, sentence: SpacySpan, quoted: Sequence[Quoted]) -> list[Frame]:
    """Cut a frame's clause content before a closing participle cue ("…, adding that …")
    and make that cue a frame of its own, spoken by the same source."""
    if frame.cue_token is None or len(frame.content) != 1:
        return []
    doc = frame.cue_token.doc
    start, end = frame.content[0]
    participle = participle_cue(doc, (start, end))
    if participle is None:
        return []
    comma = doc[participle.i - 1]
    kept = trim(text_of(doc), start, comma.idx)
    if kept is None:
        return []
    frame.content = [kept]
    content = _content_of(participle, sentence, quoted)
    return [
        Frame(
            _cue_span(participle),
            None,
            content,
            cue_token=participle,
            speaker_hint=frame.source or frame.speaker_hint,
        )
    ]


def find_frames(doc: Doc, quoted: Sequence[Quoted]) -> list[Frame]:
    """Rule-based attribution frames of a parsed document.

    Args:
        doc: the parsed article body.
        quoted: its quoted stretches (:func:`onrecord.extraction.attribution.marks.find_quoted`).

    Returns:
        Frames in text order; each has a cue, and a source or content or both.
    """
    frames: list[Frame] = []
    for sentence in doc.sents:
        frames += _according_to_frames(sentence)
        for token in sentence:
            # the cue verb must lie outside every quoted stretch
            if not is_cue_verb(token) or _inside(quoted, token.idx):
                continue
            if _is_relayed_saying(token):
                continue  # the "saying" of "quoted as saying" belongs to the relay verb
            if token.lemma_ in RELAY_VERBS:
                relay = _relay_frame(token, sentence, quoted)
                if relay is not None:
                    frames.append(relay)
                    continue
            source_token = _source_of(token)
            source = _subtree_span(source_token) if source_token is not None else None
            hint = None
            if source is None and token.tag_ == "VBG" and token.dep_ == "advcl":
                # "Lukashenko said …, adding that …": the participle shares the subject
                owner = _source_of(token.head) if is_cue_verb(token.head) else None
                hint = _subtree_span(owner) if owner is not None else None
            # "Asked whether …, Porrit said": any other participle without a subject is
            # the reporter's question or a modifier, not an attribution of its own
            if source is None and hint is None and token.tag_ in {"VBN", "VBG"}:
                continue
            content = _content_of(token, sentence, quoted)
            if source is None and not content:
                continue
            cue = _cue_span(token)
            frames.append(
                Frame(
                    cue,
                    source,
                    content,
                    cue_token=token,
                    source_token=source_token,
                    speaker_hint=hint,
                )
            )
            frames += _split_participle(frames[-1], sentence, quoted)
    frames += _byline_frames(doc, quoted)
    frames.sort(key=lambda f: f.cue[0] if f.cue else 0)
    return _drop_relay_documents(frames, doc)
