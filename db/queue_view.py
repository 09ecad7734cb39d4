"""The review queue as a list, read with SQLAlchemy Core alone.

`claimdesk queue` only lists what is queued; reading through Core into a line of its own
(`QueueEntry`) spares it the ORM, the models and the domain's dataclasses (a few hundred
milliseconds at start-up). The order is ``db.repository.queued_items``'s and the queue's
lease order: highest priority first, oldest claim first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import column, func, select, table

from db.session import get_engine


@dataclass(frozen=True)
class QueueEntry:
    """One line of the review queue as `claimdesk queue` lists it."""

    id: int
    priority: float
    status: str
    type: str
    text: str


_CLAIMS = table("claims", column("id"), column("type"), column("text"))
_ITEMS = table("review_items", column("claim_id"), column("status"), column("priority"))


def queue_entries(
    url: str,
    statuses: Sequence[str] = ("queued", "leased"),
    limit: int | None = None,
    offset: int = 0,
) -> list[QueueEntry]:
    """A page of the queued (and leased) claims, highest priority first.

    Migration 0007 indexes this order: a page costs what it shows, not what the queue holds.
    """
    query = (
        select(_CLAIMS.c.id, _ITEMS.c.priority, _ITEMS.c.status, _CLAIMS.c.type, _CLAIMS.c.text)
        .join_from(_ITEMS, _CLAIMS, _ITEMS.c.claim_id == _CLAIMS.c.id)
        .where(_ITEMS.c.status.in_(statuses))
        .order_by(_ITEMS.c.priority.desc(), _CLAIMS.c.id)
        .limit(limit)
        .offset(offset)
    )
    with get_engine(url).connect() as connection:
        return [QueueEntry(*row) for row in connection.execute(query)]


def count_entries(url: str, statuses: Sequence[str] = ("queued", "leased")) -> int:
    """How many claims are queued (and leased)."""
    query = select(func.count()).select_from(_ITEMS).where(_ITEMS.c.status.in_(statuses))
    with get_engine(url).connect() as connection:
        return connection.execute(query).scalar_one()
