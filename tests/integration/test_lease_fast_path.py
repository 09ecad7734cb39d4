"""`take_next` (what `claimdesk next` and the desk lease through) on SQLite and PostgreSQL:
order, the audit chain hashed in SQL, the sweep, the WAL flush, idle connections."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, select, text

from db import audit, queue
from db.models import ReviewEventRow
from db.session import get_engine, unit_of_work
from tests.integration.test_queue import a_claim, claim_ids, item, store

EXPORTS = "Exports rose 12 percent in 2018."
DEATHS = "The ministry counted 39 deaths."
SCHOOLS = "The city opened 4 schools in May."


@pytest.fixture(autouse=True)
def no_sweep_due(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no sweep done in this process yet (the first lease sweeps)."""
    monkeypatch.setattr(queue, "_swept", {})


def three_claims(url: str) -> dict[str, int]:
    store(url, "/a.txt", a_claim(EXPORTS, 0.95, 0), a_claim(DEATHS, 0.6, 1))
    store(url, "/b.txt", a_claim(SCHOOLS, 0.8, 0))
    return claim_ids(url)


def verified(url: str) -> audit.AuditReport:
    with unit_of_work(url) as session:
        return audit.verify(session)


def test_take_next_leases_by_priority_once_each_and_every_event_verifies(
    migrated_url: str,
) -> None:
    ids = three_claims(migrated_url)
    taken = [queue.take_next(migrated_url, "alice", 30) for _ in range(4)]

    assert [t.claim_id if t else None for t in taken] == [
        ids[EXPORTS],
        ids[SCHOOLS],
        ids[DEATHS],
        None,
    ]
    assert (item(migrated_url, ids[DEATHS]).status, item(migrated_url, ids[DEATHS]).leased_by) == (
        "leased",
        "alice",
    )
    report = verified(migrated_url)
    assert report.discrepancies == []
    assert report.events == 6  # 3 queued, 3 leased


def test_an_event_hashed_by_the_database_is_the_hash_the_application_computes(
    migrated_url: str,
) -> None:
    """A reviewer's name beyond ASCII is hashed as the same UTF-8 on both sides."""
    ids = three_claims(migrated_url)
    for reviewer in ("Zoë Ångström 🙂", 'o"brien\\x'):
        assert queue.take_next(migrated_url, reviewer, 30) is not None

    queued, leased = _events(migrated_url, ids[EXPORTS])
    expected = audit.event_hash(
        queued.hash,
        leased.claim_id,
        leased.kind,
        leased.actor,
        leased.at,
        leased.before,
        leased.after,
    )
    assert leased.actor == "Zoë Ångström 🙂"
    assert leased.hash == expected
    assert verified(migrated_url).discrepancies == []


def test_the_text_around_the_ids_rebuilds_what_event_hash_hashes() -> None:
    at = datetime(2019, 5, 22, 12, 0, 1, 5, tzinfo=UTC)
    before, after = {"status": "queued"}, {"status": "leased", "leased_by": "Zoë"}
    head, middle = audit.hashed_text_around("leased", "Zoë", at, before, after)
    for previous in ("", "ab" * 32):
        rebuilt = head + "42" + middle + previous + '"}'
        assert hashlib.sha256(rebuilt.encode("utf-8")).hexdigest() == audit.event_hash(
            previous, 42, "leased", "Zoë", at, before, after
        )


def test_take_next_sweeps_an_expired_lease_back_into_the_queue_when_due(
    migrated_url: str,
) -> None:
    ids = three_claims(migrated_url)
    long_ago = datetime.now(UTC) - timedelta(hours=2)
    with unit_of_work(migrated_url) as session:
        old = queue.lease_next(session, "carol", 30, at=long_ago)
        session.commit()
    assert old is not None and old.claim_id == ids[EXPORTS]

    queue._swept.clear()  # a second has passed, as far as the sweep is concerned
    again = queue.take_next(migrated_url, "dave", 30)

    assert again is not None and again.claim_id == ids[EXPORTS]
    kinds = [e.kind for e in _events(migrated_url, ids[EXPORTS])]
    assert kinds == ["queued", "leased", "expired", "leased"]
    assert verified(migrated_url).discrepancies == []


