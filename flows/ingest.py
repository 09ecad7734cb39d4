"""Finding and reading the inputs of `extract`: files, folders and URLs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claims.corpus import CSV_SUFFIXES, read_corpus
from claims.errors import ClaimdeskError, MissingDocument
from claims.model import Document
from claims.reading import HTML_SUFFIXES, TEXT_SUFFIXES, decode, read_file
from flows.settings import Settings

if TYPE_CHECKING:
    import httpx

# HTML extraction (trafilatura) and the network (httpx) are imported when an input needs
# them: a one-off `extract` of a text file spends no time on them.

READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
_OTHER_SCHEME = re.compile(r"^(?!https?://)([a-z][a-z0-9+.-]*)://", re.IGNORECASE)


@dataclass
class ReadResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def discover(inputs: Sequence[str]) -> tuple[list[str], list[str]]:
    """Expand folders into their readable files; URLs pass through.

    Returns (inputs to read, errors). A missing path is an error naming it.
    """
    found: list[str] = []
    errors: list[str] = []
    for item in inputs:
        if item.startswith(("http://", "https://")):
            found.append(item)
            continue
        path = Path(item)
        scheme = _OTHER_SCHEME.match(item)
        if scheme and not path.exists():
            errors.append(f"{item}: {scheme[1]}:// is not fetched: only http:// and https:// are")
        elif path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES
            )
            if not files:
                errors.append(f"{item}: no .txt, .md or .html files in this folder")
            found.extend(str(p) for p in files)
        elif path.exists():
            found.append(item)
        else:
            errors.append(str(MissingDocument(item, "no such file or folder")))
    return found, errors


def read_path(path: Path, encoding: str = "utf-8") -> Document:
    """Read one local file: text and Markdown here, HTML through main-text extraction."""
    if path.suffix.lower() in HTML_SUFFIXES:
        html = decode(path.read_bytes(), str(path), encoding)
        from flows.fetching.articles import article_from_html

        return article_from_html(html, str(path.resolve()))
    return read_file(path, encoding)


def read_corpus_file(path: Path, encoding: str = "utf-8") -> list[Document]:
    """A corpus CSV named on the command line (folders never pick up CSV files)."""
    return read_corpus(decode(path.read_bytes(), str(path), encoding), str(path.resolve()))


def read_inputs(
    inputs: Sequence[str], encoding: str = "utf-8", settings: Settings | None = None
) -> ReadResult:
    """Read every input, local or URL; each unreadable one becomes a one-line error."""
    result = ReadResult()
    result.documents.extend(iter_documents(inputs, encoding, settings, result))
    return result


def iter_documents(
    inputs: Sequence[str],
    encoding: str = "utf-8",
    settings: Settings | None = None,
    problems: ReadResult | None = None,
    found_more: Callable[[int], None] | None = None,
) -> Iterator[Document]:
    """Read the inputs one at a time, as the caller asks for documents.

    Each unreadable input becomes a one-line error in ``problems`` (and a document
    without a date a warning); nothing is read before it is wanted. A corpus CSV is one
    input of many documents: ``found_more`` hears how many more than one it held.
    """
    settings = settings or Settings.from_env()
    result = problems if problems is not None else ReadResult()
    client: httpx.Client | None = None
    try:
        for item in inputs:
            found: list[Document]
            try:
                if item.startswith(("http://", "https://")):
                    from flows.fetching.pages import read_url
                    from flows.fetching.policy import fetch_policy, open_client

                    client = client or open_client(settings)
                    found = [read_url(item, client, fetch_policy(settings))]
                elif Path(item).suffix.lower() in CSV_SUFFIXES:
                    rows = read_corpus_file(Path(item), encoding)
                    if found_more is not None:
                        found_more(len(rows) - 1)
                    yield from rows
                    continue
                else:
                    found = [read_path(Path(item), encoding)]
            except ClaimdeskError as exc:
                result.errors.append(str(exc))
                continue
            for document in found:
                if document.published is None:
                    result.warnings.append(
                        f"{item}: no publication date found; relative dates left unresolved"
                    )
                yield document
    finally:
        if client is not None:
            client.close()
