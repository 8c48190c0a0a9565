"""Reading what the user named: each file sniffed and handed to the reader of its kind."""

from __future__ import annotations

import gzip
import io
import logging
import os
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from datetime import date
from typing import IO, cast

from onrecord.ingest.files import (
    HEAD_BYTES,
    STDIN,
    binary_reason,
    bom_encoding,
    count_paths,
    decode_bytes,
    display_name,
    expand_paths,
    gunzip_head,
    is_gzip,
    os_reason,
    sniff_kind,
    too_large_reason,
    whole_lines,
)
from onrecord.ingest.html import decode_html, parse_html
from onrecord.ingest.problems import Problem, failed, skipped
from onrecord.ingest.tables import TableKind, read_table
from onrecord.ingest.text import parse_text
from onrecord.ingest.warc import read_archive
from onrecord.records import Article
from onrecord.settings import MAX_INPUT_BYTES

logger = logging.getLogger(__name__)

# kinds read as a stream, row by row or record by record, so no size limit on the file
_STREAMED = frozenset(("warc", "csv", "tsv", "jsonl"))


def count_inputs(paths: Sequence[str]) -> int:
    """Count the files the paths expand to, without reading them.

    Args:
        paths: Files, folders, globs and ``-``, as for :func:`read_inputs`.

    Returns:
        The number of inputs (files, standard input, and unmatched patterns, each of
        which gives at least one item from :func:`read_inputs`), for a progress bar.
    """
    return count_paths(paths)


def read_inputs(
    paths: Sequence[str], *, published: date | None = None
) -> Iterator[Article | Problem]:
    """Read every article in the named inputs.

    Args:
        paths: Files, folders (read recursively), glob patterns, and ``-`` for
            standard input. Each file's kind (plain text, HTML, WARC/ARC, CSV/TSV,
            JSON Lines/JSON, each possibly gzipped) is found by sniffing its content.
        published: The publication date for inputs that have none of their own
            (``published_from="given"``).

    Yields:
        One :class:`Article` per article found, or a :class:`Problem` per input (or
        part of one) that gave none. Bad input never raises: it yields a problem and
        reading goes on.
    """
    for item in expand_paths(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from _read_guarded(item, published)


def _read_guarded(path: str, published: date | None) -> Iterator[Article | Problem]:
    name = display_name(path)
    try:
        yield from _read_path(path, name, published)
    except OSError as error:
        yield failed(name, os_reason(error))
    except EOFError as error:
        yield failed(name, f"truncated gzip: {error}")
    except (zlib.error, gzip.BadGzipFile) as error:
        yield failed(name, f"bad gzip: {error}")
    except Exception as error:
        # a reader or library bug must not stop the whole run; keep the traceback in the log
        logger.exception("unexpected error reading %s", name)
        yield failed(name, f"unexpected error: {type(error).__name__}: {error}")


def _read_path(path: str, name: str, published: date | None) -> Iterator[Article | Problem]:
    file_path = None if path == STDIN else path
    stream, size = _open(path)
    with stream:
        if size > MAX_INPUT_BYTES and not _is_regular(path):
            limit = MAX_INPUT_BYTES / (1024 * 1024)
            yield skipped(name, f"too large: more than the {limit:g} MB limit for a stream")
            return
        head = stream.read(HEAD_BYTES)
        stream.seek(0)
        if not head.strip():
            yield skipped(name, "empty file")
            return
        gzipped = is_gzip(head)
        inner_head = gunzip_head(head) if gzipped else head
        kind = sniff_kind(inner_head, name)
        if kind == "warc":
            yield from read_archive(stream, name, path=file_path)
            return
        if not gzipped and size > MAX_INPUT_BYTES and kind not in _STREAMED:
            yield skipped(name, too_large_reason(size, MAX_INPUT_BYTES))
            return
        if kind == "binary":
            yield skipped(name, binary_reason(inner_head) or "binary file (no text)")
            return
        content = cast(IO[bytes], gzip.GzipFile(fileobj=stream)) if gzipped else stream
        if kind in _STREAMED or kind == "json":
            yield from _read_table(content, kind, inner_head, name, file_path, published)
        else:
            yield _read_document(content, kind, name, file_path, published)


def _is_regular(path: str) -> bool:
    return path != STDIN and os.path.isfile(path)


def _open(path: str) -> tuple[IO[bytes], int]:
    """Open an input for binary reading; streams are read into memory up to the limit."""
    if path == STDIN:
        return _buffered(_stdin_bytes())
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "Is a directory", path)
    if stat.S_ISREG(info.st_mode):
        return open(path, "rb"), info.st_size
    # a pipe or device (process substitution, /dev/stdin): not seekable
    with open(path, "rb") as pipe:
        return _buffered(pipe.read(MAX_INPUT_BYTES + 2))


def _stdin_bytes() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer.read(MAX_INPUT_BYTES + 2)  # type: ignore[no-any-return]
    return sys.stdin.read(MAX_INPUT_BYTES + 2).encode("utf-8")


def _buffered(data: bytes) -> tuple[IO[bytes], int]:
    return io.BytesIO(data), len(data)


def _read_table(
    content: IO[bytes],
    kind: str,
    head: bytes,
    name: str,
    path: str | None,
    published: date | None,
) -> Iterator[Article | Problem]:
    decoded = decode_bytes(whole_lines(head))
    encoding = decoded.encoding if decoded else "utf-8"
    # a byte order mark stays in the stream: let the codec consume it
    bom = bom_encoding(head)
    if bom:
        encoding = "utf-8-sig" if bom == "utf-8" else bom.rsplit("-", 1)[0]
    warnings = (decoded.warning,) if decoded and decoded.warning else ()
    text = io.TextIOWrapper(content, encoding=encoding, errors="replace", newline="")
    yield from read_table(
        text,
        cast(TableKind, kind),
        name,
        path=path,
        published=published,
        warnings=warnings,
    )


def _read_document(
    content: IO[bytes], kind: str, name: str, path: str | None, published: date | None
) -> Article | Problem:
    data = content.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        return skipped(name, too_large_reason(len(data), MAX_INPUT_BYTES))
    if kind == "html":
        return _read_html(data, name, path, published)
    decoded = decode_bytes(data)
    if decoded is None:
        return skipped(name, "binary file (no text)")
    if not decoded.text.strip():
        return skipped(name, "empty file")
    article = parse_text(decoded.text, path=path, published=published)
    if decoded.warning:
        article = article.evolve(warnings=(decoded.warning, *article.warnings))
    return article


def _read_html(
    data: bytes, name: str, path: str | None, published: date | None
) -> Article | Problem:
    decoded = decode_html(data)
    if decoded is None:
        return skipped(name, "binary file (no text)")
    html, warnings = decoded
    article = parse_html(html, path=path)
    if article is None:
        return skipped(name, "no article text")
    if article.published is None and published is not None:
        article = article.evolve(published=published, published_from="given")
    if warnings:
        article = article.evolve(warnings=warnings + article.warnings)
    return article
