"""Quoted stretches of text, for every style of quotation mark, tolerant of odd counts.

Notes:
    News style (AP, Reuters) closes no quote at the end of a paragraph when the same
    speaker goes on in the next one, which then opens with a mark again; such a quote is
    one stretch per paragraph, each flagged ``continues``. A mark that closes nothing is
    dropped (real text has odd numbers of marks), never raised on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# each opening quote mark and the marks that close it
CLOSERS = {"“": "”", "„": "“”", "«": "»", "‘": "’", '"': '"', "»": "«", "‚": "‘’"}
_PARAGRAPH = re.compile(r"\n\s*\n")
MIN_QUOTE_CHARS = 2


@dataclass(frozen=True)
class Quoted:
    """A stretch between quotation marks: ``start``/``end`` exclude the marks."""

    start: int
    end: int
    open_mark: str
    closed: bool
    continues: bool = False

    @property
    def outer(self) -> tuple[int, int]:
        """Offsets including the marks."""
        return self.start - 1, self.end + (1 if self.closed else 0)


def _is_apostrophe(text: str, i: int) -> bool:
    """A ’ or ' between letters (don’t, Putin’s) or after s (the ministers’) is no mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isalnum() and after.isalnum()) or (before in "sS" and not after.isalnum())


def _opens(text: str, i: int) -> bool:
    """Whether the mark at ``i`` can open a quote (start of text, after space or bracket)."""
    mark = text[i]
    if mark in "“„«":
        return True
    if mark in "‘'\"" and _is_apostrophe(text, i) and mark != '"':
        return False
    before = text[i - 1] if i > 0 else " "
    return before.isspace() or before in "([{—–-:/" or i == 0


def _find_close(text: str, i: int, end: int) -> int | None:
    mark = text[i]
    closers = CLOSERS.get(mark, "")
    j = i + 1
    while j < end:
        ch = text[j]
        if ch in closers and not (ch in "’'" and _is_apostrophe(text, j)):
            if mark == '"' and j + 1 < end and text[j + 1].isalnum():
                j += 1
                continue
            return j
        j += 1
    return None


def _paragraph_quotes(text: str, start: int, end: int) -> Iterator[Quoted]:
    i = start
    while i < end:
        ch = text[i]
        if ch in CLOSERS and _opens(text, i):
            close = _find_close(text, i, end)
            if close is not None:
                if close - i - 1 >= MIN_QUOTE_CHARS:
                    yield Quoted(i + 1, close, ch, closed=True)
                i = close + 1
                continue
            if ch in '“„«"' and end - i - 1 >= MIN_QUOTE_CHARS:
                # an opening mark never closed in its paragraph: the quote runs to its end
                stop = end
                while stop > i + 1 and text[stop - 1].isspace():
                    stop -= 1
                yield Quoted(i + 1, stop, ch, closed=False)
                return
        i += 1


def find_quoted(text: str) -> list[Quoted]:
    """All quoted stretches of ``text``, in order, none crossing a paragraph break.

    Args:
        text: an article text (paragraphs separated by blank lines).

    Returns:
        Stretches without their marks; an unclosed quote at the end of a paragraph that
        the next paragraph reopens is marked ``continues``.
    """
    bounds = [0]
    for match in _PARAGRAPH.finditer(text):
        bounds += [match.start(), match.end()]
    bounds.append(len(text))
    found: list[Quoted] = []
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):
        paragraph = list(_paragraph_quotes(text, start, end))
        if (
            found
            and paragraph
            and not found[-1].closed
            and paragraph[0].start - 1 == _lstrip(text, start)
        ):
            last = found[-1]
            found[-1] = Quoted(last.start, last.end, last.open_mark, False, continues=True)
        found += paragraph
    return found


def _lstrip(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i
