"""tamper-evident audit log: each event carries a hash chained to its claim's previous event

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.audit import GENESIS, event_hash

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "review_events is append-only: events are never updated or deleted"
# 0002's guards: SQLite's are dropped while the table is rebuilt, PostgreSQL's paused.
SQLITE_TRIGGERS = {
    action: f"""
    CREATE TRIGGER review_events_no_{action.lower()}
    BEFORE {action} ON review_events
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """
    for action in ("UPDATE", "DELETE")
}
POSTGRES_TRIGGER = "review_events_append_only"


def upgrade() -> None:
    with op.batch_alter_table("review_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    with _guards_off():
        _backfill()
        with op.batch_alter_table("review_events", schema=None) as batch_op:
            batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)


def downgrade() -> None:
    with _guards_off(), op.batch_alter_table("review_events", schema=None) as batch_op:
        batch_op.drop_column("hash")


class _guards_off:  # noqa: N801  (used as a context manager)
    """0002's append-only triggers are off inside the block and back on after it."""

    def __enter__(self) -> None:
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"ALTER TABLE review_events DISABLE TRIGGER {POSTGRES_TRIGGER}")
        else:
            for action in SQLITE_TRIGGERS:
                op.execute(f"DROP TRIGGER IF EXISTS review_events_no_{action.lower()}")

    def __exit__(self, *exc: object) -> None:
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"ALTER TABLE review_events ENABLE TRIGGER {POSTGRES_TRIGGER}")
        else:
            for statement in SQLITE_TRIGGERS.values():
                op.execute(statement)


def _backfill() -> None:
    events = sa.table(
        "review_events",
        sa.column("id", sa.Integer),
        sa.column("claim_id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("actor", sa.String),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("before", sa.JSON),
        sa.column("after", sa.JSON),
        sa.column("hash", sa.String),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(events).order_by(events.c.claim_id, events.c.id))
    previous: dict[int, str] = {}
    updates = []
    for row in rows:
        digest = event_hash(
            previous.get(row.claim_id, GENESIS),
            row.claim_id,
            row.kind,
            row.actor,
            row.at,
            row.before,
            row.after,
        )
        previous[row.claim_id] = digest
        updates.append({"event_id": row.id, "digest": digest})
    for start in range(0, len(updates), 1000):
        bind.execute(
            events.update()
            .where(events.c.id == sa.bindparam("event_id"))
            .values(hash=sa.bindparam("digest")),
            updates[start : start + 1000],
        )
