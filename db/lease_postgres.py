"""The lease on PostgreSQL: one statement, one round trip, its audit event included.

The statement finds the candidate at the head of an index of the queue order (the
partial ``ix_review_items_queued_order`` or ``ix_review_items_queue_order``, whichever
the planner takes; the literal ``'queued'`` lets even a generic plan use the partial
one), skips the rows other leases hold (``SKIP LOCKED``), leases it, reads the claim's
last event hash and appends the ``leased`` event, hashed in SQL over the text
``db.audit.event_hash`` hashes (``hashed_text_around``). The previous hash is read in the
statement's snapshot, which is safe: every writer of a claim's events holds its review
item's lock, and a row changed by another transaction after that snapshot is leased only
if it is still ``'queued'``, which no change that appends an event leaves it.

``take_next``'s lease, a transaction of its own, commits without waiting for the WAL
flush (``synchronous_commit`` off for that transaction only): a lease is a reservation
that expires anyway. Should the server crash within a fraction of a second of the
commit, the lease and its event are lost together (the log's chain stays whole) and the
claim is queued again. A lease inside a caller's transaction (``lease_next``), verdicts,
imports and every other change keep durable commits. A durable commit waits for an
fsync: 0.3-8 ms on these machines' disks, as long as the whole lease's budget.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from db.audit import hashed_text_around
from db.repository import now

_LEASE = """
    WITH candidate AS (
        SELECT id FROM review_items
        WHERE status = 'queued'
        ORDER BY priority DESC, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
    ), leased AS (
        UPDATE review_items AS item
        SET status = 'leased', leased_by = :holder, lease_expires_at = :until
        FROM candidate
        WHERE item.id = candidate.id
        RETURNING item.claim_id
    ), previous AS (
        SELECT leased.claim_id,
               coalesce((SELECT e.hash FROM review_events AS e
                         WHERE e.claim_id = leased.claim_id
                         ORDER BY e.id DESC LIMIT 1), '') AS hash
        FROM leased
    ), event AS (
        INSERT INTO review_events (claim_id, kind, actor, at, before, after, hash)
        SELECT claim_id, 'leased', :holder, :at, CAST(:before AS json), CAST(:after AS json),
               encode(sha256(convert_to(
                   :head || claim_id::text || :middle || hash || '"}', 'UTF8')), 'hex')
        FROM previous
        RETURNING claim_id
    )
    """
_DURABLE = text(_LEASE + "SELECT claim_id FROM event")
# set_config(..., true) lasts until this transaction ends: its commit, and nothing after.
_RELAXED = text(
    _LEASE + "SELECT claim_id, set_config('synchronous_commit', 'off', true) FROM event"
)


def lease(
    executor: Session | Connection,
    reviewer: str,
    expires: datetime,
    before: dict[str, Any],
    after: dict[str, Any],
    durable: bool = True,
) -> int | None:
    """Lease the top queued claim to ``reviewer`` until ``expires``; its id, or None.

    ``durable=False``: the transaction's commit does not wait for the WAL flush.
    """
    at = now()  # when the event is recorded, as db.repository.record_event dates events
    head, middle = hashed_text_around("leased", reviewer, at, before, after)
    values = {
        "holder": reviewer,
        "until": expires,
        "at": at,
        "before": json.dumps(before),
        "after": json.dumps(after),
        "head": head,
        "middle": middle,
    }
    statement = _DURABLE if durable else _RELAXED
    claim_id: int | None = executor.execute(statement, values).scalar()
    return claim_id
