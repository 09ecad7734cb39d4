"""Running a flow with or without a Prefect server.

Without ``PREFECT_API_URL`` a one-off command runs the flow's code directly: starting
Prefect's temporary server costs 7–20 s and loses records (see NOTES.md). With a server
configured, the same command runs through Prefect with full records.
"""

from __future__ import annotations

from typing import Any

import httpx
from rich.console import Console

from claims.errors import ClaimdeskError
from flows.settings import Settings


class PrefectUnreachable(ClaimdeskError):
    """PREFECT_API_URL is set but no Prefect server answers there."""


_told = False


def run_flow(flow: Any, settings: Settings, quiet: bool = False, **kwargs: Any) -> Any:
    """Run ``flow`` through the configured Prefect server, or as plain code without one."""
    global _told
    if settings.prefect_api_url:
        check_server(settings.prefect_api_url)
        from flows.dispatch import task_runner

        runner = task_runner(settings)  # prefect-dask's on a Dask cluster, else the default
        return (flow.with_options(task_runner=runner) if runner else flow)(
            settings=settings, **kwargs
        )
    if not (_told or quiet):
        Console(stderr=True).print(
            "[dim]Running without Prefect orchestration; "
            "set PREFECT_API_URL to record flow runs.[/]"
        )
        _told = True
    return flow.fn(settings=settings, **kwargs)


def check_server(api_url: str) -> None:
    """Fail in one line, before any work, when the Prefect API does not answer."""
    try:
        httpx.get(api_url.rstrip("/") + "/health", timeout=5.0).raise_for_status()
    except httpx.HTTPError as exc:
        raise PrefectUnreachable(
            f"no Prefect server answers at PREFECT_API_URL={api_url} ({type(exc).__name__}); "
            "start one with `prefect server start`, or unset PREFECT_API_URL to run "
            "without orchestration"
        ) from None
