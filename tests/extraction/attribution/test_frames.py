"""Span trimming in the attribution frames: quote marks stay balanced."""

from __future__ import annotations

import pytest

from onrecord.extraction.attribution.frames import trim


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will not sign anything this year,” ", "We will not sign anything this year"),
        ('the talks had made "good progress". ', 'the talks had made "good progress"'),
        ("it says \u2018how\u2019.", "it says \u2018how\u2019"),
        ("was «negotiating away the lenta»,", "was «negotiating away the lenta»"),
        ("the «one» and «two».", "the «one» and «two»"),
        ("a quote left open: “and never closed.", "a quote left open: “and never closed"),
        ("„Gut“ sagte er.", "Gut“ sagte er"),
        (" ,;— ", None),
    ],
)
def test_trim_keeps_the_mark_that_closes_a_quote_the_span_opens(text, expected):  # type: ignore[no-untyped-def]
    span = trim(text, 0, len(text))
    assert (None if span is None else text[span[0] : span[1]]) == expected
