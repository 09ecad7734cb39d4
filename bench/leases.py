"""Leases per second with N processes taking claims from one PostgreSQL queue.

Every process loops ``lease_next`` (one transaction per lease) until the queue is
empty; the figure is all leases over the wall time from a common start. The run also
checks the point of the design: no claim is handed out twice.

    python -m bench.leases [--processes 8] [--claims 2000]
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


def lease_in_processes(url: str, processes: int) -> LeaseRun:
    """Lease the whole queue with ``processes`` processes starting together."""
    context = multiprocessing.get_context("spawn")  # no connection inherited by a fork
    start = context.Barrier(processes + 1)
    results = context.Queue()
    workers = [
        context.Process(target=_worker, args=(url, f"reviewer-{n}", start, results))
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
    args = parser.parse_args()
    run = measure(args.processes, args.claims)
    print(
        f"leases: {run.total} distinct of {args.claims} with {args.processes} processes on "
        f"PostgreSQL in {run.seconds:.2f} s = {run.per_second:,.0f} leases/s"
    )


if __name__ == "__main__":
    main()
