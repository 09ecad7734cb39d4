"""A large export written by two processes gives the rows one process writes, on SQLite
(where it is one process) and PostgreSQL (a fork reading the parent's snapshot)."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from db import checklist_io, split_export
from db.checklist_io import ExportFilter
from db.lease_load import seed_queue
from db.session import get_engine, unit_of_work
from flows.files import atomic_write


def exported(url: str, processes: int, filters: ExportFilter | None = None) -> str:
    handle = io.StringIO()
    with unit_of_work(url) as session:
        count = checklist_io.write_checklist(session, handle, filters or ExportFilter(), processes)
    found = handle.getvalue()
    assert count == len(found.splitlines()) - 1  # one line a claim, and the header
    return found


@pytest.fixture
def queued(migrated_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    seed_queue(migrated_url, 120, per_document=40)
    monkeypatch.setattr(split_export, "SPLIT_FROM", 10)
    monkeypatch.setattr(checklist_io, "BATCH", 16)  # several batches in each half
    return migrated_url


def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pid of each child the split export forks, from this process."""
    made: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(split_export.os, "fork", fork)
    return made


def test_two_processes_write_the_rows_one_writes_in_its_order(
    queued: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    children = forks(monkeypatch)
    one = exported(queued, 1)
    assert len(one.splitlines()) == 121
    assert exported(queued, 2) == one
    only_some = ExportFilter(min_score=0.8)
    assert exported(queued, 2, only_some) == exported(queued, 1, only_some)
    postgres = queued.startswith("postgresql")
    assert len(children) == (2 if postgres else 0)


def test_a_small_export_is_not_split(queued: str, monkeypatch: pytest.MonkeyPatch) -> None:
    children = forks(monkeypatch)
    monkeypatch.setattr(split_export, "SPLIT_FROM", 121)
    assert exported(queued, 2) == exported(queued, 1)
    assert children == []


def test_the_halves_are_read_in_one_snapshot_while_the_queue_changes(
    queued: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not queued.startswith("postgresql"):
        pytest.skip("SQLite exports in one process, one transaction")
    before = exported(queued, 1)
    start = split_export._Half.__init__

    def reorder_then_start(half: Any, *args: Any) -> None:
        # Committed after the parent's snapshot and before the child reads: without the
        # shared snapshot the child would see the last claim moved to the top.
        with get_engine(queued).begin() as connection:
            last = "(SELECT max(id) FROM review_items)"
            connection.execute(text(f"UPDATE review_items SET priority = 5 WHERE id = {last}"))
        start(half, *args)

    monkeypatch.setattr(split_export._Half, "__init__", reorder_then_start)
    assert exported(queued, 2) == before
    after = exported(queued, 1)
    assert after != before  # the change is there for an export that starts after it


def test_a_failing_half_fails_the_export_and_writes_nothing(
    queued: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if not queued.startswith("postgresql"):
        pytest.skip("SQLite exports in one process")
    rows = checklist_io.write_rows

    def second_half_breaks(session: Any, writer: Any, filters: Any, page: Any = None) -> int:
        if page is not None and page.offset:
            raise OSError("No space left on device")
        return rows(session, writer, filters, *([page] if page else []))

    monkeypatch.setattr(checklist_io, "write_rows", second_half_breaks)
    target = tmp_path / "checklist.csv"
    with (
        pytest.raises(split_export.HalfFailed, match="No space left on device"),
        unit_of_work(queued) as session,
        atomic_write(target) as handle,
    ):
        checklist_io.write_checklist(session, handle, ExportFilter(), 2)
    assert list(tmp_path.iterdir()) == []
