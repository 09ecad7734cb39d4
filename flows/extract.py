"""The `extract_claims` flow: read → extract (batched spaCy) → store → queue."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_table_artifact

from claims.model import Document
from flows.ingest import discover, read_inputs
from flows.runtime import call, orchestrated
from flows.settings import Settings
from flows.store import ExtractSummary, store_batch


@task(name="read-documents")
def read_documents(
    inputs: list[str], encoding: str = "utf-8", settings: Settings | None = None
) -> tuple[list[Document], list[str], list[str]]:
    found, errors = discover(inputs)
    result = read_inputs(found, encoding, settings)
    return result.documents, errors + result.errors, result.warnings


@flow(name="extract_claims", log_prints=False)
def extract_claims(
    inputs: list[str], settings: Settings | None = None, encoding: str = "utf-8"
) -> ExtractSummary:
    """Extract the claims of files, folders and URLs into the database and queue them."""
    settings = settings or Settings.from_env()
    documents, errors, warnings = call(read_documents, list(inputs), encoding, settings)
    summary = ExtractSummary(errors=list(errors), warnings=list(warnings))
    summary.add(store_batch(documents, settings))
    if orchestrated():
        _publish_artifact(summary)
    return summary


def _publish_artifact(summary: ExtractSummary) -> None:
    numbers = {k: v for k, v in asdict(summary).items() if isinstance(v, int)}
    rows: list[dict[str, Any]] = [{"measure": k, "value": v} for k, v in numbers.items()]
    rows += [{"measure": "error", "value": e} for e in summary.errors]
    create_table_artifact(
        key="extract-summary", table=rows, description="Documents and claims of this run"
    )
