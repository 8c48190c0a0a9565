"""The repository interface every storage backend implements, and its small result types."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from onrecord.errors import ConfigError
from onrecord.records import Article
from onrecord.store.links import LinkTables

AddStatus = Literal["new", "new_version", "existing"]


@dataclass(frozen=True)
class AddResult:
    """What storing one article did."""

    status: AddStatus
    article_id: str
    version: int


@dataclass(frozen=True)
class QuoteFilter:
    """Which stored quotes to list; every field narrows the result.

    ``who``, ``via`` and ``outlet`` match case-insensitively anywhere in the name;
    ``polarity`` is ``"assert"`` or ``"deny"`` (``denials=True`` is short for ``"deny"``);
    ``since``/``until`` bound, both days included, the date the quote was said, or its
    article's publication date when that is unknown (a month or year overlaps the range);
    ``story_id`` keeps the quotes of one story's articles;
    ``complete``: only quotes whose content was found and that have a speaker or a cue
    (an attribution whose content the extractor missed, and a content that the tagger
    found with neither speaker nor cue, are stored but not listed by default).

    Raises:
        ConfigError: for a polarity other than assert/deny, denials with polarity
            ``"assert"``, ``since`` after ``until``, or a negative limit.
    """

    who: str | None = None
    via: str | None = None
    denials: bool = False
    article_id: str | None = None
    complete: bool = True
    limit: int | None = None
    outlet: str | None = None
    polarity: str | None = None
    since: date | None = None
    until: date | None = None
    story_id: str | None = None

    def __post_init__(self) -> None:
        if self.polarity not in (None, "assert", "deny"):
            raise ConfigError(f"polarity must be one of ['assert', 'deny'], got {self.polarity!r}")
        if self.denials and self.polarity == "assert":
            raise ConfigError("denials=True asks for polarity 'deny', not 'assert'")
        if self.since and self.until and self.since > self.until:
            raise ConfigError(f"since {self.since} is after until {self.until}")
        if self.limit is not None and self.limit < 0:
            raise ConfigError(f"limit must be 0 or more, got {self.limit}")

    @property
    def stance(self) -> str | None:
        """The polarity asked for, with ``denials`` folded in."""
        return "deny" if self.denials else self.polarity


class Store(LinkTables, ABC):
    """A database of articles and their findings, and of the links across articles.

    The link half (people, claims, stories; :class:`LinkTables`) is written once in
    portable SQL over the four primitives every backend supplies.

    Implementations keep each :meth:`add` atomic: an interrupted ingest leaves every
    article either fully stored or absent.
    """

    @abstractmethod
    def add(self, article: Article) -> AddResult:
        """Store an analysed article once.

        The same normalised text is stored once (``existing``); a changed text under a
        URL already stored becomes a further version (``new_version``).
        """

    @abstractmethod
    def has(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""

    @abstractmethod
    def get(self, article_id: str) -> Article | None:
        """The stored article with this id (or unique id prefix), or None."""

    @abstractmethod
    def articles(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        """Summary rows of stored articles, newest publication first."""

    @abstractmethod
    def quotes(self, where: QuoteFilter = QuoteFilter()) -> list[dict[str, Any]]:
        """Rows of stored quotes with their article's date, outlet and title."""

    @abstractmethod
    def people(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        """People and organisations by number of articles that mention them."""

    @abstractmethod
    def search(self, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over article titles and texts and quote contents, best first.

        Args:
            text: words to find; ``"a phrase"``, ``or`` and ``-word`` work as in a web
                search engine; other punctuation and stray quote marks are ignored.
            limit: at most this many hits.

        Returns:
            Rows with ``kind`` (``"article"`` or ``"quote"``), ``article_id``, ``n`` (the
            quote's number, or None), ``title``, ``published``, ``outlet``, ``speaker``,
            ``snippet`` (matches marked ``[`` … ``]``) and ``score`` (higher is better).

        Raises:
            ConfigError: when ``text`` is empty or blank, or ``limit`` is below 1.
        """

    @abstractmethod
    def table_names(self) -> list[str]:
        """The tables of the record that exports write, in a stable order."""

    @abstractmethod
    def table_columns(self, table: str) -> list[str]:
        """The exported columns of one of :meth:`table_names`, in table order."""

    @abstractmethod
    def iter_table(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of one of :meth:`table_names` (its :meth:`table_columns`)."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, in storage order."""
        for row in self.articles():
            article = self.get(row["id"])
            if article is not None:
                yield article
