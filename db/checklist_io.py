"""The checklist CSV: streamed export with filters, and a validated all-or-nothing import.

Export reads claims in batches from a server-side cursor (db.streaming, no ORM objects)
and writes each row as it goes, so memory stays flat however many claims match. Import
reads the whole file and validates every row before changing anything; it then applies
every change in the caller's transaction, or none. Errors name the row a spreadsheet
shows (the header is row 1), however many lines a multi-line cell takes in the file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from claims.checklist import COLUMNS, checklist_cells, unescape_cell
from claims.claimreview import InvalidEvidence, InvalidVerdict, parse_evidence, parse_verdict
from claims.errors import ClaimdeskError
from db.filters import ClaimFilter, conditions
from db.models import ReviewItemRow
from db.queue import QueueError, record_verdict
from db.repository import now
from db.split_export import write_halves
from db.streaming import CLAIMS, ITEMS, Page, claims_query, stream_with_context

MAX_REVIEWER = 200  # the width of the reviewer columns
MAX_INTEGER = 2**31 - 1  # PostgreSQL INTEGER
REQUIRED_COLUMNS = ("claim_id", "version", "verdict", "evidence", "notes", "reviewer")
BATCH = 1000  # claims read at a time
EVERY_ROW = Page()

ExportFilter = ClaimFilter  # which queued claims a checklist holds (db.filters)


class ChecklistError(ClaimdeskError):
    """One cell, row or header of a checklist CSV is invalid."""

    def __init__(self, row: int, column: str | None, problem: str) -> None:
        where = f"row {row}" + (f", column {column}" if column else "")
        super().__init__(f"{where}: {problem}")
        self.row, self.column, self.problem = row, column, problem


class ChecklistInvalid(ClaimdeskError):
    """A checklist has invalid rows, so nothing of it was imported."""

    def __init__(self, errors: Sequence[ChecklistError]) -> None:
        rows = len({e.row for e in errors})
        super().__init__(f"{rows} bad row{'s' if rows != 1 else ''}; nothing was imported")
        self.errors = list(errors)


@dataclass(frozen=True)
class Change:
    """A verdict a checklist row records."""

    row: int  # as a spreadsheet numbers it: the header is row 1
    claim_id: int
    version: int
    verdict: str
    evidence: list[str]
    notes: str | None
    reviewer: str
    previous: str | None  # the verdict it replaces


@dataclass
class ImportPlan:
    """What importing a checklist would change."""

    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0  # rows that record what the database holds already
    empty: int = 0  # rows with no verdict


def write_checklist(
    session: Session, handle: TextIO, filters: ExportFilter, processes: int = 1
) -> int:
    """Write the checklist rows of the claims that match; how many were written.

    ``processes=2`` on PostgreSQL: a large export is written in two halves at once
    (db.split_export), the same rows in the same order.
    """
    writer = csv.writer(handle)
    writer.writerow(COLUMNS)
    if processes > 1 and session.get_bind().dialect.name == "postgresql":
        return write_halves(
            session,
            handle,
            checklist_query(filters),
            lambda reading, rows, page: write_rows(reading, rows, filters, page),
        )
    return write_rows(session, writer, filters)


def write_rows(session: Session, writer: Any, filters: ExportFilter, page: Page = EVERY_ROW) -> int:
    """Write the rows of ``page`` of the matching claims to a csv ``writer``; how many."""
    count = 0
    for cells in _checklist_cells(session, filters, page):
        writer.writerow(cells)
        count += 1
    return count


def checklist_rows(session: Session, filters: ExportFilter) -> Iterator[dict[str, str]]:
    """Checklist rows, highest priority first, read a batch at a time (db.streaming)."""
    for cells in _checklist_cells(session, filters):
        yield dict(zip(COLUMNS, cells, strict=True))


def checklist_query(filters: ExportFilter) -> Select[Any]:
    """The matching claims in the checklist's order: highest priority first."""
    query = claims_query(conditions(filters))
    return query.order_by(ITEMS.c.priority.desc(), CLAIMS.c.id)


