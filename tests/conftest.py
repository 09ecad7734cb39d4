"""Shared fixtures: the spaCy pipeline, databases on SQLite and PostgreSQL, the CLI, the
Prefect test server and the seed gold. Shared helpers are in tests/helpers.py."""

from __future__ import annotations

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from tests.helpers import Gold, seed_gold

POSTGRES_URL = os.environ.get(
    "CLAIMDESK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="session")
def nlp() -> Language:
    from claims.nlp import load_pipeline

    return load_pipeline()


def _postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"claimdesk_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        from db.session import get_engine

        get_engine(url).dispose()
        get_engine.cache_clear()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'claimdesk.db'}"
        yield url
        from db.session import get_engine

        get_engine(url).dispose()
    else:
        yield from _postgres_database()


@pytest.fixture
def migrated_url(database_url: str) -> str:
    from db.migrate import upgrade

    upgrade(database_url)
    return database_url


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One temporary Prefect server for the whole test session (it takes 15-20 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def cli(database_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A CLI runner on an empty database, with no setting from the environment in the way."""
    monkeypatch.setenv("CLAIMDESK_DATABASE_URL", database_url)
    monkeypatch.setenv("CLAIMDESK_ORGANISATION", "Desk")
    monkeypatch.setenv("CLAIMDESK_ORGANISATION_URL", "https://desk.example/checks")
    for name in ("PREFECT_API_URL", "CLAIMDESK_LEASE_MINUTES", "CLAIMDESK_ALLOW_PRIVATE_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


@pytest.fixture(scope="session")
def gold() -> Gold:
    """The seed article's gold from ../shared; tests using it skip when it is absent."""
    return seed_gold()
