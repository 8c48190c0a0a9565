"""The record types every stage speaks; docs/schema.md is their serialised form.

All offsets are character offsets into ``Article.text`` (Python ``str`` indices,
end exclusive).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from functools import cached_property
from typing import Any, Literal

SCHEMA_VERSION = "1"
CONTENT_JOINER = " … "
"""Joins the content pieces of one quote into one text."""

QuoteKind = Literal["direct", "indirect", "mixed"]
Polarity = Literal["assert", "deny"]
WhenFrom = Literal["text", "published", "none"]
PublishedFrom = Literal["given", "metadata", "dateline", "url", "record", "none"]
QuantityKind = Literal["age", "money", "percent", "count", "measure"]


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Build the span of ``text[start:end]``."""
        return cls(start, end, text[start:end])

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Link:
    """A hyperlink found in the input: its anchor text (if any) and target."""

    url: str
    text: str = ""
    span: Span | None = None


@dataclass(frozen=True)
class Entity:
    """One person, organisation, place or other named thing of an article.

    ``name`` is the canonical (longest) name; ``aliases`` the other names under which
    it is mentioned; ``roles`` the titles seen before the name ("Kremlin spokesman").
    """

    id: str
    name: str
    type: str
    mentions: tuple[Span, ...]
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Via:
    """One link of a reporting chain, or the audience/venue of a statement."""

    name: str
    span: Span | None
    kind: Literal["relay", "venue"] = "relay"


@dataclass(frozen=True)
class Quote:
    """A quotation or piece of reported speech and its attribution.

    ``when`` is the TIMEX3 value of the speech act: from a time expression attached to the
    cue verb or its frame (``when_from="text"``: "told reporters on Thursday"), else the
    article's publication date (``"published"``, a fallback), else unknown (``"none"``).
    """

    kind: QuoteKind
    content: tuple[Span, ...]
    cue: Span | None
    source: Span | None
    speaker: str | None
    speaker_id: str | None = None
    anonymous: bool = False
    via: tuple[Via, ...] = ()
    venue: tuple[Via, ...] = ()
    polarity: Polarity = "assert"
    when: str | None = None
    when_from: WhenFrom = "none"


@dataclass(frozen=True)
class TimeExpr:
    """A time expression with its TIMEX3 type and normalised value."""

    span: Span
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None


@dataclass(frozen=True)
class Quantity:
    """An amount the article states, with its numeric value and unit.

    ``kind`` is ``age`` (value in ``unit`` "year", or "month"/"week"/"day" for an infant's
    age), ``money`` (unit an ISO 4217 code such as "USD", else the currency word), ``percent``
    (unit "%" or "percentage point"), ``count`` (unit the counted noun: "people", "seat") or
    ``measure`` (unit the measuring word: "ton", "kilometre").
    """

    span: Span
    kind: QuantityKind
    value: float
    unit: str


@dataclass(frozen=True)
class DateEstimate:
    """An estimated publication date: a range of days and how far to trust it.

    Never an exact date: it is set only when the article gives no date of its own.
    ``confidence`` is the rough probability that the true date lies in
    ``[earliest, latest]``; ``basis`` says what the estimate rests on.
    """

    earliest: date
    latest: date
    confidence: float
    basis: str

    @property
    def width_days(self) -> int:
        """Days in the range, both ends counted."""
        return (self.latest - self.earliest).days + 1


@dataclass(frozen=True)
class Article:
    """One news article: the input text, its metadata and what was extracted.

    ``excluded`` lists the character ranges of ``text`` that are not part of the
    analysed body (title markup, link targets, related-link lines, URL blocks);
    analysis runs on :attr:`body`, which blanks them out and so keeps every offset.
    """

    text: str
    title: str | None = None
    url: str | None = None
    path: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_from: PublishedFrom = "none"
    published_estimate: DateEstimate | None = None
    language: str | None = None
    analysed: bool = False
    input_kind: str = "text"
    excluded: tuple[tuple[int, int], ...] = ()
    links: tuple[Link, ...] = ()
    related: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.text))

    @cached_property
    def body(self) -> str:
        """The analysed text: ``text`` with excluded ranges replaced by spaces (built once)."""
        if not self.excluded:
            return self.text
        chars = list(self.text)
        for start, end in self.excluded:
            for i in range(start, end):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)

    def evolve(self, **changes: Any) -> Article:
        """Return a copy with ``changes`` applied (the id stays tied to the text)."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Serialise to the JSON contract of docs/schema.md."""
        return article_to_dict(self)


@dataclass(frozen=True)
class PersonLink:
    """Which cross-article person an article entity is, and why.

    ``person_id`` names an existing person, or a new one when ``is_new``; ``name`` and
    ``type`` are the entity's own; ``keys`` are the normalised names the person becomes
    known under through this entity.
    """

    entity_id: str
    person_id: str
    name: str
    type: str
    keys: tuple[str, ...]
    reasons: tuple[str, ...]
    is_new: bool


@dataclass(frozen=True)
class Claim:
    """An attribution seen as a claim across articles.

    ``n`` is the quote's 1-based number in its article; ``group_id`` the id of the
    group of claims that say the same thing (the id of its first claim);
    ``relayed_from`` the ``article_id:n`` of the original when this is a retelling.
    """

    article_id: str
    n: int
    person_id: str | None
    group_id: str
    similarity: float
    relayed_from: str | None
    embedding: tuple[float, ...]
    buckets: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class StoryLink:
    """The story an article joins (``is_new``: it starts one)."""

    story_id: str
    title: str
    score: float
    is_new: bool


