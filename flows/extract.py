"""The `extract_claims` flow: read → extract (batched spaCy) → store → queue.

The work is flows.pipeline's; this module adds what a Prefect flow run has on top (a
task per batch, flows.dispatch; a summary artifact). Only runs under a Prefect server
import it.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from prefect import flow
from prefect.artifacts import create_table_artifact

from flows.pipeline import extract_inputs
from flows.runtime import orchestrated
from flows.settings import Settings
from flows.store import ExtractSummary


@flow(name="extract_claims", log_prints=False)
def extract_claims(
    inputs: list[str],
    settings: Settings | None = None,
    encoding: str = "utf-8",
    published: date | None = None,
) -> ExtractSummary:
    """Extract the claims of files, folders and URLs into the database and queue them.

    ``published`` dates every document (``extract --published``), whatever they say.
    """
    summary = extract_inputs(list(inputs), settings, encoding, published)
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
