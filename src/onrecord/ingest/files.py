"""Finding input files, sniffing what they hold and decoding their bytes to text."""

from __future__ import annotations

import glob
import json
import logging
import os
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from charset_normalizer import CharsetMatch, from_bytes

from onrecord.ingest.problems import Problem, failed

logger = logging.getLogger(__name__)

STDIN = "-"
STDIN_NAME = "<stdin>"
HEAD_BYTES = 64 * 1024
"""How much of a file is read to decide what it holds."""

InputKind = Literal["warc", "binary", "html", "csv", "tsv", "jsonl", "json", "text"]

# files a directory walk passes over: page assets saved next to HTML pages, and brat
# annotation files (.ann) beside the texts of a gold corpus: never articles
_ASSET_SUFFIXES = frozenset(
    [
        ".ann",
        ".css",
        ".js",
        ".mjs",
        ".map",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".svg",
        ".ico",
        ".bmp",
        ".tif",
        ".tiff",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".mp3",
        ".mp4",
        ".webm",
        ".ogg",
        ".wav",
        ".avi",
        ".mov",
        ".exe",
        ".dll",
        ".so",
        ".o",
        ".pyc",
    ]
)
_HTML_SUFFIXES = frozenset([".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp"])
_CSV_SUFFIXES = frozenset((".csv", ".tsv"))
_JSON_SUFFIXES = frozenset((".jsonl", ".ndjson", ".json"))
_BINARY_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\xd0\xcf\x11\xe0", "old office document"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3", "SQLite database"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(r"<(?:html|body|div|p|article|main)\b", re.IGNORECASE)
# a header cell of a sniffed table: an identifier, not words of a title line
_HEADER_NAME = re.compile(r"^[\w.\-]{1,40}$")
_TEXT_COLUMNS = frozenset(("text", "content", "body", "article", "article_text", "full_text"))
# the share of control characters above which decoded bytes are not text
_MAX_CONTROL_SHARE = 0.05
# the code page usual for a language, preferred when charset-normalizer's guesses tie
_USUAL_ENCODING = {
    **dict.fromkeys(
        "English French Spanish Portuguese German Italian Dutch Danish Norwegian Swedish"
        " Finnish Catalan Icelandic Indonesian Malay".split(),
        "cp1252",
    ),
    **dict.fromkeys(("Russian", "Ukrainian", "Bulgarian", "Belarusian", "Serbian"), "cp1251"),
    "Greek": "cp1253",
    "Turkish": "cp1254",
}
_CHAOS_TIE = 0.15


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the encoding used and a warning when it was guessed."""

    text: str
    encoding: str
    warning: str | None = None


def display_name(path: str) -> str:
    """The name of an input in summaries: the path, or ``<stdin>`` for ``-``.

    Args:
        path: A path as given by the user, or ``-``.

    Returns:
        The name to show.
    """
    return STDIN_NAME if path == STDIN else path


def expand_paths(paths: Sequence[str]) -> Iterator[str | Problem]:
    """Expand files, folders (recursively), globs and ``-`` into single inputs.

    Args:
        paths: What the user named. Missing files are passed through so that reading
            them reports the operating system's reason.

    Yields:
        Each input path once (``-`` for standard input), in a stable order, or a failed
        :class:`Problem` for a glob that matches nothing.

    Notes:
        Folder walks pass over hidden entries and page assets (images, scripts, style
        sheets); files named explicitly are always read.
    """
    seen: set[str] = set()
    # one path given as a plain string, not a list of its characters
    for path in [paths] if isinstance(paths, str) else paths:
        for found in _expand_one(path):
            if isinstance(found, Problem) or found == STDIN:
                yield found
                continue
            key = os.path.realpath(found)
            if key not in seen:
                seen.add(key)
                yield found


def _expand_one(path: str) -> Iterator[str | Problem]:
    if path == STDIN:
        yield STDIN
    elif os.path.isdir(path):
        yield from _walk_folder(path)
    elif os.path.lexists(path) or not glob.has_magic(path):
        yield path
    else:
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield failed(path, "no files match this pattern")
        for match in matches:
            if os.path.isdir(match):
                yield from _walk_folder(match)
            else:
                yield match


def _walk_folder(folder: str) -> Iterator[str | Problem]:
    """The files of a folder and its subfolders, and a problem per folder not listable."""
    unlistable: list[OSError] = []
    found = False
    for root, dirs, files in os.walk(folder, onerror=unlistable.append):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            suffix = os.path.splitext(name)[1].lower()
            if not name.startswith(".") and suffix not in _ASSET_SUFFIXES:
                found = True
                yield os.path.join(root, name)
    for error in unlistable:
        yield failed(str(error.filename or folder), os_reason(error))
    if not found and not unlistable:
        yield failed(folder, "no files in this folder")


def count_paths(paths: Sequence[str]) -> int:
    """Count the inputs that :func:`expand_paths` yields, problems included.

    Args:
        paths: What the user named.

    Returns:
        The number of inputs, for a progress bar total.
    """
    return sum(1 for _ in expand_paths(paths))


def os_reason(error: OSError) -> str:
    """A short lower-case reason for an operating system error.

    Args:
        error: The error raised by ``open``/``stat``.

    Returns:
        For example ``"permission denied"`` or ``"no such file or directory"``.
    """
    if error.strerror:
        return error.strerror[0].lower() + error.strerror[1:]
    return str(error) or type(error).__name__


def format_size(size: int) -> str:
    """Format a byte count the way the summary shows it.

    Args:
        size: A number of bytes.

    Returns:
        For example ``"52.4 MB"`` (1 MB = 2**20 bytes).
    """
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.1f} MB" if megabytes < 100 else f"{megabytes:.0f} MB"


def too_large_reason(size: int, limit: int) -> str:
    """The reason given for an input over the size limit.

    Args:
        size: The input's size in bytes (at least this many, for streams).
        limit: The limit in bytes.

    Returns:
        For example ``"too large: 52.4 MB > 20 MB limit"``.
    """
    return f"too large: {format_size(size)} > {limit / (1024 * 1024):g} MB limit"


def is_gzip(head: bytes) -> bool:
    """Whether bytes start with the gzip magic number.

    Args:
        head: The first bytes of an input.

    Returns:
        True for gzip data.
    """
    return head[:2] == b"\x1f\x8b"


def gunzip_head(head: bytes) -> bytes:
    """Decompress as much of a gzip stream's start as the given bytes allow.

    Args:
        head: The first bytes of a gzip file (possibly cut mid-stream).

    Returns:
        The decompressed start, or ``b""`` when it is not valid gzip.
    """
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, HEAD_BYTES)
    except zlib.error:
        return b""


def is_archive(head: bytes) -> bool:
    """Whether (decompressed) bytes start a WARC or ARC web archive.

    Args:
        head: The first bytes, after gzip decompression if any.

    Returns:
        True for WARC (any version) and ARC files.
    """
    start = head.lstrip(b"\r\n")
    return start.startswith(b"WARC/") or start.startswith(b"filedesc://")


def binary_reason(head: bytes) -> str | None:
    """Say why bytes are binary rather than text, if they are.

    Args:
        head: The first bytes of an input (after gzip decompression).

    Returns:
        A reason such as ``"binary file (PDF document)"``, or None for text.
    """
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            return f"binary file ({what})"
    if bom_encoding(head) is None and b"\x00" in head:
        return "binary file (no text)"
    return None


def sniff_kind(head: bytes, name: str) -> InputKind:
    """Decide what an input holds from its first bytes, helped by its file extension.

    Args:
        head: The first bytes of the input, after gzip decompression.
        name: The file name (``<stdin>`` for standard input).

    Returns:
        The kind of input: ``warc`` (WARC or ARC), ``binary``, ``html``, ``csv``,
        ``tsv``, ``jsonl``, ``json`` or ``text``.
    """
    if is_archive(head):
        return "warc"
    if binary_reason(head):
        return "binary"
    decoded = decode_bytes(whole_lines(head))
    if decoded is None:
        return "binary"
    text = decoded.text.lstrip("\ufeff")
    suffix = _suffix(name)
    if _HTML_START.match(text) or (suffix in _HTML_SUFFIXES and _HTML_TAG.search(text)):
        return "html"
    json_kind = _sniff_json(text, suffix)
    if json_kind:
        return json_kind
    return _sniff_csv(text, suffix) or "text"


def _suffix(name: str) -> str:
    base = name[:-3] if name.lower().endswith(".gz") else name
    return os.path.splitext(base)[1].lower()


def whole_lines(head: bytes) -> bytes:
    """The head of an input up to its last complete line.

    Args:
        head: The first ``HEAD_BYTES`` bytes of an input (or all of it, if shorter).

    Returns:
        The bytes up to the last newline, so that no character is cut in two.
    """
    if len(head) < HEAD_BYTES:
        return head
    cut = head.rfind(b"\n")
    return head[: cut + 1] if cut > 0 else head


def _sniff_json(text: str, suffix: str) -> Literal["jsonl", "json"] | None:
    stripped = text.lstrip()
    if stripped.startswith("[") and (suffix == ".json" or re.match(r"\[\s*\{", stripped)):
        return "json"
    if not stripped.startswith("{"):
        return None
    first_line = stripped.split("\n", 1)[0]
    try:
        is_object = isinstance(json.loads(first_line), dict)
    except ValueError:
        is_object = False
    if is_object or suffix in _JSON_SUFFIXES:
        return "jsonl"
    return None


def _sniff_csv(text: str, suffix: str) -> Literal["csv", "tsv"] | None:
    first_line = text.lstrip("\r\n").split("\n", 1)[0].strip("\r")
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    # header cells as CSV writers write them: bare or quoted names, no spaces around
    names = [name.strip('"').lower() for name in first_line.split(delimiter)]
    looks_like_header = len(names) >= 2 and all(_HEADER_NAME.match(n) for n in names if n)
    if looks_like_header and _TEXT_COLUMNS.intersection(names):
        return "tsv" if delimiter == "\t" else "csv"
    if suffix in _CSV_SUFFIXES:
        return "tsv" if suffix == ".tsv" or delimiter == "\t" else "csv"
    return None


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark names.

    Args:
        data: The first bytes of an input.

    Returns:
        ``utf-8``, ``utf-16-le``, ``utf-16-be``, ``utf-32-le`` or ``utf-32-be``, or None.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded | None:
    """Decode bytes to text: BOM, then a declared charset, then UTF-8, then a guess.

    Args:
        data: The raw bytes.
        declared: A charset named by the container (HTTP header, ``<meta charset>``);
            used when it decodes the bytes without error.

    Returns:
        The decoded text (without BOM), or None when the bytes are not text.
        ``warning`` is set when the encoding was guessed, e.g. ``"decoded as cp1251"``.
    """
    bom = bom_encoding(data)
    if bom:
        text = data[len(_bom_bytes(data)) :].decode(bom, errors="replace")
        return Decoded(text, bom, None if bom == "utf-8" else f"decoded as {bom}")
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return _checked(Decoded(data.decode(encoding), _normal(encoding)))
            except (UnicodeDecodeError, LookupError):
                continue
    return _mostly_utf8(data) or _guess(data)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few broken bytes: keep it UTF-8 rather than guess a code page."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
    # a legacy code page rarely forms valid multi-byte UTF-8 sequences by chance
    multibyte = sum(1 for char in text if char > "\x7f") - text.count("\ufffd")
    if broken <= 0 or multibyte < broken:
        return None
    noun = "byte" if broken == 1 else "bytes"
    return _checked(Decoded(text, "utf-8", f"invalid UTF-8: {broken} {noun} replaced"))


def _bom_bytes(data: bytes) -> bytes:
    return next(bom for bom, _ in _BOMS if data.startswith(bom))


def _normal(encoding: str) -> str:
    return encoding.lower().replace("_", "-")


def _checked(decoded: Decoded) -> Decoded | None:
    text = decoded.text[:HEAD_BYTES]
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r\f\v")
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        return None
    return decoded


def _guess(data: bytes) -> Decoded | None:
    matches = list(from_bytes(data))
    if not matches:
        return None
    best, encoding = matches[0], matches[0].encoding
    # charset-normalizer often ties the single-byte code pages on Latin-script text
    # (cp1250 for Spanish, cp1257 for French); among the near-ties, take the code page
    # usual for the language it recognised
    for match in matches:
        usual = _USUAL_ENCODING.get(match.language or "")
        if match.chaos <= best.chaos + _CHAOS_TIE and usual in _aliases(match):
            best, encoding = match, usual
            break
    logger.debug("guessed encoding %s", encoding)
    return _checked(Decoded(str(best), encoding, f"decoded as {encoding}"))


def _aliases(match: CharsetMatch) -> set[str]:
    return {match.encoding, *match.could_be_from_charset}
