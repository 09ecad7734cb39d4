"""`claimdesk export` and `claimdesk queue` against a large PostgreSQL queue.

The claims are made by bench.fixtures (set-based SQL); each command is a fresh process
timed from outside, its peak RSS from ``wait4``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from bench.measure import BIN, median, run_child

CLAIMDESK = str(BIN / "claimdesk")


def export_at_scale(folder: Path, postgres: str, claims: int, repeats: int) -> dict[str, Any]:
    from bench.fixtures import queue_of
    from bench.leases import scratch_postgres

    with scratch_postgres(postgres) as url:
        queue_of(url, claims)
        env = {"CLAIMDESK_DATABASE_URL": url}
        exports = []
        listings = []
        for n in range(repeats):
            target = folder / f"export-{n}.csv"
            exports.append(run_child([CLAIMDESK, "export", str(target)], env))
            listings.append(run_child([CLAIMDESK, "queue"], env))
        with target.open(encoding="utf-8", newline="") as handle:
            rows = sum(1 for _ in csv.reader(handle)) - 1
    if rows != claims:
        raise AssertionError(f"the export wrote {rows} rows, not {claims}")
    return {
        "export_claims": claims,
        "export_s": median([t.wall for t in exports]),
        "export_rss_mb": median([t.peak_rss_mb for t in exports]),
        "queue_listing_s": median([t.wall for t in listings]),
        "queue_listing_rss_mb": median([t.peak_rss_mb for t in listings]),
    }
