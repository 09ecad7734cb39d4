"""Running flows and tasks with or without a Prefect server.

Without ``PREFECT_API_URL`` a one-off command runs the flow's code directly: starting
Prefect's temporary server costs 7–20 s and loses records (see NOTES.md). With a server
configured, the same command runs through Prefect with full records. Inside a flow,
``call`` runs a task as a task under a flow run and as plain code outside one. Prefect
is imported only when it is used: a process that never imported it is in no flow run,
and ``run`` of a flow given by name imports the flow's module only under a server. This
module prints nothing: the caller's ``note`` is told ``WITHOUT_PREFECT``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from claims.errors import ClaimdeskError
from flows.settings import Settings

if TYPE_CHECKING:
    from prefect import Flow, Task

P = ParamSpec("P")
R = TypeVar("R")


class PrefectUnreachable(ClaimdeskError):
    """PREFECT_API_URL is set but no Prefect server answers there."""


class DaskUnavailable(ClaimdeskError):
    """A Dask cluster was asked for, but cannot be used."""


WITHOUT_PREFECT = "Running without Prefect orchestration; set PREFECT_API_URL to record flow runs."
Note = Callable[[str], None]


def orchestrated() -> bool:
    """True inside a Prefect flow run."""
    if "prefect.context" not in sys.modules:
        return False  # Prefect was never imported: no flow run is going on
    from prefect.context import FlowRunContext

    return FlowRunContext.get() is not None


def run(
    flow: str, plain: Callable[..., R], settings: Settings, note: Note | None = None, **kwargs: Any
) -> R:
    """Run the flow ``module:name`` under a Prefect server, else ``plain`` without Prefect."""
    if settings.prefect_api_url:
        module, name = flow.split(":")
        found: R = run_flow(
            getattr(importlib.import_module(module), name), settings, note, **kwargs
        )
        return found
    _tell(note)
    return plain(settings=settings, **kwargs)


def call(step: Task[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a task as a task inside a Prefect flow run, as plain code outside one."""
    if orchestrated():
        return step(*args, **kwargs)
    return step.fn(*args, **kwargs)


def run_flow(flow: Flow[..., R], settings: Settings, note: Note | None = None, **kwargs: Any) -> R:
    """Run ``flow`` through the configured Prefect server, or as plain code without one
    (``note`` is then told ``WITHOUT_PREFECT``)."""
    if settings.prefect_api_url:
        check_server(settings.prefect_api_url)
        runner = task_runner(settings)  # prefect-dask's on a Dask cluster, else the default
        chosen = flow.with_options(task_runner=runner) if runner else flow
        result: R = chosen(settings=settings, **kwargs)  # a flow run, recorded by the server
        return result
    _tell(note)
    return flow.fn(settings=settings, **kwargs)


def task_runner(settings: Settings) -> Any:
    """The Prefect task runner of a flow run: prefect-dask's on the cluster, else the default."""
    if not settings.dask_address:
        return None
    try:
        from prefect_dask.task_runners import DaskTaskRunner
    except ImportError as exc:
        raise DaskUnavailable(missing_dask(exc)) from None
    return DaskTaskRunner(address=settings.dask_address)


def missing_dask(exc: ImportError) -> str:
    return (
        f"--dask needs prefect-dask ({exc.name or 'distributed'} is not installed): "
        "pip install 'claimdesk[dask]'"
    )


def _tell(note: Note | None) -> None:
    if note is not None:
        note(WITHOUT_PREFECT)


def check_server(api_url: str) -> None:
    """Fail in one line, before any work, when the Prefect API does not answer."""
    import httpx

    try:
        httpx.get(api_url.rstrip("/") + "/health", timeout=5.0).raise_for_status()
    except httpx.HTTPError as exc:
        raise PrefectUnreachable(
            f"no Prefect server answers at PREFECT_API_URL={api_url} ({type(exc).__name__}); "
            "start one with `prefect server start`, or unset PREFECT_API_URL to run "
            "without orchestration"
        ) from None
