"""The review queue: leases, releases, verdicts and re-opening, each an audit event.

A review item is ``queued``, ``leased`` (by one reviewer until ``lease_expires_at``)
or ``reviewed``. Leasing is one atomic statement, ``UPDATE … WHERE id = (SELECT …
FOR UPDATE SKIP LOCKED) RETURNING``: PostgreSQL skips rows other transactions hold,
SQLite serialises writers. Helpers here never commit.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Engine, Table, Update, bindparam, exists, select
from sqlalchemy.orm import Session

from claims.claimreview import parse_evidence, parse_verdict
from claims.errors import ClaimdeskError
from db import lease_postgres
from db.audit import append_events
from db.models import ClaimRow, ReviewItemRow
from db.repository import now, record_event
from db.session import get_engine, unit_of_work

STATUSES = ("queued", "leased", "reviewed")

# The hot path's statements, built once, on the table: no ORM bookkeeping per lease.
ITEMS = cast(Table, ReviewItemRow.__table__)
_CANDIDATE = ITEMS.alias("candidate")  # not correlated with the table being updated


def _lease_statement(*passing_over: ColumnElement[bool]) -> Update:
    """Lease the top queued claim, passing over what ``passing_over`` excludes."""
    candidate = (
        select(_CANDIDATE.c.id)
        .where(_CANDIDATE.c.status == "queued", *passing_over)
        .order_by(_CANDIDATE.c.priority.desc(), _CANDIDATE.c.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    return (
        ITEMS.update()
        .where(ITEMS.c.id == candidate)
        .values(status="leased", leased_by=bindparam("holder"), lease_expires_at=bindparam("until"))
        .returning(ITEMS.c.claim_id)
    )


_LEASE = _lease_statement()
# The desk's skip on SQLite (PostgreSQL's is in db.lease_postgres): the claims this
# reviewer skipped are passed over.
_LEASE_SKIPPING = _lease_statement(_CANDIDATE.c.claim_id.not_in(bindparam("skip", expanding=True)))
# leased_by is kept by this statement so that RETURNING gives the old holder.
_EXPIRE = (
    ITEMS.update()
    .where(
        ITEMS.c.id.in_(
            select(_CANDIDATE.c.id)
            .where(
                _CANDIDATE.c.status == "leased", _CANDIDATE.c.lease_expires_at < bindparam("moment")
            )
            .with_for_update(skip_locked=True)
        )
    )
    .values(status="queued")
    .returning(ITEMS.c.id, ITEMS.c.claim_id, ITEMS.c.leased_by, ITEMS.c.lease_expires_at)
)
_ANY_EXPIRED = select(
    exists().where(ITEMS.c.status == "leased", ITEMS.c.lease_expires_at < bindparam("moment"))
)


class QueueError(ClaimdeskError):
    """A queue operation cannot be done on this claim."""


class UnknownClaim(QueueError):
    """No claim has this id, or the claim is not in the review queue."""

    def __init__(self, claim_id: int, problem: str = "no claim has this id") -> None:
        super().__init__(f"claim {claim_id}: {problem}")
        self.claim_id = claim_id


class LeaseHeldByOther(QueueError):
    """Another reviewer holds the lease on this claim."""

    def __init__(self, claim_id: int, holder: str, expires: datetime | None) -> None:
        until = f" until {expires:%Y-%m-%d %H:%M} UTC" if expires else ""
        super().__init__(f"claim {claim_id} is leased by {holder}{until}; ask them or wait")
        self.claim_id, self.holder, self.expires = claim_id, holder, expires


class NotLeased(QueueError):
    """The claim is not leased, so there is no lease to release."""

    def __init__(self, claim_id: int, status: str) -> None:
        super().__init__(f"claim {claim_id} is not leased (it is {status})")
        self.claim_id = claim_id


class NotReviewed(QueueError):
    """The claim has no verdict, so there is nothing to re-open."""

    def __init__(self, claim_id: int, status: str) -> None:
        super().__init__(f"claim {claim_id} has no verdict to re-open (it is {status})")
        self.claim_id = claim_id


class StaleVersion(QueueError):
    """The claim changed since the version the caller saw."""

    def __init__(self, claim_id: int, expected: int, actual: int) -> None:
        super().__init__(
            f"claim {claim_id} changed since version {expected} (it is at version {actual})"
        )
        self.claim_id, self.expected, self.actual = claim_id, expected, actual


@dataclass(frozen=True)
class Lease:
    """A claim leased to a reviewer."""

    claim_id: int
    reviewer: str
    expires_at: datetime


# A long-lived process (the desk, a reviewers' bot) sweeps expired leases at most this
# often when it leases on the clock: with a million claims queued and 8 reviewers the
# sweep would be one round trip in three of every lease, for leases that last 30 minutes.
SWEEP_SECONDS = 1.0
_SWEEP_BATCH = 5_000  # expired leases cleared per statement
_swept: dict[str, float] = {}


def lease_next(
    session: Session,
    reviewer: str,
    minutes: int,
    at: datetime | None = None,
    skip: Sequence[int] = (),
) -> Lease | None:
    """Lease the highest-priority queued claim to ``reviewer``; None when none is left.

    Expired leases go back to the queue first: always when ``at`` is given, and at most
    once every SWEEP_SECONDS per database in a process leasing on the clock. Claims in
    ``skip`` (the desk's skipped ones) are passed over.
    """
    if at is not None or _sweep_due(session):
        expire_leases(session, at)
    at = at or now()
    expires = at + timedelta(minutes=minutes)
    before, after = _lease_states(reviewer, expires)
    if session.get_bind().dialect.name == "postgresql":
        claim_id = lease_postgres.lease(session, reviewer, expires, before, after, skip=skip)
        return None if claim_id is None else Lease(claim_id, reviewer, expires)
    values: dict[str, Any] = {"holder": reviewer, "until": expires}
    if skip:
        taken = session.execute(_LEASE_SKIPPING, values | {"skip": list(skip)}).first()
    else:
        taken = session.execute(_LEASE, values).first()
    if taken is None:
        return None
    record_event(session, taken.claim_id, "leased", reviewer, before, after)
    return Lease(taken.claim_id, reviewer, expires)


def held_by(session: Session, reviewer: str, at: datetime | None = None) -> list[int]:
    """The claims ``reviewer`` holds on leases that have not run out, first leased first:
    the desk's *Next claim* gives them back once it has the next one."""
    query = (
        select(ITEMS.c.claim_id)
        .where(
            ITEMS.c.leased_by == reviewer,
            ITEMS.c.status == "leased",
            ITEMS.c.lease_expires_at > (at or now()),
        )
        .order_by(ITEMS.c.lease_expires_at, ITEMS.c.id)
    )
    return list(session.scalars(query))


def any_queued(session: Session) -> bool:
    """Whether any claim waits in the queue (one indexed probe)."""
    return bool(session.scalar(select(exists().where(ITEMS.c.status == "queued"))))


def take_next(url: str, reviewer: str, minutes: int, skip: Sequence[int] = ()) -> Lease | None:
    """``lease_next`` in a transaction of its own, committed (``claimdesk next``, the desk).

    On PostgreSQL the lease is one statement in autocommit mode: one round trip, where a
    transaction would add BEGIN and COMMIT; its commit does not wait for the WAL flush
    (db.lease_postgres says why that is safe). When a sweep is due, one indexed query
    first asks whether any lease ran out; only then is the lease a transaction that
    sweeps first (four round trips and a durable commit, which were 8-16 of the slowest
    1% of 2,000 leases with a million claims queued and 8 reviewers). Claims in ``skip``
    (the desk's skipped ones) are passed over, in a transaction.
    """
    engine = get_engine(url)
    sweep = _sweep_due_at(str(engine.url))
    fast = engine.dialect.name == "postgresql" and not skip
    if fast and not (sweep and _any_expired(engine)):
        expires = now() + timedelta(minutes=minutes)
        before, after = _lease_states(reviewer, expires)
        claim_id = lease_postgres.take(engine, reviewer, expires, before, after)
        return None if claim_id is None else Lease(claim_id, reviewer, expires)
    with unit_of_work(url) as session:
        if sweep:
            expire_leases(session)
        lease = lease_next(session, reviewer, minutes, skip=skip)
        session.commit()
    return lease


def _any_expired(engine: Engine) -> bool:
    """Whether any lease ran out, in one round trip (no BEGIN, no ROLLBACK)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        return bool(connection.execute(_ANY_EXPIRED, {"moment": now()}).scalar())


def _lease_states(reviewer: str, expires: datetime) -> tuple[dict[str, Any], dict[str, Any]]:
    """What a lease's audit event records before and after."""
    after = {"status": "leased", "leased_by": reviewer, "lease_expires_at": expires.isoformat()}
    return {"status": "queued"}, after


def _sweep_due(session: Session) -> bool:
    return _sweep_due_at(str(session.get_bind().engine.url))


def _sweep_due_at(key: str) -> bool:
    moment = time.monotonic()
    if moment - _swept.get(key, float("-inf")) < SWEEP_SECONDS:
        return False
    _swept[key] = moment
    return True


def expire_leases(session: Session, at: datetime | None = None) -> list[int]:
    """Return every claim whose lease ran out to the queue; the ids of those claims."""
    at = at or now()
    rows = session.execute(_EXPIRE, {"moment": at}).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    for start in range(0, len(ids), _SWEEP_BATCH):  # a statement takes at most 65,535 values
        session.execute(
            ITEMS.update()
            .where(ITEMS.c.id.in_(ids[start : start + _SWEEP_BATCH]))
            .values(leased_by=None, lease_expires_at=None)
        )
    # One batch of events, not two round trips an expired lease: the reviewers who went
    # home leave thousands of leases to run out together, and one lease sweeps them all.
    moment = now()
    events = [
        {
            "claim_id": row.claim_id,
            "kind": "expired",
            "actor": row.leased_by or "",
            "at": moment,
            "before": {
                "status": "leased",
                "leased_by": row.leased_by,
                "lease_expires_at": _text(row.lease_expires_at),
            },
            "after": {"status": "queued"},
        }
        for row in rows
    ]
    append_events(session, events)
    return [r.claim_id for r in rows]


def release(session: Session, claim_id: int, reviewer: str, at: datetime | None = None) -> None:
    """Give a leased claim back to the queue; only its holder may."""
    at = at or now()
    item = _locked_item(session, claim_id)
    if item.status != "leased":
        raise NotLeased(claim_id, item.status)
    _refuse_other_holder(item, reviewer, at)
    before = _state(item)
    item.status, item.leased_by, item.lease_expires_at = "queued", None, None
    record_event(session, claim_id, "released", reviewer, before, _state(item))


def record_verdict(
    session: Session,
    claim_id: int,
    verdict: str,
    reviewer: str,
    evidence: Sequence[str] = (),
    notes: str | None = None,
    *,
    actor: str | None = None,
    kind: str = "reviewed",
    expected_version: int | None = None,
    at: datetime | None = None,
) -> bool:
    """Record a verdict with its evidence and notes; False when it was recorded already.

    Refused while another reviewer holds the claim's lease. ``actor`` is who made the
    change when it is not the reviewer (an import); ``expected_version`` refuses the
    change when the claim changed since the caller read it.
    """
    at = at or now()
    verdict, urls = parse_verdict(verdict), parse_evidence(evidence)
    item = _locked_item(session, claim_id)
    same = (item.verdict, item.evidence or [], item.notes or None, item.reviewer)
    if item.status == "reviewed" and same == (verdict, urls, notes or None, reviewer):
        return False
    _refuse_other_holder(item, reviewer, at)
    if expected_version is not None and item.claim.version != expected_version:
        raise StaleVersion(claim_id, expected_version, item.claim.version)
    before = _state(item)
    item.status, item.leased_by, item.lease_expires_at = "reviewed", None, None
    item.verdict, item.evidence, item.notes = verdict, urls, notes or None
    item.reviewer, item.reviewed_at = reviewer, at
    item.claim.version += 1
    record_event(session, claim_id, kind, actor or reviewer, before, _state(item))
    return True


def reopen(session: Session, claim_id: int, reviewer: str, note: str | None = None) -> None:
    """Put a reviewed claim back in the queue; its evidence and notes stay, its verdict goes."""
    item = _locked_item(session, claim_id)
    if item.status != "reviewed":
        raise NotReviewed(claim_id, item.status)
    before = _state(item)
    item.status, item.verdict, item.reviewer, item.reviewed_at = "queued", None, None, None
    if note:
        item.notes = f"{item.notes}\n{note}" if item.notes else note
    item.claim.version += 1
    record_event(session, claim_id, "re-opened", reviewer, before, _state(item))


def _locked_item(session: Session, claim_id: int) -> ReviewItemRow:
    """The claim's review item, locked against concurrent changes until commit."""
    if session.get_bind().dialect.name == "sqlite":
        # SQLite has no row locks: a write takes the database's write lock now, so that
        # what is read below cannot change before this transaction ends.
        session.execute(
            ITEMS.update().where(ITEMS.c.claim_id == claim_id).values(status=ITEMS.c.status)
        )
    item = session.scalars(
        select(ReviewItemRow)
        .where(ReviewItemRow.claim_id == claim_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if item is None:
        if session.get(ClaimRow, claim_id) is None:
            raise UnknownClaim(claim_id)
        raise UnknownClaim(claim_id, "not in the review queue (below the threshold)")
    session.refresh(item.claim)
    return item


def _refuse_other_holder(item: ReviewItemRow, reviewer: str, at: datetime) -> None:
    expires = item.lease_expires_at
    held = item.status == "leased" and expires is not None and expires > at
    if held and item.leased_by != reviewer:
        raise LeaseHeldByOther(item.claim_id, item.leased_by or "someone", expires)


def _state(item: ReviewItemRow) -> dict[str, Any]:
    """What an audit event records of a review item."""
    return {
        "status": item.status,
        "leased_by": item.leased_by,
        "lease_expires_at": _text(item.lease_expires_at),
        "verdict": item.verdict,
        "evidence": list(item.evidence or []),
        "notes": item.notes,
        "reviewer": item.reviewer,
        "reviewed_at": _text(item.reviewed_at),
        "version": item.claim.version,
    }


def _text(moment: datetime | None) -> str | None:
    """How an audit event records a time (UTC, db.models.UTCDateTime)."""
    return moment.isoformat() if moment else None
