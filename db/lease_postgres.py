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

``take_next``'s lease (``take``: the statement alone in autocommit mode, prepared on the
server from its first use and sent through the driver) commits without waiting for the WAL
flush (``synchronous_commit`` off for that transaction only): a lease is a reservation
that expires anyway. Should the server crash within a fraction of a second of the
commit, the lease and its event are lost together (the log's chain stays whole) and the
claim is queued again. A lease inside a caller's transaction (``lease_next``), verdicts,
imports and every other change keep durable commits. A durable commit waits for an
fsync: 0.3-8 ms on these machines' disks, as long as the whole lease's budget.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from db.audit import hashed_text_around
from db.repository import now

_LEASE = """
    WITH candidate AS (
        SELECT id FROM review_items
        WHERE status = 'queued'{skipping}
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
_DURABLE = text(_LEASE.replace("{skipping}", "") + "SELECT claim_id FROM event")
# set_config(..., true) lasts until this transaction ends: its commit, and nothing after.
_RELAXED = text(
    _LEASE.replace("{skipping}", "")
    + "SELECT claim_id, set_config('synchronous_commit', 'off', true) FROM event"
)
# The desk's skip: the claims this reviewer passed over are not handed back to them.
_SKIPPING = text(
    _LEASE.replace("{skipping}", " AND claim_id <> ALL(CAST(:skip AS integer[]))")
    + "SELECT claim_id FROM event"
)


def lease(
    executor: Session | Connection,
    reviewer: str,
    expires: datetime,
    before: dict[str, Any],
    after: dict[str, Any],
    durable: bool = True,
    skip: Sequence[int] = (),
) -> int | None:
    """Lease the top queued claim to ``reviewer`` until ``expires``; its id, or None.

    ``durable=False``: the transaction's commit does not wait for the WAL flush.
    ``skip``: claims not to lease (durable).
    """
    values = _values(reviewer, expires, before, after)
    if skip:
        statement, values = _SKIPPING, values | {"skip": list(skip)}
    else:
        statement = _DURABLE if durable else _RELAXED
    claim_id: int | None = executor.execute(statement, values).scalar()
    return claim_id


# The relaxed lease in the driver's own placeholders, for ``take``.
_DRIVER_LEASE = re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", _RELAXED.text)


def take(
    engine: Engine, reviewer: str, expires: datetime, before: dict[str, Any], after: dict[str, Any]
) -> int | None:
    """``lease(…, durable=False)`` alone in autocommit mode, on a pooled connection.

    The statement goes to the driver as a prepared statement from its first use: a
    lease costs one round trip and about a third of the client CPU the same statement
    costs through SQLAlchemy's Connection (0.07 ms against 0.17 ms here), which 8
    leasing processes on 2 cores share with the server.
    """
    values = _values(reviewer, expires, before, after)
    errors = engine.dialect.loaded_dbapi.Error
    pooled = engine.raw_connection()  # the pool's events still run (db.session's ping)
    try:
        driver: Any = pooled.driver_connection
        driver.autocommit = True
        row = driver.execute(_DRIVER_LEASE, values, prepare=True).fetchone()
        driver.autocommit = False
    except BaseException as error:
        pooled.invalidate()  # never back into the pool in autocommit or mid-statement
        if isinstance(error, errors):  # as SQLAlchemy raises it (db.failures explains it)
            raise DBAPIError.instance(_DRIVER_LEASE, values, error, errors) from error
        raise
    finally:
        pooled.close()
    return None if row is None else int(row[0])


def _values(
    reviewer: str, expires: datetime, before: dict[str, Any], after: dict[str, Any]
) -> dict[str, Any]:
    at = now()  # when the event is recorded, as db.repository.record_event dates events
    head, middle = hashed_text_around("leased", reviewer, at, before, after)
    return {
        "holder": reviewer,
        "until": expires,
        "at": at,
        "before": json.dumps(before),
        "after": json.dumps(after),
        "head": head,
        "middle": middle,
    }
