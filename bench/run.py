"""`make bench`: every figure of the performance issue from one run, in bench/results.json.

    python -m bench.run [--quick] [--no-postgres] [--articles N] [--scaling 300,1000,3000]
                        [--repeats N] [--queue N] [--only command-line,throughput,...]

Ratios are ours ÷ the reference in wall time (lower is better), measured interleaved in
the same run; each is the median of the repeats (3; 1 with --quick). The pieces:
bench.throughput (bare models against end-to-end extraction on SQLite and PostgreSQL,
and ``score``), bench.parallel (two processes), bench.scale (corpus size: words/s and
peak RSS), bench.oneoff (one article; CLI start-up), bench.leases (lease latency with a
large queue), bench.export (export and queue listing of a large queue). The corpus is
../shared/data/wikinews (295 articles, repeated with a per-copy marker beyond that).

Extraction runs as `claimdesk extract` would: spaCy in a process of its own when a core
is free for it (claims.parse_process); CLAIMDESK_PARSE_PROCESS=1 or 0 fixes the choice
(`parse_process` in the results says which the throughput runs had).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench.corpus import corpus
from bench.measure import child_result, median, run_child

RESULTS = Path(__file__).parent / "results.json"
POSTGRES = os.environ.get(
    "CLAIMDESK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@dataclass(frozen=True)
class Sizes:
    """How big each measurement is: the issue's sizes, or small ones with --quick."""

    articles: int = 300
    scaling: tuple[int, ...] = (300, 1000, 3000)
    repeats: int = 3
    queue: int = 1_000_000
    leases: int = 250  # per process
    processes: int = 8
    export: int = 100_000


QUICK = Sizes(articles=10, scaling=(5, 15), repeats=1, queue=20_000, leases=25, export=5_000)


def ratio(
    runs: dict[str, list[list[float]]], ours: str, reference: str, cpu: bool = False
) -> float:
    column = 1 if cpu else 0
    pairs = zip(runs[ours], runs[reference], strict=True)
    return median([a[column] / b[column] for a, b in pairs])


def throughput(folder: Path, sizes: Sizes, postgres: str | None) -> dict[str, Any]:
    articles = corpus(sizes.articles)
    path = articles.write(folder / "corpus.csv")
    command = [sys.executable, "-m", "bench.throughput", str(path), "--repeats", str(sizes.repeats)]
    found = child_result(run_child(command + (["--postgres", postgres] if postgres else [])))
    runs = found["runs"]
    words = found["words"]
    wall = {name: median([r[0] for r in values]) for name, values in runs.items()}
    result: dict[str, Any] = {
        "corpus": articles.described,
        "corpus_words": words,
        "corpus_documents": found["documents"],
        "corpus_sentences": found["sentences"],
        "parse_process": found.get("parse_process"),
        "bare_spacy_words_per_s": words / wall["bare_spacy"],
        "bare_models_words_per_s": words / wall["bare_models"],
        "e2e_sqlite_words_per_s": words / wall["e2e_sqlite"],
        "e2e_sqlite_ratio": ratio(runs, "e2e_sqlite", "bare_spacy"),
        "e2e_sqlite_cpu_ratio": ratio(runs, "e2e_sqlite", "bare_spacy", cpu=True),
        "e2e_vs_models_ratio": ratio(runs, "e2e_sqlite", "bare_models"),
        "e2e_vs_models_cpu_ratio": ratio(runs, "e2e_sqlite", "bare_models", cpu=True),
        "score_sentences": found["score_sentences"],
        "score_ratio": ratio(runs, "score", "score_bare"),
        "score_cpu_ratio": ratio(runs, "score", "score_bare", cpu=True),
        "tasks_per_1000_docs": 1000 * found["tasks"] / found["documents"],
        "wall_seconds": wall,
    }
    if "e2e_postgres" in runs:
        result |= {
            "e2e_postgres_words_per_s": words / wall["e2e_postgres"],
            "e2e_postgres_ratio": ratio(runs, "e2e_postgres", "bare_spacy"),
            "e2e_postgres_vs_models_ratio": ratio(runs, "e2e_postgres", "bare_models"),
        }
    return result


def scaling(folder: Path, sizes: Sizes) -> dict[str, Any]:
    from bench.scale import at_sizes

    found = at_sizes(folder, list(sizes.scaling))
    small, large = found[str(sizes.scaling[0])], found[str(sizes.scaling[-1])]
    first, last = sizes.scaling[0], sizes.scaling[-1]
    return {
        "scaling": found,
        f"scaling_{last}_vs_{first}": small["words_per_s"] / large["words_per_s"],
        f"peak_rss_mb_{first}": small["peak_rss_mb"],
        f"peak_rss_mb_{last}": large["peak_rss_mb"],
        f"peak_rss_ratio_{last}_vs_{first}": large["peak_rss_mb"] / small["peak_rss_mb"],
    }


