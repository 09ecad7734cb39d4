"""Reading text documents: decoding, the publication date, the title."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from claims.errors import (
    BinaryDocument,
    EmptyDocument,
    MissingDocument,
    UndecodableDocument,
)
from claims.model import NO_DATE, OPTION_SOURCE, Document
from claims.pubdate import date_in_name, find_date_line

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})

_MD_TITLE = re.compile(r"\A\s*#\s+(.+?)\s*(?:\n|\Z)")
# A first paragraph that is one short line not ending a sentence is a headline.
_HEADLINE = re.compile(r"\A\s*([^\n]{1,150}?)[^\S\n]*\n[^\S\n]*\n\s*(?=\S)")
_NOT_A_HEADLINE = (".", ",", ";", ":", "-")
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
    heading = _MD_TITLE.match(body) or _headline(body)
    if heading:
        title = title or heading.group(1).strip()
        body = body[heading.end() :]
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


def _headline(body: str) -> re.Match[str] | None:
    match = _HEADLINE.match(body)
    if match is None or match.group(1).rstrip(" \"'”’)").endswith(_NOT_A_HEADLINE):
        return None
    return match


def read_file(path: Path, encoding: str = "utf-8", published: date | None = None) -> Document:
    """Read a .txt or .md file into a Document (HTML files are read in flows/)."""
    where = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise MissingDocument(where, "no such file") from exc
    except OSError as exc:
        raise MissingDocument(where, f"cannot read: {exc.strerror}") from exc
    return read_text(decode(data, where, encoding), str(path.resolve()), published=published)


def _title_from_location(location: str) -> str:
    stem = Path(location).stem if "://" not in location else location.rsplit("/", 1)[-1]
    stem = re.sub(r"[-_ ]*\d{4}-\d{2}-\d{2}$", "", stem) or stem  # a trailing date
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else location
