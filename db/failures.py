"""Database failures a user can act on, each as one line: locked, read-only, full, missing.

DatabaseFailure (claims.errors.ClaimdeskError)
 ├── DatabaseLocked      another writer holds the lock for longer than the busy timeout
 ├── DatabaseReadOnly    the file, its folder or the server refuses writes
 ├── DatabaseFull        no space left for the database
 └── DatabaseMissing     a read-only command on a database that does not exist

``explain`` maps a SQLAlchemy error to one of these (or to a plain DatabaseFailure with the
driver's first line); the CLI prints its message.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from claims.errors import ClaimdeskError


class DatabaseFailure(ClaimdeskError):
    """The database refused or failed an operation."""


class DatabaseLocked(DatabaseFailure):
    """Another connection holds a lock this operation waited for in vain."""


class DatabaseReadOnly(DatabaseFailure):
    """The database cannot be written to."""


class DatabaseFull(DatabaseFailure):
    """The disk or quota holding the database is full."""


class DatabaseMissing(DatabaseFailure):
    """The database does not exist yet."""


# PostgreSQL SQLSTATEs
_PG_LOCKED = {"55P03", "40P01"}  # lock_not_available, deadlock_detected
_PG_READ_ONLY = {"25006"}  # read_only_sql_transaction
_PG_FULL = {"53100", "53200"}  # disk_full, out_of_memory


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    database = parsed.database or ""
    if parsed.query.get("uri") == "true" and database.startswith("file:"):
        database = database.removeprefix("file:").split("?", 1)[0]  # sqlite:///file:x.db?mode=ro
    return Path(database)


def require_existing(url: str) -> None:
    """Raise DatabaseMissing for a SQLite file that does not exist (connecting would create it)."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise DatabaseMissing(f"the database {path} does not exist: run `claimdesk init` first")


def probe_write(url: str) -> None:
    """Raise a DatabaseFailure unless the database takes a write (rolled back at once)."""
    from sqlalchemy import text

    from db.session import get_engine

    try:
        with get_engine(url).connect() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
            connection.rollback()
    except SQLAlchemyError as exc:
        raise explain(exc, url) from None


def explain(error: SQLAlchemyError, url: str, busy_timeout: float | None = None) -> DatabaseFailure:
    """One line saying what went wrong with the database and what may help."""
    text = str(getattr(error, "orig", None) or error).strip()
    first = (text.splitlines() or [type(error).__name__])[0]
    lowered = first.lower()
    code = _sqlstate(error)
    path = sqlite_path(url)
    where = str(path) if path is not None else safe_url(url)
    waited = f" for {busy_timeout:g} s" if busy_timeout is not None else ""
    if (
        "database is locked" in lowered
        or "database table is locked" in lowered
        or code in _PG_LOCKED
    ):
        holders = _holders(path) if path is not None else ""
        return DatabaseLocked(
            f"the database {where} is locked by another writer{holders} (waited{waited}); "
            "try again when it has finished (CLAIMDESK_BUSY_TIMEOUT waits longer)"
        )
    if "readonly database" in lowered or "read-only" in lowered or code in _PG_READ_ONLY:
        return DatabaseReadOnly(
            f"the database {where} is read-only: give this user write access to the file "
            "and its folder, or use another CLAIMDESK_DATABASE_URL"
        )
    if "disk is full" in lowered or "no space left" in lowered or code in _PG_FULL:
        return DatabaseFull(
            f"the disk holding the database {where} is full: free some space and try again "
            "(nothing of this command was stored)"
        )
    if "unable to open database file" in lowered:
        return DatabaseFailure(
            f"cannot open the database {where}: check that its folder exists and is writable"
        )
    return DatabaseFailure(f"database error on {where}: {first}")


def _sqlstate(error: SQLAlchemyError) -> str | None:
    if not isinstance(error, DBAPIError):
        return None
    return getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)


def _holders(path: Path) -> str:
    """Which other processes have the SQLite file open (Linux /proc), as " (held by …)"."""
    try:
        target = path.resolve()
        wanted = {str(target), f"{target}-wal", f"{target}-journal"}
        found: set[str] = set()
        for process in Path("/proc").iterdir():
            if not process.name.isdigit() or int(process.name) == os.getpid():
                continue
            try:
                links = {os.readlink(fd) for fd in (process / "fd").iterdir()}
            except OSError:  # gone meanwhile, or another user's
                continue
            if links & wanted:
                name = (
                    (process / "comm").read_text().strip() if (process / "comm").exists() else "?"
                )
                found.add(f"{name} (pid {process.name})")
    except OSError:
        return ""
    return f" (open in {', '.join(sorted(found))})" if found else ""
