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
import multiprocessing
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from multiprocessing.synchronize import Barrier
from typing import Any

from sqlalchemy import select

from claims.model import Assessment, Claim, Document, Sentence
from db import queue, repository
from db.migrate import upgrade
from db.session import get_engine, unit_of_work

POSTGRES_URL = os.environ.get(
    "CLAIMDESK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@dataclass(frozen=True)
class LeaseRun:
    """What a concurrent leasing run handed out, and how fast."""

    leases: list[list[int]]  # the claim ids each worker leased, in order
    seconds: float

    @property
    def total(self) -> int:
        return sum(len(ids) for ids in self.leases)

    @property
    def distinct(self) -> int:
        return len({claim_id for ids in self.leases for claim_id in ids})

    @property
    def per_second(self) -> float:
        return self.total / self.seconds if self.seconds else 0.0


def seed_queue(url: str, claims: int, per_document: int = 250) -> None:
    """Queue ``claims`` distinct checkworthy claims with varied priorities."""
    for first in range(0, claims, per_document):
        numbers = range(first, min(first + per_document, claims))
        text = f"Benchmark document {first}."
        document = Document(text, f"/bench/{first}.txt", "Bench", date(2019, 5, 22), "none", text)
        batch = [_claim(i) for i in numbers]
        with unit_of_work(url) as session:
            row = repository.add_document(session, document, len(batch))
            repository.store_claims(session, row, batch)
            session.commit()


def _claim(i: int) -> Claim:
    text = f"Claim {i}: the ministry reported {i} new cases in district {i}."
    score = 0.5 + (i * 37 % 50) / 100
    return Claim(Sentence(text, 0, len(text), 0, i), Assessment(score, True, "quantity", ("b",)))


def lease_until_empty(url: str, reviewer: str, minutes: int = 30) -> list[int]:
    """Lease claims one transaction at a time until none is left; their ids."""
    taken: list[int] = []
    while True:
        with unit_of_work(url) as session:
            lease = queue.lease_next(session, reviewer, minutes)
            session.commit()
        if lease is None:
            return taken
        taken.append(lease.claim_id)


def _worker(url: str, reviewer: str, start: Barrier, results: Any) -> None:
    get_engine(url).connect().close()  # connect before the clock starts
    start.wait()
    results.put(lease_until_empty(url, reviewer))


def lease_timed(url: str, reviewer: str, count: int, minutes: int = 30) -> list[tuple[int, float]]:
    """Take ``count`` leases, one transaction each: (claim id, milliseconds) of each."""
    taken: list[tuple[int, float]] = []
    for _ in range(count):
        start = time.perf_counter()
        with unit_of_work(url) as session:
            lease = queue.lease_next(session, reviewer, minutes)
            session.commit()
        if lease is None:
            break
        taken.append((lease.claim_id, (time.perf_counter() - start) * 1000))
    return taken


def _timed_worker(url: str, reviewer: str, count: int, start: Barrier, results: Any) -> None:
    with unit_of_work(url) as session:  # connect and warm the pool before the clock starts
        session.execute(select(1))
    start.wait()
    results.put(lease_timed(url, reviewer, count))


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
        done = _in_processes(url, processes, _timed_worker, (leases,))
    run = LatencyRun(done.leases, done.seconds)
    if run.distinct != run.total:
        raise AssertionError(f"{run.total} leases of only {run.distinct} distinct claims")
    return run


def lease_in_processes(url: str, processes: int) -> LeaseRun:
    """Lease the whole queue with ``processes`` processes starting together."""
    run: LeaseRun = _in_processes(url, processes, _worker, ())
    return run


def _in_processes(url: str, processes: int, target: Any, extra: tuple[Any, ...]) -> Any:
    context = multiprocessing.get_context("spawn")  # no connection inherited by a fork
    start = context.Barrier(processes + 1)
    results = context.Queue()
    workers = [
        context.Process(target=target, args=(url, f"reviewer-{n}", *extra, start, results))
        for n in range(processes)
    ]
    for worker in workers:
        worker.start()
    start.wait(timeout=120)
    began = time.perf_counter()
    leases = [results.get(timeout=600) for _ in workers]
    seconds = time.perf_counter() - began
    for worker in workers:
        worker.join(timeout=60)
        if worker.exitcode != 0:
            raise RuntimeError(f"a leasing process failed (exit code {worker.exitcode})")
    return LeaseRun(leases, seconds)


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
