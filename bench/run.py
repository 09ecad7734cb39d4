"""`make bench`: throughput ratios measured in one run on this machine.

- end-to-end extraction (read → spaCy → structure → score → store in SQLite) against bare
  spaCy ``nlp.pipe`` over the same paragraphs;
- ``claimdesk score`` over 1,000 sentences against bare ``nlp.pipe`` over the same sentences;
- leases per second from the PostgreSQL review queue with several processes;
- start-up of ``claimdesk --help`` and ``claimdesk queue`` (``bench/startup.py``).

Ratios are of wall time, as a user waits for the command; CPU time (all threads) is
printed beside it. The sentence encoder runs on a second thread beside spaCy, so on a
machine with one free core the CPU ratio is the one to expect.

The corpus is ../shared/data/wikinews when present, else seeds/ repeated.
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
from pathlib import Path

from claims.reading import read_text
from claims.segment import paragraphs

PROJECT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMDESK_SHARED", PROJECT.parent / "shared"))


def corpus(limit: int = 120) -> tuple[list[tuple[str, str]], str]:
    """(location, text) pairs and a description of where they came from."""
    wikinews = SHARED / "data" / "wikinews" / "wikinews_2019.csv"
    if wikinews.exists():
        csv.field_size_limit(sys.maxsize)
        with wikinews.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))[:limit]
        return [(r["url"], r["text"]) for r in rows], f"{len(rows)} Wikinews articles"
    seed = next((PROJECT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    return [(f"seed-{i}.txt", seed) for i in range(20)], "the seed article x20"


def timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def cpu_timed(work: object) -> tuple[float, float]:
    """Wall seconds and CPU seconds of this process (all its threads)."""
    cpu = time.process_time()
    wall = timed(work)
    return wall, time.process_time() - cpu


def main() -> None:
    from flows.settings import Settings
    from flows.store import extract_and_store, extractor

    docs, described = corpus()
    documents = [read_text(text, location) for location, text in docs]
    settings = Settings(database_url="sqlite://")
    engine = extractor(settings.model, settings.threshold, settings.batch_size)
    nlp = engine.nlp
    paras = [p for d in documents for _, p in paragraphs(d.text)]
    words = sum(len(p.split()) for p in paras)
    list(nlp.pipe(paras[:50]))  # warm up

    bare, bare_cpu = cpu_timed(lambda: list(nlp.pipe(paras, batch_size=settings.batch_size)))
    with tempfile.TemporaryDirectory() as folder:
        from db.migrate import upgrade

        url = f"sqlite:///{folder}/bench.db"
        upgrade(url)
        run_settings = Settings(database_url=url)
        end_to_end, end_to_end_cpu = cpu_timed(
            lambda: extract_and_store.fn(documents, run_settings)
        )
    print(f"corpus: {described}, {len(paras)} paragraphs, {words} words")
    print(f"bare nlp.pipe:              {bare:7.2f} s   {bare_cpu:6.2f} s CPU")
    print(f"claimdesk end-to-end:       {end_to_end:7.2f} s   {end_to_end_cpu:6.2f} s CPU")
    ratio, ratio_cpu = end_to_end / bare, end_to_end_cpu / bare_cpu
    print(f"  ratio end-to-end / bare:  {ratio:7.2f}x  {ratio_cpu:6.2f}x CPU")
    print(f"  ({words / end_to_end:,.0f} words/s end to end, {words / bare:,.0f} bare)")

    sentences = [p.sentence.text for _, ps in _parsed(nlp, documents) for p in ps][:1000]
    pipe, pipe_cpu = cpu_timed(lambda: list(nlp.pipe(sentences, batch_size=settings.batch_size)))
    scored, scored_cpu = cpu_timed(lambda: list(engine.score_lines(sentences)))
    print(f"score: {len(sentences)} sentences (wall time; CPU time of all threads after it)")
    print(f"bare nlp.pipe:              {pipe:7.2f} s   {pipe_cpu:6.2f} s CPU")
    print(f"claimdesk score:            {scored:7.2f} s   {scored_cpu:6.2f} s CPU")
    print(f"  ratio score / bare:       {scored / pipe:7.2f}x  {scored_cpu / pipe_cpu:6.2f}x CPU")

    _leases()

    from bench.startup import main as startup_bench

    startup_bench()


def _parsed(nlp: object, documents: list[object]) -> list[tuple[object, list[object]]]:
    from claims.segment import parse_documents

    return list(parse_documents(nlp, documents))  # type: ignore[arg-type]


def _leases() -> None:
    try:
        from bench.leases import main as lease_bench
    except ImportError:
        return
    lease_bench()


if __name__ == "__main__":
    main()
