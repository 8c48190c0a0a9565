"""Finding an article's publication date in metadata, its dateline or its own URL.

Precedence is metadata > dateline > url (> archive record date > user-given date).
Dates are never taken from related links or from links in the body: callers pass
only the article's own URL here.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from onrecord.records import PublishedFrom

logger = logging.getLogger(__name__)

_EARLIEST = date(1900, 1, 1)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PREFIX = r"(?:(?:first\s+)?(?:published|posted|dated?)(?:\s+on)?\s*:?\s*)?"
_TIME = (
    r"(?:\s*(?:,|at|-|–|—|\||/|·)?\s*\d{1,2}[:.]\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?)?"
)
_BYLINE = r"(?:by\s+[^|•·\n]{1,60}?\s*[|•·,–—-]\s*)?"
_DATE_FORMS = (
    rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"{_WEEKDAY}{_DAY}\.?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",
    rf"{_YEAR}-(?P<nmonth>[01]?\d)-(?P<nday>[0-3]?\d)",
)
_DATELINE = tuple(
    re.compile(rf"^{_BYLINE}{_PREFIX}{form}{_TIME}[\s.]*$", re.IGNORECASE) for form in _DATE_FORMS
)
_URL_DATES = (
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?=/|$|[-_.])"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-_](?P<month>[01]\d)[-_](?P<day>[0-3]\d)(?!\d)"),
    re.compile(r"(?:^|[/_-])(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?=[/_.-]|$)"),
)
_ISO_START = re.compile(r"^\s*(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?:[T\s]|$)")
# a short line with a year and a day number may be a dateline in another language
_FOREIGN_DATELINE = re.compile(r"^(?=.*\b(?:19|20)\d\d\b)(?=.*(?<!\d)[0-3]?\d(?!\d)).{6,40}$")
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
# lines the dateline search looks at after the title, and the longest line it reads as one
_DATELINE_LINES = 3
_DATELINE_MAX_CHARS = 90


@dataclass(frozen=True)
class Dateline:
    """A dateline line found in a text: its date and the line's character range."""

    date: date
    start: int
    end: int


def is_plausible(value: date) -> bool:
    """Whether a date can be a publication date (not before 1900, not in the future).

    Args:
        value: The candidate date.

    Returns:
        True when plausible (one day of slack for time zones).
    """
    return _EARLIEST <= value <= date.today() + timedelta(days=1)


def _make_date(year: str, month: str | int, day: str) -> date | None:
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return value if is_plausible(value) else None


def parse_dateline(line: str) -> date | None:
    """Read a line that is only a date, e.g. ``"Friday, January 4, 2019"``.

    Args:
        line: One line of text. Recognised: "April 23, 2021", "23 April 2021",
            "Fri., Apr. 23, 2021 10:30 AM EDT", "Published: 2021-04-23",
            "By Jane Doe | April 23, 2021", and short dates in other languages
            ("23 апреля 2021 года").

    Returns:
        The date, or None when the line is not just a date.
    """
    line = line.strip(" \t\r\n\xa0\u200b")
    if not line or len(line) > _DATELINE_MAX_CHARS or line.lower().startswith("updated"):
        return None
    for pattern in _DATELINE:
        match = pattern.match(line)
        if match:
            parts = match.groupdict()
            if parts.get("nmonth"):
                return _make_date(parts["year"], parts["nmonth"], parts["nday"])
            month = _MONTHS[parts["month"].lower()]
            return _make_date(parts["year"], month, parts["day"])
    if _FOREIGN_DATELINE.match(line) and len(line.split()) <= 6:
        return _parse_free_date(line)
    return None


def _parse_free_date(value: str) -> date | None:
    # dateparser is slow to import and to fail; only called for short candidates
    import dateparser

    try:
        parsed = dateparser.parse(value, settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError):  # pragma: no cover - dateparser edge cases
        return None
    if parsed is None:
        return None
    result = parsed.date()
    return result if is_plausible(result) else None


