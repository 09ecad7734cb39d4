"""Where batches of documents are extracted: in this process, or on a Dask cluster.

Local (the default): one batch after another in this process, which loads the models
once. Dask (``--dask tcp://host:8786`` or ``CLAIMDESK_DASK_ADDRESS``): batches go to the
cluster's workers, each of which loads the models once (the extractor is cached per
process) and stores into the shared database (PostgreSQL for more than one machine).
Under a Prefect server a flow run started by `extract --dask` or `poll --dask` has
prefect-dask's DaskTaskRunner and the batches are its Prefect tasks; a flow run on another
runner (a deployment's, with ``CLAIMDESK_DASK_ADDRESS`` in the worker's environment) and
a run without orchestration submit them to the cluster directly. At most two batches per
worker thread are in flight, so reading the inputs never runs far ahead of the cluster.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from claims.model import Document
from flows.runtime import DaskUnavailable, missing_dask, orchestrated
from flows.settings import Settings

IN_FLIGHT_PER_THREAD = 2


def extract_batches(
    batches: Iterable[list[Document]], settings: Settings, work: Callable[..., Any]
) -> Iterator[tuple[list[Document], Any]]:
    """Each batch with the summary ``work(batch, settings)`` made of it, in order.

    Under a Prefect flow run each batch is a Prefect task run of ``work``.
    """
    if orchestrated() and (not settings.dask_address or _on_dask_runner()):
        step = _as_task(work)
        if settings.dask_address:
            yield from _prefect_futures(batches, settings, step)
        else:
            for batch in batches:
                yield batch, step(batch, settings)
    elif settings.dask_address:  # no flow run, or one (a deployment's) on another runner
        yield from _on_dask(batches, settings, work)
    else:
        for batch in batches:
            yield batch, work(batch, settings)


def in_this_process(settings: Settings) -> bool:
    """Whether ``extract_batches`` would run every batch here, outside any Prefect task."""
    return not orchestrated() and not settings.dask_address


def _on_dask_runner() -> bool:
    """Whether the flow run going on submits its tasks to Dask (prefect-dask's runner)."""
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    return context is not None and type(context.task_runner).__name__ == "DaskTaskRunner"


_tasks: dict[Callable[..., Any], Any] = {}


def _as_task(work: Callable[..., Any]) -> Any:
    """The Prefect task of ``work`` (one per function, made under the first flow run)."""
    if work not in _tasks:
        from prefect import task

        _tasks[work] = task(name=work.__name__.replace("_", "-"))(work)
    return _tasks[work]


def _prefect_futures(
    batches: Iterable[list[Document]], settings: Settings, task: Any
) -> Iterator[tuple[list[Document], Any]]:
    pending: deque[tuple[list[Document], Any]] = deque()
    for batch in batches:
        pending.append((batch, task.submit(batch, settings)))
        if len(pending) >= IN_FLIGHT_PER_THREAD * 2:
            batch, future = pending.popleft()
            yield batch, future.result()
    while pending:
        batch, future = pending.popleft()
        yield batch, future.result()


def _on_dask(
    batches: Iterable[list[Document]], settings: Settings, work: Any
) -> Iterator[tuple[list[Document], Any]]:
    client = connect(settings.dask_address or "")
    try:
        threads = max(1, sum(client.nthreads().values()))
        pending: deque[tuple[list[Document], Any]] = deque()
        for batch in batches:
            # pure=False: the same batch twice is two runs (the second finds it stored).
            pending.append((batch, client.submit(work, batch, settings, pure=False)))
            if len(pending) >= IN_FLIGHT_PER_THREAD * threads:
                batch, future = pending.popleft()
                yield batch, future.result()
        while pending:
            batch, future = pending.popleft()
            yield batch, future.result()
    finally:
        client.close()


def connect(address: str) -> Any:
    """A client of the Dask scheduler at ``address``; one line when it cannot be reached."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise DaskUnavailable(missing_dask(exc)) from None
    try:
        return Client(address, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise DaskUnavailable(
            f"no Dask scheduler answers at {address} ({type(exc).__name__}); start one with "
            "`dask scheduler` and `dask worker ADDRESS --nthreads 1`, or leave out --dask"
        ) from None
