"""The demo report's choice of quotes to show."""

from __future__ import annotations

from onrecord.report import _showcase


def _row(article: str, content: str, kind: str = "indirect", **extra: object) -> dict[str, object]:
    return {
        "article_id": article,
        "speaker": "Milos Harveth",
        "content": content,
        "kind": kind,
        "anonymous": False,
        "via": [],
        **extra,
    }


def test_words_in_quotation_marks_come_before_an_attitudes_object():
    rows = [
        _row("a", "Kelmark's Prime Minister Oskar Delvane at the Vesna Palace in Orlavy"),
        _row("a", "that the first round would deal with customs rather than money"),
        _row("a", "Two small countries that share a river should not be strangers", "direct"),
        _row("b", "that the currency could come within two years of a signature"),
        _row("c", "the idea of a union of the two small states on the river"),
    ]
    shown = _showcase(rows, 5)
    assert [r["content"] for r in shown] == [
        rows[2]["content"],  # one per article: the direct quote beats the reported clause
        rows[3]["content"],
        rows[4]["content"],  # nothing better in article c: the object is shown
    ]


def test_no_speaker_short_content_or_bare_anonymous_source_is_shown():
    rows = [
        _row("a", "a joint currency and a common customs code within a year", speaker=None),
        _row("b", "yes", "direct"),
        _row("c", "that the talks had stalled over the seats in parliament", anonymous=True),
        _row(
            "d",
            "that the talks had stalled over the seats in parliament",
            anonymous=True,
            via=["RBC"],
        ),
    ]
    assert [r["article_id"] for r in _showcase(rows, 5)] == ["d"]
    assert len(_showcase(rows * 3, 1)) == 1
