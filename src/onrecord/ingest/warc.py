"""Web archives (WARC of any version, and ARC), gzipped or not, read with warcio.

Each HTML response (status 200) becomes an article; every other record is counted and
reported once per archive. A record cut short by a truncated file ends the archive with
a failed problem; the articles read before it are kept.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from onrecord.ingest.dates import date_from_record
from onrecord.ingest.files import too_large_reason
from onrecord.ingest.html import declared_charset, decode_html, parse_html
from onrecord.ingest.problems import Problem, failed, skipped
from onrecord.records import Article
from onrecord.settings import MAX_INPUT_BYTES

logger = logging.getLogger(__name__)

_HTML_TYPES = frozenset(("text/html", "application/xhtml+xml"))
_READ_CHUNK = 64 * 1024


def read_archive(
    stream: IO[bytes], source: str, *, path: str | None = None
) -> Iterator[Article | Problem]:
    """Read the articles of a WARC or ARC archive.

    Args:
        stream: The archive's bytes, gzipped or not, opened for reading.
        source: The archive's name in problems (its path, or ``<stdin>``).
        path: The file path to put on the articles.

    Yields:
        An :class:`Article` (``input_kind="warc"``) per HTML response with article
        text, using the record's WARC-Target-URI as URL and its WARC-Date as a fallback
        publication date; a problem per record that could not be read; then one
        skipped problem summarising the other records ("skipped 41 records: 20
        request, 12 image/png, ..."), and a failed one if the archive is cut short
        ("truncated archive after 12 records: ...").
    """
    others: Counter[str] = Counter()
    count = 0
    broken = None
    content, gunzip = _decompressed(stream)
    records = ArchiveIterator(content, arc2warc=True)
    while True:
        try:
            record = next(records)
            outcome = _read_record(record, f"{source}#record {count + 1}", path)
            cut = _cut_short(record)
        except StopIteration:
            break
        except Exception as error:  # warcio raises plain exceptions on bad framing
            reason = f"{type(error).__name__}: {_one_line(error)}"
            broken = failed(source, f"unreadable archive after {count} records: {reason}")
            break
        if cut:
            broken = failed(source, f"truncated archive after {count} records: {cut}")
            break
        count += 1
        if isinstance(outcome, str):
            others[outcome] += 1
        else:
            yield outcome
    if gunzip is not None and gunzip.truncated and broken is None:
        broken = failed(source, f"truncated archive after {count} records: gzip data cut short")
    if others:
        yield skipped(source, summarise_skipped(others))
    if broken:
        yield broken


class _Gunzip(io.RawIOBase):
    """Gzip decompression that reads per-record and whole-file gzip alike.

    A stream cut short ends quietly (``truncated`` is set) instead of raising, so that
    every complete record before the cut is still read and the cut record shows up
    as shorter than its declared length.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._pending = bytearray()
        self._started = False
        self._done = False
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._done:
            self._fill()
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        del self._pending[:size]
        return size

    def _fill(self) -> None:
        chunk = self._raw.read(_READ_CHUNK)
        if not chunk:
            self._done = True
            self.truncated = self._started and not self._inflate.eof
            return
        while chunk:
            self._started = True
            try:
                self._pending += self._inflate.decompress(chunk)
            except zlib.error:
                self._done = self.truncated = True
                return
            if not self._inflate.eof:
                return
            # one gzip member ended: the next one starts in the unused bytes
            chunk = self._inflate.unused_data
            self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self._started = False


def _decompressed(stream: IO[bytes]) -> tuple[IO[bytes], _Gunzip | None]:
    """The archive's uncompressed bytes, and the gzip reader when it was gzipped."""
    # warcio reads only gzip with one member per record, and stops quietly at a cut
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[type-var]
    if buffered.peek(2)[:2] != b"\x1f\x8b":
        return buffered, None
    gunzip = _Gunzip(buffered)
    return io.BufferedReader(gunzip, buffer_size=_READ_CHUNK), gunzip


def summarise_skipped(counts: Counter[str]) -> str:
    """Describe the records that gave no article, most frequent kind first.

    Args:
        counts: How many records of each kind (``request``, ``image/png``...).

    Returns:
        For example ``"skipped 41 records: 20 request, 12 image/png, 9 redirect"``.
    """
    total = sum(counts.values())
    kinds = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    listed = ", ".join(f"{number} {kind}" for kind, number in kinds)
    return f"skipped {total} record{'s' if total != 1 else ''}: {listed}"


def _read_record(record: Any, source: str, path: str | None) -> Article | Problem | str:
    """Turn one record into an article, a problem, or the kind of record it is."""
    kind = _html_record_kind(record)
    if kind != "html":
        return kind
    if (record.length or 0) > MAX_INPUT_BYTES:
        return skipped(source, too_large_reason(record.length, MAX_INPUT_BYTES))
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        body = record.content_stream().read(MAX_INPUT_BYTES + 1)
    except Exception as error:  # broken chunked or compressed transfer encodings
        return failed(source, f"unreadable record body: {_one_line(error)}")
    decoded = decode_html(body, declared_charset(_content_type(record)))
    if decoded is None:
        return "binary html"
    html, warnings = decoded
    record_date = date_from_record(record.rec_headers.get_header("WARC-Date"))
    article = parse_html(html, url=url, path=path, record_date=record_date)
    if article is None:
        return "no article text"
    return article.evolve(input_kind="warc", warnings=warnings + article.warnings)


def _html_record_kind(record: Any) -> str:
    """``"html"`` for a readable HTML page, else the kind of record to count."""
    if record.rec_type not in ("response", "resource"):
        return str(record.rec_type)
    if record.rec_type == "response":
        if record.http_headers is None:
            return "non-HTTP response"
        status = record.http_headers.get_statuscode() or ""
        if status.startswith("3"):
            return "redirect"
        if status != "200":
            return f"status {status or 'unknown'}"
    mime = (_content_type(record) or "").split(";")[0].strip().lower()
    if mime not in _HTML_TYPES:
        return mime or "no content type"
    return "html"


def _content_type(record: Any) -> str | None:
    if record.rec_type == "response" and record.http_headers is not None:
        return record.http_headers.get_header("Content-Type")  # type: ignore[no-any-return]
    return record.rec_headers.get_header("Content-Type")  # type: ignore[no-any-return]


def _cut_short(record: Any) -> str | None:
    """Read the rest of a record; say how it was cut short, if it was."""
    raw = record.raw_stream
    while raw.read(_READ_CHUNK):
        pass
    uri = _shorten(record.rec_headers.get_header("WARC-Target-URI") or record.rec_type)
    missing = getattr(raw, "limit", 0)
    if missing > 0:
        return f"record {uri} ends {missing} bytes short of its length {record.length}"
    if record.format == "warc" and record.rec_headers.get_header("Content-Length") is None:
        return f"record {uri} has incomplete headers"
    return None


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]
