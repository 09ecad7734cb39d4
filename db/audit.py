"""The tamper-evident audit log: events chained by hash per claim, and their verification.

Each event's ``hash`` is the SHA-256 of the previous event of the same claim's hash and
of the event's own fields in a canonical JSON form. Editing, deleting or inserting an
event in the middle of a claim's history breaks the chain at the next event; a
backdated event is dated before the one it follows; a review item changed without an
event no longer matches the state its events lead to. ``verify`` finds all three.

A chain per claim (not one global chain) keeps writers of different claims independent:
the writers of one claim already hold its review item's lock when they append.
Helpers here never commit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from db.models import ClaimRow, ReviewEventRow, ReviewItemRow

EVENTS = cast(Table, ReviewEventRow.__table__)
GENESIS = ""  # the "previous hash" of a claim's first event
BATCH = 1000
# What a review item holds before any event says otherwise (a freshly queued claim).
_FRESH: dict[str, Any] = {
    "status": "queued",
    "leased_by": None,
    "lease_expires_at": None,
    "verdict": None,
    "evidence": [],
    "notes": None,
    "reviewer": None,
    "reviewed_at": None,
    "version": 1,
}
_MOMENTS = ("lease_expires_at", "reviewed_at")


def _moment(value: datetime) -> str:
    """A timestamp as the same text on SQLite (naive UTC) and PostgreSQL (aware)."""
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return aware.isoformat(timespec="microseconds")


def event_hash(
    previous: str,
    claim_id: int,
    kind: str,
    actor: str,
    at: datetime,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
) -> str:
    """The chained hash of one event."""
    fields = {
        "previous": previous,
        "claim_id": claim_id,
        "kind": kind,
        "actor": actor,
        "at": _moment(at),
        "before": before,
        "after": after,
    }
    return hashlib.sha256(_canonical(fields).encode("utf-8")).hexdigest()


def _canonical(fields: object) -> str:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def hashed_text_around(
    kind: str, actor: str, at: datetime, before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[str, str]:
    """The text ``event_hash`` hashes, but for the claim id and the previous hash.

    ``head + str(claim_id) + middle + previous + '"}'`` is that text: a statement that
    learns the claim id and the previous hash only as it runs (the PostgreSQL lease,
    db.queue) hashes the event in SQL, in the same round trip. The keys are sorted:
    actor, after, at, before | claim_id | kind, previous.
    """
    known = _canonical({"actor": actor, "after": after, "at": _moment(at), "before": before})
    head = known[:-1] + ',"claim_id":'
    middle = ',"kind":' + _canonical(kind) + ',"previous":"'
    return head, middle


def last_hashes(session: Session, claim_ids: Iterable[int]) -> dict[int, str]:
    """The hash of the latest event of each of these claims (claims without events absent)."""
    wanted = sorted(set(claim_ids))
    found: dict[int, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        latest = (
            select(func.max(EVENTS.c.id))
            .where(EVENTS.c.claim_id.in_(chunk))
            .group_by(EVENTS.c.claim_id)
        )
        rows = session.execute(
            select(EVENTS.c.claim_id, EVENTS.c.hash).where(EVENTS.c.id.in_(latest))
        )
        found.update({claim_id: digest or GENESIS for claim_id, digest in rows})
    return found


def append_events(
    session: Session, events: list[dict[str, Any]], first: set[int] | None = None
) -> None:
    """Insert events (dicts of claim_id, kind, actor, at, before, after) with their hashes.

    ``first`` names claims known to have no events yet, whose previous hash is not looked up.
    """
    if not events:
        return
    first = first or set()
    previous = last_hashes(session, {e["claim_id"] for e in events} - first)
    rows = []
    for event in events:
        digest = event_hash(
            previous.get(event["claim_id"], GENESIS),
            event["claim_id"],
            event["kind"],
            event["actor"],
            event["at"],
            event["before"],
            event["after"],
        )
        previous[event["claim_id"]] = digest
        rows.append(event | {"hash": digest})
    session.execute(EVENTS.insert(), rows)


@dataclass(frozen=True)
class Discrepancy:
    """One place where the log and the data disagree."""

    claim_id: int
    event_id: int | None  # None when no event is to blame (an item without events)
    problem: str

    def __str__(self) -> str:
        event = f" event {self.event_id}" if self.event_id is not None else ""
        return f"claim {self.claim_id}{event}: {self.problem}"


@dataclass
class AuditReport:
    """What ``verify`` checked and found."""

    events: int = 0
    items: int = 0
    discrepancies: list[Discrepancy] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.discrepancies


def verify(session: Session) -> AuditReport:
    """Check every claim's chain of events and that each review item matches its last event."""
    report = AuditReport()
    states: dict[int, tuple[int, dict[str, Any]]] = {}  # claim id -> (last event id, state)
    for claim_id, events in _events_by_claim(session):
        previous, previous_at, state = GENESIS, None, dict(_FRESH)
        for event in events:
            report.events += 1
            expected = event_hash(
                previous,
                claim_id,
                event.kind,
                event.actor,
                event.at,
                event.before,
                event.after,
            )
            if event.hash != expected:
                problem = (
                    "the hash does not follow from the event before it: this event, or one "
                    "before it, was changed, inserted or deleted"
                )
                report.discrepancies.append(Discrepancy(claim_id, event.id, problem))
            at = _moment(event.at)
            if previous_at is not None and at < previous_at:
                problem = f"dated {at}, before the event it follows ({previous_at}): backdated"
                report.discrepancies.append(Discrepancy(claim_id, event.id, problem))
            previous, previous_at = event.hash or GENESIS, at
            _apply(state, event.kind, event.after)
            states[claim_id] = (event.id, state)
    for item, version in _items(session):
        report.items += 1
        if item.claim_id not in states:
            problem = "queued, but the audit log has no event for it"
            report.discrepancies.append(Discrepancy(item.claim_id, None, problem))
            continue
        event_id, state = states[item.claim_id]
        for name, stored in _item_state(item, version).items():
            if not _same(name, state[name], stored):
                problem = (
                    f"review item {name} is {stored!r} but its last event says "
                    f"{state[name]!r}: changed without an event"
                )
                report.discrepancies.append(Discrepancy(item.claim_id, event_id, problem))
    return report


