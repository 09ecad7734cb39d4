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
    # The text search's trigram indexes (PostgreSQL) are migration 0007's.


def downgrade() -> None:
    op.drop_index("ix_claims_created_at", table_name="claims")
    op.drop_index("ix_review_items_reviewed_at", table_name="review_items")
    op.drop_index("ix_review_items_priority_order", table_name="review_items")
    op.drop_table("users")
