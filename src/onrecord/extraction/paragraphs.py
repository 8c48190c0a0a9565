"""A spaCy component that starts a sentence at every paragraph, title and dateline.

News text puts a title, a dateline and paragraphs on lines of their own; a sentence never
runs across a blank line, nor across a line break after a line that ends a sentence or is
short (a title, a dateline). A dateline that opens a paragraph ("MOSCOW, April 23 (Reuters)
- Kremlin spokesman Dmitry Peskov said …") ends before the sentence it opens, so that the
parser does not make the place the subject of "said".
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_SHORT_LINE_CHARS = 80
_SENTENCE_END = tuple('.!?:"”’»)')

_CAPITALS = r"[A-Z][A-Z.'’-]{2,}(?:[ ][A-Z][A-Z.'’-]+){0,3}"  # "MOSCOW", "DES MOINES", "N.H."
_PLACE = r"[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}"  # "New York", not "Sen. Ted Cruz"
_DAY = r"[A-Z][a-z]{2,8}\.?[ ]\d{1,2}"  # "April 23", "Nov. 9"
_AGENCY = r"\([A-Z][A-Za-z]{1,15}\)"  # "(Reuters)", "(AP)"; not "(R-Texas)"
_DATELINE = re.compile(
    rf"(?:{_CAPITALS}(?:,[ ](?:{_CAPITALS}|{_PLACE}))?(?:,[ ]{_DAY})?[ ]?(?:{_AGENCY})?"
    rf"|{_PLACE}(?:,[ ]{_PLACE})?(?:,[ ]{_DAY}[ ]?(?:{_AGENCY})?|[ ]{_AGENCY}))"
    r"[ ](?:--?|—|–|_)[ ]+(?=\S)"
)


def _breaks_after(doc: Doc, index: int) -> bool:
    space = doc[index].text if doc[index].is_space else doc[index].whitespace_
    if "\n" not in space:
        return False
    if space.count("\n") >= 2:
        return True
    text = doc.text
    line_end = doc[index].idx if doc[index].is_space else doc[index].idx + len(doc[index])
    line_start = text.rfind("\n", 0, line_end) + 1
    line = text[line_start:line_end].rstrip()
    return line.endswith(_SENTENCE_END) or len(line) < _SHORT_LINE_CHARS


@Language.component("onrecord_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first word after each paragraph or line break.

    Args:
        doc: a document before the parser runs.

    Returns:
        The same document; the parser keeps these boundaries.
    """
    paragraph_starts = [0]
    for index in range(len(doc) - 1):
        if _breaks_after(doc, index):
            following = index + 1
            while following < len(doc) and doc[following].is_space:
                following += 1
            if following < len(doc):
                doc[following].is_sent_start = True
                paragraph_starts.append(following)
    for start in paragraph_starts:
        _end_dateline(doc, start)
    return doc


def _end_dateline(doc: Doc, start: int) -> None:
    """Start a sentence after the dateline that opens the paragraph at token ``start``."""
    if start >= len(doc):
        return
    match = _DATELINE.match(doc.text, doc[start].idx)
    if match is None:
        return
    after = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
    if after is not None and after.start > start:
        doc[after.start].is_sent_start = True
