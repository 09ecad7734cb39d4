"""the desk's users, and the indexes of its queue and overview pages

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGRAM_COLUMNS = ("text", "speaker", "source")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_failure_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    # The queue page lists every status in the lease order; keyset paging walks this index.
    op.create_index(
        "ix_review_items_priority_order",
        "review_items",
        [sa.text("priority DESC"), "id"],
    )
    op.create_index("ix_review_items_reviewed_at", "review_items", ["reviewed_at"])
    op.create_index("ix_claims_created_at", "claims", ["created_at"])
    if _has_trigrams():
        # The queue's text search (x ILIKE '%word%') uses these instead of reading
        # every claim; without pg_trgm it still works, only slower.
        for column in TRIGRAM_COLUMNS:
            op.execute(
                f"CREATE INDEX ix_claims_{column}_trigrams ON claims "
                f"USING gin ({column} gin_trgm_ops)"
            )


def _has_trigrams() -> bool:
    """On PostgreSQL, with pg_trgm installed or installable here (a trusted extension)."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    available = bind.execute(
        sa.text(
            "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') "
            "AND has_database_privilege(current_database(), 'CREATE')"
        )
    ).scalar()
    if available:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    return bool(available)


def downgrade() -> None:
    for column in TRIGRAM_COLUMNS:
        op.execute(f"DROP INDEX IF EXISTS ix_claims_{column}_trigrams")
    op.drop_index("ix_claims_created_at", table_name="claims")
    op.drop_index("ix_review_items_reviewed_at", table_name="review_items")
    op.drop_index("ix_review_items_priority_order", table_name="review_items")
    op.drop_table("users")
