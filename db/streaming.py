"""Reading many claims at once without the ORM: a server-side cursor, a batch at a time.

``export``, ``claims --json``, ``queue`` and ``export-claimreview`` read claims through
here. The claims and their review items come from one streamed query (``yield_per``:
a server-side cursor on PostgreSQL, batches on SQLite); each batch's appearances, the
documents not read yet and, for the checklist, the text around each claim (cut out by
the database) are read in a few more queries, one parameter each. Memory holds one
batch, however many match, and nothing is an ORM object, so reading 100,000 claims costs
what building their read models costs: the same ``StoredClaim`` that
``repository.stored_claim`` gives.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Table,
    any_,
    bindparam,
    case,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
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
from db.repository import CONTEXT_WIDTH, context_window

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
# What a StoredClaim holds: not the dedup keys nor created_at, which a listing never shows.
_CLAIM_COLUMNS = (
    "id",
    "text",
    "score",
    "checkworthy",
    "type",
    "reasons",
    "quantities",
    "times",
    "speaker",
    "source",
    "entities",
    "in_quote",
    "flags",
    "version",
)
_SELECTED: list[Any] = [CLAIMS.c[name] for name in _CLAIM_COLUMNS]
_SELECTED += [ITEMS.c[name].label(f"review_{name}") for name in _REVIEW_COLUMNS]
_SELECTED.append(ITEMS.c.id.label("review_id"))
assert len(_CLAIM_COLUMNS) == 14 and len(_REVIEW_COLUMNS) == 9  # as _stored_claim unpacks


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
    documents = _Documents()
    try:
        for rows in result.partitions():
            yield from _claims(session, rows, context, documents)
    finally:  # a caller that stops early closes the server-side cursor now, not at GC
        result.close()


def _among(session: Session, column: Any, ids: Collection[int]) -> ColumnElement[bool]:
    """``column IN ids``; on PostgreSQL ``= ANY(array)``: one parameter, not a thousand
    placeholders for the driver to parse in every batch's query."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(ColumnElement[bool], column == any_(bindparam(None, list(ids), ARRAY(Integer))))
    return cast(ColumnElement[bool], column.in_(ids))


def _claims(
    session: Session, rows: Sequence[Any], context: bool, documents: _Documents
) -> Iterator[WithContext]:
    ids = [row[0] for row in rows]
    appearances: dict[int, list[tuple[int, int, int, int]]] = {}
    query = (
        select(APPEARANCES.c.claim_id, APPEARANCES.c.id, APPEARANCES.c.document_id)
        .add_columns(APPEARANCES.c.start, APPEARANCES.c.end)
        .where(_among(session, APPEARANCES.c.claim_id, ids))
        .order_by(APPEARANCES.c.id)
    )
    for claim_id, appearance_id, document_id, start, end in session.execute(query).all():
        appearances.setdefault(claim_id, []).append((appearance_id, document_id, start, end))
    documents.read(session, {a[1] for found in appearances.values() for a in found})
    firsts = [found[0][0] for found in appearances.values()]
    contexts = _contexts(session, firsts) if context else {}
    for row in rows:
        found = appearances.get(row[0], [])
        stored = tuple(StoredAppearance(documents[d], start, end) for _, d, start, end in found)
        claim = _stored_claim(row, stored)
        yield WithContext(claim, contexts.get(found[0][0], "") if found else "")


class _Documents:
    """The documents a listing has named so far (not their texts), read as batches need them.

    Claims in priority order come from documents all over the store; most documents hold
    several claims, so a document read for one batch is often wanted again. At most
    LIMIT are kept.
    """

    LIMIT = 50_000

    def __init__(self) -> None:
        self._known: dict[int, StoredDocument] = {}

    def __getitem__(self, document_id: int) -> StoredDocument:
        return self._known[document_id]

    def read(self, session: Session, wanted: set[int]) -> None:
        missing = wanted - self._known.keys()
        if not missing:
            return
        if len(self._known) + len(missing) > self.LIMIT:
            self._known = {d: self._known[d] for d in wanted & self._known.keys()}
        columns = [DOCUMENTS.c.id, DOCUMENTS.c.location, DOCUMENTS.c.title, DOCUMENTS.c.published]
        columns.append(DOCUMENTS.c.published_source)
        query = select(*columns).where(_among(session, DOCUMENTS.c.id, missing))
        for document_id, location, title, published, source in session.execute(query).all():
            self._known[document_id] = StoredDocument(location, title, published, source)


def _contexts(session: Session, appearance_ids: list[int]) -> dict[int, str]:
    """The text around each of these appearances, by appearance id.

    The database cuts the window out of the document, so a batch reads a few hundred
    characters a claim, not the whole text of every document; one character more than
    the window says whether the text goes on after it (``length(text)`` would read
    every document whole).
    """
    if not appearance_ids:
        return {}
    start, end = APPEARANCES.c.start, APPEARANCES.c.end
    left = case((start > CONTEXT_WIDTH, start - CONTEXT_WIDTH), else_=0)
    window = func.substr(DOCUMENTS.c.text, left + 1, end + CONTEXT_WIDTH - left + 1)
    query = (
        select(APPEARANCES.c.id, start, end, left, window)
        .join_from(APPEARANCES, DOCUMENTS, DOCUMENTS.c.id == APPEARANCES.c.document_id)
        .where(_among(session, APPEARANCES.c.id, appearance_ids))
    )
    found: dict[int, str] = {}
    for appearance_id, first, last, cut, text in session.execute(query).all():
        width = last + CONTEXT_WIDTH - cut  # the window's length when the text goes on
        text = text or ""
        found[appearance_id] = context_window(
            text[:width], first - cut, last - cut, cut > 0, len(text) > width
        )
    return found


def _stored_claim(row: Any, appearances: tuple[StoredAppearance, ...]) -> StoredClaim:
    # The row is a tuple in _SELECTED's order: unpacking it is faster than its attributes.
    (id_, text, score, checkworthy, type_, reasons, quantities, times, speaker, source) = row[:10]
    entities, in_quote, flags, version = row[10:14]
    (status, priority, leased_by, _, verdict, evidence, notes, reviewer, reviewed_at, review_id) = (
        row[14:]
    )
    queued = review_id is not None
    return StoredClaim(
        id=id_,
        text=text,
        score=score,
        checkworthy=checkworthy,
        type=type_,
        reasons=tuple(reasons),
        quantities=tuple(map(quantity_from_json, quantities)) if quantities else (),
        times=tuple(map(time_from_json, times)) if times else (),
        speaker=speaker,
        source=source,
        entities=tuple(map(entity_from_json, entities)) if entities else (),
        in_quote=in_quote,
        flags=tuple(flags),
        status=status if queued else "not_queued",
        priority=priority if queued else None,
        version=version,
        verdict=verdict if queued else None,
        evidence=tuple(evidence or ()) if queued else (),
        notes=notes if queued else None,
        reviewer=reviewer if queued else None,
        reviewed_at=reviewed_at if queued else None,
        leased_by=leased_by if queued and status == "leased" else None,
        appearances=appearances,
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
