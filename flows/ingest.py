"""Finding and reading the inputs of `extract`: files, folders and URLs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from claims.corpus import CSV_SUFFIXES, read_corpus
from claims.errors import ClaimdeskError, MissingDocument
from claims.model import OPTION_SOURCE, Document
from claims.reading import (
    DEFAULT_MAX_BYTES,
    HTML_SUFFIXES,
    TEXT_SUFFIXES,
    clean_text,
    decode,
    read_bounded,
    read_file,
)
from flows.settings import Settings

if TYPE_CHECKING:
    import httpx

# HTML extraction (trafilatura) and the network (httpx) are imported when an input needs
# them: a one-off `extract` of a text file spends no time on them.

READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
_OTHER_SCHEME = re.compile(r"^(?!https?://)([a-z][a-z0-9+.-]*)://", re.IGNORECASE)
# "javascript:alert(1)", "mailto:a@b", "data:text/html,…": a scheme without "//"
_OPAQUE_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]+):(?!//)\S", re.IGNORECASE)


def is_url(item: str) -> bool:
    """An http(s) URL, however its scheme is spelt ("HTTP://", "Https://")."""
    return item[:8].lower().startswith(("http://", "https://"))


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
        if is_url(item):
            found.append(item)
            continue
        path = Path(item)
        scheme = _OTHER_SCHEME.match(item)
        opaque = _OPAQUE_SCHEME.match(item)
        if scheme and not path.exists():
            errors.append(f"{item}: {scheme[1]}:// is not fetched: only http:// and https:// are")
        elif opaque and not path.exists():
            errors.append(
                f"{item}: {opaque[1]}: URLs are not fetched: only http:// and https:// are"
            )
        elif path.is_dir():
            # Not only regular files: a pipe or device named like an article is named as
            # a bad input by the reader rather than passed over in silence.
            files = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in READABLE_SUFFIXES and not p.is_dir()
            )
            if not files:
                errors.append(f"{item}: no .txt, .md or .html files in this folder")
            found.extend(str(p) for p in files)
        elif path.exists():
            found.append(item)
        else:
            errors.append(str(MissingDocument(item, "no such file or folder")))
    return found, errors


CORPUS_DOCUMENTS = 100  # a corpus CSV may be this many documents' size limit


def read_path(path: Path, encoding: str = "utf-8", limit: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one local file: text and Markdown here, HTML through main-text extraction."""
    if path.suffix.lower() in HTML_SUFFIXES:
        html = decode(read_bounded(path, limit), str(path), encoding)
        from flows.fetching.articles import article_from_html

        return article_from_html(html, str(path.resolve()))
    return read_file(path, encoding, limit)


def read_corpus_file(
    path: Path, encoding: str = "utf-8", limit: int = DEFAULT_MAX_BYTES
) -> list[Document]:
    """A corpus CSV named on the command line (folders never pick up CSV files)."""
    data = read_bounded(path, limit * CORPUS_DOCUMENTS)
    return read_corpus(decode(data, str(path), encoding), str(path.resolve()))


def cleaned(document: Document) -> Document:
    """The document without control characters, whichever reader made it (HTML entities
    such as ``&#0;`` and corpus cells bring their own)."""
    text, title = clean_text(document.text), clean_text(document.title)
    if (text, title) == (document.text, document.title):
        return document
    return replace(document, text=text, title=title)


def dated(document: Document, published: date | None) -> Document:
    """The document dated by ``extract --published`` when given, else as it was read."""
    if published is None:
        return document
    return replace(
        document, published=published, date_source="option", published_source=OPTION_SOURCE
    )


ONE_OFF_BYTES = 1024 * 1024  # a one-off article; anything larger is simply read in turn


def first_paragraphs(inputs: Sequence[str], encoding: str, settings: Settings) -> list[str]:
    """The texts spaCy parses first when ``inputs`` is one local text file (a one-off
    `extract one.txt`), read as `iter_documents` reads it; else none.

    A spaCy process can start on them while this process still imports the rest; any
    difference from what extraction then asks for only wastes that early parse.
    """
    from claims.segment import spacy_paragraphs

    if len(inputs) != 1 or is_url(inputs[0]):
        return []
    path = Path(inputs[0])
    try:
        if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
            return []
        if path.stat().st_size > ONE_OFF_BYTES:
            return []
        document = cleaned(read_path(path, encoding, settings.max_document_bytes))
    except (ClaimdeskError, OSError, ValueError):  # the real read names the problem
        return []
    return [text for _, text in spacy_paragraphs(document)]


def read_inputs(
    inputs: Sequence[str],
    encoding: str = "utf-8",
    settings: Settings | None = None,
    published: date | None = None,
) -> ReadResult:
    """Read every input, local or URL; each unreadable one becomes a one-line error.

    ``published`` (``extract --published``) dates every document, whatever they say.
    """
    result = ReadResult()
    result.documents.extend(iter_documents(inputs, encoding, settings, result, published=published))
    return result


def iter_documents(
    inputs: Sequence[str],
    encoding: str = "utf-8",
    settings: Settings | None = None,
    problems: ReadResult | None = None,
    found_more: Callable[[int], None] | None = None,
    published: date | None = None,
) -> Iterator[Document]:
    """Read the inputs one at a time, as the caller asks for documents.

    Each unreadable input becomes a one-line error in ``problems`` (and a document
    without a date a warning); nothing is read before it is wanted. A corpus CSV is one
    input of many documents: ``found_more`` hears how many more than one it held.
    """
    settings = settings or Settings.from_env()
    limit = settings.max_document_bytes
    result = problems if problems is not None else ReadResult()
    client: httpx.Client | None = None
    try:
        for item in inputs:
            found: list[Document]
            try:
                if is_url(item):
                    from flows.fetching.pages import read_url
                    from flows.fetching.policy import fetch_policy, open_client

                    client = client or open_client(settings)
                    found = [read_url(item, client, fetch_policy(settings))]
                elif Path(item).suffix.lower() in CSV_SUFFIXES:
                    rows = read_corpus_file(Path(item), encoding, limit)
                    if found_more is not None:
                        found_more(len(rows) - 1)
                    yield from (cleaned(dated(d, published)) for d in rows)
                    continue
                else:
                    found = [read_path(Path(item), encoding, limit)]
            except ClaimdeskError as exc:
                result.errors.append(str(exc))
                continue
            for document in found:
                document = cleaned(dated(document, published))
                if document.published is None:
                    result.warnings.append(
                        f"{item}: no publication date found; relative dates left unresolved"
                    )
                yield document
    finally:
        if client is not None:
            client.close()
