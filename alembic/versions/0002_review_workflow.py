"""review workflow: near-duplicate keys, an index for leases, an append-only audit log

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from claims.dedup import number_key

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "review_events is append-only: events are never updated or deleted"

POSTGRES_UP = (
    f"""
    CREATE FUNCTION review_events_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER review_events_append_only
    BEFORE UPDATE OR DELETE ON review_events
    FOR EACH ROW EXECUTE FUNCTION review_events_append_only()
    """,
    """
    CREATE TRIGGER review_events_no_truncate
    BEFORE TRUNCATE ON review_events
    FOR EACH STATEMENT EXECUTE FUNCTION review_events_append_only()
    """,
)
POSTGRES_DOWN = (
    "DROP TRIGGER IF EXISTS review_events_no_truncate ON review_events",
    "DROP TRIGGER IF EXISTS review_events_append_only ON review_events",
    "DROP FUNCTION IF EXISTS review_events_append_only()",
)
SQLITE_UP = tuple(
    f"""
    CREATE TRIGGER review_events_no_{action.lower()}
    BEFORE {action} ON review_events
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """
    for action in ("UPDATE", "DELETE")
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS review_events_no_update",
    "DROP TRIGGER IF EXISTS review_events_no_delete",
)


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number_key", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_claims_number_key"), ["number_key"], unique=False)
    _backfill_number_keys()
    with op.batch_alter_table("review_items", schema=None) as batch_op:
        batch_op.drop_index("ix_review_items_status_priority")
        batch_op.create_index(
            "ix_review_items_queue_order", ["status", sa.text("priority DESC"), "id"], unique=False
        )
        batch_op.create_index(
            "ix_review_items_status_lease_expires_at", ["status", "lease_expires_at"], unique=False
        )
    statements = POSTGRES_UP if op.get_bind().dialect.name == "postgresql" else SQLITE_UP
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    statements = POSTGRES_DOWN if op.get_bind().dialect.name == "postgresql" else SQLITE_DOWN
    for statement in statements:
        op.execute(statement)
    with op.batch_alter_table("review_items", schema=None) as batch_op:
        batch_op.drop_index("ix_review_items_status_lease_expires_at")
        batch_op.drop_index("ix_review_items_queue_order")
        batch_op.create_index(
            "ix_review_items_status_priority", ["status", "priority"], unique=False
        )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_number_key"))
        batch_op.drop_column("number_key")


def _backfill_number_keys() -> None:
    claims = sa.table(
        "claims", sa.column("id", sa.Integer), sa.column("text"), sa.column("number_key")
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(claims.c.id, claims.c.text)).all()
    updates = [{"claim_id": i, "value": number_key(text)} for i, text in rows]
    updates = [u for u in updates if u["value"] is not None]
    if updates:
        bind.execute(
            claims.update()
            .where(claims.c.id == sa.bindparam("claim_id"))
            .values(number_key=sa.bindparam("value")),
            updates,
        )
