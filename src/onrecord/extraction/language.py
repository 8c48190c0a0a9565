"""Language identification of article bodies (py3langid, an offline n-gram model)."""

from __future__ import annotations

import py3langid

_SAMPLE_CHARS = 4000


def detect_language(text: str) -> str | None:
    """Identify the language of ``text``.

    Args:
        text: the article body; only its first few thousand characters are read.

    Returns:
        An ISO 639-1 code such as ``"en"``, or ``None`` when the text has no letters.
    """
    sample = text[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    code, _score = py3langid.classify(sample)
    return str(code)
