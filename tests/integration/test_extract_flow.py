"""The extract_claims flow run through Prefect (prefect_test_harness)."""

from __future__ import annotations

import asyncio
from typing import Any

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

from flows.extract import extract_claims
from flows.settings import Settings
from tests.helpers import SEEDS


def artifacts(key: str) -> list[Any]:
    async def read() -> list[Any]:
        async with get_client() as client:
            return await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key]))
            )

    return asyncio.run(read())


def test_extract_flow_runs_under_prefect_stores_claims_and_leaves_a_summary(
    prefect_server: None, migrated_url: str
) -> None:
    settings = Settings(database_url=migrated_url)
    state = extract_claims(inputs=[str(SEEDS)], settings=settings, return_state=True)
    assert state.is_completed()
    summary = state.result()
    assert summary.documents == 1 and summary.queued >= 13
    again = extract_claims(inputs=[str(SEEDS)], settings=settings)
    assert (again.documents, again.skipped, again.new_claims) == (0, 1, 0)
    [*_, latest] = artifacts("extract-summary")
    rows = (
        {row["measure"]: row["value"] for row in latest.data}
        if isinstance(latest.data, list)
        else {}
    )
    assert latest.type == "table"
    assert "queued" in str(latest.data)
    assert rows == {} or "documents" in rows
