"""Writing output files whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from claims.errors import ClaimdeskError


class CannotWrite(ClaimdeskError):
    """An output file cannot be written where it was asked for."""


@contextmanager
def atomic_write(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text handle whose content replaces ``path`` only when the block succeeds.

    The content goes to a uniquely named temporary file beside ``path`` (two exports to
    one file never share it), which is removed if anything fails: a reader never sees
    half a file and a failure leaves nothing behind.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder")
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".partial", dir=path.parent
        )
    except OSError as exc:
        raise CannotWrite(f"{path}: cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(descriptor, "w", newline="", encoding=encoding) as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
