"""Reading many claims at once without the ORM: a server-side cursor, a batch at a time.

``export``, ``claims --json``, ``queue`` and ``export-claimreview`` read claims through
here. The claims and their review items come from one streamed query (``yield_per``:
a server-side cursor on PostgreSQL, batches on SQLite); each batch's appearances and
documents are read in two more queries. Memory holds one batch, however many match, and
nothing is an ORM object, so reading 100,000 claims costs what building their read
models costs: the same ``StoredClaim`` that ``repository.stored_claim`` gives.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, func, select
from sqlalchemy.orm import Session

from claims.stored import (
    StoredAppearance,
    StoredClaim,
    StoredDocument,
    entity_from_json,
    quantity_from_json,
    time_from_json,
)
from db.models import AppearanceRow, ClaimRow, DocumentRow, ReviewItemRow
from db.repository import context_around

CLAIMS = cast(Table, ClaimRow.__table__)
ITEMS = cast(Table, ReviewItemRow.__table__)
APPEARANCES = cast(Table, AppearanceRow.__table__)
DOCUMENTS = cast(Table, DocumentRow.__table__)
BATCH = 1000

_REVIEW_COLUMNS = (
    "status",
    "priority",
    "leased_by",
    "lease_expires_at",
    "verdict",
    "evidence",
    "notes",
    "reviewer",
    "reviewed_at",
)
_SELECTED = [*CLAIMS.c, *(ITEMS.c[name].label(f"review_{name}") for name in _REVIEW_COLUMNS)]
_SELECTED.append(ITEMS.c.id.label("review_id"))


@dataclass(frozen=True)
class Page:
    """Which slice of a listing: ``limit`` rows (None: all) after skipping ``offset``."""

    limit: int | None = None
    offset: int = 0


def queue_order(query: Select[Any]) -> Select[Any]:
    """The lease order: highest priority first, then the oldest queue item."""
    return query.order_by(ITEMS.c.priority.desc(), ITEMS.c.id)


def claim_order(query: Select[Any]) -> Select[Any]:
    return query.order_by(CLAIMS.c.id)


def claims_query(
    where: Sequence[ColumnElement[bool]] = (), queued_only: bool = True
) -> Select[Any]:
    """Claims with their review items (claims not queued too, unless ``queued_only``)."""
    join = CLAIMS.join(ITEMS, ITEMS.c.claim_id == CLAIMS.c.id, isouter=not queued_only)
    return select(*_SELECTED).select_from(join).where(*where)


@dataclass(frozen=True)
class WithContext:
    """A claim and the text around its first appearance (for the checklist)."""

    claim: StoredClaim
    context: str


def stream(
    session: Session, query: Select[Any], page: Page = Page(), batch: int = BATCH
) -> Iterator[StoredClaim]:
    """Each claim the (ordered) query selects, a batch of rows at a time."""
    for found in _stream(session, query, page, batch, context=False):
        yield found.claim


def stream_with_context(
    session: Session, query: Select[Any], page: Page = Page(), batch: int = BATCH
) -> Iterator[WithContext]:
    """Each claim the query selects with the text around its first appearance."""
    yield from _stream(session, query, page, batch, context=True)


def _stream(
    session: Session, query: Select[Any], page: Page, batch: int, context: bool
) -> Iterator[WithContext]:
    if page.limit is not None:
        query = query.limit(page.limit)
    if page.offset:
        query = query.offset(page.offset)
    result = session.execute(query.execution_options(yield_per=batch))
    for rows in result.partitions():
        yield from _claims(session, rows, context)


def _claims(session: Session, rows: Sequence[Any], context: bool) -> Iterator[WithContext]:
    ids = [row.id for row in rows]
    appearances: dict[int, list[Any]] = {}
    query = (
        select(APPEARANCES.c.claim_id, APPEARANCES.c.document_id, APPEARANCES.c.start)
        .add_columns(APPEARANCES.c.end)
        .where(APPEARANCES.c.claim_id.in_(ids))
        .order_by(APPEARANCES.c.id)
    )
    for appearance in session.execute(query):
        appearances.setdefault(appearance.claim_id, []).append(appearance)
    document_ids = {a.document_id for found in appearances.values() for a in found}
    columns = [DOCUMENTS.c.id, DOCUMENTS.c.location, DOCUMENTS.c.title, DOCUMENTS.c.published]
    columns.append(DOCUMENTS.c.published_source)
    if context:
        columns.append(DOCUMENTS.c.text)
    documents: dict[int, Any] = {}
    texts: dict[int, str] = {}
    for d in session.execute(select(*columns).where(DOCUMENTS.c.id.in_(document_ids))):
        documents[d.id] = StoredDocument(d.location, d.title, d.published, d.published_source)
        texts[d.id] = d.text if context else ""
    for row in rows:
        found = appearances.get(row.id, [])
        claim = _stored_claim(row, [(documents[a.document_id], a) for a in found])
        text = ""
        if context and found:
            first = found[0]
            text = context_around(texts[first.document_id], first.start, first.end)
        yield WithContext(claim, text)


def _stored_claim(row: Any, appearances: list[tuple[StoredDocument, Any]]) -> StoredClaim:
    queued = row.review_id is not None
    return StoredClaim(
        id=row.id,
        text=row.text,
        score=row.score,
        checkworthy=row.checkworthy,
        type=row.type,
        reasons=tuple(row.reasons),
        quantities=tuple(quantity_from_json(q) for q in row.quantities),
        times=tuple(time_from_json(t) for t in row.times),
        speaker=row.speaker,
        source=row.source,
        entities=tuple(entity_from_json(e) for e in row.entities),
        in_quote=row.in_quote,
        flags=tuple(row.flags),
        status=row.review_status if queued else "not_queued",
        priority=row.review_priority if queued else None,
        version=row.version,
        verdict=row.review_verdict if queued else None,
        evidence=tuple(row.review_evidence or []) if queued else (),
        notes=row.review_notes if queued else None,
        reviewer=row.review_reviewer if queued else None,
        reviewed_at=row.review_reviewed_at if queued else None,
        leased_by=row.review_leased_by if queued and row.review_status == "leased" else None,
        appearances=tuple(StoredAppearance(d, a.start, a.end) for d, a in appearances),
    )


def queue_page(
    session: Session, page: Page = Page(), statuses: Sequence[str] = ("queued", "leased")
) -> Iterator[StoredClaim]:
    """Claims in the queue in the lease order (``claimdesk queue``), a page of them."""
    query = claims_query([ITEMS.c.status.in_(statuses)])
    return stream(session, queue_order(query), page)


def claims_page(
    session: Session, page: Page = Page(), checkworthy_only: bool = True
) -> Iterator[StoredClaim]:
    """Stored claims in the order they were first seen (``claimdesk claims``)."""
    where = [CLAIMS.c.checkworthy.is_(True)] if checkworthy_only else []
    return stream(session, claim_order(claims_query(where, queued_only=False)), page)


def count_in_queue(session: Session, statuses: Sequence[str] = ("queued", "leased")) -> int:
    query = select(func.count()).select_from(ITEMS).where(ITEMS.c.status.in_(statuses))
    return session.scalar(query) or 0
