"""Writing output files whole or not at all, and leaving no temporary file behind."""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TextIO

from claims.errors import ClaimdeskError

SUFFIX = ".partial"
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)
_STOPPING = (signal.SIGTERM, signal.SIGHUP)


class CannotWrite(ClaimdeskError):
    """An output file cannot be written where it was asked for."""


@contextmanager
def atomic_write(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text handle whose content replaces ``path`` only when the block succeeds.

    The content goes to a uniquely named temporary file beside ``path`` (two exports to
    one file never share it; ``os.replace`` is atomic only within one file system),
    which is removed if anything fails, Ctrl-C, SIGTERM and SIGHUP included: a reader
    never sees half a file. Only SIGKILL can leave one behind; its name holds the
    writer's process id, and the next write to ``path`` removes it once that process
    is gone. A folder, a device or a named pipe at ``path`` (/dev/null, /dev/stdout) is
    refused: the replace would put a file in its place.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind := _not_a_file(path):
            raise CannotWrite(f"{path}: cannot write here: {kind}, not a regular file")
        remove_leftovers(path)
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=SUFFIX, dir=path.parent
        )
    except OSError as exc:
        raise CannotWrite(f"{path}: cannot write here: {exc.strerror or exc}") from None
    try:
        with (
            _stopped_by_signals(),
            os.fdopen(descriptor, "w", newline="", encoding=encoding) as out,
        ):
            yield out
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _not_a_file(path: Path) -> str | None:
    """What ``path`` is when it is there and not a regular file (links followed)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # nothing there yet, or nothing mkstemp could write beside either
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "a special file")


def remove_leftovers(path: Path) -> list[Path]:
    """Remove the temporary files of writes to ``path`` whose process no longer runs."""
    removed = []
    for leftover in path.parent.glob(f".{path.name}.*{SUFFIX}"):
        pid = leftover.name.removeprefix(f".{path.name}.").split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise SystemExit inside the block, so cleanup code runs."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers
        return

    def stop(signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = {number: signal.signal(number, stop) for number in _STOPPING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
