"""The queue page's filters, read from the query string; the export reads the same ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from claims.model import CLAIM_TYPES
from db.filters import ClaimFilter

# The status choices of the page: what is still to do, or one status, or everything.
STATUS_CHOICES: dict[str, tuple[str, ...]] = {
    "open": ("queued", "leased"),
    "queued": ("queued",),
    "leased": ("leased",),
    "reviewed": ("reviewed",),
    "all": ("queued", "leased", "reviewed"),
}
FIELDS = ("status", "type", "min_score", "article", "since", "until", "reviewer", "q")
MAX_TEXT = 200


@dataclass
class QueueForm:
    """The filters as typed (to fill the form again) and as a ClaimFilter."""

    values: dict[str, str]
    filters: ClaimFilter
    errors: list[str] = field(default_factory=list)

    def query(self, **extra: str) -> str:
        """The query string of these filters (empty ones left out), plus ``extra``."""
        pairs = {k: v for k, v in self.values.items() if v} | {k: v for k, v in extra.items() if v}
        return urlencode(pairs)


def read_filters(params: QueryParams) -> QueueForm:
    values = {name: (params.get(name) or "").strip()[:MAX_TEXT] for name in FIELDS}
    values["status"] = values["status"] or "open"
    errors: list[str] = []
    statuses = STATUS_CHOICES.get(values["status"])
    if statuses is None:
        errors.append(f"status: {values['status']!r} is not one of {', '.join(STATUS_CHOICES)}")
        statuses = STATUS_CHOICES["open"]
    types: tuple[str, ...] = ()
    if values["type"]:
        if values["type"] in CLAIM_TYPES:
            types = (values["type"],)
        else:
            errors.append(f"type: {values['type']!r} is not a claim type")
    min_score = None
    if values["min_score"]:
        try:
            min_score = float(values["min_score"])
            if not 0 <= min_score <= 1:
                raise ValueError
        except ValueError:
            errors.append(f"min score: {values['min_score']!r} is not a number from 0 to 1")
            min_score = None
    since = _day(values["since"], "from", errors)
    until = _day(values["until"], "to", errors)
    if since and until and until < since:
        errors.append("dates: the 'to' date is before the 'from' date")
    filters = ClaimFilter(
        statuses=statuses,
        since=_midnight(since),
        until=_midnight(until + timedelta(days=1)) if until else None,  # the whole last day
        min_score=min_score,
        reviewer=values["reviewer"] or None,
        types=types,
        search=values["q"] or None,
        article=values["article"] or None,
    )
    return QueueForm(values, filters, errors)


def _day(text: str, label: str, errors: list[str]) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(f"{label}: {text!r} is not a date such as 2019-05-22")
        return None


def _midnight(day: date | None) -> datetime | None:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC) if day else None
