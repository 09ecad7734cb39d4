"""Storing extracted documents: the one use case that `extract`, `poll` and the desk share.

``store_batch`` extracts documents in batches of ``DOCUMENTS_PER_TASK`` (a Prefect task
each under a flow run; on a Dask cluster with ``--dask``: flows.dispatch), skipping those
stored already, and stores each document in its own transaction (``store_document``,
which survives another worker storing the same document at the same time). Nothing here
imports Prefect: a one-off `claimdesk extract` runs this code without it.

Without a flow run or a cluster the batches are one stream through the models: each
batch's stored documents are still looked up at once, but spaCy goes on parsing the next
batch while the last one's claims are built and stored. (A batch per extraction would
drain the pipeline every 50 documents: spaCy's process waits while the encoder finishes
the batch, then the encoder waits for spaCy's first parse of the next: 8-10% of the wall
time on 300 articles.)
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain

from sqlalchemy.exc import DataError, IntegrityError

from claims.extract import Extractor, batched, load_extractor
from claims.model import Claim, Document
from claims.progress import current as current_progress
from db import repository
from db.session import unit_of_work
from flows import dispatch
from flows.dispatch import extract_batches
from flows.settings import Settings, parses_apart

DOCUMENTS_PER_TASK = 50
REDATED_SHOWN = 5  # re-dated documents named one by one in the warnings


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
    redated: list[str] = field(default_factory=list)  # stored, read with another date

    def close(self) -> ExtractSummary:
        """The summary with the re-dated documents among its warnings: the first few by
        name, the rest counted."""
        self.warnings.extend(self.redated[:REDATED_SHOWN])
        if (more := len(self.redated) - REDATED_SHOWN) > 0:
            self.warnings.append(
                f"{more} more stored documents were read with another publication date; "
                "their stored dates stay"
            )
        self.redated = []
        return self

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
        self.redated.extend(other.redated)


_loading: dict[tuple[str, float | None, int, bool], Future[Extractor]] = {}
_loading_lock = threading.Lock()


def preload(settings: Settings) -> Future[Extractor]:
    """Start loading the models on a background thread (once per process); the future.

    When this process parses apart (flows.settings.parses_apart) spaCy loads in a process
    of its own (claims.parse_process), started here unless the command started it already.
    """
    key = (settings.model, settings.threshold, settings.batch_size, parses_apart(settings))
    with _loading_lock:
        if key not in _loading:
            if key[-1]:
                from claims.parse_process import started

                started(settings.model)
            loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="models")
            _loading[key] = loader.submit(load_extractor, *key)
            loader.shutdown(wait=False)  # the thread ends once the models are loaded
        return _loading[key]


def extractor(
    model_name: str, threshold: float | None, batch_size: int, parse_process: bool = False
) -> Extractor:
    """One pipeline and one set of scoring models per process, loaded when first needed."""
    settings = Settings("", model_name, threshold, batch_size, parse_process=parse_process)
    return preload(settings).result()


def store_batch(documents: Iterable[Document], settings: Settings) -> ExtractSummary:
    """Extract and store documents, read from ``documents`` a batch at a time."""
    batches = batched(documents, DOCUMENTS_PER_TASK)
    if dispatch.in_this_process(settings):
        return _store_stream(batches, settings).close()
    summary = ExtractSummary()
    progress = current_progress()
    for batch, done in extract_batches(batches, settings, extract_and_store):
        summary.add(done)
        if settings.dask_address:  # the workers cannot tell this process's progress bar
            progress.done(len(batch), sum(words(d) for d in batch))
    return summary.close()


def extract_and_store(documents: list[Document], settings: Settings) -> ExtractSummary:
    """Extract a batch of documents and store each in its own transaction."""
    summary = ExtractSummary()
    _extract_into(_unstored(documents, settings, summary), settings, summary)
    return summary


def _store_stream(batches: Iterable[list[Document]], settings: Settings) -> ExtractSummary:
    """``extract_and_store`` of every batch, as one stream through the models."""
    summary = ExtractSummary()

    def fresh() -> Iterator[Document]:
        for batch in batches:
            yield from _unstored(batch, settings, summary)

    _extract_into(fresh(), settings, summary)
    return summary


def _unstored(
    documents: list[Document], settings: Settings, summary: ExtractSummary
) -> list[Document]:
    """The documents not stored yet; the others count as skipped."""
    with unit_of_work(settings.database_url) as session:
        known = repository.known_documents(
            session, [(d.location, d.content_hash) for d in documents]
        )
    fresh = [d for d in documents if (d.location, d.content_hash) not in known]
    for d in documents:  # read with another date than stored: --published, a CSV's column
        stored = known.get((d.location, d.content_hash), d.published)
        if d.published is None or stored == d.published:
            continue
        summary.redated.append(
            f"{d.location}: stored already as published {stored or 'with no date'}; "
            f"the date {d.published} ({d.date_origin}) is not applied to what is stored"
        )
    if skipped := len(documents) - len(fresh):
        summary.skipped += skipped
        current_progress().done(skipped, 0)
    return fresh


def _extract_into(
    documents: Iterable[Document], settings: Settings, summary: ExtractSummary
) -> None:
    """Extract ``documents`` and store each in its own transaction, into ``summary``.

    The models are waited for only once there is a document to extract.
    """
    progress = current_progress()
    documents = iter(documents)
    first = next(documents, None)
    if first is None:
        return
    engine = extractor(
        settings.model, settings.threshold, settings.batch_size, parses_apart(settings)
    )
    for document, claims in engine.extract(chain([first], documents)):
        try:
            summary.add(store_document(settings.database_url, document, claims))
        except DataError as exc:  # a value the database refuses: this document only
            problem = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
            summary.errors.append(f"{document.location}: cannot store: {problem}")
        progress.done(1, words(document))


def words(document: Document) -> int:
    return len(document.text.split())


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
