"""What the application asks of the database. Helpers here never commit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, bindparam, func, select
from sqlalchemy.orm import Session, selectinload

from claims.dedup import claim_key, near_duplicate, number_key, resolved_days
from claims.model import Claim, Document
from claims.priority import priority
from claims.stored import (
    StoredAppearance,
    StoredClaim,
    StoredDocument,
    entity_from_json,
    quantity_from_json,
    time_from_json,
)
from db.audit import append_events
from db.models import AppearanceRow, ClaimRow, DocumentRow, ReviewItemRow

SYSTEM_ACTOR = "claimdesk"
CLAIMS = cast(Table, ClaimRow.__table__)
ITEMS = cast(Table, ReviewItemRow.__table__)
APPEARANCES = cast(Table, AppearanceRow.__table__)


@dataclass
class StoreResult:
    """What storing one document's claims changed."""

    new_claims: int = 0
    appearances: int = 0
    queued: int = 0


def now() -> datetime:
    return datetime.now(UTC)


def find_document(session: Session, location: str, content_hash: str) -> DocumentRow | None:
    return session.scalars(
        select(DocumentRow).where(
            DocumentRow.location == location, DocumentRow.content_hash == content_hash
        )
    ).first()


def known_documents(
    session: Session, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], date | None]:
    """Which of these (location, content_hash) pairs are stored already, with the
    publication date each was stored with."""
    hashes = {h for _, h in keys}
    if not hashes:
        return {}
    wanted = set(keys)
    rows = session.execute(
        select(DocumentRow.location, DocumentRow.content_hash, DocumentRow.published).where(
            DocumentRow.content_hash.in_(hashes)
        )
    )
    return {(loc, h): day for loc, h, day in rows if (loc, h) in wanted}


def add_document(session: Session, document: Document, sentences: int) -> DocumentRow:
    row = DocumentRow(
        location=document.location,
        title=document.title,
        published=document.published,
        date_source=document.date_source,
        published_source=document.date_origin[:300],
        content_hash=document.content_hash,
        text=document.text,
        sentences=sentences,
        created_at=now(),
    )
    session.add(row)
    session.flush()
    return row


@dataclass
class _Stored:
    """What storing needs to know of a claim, stored or about to be (no ORM object)."""

    id: int
    key: str
    number_key: str | None
    text: str
    score: float
    checkworthy: bool
    type: str
    queued: bool  # it has a review item


def store_claims(session: Session, document: DocumentRow, claims: Sequence[Claim]) -> StoreResult:
    """Record each sentence as a claim and queue the checkworthy ones.

    A sentence identical to a stored claim, or a near-duplicate of one with the same
    numbers, both about the same days (claims.dedup), becomes another appearance of that
    claim: candidates are
    looked up by the indexed key and number key, never by scanning stored claims. The
    work is a few bulk statements per document (Core, no ORM objects), not a round trip
    per sentence.
    """
    result = StoreResult()
    days = [resolved_days(c.times) for c in claims]
    keys = [  # each hashed once
        (claim_key(c.text, when), number_key(c.text, when))
        for c, when in zip(claims, days, strict=True)
    ]
    existing = _stored_by_key(session, {key for key, _ in keys})
    near = _stored_by_number_key(session, {numbers for _, numbers in keys})
    targets: list[_Stored] = []
    created: list[tuple[_Stored, dict[str, Any]]] = []
    for claim, (key, numbers) in zip(claims, keys, strict=True):
        stored = existing.get(key) or _near_duplicate_of(claim, near.get(numbers or "", []))
        if stored is None:
            values = _claim_values(key, numbers, claim)
            stored = existing[key] = _Stored(
                0, key, numbers, claim.text, claim.score, claim.checkworthy, claim.type, False
            )
            created.append((stored, values))
            if numbers:
                near.setdefault(numbers, []).append(stored)
            result.new_claims += 1
        targets.append(stored)
    if created:  # one bulk INSERT … RETURNING gives every new claim its id, in order
        inserted = session.execute(
            CLAIMS.insert().returning(CLAIMS.c.id, sort_by_parameter_order=True),
            [values for _, values in created],
        )
        for (stored, _), claim_id in zip(created, inserted.scalars(), strict=True):
            stored.id = claim_id
    earlier = _appearance_counts(session, {stored.id for stored in targets})
    if targets:
        session.execute(
            APPEARANCES.insert(),
            [
                {
                    "claim_id": stored.id,
                    "document_id": document.id,
                    "sentence_index": claim.sentence.index,
                    "paragraph": claim.sentence.paragraph,
                    "start": claim.sentence.start,
                    "end": claim.sentence.end,
                }
                for claim, stored in zip(claims, targets, strict=True)
            ],
        )
    result.appearances = len(targets)
    here = Counter(stored.id for stored in targets)
    queued = {stored.id: stored for stored in targets if stored.checkworthy}
    result.queued = _queue(session, queued.values(), earlier, here)
    return result


