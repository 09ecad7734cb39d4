"""`claimdesk serve`: the deployments of `prefect.yaml`, served from one process.

One scheduling model: ``poll-due-sources`` runs every ``DUE_POLL_SECONDS`` and polls the
sources whose own ``--every`` has passed, so adding a source or changing its schedule needs
no new deployment and no restart; ``daily-checklist-export`` writes the checklist. A
temporary Prefect server cannot schedule runs (NOTES.md), so ``serve`` insists on a real one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from prefect import flow
from prefect import serve as prefect_serve
from prefect.artifacts import create_table_artifact
from prefect.client.orchestration import get_client
from prefect.settings import PREFECT_API_URL
from prefect.types.entrypoint import EntrypointType

from claims.errors import ClaimdeskError
from db.checklist_io import ExportFilter, write_checklist
from db.session import unit_of_work
from flows.files import atomic_write
from flows.poll import poll_sources
from flows.runtime import orchestrated
from flows.settings import Settings

POLL_DEPLOYMENT = "poll-due-sources"
DUE_POLL_SECONDS = 300  # as in prefect.yaml
EXPORT_DEPLOYMENT = "daily-checklist-export"
START_SERVER = (
    "start one with `prefect server start` and set PREFECT_API_URL=http://127.0.0.1:4200/api"
)


class PrefectServerRequired(ClaimdeskError):
    """Scheduling needs a running Prefect server; a temporary one cannot schedule."""


@flow(name="export_checklist")
def export_checklist(directory: str | None = None, settings: Settings | None = None) -> str:
    """Write today's reviewer checklist, every queued, leased or reviewed claim, as CSV."""
    settings = settings or Settings.from_env()
    folder = Path(directory or settings.export_dir)
    path = folder / f"checklist-{datetime.now(UTC):%Y-%m-%d}.csv"
    with unit_of_work(settings.database_url) as session, atomic_write(path) as handle:
        count = write_checklist(session, handle, ExportFilter())
    if orchestrated():
        create_table_artifact(
            key="checklist-export",
            table=[{"file": str(path.resolve()), "claims": count}],
            description=f"{count} claims in the checklist",
        )
    return str(path)


def build_deployments(settings: Settings) -> list[Any]:
    """The deployments `serve` runs: the due-sources poll and the daily export."""
    # Module paths rather than file paths: the served runs import the installed package.
    module = EntrypointType.MODULE_PATH
    return [
        poll_sources.to_deployment(
            name=POLL_DEPLOYMENT,
            interval=timedelta(seconds=DUE_POLL_SECONDS),
            parameters={"due_only": True},
            description="Poll every source whose --every interval has passed since its last poll.",
            tags=["claimdesk", "poll"],
            entrypoint_type=module,
            concurrency_limit=1,  # a slow poll is never overtaken by the next
        ),
        export_checklist.to_deployment(
            name=EXPORT_DEPLOYMENT,
            cron=settings.export_cron,
            parameters={"directory": settings.export_dir},
            description="Write the day's reviewer checklist CSV.",
            tags=["claimdesk", "export"],
            entrypoint_type=module,
        ),
    ]


def require_server() -> str:
    """The configured Prefect API URL, once it answers; else ``PrefectServerRequired``."""
    url = PREFECT_API_URL.value()
    if not url:
        raise PrefectServerRequired(
            f"serve needs a Prefect server to schedule runs: {START_SERVER}"
        )
    with get_client(sync_client=True) as client:
        problem = client.api_healthcheck()
    if problem is not None:
        raise PrefectServerRequired(
            f"no Prefect server answers at {url} ({type(problem).__name__}): {START_SERVER}"
        )
    return str(url)


def serve(settings: Settings) -> None:
    """Register the deployments with the Prefect server and run their flows until Ctrl-C."""
    require_server()
    prefect_serve(*build_deployments(settings))  # schedules are paused when it stops
