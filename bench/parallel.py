"""Two extraction processes on one PostgreSQL database against the bare models in two.

Each process takes half of the corpus. Ours: `extract` of its half into one shared,
fresh database. Reference: spaCy over the half's paragraphs with the encoder beside it on
the half's sentences, as in bench.throughput. Processes load their models, wait at a
barrier, and the wall time runs from the barrier to the last one done.
"""

from __future__ import annotations

import multiprocessing
import time
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

from bench.corpus import Corpus
from bench.measure import median


def _worker(kind: str, path: str, url: str, sentences: list[str], start: Barrier, out: Any) -> None:
    from dataclasses import replace

    from bench.pipeline import bare_pipeline, extract, load_models, settings_for
    from bench.throughput import bare_models
    from claims.corpus import read_corpus
    from claims.segment import paragraphs

    settings = settings_for(url)
    if kind == "bare":  # spaCy in this process, as bare_models runs it
        settings = replace(settings, parse_process=False)
    engine = load_models(settings)
    texts: list[str] = []
    if kind == "bare":
        documents = read_corpus(Path(path).read_text(encoding="utf-8"), path)
        texts = [p for d in documents for _, p in paragraphs(d.text)]
    start.wait()
    began = time.perf_counter()
    if kind == "bare":
        bare_models(bare_pipeline(settings), engine, texts, sentences)
    else:
        extract([Path(path)], settings)
    out.put(time.perf_counter() - began)


def _together(kind: str, halves: list[tuple[Path, list[str]]], url: str) -> float:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(halves) + 1)
    out = context.Queue()
    workers = [
        context.Process(target=_worker, args=(kind, str(path), url, sentences, start, out))
        for path, sentences in halves
    ]
    for worker in workers:
        worker.start()
    start.wait(timeout=300)
    began = time.perf_counter()
    for _ in workers:
        out.get(timeout=7200)
    seconds = time.perf_counter() - began
    for worker in workers:
        worker.join(timeout=60)
        if worker.exitcode != 0:
            raise RuntimeError(f"a {kind} process failed (exit code {worker.exitcode})")
    return seconds


def _sentences_of(url: str, locations: set[str]) -> list[str]:
    from sqlalchemy import select

    from db.models import AppearanceRow, DocumentRow
    from db.session import unit_of_work

    with unit_of_work(url) as session:
        rows = session.execute(
            select(DocumentRow.location, DocumentRow.text, AppearanceRow.start, AppearanceRow.end)
            .join(AppearanceRow.document)
            .order_by(DocumentRow.id, AppearanceRow.sentence_index)
        )
        return [text[a:b] for location, text, a, b in rows if location in locations]


def two_processes(folder: Path, corpus: Corpus, postgres: str, repeats: int) -> dict[str, Any]:
    from bench.leases import scratch_postgres

    paths = [half.write(folder / f"half-{n}.csv") for n, half in enumerate(corpus.halves())]
    ours: list[float] = []
    bare: list[float] = []
    sentences: list[list[str]] = []
    for _ in range(repeats):
        with scratch_postgres(postgres) as url:
            ours.append(_together("extract", [(p, []) for p in paths], url))
            if not sentences:
                sentences = [
                    _sentences_of(url, {_location(row) for row in half.rows})
                    for half in corpus.halves()
                ]
        bare.append(_together("bare", list(zip(paths, sentences, strict=True)), ""))
    return {
        "two_process_s": median(ours),
        "two_process_bare_models_s": median(bare),
        "two_process_ratio": median([a / b for a, b in zip(ours, bare, strict=True)]),
        "two_process_words_per_s": corpus.words / median(ours),
    }


def _location(row: dict[str, str]) -> str:
    return row["url"]
