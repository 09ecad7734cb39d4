"""Errors raised by the claims domain.

ClaimdeskError
 ├── DocumentError        a document cannot be read
 │    ├── MissingDocument
 │    ├── EmptyDocument
 │    ├── BinaryDocument
 │    ├── UndecodableDocument
 │    ├── UnsupportedDocument  not a regular file, or a binary format by its name
 │    ├── DocumentTooLarge
 │    └── InvalidDate
 └── ModelError           the spaCy pipeline or the scorer cannot be loaded
"""

from __future__ import annotations


class ClaimdeskError(Exception):
    """Base class of every error claimdesk raises on purpose."""


class DocumentError(ClaimdeskError):
    """A document cannot be read."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class MissingDocument(DocumentError):
    """The path does not exist or cannot be read."""


class EmptyDocument(DocumentError):
    """The document holds no text."""


class BinaryDocument(DocumentError):
    """The document is binary data, not text."""


class UndecodableDocument(DocumentError):
    """The document's bytes are not valid in the expected encoding."""


class UnsupportedDocument(DocumentError):
    """The path is not a regular file (a pipe, a device, a folder) or names a binary format."""


class DocumentTooLarge(DocumentError):
    """The document is larger than the size limit."""


class InvalidDate(DocumentError):
    """The document's date line names a day that does not exist."""


class ModelError(ClaimdeskError):
    """The spaCy pipeline or the check-worthiness model cannot be loaded."""
