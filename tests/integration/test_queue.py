"""The review queue on SQLite and PostgreSQL: leases, verdicts, re-opening, the audit log."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from claims.claimreview import InvalidEvidence, InvalidVerdict
from claims.model import Assessment, Claim, Document, Sentence, TimeSpan
from db import queue, queue_view, repository
from db.lease_load import lease_in_processes, lease_until_empty, seed_queue
from db.migrate import downgrade, upgrade
from db.models import ClaimRow, ReviewEventRow, ReviewItemRow
from db.session import unit_of_work

T0 = datetime(2019, 5, 22, 12, 0, tzinfo=UTC)


def a_claim(text: str, score: float = 0.9, index: int = 0) -> Claim:
    return Claim(
        Sentence(text, 0, len(text), 0, index), Assessment(score, True, "quantity", ("r",))
    )


def store(url: str, location: str, *claims: Claim) -> None:
    body = " ".join(c.text for c in claims)
    document = Document(body, location, "T", date(2019, 5, 22), "date-line", f"h-{location}")
    with unit_of_work(url) as session:
        row = repository.add_document(session, document, len(claims))
        repository.store_claims(session, row, list(claims))
        session.commit()


def claim_ids(url: str) -> dict[str, int]:
    with unit_of_work(url) as session:
        return {c.text: c.id for c in session.scalars(select(ClaimRow))}


def events(url: str, claim_id: int) -> list[ReviewEventRow]:
    with unit_of_work(url) as session:
        query = select(ReviewEventRow).where(ReviewEventRow.claim_id == claim_id)
        found = list(session.scalars(query.order_by(ReviewEventRow.id)))
        session.expunge_all()  # keep the values after the session closes
        return found


def item(url: str, claim_id: int) -> ReviewItemRow:
    with unit_of_work(url) as session:
        query = select(ReviewItemRow).where(ReviewItemRow.claim_id == claim_id)
        found = session.scalars(query).one()
        session.expunge_all()
        return found


@pytest.fixture
def two_claims(migrated_url: str) -> tuple[str, int, int]:
    """A queue of two claims: the first with the higher priority."""
    store(
        migrated_url,
        "/a.txt",
        a_claim("Exports rose 12 percent in 2018.", 0.95, 0),
        a_claim("The ministry counted 39 deaths.", 0.6, 1),
    )
    ids = claim_ids(migrated_url)
    return (
        migrated_url,
        ids["Exports rose 12 percent in 2018."],
        ids["The ministry counted 39 deaths."],
    )


def lease(url: str, reviewer: str, at: datetime = T0, minutes: int = 30) -> queue.Lease | None:
    with unit_of_work(url) as session:
        taken = queue.lease_next(session, reviewer, minutes, at=at)
        session.commit()
    return taken


def test_leases_go_by_priority_and_never_to_two_reviewers(two_claims: tuple[str, int, int]) -> None:
    url, high, low = two_claims
    first, second = lease(url, "alice"), lease(url, "bob")
    assert first is not None and second is not None
    assert (first.claim_id, second.claim_id) == (high, low)
    assert first.expires_at == T0 + timedelta(minutes=30)
    assert lease(url, "carol") is None
    got = item(url, high)
    assert (got.status, got.leased_by) == ("leased", "alice")
    [_, leased] = events(url, high)
    assert (leased.kind, leased.actor, leased.before) == ("leased", "alice", {"status": "queued"})
    assert leased.after["leased_by"] == "alice" and leased.at is not None


def test_an_expired_lease_returns_the_claim_to_the_queue(two_claims: tuple[str, int, int]) -> None:
    url, high, _ = two_claims
    assert lease(url, "alice", at=T0, minutes=30) is not None
    later = T0 + timedelta(minutes=31)
    again = lease(url, "bob", at=later)
    assert again is not None and again.claim_id == high
    kinds = [(e.kind, e.actor) for e in events(url, high)]
    assert kinds == [
        ("queued", "claimdesk"),
        ("leased", "alice"),
        ("expired", "alice"),
        ("leased", "bob"),
    ]
    expired = events(url, high)[2]
    assert expired.before["leased_by"] == "alice" and expired.after == {"status": "queued"}


def test_a_lease_not_yet_expired_is_kept(two_claims: tuple[str, int, int]) -> None:
    url, high, _ = two_claims
    lease(url, "alice", at=T0)
    with unit_of_work(url) as session:
        assert queue.expire_leases(session, T0 + timedelta(minutes=29)) == []
        assert queue.expire_leases(session, T0 + timedelta(minutes=31)) == [high]


def test_only_the_holder_releases_a_lease(two_claims: tuple[str, int, int]) -> None:
    url, high, low = two_claims
    lease(url, "alice", at=datetime.now(UTC))
    with unit_of_work(url) as session, pytest.raises(queue.LeaseHeldByOther, match="alice"):
        queue.release(session, high, "bob")
    with unit_of_work(url) as session, pytest.raises(queue.NotLeased, match="it is queued"):
        queue.release(session, low, "alice")
    with unit_of_work(url) as session:
        queue.release(session, high, "alice")
        session.commit()
    assert item(url, high).status == "queued"
    released = events(url, high)[-1]
    assert (released.kind, released.before["leased_by"], released.after["status"]) == (
        "released",
        "alice",
        "queued",
    )


def test_a_verdict_on_a_claim_leased_by_someone_else_is_refused(
    two_claims: tuple[str, int, int],
) -> None:
    url, high, _ = two_claims
    lease(url, "alice", at=datetime.now(UTC))
    refused = pytest.raises(queue.LeaseHeldByOther, match=f"claim {high} is leased by alice until")
    with unit_of_work(url) as session, refused:
        queue.record_verdict(session, high, "false", "bob")
    assert item(url, high).verdict is None


def test_a_verdict_records_evidence_notes_and_a_new_version(
    two_claims: tuple[str, int, int],
) -> None:
    url, high, _ = two_claims
    lease(url, "alice", at=datetime.now(UTC))
    with unit_of_work(url) as session:
        changed = queue.record_verdict(
            session, high, "mostly_true", "alice", ["https://stats.example/x"], "Off by one."
        )
        session.commit()
    assert changed
    got = item(url, high)
    assert (got.status, got.verdict, got.evidence, got.notes, got.reviewer, got.leased_by) == (
        "reviewed",
        "mostly_true",
        ["https://stats.example/x"],
        "Off by one.",
        "alice",
        None,
    )
    reviewed = events(url, high)[-1]
    assert (reviewed.kind, reviewed.actor) == ("reviewed", "alice")
    assert (reviewed.before["status"], reviewed.before["version"]) == ("leased", 1)
    assert (reviewed.after["verdict"], reviewed.after["version"]) == ("mostly_true", 2)
    with unit_of_work(url) as session:  # the same verdict again changes nothing
        assert not queue.record_verdict(
            session, high, "mostly_true", "alice", ["https://stats.example/x"], "Off by one."
        )
        session.commit()
    assert len(events(url, high)) == 3


def test_bad_verdicts_evidence_and_ids_are_refused(two_claims: tuple[str, int, int]) -> None:
    url, high, _ = two_claims
    with unit_of_work(url) as session:
        with pytest.raises(InvalidVerdict):
            queue.record_verdict(session, high, "sort of", "alice")
        with pytest.raises(InvalidEvidence):
            queue.record_verdict(session, high, "false", "alice", ["file:///etc/passwd"])
        with pytest.raises(queue.UnknownClaim, match="claim 999: no claim has this id"):
            queue.record_verdict(session, 999, "false", "alice")


def test_a_reviewed_claim_can_be_reopened_and_goes_back_in_the_queue(
    two_claims: tuple[str, int, int],
) -> None:
    url, high, _ = two_claims
    with unit_of_work(url) as session:
        with pytest.raises(queue.NotReviewed):
            queue.reopen(session, high, "alice")
        queue.record_verdict(session, high, "false", "alice", notes="First look.")
        queue.reopen(session, high, "bob", "New data.")
        session.commit()
    got = item(url, high)
    assert (got.status, got.verdict, got.notes) == ("queued", None, "First look.\nNew data.")
    reopened = events(url, high)[-1]
    assert (reopened.kind, reopened.actor, reopened.before["verdict"]) == (
        "re-opened",
        "bob",
        "false",
    )
    assert reopened.after["version"] == 3
    taken = lease(url, "carol", at=datetime.now(UTC))
    assert taken is not None and taken.claim_id == high


def test_the_database_refuses_to_change_or_delete_an_audit_event(
    two_claims: tuple[str, int, int],
) -> None:
    url, high, _ = two_claims
    for statement in (
        update(ReviewEventRow).values(actor="mallory"),
        delete(ReviewEventRow),
    ):
        with unit_of_work(url) as session, pytest.raises(DBAPIError, match="append-only"):
            session.execute(statement)
    if url.startswith("postgresql"):
        with unit_of_work(url) as session, pytest.raises(DBAPIError, match="append-only"):
            session.execute(text("TRUNCATE review_events CASCADE"))
    assert [e.actor for e in events(url, high)] == ["claimdesk"]


def test_downgrading_to_0001_removes_the_guard_and_upgrading_restores_it(migrated_url: str) -> None:
    store(migrated_url, "/a.txt", a_claim("Exports rose 12 percent in 2018."))
    downgrade(migrated_url, "0001")
    upgrade(migrated_url)
    with unit_of_work(migrated_url) as session, pytest.raises(DBAPIError, match="append-only"):
        session.execute(delete(ReviewEventRow))
    with unit_of_work(migrated_url) as session:  # number keys were filled in for old claims
        assert session.scalars(select(ClaimRow.number_key)).one() is not None


def test_a_wire_story_edited_by_two_outlets_is_one_queue_item_with_two_appearances(
    migrated_url: str,
) -> None:
    store(
        migrated_url,
        "https://a.example/1",
        a_claim(
            "Venezuela's opposition leader Juan Guaidó said on Tuesday that 54 countries back him."
        ),
    )
    store(
        migrated_url,
        "https://b.example/2",
        a_claim("Opposition leader Juan Guaidó said Tuesday that 54 countries backed him."),
    )
    store(
        migrated_url,
        "https://c.example/3",
        a_claim("Opposition leader Juan Guaidó said Tuesday that 55 countries backed him."),
    )
    with unit_of_work(migrated_url) as session:
        rows = repository.queued_items(session)
        assert [len(r.appearances) for r in rows] == [2, 1]
        data = rows[0].as_dict()
    assert [a["url"] for a in data["appearances"]] == ["https://a.example/1", "https://b.example/2"]
    assert set(data["appearances"][0]) == {"url", "title", "published", "start", "end"}


def dated_claim(text: str, *days: date | None) -> Claim:
    times = tuple(TimeSpan("on Tuesday", day, day) for day in days)
    return replace(a_claim(text), times=times)


def test_the_same_sentence_about_other_days_is_another_claim(migrated_url: str) -> None:
    """ "On Tuesday, the council approved ..." in a July and an August article are two
    claims to check; the same sentence about the same day is one claim, two appearances."""
    sentence = "On Tuesday, the council approved a budget of 12 million dollars."
    july, august = date(2019, 7, 2), date(2019, 8, 20)
    store(migrated_url, "/july.txt", dated_claim(sentence, july))
    store(migrated_url, "/august.txt", dated_claim(sentence, august))
    store(migrated_url, "/july-again.txt", dated_claim(sentence, july))
    store(migrated_url, "/undated.txt", dated_claim(sentence, None))
    with unit_of_work(migrated_url) as session:
        rows = repository.queued_items(session)
        found = sorted(
            (tuple(str(t.start) if t.start else "" for t in r.times), len(r.appearances))
            for r in rows
        )
    assert found == [(("",), 1), (("2019-07-02",), 2), (("2019-08-20",), 1)]


def test_many_reviewers_leasing_at_once_never_get_the_same_claim(migrated_url: str) -> None:
    if migrated_url.startswith("postgresql"):
        seed_queue(migrated_url, 500)
        run = lease_in_processes(migrated_url, processes=8)
        assert (run.total, run.distinct) == (500, 500)
        assert sum(1 for ids in run.leases if ids) > 1  # the work was really shared
    else:  # SQLite serialises writers: a smaller threaded run checks the same property
        seed_queue(migrated_url, 80)
        with ThreadPoolExecutor(4) as pool:
            leases = list(pool.map(lambda n: lease_until_empty(migrated_url, f"r{n}"), range(4)))
        taken = [claim_id for ids in leases for claim_id in ids]
        assert len(taken) == len(set(taken)) == 80
    with unit_of_work(migrated_url) as session:
        kinds = session.scalars(select(ReviewEventRow.kind).where(ReviewEventRow.kind == "leased"))
        assert len(kinds.all()) == (500 if migrated_url.startswith("postgresql") else 80)


def test_the_queue_listing_read_through_core_matches_the_repository(migrated_url: str) -> None:
    store(
        migrated_url,
        "https://a.example/1",
        a_claim("Unemployment fell to 4.1 percent in 2018.", 0.7, 0),
        a_claim("Exports rose 12 percent in 2017.", 0.95, 1),
        a_claim("The city counted 39 new cases on Tuesday.", 0.7, 2),
    )
    assert lease(migrated_url, "alice") is not None  # the top claim, leased, stays listed

    entries = queue_view.queue_entries(migrated_url)
    with unit_of_work(migrated_url) as session:
        claims = repository.queued_items(session)

    assert [(e.id, e.priority, e.status, e.type, e.text) for e in entries] == [
        (c.id, c.priority, c.status, c.type, c.text) for c in claims
    ]
    assert [e.status for e in entries] == ["leased", "queued", "queued"]
    assert queue_view.queue_entries(migrated_url, statuses=("reviewed",)) == []


def _expired_leases(url: str, count: int) -> None:
    """``count`` claims leased to alice until T0, stored row by row in two statements."""
    claim = dict(
        number_key=None,
        score=0.9,
        checkworthy=True,
        type="quantity",
        reasons=[],
        quantities=[],
        times=[],
        speaker=None,
        source=None,
        entities=[],
        in_quote=False,
        flags=[],
        version=1,
        created_at=T0,
    )
    item = dict(
        status="leased",
        priority=0.5,
        leased_by="alice",
        lease_expires_at=T0,
        evidence=[],
        queued_at=T0,
    )
    numbers = range(1, count + 1)
    with unit_of_work(url) as session:
        claims = [claim | {"id": n, "key": f"k{n}", "text": f"Claim {n}."} for n in numbers]
        session.execute(ClaimRow.__table__.insert(), claims)
        items = [item | {"id": n, "claim_id": n} for n in numbers]
        session.execute(ReviewItemRow.__table__.insert(), items)
        session.commit()


def test_a_sweep_returns_more_expired_leases_than_a_statement_takes_values(
    migrated_url: str,
) -> None:
    """70,000 leases running out together (a statement takes at most 65,535 values)."""
    count = 70_000
    _expired_leases(migrated_url, count)
    with unit_of_work(migrated_url) as session:
        returned = queue.expire_leases(session, T0 + timedelta(minutes=1))
        session.commit()
    assert sorted(returned) == list(range(1, count + 1))
    with unit_of_work(migrated_url) as session:
        held = select(ReviewItemRow).where(ReviewItemRow.leased_by.is_not(None))
        assert session.scalars(held.limit(1)).first() is None
        assert session.scalar(select(func.count()).select_from(ReviewEventRow)) == count
