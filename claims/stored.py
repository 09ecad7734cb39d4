"""The read model: a claim as it is stored and reviewed, as the checklist, ClaimReview and
`claimdesk claims --json` see it.

Frozen dataclasses, built by ``db.repository`` from its rows; ``as_dict`` gives the public
JSON shape, whose names and order stay as they are. A stored claim's quantities, times and
entities are the domain's own ``Quantity``, ``TimeSpan`` and ``Entity`` (their character
offsets are not stored and read back as 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from claims.model import Comparator, Entity, Quantity, TimeSpan, extracted_json


def quantity_from_json(data: dict[str, Any]) -> Quantity:
    """A stored quantity (``Quantity.as_dict``) read back; offsets are not stored."""
    comparator = cast(Comparator, data["comparator"])
    return Quantity(data["text"], data["value"], data["unit"], comparator, data.get("value_high"))


def time_from_json(data: dict[str, Any]) -> TimeSpan:
    """A stored time expression (``TimeSpan.as_dict``) read back."""
    return TimeSpan(data["text"], _date(data.get("start")), _date(data.get("end")))


def entity_from_json(data: dict[str, Any]) -> Entity:
    return Entity(data["text"], data["label"])


@dataclass(frozen=True)
class StoredDocument:
    """Where a claim was read: a path or a URL, its title and publication date."""

    location: str
    title: str = ""
    published: date | None = None
    published_source: str = ""  # where the date came from: "text line 3: …", "file name: …"

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))

    @property
    def url(self) -> str | None:
        return self.location if self.is_url else None

    @property
    def path(self) -> str | None:
        return None if self.is_url else self.location

    def as_dict(self) -> dict[str, Any]:
        return {
            "url" if self.is_url else "path": self.location,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
        }


@dataclass(frozen=True)
class StoredAppearance:
    """One place a claim appears: a document and the sentence's character offsets."""

    document: StoredDocument
    start: int = 0
    end: int = 0

    def as_dict(self) -> dict[str, Any]:
        where = {k: v for k, v in self.document.as_dict().items() if k != "published_source"}
        return {**where, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class StoredClaim:
    """A stored claim with its review state and every appearance."""

    id: int
    text: str
    score: float = 0.0
    checkworthy: bool = False
    type: str = "other"
    reasons: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeSpan, ...] = ()
    speaker: str | None = None
    source: str | None = None
    entities: tuple[Entity, ...] = ()
    in_quote: bool = False
    flags: tuple[str, ...] = ()
    status: str = "not_queued"  # queued, leased, reviewed (db.queue), or not_queued
    priority: float | None = None
    version: int = 1
    verdict: str | None = None
    evidence: tuple[str, ...] = ()
    notes: str | None = None
    reviewer: str | None = None
    reviewed_at: datetime | None = None
    leased_by: str | None = None
    appearances: tuple[StoredAppearance, ...] = ()

    @property
    def document(self) -> StoredDocument | None:
        """The document the claim was first read in."""
        return self.appearances[0].document if self.appearances else None

    def as_dict(self) -> dict[str, Any]:
        """The public JSON shape of a claim (`claimdesk claims --json`); keep the names."""
        return {
            "id": self.id,
            **extracted_json(self),
            "document": self.document.as_dict() if self.document else None,
            "status": self.status,
            "priority": self.priority,
            "version": self.version,
            "verdict": self.verdict,
            "evidence": list(self.evidence),
            "notes": self.notes,
            "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at.isoformat() if self.reviewed_at else None,
            "leased_by": self.leased_by,
            "appearances": [a.as_dict() for a in self.appearances],
        }


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
