"""The shapes of the API's JSON, for the OpenAPI description (rows may carry more keys)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    """A row whose known keys are described; keys added by later schema versions pass."""

    model_config = ConfigDict(extra="allow")


class Problem(BaseModel):
    """An error: what went wrong, in one sentence."""

    detail: str


class Info(BaseModel):
    """What this server offers and how it is configured."""

    version: str
    read_only: bool
    private: bool
    max_upload_bytes: int


class SpanOut(_Open):
    start: int
    end: int
    text: str


class ViaOut(_Open):
    name: str
    span: SpanOut | None = None
    kind: str


class EntityOut(_Open):
    id: str
    name: str
    type: str
    mentions: list[SpanOut]
    aliases: list[str] = []
    roles: list[str] = []


class QuoteOut(_Open):
    kind: str
    content: list[SpanOut]
    cue: SpanOut | None = None
    source: SpanOut | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    anonymous: bool = False
    via: list[ViaOut] = []
    venue: list[ViaOut] = []
    polarity: str
    when: str | None = None
    when_from: str = "none"


class TimeOut(_Open):
    span: SpanOut
    type: str
    value: str | None = None


class LinkOut(_Open):
    url: str
    text: str = ""
    span: SpanOut | None = None


class ArticleOut(_Open):
    """One article in the JSON contract of docs/schema.md."""

    schema_: str = Field(alias="schema")
    id: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_from: str
    published_estimate: dict[str, Any] | None = None
    language: str | None = None
    analysed: bool
    input_kind: str
    warnings: list[str]
    text: str
    excluded: list[list[int]]
    links: list[LinkOut]
    related: list[str]
    entities: list[EntityOut]
    quotes: list[QuoteOut]
    times: list[TimeOut]


class ArticleRow(_Open):
    """A stored article in a listing."""

    id: str
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    language: str | None = None
    analysed: bool | None = None
    version: int | None = None
    url: str | None = None
    quotes: int | None = None
    entities: int | None = None


class QuoteRow(_Open):
    """A stored quote with its article's date and outlet; ``n`` numbers it in its article."""

    article_id: str
    n: int
    speaker: str | None = None
    kind: str | None = None
    polarity: str
    cue: str | None = None
    content: str
    via: list[str] = []
    venue: list[str] = []
    anonymous: bool = False
    said_on: str | None = None
    when_from: str | None = None
    published: str | None = None
    outlet: str | None = None


class PersonRow(_Open):
    """A person or organisation in a listing."""

    name: str
    type: str
    id: str | None = None
    articles: int = 0
    aliases: list[str] = []


class SearchHit(_Open):
    """An article that matches a search."""

    id: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    snippet: str | None = None


class ClaimRow(_Open):
    """A claim: a stored quote seen across articles, with its group of restatements."""

    article_id: str
    n: int
    speaker: str | None = None
    person_id: str | None = None
    content: str
    polarity: str
    said_on: str | None = None
    group_id: str
    contradicted: bool = False


class SearchResult(BaseModel):
    """What a search found: articles, people and quotes."""

    query: str
    articles: list[SearchHit]
    people: list[PersonRow]
    quotes: list[QuoteRow]


class ExtractRequest(BaseModel):
    """An article to analyse without storing it."""

    text: str = Field(min_length=1, description="the article as plain or Markdown-like text")
    published: date | None = Field(default=None, description="when the text gives none")
    url: str | None = None
    title: str | None = None


class IngestedArticle(BaseModel):
    """One article an upload gave, and what storing it did."""

    id: str
    status: str
    title: str | None = None
    analysed: bool


class IngestReport(BaseModel):
    """What an upload did: the articles stored and the parts that gave none."""

    articles: list[IngestedArticle]
    problems: list[str]


class PersonDetail(_Open):
    """One person across articles: aliases and roles over time, and what they said."""

    name: str
    id: str | None = None
    type: str | None = None
    aliases: list[dict[str, Any]] = []
    roles: list[dict[str, Any]] = []
    articles: list[Any] = []
    quotes: list[QuoteRow] = []


class StoryRow(_Open):
    """A story in a listing."""

    id: str
    title: str | None = None
    first_date: str | None = None
    last_date: str | None = None


class TimelineEntry(_Open):
    """A dated statement or event in a story's timeline."""

    date: str | None = None
    kind: str | None = None
    text: str | None = None
    speaker: str | None = None
    polarity: str | None = None
    article_id: str | None = None
    n: int | None = None


class StoryDetail(_Open):
    """One story: its people, articles, timeline and contradictions."""

    id: str
    title: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    people: list[Any] = []
    articles: list[Any] = []
    timeline: list[TimelineEntry] = []
    contradictions: list[Any] = []


class MergeRequest(BaseModel):
    """Two names (or person ids) that are one person."""

    a: str = Field(min_length=1)
    b: str = Field(min_length=1)


class SplitRequest(BaseModel):
    """An alias that is not the named person."""

    name: str = Field(min_length=1)
    alias: str = Field(min_length=1)
