"""A least-privilege PostgreSQL setup: an owner role for migrations, an app role for the rest.

The app role owns nothing, so it cannot ``ALTER TABLE … DISABLE TRIGGER`` or drop the
audit triggers, and it is no superuser, so it cannot ``SET session_replication_role``.
It may only read and append audit events. The README shows the same statements.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

OWNER_ROLE = "claimdesk_owner"
APP_ROLE = "claimdesk_app"


def create_roles_sql(owner: str = OWNER_ROLE, app: str = APP_ROLE) -> list[str]:
    """Create both login roles unless they exist (run by a superuser, once per server)."""
    return [_create_role(owner), _create_role(app)]


def _create_role(name: str) -> str:
    # Several sessions may run this at once: a role made meanwhile is not an error.
    return f"""
    DO $$ BEGIN
        CREATE ROLE "{name}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$
    """


def grant_app_sql(app: str = APP_ROLE) -> list[str]:
    """What the app role may do, run by the owner after every `claimdesk init`."""
    return [
        f'GRANT USAGE ON SCHEMA public TO "{app}"',
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{app}"',
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{app}"',
        f'REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM "{app}"',
        f'REVOKE UPDATE, DELETE, TRUNCATE ON review_events FROM "{app}"',
    ]


def grant_app(connection: Connection, app: str = APP_ROLE) -> None:
    """Run ``grant_app_sql`` on a connection of the owner role."""
    for statement in grant_app_sql(app):
        connection.execute(text(statement))
