"""A spaCy component that starts a sentence at every paragraph, title and dateline.

News text puts a title, a dateline and paragraphs on lines of their own; a sentence never
runs across a blank line, nor across a line break after a line that ends a sentence or is
short (a title, a dateline).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_SHORT_LINE_CHARS = 80
_SENTENCE_END = tuple('.!?:"”’»)')


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
    for index in range(len(doc) - 1):
        if _breaks_after(doc, index):
            following = index + 1
            while following < len(doc) and doc[following].is_space:
                following += 1
            if following < len(doc):
                doc[following].is_sent_start = True
    return doc