def leases(sizes: Sizes, postgres: str) -> dict[str, Any]:
    from bench.leases import latency
    from bench.measure import median

    runs = latency(sizes.processes, sizes.queue, sizes.leases, postgres, sizes.repeats)
    tag = "1m" if sizes.queue == 1_000_000 else f"{sizes.queue // 1000}k"
    return {
        "lease_queue": sizes.queue,
        "lease_processes": sizes.processes,
        "lease_count": sum(run.total for run in runs),
        f"lease_p50_ms_{tag}": median([run.percentile(0.5) for run in runs]),
        f"lease_p99_ms_{tag}": median([run.percentile(0.99) for run in runs]),
        f"lease_p99_ms_{tag}_runs": [run.percentile(0.99) for run in runs],
        "leases_per_s": median([run.total / run.seconds for run in runs if run.seconds]),
    }


def export(folder: Path, sizes: Sizes, postgres: str) -> dict[str, Any]:
    from bench.export import export_at_scale

    found = export_at_scale(folder, postgres, sizes.export, sizes.repeats)
    tag = f"{sizes.export // 1000}k"
    return {
        f"export_{tag}_s": found["export_s"],
        f"export_{tag}_rss_mb": found["export_rss_mb"],
        f"queue_{tag}_s": found["queue_listing_s"],
        f"queue_{tag}_rss_mb": found["queue_listing_rss_mb"],
    }


def command_line(folder: Path, sizes: Sizes) -> dict[str, Any]:
    from bench.oneoff import one_article, startup
    from flows.settings import Settings

    article = folder / "one.txt"
    article.write_text(corpus(1).rows[0]["text"], encoding="utf-8")
    model = Settings(database_url="sqlite://").model
    return one_article(folder, article, model, sizes.repeats) | startup(folder, sizes.repeats)


def two_processes(folder: Path, sizes: Sizes, postgres: str) -> dict[str, Any]:
    from bench.parallel import two_processes as measure

    return measure(folder, corpus(sizes.articles), postgres, sizes.repeats)


def desk(sizes: Sizes, postgres: str | None) -> dict[str, Any]:
    """The desk's queue page at ``sizes.export`` claims: the worst query's median ms."""
    from bench.desk import measure

    found = measure(sizes.export, 5 if sizes.repeats == 1 else 15, sqlite_only=postgres is None)
    results: dict[str, Any] = {"desk_queue_claims": sizes.export}
    for name, queries in found.items():
        results[f"desk_queue_ms_{name.lower()}"] = queries
        results[f"desk_queue_worst_ms_{name.lower()}"] = max(queries.values())
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat (< 3 min)")
    parser.add_argument("--no-postgres", action="store_true", help="skip what needs PostgreSQL")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--articles", type=int, help="corpus size of the throughput runs")
    parser.add_argument("--scaling", help="corpus sizes of the size runs, e.g. 300,1000,3000")
    parser.add_argument("--repeats", type=int, help="repeats of each interleaved measurement")
    parser.add_argument("--queue", type=int, help="queued claims of the lease run")
    parser.add_argument("--only", help="steps to run, e.g. leases,export (default: all)")
    args = parser.parse_args()
    sizes = QUICK if args.quick else Sizes()
    changed = {
        "articles": args.articles,
        "scaling": tuple(int(n) for n in args.scaling.split(",")) if args.scaling else None,
        "repeats": args.repeats,
        "queue": args.queue,
    }
    sizes = replace(sizes, **{k: v for k, v in changed.items() if v is not None})
    postgres = None if args.no_postgres else POSTGRES
    began = time.perf_counter()
    results: dict[str, Any] = {"mode": "quick" if args.quick else "full", "sizes": sizes.__dict__}
    results["load_average_at_start"] = os.getloadavg()[0]  # the machine is shared: say how busy
    with tempfile.TemporaryDirectory(prefix="claimdesk-bench-") as name:
        folder = Path(name)
        steps: list[tuple[str, Any]] = [
            ("command line", lambda: command_line(folder, sizes)),
            ("throughput", lambda: throughput(folder, sizes, postgres)),
            ("corpus size", lambda: scaling(folder, sizes)),
            ("desk", lambda: desk(sizes, postgres)),
        ]
        if postgres:
            steps += [
                ("two processes", lambda: two_processes(folder, sizes, postgres)),
                ("leases", lambda: leases(sizes, postgres)),
                ("export", lambda: export(folder, sizes, postgres)),
            ]
        wanted = set(args.only.split(",")) if args.only else None
        for label, step in steps:
            if wanted is not None and label.replace(" ", "-") not in wanted:
                continue
            print(f"… {label}", file=sys.stderr, flush=True)
            results |= step()
    results["bench_seconds"] = time.perf_counter() - began
    results["load_average_at_end"] = os.getloadavg()[0]
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    from bench.report import print_report

    print_report(results)
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
