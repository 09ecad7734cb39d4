"""Reading a corpus CSV: one article per row (`text`, and optionally `url`, `title`, `date`).

This is the shape of data sets such as the Wikinews corpus; each row becomes a Document
whose publication date comes from the `date` (or `published`) column when the text
carries no dateline of its own.
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import replace
from datetime import date

from claims.errors import DocumentError
from claims.model import Document
from claims.pubdate import parse_date
from claims.reading import read_text

CSV_SUFFIXES = frozenset({".csv"})
_DATE_COLUMNS = ("date", "published")
_LOCATION_COLUMNS = ("url", "location", "path")


class CorpusError(DocumentError):
    """A corpus CSV has no text column or a row that cannot be read."""


def read_corpus(data: str, where: str) -> list[Document]:
    """Every row of a corpus CSV as a Document; any bad row fails the whole file."""
    csv.field_size_limit(sys.maxsize)
    mark = _delimiter(data)
    reader = csv.DictReader(io.StringIO(data, newline=""), delimiter=mark, skipinitialspace=True)
    columns = {name.strip().lower(): name for name in reader.fieldnames or []}
    if "text" not in columns:
        raise CorpusError(
            where,
            "a corpus CSV needs a 'text' column (and may have url, title, date), "
            "in a first line of column names separated by commas, semicolons or tabs",
        )
    documents: list[Document] = []
    for row in reader:
        line = reader.line_num
        cells = {key: (row.get(name) or "").strip() for key, name in columns.items()}
        if None in row:
            raise CorpusError(f"{where}:{line}", "more cells than the header has columns")
        if not cells["text"]:
            raise CorpusError(f"{where}:{line}", "column 'text' is empty")
        location = next((cells[c] for c in _LOCATION_COLUMNS if cells.get(c)), f"{where}#{line}")
        document = read_text(cells["text"], location, cells.get("title") or None)
        column, published = _date(cells, where, line)
        if published is not None and document.published is None:
            document = replace(
                document,
                published=published,
                date_source="metadata",
                published_source=f"corpus CSV column '{column}'",
            )
        documents.append(document)
    if not documents:
        raise CorpusError(where, "no rows under the header")
    return documents


def _delimiter(data: str) -> str:
    """The separator under which the first line names a 'text' column: a comma, else a
    semicolon (a spreadsheet saved where the comma is the decimal mark) or a tab."""
    header = next(iter(data.splitlines()), "")
    for mark in (",", ";", "\t"):
        if "text" in {cell.strip().strip('"').strip().lower() for cell in header.split(mark)}:
            return mark
    return ","


def _date(cells: dict[str, str], where: str, line: int) -> tuple[str, date | None]:
    for column in _DATE_COLUMNS:
        if text := cells.get(column):
            day = parse_date(text)
            if day is None:
                raise CorpusError(
                    f"{where}:{line}",
                    f"column '{column}': {text!r} is not a date (write YYYY-MM-DD)",
                )
            return column, day
    return "", None
