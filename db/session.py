"""Engines and the unit of work: a session that rolls back unless committed."""

from __future__ import annotations

import json
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Engine, create_engine, event, exc, inspect, text
from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEFAULT_BUSY_TIMEOUT = 30.0
_busy_timeout = DEFAULT_BUSY_TIMEOUT
_made: weakref.WeakSet[Engine] = weakref.WeakSet()  # disposed of when the timeout changes
_factories: weakref.WeakKeyDictionary[Engine, Any] = weakref.WeakKeyDictionary()


def configure(busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> None:
    """How long (seconds) a statement waits for a lock another connection holds.

    SQLite's busy timeout and PostgreSQL's lock_timeout; engines made before are dropped.
    """
    global _busy_timeout
    if busy_timeout != _busy_timeout:
        _busy_timeout = busy_timeout
        get_engine.cache_clear()
        for engine in list(_made):
            engine.dispose()


def busy_timeout() -> float:
    return _busy_timeout


@lru_cache(maxsize=8)
def get_engine(url: str) -> Engine:
    """One engine per database URL per process."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"timeout": _busy_timeout}, json_deserializer=json_loads
        )
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        # Added to the URL's own options (e.g. ?options=-c default_transaction_read_only=on).
        given = make_url(url).query.get("options", "")
        options = " ".join([*([given] if isinstance(given, str) else given)])
        options = f"{options} -c lock_timeout={int(_busy_timeout * 1000)}".strip()
        engine = create_engine(url, connect_args={"options": options}, json_deserializer=json_loads)
        event.listen(engine, "checkin", _checked_in)
        event.listen(engine, "checkout", partial(_ping_if_idle, engine.dialect))
    _made.add(engine)
    return engine


def json_loads(data: str | bytes) -> Any:
    """JSON columns read back: orjson, several times faster than the standard library
    (an export reads six JSON columns a claim); values orjson refuses (NaN) by json."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


# A pooled connection idle this long is pinged before use: one unused for a while may
# have been closed by the server or the network. Pinging every checkout (pool_pre_ping)
# would add a round trip to every lease of a busy desk, which reuses its connections
# within milliseconds.
PING_AFTER_IDLE_SECONDS = 10.0


def _checked_in(_dbapi_connection: Any, record: Any) -> None:
    record.info["checked_in"] = time.monotonic()


def _ping_if_idle(dialect: Any, dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """Ping a connection idle for a while; a dead one is replaced (DisconnectionError)."""
    idle = time.monotonic() - record.info.get("checked_in", float("-inf"))
    if idle < PING_AFTER_IDLE_SECONDS:
        return
    try:
        dialect.do_ping(dbapi_connection)
    except Exception as error:  # the pool retries with a fresh connection
        raise exc.DisconnectionError(str(error)) from error


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(_busy_timeout * 1000)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@contextmanager
def unit_of_work(url: str) -> Iterator[Session]:
    """A session whose work is rolled back unless the caller commits it."""
    # The ORM is imported here: `claimdesk queue` reads through Core and starts without it.
    from sqlalchemy.orm import sessionmaker

    engine = get_engine(url)
    factory = _factories.get(engine)
    if factory is None:  # a sessionmaker is a class of its own: made once per engine
        factory = _factories[engine] = sessionmaker(engine, expire_on_commit=False)
    session = factory()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


def schema_revision(url: str) -> str | None:
    """The Alembic revision the database is at; None before `claimdesk init`.

    Read with SQLAlchemy alone, so that commands which only check the schema do not
    import Alembic.
    """
    with get_engine(url).connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        return next(iter(versions), None)
