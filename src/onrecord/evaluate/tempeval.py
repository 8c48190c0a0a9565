"""Read TimeML ``.tml`` files and score time expressions with the TempEval-3 Task A definitions.

Notes:
    UzZaman et al., "SemEval-2013 Task 1: TempEval-3", SemEval 2013. Extraction is scored
    strictly (same extent) and relaxed (any overlap); type and value accuracy are computed over
    relaxed matches, and value F1 = relaxed F1 x value accuracy. Figures compare with HeidelTime
    (77.6 value F1, strict 81.3, relaxed 90.3 on the platinum test).
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from onrecord.errors import InputError
from onrecord.extraction.time import find_times
from onrecord.records import TimeExpr

logger = logging.getLogger(__name__)

Finder = Callable[..., list[TimeExpr]]

_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_TAG_RE = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR_RE = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_DCT_RE = re.compile(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3 of a document: character offsets into the plain text, type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDoc:
    """One TimeML document: its plain text, creation date and gold time expressions."""

    name: str
    text: str
    dct: date | None
    timexes: tuple[GoldTimex, ...]


@dataclass
class TempEvalReport:
    """Summed counts of a TempEval-3 Task A run and the derived scores."""

    documents: int = 0
    gold: int = 0
    predicted: int = 0
    strict_matched: int = 0
    relaxed_matched_gold: int = 0
    relaxed_matched_predicted: int = 0
    type_correct: int = 0
    value_correct: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)

    @staticmethod
    def _f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def _ratio(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def strict(self) -> tuple[float, float, float]:
        """Strict extraction precision, recall and F1."""
        p = self._ratio(self.strict_matched, self.predicted)
        r = self._ratio(self.strict_matched, self.gold)
        return p, r, self._f1(p, r)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        """Relaxed (overlap) extraction precision, recall and F1."""
        p = self._ratio(self.relaxed_matched_predicted, self.predicted)
        r = self._ratio(self.relaxed_matched_gold, self.gold)
        return p, r, self._f1(p, r)

    @property
    def type_accuracy(self) -> float:
        """Share of relaxed matches whose type is right."""
        return self._ratio(self.type_correct, self.relaxed_matched_gold)

    @property
    def value_accuracy(self) -> float:
        """Share of relaxed matches whose value is right."""
        return self._ratio(self.value_correct, self.relaxed_matched_gold)

    @property
    def value_f1(self) -> float:
        """Relaxed F1 times value accuracy (the TempEval-3 ranking score)."""
        return self.relaxed[2] * self.value_accuracy

    @property
    def type_f1(self) -> float:
        """Relaxed F1 times type accuracy."""
        return self.relaxed[2] * self.type_accuracy


def _attributes(raw: str) -> dict[str, str]:
    return {key: html.unescape(value) for key, value in _ATTR_RE.findall(raw)}


def _parse_dct(xml: str) -> date | None:
    match = _DCT_RE.search(xml)
    if not match:
        return None
    value = _attributes(match.group(0)).get("value", "")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        logger.debug("unreadable creation time %r", value)
        return None


def parse_timeml(xml: str, name: str = "") -> TimeMLDoc:
    """Parse one TimeML document into plain text, creation date and gold TIMEX3 offsets.

    Args:
        xml: The whole ``.tml`` file content.
        name: A name for the document (used in reports).

    Returns:
        The document; offsets index the TEXT element with every tag removed and entities unescaped.

    Raises:
        InputError: When the document has no TEXT element.
    """
    body = _TEXT_RE.search(xml)
    if body is None:
        raise InputError(f"no <TEXT> element in {name!r}")
    raw = body.group(1)
    pieces: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    position = 0
    for tag in _TAG_RE.finditer(raw):
        chunk = html.unescape(raw[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, tag_name, attrs = tag.group(1), tag.group(2), tag.group(3)
        if tag_name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, _attributes(attrs)))
        elif open_timex:
            start, attributes = open_timex.pop()
            timexes.append(
                GoldTimex(start, length, attributes.get("type", ""), attributes.get("value", ""))
            )
    pieces.append(html.unescape(raw[position:]))
    text = "".join(pieces)
    timexes.sort(key=lambda timex: (timex.start, timex.end))
    return TimeMLDoc(name, text, _parse_dct(xml), tuple(timexes))


def load_timeml(directory: str | Path) -> list[TimeMLDoc]:
    """Read every ``.tml`` file of a directory, sorted by name.

    Args:
        directory: A folder of TimeML files.

    Returns:
        The parsed documents.

    Raises:
        InputError: When the folder does not exist or holds no ``.tml`` file.
    """
    folder = Path(directory)
    paths = sorted(folder.glob("*.tml")) if folder.is_dir() else []
    if not paths:
        raise InputError(f"no .tml files in {str(folder)!r}")
    return [parse_timeml(path.read_text(encoding="utf-8"), path.stem) for path in paths]


def hash_timeml(directory: str | Path) -> str:
    """Hash a folder of TimeML files as loaded: names, texts, creation dates and gold timexes.

    Args:
        directory: A folder of ``.tml`` files.

    Returns:
        ``sha256:`` and 16 hex digits.

    Raises:
        InputError: When the folder does not exist or holds no ``.tml`` file.
    """
    digest = hashlib.sha256()
    for doc in load_timeml(directory):
        digest.update(doc.name.encode())
        digest.update(doc.text.encode())
        digest.update(str(doc.dct).encode())
        digest.update(repr([astuple(timex) for timex in doc.timexes]).encode())
    return "sha256:" + digest.hexdigest()[:16]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_document(doc: TimeMLDoc, predicted: Sequence[TimeExpr], report: TempEvalReport) -> None:
    """Add one document's counts to ``report``.

    Args:
        doc: The gold document.
        predicted: The time expressions found in ``doc.text``.
        report: The running totals, updated in place.

    Returns:
        Nothing; ``report`` is updated.
    """
    report.documents += 1
    report.gold += len(doc.timexes)
    report.predicted += len(predicted)
    gold_spans = {(g.start, g.end) for g in doc.timexes}
    report.strict_matched += sum((p.span.start, p.span.end) in gold_spans for p in predicted)
    report.relaxed_matched_predicted += sum(
        any(_overlaps((p.span.start, p.span.end), (g.start, g.end)) for g in doc.timexes)
        for p in predicted
    )
    for gold in doc.timexes:
        overlapping = [
            p for p in predicted if _overlaps((p.span.start, p.span.end), (gold.start, gold.end))
        ]
        if not overlapping:
            report.errors.append((doc.name, doc.text[gold.start : gold.end], gold.value, "MISSED"))
            continue
        # the prediction sharing the most characters stands for this gold expression
        best = max(
            overlapping,
            key=lambda p: min(p.span.end, gold.end) - max(p.span.start, gold.start),
        )
        report.relaxed_matched_gold += 1
        report.type_correct += best.type == gold.type
        if (best.value or "") == gold.value:
            report.value_correct += 1
        else:
            report.errors.append(
                (
                    doc.name,
                    doc.text[gold.start : gold.end],
                    gold.value,
                    f"{best.value} <{best.span.text}>",
                )
            )
    for p in predicted:
        if not any(_overlaps((p.span.start, p.span.end), (g.start, g.end)) for g in doc.timexes):
            report.errors.append((doc.name, p.span.text, "SPURIOUS", str(p.value)))


def evaluate_tempeval(
    directory: str | Path, find: Finder = find_times, nlp: Any | None = None
) -> TempEvalReport:
    """Score a time-expression finder on a directory of TimeML files.

    Args:
        directory: A folder of ``.tml`` files.
        find: ``find(text, published, doc)`` returning time expressions of ``text``.
        nlp: An optional spaCy pipeline; when given, each text is parsed and the doc passed on.

    Returns:
        The summed report (counts, scores and the list of errors).

    Raises:
        InputError: When the folder holds no ``.tml`` file.
    """
    report = TempEvalReport()
    for doc in load_timeml(directory):
        started = time.perf_counter()
        parsed = nlp(doc.text) if nlp is not None else None
        predicted = find(doc.text, doc.dct, parsed)
        report.seconds += time.perf_counter() - started
        score_document(doc, predicted, report)
    return report


def format_report(report: TempEvalReport) -> str:
    """Render a report as a short plain-text table.

    Args:
        report: The report of :func:`evaluate_tempeval`.

    Returns:
        The lines of the table, joined.
    """
    strict, relaxed = report.strict, report.relaxed
    lines = [
        f"documents {report.documents}  gold {report.gold}  predicted {report.predicted}"
        f"  ({report.seconds:.2f} s)",
        f"{'':10}{'P':>7}{'R':>7}{'F1':>7}",
        f"{'strict':10}" + "".join(f"{100 * x:7.1f}" for x in strict),
        f"{'relaxed':10}" + "".join(f"{100 * x:7.1f}" for x in relaxed),
        f"type accuracy  {100 * report.type_accuracy:5.1f}   type F1  {100 * report.type_f1:5.1f}",
        f"value accuracy {100 * report.value_accuracy:5.1f}"
        f"   value F1 {100 * report.value_f1:5.1f}",
    ]
    return "\n".join(lines)
