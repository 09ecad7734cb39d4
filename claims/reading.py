"""Reading text documents: bounded reads, decoding, the publication date, the title."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from datetime import date, datetime
from pathlib import Path

from claims.errors import (
    BinaryDocument,
    DocumentTooLarge,
    EmptyDocument,
    InvalidDate,
    MissingDocument,
    UndecodableDocument,
    UnsupportedDocument,
)
from claims.model import Document

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# Formats that may happen to hold text but are not articles to read as they are.
BINARY_SUFFIXES = {
    **dict.fromkeys((".pdf",), "a PDF file"),
    **dict.fromkeys((".doc", ".docx", ".odt", ".rtf", ".pages"), "a word-processor document"),
    **dict.fromkeys((".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp"), "an office document"),
    **dict.fromkeys((".zip", ".gz", ".bz2", ".xz", ".zst", ".tar", ".7z", ".rar"), "an archive"),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff"), "an image"),
    **dict.fromkeys((".mp3", ".mp4", ".wav", ".mov", ".avi", ".mkv"), "a media file"),
    **dict.fromkeys((".epub", ".exe", ".so", ".dll", ".db", ".sqlite"), "a binary file"),
}
# UTF-32 before UTF-16: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
# Terminal escape sequences whole (CSI, OSC), then every other control character but
# tab and newline: PostgreSQL refuses NUL in text, terminals obey the rest.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\r": "\n"})
_ANY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_DATE_LINE = re.compile(r"\A\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[^\S\n]*\n?", re.IGNORECASE)
_DATELINE = re.compile(
    r"\A\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"((?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+\d{1,2},\s+\d{4})[^\S\n]*(?:\n|\Z)"
)
_MD_TITLE = re.compile(r"\A\s*#\s+(.+?)\s*(?:\n|\Z)")
_WHITESPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """The identity of a document's text: sha256 of its whitespace-normalised form."""
    return hashlib.sha256(_WHITESPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


def read_bounded(path: Path, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's bytes, never more than ``limit`` + 1 of them read.

    The file is opened without blocking (a named pipe with no writer would wait for
    ever) and checked to be a regular file before anything is read from it.
    """
    where = str(path)
    if kind := BINARY_SUFFIXES.get(path.suffix.lower()):
        raise UnsupportedDocument(where, f"{kind}, not text: convert it to .txt or .html first")
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise MissingDocument(where, "no such file") from None
    except OSError as exc:
        raise MissingDocument(where, f"cannot read: {exc.strerror}") from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), "special")
        raise UnsupportedDocument(where, f"not a regular file ({kind}); give a text file")
    with open(descriptor, "rb", buffering=0, closefd=True) as handle:
        if info.st_size > limit:
            raise _too_large(where, f"{info.st_size:,} bytes", limit)
        try:
            data = _read_at_most(handle, limit + 1)
        except OSError as exc:
            raise MissingDocument(where, f"cannot read: {exc.strerror}") from None
    if len(data) > limit:  # it grew since fstat
        raise _too_large(where, "it", limit)
    return data


def _read_at_most(handle: object, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))  # type: ignore[attr-defined]
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _too_large(where: str, size: str, limit: int) -> DocumentTooLarge:
    bound = f"{limit / 1024 / 1024:g} MB" if limit >= 1024 * 1024 else f"{limit:,}-byte"
    return DocumentTooLarge(
        where, f"{size} is over the {bound} limit for one document (CLAIMDESK_MAX_DOCUMENT_MB)"
    )


def decode(data: bytes, where: str, encoding: str = "utf-8") -> str:
    """Decode a document's bytes, refusing binary and undecodable data.

    A byte order mark names the encoding (UTF-8, UTF-16 or UTF-32); otherwise
    ``encoding`` does. Binary data is recognised after decoding, so UTF-16 text (half
    NUL bytes) is text. Control characters are taken out of the text.
    """
    codec = next((name for bom, name in _BOMS if data.startswith(bom)), encoding)
    try:
        text = data.decode(codec)
    except LookupError:
        raise UndecodableDocument(where, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        if b"\x00" in data[:8192]:
            raise BinaryDocument(where, "binary file, not text") from None
        raise UndecodableDocument(
            where, f"not valid {codec} (byte {exc.start}); give its --encoding or convert it"
        ) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text[:8192]:
        raise BinaryDocument(where, "binary file, not text")
    text = clean_text(text)
    if not text.strip():
        raise EmptyDocument(where, "empty document, no text to read")
    return text


def clean_text(text: str) -> str:
    """Text without terminal escape sequences and control characters (tab and newline stay)."""
    if not _ANY_CONTROL.search(text):
        return text
    text = text.replace("\r\n", "\n").translate(_BREAKS)
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def split_date(text: str, where: str = "text") -> tuple[str, date | None, str]:
    """Take a leading date line or dateline off the text.

    Returns the remaining text, the publication date (or None) and where the date
    came from: "date-line" (``date 2019-05-22``), "dateline" (Wikinews-style
    ``Friday, January 4, 2019``) or "none". A date line naming a day that does not
    exist ("date 2019-02-30") raises InvalidDate rather than being read as text.
    """
    if match := _DATE_LINE.match(text):
        try:
            published = date.fromisoformat(match.group(1))
        except ValueError:
            raise InvalidDate(where, f"line 1: {match.group(1)!r} is not a real date") from None
        return text[match.end() :], published, "date-line"
    if match := _DATELINE.match(text):
        try:
            published = datetime.strptime(match.group(1).replace(",", ""), "%B %d %Y").date()
        except ValueError:
            raise InvalidDate(where, f"line 1: {match.group(1)!r} is not a real date") from None
        return text[match.end() :], published, "dateline"
    return text, None, "none"


def read_text(text: str, location: str, title: str | None = None) -> Document:
    """Build a Document from plain text or Markdown."""
    body, published, date_source = split_date(text, location)
    if match := _MD_TITLE.match(body):
        title = title or match.group(1)
        body = body[match.end() :]
    if not body.strip():
        raise EmptyDocument(location, "no text after the date line")
    return Document(
        text=body.strip("\n"),
        location=location,
        title=title or _title_from_location(location),
        published=published,
        date_source=date_source,
        content_hash=content_hash(body),
    )


def read_file(path: Path, encoding: str = "utf-8", limit: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a .txt or .md file into a Document (HTML files are read in flows/)."""
    data = read_bounded(path, limit)
    return read_text(decode(data, str(path), encoding), str(path.resolve()))


def _title_from_location(location: str) -> str:
    stem = Path(location).stem if "://" not in location else location.rsplit("/", 1)[-1]
    stem = re.sub(r"[-_ ]*\d{4}-\d{2}-\d{2}$", "", stem) or stem  # a trailing date
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else location
