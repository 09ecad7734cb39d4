"""indexes for a queue of a million claims: the lease, the queue listing, export filters,
text search

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# PostgreSQL: trigram indexes serve the desk's word search (ILIKE '%word%').
_SEARCHED = ("text", "speaker", "source")


def upgrade() -> None:
    # The lease takes the first queued item in this order: a partial index holds only
    # the queued ones, so reviewed claims (most of a mature queue) are never walked.
    queued = sa.text("status = 'queued'")
    op.create_index(
        "ix_review_items_queued_order",
        "review_items",
        [sa.text("priority DESC"), "id"],
        postgresql_where=queued,
        sqlite_where=queued,
    )
    # `claimdesk queue` lists queued and leased items in the same order, a page at a time.
    open_items = sa.text("status IN ('queued', 'leased')")
    op.create_index(
        "ix_review_items_open_order",
        "review_items",
        [sa.text("priority DESC"), "id"],
        postgresql_where=open_items,
        sqlite_where=open_items,
    )
    # Export filters: --min-score, --type, --reviewer (who reviewed it, or holds it).
    op.create_index("ix_claims_score", "claims", ["score"])
    op.create_index("ix_claims_type", "claims", ["type"])
    op.create_index("ix_review_items_reviewer", "review_items", ["reviewer"])
    op.create_index("ix_review_items_leased_by", "review_items", ["leased_by"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and _trigrams_available(bind):
        for column in _SEARCHED:
            op.create_index(
                f"ix_claims_{column}_trigram",
                "claims",
                [column],
                postgresql_using="gin",
                postgresql_ops={column: "gin_trgm_ops"},
            )


def _trigrams_available(bind: sa.engine.Connection) -> bool:
    """Create pg_trgm if this role may (a trusted extension since PostgreSQL 13)."""
    savepoint = bind.begin_nested()
    try:
        bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        savepoint.rollback()  # without the extension, search scans: slower, still right
        return False
    savepoint.commit()
    return True


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for column in _SEARCHED:
            op.execute(f"DROP INDEX IF EXISTS ix_claims_{column}_trigram")
    op.drop_index("ix_review_items_leased_by", table_name="review_items")
    op.drop_index("ix_review_items_reviewer", table_name="review_items")
    op.drop_index("ix_claims_type", table_name="claims")
    op.drop_index("ix_claims_score", table_name="claims")
    op.drop_index("ix_review_items_open_order", table_name="review_items")
    op.drop_index("ix_review_items_queued_order", table_name="review_items")
