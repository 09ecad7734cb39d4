"""Everything the claim page shows, read in one unit of work."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from claims.checklist import checks, describe_quantity
from db import desk, repository


def claim_view(session: Session, claim_id: int) -> dict[str, Any] | None:
    """The claim page's values; None when no claim has this id."""
    claim = repository.get_claim(session, claim_id)
    if claim is None:
        return None
    return {
        "claim": claim,
        "entry": desk.queue_entry(session, claim_id, datetime.now(UTC)),
        "checks": checks(claim),
        "quantities": [(q, describe_quantity(q)) for q in claim.quantities],
        "appearances": desk.in_context(session, claim_id),
        "events": desk.history(session, claim_id),
    }
