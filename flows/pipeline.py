"""`extract` without Prefect: discover the inputs, read them as they are needed, store.

The `extract_claims` flow (flows.extract) runs this under a Prefect server; a one-off
`claimdesk extract` runs it directly and never imports Prefect (2–4 s saved).
"""

from __future__ import annotations

from datetime import date

from claims.progress import current as current_progress
from flows.ingest import ReadResult, discover, iter_documents
from flows.settings import Settings
from flows.store import ExtractSummary, preload, store_batch


def extract_inputs(
    inputs: list[str],
    settings: Settings | None = None,
    encoding: str = "utf-8",
    published: date | None = None,
) -> ExtractSummary:
    """Extract the claims of files, folders and URLs into the database and queue them.

    Inputs are read as extraction needs them, a batch ahead at most; the models load on a
    second thread while the first inputs are read (on a Dask cluster, on its workers).
    """
    settings = settings or Settings.from_env()
    if not settings.dask_address:
        preload(settings)
    found, errors = discover(list(inputs))
    progress = current_progress()
    progress.found(len(found))
    problems = ReadResult(errors=list(errors))
    documents = iter_documents(found, encoding, settings, problems, progress.found, published)
    summary = store_batch(documents, settings)
    summary.errors[:0], summary.warnings[:0] = problems.errors, problems.warnings
    return summary
