"""Span repairs of the tagger/rules merge, on hand-written sentences (our own)."""

from __future__ import annotations

import re

import pytest

from onrecord.extraction.attribution.marks import find_quoted
from onrecord.extraction.attribution.merge import (
    complete_phrase,
    finish_quote,
    fit_cue_particle,
    split_relative_source,
    take_possessive,
)

pytestmark = pytest.mark.slow


def _span(text: str, piece: str) -> tuple[int, int]:
    """Where ``piece`` first stands as whole words in ``text``."""
    found = re.search(rf"\b{re.escape(piece)}\b", text)
    assert found is not None, piece
    return found.span()


@pytest.mark.parametrize(
    ("text", "cue", "content", "expected"),
    [
        # the content is the preposition's object: the preposition ends the cue
        ("The senator called for a ban on imports.", "called", "a ban on imports", "called for"),
        ("She complained about the media.", "complained", "the media", "complained about"),
        # no content starts after the preposition: it is no part of the cue
        ("He said in a statement that he would run.", "said in", "he would run", "said"),
        (
            "She complained to reporters that nothing changed.",
            "complained to",
            "nothing changed",
            "complained",
        ),
        ("Critics described the plan as reckless.", "described", "reckless", "described"),
        ("Sales rose, according to the company.", "according to", "Sales rose", "according to"),
    ],
)
def test_cues_end_with_the_preposition_of_their_content(nlp, text, cue, content, expected):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    start, end = fit_cue_particle(doc, _span(text, cue), [_span(text, content)])
    assert text[start:end] == expected


def test_a_likely_content_start_keeps_the_preposition_without_a_kept_content(nlp):  # type: ignore[no-untyped-def]
    from onrecord.extraction.attribution.merge import frames_from_tags
    from onrecord.extraction.attribution.tagger import CONTENT_STARTS

    text = "The senator called for a ban on all imports from the region."
    # marginal decoding kept no content (its end was unsure) but is sure where it starts
    tagged = {"source": [_span(text, "The senator")], "cue": [_span(text, "called for")]}
    (alone,) = frames_from_tags(nlp(text), {**tagged, "content": []}, [])
    assert alone.cue == _span(text, "called")
    (frame,) = frames_from_tags(nlp(text), {**tagged, CONTENT_STARTS: [_span(text, "a")]}, [])
    assert frame.cue == _span(text, "called for")
    assert frame.content == []


def test_a_cue_without_content_takes_an_unsure_reading_nearby(nlp):  # type: ignore[no-untyped-def]
    from onrecord.extraction.attribution.merge import MergeSettings, frames_from_tags
    from onrecord.extraction.attribution.tagger import UNSURE_CONTENTS

    text = "Police estimated the crowd at 8,000. Organisers said it was larger."
    reading = _span(text, "the crowd at 8,000")
    tagged = {
        "source": [_span(text, "Police"), _span(text, "Organisers")],
        "cue": [_span(text, "estimated"), _span(text, "said")],
        "content": [_span(text, "it was larger")],
        UNSURE_CONTENTS: [reading],
    }
    police, organisers = frames_from_tags(nlp(text), tagged, [])
    assert police.content == [reading]
    assert organisers.content == [_span(text, "it was larger")]
    # the reading is only a stand-in: it never stands alone, and is not taken when off
    off = frames_from_tags(nlp(text), tagged, [], MergeSettings(fill_unsure=False))
    assert [f.content for f in off] == [[], [_span(text, "it was larger")]]


def test_a_content_without_cue_takes_the_cue_of_the_parse_frame_around_it(nlp):  # type: ignore[no-untyped-def]
    from onrecord.extraction.attribution.frames import Frame
    from onrecord.extraction.attribution.merge import MergeSettings, frames_from_tags

    text = "\u2018The date is right,\u2019 she said in an interview with Radio Skarvel."
    content, source, cue = _span(text, "The date is right"), _span(text, "she"), _span(text, "said")
    # the tagger kept the content and the source, but no reading of the cue
    tagged = {"source": [source], "cue": [], "content": [(0, content[1] + 2)]}
    rule = Frame(cue=cue, source=source, content=[content])
    (frame,) = frames_from_tags(nlp(text), tagged, [rule])
    assert (frame.cue, frame.source, frame.origin) == (cue, source, "tagger")
    assert frame.content == [content]
    # without the repair the content stands alone, and the source apart
    alone = frames_from_tags(nlp(text), tagged, [rule], MergeSettings(explain_leftovers=False))
    assert [(f.cue, f.source, f.content) for f in alone] == [
        (None, None, [content]),
        (None, source, []),
    ]


@pytest.mark.parametrize(
    ("piece", "expected"),
    [
        ("We are not going to become part of Russia", True),
        ("fraud", False),  # a scare-quoted word
        ("the talks went well", False),  # indirect speech
    ],
)
def test_is_quotation(piece: str, expected: bool) -> None:
    from onrecord.extraction.attribution.merge import is_quotation

    text = (
        '"We are not going to become part of Russia," he said, calling the vote "fraud";'
        " aides said the talks went well."
    )
    assert is_quotation(text, _span(text, piece), find_quoted(text)) is expected


