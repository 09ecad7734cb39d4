"""The least-privilege PostgreSQL setup of the README: the app runs as a role that owns nothing.

PostgreSQL only: SQLite has no roles (its bypasses are found by `audit verify`, test_audit.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from db import audit, queue, roles
from db.migrate import upgrade
from db.models import ReviewEventRow
from db.session import get_engine, unit_of_work
from tests.conftest import POSTGRES_URL
from tests.integration.test_queue import a_claim, claim_ids, lease, store


@dataclass(frozen=True)
class Roles:
    owner_url: str
    app_url: str


def setup_roles() -> None:
    """Create the two roles, as the README says; safe to run again and concurrently."""
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            for statement in roles.create_roles_sql():
                connection.execute(text(statement))
    finally:
        admin.dispose()


@pytest.fixture
def least_privilege() -> Iterator[Roles]:
    setup_roles()
    setup_roles()  # idempotent
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"claimdesk_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" OWNER {roles.OWNER_ROLE}'))
    base = make_url(POSTGRES_URL).set(database=name)
    urls = Roles(
        base.set(username=roles.OWNER_ROLE).render_as_string(hide_password=False),
        base.set(username=roles.APP_ROLE).render_as_string(hide_password=False),
    )
    try:
        upgrade(urls.owner_url)
        with get_engine(urls.owner_url).begin() as connection:
            roles.grant_app(connection)
        yield urls
    finally:
        for url in (urls.owner_url, urls.app_url):
            get_engine(url).dispose()
        get_engine.cache_clear()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def events(url: str) -> int:
    with unit_of_work(url) as session:
        return session.scalar(select(func.count()).select_from(ReviewEventRow)) or 0


def test_the_app_role_runs_the_review_workflow(least_privilege: Roles) -> None:
    url = least_privilege.app_url
    store(url, "/a.txt", a_claim("Exports rose 12 percent in 2018."))
    [claim_id] = claim_ids(url).values()
    assert lease(url, "alice") is not None
    with unit_of_work(url) as session:
        queue.record_verdict(session, claim_id, "false", "alice")
        session.commit()

    with unit_of_work(url) as session:
        report = audit.verify(session)
        user = session.scalar(text("SELECT current_user"))
    assert (user, report.events, report.discrepancies) == (roles.APP_ROLE, 3, [])


@pytest.mark.parametrize(
    ("statement", "refusal"),
    [
        ("SET session_replication_role = replica", "permission denied to set parameter"),
        ("ALTER TABLE review_events DISABLE TRIGGER ALL", "must be owner of table"),
        ("DROP TRIGGER review_events_append_only ON review_events", "must be owner of"),
        ("DELETE FROM review_events", "permission denied for table review_events"),
        ("UPDATE review_events SET actor = 'mallory'", "permission denied for table"),
        ("TRUNCATE review_events CASCADE", "permission denied for table"),
        ("UPDATE alembic_version SET version_num = '0001'", "permission denied for table"),
    ],
)
def test_the_app_role_cannot_switch_the_audit_guards_off(
    least_privilege: Roles, statement: str, refusal: str
) -> None:
    url = least_privilege.app_url
    store(url, "/a.txt", a_claim("Exports rose 12 percent in 2018."))
    before = events(url)

    with unit_of_work(url) as session, pytest.raises(DBAPIError, match=refusal):
        session.execute(text(statement))

    assert events(url) == before == 1


def test_what_the_app_role_can_still_change_is_found_by_verify(least_privilege: Roles) -> None:
    url = least_privilege.app_url
    store(url, "/a.txt", a_claim("Exports rose 12 percent in 2018."))
    [claim_id] = claim_ids(url).values()
    with unit_of_work(url) as session:
        session.execute(text("UPDATE review_items SET status = 'reviewed', verdict = 'true'"))
        session.commit()

    with unit_of_work(url) as session:
        found = audit.verify(session).discrepancies
    assert [(d.claim_id, d.problem.split(" is ")[0]) for d in found] == [
        (claim_id, "review item status"),
        (claim_id, "review item verdict"),
    ]
    assert events(url) == 1


def test_the_cli_runs_as_the_app_role_and_audit_verify_passes(
    least_privilege: Roles, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from cli.app import app

    url = least_privilege.app_url
    store(url, "/a.txt", a_claim("Exports rose 12 percent in 2018."))
    monkeypatch.setenv("CLAIMDESK_DATABASE_URL", url)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    runner = CliRunner()

    results = [
        runner.invoke(app, args, catch_exceptions=False)
        for args in (["next", "--reviewer", "alice"], ["queue"], ["audit", "verify"])
    ]

    assert [r.exit_code for r in results] == [0, 0, 0], [r.output for r in results]
    assert results[2].stdout.startswith("audit log verified: 2 events of 1 queue items")
    assert events(url) == 2
