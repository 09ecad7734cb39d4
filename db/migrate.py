"""Running the Alembic migrations from code (`claimdesk init`)."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config

from alembic import command
from db.session import schema_revision

_ALEMBIC_DIR = Path(__file__).resolve().parent.parent / "alembic"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_ALEMBIC_DIR))
    # ConfigParser interpolation would read "%" in a URL-encoded password.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database to ``revision``; a database already there is left alone."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)


def current_revision(url: str) -> str | None:
    """The revision the database is at (None before the first upgrade)."""
    return schema_revision(url)
