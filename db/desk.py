"""What the reviewer desk reads: a page of the queue, a claim's history, the overview.

The queue page is keyset-paged in the lease order (priority, then the queue item's id)
along ``ix_review_items_priority_order``: a page costs the same at the millionth claim
as at the first. Read-only; nothing here writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, func, or_, select
from sqlalchemy.orm import Session

from db.filters import ClaimFilter, row_conditions, text_conditions
from db.models import AppearanceRow, ClaimRow, DocumentRow, ReviewEventRow, ReviewItemRow

PAGE_SIZE = 50
PROBE = 2_000  # queue items a text search walks before it collects matches instead
COLLECT = 5_000  # matching claims a search lists by id at most; beyond, it walks
ITEMS = cast(Table, ReviewItemRow.__table__)
_CURSOR = re.compile(r"(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)_(\d{1,10})")


@dataclass(frozen=True)
class Cursor:
    """Where a page of the queue ends: the last item's priority and queue item id."""

    priority: float
    item_id: int

    def __str__(self) -> str:
        return f"{self.priority!r}_{self.item_id}"

    @classmethod
    def parse(cls, text: str) -> Cursor | None:
        """The cursor a page link carries; None when it is not one."""
        match = _CURSOR.fullmatch(text.strip())
        return cls(float(match[1]), int(match[2])) if match else None


@dataclass(frozen=True)
class QueueEntry:
    """One line of the queue page."""

    claim_id: int
    text: str
    status: str
    type: str
    score: float
    priority: float
    speaker: str | None
    source: str | None
    found_at: datetime
    leased_by: str | None  # only while the lease runs
    lease_expires_at: datetime | None
    verdict: str | None
    reviewer: str | None
    article_title: str | None
    article_location: str | None


@dataclass(frozen=True)
class QueuePage:
    entries: list[QueueEntry]
    next: Cursor | None  # None on the last page


def queue_page(
    session: Session,
    filters: ClaimFilter,
    after: Cursor | None = None,
    size: int = PAGE_SIZE,
    at: datetime | None = None,
) -> QueuePage:
    """Up to ``size`` queued claims matching ``filters``, in the lease order, after ``after``."""
    query = (
        _QUEUE_LINE.where(*row_conditions(filters))
        .order_by(ReviewItemRow.priority.desc(), ReviewItemRow.id)
        .limit(size + 1)
    )
    if after is not None:
        # The first condition alone bounds a range scan of the index; the second drops
        # the items of equal priority already shown.
        query = query.where(
            ReviewItemRow.priority <= after.priority,
            or_(ReviewItemRow.priority < after.priority, ReviewItemRow.id > after.item_id),
        )
    searched = text_conditions(filters)
    rows: Sequence[Any] = (
        _searched(session, query, searched, size) if searched else session.execute(query).all()
    )
    more, rows = len(rows) > size, rows[:size]
    last = rows[-1] if rows else None
    following = Cursor(last.priority, last.item_id) if more and last else None
    return QueuePage(_entries(session, rows, at or datetime.now(UTC)), following)


def _searched(
    session: Session, query: Select[Any] | Any, searched: list[ColumnElement[bool]], size: int
) -> Sequence[Any]:
    """A page of a text search, planned for the two kinds of search.

    Walking the queue in priority order and testing each claim finds a page at once when
    many claims match, but reads every claim when few do (a second at 100,000 claims);
    collecting the matching claims first (PostgreSQL: along the trigram indexes) is the
    other way round. So: walk the first PROBE items of the queue; when they hold less
    than a page, collect the matching claims; when even those are too many to list, walk.
    """
    window = query.with_only_columns(ReviewItemRow.id.label("top")).limit(PROBE).subquery()
    rows = session.execute(query.join(window, window.c.top == ReviewItemRow.id).where(*searched))
    found = rows.all()
    if len(found) > size:
        return found
    # A query of its own: inside the page's query, the LIMIT makes PostgreSQL prefer
    # reading every claim to the trigram indexes.
    matching = session.scalars(select(ClaimRow.id).where(*searched).limit(COLLECT + 1)).all()
    if len(matching) > COLLECT:
        return session.execute(query.where(*searched)).all()
    if not matching:
        return []
    return session.execute(query.where(ClaimRow.id.in_(matching))).all()


