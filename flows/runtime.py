"""Running flows and tasks with or without a Prefect server.

Without ``PREFECT_API_URL`` a one-off command runs the flow's code directly: starting
Prefect's temporary server costs 7–20 s and loses records (see NOTES.md). With a server
configured, the same command runs through Prefect with full records. Inside a flow,
``call`` runs a task as a task under a flow run and as plain code outside one. This module
prints nothing: the caller is told ``WITHOUT_PREFECT`` and prints it its own way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import httpx
from prefect import Flow, Task
from prefect.context import FlowRunContext

from claims.errors import ClaimdeskError
from flows.settings import Settings

P = ParamSpec("P")
R = TypeVar("R")


class PrefectUnreachable(ClaimdeskError):
    """PREFECT_API_URL is set but no Prefect server answers there."""


WITHOUT_PREFECT = "Running without Prefect orchestration; set PREFECT_API_URL to record flow runs."


def orchestrated() -> bool:
    """True inside a Prefect flow run."""
    return FlowRunContext.get() is not None


def call(step: Task[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a task as a task inside a Prefect flow run, as plain code outside one."""
    if orchestrated():
        return step(*args, **kwargs)
    return step.fn(*args, **kwargs)


def run_flow(
    flow: Flow[..., R],
    settings: Settings,
    note: Callable[[str], None] | None = None,
    **kwargs: Any,
) -> R:
    """Run ``flow`` through the configured Prefect server, or as plain code without one.

    ``note`` is given ``WITHOUT_PREFECT`` when the flow runs without a server.
    """
    if settings.prefect_api_url:
        check_server(settings.prefect_api_url)
        result: R = flow(settings=settings, **kwargs)  # a flow run, recorded by the server
        return result
    if note is not None:
        note(WITHOUT_PREFECT)
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