def find_dateline(text: str, start: int = 0) -> Dateline | None:
    """Find a dateline among the first lines of a text from ``start`` on.

    Args:
        text: The article text.
        start: Where to begin looking (just after the title line).

    Returns:
        The first of the next few non-empty lines that is only a date, or None.
        The search stops at the first line too long to be a dateline (the body).
    """
    seen = 0
    for match in re.finditer(r"[^\n]*", text[start:]):
        line = match.group()
        if not line.strip(" \t\r\xa0"):
            continue
        found = parse_dateline(line)
        if found:
            return Dateline(found, start + match.start(), start + match.end())
        seen += 1
        if seen >= _DATELINE_LINES or len(line) > _DATELINE_MAX_CHARS:
            return None
    return None


def parse_date_value(value: object) -> date | None:
    """Read a date from a metadata value (CSV column, JSON field, HTML meta tag).

    Args:
        value: A string like ``"2019-01-04"``, ``"2019-01-04T10:00:00Z"``,
            ``"Fri, 04 Jan 2019 10:00:00 GMT"`` or ``"January 4, 2019"``; a ``date``.

    Returns:
        The date, or None when it cannot be read or is implausible.
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value if is_plausible(value) else None
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_START.match(value)
    if match:
        return _make_date(match["year"], match["month"], match["day"])
    if parse_dateline(value):
        return parse_dateline(value)
    # dateparser is slow on junk: only try values that hold a year
    if not re.search(r"\b(?:19|20)\d\d\b", value):
        return None
    return _parse_free_date(value.strip()[:60])


def date_from_url(url: str | None) -> date | None:
    """Read a date from the path of an article's own URL.

    Args:
        url: The article's URL, e.g. ``https://example.com/2021/04/23/story``. Never pass
            a related or body link here.

    Returns:
        The date in the path (``/2021/04/23/``, ``2021-04-23``, ``/20210423/``), or None.
    """
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            found = _make_date(match["year"], match["month"], match["day"])
            if found:
                return found
    return None


def date_from_record(value: str | None) -> date | None:
    """Read the date of a WARC-Date (``2008-04-30T20:48:26Z``) or ARC date (``20080430...``).

    Args:
        value: The header value.

    Returns:
        The date, or None.
    """
    if not value:
        return None
    match = _ISO_START.match(value) or re.match(
        r"^(?P<year>\d{4})(?P<month>\d\d)(?P<day>\d\d)", value.strip()
    )
    return _make_date(match["year"], match["month"], match["day"]) if match else None


def choose_published(
    *,
    metadata: date | None = None,
    dateline: date | None = None,
    url: date | None = None,
    record: date | None = None,
    given: date | None = None,
) -> tuple[date | None, PublishedFrom, tuple[str, ...]]:
    """Choose the publication date from the sources found, noting conflicts.

    Args:
        metadata: From a metadata field (HTML meta, CSV/JSON column).
        dateline: From the dateline under the title.
        url: From the article's own URL.
        record: The capture date of a web archive record.
        given: The date the user supplied for inputs without one.

    Returns:
        ``(published, published_from, warnings)``. Precedence is metadata > dateline
        > url > record > given; each of metadata, dateline and url that disagrees
        with the chosen date gives a warning like
        ``"published date conflict: dateline 2021-04-23 vs url 2021-04-22"``.
    """
    candidates: tuple[tuple[PublishedFrom, date | None], ...] = (
        ("metadata", metadata),
        ("dateline", dateline),
        ("url", url),
    )
    own = [(source, value) for source, value in candidates if value is not None]
    if own:
        chosen_from, chosen = own[0]
        warnings = tuple(
            f"published date conflict: {chosen_from} {chosen.isoformat()} "
            f"vs {source} {value.isoformat()}"
            for source, value in own[1:]
            if value != chosen
        )
        return chosen, chosen_from, warnings
    if record is not None:
        return record, "record", ()
    if given is not None:
        return given, "given", ()
    return None, "none", ()
