"""The tamper-evident audit log on SQLite and PostgreSQL: the chain, and what breaks it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, text

from db import audit, queue
from db.migrate import downgrade, upgrade
from db.models import ReviewEventRow
from db.session import unit_of_work
from tests.integration.test_queue import a_claim, claim_ids, lease, store

EXPORTS = "Exports rose 12 percent in 2018."
DEATHS = "The ministry counted 39 deaths."


def reviewed_queue(url: str) -> dict[str, int]:
    """Two claims: one leased, reviewed, re-opened and reviewed again; one leased and expired."""
    store(url, "/a.txt", a_claim(EXPORTS, 0.95, 0), a_claim(DEATHS, 0.6, 1))
    ids = claim_ids(url)
    now = datetime.now(UTC)
    lease(url, "alice", at=now)
    with unit_of_work(url) as session:
        queue.record_verdict(session, ids[EXPORTS], "false", "alice", ["https://a.example/1"])
        queue.reopen(session, ids[EXPORTS], "bob", "New data.")
        queue.record_verdict(session, ids[EXPORTS], "true", "bob", notes="Checked again.")
        session.commit()
    lease(url, "carol", at=now - timedelta(hours=2))  # already expired
    lease(url, "dave", at=now)  # expires carol's lease first
    return ids


def verify(url: str) -> audit.AuditReport:
    with unit_of_work(url) as session:
        return audit.verify(session)


def event_count(url: str) -> int:
    with unit_of_work(url) as session:
        return session.scalar(select(func.count()).select_from(ReviewEventRow)) or 0


def event_ids(url: str, claim_id: int) -> list[int]:
    with unit_of_work(url) as session:
        query = select(ReviewEventRow.id).where(ReviewEventRow.claim_id == claim_id)
        return list(session.scalars(query.order_by(ReviewEventRow.id)))


def raw(url: str, *statements: str, **values: object) -> None:
    with unit_of_work(url) as session:
        for statement in statements:
            session.execute(text(statement), values)
        session.commit()


def insert(url: str, **values: object) -> None:
    """Insert an event as someone with a database client would, past the application."""
    with unit_of_work(url) as session:
        session.execute(audit.EVENTS.insert().values(**values))
        session.commit()


def test_every_change_of_the_review_workflow_verifies(migrated_url: str) -> None:
    reviewed_queue(migrated_url)

    report = verify(migrated_url)

    assert report.discrepancies == []
    assert (report.events, report.items) == (event_count(migrated_url), 2)
    assert report.events == 9  # 2 queued, 2+1 leased, 2 reviewed, 1 re-opened, 1 expired


def test_each_event_is_chained_to_the_previous_event_of_its_claim(migrated_url: str) -> None:
    ids = reviewed_queue(migrated_url)
    with unit_of_work(migrated_url) as session:
        query = select(ReviewEventRow).where(ReviewEventRow.claim_id == ids[EXPORTS])
        rows = list(session.scalars(query.order_by(ReviewEventRow.id)))
        session.expunge_all()
    previous = audit.GENESIS
    for row in rows:
        args = (row.claim_id, row.kind, row.actor, row.at, row.before, row.after)
        assert row.hash == audit.event_hash(previous, *args)
        previous = row.hash
    assert len({row.hash for row in rows}) == len(rows) == 5


def test_a_verdict_changed_without_an_event_names_the_claim_and_its_last_event(
    migrated_url: str,
) -> None:
    ids = reviewed_queue(migrated_url)
    before = event_count(migrated_url)
    forge = "UPDATE review_items SET verdict = 'false' WHERE claim_id = :c"
    raw(migrated_url, forge, c=ids[EXPORTS])

    [found] = verify(migrated_url).discrepancies

    last = event_ids(migrated_url, ids[EXPORTS])[-1]
    assert (found.claim_id, found.event_id) == (ids[EXPORTS], last)
    assert str(found) == (
        f"claim {ids[EXPORTS]} event {last}: review item verdict is 'false' but its last "
        "event says 'true': changed without an event"
    )
    assert event_count(migrated_url) == before


def test_a_forged_backdated_event_is_found(migrated_url: str) -> None:
    ids = reviewed_queue(migrated_url)
    before = event_count(migrated_url)
    # A forger who knows the scheme and computes a valid hash still has to backdate.
    last = event_ids(migrated_url, ids[EXPORTS])[-1]
    with unit_of_work(migrated_url) as session:
        [previous] = audit.last_hashes(session, [ids[EXPORTS]]).values()
    at = datetime(2019, 1, 1, tzinfo=UTC)
    after = {"status": "reviewed", "verdict": "true"}
    forged = audit.event_hash(previous, ids[EXPORTS], "reviewed", "mallory", at, {}, after)
    forger = {"kind": "reviewed", "actor": "mallory", "before": {}, "after": after}
    insert(migrated_url, claim_id=ids[EXPORTS], at=at, hash=forged, **forger)
    # ...and one who does not: any hash at all.
    forger = {"kind": "released", "actor": "mallory", "before": {}, "after": {}}
    insert(migrated_url, claim_id=ids[DEATHS], at=datetime.now(UTC), hash="0" * 64, **forger)

    found = verify(migrated_url).discrepancies

    backdated, unchained = (
        event_ids(migrated_url, ids[EXPORTS])[-1],
        event_ids(migrated_url, ids[DEATHS])[-1],
    )
    assert backdated > last
    assert [(d.claim_id, d.event_id) for d in found] == [
        (ids[EXPORTS], backdated),
        (ids[DEATHS], unchained),
    ]
    assert "backdated" in found[0].problem and "hash does not follow" in found[1].problem
    assert event_count(migrated_url) == before + 2


def test_a_deleted_event_is_found_at_the_event_after_it(migrated_url: str) -> None:
    ids = reviewed_queue(migrated_url)
    events = event_ids(migrated_url, ids[EXPORTS])
    before = event_count(migrated_url)
    if migrated_url.startswith("sqlite"):
        bypass = ("DROP TRIGGER review_events_no_delete",)
    else:  # as a superuser: the README's app role cannot (test_roles.py)
        bypass = ("SET session_replication_role = replica",)
    raw(migrated_url, *bypass, "DELETE FROM review_events WHERE id = :e", e=events[2])

    [found] = verify(migrated_url).discrepancies

    assert (found.claim_id, found.event_id) == (ids[EXPORTS], events[3])
    assert "changed, inserted or deleted" in found.problem
    assert event_count(migrated_url) == before - 1


def test_deleting_the_last_event_leaves_the_item_out_of_step(migrated_url: str) -> None:
    ids = reviewed_queue(migrated_url)
    events = event_ids(migrated_url, ids[DEATHS])
    if migrated_url.startswith("sqlite"):
        bypass = "DROP TRIGGER review_events_no_delete"
    else:
        bypass = "SET session_replication_role = replica"
    raw(migrated_url, bypass, "DELETE FROM review_events WHERE id = :e", e=events[-1])

    found = verify(migrated_url).discrepancies

    assert {(d.claim_id, d.event_id) for d in found} == {(ids[DEATHS], events[-2])}
    assert any("leased_by is 'dave'" in d.problem for d in found)


def test_upgrading_to_0005_chains_the_events_already_stored(migrated_url: str) -> None:
    reviewed_queue(migrated_url)
    before = event_count(migrated_url)
    downgrade(migrated_url, "0003")
    upgrade(migrated_url)

    report = verify(migrated_url)

    assert report.discrepancies == []
    assert report.events == before == event_count(migrated_url)
    with unit_of_work(migrated_url) as session:
        nulls = session.scalar(select(func.count()).where(ReviewEventRow.hash.is_(None)))
    assert nulls == 0
