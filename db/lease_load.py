"""A synthetic review queue and leasing it from several processes at once.

``make bench`` measures leases per second with it (``bench/leases.py``), and the queue
tests check with it that no claim is handed out twice (``tests/integration/test_queue.py``).
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass
from datetime import date
from multiprocessing.synchronize import Barrier
from typing import Any

from sqlalchemy import select

from claims.model import Assessment, Claim, Document, Sentence
from db import queue, repository
from db.session import get_engine, unit_of_work


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
    """Lease claims, each committed, until none is left; their ids."""
    taken: list[int] = []
    while True:
        lease = queue.take_next(url, reviewer, minutes)
        if lease is None:
            return taken
        taken.append(lease.claim_id)


def _worker(url: str, reviewer: str, start: Barrier, results: Any) -> None:
    get_engine(url).connect().close()  # connect before the clock starts
    start.wait()
    results.put(lease_until_empty(url, reviewer))


def lease_timed(url: str, reviewer: str, count: int, minutes: int = 30) -> list[tuple[int, float]]:
    """Take ``count`` leases, each committed: (claim id, milliseconds) of each."""
    taken: list[tuple[int, float]] = []
    for _ in range(count):
        start = time.perf_counter()
        lease = queue.take_next(url, reviewer, minutes)  # as `claimdesk next` and the desk
        if lease is None:
            break
        taken.append((lease.claim_id, (time.perf_counter() - start) * 1000))
    return taken


def timed_worker(url: str, reviewer: str, count: int, start: Barrier, results: Any) -> None:
    with unit_of_work(url) as session:  # connect and warm the pool before the clock starts
        session.execute(select(1))
    start.wait()
    results.put(lease_timed(url, reviewer, count))


def lease_in_processes(url: str, processes: int) -> LeaseRun:
    """Lease the whole queue with ``processes`` processes starting together."""
    run: LeaseRun = in_processes(url, processes, _worker, ())
    return run


def in_processes(url: str, processes: int, target: Any, extra: tuple[Any, ...]) -> Any:
    """Run ``target(url, reviewer, *extra, start, results)`` in ``processes`` processes
    started together; what each put in ``results``, and the seconds from the start."""
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
