"""Expired leases are swept back into the queue at most once a second per process."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db import queue
from db.repository import now
from db.session import unit_of_work
from tests.integration.test_streaming import _seed


def _lease(url: str, at: object = None) -> int:
    with unit_of_work(url) as session:
        lease = queue.lease_next(session, "alice", 30, at=at)  # type: ignore[arg-type]
        session.commit()
    assert lease is not None
    return lease.claim_id


def test_a_lease_on_the_clock_sweeps_at_most_every_sweep_seconds(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(migrated_url)
    monkeypatch.setattr(queue, "_swept", {})
    top = _lease(migrated_url, at=now() - timedelta(hours=1))  # a lease that ran out
    monkeypatch.setattr(queue, "SWEEP_SECONDS", 3600.0)
    first = _lease(migrated_url)  # the first lease on the clock sweeps: the top is back
    assert first == top
    top = _lease(migrated_url, at=now() - timedelta(hours=1))  # sweeps nothing, leases 2nd
    assert top != first
    assert _lease(migrated_url) not in (first, top)  # swept a moment ago: no sweep now
    monkeypatch.setattr(queue, "SWEEP_SECONDS", 0.0)
    assert _lease(migrated_url) == top  # due again: the expired lease comes back


def test_one_lease_sweeps_hundreds_of_expired_leases_in_a_few_statements(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reviewers who went home leave their leases to run out together: the lease that
    finds them is a few statements, not two for each expired lease."""
    from sqlalchemy import event, func, select

    from db.audit import verify
    from db.lease_load import seed_queue
    from db.models import ReviewEventRow, ReviewItemRow
    from db.session import get_engine

    seed_queue(migrated_url, 300)
    long_ago = now() - timedelta(hours=2)
    with unit_of_work(migrated_url) as session:
        held = [queue.lease_next(session, "carol", 30, at=long_ago) for _ in range(300)]
        session.commit()
    assert all(held)
    monkeypatch.setattr(queue, "_swept", {})  # the next lease on the clock sweeps
    sent: list[str] = []

    def count(*_args: object) -> None:
        sent.append("statement")

    engine = get_engine(migrated_url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        lease = queue.take_next(migrated_url, "dave", 30)
    finally:
        event.remove(engine, "before_cursor_execute", count)

    assert lease is not None and lease.claim_id == held[0].claim_id  # type: ignore[union-attr]
    assert len(sent) <= 10
    with unit_of_work(migrated_url) as session:
        expired = session.scalar(select(func.count()).where(ReviewEventRow.kind == "expired"))
        statuses = dict(
            session.execute(
                select(ReviewItemRow.status, func.count()).group_by(ReviewItemRow.status)
            ).all()
        )
        report = verify(session)
    assert expired == 300
    assert statuses == {"queued": 299, "leased": 1}
    assert report.discrepancies == []
