"""Plain-text and Markdown-like articles as scraped from news sites.

The article text is kept exactly as given, so that offsets into the original file hold;
markup and metadata lines are listed in ``Article.excluded`` instead of being cut out:

- the title is the first non-empty line (``# `` markers excluded);
- a dateline may follow the title ("Friday, January 4, 2019");
- ``[anchor](url)`` links keep their anchor in the body, the rest is excluded;
- an "Original url:" block names the article's own URL;
- "Related article: ..." lines and lines holding only a URL are metadata (``related``),
  never the article's URL or date.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from onrecord.ingest.dates import choose_published, date_from_url, find_dateline, parse_dateline
from onrecord.records import Article, Link, Span

logger = logging.getLogger(__name__)

_URL = r"(?:https?://|www\.)[^\s<>\[\]]+"
_OWN_URL = re.compile(
    r"^\s*(?:original|source|canonical|article)\s+(?:url|link)\s*:\s*(?P<rest>.*?)\s*$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:related(?:\s+(?:articles?|stor(?:y|ies)|links?|coverage|content|"
    r"reading|news))?|see\s+also|read\s+(?:more|also|next))\s*:\s*(?P<rest>.*?)\s*$",
    re.IGNORECASE,
)
_BARE_URL = re.compile(rf"^\s*(?:[-*•]\s+)?<?(?P<url>{_URL}?)>?\s*$", re.IGNORECASE)
_REFERENCE = re.compile(
    r"^\s{0,3}\[(?P<label>[^\]\n]+)\]:\s*<?(?P<url>[^\s>]+)>?(?:\s+[\"'(].*[\"')])?\s*$"
)
_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6}\s+)(?P<title>.*?)(?P<close>\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d+[.)])\s+")
# a link target: no spaces, parentheses allowed when balanced (Wikipedia URLs)
_TARGET = r"<?(?P<url>(?:[^\s()<>]|\([^\s()<>]*\))+)>?(?:\s+\"[^\"\n]*\")?"
_INLINE = re.compile(
    r"(?P<image>!\[[^\]\n]*\]\([^)\n]*\))"
    rf"|(?P<link>\[(?P<anchor>[^\[\]\n]*)\]\({_TARGET}\))"
    r"|(?P<ref>\[(?P<ref_anchor>[^\[\]\n]+)\]\[(?P<ref_label>[^\[\]\n]*)\])"
    rf"|(?P<auto><(?P<auto_url>https?://[^\s<>]+)>)"
    # "**"/"__" of bold text, not part of a longer run ("___" is a rule line, kept as text)
    r"|(?P<strong>(?<!\*)\*\*(?!\*)|(?<!_)__(?!_))"
    rf"|(?P<bare>https?://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"])"
)
_MARKDOWN_LINK = re.compile(rf"\[(?P<anchor>[^\[\]\n]*)\]\({_TARGET}\)")
# a first line longer than this is body text, not a title
_MAX_TITLE_CHARS = 300


@dataclass(frozen=True)
class _Line:
    index: int
    start: int
    end: int
    text: str


@dataclass
class _Markup:
    """What the markup scan found: ranges to exclude, links and metadata."""

    excluded: list[tuple[int, int]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    url: str | None = None
    metadata_lines: set[int] = field(default_factory=set)
    references: dict[str, str] = field(default_factory=dict)


def outlet_from_url(url: str | None) -> str | None:
    """The site of an article's own URL ("www.reuters.com" → "reuters.com"), if any.

    Args:
        url: the article's URL.

    Returns:
        The host name without a leading ``www.``, or None.
    """
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def parse_text(text: str, *, path: str | None = None, published: date | None = None) -> Article:
    """Build an article from plain or Markdown-like text, keeping the text exactly.

    Args:
        text: The decoded file content; it becomes ``Article.text`` unchanged.
        path: The file it came from, if any.
        published: The date to use when the text has none of its own.

    Returns:
        The article, with title, dateline date, own URL, links, related links and the
        excluded ranges filled in (``input_kind="text"``).
    """
    return build_text_article(text, path=path, published=published)


def build_text_article(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    metadata_date: date | None = None,
    outlet: str | None = None,
    path: str | None = None,
    published: date | None = None,
    input_kind: str = "text",
    warnings: tuple[str, ...] = (),
    first_line_title: bool = True,
) -> Article:
    """Build an article from text with the plain-text rules, metadata taking precedence.

    Args:
        text: The article text; it becomes ``Article.text`` unchanged.
        title: A title from metadata (a CSV column); then the first line is not taken
            as the title, though its ``# `` marker is still excluded.
        url: The article's URL from metadata; wins over an "Original url:" block.
        metadata_date: A publication date from metadata; wins over the dateline.
        outlet: The outlet from metadata.
        path: The file it came from.
        published: The user-given date, used only when no other date is found.
        input_kind: What the input was (``text``, ``csv``, ``jsonl``...).
        warnings: Warnings found earlier (e.g. about decoding).
        first_line_title: Whether a plain first line is the title; when False (table
            rows, whose text is usually the body alone) only a ``# `` heading is.

    Returns:
        The article.
    """
    lines = _split_lines(text)
    markup = _Markup()
    _scan_metadata_lines(lines, markup)
    title_line = _first_content_line(lines, markup)
    found_title, after_title = _read_title(
        lines, title_line, markup, plain=first_line_title and title is None
    )
    dateline = find_dateline(text, after_title)
    _scan_inline(lines, markup)
    own_url = url or markup.url
    chosen, chosen_from, date_warnings = choose_published(
        metadata=metadata_date,
        dateline=dateline.date if dateline else None,
        url=date_from_url(own_url),
        given=published,
    )
    return Article(
        text=text,
        title=title or found_title,
        url=own_url,
        path=path,
        outlet=outlet or outlet_from_url(own_url),
        published=chosen,
        published_from=chosen_from,
        input_kind=input_kind,
        excluded=merge_ranges(markup.excluded),
        links=tuple(markup.links),
        related=tuple(markup.related),
        warnings=warnings + date_warnings,
    )


def _split_lines(text: str) -> list[_Line]:
    lines = []
    position = 0
    for index, raw in enumerate(text.split("\n")):
        content = raw.rstrip("\r")
        lines.append(_Line(index, position, position + len(content), content))
        position += len(raw) + 1
    return lines


def _scan_metadata_lines(lines: list[_Line], markup: _Markup) -> None:
    """Find own-URL blocks, related lines, bare URL lines and link reference definitions."""
    index = 0
    while index < len(lines):
        line = lines[index]
        consumed = (
            _read_own_url(lines, index, markup)
            or _read_related(lines, index, markup)
            or _read_reference(line, markup)
            or _read_bare_url(line, markup)
        )
        if consumed:
            for taken in lines[index : index + consumed]:
                markup.metadata_lines.add(taken.index)
                markup.excluded.append((taken.start, taken.end))
        index += consumed or 1


def _read_own_url(lines: list[_Line], index: int, markup: _Markup) -> int:
    match = _OWN_URL.match(lines[index].text)
    if not match:
        return 0
    url = _url_in(match["rest"])
    if url:
        markup.url = url
        return 1
    following = _next_content_line(lines, index + 1)
    if following is not None:
        url = _url_in(following.text)
        is_url_line = _BARE_URL.match(following.text) or _MARKDOWN_LINK.fullmatch(
            following.text.strip()
        )
        if url and is_url_line:
            markup.url = url
            return following.index - index + 1
    return 1


def _read_related(lines: list[_Line], index: int, markup: _Markup) -> int:
    match = _RELATED.match(lines[index].text)
    if not match:
        return 0
    if match["rest"]:
        markup.related.append(_related_value(match["rest"]))
        return 1
    # a "Related articles:" heading: the list items up to the next blank line
    consumed = 1
    for line in lines[index + 1 :]:
        item = line.text.strip()
        if not item or not (_BULLET.match(line.text) or _url_in(item)) or len(item) > 300:
            break
        markup.related.append(_related_value(item))
        consumed += 1
    return consumed


def _read_reference(line: _Line, markup: _Markup) -> int:
    match = _REFERENCE.match(line.text)
    if not match:
        return 0
    markup.references[match["label"].strip().lower()] = match["url"]
    return 1


def _read_bare_url(line: _Line, markup: _Markup) -> int:
    match = _BARE_URL.match(line.text)
    if not match:
        return 0
    markup.related.append(match["url"])
    return 1


def _url_in(text: str) -> str | None:
    link = _MARKDOWN_LINK.search(text)
    if link:
        return link["url"]
    bare = re.search(_URL, text, re.IGNORECASE)
    return bare.group().rstrip(".,;:!?)>'\"") if bare else None


def _related_value(item: str) -> str:
    return _url_in(item) or _BULLET.sub("", item).strip()


def _next_content_line(lines: list[_Line], start: int) -> _Line | None:
    return next((line for line in lines[start:] if line.text.strip()), None)


def _first_content_line(lines: list[_Line], markup: _Markup) -> _Line | None:
    return next(
        (
            line
            for line in lines
            if line.text.strip(" \t\xa0") and line.index not in markup.metadata_lines
        ),
        None,
    )


def _read_title(
    lines: list[_Line], line: _Line | None, markup: _Markup, *, plain: bool
) -> tuple[str | None, int]:
    """Read the title line; return the title and where the dateline search starts.

    A ``# `` heading is always the title line; a plain first line only when ``plain``.
    """
    if line is None:
        return None, 0
    heading = _HEADING.match(line.text)
    if heading:
        markup.excluded.append((line.start, line.start + heading.end("marks")))
        if heading["close"]:
            markup.excluded.append((line.start + heading.start("close"), line.end))
        title = heading["title"]
    elif not plain or parse_dateline(line.text) or len(line.text) > _MAX_TITLE_CHARS:
        # no title line: a dateline, body text, or the title came from metadata
        return None, line.start
    else:
        title = line.text
    following = lines[line.index + 1] if line.index + 1 < len(lines) else None
    if following is not None and not heading and _SETEXT.match(following.text):
        markup.excluded.append((following.start, following.end))
        markup.metadata_lines.add(following.index)
    title = _MARKDOWN_LINK.sub(lambda link: link["anchor"], title).strip(" \t\xa0*_")
    return title or None, line.end


def _scan_inline(lines: list[_Line], markup: _Markup) -> None:
    """Find links and inline markup in the lines that are not metadata."""
    for line in lines:
        if line.index in markup.metadata_lines or not line.text:
            continue
        quote = _BLOCKQUOTE.match(line.text)
        if quote:
            markup.excluded.append((line.start, line.start + quote.end()))
        heading = _HEADING.match(line.text)
        if heading:
            markup.excluded.append((line.start, line.start + heading.end("marks")))
        for match in _INLINE.finditer(line.text):
            _add_inline(match, line.start, markup)


def _add_inline(match: re.Match[str], offset: int, markup: _Markup) -> None:
    start, end = offset + match.start(), offset + match.end()
    kind = match.lastgroup
    if kind in ("image", "strong"):
        markup.excluded.append((start, end))
    elif kind == "link":
        _add_anchor_link(match, offset, "anchor", match["url"], markup)
    elif kind == "ref":
        label = (match["ref_label"] or match["ref_anchor"]).strip().lower()
        url = markup.references.get(label)
        if url:
            _add_anchor_link(match, offset, "ref_anchor", url, markup)
    elif kind == "auto":
        markup.excluded.append((start, end))
        markup.links.append(Link(match["auto_url"]))
    elif kind == "bare":
        markup.links.append(Link(match["bare"], match["bare"], Span(start, end, match["bare"])))


def _add_anchor_link(
    match: re.Match[str], offset: int, group: str, url: str, markup: _Markup
) -> None:
    anchor_start, anchor_end = offset + match.start(group), offset + match.end(group)
    markup.excluded.append((offset + match.start(), anchor_start))
    markup.excluded.append((anchor_end, offset + match.end()))
    anchor = match[group]
    span = Span(anchor_start, anchor_end, anchor) if anchor else None
    markup.links.append(Link(url, anchor, span))


def strip_markdown_links(text: str) -> tuple[str, tuple[Link, ...]]:
    """Remove ``[anchor](url)`` markup, keeping the anchors, and return the links.

    Args:
        text: Text with Markdown links (as trafilatura writes them).

    Returns:
        The text with each link replaced by its anchor, and the links with spans
        into that new text.
    """
    pieces: list[str] = []
    links: list[Link] = []
    position = 0
    length = 0
    for match in _MARKDOWN_LINK.finditer(text):
        before = text[position : match.start()]
        pieces.append(before)
        length += len(before)
        anchor = match["anchor"]
        span = Span(length, length + len(anchor), anchor) if anchor else None
        links.append(Link(match["url"], anchor, span))
        pieces.append(anchor)
        length += len(anchor)
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces), tuple(links)


def merge_ranges(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sort ranges and merge those that overlap or touch.

    Args:
        ranges: ``(start, end)`` pairs, end exclusive; empty ones are dropped.

    Returns:
        Sorted, disjoint ranges.
    """
    merged: list[list[int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)
