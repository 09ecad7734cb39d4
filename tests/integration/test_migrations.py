"""Alembic migrations on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect

from db.migrate import current_revision, downgrade, upgrade
from db.session import get_engine

TABLES = {"documents", "claims", "appearances", "review_items", "review_events"}


def tables(url: str) -> set[str]:
    return set(inspect(get_engine(url)).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_upgrade_leaves_the_full_schema(database_url: str) -> None:
    upgrade(database_url)
    assert tables(database_url) >= TABLES
    downgrade(database_url, "base")
    assert tables(database_url) == set()
    assert current_revision(database_url) is None
    upgrade(database_url)
    assert tables(database_url) >= TABLES


def test_upgrading_twice_changes_nothing(database_url: str) -> None:
    upgrade(database_url)
    head = current_revision(database_url)
    upgrade(database_url)
    assert current_revision(database_url) == head is not None
