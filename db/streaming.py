"""Reading many claims at once without the ORM: a server-side cursor, a batch at a time.

``export``, ``claims --json``, ``queue`` and ``export-claimreview`` read claims through
here. The claims and their review items come from one streamed query (``yield_per``:
a server-side cursor on PostgreSQL, batches on SQLite); each batch's appearances and
documents are read in two more queries. Memory holds one batch, however many match, and
nothing is an ORM object, so reading 100,000 claims costs what building their dicts
costs. The dicts have the shape of ``repository.claim_as_dict``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, func, select
from sqlalchemy.orm import Session

from db.models import AppearanceRow, ClaimRow, DocumentRow, ReviewItemRow
from db.repository import claim_dict, context_around

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


def stream(
    session: Session,
    query: Select[Any],
    page: Page = Page(),
    context: bool = False,
    batch: int = BATCH,
) -> Iterator[dict[str, Any]]:
    """Each claim the (ordered) query selects as a dict; ``context``: with ``"context"``."""
    if page.limit is not None:
        query = query.limit(page.limit)
    if page.offset:
        query = query.offset(page.offset)
    result = session.execute(query.execution_options(yield_per=batch))
    for rows in result.partitions():
        yield from _dicts(session, rows, context)


def _dicts(session: Session, rows: Sequence[Any], context: bool) -> Iterator[dict[str, Any]]:
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
    if context:
        columns.append(DOCUMENTS.c.text)
    documents: dict[int, Mapping[str, Any]] = {
        d.id: dict(d._mapping)
        for d in session.execute(select(*columns).where(DOCUMENTS.c.id.in_(document_ids)))
    }
    for row in rows:
        values = row._mapping
        review = (
            {name: values[f"review_{name}"] for name in _REVIEW_COLUMNS}
            if values["review_id"] is not None
            else None
        )
        found = [(documents[a.document_id], a.start, a.end) for a in appearances.get(row.id, [])]
        data = claim_dict(values, review, found)
        if context:
            document, start, end = found[0] if found else ({"text": ""}, 0, 0)
            data["context"] = context_around(document["text"], start, end)
        yield data


def queue_page(
    session: Session, page: Page = Page(), statuses: Sequence[str] = ("queued", "leased")
) -> Iterator[dict[str, Any]]:
    """Claims in the queue in the lease order (``claimdesk queue``), a page of them."""
    query = claims_query([ITEMS.c.status.in_(statuses)])
    return stream(session, queue_order(query), page)


def claims_page(
    session: Session, page: Page = Page(), checkworthy_only: bool = True
) -> Iterator[dict[str, Any]]:
    """Stored claims in the order they were first seen (``claimdesk claims``)."""
    where = [CLAIMS.c.checkworthy.is_(True)] if checkworthy_only else []
    return stream(session, claim_order(claims_query(where, queued_only=False)), page)


def count_in_queue(session: Session, statuses: Sequence[str] = ("queued", "leased")) -> int:
    query = select(func.count()).select_from(ITEMS).where(ITEMS.c.status.in_(statuses))
    return session.scalar(query) or 0
