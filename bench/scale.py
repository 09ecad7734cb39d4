"""Extraction at several corpus sizes: words per second and peak memory of the process.

Each size runs in a fresh process (``python -m bench.scale CORPUS.csv URL``) that loads
the models, then times `extract` of the corpus file into an empty SQLite database; its
peak RSS (the whole process, models included, plus that of its spaCy process when it has
one) is the peak resident memory each of them reports.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.corpus import corpus
from bench.measure import child_result, run_child


def at_sizes(folder: Path, sizes: list[int]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for size in sizes:
        articles = corpus(size)
        path = articles.write(folder / f"corpus-{size}.csv")
        url = f"sqlite:///{folder / f'scale-{size}.db'}"
        timing = run_child([sys.executable, "-m", "bench.scale", str(path), url])
        seconds = float(child_result(timing)["seconds"])
        found[str(size)] = {
            "articles": size,
            "words": articles.words,
            "seconds": seconds,
            "words_per_s": articles.words / seconds,
            # The extract process and, when spaCy parses in a process of its own, that one.
            "peak_rss_mb": child_result(timing).get("peak_rss_mb", timing.peak_rss_mb),
            "extract_process_peak_rss_mb": timing.peak_rss_mb,
        }
    return found


def main() -> None:
    from bench.measure import timed
    from bench.pipeline import extract, load_models, settings_for
    from db.migrate import upgrade
    from flows.settings import parses_apart

    path, url = Path(sys.argv[1]), sys.argv[2]
    upgrade(url)
    load_models(settings_for(url))
    settings = settings_for(url)
    timing = timed(lambda: extract([path], settings))
    peak = _peak_rss_mb("self")
    if parses_apart(settings):
        from claims.parse_process import started

        peak += _peak_rss_mb(str(started(settings.model).pid))
    print(json.dumps({"seconds": timing.wall, "cpu": timing.cpu, "peak_rss_mb": peak}))


def _peak_rss_mb(pid: str) -> float:
    """A running process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    main()