def test_a_due_sweep_that_finds_no_expired_lease_leases_without_sweeping(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When nothing ran out, a due sweep costs one indexed query on PostgreSQL."""
    ids = three_claims(migrated_url)
    with unit_of_work(migrated_url) as session:  # held, not expired: nothing to sweep
        assert queue.lease_next(session, "carol", 30) is not None
        session.commit()
    sweeps: list[int] = []
    expire = queue.expire_leases
    monkeypatch.setattr(queue, "expire_leases", lambda *a: sweeps.append(1) or expire(*a))
    queue._swept.clear()  # a sweep is due

    lease = queue.take_next(migrated_url, "dave", 30)

    assert lease is not None and lease.claim_id == ids[SCHOOLS]
    assert sweeps == ([] if migrated_url.startswith("postgresql") else [1])
    assert item(migrated_url, ids[EXPORTS]).leased_by == "carol"
    assert verified(migrated_url).discrepancies == []


def test_the_lease_is_a_server_prepared_statement_from_its_first_use(migrated_url: str) -> None:
    if not migrated_url.startswith("postgresql"):
        pytest.skip("SQLite has no server-side prepared statements")
    three_claims(migrated_url)
    queue._swept[str(get_engine(migrated_url).url)] = float("inf")  # no sweep: the lease alone
    assert queue.take_next(migrated_url, "alice", 30) is not None
    with get_engine(migrated_url).connect() as connection:  # the same pooled connection
        prepared = connection.execute(
            text("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%SKIP LOCKED%'")
        ).scalar()
        assert connection.execute(text("SHOW transaction_read_only")).scalar() == "off"
    assert prepared == 1


def test_a_lease_the_database_refuses_is_an_sqlalchemy_error_and_the_pool_stays_usable(
    migrated_url: str,
) -> None:
    if not migrated_url.startswith("postgresql"):
        pytest.skip("the driver-level lease is PostgreSQL's")
    from sqlalchemy.exc import DBAPIError

    from db import failures

    three_claims(migrated_url)
    read_only = f"{migrated_url}?options=-c%20default_transaction_read_only%3Don"
    engine = get_engine(read_only)
    try:
        with pytest.raises(DBAPIError) as raised:
            queue.take_next(read_only, "alice", 30)
        assert isinstance(failures.explain(raised.value, read_only), failures.DatabaseReadOnly)
        with engine.connect() as connection:  # a transaction again, not autocommit
            connection.execute(text("SELECT 1"))
            assert connection.in_transaction()
            driver = connection.connection.driver_connection
            assert driver is not None and driver.autocommit is False
    finally:
        engine.dispose()
    assert queue.take_next(migrated_url, "alice", 30) is not None


def test_only_take_nexts_own_transaction_skips_the_wal_flush(migrated_url: str) -> None:
    if not migrated_url.startswith("postgresql"):
        pytest.skip("SQLite has no asynchronous commit")
    three_claims(migrated_url)
    with unit_of_work(migrated_url) as session:
        assert queue.lease_next(session, "alice", 30) is not None
        # a lease in the caller's transaction leaves that transaction durable
        assert session.execute(text("SHOW synchronous_commit")).scalar() == "on"
        session.commit()
    queue.take_next(migrated_url, "bob", 30)
    engine = get_engine(migrated_url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        # the relaxed commit ended with its own transaction
        assert connection.execute(text("SHOW synchronous_commit")).scalar() == "on"


def test_a_pooled_connection_idle_too_long_is_pinged_and_a_dead_one_replaced(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not migrated_url.startswith("postgresql"):
        pytest.skip("a SQLite connection is a file: there is no server to lose")
    import db.session

    engine = get_engine(migrated_url)
    with engine.connect() as connection:
        first = connection.execute(text("SELECT pg_backend_pid()")).scalar()
    killer = create_engine(migrated_url, isolation_level="AUTOCOMMIT")
    with killer.connect() as other:  # as a server restart or a network drop would
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
    killer.dispose()
    monkeypatch.setattr(db.session, "PING_AFTER_IDLE_SECONDS", 0.0)

    with engine.connect() as connection:  # the killed one is found dead and replaced
        second = connection.execute(text("SELECT pg_backend_pid()")).scalar()

    assert second is not None and second != first


def _events(url: str, claim_id: int) -> list[ReviewEventRow]:
    with unit_of_work(url) as session:
        query = select(ReviewEventRow).where(ReviewEventRow.claim_id == claim_id)
        found = list(session.scalars(query.order_by(ReviewEventRow.id)))
        session.expunge_all()
        return found
