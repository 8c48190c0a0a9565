"""The repository interface every storage backend implements, and its small result types."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from onrecord.records import Article

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

    ``with_content``: only quotes whose content was found (an attribution whose content
    the extractor missed is stored, with its source and cue, but not listed by default).
    """

    who: str | None = None
    via: str | None = None
    denials: bool = False
    article_id: str | None = None
    with_content: bool = True
    limit: int | None = None


class Store(ABC):
    """A database of articles and their findings.

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
