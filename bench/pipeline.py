"""The one place the benchmark reaches into the pipeline: load its models, run `extract`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.language import Language

from claims.extract import Extractor
from claims.nlp import load_pipeline
from flows.settings import Settings, parses_apart


def settings_for(url: str) -> Settings:
    """The settings `claimdesk extract` would have (CLAIMDESK_* variables), on ``url``."""
    return Settings.from_env({**os.environ, "CLAIMDESK_DATABASE_URL": url})


def load_models(settings: Settings) -> Extractor:
    """The process's extractor, as `extract` itself gets it (loaded once, then cached)."""
    from flows.store import extractor

    return extractor(
        settings.model, settings.threshold, settings.batch_size, parses_apart(settings)
    )


def bare_pipeline(settings: Settings) -> Language:
    """The spaCy pipeline `extract` runs (in this process or its parse process), for the
    bare references."""
    return load_pipeline(settings.model)


def extract(inputs: list[Path], settings: Settings) -> Any:
    """`claimdesk extract INPUTS` without the CLI around it: read, extract, store, queue."""
    from flows.pipeline import extract_inputs

    return extract_inputs([str(p) for p in inputs], settings)


def count_tasks(work: Callable[[], object]) -> int:
    """How many Prefect task runs ``work`` would make under orchestration.

    Under a flow run each batch ``flows.store.store_batch`` hands to
    ``extract_and_store`` is one task run (flows.dispatch). ``work`` runs batch by batch,
    as under a flow run (not as one stream, as without one), and the calls are counted.
    """
    import flows.dispatch as dispatch
    import flows.store as store

    calls = 0
    original, streams = store.extract_and_store, dispatch.in_this_process

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    store.extract_and_store, dispatch.in_this_process = counting, lambda settings: False
    try:
        work()
    finally:
        store.extract_and_store, dispatch.in_this_process = original, streams
    return calls
