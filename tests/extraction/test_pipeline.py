"""The analysis pipeline on real text: language, entities, quotes, what is not analysed."""

from __future__ import annotations

from datetime import date

import pytest

import onrecord
from onrecord.records import Article
from onrecord.settings import MAX_ARTICLE_CHARS

pytestmark = pytest.mark.slow


def test_extract_api_analyses_an_article():
    text = (
        "# Talks resume\n\nApril 23, 2021\n\nKremlin spokesman Dmitry Peskov said on Thursday"
        " that the talks had made “good progress”, as quoted by RIA Novosti.\n"
    )
    article = onrecord.extract(text, url="https://news.example/2021/04/23/talks")
    assert article.text == text
    assert article.language == "en" and article.analysed
    assert article.published == date(2021, 4, 23) and article.published_from == "dateline"
    assert article.url == "https://news.example/2021/04/23/talks"
    (quote,) = article.quotes
    assert quote.speaker == "Dmitry Peskov"
    assert [v.name for v in quote.via] == ["RIA Novosti"]
    assert quote.kind == "mixed"
    assert any(e.name == "Dmitry Peskov" and e.type == "PERSON" for e in article.entities)
    assert [(t.span.text, t.type, t.value) for t in article.times] == [
        ("April 23, 2021", "DATE", "2021-04-23"),
        ("Thursday", "DATE", "2021-04-22"),
    ]


def test_pipeline_marks_foreign_text_not_analysed(pipeline):
    article = pipeline.analyse(
        Article(text="Пресс-секретарь Кремля заявил, что переговоры идут успешно и продолжатся.")
    )
    assert article.language == "ru" and not article.analysed
    assert article.entities == () and article.quotes == ()
    assert any("not English" in w for w in article.warnings)


def test_pipeline_refuses_overlong_text_without_crashing(pipeline):
    article = pipeline.analyse(Article(text="Peskov said yes. " * (MAX_ARTICLE_CHARS // 16 + 10)))
    assert not article.analysed
    assert any("limit" in w for w in article.warnings)


def test_pipeline_keeps_input_order_in_batches(pipeline):
    texts = [f"Minister number {i} said the talks went well." for i in range(40)]
    texts[7] = "Der Minister sagte, die Gespräche seien gut verlaufen und würden fortgesetzt."
    out = list(pipeline.analyse_many(Article(text=t) for t in texts))
    assert [a.text for a in out] == texts
    assert [a.analysed for a in out].count(False) == 1 and not out[7].analysed
    # the tagger reads a batch ahead: each article keeps its own tags, as when alone
    for i in (3, 20, 39):
        assert out[i].quotes and out[i].quotes == pipeline.analyse(Article(text=texts[i])).quotes


def test_quotes_say_when_they_were_said(pipeline):
    text = (
        "Talks\n\nApril 23, 2021\n\nPeskov told reporters on Thursday that the talks would"
        " resume next week. Lavrov said the plan was good.\n"
    )
    from onrecord.ingest import parse_text

    article = pipeline.analyse(parse_text(text))
    assert [(q.speaker, q.when, q.when_from) for q in article.quotes] == [
        ("Peskov", "2021-04-22", "text"),
        ("Lavrov", "2021-04-23", "published"),
    ]
