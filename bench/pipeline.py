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
    """How many Prefect task runs ``work`` would make under orchestration."""
    import flows.extract as module

    calls = 0
    original = module.call

    def counting(step: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return original(step, *args, **kwargs)

    module.call = counting
    try:
        work()
    finally:
        module.call = original
    return calls