def _checklist_cells(
    session: Session, filters: ExportFilter, page: Page = EVERY_ROW
) -> Iterator[list[str]]:
    for found in stream_with_context(session, checklist_query(filters), page, batch=BATCH):
        yield checklist_cells(found.claim, found.context)


@dataclass(frozen=True)
class _Row:
    row: int
    claim_id: int
    version: int
    verdict: str | None
    evidence: list[str]
    notes: str | None
    reviewer: str


def plan_import(session: Session, lines: Iterable[str], reviewer: str) -> ImportPlan:
    """Validate every row of a filled-in checklist; raise ChecklistInvalid naming each bad one.

    A row records a verdict when its verdict cell is filled in; its reviewer cell, when
    empty, is ``reviewer``. Rows that record what the database holds already change
    nothing, so importing the same file twice, or an untouched export, changes nothing.
    A row without a verdict is skipped, whatever happened to its claim since the export;
    only evidence or notes typed into it for an unchanged claim are an error.
    """
    errors: list[ChecklistError] = []
    rows = _parse(lines, reviewer, errors)
    items = _items(session, [r.claim_id for r in rows])
    plan = ImportPlan()
    at = now()
    for row in rows:
        item = items.get(row.claim_id)
        if item is None:
            errors.append(ChecklistError(row.row, "claim_id", f"unknown claim id {row.claim_id}"))
            continue
        stored = (item.evidence or [], item.notes or None)
        if row.verdict is None:
            typed = (row.evidence, row.notes) != stored
            if typed and row.version == item.claim.version:
                problem = "evidence or notes without a verdict: fill in the verdict"
                errors.append(ChecklistError(row.row, "verdict", problem))
            plan.empty += 1
            continue
        if item.status == "reviewed" and (item.verdict, item.reviewer, *stored) == (
            row.verdict,
            row.reviewer,
            row.evidence,
            row.notes,
        ):
            plan.unchanged += 1
            continue
        if row.version != item.claim.version:
            problem = (
                f"claim {row.claim_id} changed since this checklist was exported (version "
                f"{row.version} here, {item.claim.version} now): export it again"
            )
            errors.append(ChecklistError(row.row, "version", problem))
            continue
        holder, expires = item.leased_by, item.lease_expires_at
        if item.status == "leased" and holder != row.reviewer and expires and expires > at:
            problem = f"claim {row.claim_id} is leased by {holder} until {expires:%Y-%m-%d %H:%M}"
            errors.append(ChecklistError(row.row, "claim_id", problem))
            continue
        plan.changes.append(
            Change(
                row.row,
                row.claim_id,
                row.version,
                row.verdict,
                row.evidence,
                row.notes,
                row.reviewer,
                item.verdict,
            )
        )
    if errors:
        raise ChecklistInvalid(sorted(errors, key=lambda e: e.row))
    return plan


def apply_import(session: Session, plan: ImportPlan, actor: str) -> int:
    """Record every change of a validated plan (events of kind ``imported``)."""
    for change in plan.changes:
        try:
            record_verdict(
                session,
                change.claim_id,
                change.verdict,
                change.reviewer,
                change.evidence,
                change.notes,
                actor=actor,
                kind="imported",
                expected_version=change.version,
            )
        except QueueError as exc:  # changed between validation and now
            raise ChecklistInvalid([ChecklistError(change.row, "claim_id", str(exc))]) from exc
    session.flush()
    return len(plan.changes)


def _parse(lines: Iterable[str], reviewer: str, errors: list[ChecklistError]) -> list[_Row]:
    # strict: a quoted cell still open at the end of the file (a file cut off) is an
    # error, not a cell that swallowed the rest of the file.
    reader = csv.DictReader(lines, strict=True)
    number = 0  # the last row read whole: an error is on the next one
    try:
        header = _check_header(reader.fieldnames)
        number = 1
        if header:
            errors.extend(header)
            return []
        rows: list[_Row] = []
        seen: dict[int, int] = {}
        for number, cells in enumerate(reader, start=2):
            row = _parse_row(number, cells, reviewer, errors)
            if row is not None and row.claim_id in seen:
                problem = f"claim {row.claim_id} is also on row {seen[row.claim_id]}"
                errors.append(ChecklistError(number, "claim_id", problem))
            elif row is not None:
                seen[row.claim_id] = number
                rows.append(row)
        return rows
    except UnicodeDecodeError as exc:
        problem = f"not valid {exc.encoding} ({exc.reason}); give the file's --encoding"
        errors.append(ChecklistError(number + 1, None, problem))
    except csv.Error as exc:
        errors.append(ChecklistError(number + 1, None, f"not a readable CSV row: {exc}"))
    return []