def test_parse_frames_the_tagger_passed_over_stay_only_when_quoted(nlp):  # type: ignore[no-untyped-def]
    from onrecord.extraction.attribution.frames import Frame
    from onrecord.extraction.attribution.merge import MergeSettings, frames_from_tags

    text = '"We will not sign anything this year," Volk said. Aides said the talks went well.'
    first, second = (m.span() for m in re.finditer("said", text))
    direct = Frame(
        cue=first,
        source=_span(text, "Volk"),
        content=[_span(text, "We will not sign anything this year")],
    )
    indirect = Frame(
        cue=second,
        source=_span(text, "Aides"),
        content=[_span(text, "the talks went well")],
    )
    empty = {"source": [], "cue": [], "content": []}
    kept = frames_from_tags(nlp(text), empty, [direct, indirect])
    assert kept == [direct]
    every = frames_from_tags(
        nlp(text), empty, [direct, indirect], MergeSettings(rule_quotations_only=False)
    )
    assert every == [direct, indirect]


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        # PolNeAR leaves the "by" before a passive cue's source out of the cue
        ("The move was first reported by MSNBC.", "was first reported by", "was first reported"),
        ("The move was first reported by MSNBC.", "was first reported", "was first reported"),
        ("Asked by reporters whether he would run, he smiled.", "Asked by", "Asked"),
    ],
)
def test_passive_cue_leaves_by_to_its_source(nlp, text, cue, expected):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    start, end = fit_cue_particle(doc, _span(text, cue), [])
    assert text[start:end] == expected


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        (
            "She praised a bill that cuts taxes for the poor.",
            "a",
            "a bill that cuts taxes for the poor",
        ),
        ("She said she would win the state.", "she would", "she would win the state"),
        ("He voiced concern about the new rules.", "concern about", "concern about the new rules"),
        # a finished phrase stays as it is
        ("She said the economy is strong.", "the economy is strong", "the economy is strong"),
    ],
)
def test_contents_that_stop_mid_phrase_are_completed(nlp, text, content, expected):  # type: ignore[no-untyped-def]
    start, end = complete_phrase(nlp(text), _span(text, content))
    assert text[start:end] == expected


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        ("Trump's campaign said it would appeal.", "Trump", "Trump's"),
        # a contracted "is"/"has" is no possessive
        ("Trump's been saying that for weeks.", "Trump", "Trump"),
    ],
)
def test_sources_take_their_possessive(nlp, text, source, expected):  # type: ignore[no-untyped-def]
    start, end = take_possessive(nlp(text), _span(text, source))
    assert text[start:end] == expected


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        (
            "Graham, who says the allies should pay more, said the plan would fail.",
            "Graham, who",
            ["Graham", "who"],
        ),
        (
            "“We will win,” said Alan Berger, a doctor from Englewood, who backs Sanders.",
            "Alan Berger, a doctor from Englewood, who",
            ["Alan Berger, a doctor from Englewood", "who"],
        ),
        # no relative pronoun: the source stays whole
        ("Alan Berger, a doctor, said it.", "Alan Berger, a doctor", ["Alan Berger, a doctor"]),
    ],
)
def test_sources_split_before_a_relative_pronoun(nlp, text, source, expected):  # type: ignore[no-untyped-def]
    parts = split_relative_source(nlp(text), _span(text, source))
    assert [text[start:end] for start, end in parts] == expected


def test_a_content_after_a_line_break_does_not_join_the_frame_above(nlp):  # type: ignore[no-untyped-def]
    from onrecord.extraction.attribution.merge import frames_from_tags

    text = '# Finance minister: joint currency "not before 2027"\nMonday, March 11, 2024\n'
    doc = nlp(text)
    headline = _span(text, 'joint currency "not before 2027')
    dateline = _span(text, "Monday, March 11, 2024")
    tagged = {
        "source": [_span(text, "Finance minister")],
        "cue": [(text.index(":"), text.index(":") + 1)],
        "content": [headline, dateline],
    }
    frames = frames_from_tags(doc, tagged, [])
    (claim,) = [f for f in frames if f.cue is not None]
    assert claim.content == [headline]
    # nor does it stand as a claim of its own: a dateline claims nothing
    assert all(dateline not in f.content for f in frames)


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        # the relative pronoun before the source is what was said
        ("She left after what she called a rant by her coach.", "she", "called", ["what"]),
        ("Volk rejected the plan, which the bank described as final.", "the bank", "described",
         ["which"]),
        # after a preposition the clause holds its own content
        ("Volk gave an interview in which she said little.", "she", "said", []),
        ("Volk named the aide to whom she said it.", "she", "said", []),
    ],
)  # fmt: skip
def test_a_relative_pronoun_before_the_source_is_the_content(nlp, text, source, cue, content):  # type: ignore[no-untyped-def]
    from onrecord.extraction.attribution.merge import frames_from_tags

    tagged = {"source": [_span(text, source)], "cue": [_span(text, cue)], "content": []}
    (frame,) = [f for f in frames_from_tags(nlp(text), tagged, []) if f.cue is not None]
    assert [text[a:b] for a, b in frame.content] == content


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        # the paragraph leaves the quote open: the content runs to the paragraph's end
        (
            "“We waited. The treaty is ready.\n\n“Now it is up to them,” he said.",
            "“We waited.",
            "“We waited. The treaty is ready.",
        ),
        # a quote closed in its paragraph, a content stopping mid-sentence, a second mark
        ("“We waited. The treaty is ready,” he said.", "“We waited.", "“We waited."),
        ("“We waited, and the treaty is ready.\n\nMore.", "“We waited", "“We waited"),
        ("“Wins“ said. It is.\n\nMore.", "“Wins“ said.", "“Wins“ said."),
        # a line break inside the paragraph's quote
        ("“We waited.\nThe treaty is ready.\n\nMore.", "“We waited.", "“We waited."),
    ],
)
def test_a_content_that_stops_inside_an_open_quote_is_finished(text, content, expected):  # type: ignore[no-untyped-def]
    start = text.index(content)
    found = finish_quote(text, (start, start + len(content)), find_quoted(text))
    assert text[found[0] : found[1]] == expected
