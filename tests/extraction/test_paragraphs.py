"""Sentence starts at paragraphs and datelines (the onrecord_paragraphs component)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("MOSCOW, April 23 (Reuters) - Kremlin spokesman Dmitry Peskov said so.", "Kremlin"),
        ("WASHINGTON (AP) — The Senate voted on Tuesday.", "The"),
        ("MANCHESTER, N.H. - Voters lined up early.", "Voters"),
        ("New York (AFP) – Markets fell on Monday.", "Markets"),
        ("ORLAVY, March 11 — Finance Minister Radek Sovin spoke.", "Finance"),
    ],
)
def test_a_dateline_ends_before_the_sentence_it_opens(nlp, text, second):  # type: ignore[no-untyped-def]
    sentences = list(nlp(text).sents)
    assert len(sentences) == 2 and sentences[1][0].text == second


@pytest.mark.parametrize(
    "text",
    [
        "Sen. Ted Cruz (R-Texas) — who won Iowa — spoke on Monday.",
        "The overshadowing of the Democratic race - a long story - went on.",
        "US — and other countries — voted for it.",
    ],
)
def test_an_opening_that_is_no_dateline_stays_in_its_sentence(nlp, text):  # type: ignore[no-untyped-def]
    assert len(list(nlp(text).sents)) == 1


def test_datelines_open_later_paragraphs_too(nlp):  # type: ignore[no-untyped-def]
    text = "Markets calm\n\nBRENHOLT — The central bank held rates on Friday."
    starts = [s[0].text for s in nlp(text).sents]
    assert starts[-1] == "The"
