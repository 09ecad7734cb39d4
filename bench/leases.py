"""Leases from one PostgreSQL queue with N processes: throughput and latency.

``measure``: every process loops ``lease_next`` (one transaction per lease) until the
queue is empty; the figure is all leases over the wall time from a common start.
``latency``: a large queue (a million claims, made by bench.fixtures) and N processes
each taking a fixed number of leases; p50 and p99 of one lease, commit included. Both
check the point of the design: no claim is handed out twice.

    python -m bench.leases [--processes 8] [--claims 2000] [--queue 1000000 --leases 250]
"""

from __future__ import annotations

import argparse
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from db.lease_load import (
    LeaseRun,
    in_processes,
    lease_in_processes,
    seed_queue,
    timed_worker,
)
from db.migrate import upgrade
from db.session import get_engine

POSTGRES_URL = os.environ.get(
    "CLAIMDESK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@dataclass(frozen=True)
class LatencyRun:
    """Per-lease latencies from several processes leasing at once."""

    leases: list[list[tuple[int, float]]]
    seconds: float

    @property
    def milliseconds(self) -> list[float]:
        return sorted(ms for taken in self.leases for _, ms in taken)

    def percentile(self, fraction: float) -> float:
        values = self.milliseconds
        return values[min(len(values) - 1, int(fraction * len(values)))] if values else 0.0

    @property
    def distinct(self) -> int:
        return len({claim_id for taken in self.leases for claim_id, _ in taken})

    @property
    def total(self) -> int:
        return sum(len(taken) for taken in self.leases)


def latency(
    processes: int = 8, queued: int = 1_000_000, leases: int = 250, admin_url: str = POSTGRES_URL
) -> LatencyRun:
    """Lease latency with ``queued`` claims in the queue; raises if a claim went out twice."""
    from bench.fixtures import queue_of

    with scratch_postgres(admin_url) as url:
        queue_of(url, queued)
        done = in_processes(url, processes, timed_worker, (leases,))
    run = LatencyRun(done.leases, done.seconds)
    if run.distinct != run.total:
        raise AssertionError(f"{run.total} leases of only {run.distinct} distinct claims")
    return run


@contextmanager
def scratch_postgres(admin_url: str = POSTGRES_URL) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"claimdesk_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        get_engine(url).dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def measure(processes: int = 8, claims: int = 2000, admin_url: str = POSTGRES_URL) -> LeaseRun:
    """Leases per second on PostgreSQL (``make bench``); raises if a claim went out twice."""
    with scratch_postgres(admin_url) as url:
        seed_queue(url, claims)
        run = lease_in_processes(url, processes)
    if run.total != claims or run.distinct != claims:
        raise AssertionError(f"{run.total} leases of {run.distinct} distinct claims, not {claims}")
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--queue", type=int, default=0, help="latency with this many queued")
    parser.add_argument("--leases", type=int, default=250, help="leases per process")
    args = parser.parse_args()
    if args.queue:
        timed = latency(args.processes, args.queue, args.leases)
        print(
            f"lease latency with {args.queue:,} queued, {args.processes} processes: "
            f"p50 {timed.percentile(0.5):.1f} ms, p99 {timed.percentile(0.99):.1f} ms "
            f"({timed.total} leases, {timed.distinct} distinct)"
        )
        return
    run = measure(args.processes, args.claims)
    print(
        f"leases: {run.total} distinct of {args.claims} with {args.processes} processes on "
        f"PostgreSQL in {run.seconds:.2f} s = {run.per_second:,.0f} leases/s"
    )


if __name__ == "__main__":
    main()
