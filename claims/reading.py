"""Reading text documents: bounded reads, decoding, the publication date, the title."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from claims.errors import (
    BinaryDocument,
    DocumentTooLarge,
    EmptyDocument,
    MissingDocument,
    UndecodableDocument,
    UnsupportedDocument,
)
from claims.model import NO_DATE, OPTION_SOURCE, Document
from claims.pubdate import date_in_name, find_date_line

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
_LINE_END = re.compile(r"\r\n|\r|\n")
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

_MD_TITLE = re.compile(r"\A\s*#\s+(.+?)\s*(?:\n|\Z)")
# A first paragraph that is one short line not ending a sentence is a headline.
_HEADLINE = re.compile(r"\A\s*([^\n]{1,150}?)[^\S\n]*\n[^\S\n]*\n\s*(?=\S)")
_NOT_A_HEADLINE = (".", ",", ";", ":", "-")
_FIRST_BLOCK = re.compile(r"\A\s*(.+?)[^\S\n]*\n[^\S\n]*\n\s*(?=\S)", re.DOTALL)
# "By Ana Ruiz", "By Wikinews staff", "From our correspondent", "Reporting by A and B"
_BYLINE_LINE = re.compile(
    r"^[*_]*(?i:by|from|written by|reporting by|posted by|source:)\s+[A-Z][^\n.!?]{0,100}[*_]*$"
)
_BYLINE_PARAGRAPH = re.compile(
    r"\A\s*[*_]*(?i:by|written by|reporting by)\s+[A-Z][^\n.!?]{0,80}[*_]*[^\S\n]*\n[^\S\n]*\n\s*"
)
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


def decoded_lines(stream: BinaryIO, encoding: str = "utf-8-sig") -> Iterator[str]:
    """The lines of a byte stream (ends kept, split at \\n, \\r\\n or \\r as ``newline=""``
    does), each decoded only when it is asked for: a decoding error is raised while the
    reader is on the line that holds it, where a text file would raise it up to 8 KB of
    decoded text ahead. LookupError when ``encoding`` is no text encoding."""
    info = codecs.lookup(encoding)
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64: what open() refuses
        raise LookupError(f"{encoding!r} is not a text encoding")
    return _lines(stream, info.incrementaldecoder())


def _lines(stream: BinaryIO, decoder: codecs.IncrementalDecoder) -> Iterator[str]:
    pending = ""
    for raw in stream:  # a UTF-16 line ends mid-character here: the decoder keeps the rest
        lines, pending = _split(pending + decoder.decode(raw))
        yield from lines
    lines, pending = _split(pending + decoder.decode(b"", final=True), final=True)
    yield from lines
    if pending:
        yield pending


def _split(text: str, final: bool = False) -> tuple[list[str], str]:
    """The whole lines of ``text`` and what follows them; a closing \\r waits for its \\n."""
    lines, start = [], 0
    for end in _LINE_END.finditer(text):
        if end.group() == "\r" and end.end() == len(text) and not final:
            break
        lines.append(text[start : end.end()])
        start = end.end()
    return lines, text[start:]


def clean_text(text: str) -> str:
    """Text without terminal escape sequences and control characters (tab and newline stay)."""
    if not _ANY_CONTROL.search(text):
        return text
    text = text.replace("\r\n", "\n").translate(_BREAKS)
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def split_date(text: str, where: str = "text") -> tuple[str, date | None, str]:
    """Take the date line off the text (``claims.pubdate.find_date_line``).

    Returns the remaining text, the publication date (or None) and its kind:
    "date-line" (``date 2019-05-22``), "dateline" (a line that is only a date, such as
    the Wikinews ``Friday, January 4, 2019``), "byline" ("Published 6 March 2020") or
    "none".
    """
    rest, line = find_date_line(text, where)
    return (rest, line.published, line.kind) if line else (text, None, "none")


def read_text(
    text: str, location: str, title: str | None = None, published: date | None = None
) -> Document:
    """Build a Document from plain text or Markdown.

    The date comes from ``published`` when given (``extract --published``), else a date
    line among the first lines, else the file name; ``Document.published_source`` says
    which.
    """
    body, line = find_date_line(text, location)
    head = _head_block(body)
    if head is not None:  # "Headline\nBy Ana Ruiz\n\nText": the headline, the byline gone
        title, body = title or head[0], head[1]
    heading = None if head is not None else _MD_TITLE.match(body) or _headline(body)
    if heading:
        title = title or heading.group(1).strip()
        body = body[heading.end() :]
    body = _BYLINE_PARAGRAPH.sub("", body, count=1)  # "By Ana Ruiz" alone before the text
    if not body.strip():
        raise EmptyDocument(location, "no text after the date line")
    if published is not None:
        kind, where = "option", OPTION_SOURCE
    elif line is not None:
        published, kind, where = line.published, line.kind, line.where
    elif (named := date_in_name(location)) is not None and "://" not in location:
        published, kind, where = named, "filename", f"file name: {Path(location).name}"
    else:
        kind, where = "none", NO_DATE
    return Document(
        text=body.strip("\n"),
        location=location,
        title=title or _title_from_location(location),
        published=published,
        date_source=kind,
        content_hash=content_hash(body),
        published_source=where,
    )


def _head_block(body: str) -> tuple[str, str] | None:
    """(headline, the rest) when the text opens with a headline and a byline on lines of
    their own and then a blank line: "Talks resume\nBy Ana Ruiz, Reuters\n\nThe talks"."""
    match = _FIRST_BLOCK.match(body)
    if match is None:
        return None
    lines = [line.strip() for line in match.group(1).splitlines() if line.strip()]
    if not 2 <= len(lines) <= 4 or any(len(line) > 150 for line in lines):
        return None
    if not any(_BYLINE_LINE.match(line) for line in lines[1:]):
        return None
    if lines[0].rstrip(" \"'”’)").endswith(_NOT_A_HEADLINE) or _BYLINE_LINE.match(lines[0]):
        return None
    return lines[0].lstrip("# ").strip(), body[match.end() :]


def _headline(body: str) -> re.Match[str] | None:
    match = _HEADLINE.match(body)
    if match is None or match.group(1).rstrip(" \"'”’)").endswith(_NOT_A_HEADLINE):
        return None
    return match


def read_file(
    path: Path,
    encoding: str = "utf-8",
    limit: int = DEFAULT_MAX_BYTES,
    published: date | None = None,
) -> Document:
    """Read a .txt or .md file into a Document (HTML files are read in flows/)."""
    data = read_bounded(path, limit)
    return read_text(decode(data, str(path), encoding), str(path.resolve()), published=published)


def _title_from_location(location: str) -> str:
    stem = Path(location).stem if "://" not in location else location.rsplit("/", 1)[-1]
    stem = re.sub(r"[-_ ]*\d{4}-\d{2}-\d{2}$", "", stem) or stem  # a trailing date
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else location