def _appearance_counts(session: Session, claim_ids: set[int]) -> dict[int, int]:
    if not claim_ids:
        return {}
    query = (
        select(APPEARANCES.c.claim_id, func.count())
        .where(APPEARANCES.c.claim_id.in_(claim_ids))
        .group_by(APPEARANCES.c.claim_id)
    )
    return {claim_id: count for claim_id, count in session.execute(query)}


_STORED_COLUMNS = (
    CLAIMS.c.id,
    CLAIMS.c.key,
    CLAIMS.c.number_key,
    CLAIMS.c.text,
    CLAIMS.c.score,
    CLAIMS.c.checkworthy,
    CLAIMS.c.type,
    ITEMS.c.id.isnot(None).label("queued"),
)


def _stored(where: ColumnElement[bool]) -> Select[Any]:
    join = CLAIMS.outerjoin(ITEMS, ITEMS.c.claim_id == CLAIMS.c.id)
    return select(*_STORED_COLUMNS).select_from(join).where(where).order_by(CLAIMS.c.id)


def _stored_by_key(session: Session, keys: set[str]) -> dict[str, _Stored]:
    if not keys:
        return {}
    rows = session.execute(_stored(CLAIMS.c.key.in_(keys)))
    return {row.key: _Stored(*row) for row in rows}


def _stored_by_number_key(session: Session, keys: set[str | None]) -> dict[str, list[_Stored]]:
    wanted = {k for k in keys if k}
    found: dict[str, list[_Stored]] = {}
    if not wanted:
        return found
    for row in session.execute(_stored(CLAIMS.c.number_key.in_(wanted))):
        found.setdefault(row.number_key or "", []).append(_Stored(*row))
    return found


def _near_duplicate_of(claim: Claim, candidates: list[_Stored]) -> _Stored | None:
    """The first stored claim (with the same numbers) this one restates, equally checkworthy."""
    for stored in candidates:
        if stored.checkworthy == claim.checkworthy and near_duplicate(stored.text, claim.text):
            return stored
    return None


def _claim_values(key: str, numbers: str | None, claim: Claim) -> dict[str, Any]:
    return {
        "key": key,
        "number_key": numbers,
        "text": claim.text,
        "score": claim.score,
        "checkworthy": claim.checkworthy,
        "type": claim.type,
        "reasons": list(claim.assessment.reasons),
        "quantities": [q.as_dict() for q in claim.quantities],
        "times": [t.as_dict() for t in claim.times],
        "speaker": claim.speaker,
        "source": claim.source,
        "entities": [e.as_dict() for e in claim.entities],
        "in_quote": claim.in_quote,
        "flags": list(claim.flags),
        "version": 1,
        "created_at": now(),
    }


def _queue(
    session: Session, claims: Iterable[_Stored], earlier: dict[int, int], here: Counter[int]
) -> int:
    """Queue new checkworthy claims and re-rank queued ones; returns how many were new."""
    fresh: list[tuple[int, float]] = []
    reranked: list[dict[str, Any]] = []
    for claim in claims:
        rank = priority(claim.score, claim.type, earlier.get(claim.id, 0) + here[claim.id])
        if claim.queued:
            reranked.append({"item_claim": claim.id, "rank": rank})
        else:
            fresh.append((claim.id, rank))
            claim.queued = True
    if reranked:
        session.execute(
            ITEMS.update()
            .where(ITEMS.c.claim_id == bindparam("item_claim"))
            .values(priority=bindparam("rank")),
            reranked,
        )
    if fresh:
        at = now()
        session.execute(
            ITEMS.insert(),
            [
                {"claim_id": c, "status": "queued", "priority": r, "evidence": [], "queued_at": at}
                for c, r in fresh
            ],
        )
        events = [
            {
                "claim_id": claim_id,
                "kind": "queued",
                "actor": SYSTEM_ACTOR,
                "at": at,
                "before": {},
                "after": {"status": "queued", "priority": rank},
            }
            for claim_id, rank in fresh
        ]
        append_events(session, events)  # chained to any earlier events of these claims
    return len(fresh)


