"""claims.key and claims.number_key also hold the days a claim's times resolve to

Revision ID: 0009
Revises: 0008

Before, "On Tuesday, the council approved the budget" in an article of 2 July and in one
of 20 August were one claim with the first article's dates. The keys of stored claims with
resolved times are recomputed the way claims.dedup computes them now, so a new appearance
of the same sentence about the same days still finds its claim. Claims merged before stay
merged. Undated claims keep their keys: their text alone was and is the key.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from claims.dedup import claim_key, number_key

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CLAIMS = sa.table(
    "claims",
    sa.column("id", sa.Integer),
    sa.column("key", sa.String),
    sa.column("number_key", sa.String),
    sa.column("text", sa.Text),
    sa.column("times", sa.JSON),
)
_BATCH = 5_000


def _days(times: Any) -> tuple[str, ...]:
    spans = times if isinstance(times, list) else []
    return tuple(
        sorted(
            f"{t['start']}/{t['end']}"
            for t in spans
            if isinstance(t, dict) and t.get("start") and t.get("end")
        )
    )


def _rekey(with_days: bool) -> None:
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(_CLAIMS.c.id, _CLAIMS.c.text, _CLAIMS.c.times)
            .where(_CLAIMS.c.id > last)
            .order_by(_CLAIMS.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        last = rows[-1].id
        changed = []
        for row in rows:
            days = _days(row.times)
            if days:
                when = days if with_days else ()
                changed.append(
                    {
                        "claim_id": row.id,
                        "new_key": claim_key(row.text, when),
                        "new_number_key": number_key(row.text, when),
                    }
                )
        if changed:
            connection.execute(
                _CLAIMS.update()
                .where(_CLAIMS.c.id == sa.bindparam("claim_id"))
                .values(key=sa.bindparam("new_key"), number_key=sa.bindparam("new_number_key")),
                changed,
            )


def upgrade() -> None:
    _rekey(with_days=True)


def downgrade() -> None:
    # Two claims of the same sentence about other days would share the text-only key,
    # which is unique: the downgrade cannot split what it cannot tell apart, so it
    # refuses rather than merging verdicts.
    connection = op.get_bind()
    keys = [claim_key(text) for text in connection.execute(sa.select(_CLAIMS.c.text)).scalars()]
    if len(keys) != len(set(keys)):
        raise RuntimeError(
            "cannot downgrade below 0009: the same sentence is stored as claims about "
            "different days, which the older keys would merge"
        )
    _rekey(with_days=False)
