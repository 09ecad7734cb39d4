"""A large checklist export on PostgreSQL, written in two halves at once.

An export of a large queue is bound by this process's CPU, not by the database: about
80% of its wall time goes to building the claims and their cells. With a core to spare
(``claimdesk export`` asks ``flows.settings.spare_core``) a fork of this process writes
the second half while this one writes the first:

- both read in one snapshot: this transaction, in REPEATABLE READ, exports it
  (``pg_export_snapshot``) and the child's transaction takes it (``SET TRANSACTION
  SNAPSHOT``), so the halves are one consistent listing even while reviewers lease;
- they split the checklist's order at a row count (LIMIT and OFFSET in that order);
- the child writes to an unnamed temporary file, which this process appends after its
  own half. If the child fails, the export fails with the child's message, and the
  caller's atomic file (flows.files.atomic_write) is never put in place.

Below ``SPLIT_FROM`` claims a second process costs more than it saves.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Callable
from typing import Any, TextIO

from sqlalchemy import Engine, Select, func, select, text
from sqlalchemy.orm import Session

from claims.errors import ClaimdeskError
from db.streaming import Page

WritePage = Callable[[Session, Any, Page], int]  # (session, csv writer, page) -> rows written

SPLIT_FROM = 20_000  # claims
_SNAPSHOT = re.compile(r"[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+")


class HalfFailed(ClaimdeskError):
    """The process writing the second half of an export failed."""


def write_halves(session: Session, handle: TextIO, listing: Select[Any], write: WritePage) -> int:
    """Write the rows of ``listing``, as ``write`` writes a page of them; how many.

    ``listing`` is the ordered query the rows come from, here only counted.
    """
    engine = session.get_bind().engine
    with (
        engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection,
        Session(bind=connection) as reading,
    ):
        counted = select(func.count()).select_from(listing.subquery())
        total = reading.scalar(counted) or 0
        writer = csv.writer(handle)
        if total < SPLIT_FROM:
            return write(reading, writer, Page())
        snapshot = str(reading.scalar(text("SELECT pg_export_snapshot()")))
        first = total // 2
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as rest:
            child = _Half(engine, snapshot, write, Page(offset=first), rest)
            try:
                count = write(reading, writer, Page(limit=first))
                count += child.wait()
            finally:
                child.stop()
            rest.seek(0)
            shutil.copyfileobj(rest, handle)
    return count


class _Half:
    """A forked process writing ``page`` of the listing, read in ``snapshot``, to ``out``.

    It reports through a pipe: the number of rows it wrote, or what went wrong.
    """

    def __init__(
        self, engine: Engine, snapshot: str, write: WritePage, page: Page, out: TextIO
    ) -> None:
        if not _SNAPSHOT.fullmatch(snapshot):
            raise HalfFailed(f"PostgreSQL gave an unexpected snapshot name: {snapshot!r}")
        self._report, ending = os.pipe()
        self._pid: int | None = os.fork()
        if self._pid == 0:  # the child: never returns
            os.close(self._report)
            _child(ending, engine, snapshot, write, page, out)
        os.close(ending)

    def wait(self) -> int:
        """The rows the child wrote, once it is done; HalfFailed if it failed."""
        assert self._pid is not None
        with os.fdopen(self._report, "rb") as report:
            self._report = -1
            said = report.read().decode("utf-8", "replace").strip()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if os.waitstatus_to_exitcode(status) != 0 or not said.isdigit():
            raise HalfFailed(f"the second half of the export failed: {said or 'no reason given'}")
        return int(said)

    def stop(self) -> None:
        """End the child if it is still running (this process failed or was interrupted)."""
        if self._report >= 0:
            os.close(self._report)
            self._report = -1
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = None


def _child(
    report: int, engine: Engine, snapshot: str, write: WritePage, page: Page, out: TextIO
) -> None:
    status, said = 1, "no reason given"
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child outright
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        engine.dispose(close=False)  # the parent's pooled connections stay the parent's
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection:
            connection.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
            with Session(bind=connection) as reading:
                count = write(reading, csv.writer(out), page)
        out.flush()
        status, said = 0, str(count)
    except BaseException as error:  # reported to the parent, which raises it
        said = str(error).splitlines()[0] if str(error) else type(error).__name__
    finally:
        try:
            os.write(report, said.encode("utf-8"))
        finally:
            os._exit(status)  # no cleanup of the parent's state: files, connections