def record_event(
    session: Session,
    claim_id: int,
    kind: str,
    actor: str,
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    """Append an audit event, chained to the claim's last one; events are never changed.

    The caller holds the claim's review item lock, so no other event of this claim can
    be appended between reading the last hash and inserting this one.
    """
    # A plain INSERT, not a unit-of-work object: events are never read back or changed.
    values = {"claim_id": claim_id, "kind": kind, "actor": actor, "at": now()}
    append_events(session, [values | {"before": before, "after": after}])


_WITH_APPEARANCES = (
    selectinload(ClaimRow.review),
    selectinload(ClaimRow.appearances).selectinload(AppearanceRow.document),
)


def iter_claims(session: Session, checkworthy_only: bool = True) -> Iterator[StoredClaim]:
    query = select(ClaimRow).options(*_WITH_APPEARANCES).order_by(ClaimRow.id)
    if checkworthy_only:
        query = query.where(ClaimRow.checkworthy.is_(True))
    for row in session.scalars(query):
        yield stored_claim(row)


def get_claim(session: Session, claim_id: int) -> StoredClaim | None:
    """One claim with its review state and appearances."""
    row = _claim_row_by_id(session, claim_id)
    return stored_claim(row) if row else None


def claim_context(session: Session, claim_id: int, width: int = 160) -> str:
    """The text around the claim's first appearance (``context_of``)."""
    row = _claim_row_by_id(session, claim_id)
    return context_of(row, width) if row else ""


def _claim_row_by_id(session: Session, claim_id: int) -> ClaimRow | None:
    return session.scalars(
        select(ClaimRow)
        .where(ClaimRow.id == claim_id)
        .options(*_WITH_APPEARANCES)
        .execution_options(populate_existing=True)
    ).first()


def queued_items(
    session: Session, statuses: Sequence[str] = ("queued", "leased")
) -> list[StoredClaim]:
    """Claims in the queue, highest priority first."""
    rows = session.scalars(
        select(ClaimRow)
        .join(ReviewItemRow)
        .where(ReviewItemRow.status.in_(statuses))
        .options(*_WITH_APPEARANCES)
        .order_by(ReviewItemRow.priority.desc(), ClaimRow.id)
    )
    return [stored_claim(row) for row in rows]


def counts(session: Session) -> dict[str, int]:
    def count(model: Any) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    return {
        "documents": count(DocumentRow),
        "claims": count(ClaimRow),
        "appearances": count(AppearanceRow),
        "queued": count(ReviewItemRow),
    }


def stored_claim(row: ClaimRow) -> StoredClaim:
    """The read model of a claim row with its review item and appearances loaded."""
    review = row.review
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
        status=review.status if review else "not_queued",
        priority=review.priority if review else None,
        version=row.version,
        verdict=review.verdict if review else None,
        evidence=tuple(review.evidence or []) if review else (),
        notes=review.notes if review else None,
        reviewer=review.reviewer if review else None,
        reviewed_at=review.reviewed_at if review else None,
        leased_by=review.leased_by if review and review.status == "leased" else None,
        appearances=tuple(
            StoredAppearance(_stored_document(a.document), a.start, a.end) for a in row.appearances
        ),
    )


def _stored_document(document: DocumentRow) -> StoredDocument:
    return StoredDocument(
        document.location, document.title, document.published, document.published_source
    )


def context_of(row: ClaimRow, width: int = 160) -> str:
    """The text around the claim's first appearance, cut at word boundaries."""
    if not row.appearances:
        return ""
    appearance = row.appearances[0]
    return context_around(appearance.document.text, appearance.start, appearance.end, width)


CONTEXT_WIDTH = 160  # characters of context on each side of a claim


def context_around(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> str:
    """The text around ``text[start:end]``, cut at word boundaries."""
    if not text:
        return ""
    left = max(0, start - width)
    right = min(len(text), end + width)
    return context_window(text[left:right], start - left, end - left, left > 0, right < len(text))


def context_window(window: str, start: int, end: int, cut_left: bool, cut_right: bool) -> str:
    """``context_around`` from the window alone: ``window[start:end]`` is the claim, and
    ``cut_left``/``cut_right`` say whether the text goes on beyond either edge."""
    before, after = window[:start], window[end:]
    if cut_left:
        before = "…" + before.split(" ", 1)[-1]
    if cut_right:
        after = after.rsplit(" ", 1)[0] + "…"
    return " ".join((before + window[start:end] + after).split())