def queue_entry(session: Session, claim_id: int, at: datetime | None = None) -> QueueEntry | None:
    """The queue line of one claim; None when it is not in the queue."""
    rows = session.execute(_QUEUE_LINE.where(ClaimRow.id == claim_id)).all()
    entries = _entries(session, rows, at or datetime.now(UTC))
    return entries[0] if entries else None


_QUEUE_LINE = select(
    ReviewItemRow.id.label("item_id"),
    ReviewItemRow.status,
    ReviewItemRow.priority,
    ReviewItemRow.leased_by,
    ReviewItemRow.lease_expires_at,
    ReviewItemRow.verdict,
    ReviewItemRow.reviewer,
    ClaimRow.id.label("claim_id"),
    ClaimRow.text,
    ClaimRow.type,
    ClaimRow.score,
    ClaimRow.speaker,
    ClaimRow.source,
    ClaimRow.created_at,
).join(ClaimRow, ClaimRow.id == ReviewItemRow.claim_id)


def _entries(session: Session, rows: Sequence[Any], at: datetime) -> list[QueueEntry]:
    articles = first_articles(session, [r.claim_id for r in rows])
    entries = []
    for r in rows:
        expires = r.lease_expires_at
        running = r.status == "leased" and expires is not None and expires > at
        title, location = articles.get(r.claim_id, (None, None))
        entries.append(
            QueueEntry(
                claim_id=r.claim_id,
                text=r.text,
                status=r.status,
                type=r.type,
                score=r.score,
                priority=r.priority,
                speaker=r.speaker,
                source=r.source,
                found_at=r.created_at,
                leased_by=r.leased_by if running else None,
                lease_expires_at=expires if running else None,
                verdict=r.verdict,
                reviewer=r.reviewer,
                article_title=title,
                article_location=location,
            )
        )
    return entries


