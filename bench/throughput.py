"""Throughput in one process, measurements interleaved: bare models against `extract`.

Run as a child of ``bench.run`` (``python -m bench.throughput CORPUS.csv``); prints one
JSON object. Per repeat, in this order: bare spaCy ``nlp.pipe`` over the corpus'
paragraphs; end-to-end extraction into a fresh SQLite database; spaCy and the sentence
encoder run bare side by side (the encoder on its reader threads, as the pipeline runs it);
end-to-end extraction into a fresh PostgreSQL database; then ``score`` against bare
``nlp.pipe`` over the same sentences. Model loading is outside every timing.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from spacy.language import Language

from bench.measure import Timing, timed
from bench.pipeline import bare_pipeline, count_tasks, extract, load_models, settings_for
from claims.corpus import read_corpus
from claims.encoder import READERS
from claims.extract import Extractor
from claims.segment import paragraphs
from db.migrate import upgrade
from flows.settings import Settings, parses_apart

SCORE_SENTENCES = 1000


def bare_spacy(nlp: Language, engine: Extractor, texts: list[str]) -> Timing:
    def work() -> None:
        for _ in nlp.pipe(texts, batch_size=engine.batch_size):
            pass

    return timed(work)


def bare_models(nlp: Language, engine: Extractor, texts: list[str], sentences: list[str]) -> Timing:
    """spaCy over the paragraphs while the encoder reads the sentences beside it, on as many
    reader threads as the pipeline gives it (claims.encoder.READERS)."""
    encoder = engine.encoder
    size = engine.batch_size

    def work() -> None:
        with ThreadPoolExecutor(max_workers=READERS) as pool:
            reads: list[Future[Any]] = []
            if encoder is not None:
                reads = [
                    pool.submit(encoder.log_odds, sentences[i : i + size])
                    for i in range(0, len(sentences), size)
                ]
            for _ in nlp.pipe(texts, batch_size=size):
                pass
            for read in reads:
                read.result()

    return timed(work)


def end_to_end(corpus: Path, url: str) -> Timing:
    upgrade(url)
    settings = settings_for(url)
    before = _parse_process_cpu(settings)
    timing = timed(lambda: extract([corpus], settings))
    return replace(timing, cpu=timing.cpu + _parse_process_cpu(settings) - before)


def _parse_process_cpu(settings: Settings) -> float:
    """CPU seconds the spaCy process of ``settings`` has used so far (0 without one): its
    work is the pipeline's, but not in this process's CPU time."""
    if not parses_apart(settings):
        return 0.0
    from claims.parse_process import started

    stat = Path(f"/proc/{started(settings.model).pid}/stat").read_text(encoding="ascii")
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _score(engine: Extractor, lines: list[str]) -> None:
    for _ in engine.score_lines(lines):
        pass


def stored_sentences(url: str) -> list[str]:
    """Every sentence the pipeline found, in order, from the appearances it stored."""
    from sqlalchemy import select

    from db.models import AppearanceRow, DocumentRow
    from db.session import unit_of_work

    with unit_of_work(url) as session:
        rows = session.execute(
            select(DocumentRow.text, AppearanceRow.start, AppearanceRow.end)
            .join(AppearanceRow.document)
            .order_by(DocumentRow.id, AppearanceRow.sentence_index)
        )
        return [text[start:end] for text, start, end in rows]


def measure(corpus: Path, repeats: int, postgres: str | None) -> dict[str, Any]:
    from bench.leases import scratch_postgres

    settings = settings_for("sqlite://")
    engine = load_models(settings)
    nlp = bare_pipeline(settings)
    scoring = load_models(replace(settings, parse_process=False))  # as `claimdesk score` has it
    documents = read_corpus(corpus.read_text(encoding="utf-8"), str(corpus))
    texts = [p for d in documents for _, p in paragraphs(d.text)]
    words = sum(len(t.split()) for t in texts)
    for _ in nlp.pipe(texts[:50]):  # warm up
        pass
    runs: dict[str, list[Timing]] = {}
    sentences: list[str] = []
    tasks = 0
    for repeat in range(repeats):
        runs.setdefault("bare_spacy", []).append(bare_spacy(nlp, engine, texts))
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/bench.db"
            if repeat == 0:
                upgrade(url)
                tasks = count_tasks(partial(extract, [corpus], settings_for(url)))
                sentences = stored_sentences(url)
                url = f"sqlite:///{folder}/bench2.db"
            runs.setdefault("e2e_sqlite", []).append(end_to_end(corpus, url))
        runs.setdefault("bare_models", []).append(bare_models(nlp, engine, texts, sentences))
        if postgres:
            with scratch_postgres(postgres) as url:
                runs.setdefault("e2e_postgres", []).append(end_to_end(corpus, url))
        lines = sentences[:SCORE_SENTENCES]
        runs.setdefault("score_bare", []).append(bare_spacy(nlp, engine, lines))
        runs.setdefault("score", []).append(timed(partial(_score, scoring, lines)))
    return {
        "parse_process": parses_apart(settings),  # spaCy in a process of its own (auto: load)
        "documents": len(documents),
        "paragraphs": len(texts),
        "sentences": len(sentences),
        "score_sentences": min(len(sentences), SCORE_SENTENCES),
        "words": words,
        "tasks": tasks,
        "runs": {name: [[t.wall, t.cpu] for t in timings] for name, timings in runs.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--postgres", default=None)
    args = parser.parse_args()
    print(json.dumps(measure(args.corpus, args.repeats, args.postgres)))


if __name__ == "__main__":
    main()
