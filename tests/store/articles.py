"""Small hand-made articles for the store tests."""

from __future__ import annotations

from datetime import date

from onrecord.records import Article, Entity, Quote, Span, TimeExpr, Via

TEXT = "Peskov said the talks went well."


def peskov_article(text: str = TEXT, url: str | None = "https://news.example/1") -> Article:
    """One article, one person, one denial relayed by RIA Novosti."""
    return Article(
        text=text,
        url=url,
        title="Talks",
        published=date(2021, 4, 23),
        published_from="dateline",
        language="en",
        analysed=True,
        entities=(Entity("e1", "Dmitry Peskov", "PERSON", (Span(0, 6, "Peskov"),)),),
        quotes=(
            Quote(
                kind="indirect",
                content=(Span(12, 31, "the talks went well"),),
                cue=Span(7, 11, "said"),
                source=Span(0, 6, "Peskov"),
                speaker="Dmitry Peskov",
                speaker_id="e1",
                via=(Via("RIA Novosti", None),),
                polarity="deny",
            ),
        ),
    )


def quoted_article(
    speaker: str,
    content: str,
    *,
    outlet: str,
    published: date | None,
    polarity: str = "assert",
    when: str | None = None,
    title: str = "",
) -> Article:
    """An article whose text is ``SPEAKER said "CONTENT" on Monday.`` and its one quote."""
    text = f'{speaker} said "{content}" on Monday.'
    start = len(speaker) + 7
    said = Span(len(speaker) + 1, len(speaker) + 5, "said")
    monday = text.index("Monday")
    return Article(
        text=text,
        title=title or f"{speaker} speaks",
        outlet=outlet,
        url=f"https://{outlet.lower().replace(' ', '-')}.example/{abs(hash(text))}",
        published=published,
        published_from="given" if published else "none",
        language="en",
        analysed=True,
        entities=(
            Entity("e1", speaker, "PERSON", (Span(0, len(speaker), speaker),)),
            Entity("e2", "Minsk", "GPE", ()),
        ),
        quotes=(
            Quote(
                kind="direct",
                content=(Span(start, start + len(content), content),),
                cue=said,
                source=Span(0, len(speaker), speaker),
                speaker=speaker,
                speaker_id="e1",
                polarity=polarity,  # type: ignore[arg-type]
                when=when,
                when_from="text" if when else ("published" if published else "none"),
            ),
        ),
        times=(TimeExpr(Span(monday, monday + 6, "Monday"), "DATE", when),),
    )
