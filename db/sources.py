"""Sources that `poll` reads (feeds, pages, folders) and the feed entries they listed.

Helpers here never commit: the caller's unit of work decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims.sources import (
    KINDS,
    MIN_EVERY_SECONDS,
    InvalidSource,
    SourceError,
)
from db.models import SourceEntryRow, SourceRow

AddResult = Literal["added", "updated", "unchanged"]


class UnknownSource(SourceError):
    """No source has this location or id."""


@dataclass(frozen=True)
class EntryRecord:
    """What happened to one feed entry in a poll, to be remembered."""

    url: str
    title: str
    published: date | None
    status: str  # pending, done, failed
    error: str | None = None


def add_source(
    session: Session, location: str, kind: str, every_seconds: int
) -> tuple[SourceRow, AddResult]:
    """Add a source, or update the kind and schedule of the one at this location."""
    if kind not in KINDS:
        raise InvalidSource(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    row = session.scalars(select(SourceRow).where(SourceRow.location == location)).first()
    if row is not None:
        if (row.kind, row.every_seconds) == (kind, every_seconds):
            return row, "unchanged"
        if row.kind != kind:  # validators and entries belong to the old reading
            row.etag = row.last_modified = None
        row.kind, row.every_seconds = kind, every_seconds
        session.flush()
        return row, "updated"
    row = SourceRow(
        location=location,
        kind=kind,
        every_seconds=every_seconds,
        documents_found=0,
        created_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    return row, "added"


def find_source(session: Session, key: str) -> SourceRow:
    """The source with this location, or this id; else ``UnknownSource``."""
    row = session.scalars(select(SourceRow).where(SourceRow.location == key)).first()
    if row is None and key.isdigit():
        row = session.get(SourceRow, int(key))
    if row is None:
        raise UnknownSource(f"no source {key!r}; `claimdesk sources list` shows them")
    return row


def remove_source(session: Session, key: str) -> SourceRow:
    """Delete a source and its remembered entries; the documents it brought stay."""
    row = find_source(session, key)
    session.delete(row)
    session.flush()
    return row


def list_sources(
    session: Session,
    *,
    locations: Sequence[str] | None = None,
    due_at: datetime | None = None,
) -> list[SourceRow]:
    """Sources in the order they were added, optionally only some, or only those due."""
    query = select(SourceRow).order_by(SourceRow.id)
    if locations is not None:
        query = query.where(SourceRow.location.in_(locations))
    rows = list(session.scalars(query))
    if due_at is not None:
        rows = [row for row in rows if is_due(row, due_at)]
    return rows


def is_due(row: SourceRow, at: datetime) -> bool:
    """Never polled, or polled at least its interval ago (a minute's slack for scheduling)."""
    if row.last_polled_at is None:
        return True
    elapsed = at - row.last_polled_at
    return elapsed >= timedelta(seconds=row.every_seconds - MIN_EVERY_SECONDS)


def entry_statuses(session: Session, source_id: int, urls: Sequence[str]) -> dict[str, str]:
    """The remembered status of each of these entry URLs of a source (unknown ones absent)."""
    if not urls:
        return {}
    rows = session.execute(
        select(SourceEntryRow.url, SourceEntryRow.status).where(
            SourceEntryRow.source_id == source_id, SourceEntryRow.url.in_(set(urls))
        )
    )
    return {url: status for url, status in rows}


def pending_entries(session: Session, source_id: int) -> list[SourceEntryRow]:
    """Entries whose page could not be read yet, oldest first."""
    return list(
        session.scalars(
            select(SourceEntryRow)
            .where(SourceEntryRow.source_id == source_id, SourceEntryRow.status == "pending")
            .order_by(SourceEntryRow.id)
        )
    )


def record_poll(
    session: Session,
    source_id: int,
    *,
    polled_at: datetime,
    error: str | None,
    new_documents: int = 0,
    validators: tuple[str | None, str | None] | None = None,
    entries: Sequence[EntryRecord] = (),
) -> SourceRow | None:
    """Remember what a poll did; None when the source was removed meanwhile.

    ``validators`` (ETag, Last-Modified) replace the stored ones when given: leave them out
    when what they describe was not stored, so the next poll does not get a 304 for it.
    """
    row = session.get(SourceRow, source_id)
    if row is None:
        return None
    row.last_polled_at = polled_at
    row.last_error = error
    row.documents_found += new_documents
    if validators is not None:
        row.etag, row.last_modified = validators
    known = {
        entry.url: entry
        for entry in session.scalars(
            select(SourceEntryRow).where(
                SourceEntryRow.source_id == source_id,
                SourceEntryRow.url.in_({e.url for e in entries}),
            )
        )
    }
    for record in entries:
        entry = known.get(record.url)
        if entry is None:
            entry = SourceEntryRow(
                source_id=source_id,
                url=record.url,
                title=record.title,
                published=record.published,
                attempts=0,
                seen_at=polled_at,
            )
            session.add(entry)
            known[record.url] = entry
        entry.status, entry.error = record.status, record.error
        entry.attempts += 1
        entry.fetched_at = polled_at
    session.flush()
    return row