def first_articles(session: Session, claim_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """The title and location of the first article each claim appeared in."""
    if not claim_ids:
        return {}
    first = (
        select(func.min(AppearanceRow.id))
        .where(AppearanceRow.claim_id.in_(claim_ids))
        .group_by(AppearanceRow.claim_id)
    )
    rows = session.execute(
        select(AppearanceRow.claim_id, DocumentRow.title, DocumentRow.location)
        .join(DocumentRow, DocumentRow.id == AppearanceRow.document_id)
        .where(AppearanceRow.id.in_(first))
    )
    return {r.claim_id: (r.title, r.location) for r in rows}


@dataclass(frozen=True)
class InContext:
    """One appearance of a claim: its sentence inside its paragraph, in three parts."""

    title: str
    location: str
    published: date | None
    before: str
    sentence: str
    after: str

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")  # the break claims.segment splits on


def paragraph_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The text before the sentence in its paragraph, the sentence, the text after it."""
    begin = 0
    for match in _PARAGRAPH_BREAK.finditer(text, 0, start):
        begin = match.end()
    following = _PARAGRAPH_BREAK.search(text, end)
    finish = following.start() if following else len(text)
    return text[begin:start].lstrip(), text[start:end], text[end:finish].rstrip()


def in_context(session: Session, claim_id: int) -> list[InContext]:
    """Every appearance of a claim, first seen first, with its paragraph."""
    rows = session.execute(
        select(
            DocumentRow.title,
            DocumentRow.location,
            DocumentRow.published,
            DocumentRow.text,
            AppearanceRow.start,
            AppearanceRow.end,
        )
        .join(DocumentRow, DocumentRow.id == AppearanceRow.document_id)
        .where(AppearanceRow.claim_id == claim_id)
        .order_by(AppearanceRow.id)
    )
    return [
        InContext(r.title, r.location, r.published, *paragraph_around(r.text, r.start, r.end))
        for r in rows
    ]


@dataclass(frozen=True)
class Event:
    """One audit event of a claim's history."""

    kind: str
    actor: str
    at: datetime
    before: dict[str, Any]
    after: dict[str, Any]

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) of each field the event changed."""
        names = [*self.after, *(k for k in self.before if k not in self.after)]
        return [
            (name, self.before.get(name), self.after.get(name))
            for name in names
            if self.before.get(name) != self.after.get(name)
        ]


def history(session: Session, claim_id: int) -> list[Event]:
    """Every audit event of a claim, oldest first."""
    rows = session.scalars(
        select(ReviewEventRow)
        .where(ReviewEventRow.claim_id == claim_id)
        .order_by(ReviewEventRow.id)
    )
    return [Event(r.kind, r.actor, r.at, dict(r.before or {}), dict(r.after or {})) for r in rows]


@dataclass(frozen=True)
class Overview:
    """The state of the desk at a glance."""

    by_status: dict[str, int]
    by_type: dict[str, int]
    reviewers_this_week: list[tuple[str, int]]
    oldest_queued: QueueEntry | None
    found_per_day: list[tuple[date, int]]
    reviewed_per_day: list[tuple[date, int]]
    verdicts_by_type: dict[str, dict[str, int]]


def overview(session: Session, at: datetime | None = None, days: int = 14) -> Overview:
    at = at or datetime.now(UTC)
    week_start = datetime.combine(at.date() - timedelta(days=at.weekday()), datetime.min.time())
    week_start = week_start.replace(tzinfo=UTC)
    first_day = at.date() - timedelta(days=days - 1)
    start = datetime.combine(first_day, datetime.min.time()).replace(tzinfo=UTC)
    by_status = dict(
        session.execute(
            select(ReviewItemRow.status, func.count()).group_by(ReviewItemRow.status)
        ).all()
    )
    by_type = dict(
        session.execute(
            select(ClaimRow.type, func.count())
            .join(ReviewItemRow, ReviewItemRow.claim_id == ClaimRow.id)
            .group_by(ClaimRow.type)
            .order_by(func.count().desc())
        ).all()
    )
    reviewers = list(
        session.execute(
            select(ReviewItemRow.reviewer, func.count())
            .where(ReviewItemRow.status == "reviewed", ReviewItemRow.reviewed_at >= week_start)
            .group_by(ReviewItemRow.reviewer)
            .order_by(func.count().desc(), ReviewItemRow.reviewer)
        ).all()
    )
    oldest_id = session.scalar(
        select(ReviewItemRow.claim_id)
        .where(ReviewItemRow.status == "queued")
        .order_by(ReviewItemRow.queued_at, ReviewItemRow.id)
        .limit(1)
    )
    verdicts: dict[str, dict[str, int]] = {}
    for kind, verdict, count in session.execute(
        select(ClaimRow.type, ReviewItemRow.verdict, func.count())
        .join(ReviewItemRow, ReviewItemRow.claim_id == ClaimRow.id)
        .where(ReviewItemRow.status == "reviewed")
        .group_by(ClaimRow.type, ReviewItemRow.verdict)
    ):
        verdicts.setdefault(kind, {})[verdict or "none"] = count
    return Overview(
        by_status={name: by_status.get(name, 0) for name in ("queued", "leased", "reviewed")},
        by_type=by_type,
        reviewers_this_week=[(name or "?", count) for name, count in reviewers],
        oldest_queued=None if oldest_id is None else queue_entry(session, oldest_id, at),
        found_per_day=_per_day(session, ReviewItemRow.queued_at, start, first_day, days),
        reviewed_per_day=_per_day(session, ReviewItemRow.reviewed_at, start, first_day, days),
        verdicts_by_type=verdicts,
    )


def _per_day(
    session: Session, column: Any, start: datetime, first_day: date, days: int
) -> list[tuple[date, int]]:
    day = func.date(column)
    counts = {
        str(when): count
        for when, count in session.execute(
            select(day, func.count()).where(column >= start).group_by(day)
        )
    }
    return [
        (first_day + timedelta(days=i), counts.get(str(first_day + timedelta(days=i)), 0))
        for i in range(days)
    ]
