"""documents.published_source: where the publication date came from

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What documents stored before this revision can say: the kind they recorded.
BACKFILL = """
UPDATE documents SET published_source = CASE date_source
    WHEN 'date-line' THEN 'text line 1 (date line)'
    WHEN 'dateline' THEN 'text line 1 (dateline)'
    WHEN 'metadata' THEN 'page metadata or corpus CSV column'
    WHEN 'feed' THEN 'feed entry date'
    ELSE 'no date found: relative dates are left unresolved'
END
"""


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(
            sa.Column("published_source", sa.String(length=300), nullable=False, server_default="")
        )
    op.execute(BACKFILL)


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("published_source")
