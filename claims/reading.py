"""Reading text documents: decoding, the publication date, the title."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from pathlib import Path

from claims.errors import (
    BinaryDocument,
    EmptyDocument,
    InvalidDate,
    MissingDocument,
    UndecodableDocument,
)
from claims.model import Document

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})

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


def decode(data: bytes, where: str, encoding: str = "utf-8") -> str:
    """Decode a document's bytes, refusing binary and undecodable data."""
    if b"\x00" in data[:8192]:
        raise BinaryDocument(where, "binary file, not text")
    try:
        text = data.decode(encoding)
    except LookupError:
        raise UndecodableDocument(where, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise UndecodableDocument(
            where, f"not valid {encoding} (byte {exc.start}); convert it to UTF-8"
        ) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise EmptyDocument(where, "empty document, no text to read")
    return text


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


def read_file(path: Path, encoding: str = "utf-8") -> Document:
    """Read a .txt or .md file into a Document (HTML files are read in flows/)."""
    where = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise MissingDocument(where, "no such file") from exc
    except OSError as exc:
        raise MissingDocument(where, f"cannot read: {exc.strerror}") from exc
    return read_text(decode(data, where, encoding), str(path.resolve()))


def _title_from_location(location: str) -> str:
    stem = Path(location).stem if "://" not in location else location.rsplit("/", 1)[-1]
    stem = re.sub(r"[-_ ]*\d{4}-\d{2}-\d{2}$", "", stem) or stem  # a trailing date
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else location