@dataclass(frozen=True)
class PersonFact:
    """A checkable fact about a person: an age or a tenure and the year it implies."""

    person_id: str
    kind: Literal["age", "tenure"]
    value: int
    implied_year: int
    span: Span


@dataclass(frozen=True)
class ArticleLinks:
    """Everything linking found for one article, stored with it in one transaction.

    ``relays`` re-point claims stored earlier to an original that arrives later:
    ``(article_id, n, relayed_from)``. ``published_estimate`` replaces an undated article's
    estimate when what the record knows of its people dates it better.
    """

    people: tuple[PersonLink, ...] = ()
    claims: tuple[Claim, ...] = ()
    story: StoryLink | None = None
    facts: tuple[PersonFact, ...] = ()
    relays: tuple[tuple[str, int, str], ...] = ()
    published_estimate: DateEstimate | None = None


_SPACES = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Normalise text for identity: NFC, collapsed white space, stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str) -> str:
    """A stable id for an article: a hash of its normalised text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def article_to_dict(article: Article) -> dict[str, Any]:
    """Serialise an article to plain JSON types, in the documented key order."""
    data = {f.name: getattr(article, f.name) for f in fields(article)}
    plain = {
        "schema": SCHEMA_VERSION,
        "id": article.id,
        "path": data.pop("path"),
        "url": data.pop("url"),
        "title": data.pop("title"),
        "outlet": data.pop("outlet"),
        "published": data.pop("published"),
        "published_from": data.pop("published_from"),
        "published_estimate": _estimate_dict(data.pop("published_estimate")),
        "language": data.pop("language"),
        "analysed": data.pop("analysed"),
        "input_kind": data.pop("input_kind"),
        "warnings": data.pop("warnings"),
        "text": data.pop("text"),
        "excluded": data.pop("excluded"),
        "links": [asdict(link) for link in data.pop("links")],
        "related": data.pop("related"),
        "entities": [asdict(entity) for entity in data.pop("entities")],
        "quotes": [asdict(quote) for quote in data.pop("quotes")],
        "times": [asdict(time) for time in data.pop("times")],
        "quantities": [asdict(quantity) for quantity in data.pop("quantities")],
    }
    return {key: _plain(value) for key, value in plain.items()}


def _estimate_dict(estimate: DateEstimate | None) -> dict[str, Any] | None:
    return None if estimate is None else asdict(estimate)


def _estimate(data: dict[str, Any] | None) -> DateEstimate | None:
    if data is None:
        return None
    return DateEstimate(
        date.fromisoformat(data["earliest"]),
        date.fromisoformat(data["latest"]),
        float(data["confidence"]),
        data["basis"],
    )


def _span(data: dict[str, Any] | None) -> Span | None:
    return None if data is None else Span(data["start"], data["end"], data["text"])


def _via(data: dict[str, Any]) -> Via:
    return Via(data["name"], _span(data.get("span")), data.get("kind", "relay"))


def article_from_dict(data: dict[str, Any]) -> Article:
    """Rebuild an :class:`Article` from :func:`article_to_dict` output."""
    published = data.get("published")
    return Article(
        id=data["id"],
        text=data["text"],
        title=data.get("title"),
        url=data.get("url"),
        path=data.get("path"),
        outlet=data.get("outlet"),
        published=date.fromisoformat(published) if published else None,
        published_from=data.get("published_from", "none"),
        published_estimate=_estimate(data.get("published_estimate")),
        language=data.get("language"),
        analysed=data.get("analysed", False),
        input_kind=data.get("input_kind", "text"),
        excluded=tuple(tuple(pair) for pair in data.get("excluded", ())),  # type: ignore[misc]
        links=tuple(
            Link(link["url"], link.get("text", ""), _span(link.get("span")))
            for link in data.get("links", ())
        ),
        related=tuple(data.get("related", ())),
        warnings=tuple(data.get("warnings", ())),
        entities=tuple(
            Entity(
                id=e["id"],
                name=e["name"],
                type=e["type"],
                mentions=tuple(Span(**m) for m in e["mentions"]),
                aliases=tuple(e.get("aliases", ())),
                roles=tuple(e.get("roles", ())),
            )
            for e in data.get("entities", ())
        ),
        quotes=tuple(
            Quote(
                kind=q["kind"],
                content=tuple(Span(**c) for c in q["content"]),
                cue=_span(q.get("cue")),
                source=_span(q.get("source")),
                speaker=q.get("speaker"),
                speaker_id=q.get("speaker_id"),
                anonymous=q.get("anonymous", False),
                via=tuple(_via(v) for v in q.get("via", ())),
                venue=tuple(_via(v) for v in q.get("venue", ())),
                polarity=q.get("polarity", "assert"),
                when=q.get("when"),
                when_from=q.get("when_from", "none"),
            )
            for q in data.get("quotes", ())
        ),
        times=tuple(
            TimeExpr(Span(**t["span"]), t["type"], t.get("value")) for t in data.get("times", ())
        ),
        quantities=tuple(
            Quantity(Span(**q["span"]), q["kind"], float(q["value"]), q["unit"])
            for q in data.get("quantities", ())
        ),
    )
