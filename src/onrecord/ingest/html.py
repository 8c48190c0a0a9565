"""HTML pages: main text and metadata with trafilatura, publication date with htmldate.

Nothing is ever fetched: both libraries get an already parsed tree.
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy
from datetime import date
from typing import Any

from lxml.html import HtmlElement

from onrecord.ingest.dates import (
    choose_published,
    date_from_url,
    find_dateline,
    parse_date_value,
)
from onrecord.ingest.files import decode_bytes
from onrecord.ingest.text import strip_markdown_links
from onrecord.records import Article

logger = logging.getLogger(__name__)

MIN_ARTICLE_CHARS = 200
"""Pages whose main text is shorter than this have no article text (menus, redirects)."""

_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*(?P<charset>[A-Za-z0-9_.:-]+)", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?(?P<charset>[A-Za-z0-9_.:-]+)", re.IGNORECASE)
# htmldate: look only at metadata and markup, never at dates inside links and image paths
_DATE_PARAMS: dict[str, Any] = {
    "extensive_search": False,
    "original_date": True,
    "outputformat": "%Y-%m-%d",
}


def declared_charset(content_type: str | None) -> str | None:
    """Read the charset of an HTTP Content-Type header.

    Args:
        content_type: For example ``"text/html; charset=UTF-8"``.

    Returns:
        The charset (``"UTF-8"``), or None when none is declared.
    """
    match = _HEADER_CHARSET.search(content_type or "")
    return match["charset"] if match else None


def decode_html(data: bytes, charset: str | None = None) -> tuple[str, tuple[str, ...]] | None:
    """Decode HTML bytes: the given charset, else ``<meta charset>``, else detection.

    Args:
        data: The page's bytes.
        charset: A charset declared outside the page (an HTTP header).

    Returns:
        The text and any warnings (a guessed encoding), or None for binary data.
    """
    meta = _META_CHARSET.search(data[:4096])
    declared = charset or (meta["charset"].decode("ascii") if meta else None)
    decoded = decode_bytes(data, declared)
    if decoded is None:
        return None
    return decoded.text, (decoded.warning,) if decoded.warning else ()


def parse_html(
    html: str | bytes,
    *,
    url: str | None = None,
    path: str | None = None,
    record_date: date | None = None,
) -> Article | None:
    """Extract the article of an HTML page.

    Args:
        html: The page, as text or bytes (decoded by :func:`decode_html`).
        url: The page's URL (e.g. a WARC-Target-URI); else its canonical URL is used.
        path: The file it came from.
        record_date: The capture date of an archive record, used as the publication
            date when the page has none of its own (``published_from="record"``).

    Returns:
        The article (``input_kind="html"``), its text being the main text that
        trafilatura extracts, with links as :class:`~onrecord.records.Link`; or None
        when the page has no article text (fewer than ``MIN_ARTICLE_CHARS``).
    """
    warnings: tuple[str, ...] = ()
    if isinstance(html, bytes):
        decoded = decode_html(html)
        if decoded is None:
            return None
        html, warnings = decoded
    # a bare URL would make the libraries download it; never fetch
    if not html.strip() or re.fullmatch(r"\s*https?://\S*\s*", html):
        return None
    return _extract(html, url=url, path=path, record_date=record_date, warnings=warnings)


def _without_links(tree: HtmlElement) -> HtmlElement:
    """A copy of the page without links and images, whose dates are never the article's."""
    copy = deepcopy(tree)
    for element in copy.xpath("//body//a | //body//img"):
        element.drop_tree()
    return copy


def _extract(
    html: str,
    *,
    url: str | None,
    path: str | None,
    record_date: date | None,
    warnings: tuple[str, ...],
) -> Article | None:
    import htmldate
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        logger.debug("not parseable as HTML: %s", path or url)
        return None
    metadata_date = parse_date_value(htmldate.find_date(_without_links(tree), **_DATE_PARAMS))
    document: Any = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_links=True,
        include_tables=False,
        include_comments=False,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    if document is None:
        return None
    raw_text = document.text or ""
    text, links = strip_markdown_links(raw_text.strip())
    if len(text) < MIN_ARTICLE_CHARS:
        logger.debug("no article text (%d chars): %s", len(text), path or url)
        return None
    own_url = url or document.url
    dateline = find_dateline(text)
    published, published_from, date_warnings = choose_published(
        metadata=metadata_date,
        dateline=dateline.date if dateline else None,
        url=date_from_url(own_url),
        record=record_date,
    )
    return Article(
        text=text,
        title=document.title,
        url=own_url,
        path=path,
        outlet=document.sitename or document.hostname,
        published=published,
        published_from=published_from,
        input_kind="html",
        links=links,
        warnings=warnings + date_warnings,
    )
