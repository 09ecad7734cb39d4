"""Database failures become one line: locked, read-only, full (real errors, both databases)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from db import failures, queue, repository
from db.models import ReviewEventRow
from db.session import configure, unit_of_work
from tests.integration.test_queue import a_claim, claim_ids, store

HOLD_SQLITE = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
time.sleep(60)
"""


@pytest.fixture
def short_wait() -> Iterator[None]:
    configure(busy_timeout=0.3)
    yield
    configure()


def hold_sqlite(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_SQLITE, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    with holder.stdout:
        assert holder.stdout.readline() == "holding\n"
    return holder


def hold_postgres(url: str) -> tuple[object, object]:
    engine = create_engine(url)
    connection = engine.connect()
    connection.execute(text("LOCK TABLE review_items IN ACCESS EXCLUSIVE MODE"))
    return engine, connection


def counts(url: str) -> tuple[dict[str, int], int]:
    with unit_of_work(url) as session:
        events = session.scalar(select(func.count()).select_from(ReviewEventRow)) or 0
        return repository.counts(session), events


def test_a_lease_behind_another_writer_is_one_line_naming_the_holder(
    migrated_url: str, short_wait: None
) -> None:
    store(migrated_url, "/a.txt", a_claim("Exports rose 12 percent in 2018."))
    before = counts(migrated_url)
    path = failures.sqlite_path(migrated_url)
    holder: subprocess.Popen[str] | None = None
    postgres: tuple[object, object] | None = None
    if path is not None:
        holder = hold_sqlite(path)
    else:
        postgres = hold_postgres(migrated_url)
    started = time.monotonic()
    try:
        with pytest.raises(OperationalError) as caught, unit_of_work(migrated_url) as session:
            queue.lease_next(session, "alice", 30)
            session.commit()
        elapsed = time.monotonic() - started
        failure = failures.explain(caught.value, migrated_url, 0.3)  # while it is held
    finally:
        if holder is not None:
            holder.kill()
            holder.wait()
        if postgres is not None:
            postgres[1].close()  # type: ignore[attr-defined]
            postgres[0].dispose()  # type: ignore[attr-defined]

    assert isinstance(failure, failures.DatabaseLocked)
    where = str(path) if path is not None else failures.safe_url(migrated_url)
    message = str(failure)
    assert message.startswith(f"the database {where} is locked by another writer")
    assert message.endswith(
        "(waited for 0.3 s); try again when it has finished (CLAIMDESK_BUSY_TIMEOUT waits longer)"
    )
    if holder is not None:
        assert f"(pid {holder.pid})" in message
    assert "\n" not in message and elapsed < 10
    assert counts(migrated_url) == before


def test_a_write_to_a_read_only_database_is_one_line(migrated_url: str) -> None:
    store(migrated_url, "/a.txt", a_claim("Exports rose 12 percent in 2018."))
    [claim_id] = claim_ids(migrated_url).values()
    before = counts(migrated_url)
    path = failures.sqlite_path(migrated_url)
    if path is not None:
        # Root ignores file modes: open the file read-only, as a read-only mount would.
        read_only = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        engine = create_engine("sqlite://", creator=lambda: read_only)
        statement = "UPDATE review_items SET status = status"
    else:
        engine = create_engine(
            migrated_url, connect_args={"options": "-c default_transaction_read_only=on"}
        )
        statement = "UPDATE review_items SET status = status"
    with pytest.raises(SQLAlchemyError) as caught, engine.begin() as connection:
        connection.execute(text(statement), {"c": claim_id})
    engine.dispose()
    if path is not None:
        read_only.close()

    failure = failures.explain(caught.value, migrated_url)

    assert isinstance(failure, failures.DatabaseReadOnly)
    assert str(failure).endswith(
        "is read-only: give this user write access to the file and its folder, "
        "or use another CLAIMDESK_DATABASE_URL"
    )
    assert counts(migrated_url) == before


def test_a_full_sqlite_database_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x TEXT)")
    connection.execute("PRAGMA max_page_count = 3")  # what a full disk looks like to SQLite
    engine = create_engine("sqlite://", creator=lambda: connection)
    with pytest.raises(OperationalError) as caught, engine.begin() as session:
        session.execute(text("INSERT INTO t VALUES (:x)"), {"x": "x" * 100_000})
    engine.dispose()
    connection.close()

    failure = failures.explain(caught.value, f"sqlite:///{path}")

    assert str(failure) == (
        f"the disk holding the database {path} is full: free some space and try again "
        "(nothing of this command was stored)"
    )


def test_a_missing_sqlite_file_is_named_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "claimdesk.db"
    with pytest.raises(failures.DatabaseMissing) as caught:
        failures.require_existing(f"sqlite:///{path}")
    assert str(caught.value) == (f"the database {path} does not exist: run `claimdesk init` first")
    assert not path.exists()
