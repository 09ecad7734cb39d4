"""Storing extracted documents: the one use case that `extract`, `poll` and the desk share.

``store_batch`` extracts documents in tasks of ``DOCUMENTS_PER_TASK``, skipping those stored
already, and stores each document in its own transaction (``store_document``, which
survives another worker storing the same document at the same time).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from prefect import task
from sqlalchemy.exc import DataError, IntegrityError

from claims.extract import Extractor, load_extractor
from claims.model import Claim, Document
from db import repository
from db.session import unit_of_work
from flows.runtime import call
from flows.settings import Settings

DOCUMENTS_PER_TASK = 50


@dataclass
class ExtractSummary:
    """What one extraction run did, for the CLI and the flow's artifact."""

    documents: int = 0
    skipped: int = 0
    sentences: int = 0
    claims: int = 0
    checkworthy: int = 0
    new_claims: int = 0
    queued: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, other: ExtractSummary) -> None:
        for name in (
            "documents",
            "skipped",
            "sentences",
            "claims",
            "checkworthy",
            "new_claims",
            "queued",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)


@lru_cache(maxsize=2)
def extractor(model_name: str, threshold: float | None, batch_size: int) -> Extractor:
    """One pipeline and one scoring model per process."""
    return load_extractor(model_name, threshold, batch_size)


def store_batch(documents: Sequence[Document], settings: Settings) -> ExtractSummary:
    """Extract and store documents, a task per ``DOCUMENTS_PER_TASK`` of them."""
    summary = ExtractSummary()
    for start in range(0, len(documents), DOCUMENTS_PER_TASK):
        batch = list(documents[start : start + DOCUMENTS_PER_TASK])
        summary.add(call(extract_and_store, batch, settings))
    return summary


@task(name="extract-and-store")
def extract_and_store(documents: list[Document], settings: Settings) -> ExtractSummary:
    """Extract a batch of documents and store each in its own transaction."""
    summary = ExtractSummary()
    with unit_of_work(settings.database_url) as session:
        known = repository.known_documents(
            session, [(d.location, d.content_hash) for d in documents]
        )
    fresh = [d for d in documents if (d.location, d.content_hash) not in known]
    summary.skipped = len(documents) - len(fresh)
    engine = extractor(settings.model, settings.threshold, settings.batch_size)
    for document, claims in engine.extract(fresh):
        try:
            summary.add(store_document(settings.database_url, document, claims))
        except DataError as exc:  # a value the database refuses: this document only
            problem = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
            summary.errors.append(f"{document.location}: cannot store: {problem}")
    return summary


def store_document(url: str, document: Document, claims: list[Claim]) -> ExtractSummary:
    """Store one document and its claims in one transaction.

    Another worker may store the same document or one of the same claims between our
    check and our insert; the unique keys refuse the second copy, and a second attempt
    then finds what the other worker stored.
    """
    for attempt in (1, 2):
        try:
            return _store_once(url, document, claims)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _store_once(url: str, document: Document, claims: list[Claim]) -> ExtractSummary:
    with unit_of_work(url) as session:
        if repository.find_document(session, document.location, document.content_hash):
            return ExtractSummary(skipped=1)  # stored meanwhile by another run
        row = repository.add_document(session, document, len(claims))
        stored = repository.store_claims(session, row, claims)
        session.commit()
    return ExtractSummary(
        documents=1,
        sentences=len(claims),
        claims=len(claims),
        checkworthy=sum(c.checkworthy for c in claims),
        new_claims=stored.new_claims,
        queued=stored.queued,
    )
