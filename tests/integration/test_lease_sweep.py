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
