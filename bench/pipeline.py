"""The one place the benchmark reaches into the pipeline: load its models, run `extract`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from claims.extract import Extractor
from flows.settings import Settings


def settings_for(url: str) -> Settings:
    return Settings(database_url=url)


def load_models(settings: Settings) -> Extractor:
    """The process's extractor, as `extract` itself gets it (loaded once, then cached)."""
    from flows.extract import extractor

    return extractor(settings.model, settings.threshold, settings.batch_size)


def extract(inputs: list[Path], settings: Settings) -> Any:
    """`claimdesk extract INPUTS` without the CLI around it: read, extract, store, queue."""
    from flows.extract import extract_claims

    return extract_claims.fn(inputs=[str(p) for p in inputs], settings=settings)


def count_tasks(work: Callable[[], object]) -> int:
    """How many Prefect task runs ``work`` would make under orchestration.

    Every Prefect task of the flow modules has its ``fn`` (what runs, orchestrated or
    not) wrapped to count its calls while ``work`` runs.
    """
    import importlib

    from prefect import Task

    calls = 0
    patched: list[tuple[Any, Any]] = []

    def counting(original: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            return original(*args, **kwargs)

        return run

    for name in FLOW_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for value in vars(module).values():
            if isinstance(value, Task) and all(value is not t for t, _ in patched):
                patched.append((value, value.fn))
                value.fn = counting(value.fn)
    try:
        work()
    finally:
        for step, original in patched:
            step.fn = original
    return calls


FLOW_MODULES = ("flows.extract", "flows.store", "flows.poll")
