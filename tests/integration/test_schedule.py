"""`serve`: the deployments it builds, what it registers with a Prefect server, the export."""

from __future__ import annotations

import asyncio
import csv
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import yaml
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    ArtifactFilterKey,
)
from prefect.exceptions import ObjectNotFound
from prefect.settings import PREFECT_API_URL

from claims.checklist import COLUMNS
from db import sources
from db.session import unit_of_work
from flows.schedule import (
    DUE_POLL_SECONDS,
    EXPORT_DEPLOYMENT,
    POLL_DEPLOYMENT,
    build_deployments,
    export_checklist,
)
from flows.settings import Settings
from tests.helpers import PROJECT

FEEDS = {"https://example.org/a.rss": 900, "https://example.org/b.rss": 900}
PAGES = {"https://example.org/story.html": 86400}


def add_sources(url: str) -> None:
    with unit_of_work(url) as session:
        for location, every in FEEDS.items():
            sources.add_source(session, location, "feed", every)
        for location, every in PAGES.items():
            sources.add_source(session, location, "page", every)
        session.commit()


def test_one_deployment_polls_the_due_sources_and_one_exports_daily(migrated_url: str) -> None:
    add_sources(migrated_url)
    settings = Settings(database_url=migrated_url, export_cron="30 5 * * *", export_dir="out")

    deployments = {d.name: d for d in build_deployments(settings)}

    # Whatever schedules the sources use: a new --every needs no new deployment.
    assert set(deployments) == {POLL_DEPLOYMENT, EXPORT_DEPLOYMENT}
    poll = deployments[POLL_DEPLOYMENT]
    assert poll.parameters == {"due_only": True}
    assert [s.schedule.interval for s in poll.schedules] == [timedelta(minutes=5)]
    assert poll.entrypoint == "flows.poll.poll_sources"
    daily = deployments[EXPORT_DEPLOYMENT]
    assert [s.schedule.cron for s in daily.schedules] == ["30 5 * * *"]
    assert daily.parameters == {"directory": "out"}


def read_deployments(names: list[str], since: datetime) -> dict[str, Any]:
    """The deployments of these names registered (or registered again) since then."""

    async def read() -> dict[str, Any]:
        found = {}
        async with get_client() as client:
            for name in names:
                try:
                    deployment = await client.read_deployment_by_name(name)
                except ObjectNotFound:
                    continue
                if deployment.updated and deployment.updated >= since:
                    found[name] = deployment
        return found

    return asyncio.run(read())


def test_serve_and_prefect_yaml_schedule_the_same_due_sources_poll() -> None:
    """`serve` and `prefect deploy` are one scheduling model, not two."""
    config = yaml.safe_load((PROJECT / "prefect.yaml").read_text(encoding="utf-8"))
    deployed = {d["name"]: d for d in config["deployments"]}

    assert set(deployed) == {POLL_DEPLOYMENT, EXPORT_DEPLOYMENT}
    assert deployed[POLL_DEPLOYMENT]["schedules"] == [{"interval": DUE_POLL_SECONDS}]
    assert deployed[POLL_DEPLOYMENT]["parameters"] == {"due_only": True}


def test_serve_registers_the_due_sources_poll_with_the_prefect_server(
    prefect_server: None, migrated_url: str, tmp_path: Path
) -> None:
    add_sources(migrated_url)
    names = [f"poll_sources/{POLL_DEPLOYMENT}", f"export_checklist/{EXPORT_DEPLOYMENT}"]
    env = os.environ | {
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "CLAIMDESK_DATABASE_URL": migrated_url,
        "CLAIMDESK_EXPORT_DIR": str(tmp_path),
    }
    started = datetime.now(UTC)
    lines: list[str] = []
    found: dict[str, Any] = {}
    with subprocess.Popen(
        [sys.executable, "-m", "cli", "serve"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as serving:
        reader = threading.Thread(target=_collect, args=(serving, lines), daemon=True)
        reader.start()
        try:
            deadline = time.monotonic() + 90
            # Ctrl-C stops serve cleanly once it serves; before, it interrupts registering.
            while time.monotonic() < deadline and not (
                len(found) == len(names) and any("being served" in line for line in lines)
            ):
                assert serving.poll() is None, "".join(lines)
                time.sleep(0.5)
                found = read_deployments(names, started)
        finally:
            serving.send_signal(signal.SIGINT)
            serving.wait(timeout=60)
            reader.join(timeout=10)
    output = "".join(lines)

    assert set(found) == set(names), output
    poll = found[f"poll_sources/{POLL_DEPLOYMENT}"]
    assert [s.schedule.interval for s in poll.schedules] == [timedelta(minutes=5)]
    assert [s.active for s in poll.schedules] == [True]  # paused only when serve stops
    assert poll.parameters == {"due_only": True}
    export = found[f"export_checklist/{EXPORT_DEPLOYMENT}"]
    assert [s.schedule.cron for s in export.schedules] == ["0 6 * * *"]
    assert serving.returncode == 0, output


def test_the_export_flow_writes_todays_checklist_and_leaves_an_artifact(
    prefect_server: None, migrated_url: str, tmp_path: Path
) -> None:
    settings = Settings(database_url=migrated_url)

    state = export_checklist(
        directory=str(tmp_path / "exports"), settings=settings, return_state=True
    )
    written = Path(state.result())

    assert written.name == f"checklist-{datetime.now(UTC):%Y-%m-%d}.csv"
    with written.open(encoding="utf-8", newline="") as handle:
        assert tuple(csv.DictReader(handle).fieldnames or ()) == COLUMNS
    [artifact] = asyncio.run(_artifacts("checklist-export", state.state_details.flow_run_id))
    assert artifact.type == "table" and str(written.resolve()) in str(artifact.data)


def _collect(process: subprocess.Popen[str], lines: list[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)


async def _artifacts(key: str, flow_run_id: UUID | None) -> list[Any]:
    async with get_client() as client:
        return await client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=[key]),
                flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id] if flow_run_id else []),
            )
        )
