"""The benchmark's large queue (bench.fixtures): a real queue, with the schema left whole."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from db import audit, queue, repository
from db.session import get_engine, unit_of_work

# Names and what they cover (a partial index's predicate may come back worded otherwise).
_SCHEMA = """
    SELECT 'index ' || indexname || ' ' || split_part(indexdef, ' WHERE ', 1) FROM pg_indexes
    WHERE schemaname = current_schema()
    UNION ALL
    SELECT 'constraint ' || conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint
    WHERE connamespace = current_schema()::regnamespace
"""


def schema(url: str) -> set[str]:
    with get_engine(url).connect() as connection:
        return set(connection.execute(text(_SCHEMA)).scalars())


def test_the_bench_queue_is_one_the_audit_accepts_on_the_schema_it_found(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not migrated_url.startswith("postgresql"):
        pytest.skip("the large-queue fixture is PostgreSQL SQL (generate_series)")
    from bench.fixtures import queue_of

    before = schema(migrated_url)
    queue_of(migrated_url, 250)
    assert schema(migrated_url) == before  # every index and constraint made again

    monkeypatch.setattr(queue, "_swept", {})
    first = queue.take_next(migrated_url, "alice", 30)
    with unit_of_work(migrated_url) as session:
        counts = repository.counts(session)
        report = audit.verify(session)
        top = session.execute(text("SELECT max(priority) FROM review_items")).scalar()
        leased = session.execute(
            text("SELECT priority FROM review_items WHERE claim_id = :id"),
            {"id": first.claim_id if first else 0},
        ).scalar()
    assert report.discrepancies == []
    assert (report.events, report.items) == (251, 250)
    assert first is not None and leased == top
    assert counts["claims"] == 250


def test_ours_and_the_bare_reference_lease_one_queue_without_handing_a_claim_out_twice() -> None:
    from bench.leases import against_bare
    from tests.conftest import POSTGRES_URL

    [(ours, bare)] = against_bare(
        processes=2, queued=300, leases=20, rounds=1, admin_url=POSTGRES_URL
    )

    assert (ours.total, bare.total) == (40, 40)
    ids = [claim_id for run in (ours, bare) for taken in run.leases for claim_id, _ in taken]
    assert len(set(ids)) == 80
    assert 0 < bare.percentile(0.5) <= bare.percentile(0.99)