def _events_by_claim(session: Session) -> Iterator[tuple[int, list[Any]]]:
    query = select(EVENTS).order_by(EVENTS.c.claim_id, EVENTS.c.id)
    claim_id: int | None = None
    events: list[Any] = []
    for row in session.execute(query.execution_options(yield_per=BATCH)):
        if row.claim_id != claim_id:
            if claim_id is not None:
                yield claim_id, events
            claim_id, events = row.claim_id, []
        events.append(row)
    if claim_id is not None:
        yield claim_id, events


def _items(session: Session) -> Iterator[tuple[ReviewItemRow, int]]:
    query = (
        select(ReviewItemRow, ClaimRow.version)
        .join(ClaimRow, ClaimRow.id == ReviewItemRow.claim_id)
        .order_by(ReviewItemRow.claim_id)
    )
    rows = session.execute(query.execution_options(yield_per=BATCH))
    yield from ((item, version) for item, version in rows)


def _apply(state: dict[str, Any], kind: str, after: Mapping[str, Any]) -> None:
    if kind == "expired":  # the expiry clears the lease; its event records the status only
        state.update(leased_by=None, lease_expires_at=None)
    if kind == "queued":  # a claim queued again starts afresh
        state.update(_FRESH | {"version": state["version"], "notes": state["notes"]})
    state.update({k: v for k, v in after.items() if k in _FRESH})


def _item_state(item: ReviewItemRow, version: int) -> dict[str, Any]:
    return {
        "status": item.status,
        "leased_by": item.leased_by,
        "lease_expires_at": item.lease_expires_at,
        "verdict": item.verdict,
        "evidence": list(item.evidence or []),
        "notes": item.notes,
        "reviewer": item.reviewer,
        "reviewed_at": item.reviewed_at,
        "version": version,
    }


def _same(name: str, logged: Any, stored: Any) -> bool:
    if name in _MOMENTS:
        if logged is None or stored is None:
            return logged is None and stored is None
        return bool(_moment(datetime.fromisoformat(str(logged))) == _moment(stored))
    if name == "notes":
        return (logged or None) == (stored or None)
    return bool(logged == stored)
