"""Finding and reading the inputs of `extract`: files, folders and URLs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claims.errors import DocumentError, MissingDocument
from claims.model import Document
from claims.reading import HTML_SUFFIXES, TEXT_SUFFIXES, decode, read_file

READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


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
        if path.is_dir():
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
        from flows.articles import article_from_html

        html = decode(path.read_bytes(), str(path), encoding)
        return article_from_html(html, str(path.resolve()))
    return read_file(path, encoding)


def read_inputs(inputs: Sequence[str], encoding: str = "utf-8") -> ReadResult:
    """Read every local input; each unreadable one becomes a one-line error."""
    result = ReadResult()
    for item in inputs:
        try:
            document = read_path(Path(item), encoding)
        except DocumentError as exc:
            result.errors.append(str(exc))
            continue
        if document.published is None:
            result.warnings.append(
                f"{item}: no publication date found; relative dates left unresolved"
            )
        result.documents.append(document)
    return result
