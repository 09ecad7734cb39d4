"""The command group that turns a database failure in any command into one error line."""

from __future__ import annotations

from typing import Any

from typer.core import TyperGroup


class DatabaseErrorsGroup(TyperGroup):
    """A `claimdesk` group whose commands end in one line when the database fails them.

    Locked, read-only, full: ``db.failures.explain`` says which and what may help, in
    place of the driver's traceback.
    """

    def invoke(self, ctx: Any) -> Any:  # typer's own click Context
        try:
            return super().invoke(ctx)
        except Exception as exc:
            from sqlalchemy.exc import SQLAlchemyError  # only when something failed

            if not isinstance(exc, SQLAlchemyError):
                raise
            from cli.output import fail
            from db.failures import explain
            from db.session import busy_timeout
            from flows.settings import Settings

            url = Settings.from_env().database_url
            fail(str(explain(exc, url, busy_timeout())))
