"""Where batches of documents are extracted: in this process, or on a Dask cluster.

Local (the default): one batch after another in this process, which loads the models
once. Dask (``--dask tcp://host:8786`` or ``CLAIMDESK_DASK_ADDRESS``): batches go to the
cluster's workers, each of which loads the models once (the extractor is cached per
process) and stores into the shared database (PostgreSQL for more than one machine).
Under a Prefect server the batches are Prefect tasks on prefect-dask's DaskTaskRunner;
without one they are submitted to the cluster directly, as the flow's code runs without
orchestration. At most two batches per worker thread are in flight, so reading the inputs
never runs far ahead of the cluster.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from claims.errors import ClaimdeskError
from claims.model import Document
from flows.settings import Settings

IN_FLIGHT_PER_THREAD = 2


class DaskUnavailable(ClaimdeskError):
    """A Dask cluster was asked for, but cannot be used."""


def extract_batches(
    batches: Iterable[list[Document]], settings: Settings, task: Any, orchestrated: bool
) -> Iterator[tuple[list[Document], Any]]:
    """Each batch with the summary ``task`` made of it, in order, as each finishes."""
    if settings.dask_address and orchestrated:
        yield from _prefect_futures(batches, settings, task)
    elif settings.dask_address:
        yield from _on_dask(batches, settings, task.fn)
    else:
        for batch in batches:
            yield batch, (task(batch, settings) if orchestrated else task.fn(batch, settings))


def task_runner(settings: Settings) -> Any:
    """The Prefect task runner of a flow run: prefect-dask's on the cluster, else the default."""
    if not settings.dask_address:
        return None
    try:
        from prefect_dask.task_runners import DaskTaskRunner
    except ImportError as exc:
        raise DaskUnavailable(_missing(exc)) from None
    return DaskTaskRunner(address=settings.dask_address)


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
        raise DaskUnavailable(_missing(exc)) from None
    try:
        return Client(address, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise DaskUnavailable(
            f"no Dask scheduler answers at {address} ({type(exc).__name__}); start one with "
            "`dask scheduler` and `dask worker ADDRESS --nthreads 1`, or leave out --dask"
        ) from None


def _missing(exc: ImportError) -> str:
    return (
        f"--dask needs prefect-dask ({exc.name or 'distributed'} is not installed): "
        "pip install 'claimdesk[dask]'"
    )
