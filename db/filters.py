"""Which queued claims a listing holds: one filter for the desk's queue page and the
checklist export, so that "export what I see" exports exactly what the page lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, exists, or_, select

from db.models import AppearanceRow, ClaimRow, DocumentRow, ReviewItemRow
from db.queue import STATUSES


@dataclass(frozen=True)
class ClaimFilter:
    """Conditions on queued claims; every field left at its default matches every claim."""

    statuses: tuple[str, ...] = STATUSES
    since: datetime | None = None  # claims first seen at or after this time
    until: datetime | None = None  # claims first seen before this time
    min_score: float | None = None
    reviewer: str | None = None  # claims this reviewer reviewed or holds
    types: tuple[str, ...] = ()
    search: str | None = None  # words in the claim, its speaker or its source
    article: str | None = None  # part of the URL or path of an article it appears in


def conditions(filters: ClaimFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``filters`` over ``ClaimRow`` joined to ``ReviewItemRow``."""
    return row_conditions(filters) + text_conditions(filters)


def row_conditions(filters: ClaimFilter) -> list[ColumnElement[bool]]:
    """The conditions on columns: cheap to test on each row of an index walk."""
    found: list[ColumnElement[bool]] = []
    wanted = set(filters.statuses)
    if wanted != set(STATUSES):
        left_out = [status for status in STATUSES if status not in wanted]
        if len(wanted) > 1 and len(left_out) == 1:
            # "all but one" as <>: no index serves it, so the planner walks the priority
            # index and stops after a page, instead of sorting every queued claim.
            found.append(ReviewItemRow.status != left_out[0])
        else:
            found.append(ReviewItemRow.status.in_(filters.statuses))
    if filters.since is not None:
        found.append(ClaimRow.created_at >= filters.since)
    if filters.until is not None:
        found.append(ClaimRow.created_at < filters.until)
    if filters.min_score is not None:
        found.append(ClaimRow.score >= filters.min_score)
    if filters.reviewer is not None:
        found.append(
            or_(
                ReviewItemRow.reviewer == filters.reviewer,
                ReviewItemRow.leased_by == filters.reviewer,
            )
        )
    if filters.types:
        found.append(ClaimRow.type.in_(filters.types))
    return found


def text_conditions(filters: ClaimFilter) -> list[ColumnElement[bool]]:
    """The text search and the article filter, over ``ClaimRow`` alone: substring
    matches that no ordinary index serves."""
    found: list[ColumnElement[bool]] = []
    if filters.search:
        for word in filters.search.split():
            found.append(
                or_(
                    ClaimRow.text.icontains(word, autoescape=True),
                    ClaimRow.speaker.icontains(word, autoescape=True),
                    ClaimRow.source.icontains(word, autoescape=True),
                )
            )
    if filters.article:
        found.append(
            exists(
                select(AppearanceRow.id)
                .join(DocumentRow, DocumentRow.id == AppearanceRow.document_id)
                .where(
                    AppearanceRow.claim_id == ClaimRow.id,
                    DocumentRow.location.icontains(filters.article, autoescape=True),
                )
            )
        )
    return found