def _check_header(names: Sequence[str] | None) -> list[ChecklistError]:
    if not names:
        return [ChecklistError(1, None, "the file is empty: expected a checklist header")]
    if len(names) == 1 and len(names[0].split(";")) > 2:
        problem = (
            "the columns are separated by semicolons, not commas (a spreadsheet's regional "
            "setting): save it as comma-separated CSV, or export it again"
        )
        return [ChecklistError(1, None, problem)]
    problems = [
        ChecklistError(1, name, "missing column") for name in REQUIRED_COLUMNS if name not in names
    ]
    problems += [ChecklistError(1, name, "unknown column") for name in names if name not in COLUMNS]
    repeated = sorted({name for name in names if names.count(name) > 1})
    problems += [ChecklistError(1, name, "column given twice") for name in repeated]
    return problems


def _parse_row(
    line: int, cells: dict[str | Any, Any], reviewer: str, errors: list[ChecklistError]
) -> _Row | None:
    if None in cells:
        errors.append(ChecklistError(line, None, "more cells than the header has columns"))
        return None
    if None in cells.values():  # csv.DictReader's filler for cells the row does not have
        given = sum(value is not None for value in cells.values())
        problem = f"{given} cells where the header has {len(cells)}: is the file cut off?"
        errors.append(ChecklistError(line, None, problem))
        return None
    # Notes are compared exactly as exported: stripping them would make an untouched
    # row differ from what the database holds.
    text = {
        name: unescape_cell(cell if name == "notes" else cell.strip())
        for name in REQUIRED_COLUMNS
        for cell in [cells.get(name) or ""]
    }
    found = len(errors)
    for name, value in text.items():
        if "\x00" in value:  # PostgreSQL refuses NUL in text: say so now, not at apply time
            errors.append(ChecklistError(line, name, "contains a NUL character"))
    if len(text["reviewer"]) > MAX_REVIEWER:
        errors.append(ChecklistError(line, "reviewer", f"longer than {MAX_REVIEWER} characters"))
    claim_id = _integer(line, "claim_id", text["claim_id"], errors)
    version = _integer(line, "version", text["version"], errors)
    verdict: str | None = None
    evidence: list[str] = []
    try:
        verdict = parse_verdict(text["verdict"]) if text["verdict"] else None
    except InvalidVerdict as exc:
        errors.append(ChecklistError(line, "verdict", str(exc)))
    try:
        evidence = parse_evidence([text["evidence"]])
    except InvalidEvidence as exc:
        errors.append(ChecklistError(line, "evidence", str(exc)))
    if len(errors) > found or claim_id is None or version is None:
        return None
    return _Row(
        line,
        claim_id,
        version,
        verdict,
        evidence,
        text["notes"] or None,
        text["reviewer"] or reviewer,
    )


def _integer(line: int, column: str, text: str, errors: list[ChecklistError]) -> int | None:
    try:
        value = int(text)
    except ValueError:
        errors.append(ChecklistError(line, column, f"{text!r} is not a whole number"))
        return None
    if not 0 <= value <= MAX_INTEGER:
        errors.append(ChecklistError(line, column, f"{text!r} is out of range"))
        return None
    return value


def _items(session: Session, claim_ids: list[int]) -> dict[int, ReviewItemRow]:
    items: dict[int, ReviewItemRow] = {}
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start : start + 500]
        query = select(ReviewItemRow).where(ReviewItemRow.claim_id.in_(chunk))
        for item in session.scalars(query.options(selectinload(ReviewItemRow.claim))):
            items[item.claim_id] = item
    return items
