"""Leases from one PostgreSQL queue with N processes: throughput and latency.

``measure``: every process loops ``lease_next`` (one transaction per lease) until the
queue is empty; the figure is all leases over the wall time from a common start.
``latency``: a large queue (a million claims, made by bench.fixtures) and N processes
each taking a fixed number of leases; p50 and p99 of one lease, commit included. Both
check the point of the design: no claim is handed out twice. ``--bare`` times the same
queue, alternately, with the reference: the same lease statement and values sent by a
plain psycopg connection (autocommit, prepared), which is what PostgreSQL and these
cores cost without anything of ours around the statement.

    python -m bench.leases [--processes 8] [--claims 2000] [--queue 1000000 --leases 250]
                           [--bare --rounds 3]
"""

from __future__ import annotations

import argparse
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

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
    processes: int = 8,
    queued: int = 1_000_000,
    leases: int = 250,
    admin_url: str = POSTGRES_URL,
    rounds: int = 1,
) -> list[LatencyRun]:
    """Lease latency with ``queued`` claims in the queue, ``rounds`` runs one after another
    on the same queue (a p99 of one run is its 1% slowest leases, which a busy moment of
    the machine moves a lot); raises if a claim went out twice."""
    from bench.fixtures import queue_of

    runs = []
    with scratch_postgres(admin_url) as url:
        queue_of(url, queued)
        for _ in range(rounds):
            done = in_processes(url, processes, timed_worker, (leases,))
            runs.append(LatencyRun(done.leases, done.seconds))
    ids = [claim_id for run in runs for taken in run.leases for claim_id, _ in taken]
    if len(set(ids)) != len(ids):
        raise AssertionError(f"{len(ids)} leases of only {len(set(ids))} distinct claims")
    return runs


def against_bare(
    processes: int = 8,
    queued: int = 1_000_000,
    leases: int = 250,
    rounds: int = 3,
    admin_url: str = POSTGRES_URL,
) -> list[tuple[LatencyRun, LatencyRun]]:
    """Ours and the bare reference, alternately on one large queue: (ours, bare) a round."""
    from bench.fixtures import queue_of

    found = []
    with scratch_postgres(admin_url) as url:
        queue_of(url, queued)
        for n in range(rounds):
            runs = {}
            for worker in (timed_worker, bare_worker)[:: 1 if n % 2 == 0 else -1]:
                done = in_processes(url, processes, worker, (leases,))
                runs[worker] = LatencyRun(done.leases, done.seconds)
            found.append((runs[timed_worker], runs[bare_worker]))
    every = [run for pair in found for run in pair]
    ids = [claim_id for run in every for taken in run.leases for claim_id, _ in taken]
    if len(set(ids)) != len(ids):
        raise AssertionError(f"{len(ids)} leases of only {len(set(ids))} distinct claims")
    return found


def bare_worker(url: str, reviewer: str, count: int, start: Any, results: Any) -> None:
    """The lease statement from a plain psycopg connection: no pool, no SQLAlchemy."""
    import psycopg
    from sqlalchemy.engine import make_url

    from db.lease_postgres import _DRIVER_LEASE, _values
    from db.queue import _lease_states
    from db.repository import now

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute("SELECT 1")
        start.wait()
        taken: list[tuple[int, float]] = []
        for _ in range(count):
            began = time.perf_counter()
            expires = now() + timedelta(minutes=30)
            before, after = _lease_states(reviewer, expires)
            values = _values(reviewer, expires, before, after)
            row = connection.execute(_DRIVER_LEASE, values, prepare=True).fetchone()
            if row is None:
                break
            taken.append((row[0], (time.perf_counter() - began) * 1000))
    results.put(taken)


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
    parser.add_argument("--bare", action="store_true", help="alternate with the bare reference")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of --bare")
    args = parser.parse_args()
    if args.bare:
        queued = args.queue or 1_000_000
        pairs = against_bare(args.processes, queued, args.leases, args.rounds)
        for n, (ours, bare) in enumerate(pairs, 1):
            print(
                f"round {n}, {queued:,} queued, {args.processes} processes: ours p50 "
                f"{ours.percentile(0.5):.1f} p99 {ours.percentile(0.99):.1f} ms "
                f"({ours.total / ours.seconds:,.0f}/s); bare psycopg p50 "
                f"{bare.percentile(0.5):.1f} p99 {bare.percentile(0.99):.1f} ms "
                f"({bare.total / bare.seconds:,.0f}/s)"
            )
        return
    if args.queue:
        [timed] = latency(args.processes, args.queue, args.leases)
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
