"""The record of one input that ingest could not turn into an article."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ProblemStatus = Literal["skipped", "failed"]


@dataclass(frozen=True)
class Problem:
    """One line of the ingest summary: an input, or part of one, that gave no article.

    ``source`` is the file path, with ``#record N`` or ``#line N`` appended for an item
    inside an archive or table, or ``<stdin>``. ``reason`` is one line saying what went
    wrong and why. ``status`` is ``"skipped"`` for inputs that are not articles by design
    (an image record, an empty file) and ``"failed"`` for inputs that could not be read.
    """

    source: str
    reason: str
    status: ProblemStatus

    def __str__(self) -> str:
        return f"{self.source}: {self.status}: {self.reason}"


def skipped(source: str, reason: str) -> Problem:
    """Build a ``skipped`` problem.

    Args:
        source: The input (path, ``path#line N``, ``<stdin>``).
        reason: One line saying why it is not an article.

    Returns:
        The problem.
    """
    return Problem(source, reason, "skipped")


def failed(source: str, reason: str) -> Problem:
    """Build a ``failed`` problem.

    Args:
        source: The input (path, ``path#record N``, ``<stdin>``).
        reason: One line saying why it could not be read.

    Returns:
        The problem.
    """
    return Problem(source, reason, "failed")
