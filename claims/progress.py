"""How long work reports its progress: a sink the pipeline tells, the CLI shows.

The pipeline calls ``found`` when it learns of more documents to do and ``done`` after
each document; the default sink ignores both. Kept free of any display library so that
the pipeline runs the same under a terminal, a pipe, Prefect or a Dask worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol


class Progress(Protocol):
    def found(self, documents: int) -> None:
        """``documents`` more documents to do."""

    def done(self, documents: int, words: int) -> None:
        """``documents`` more finished, with ``words`` words between them."""


class NoProgress:
    """Reports nowhere."""

    def found(self, documents: int) -> None:
        pass

    def done(self, documents: int, words: int) -> None:
        pass


NONE = NoProgress()


_current: ContextVar[Progress] = ContextVar("claimdesk_progress", default=NONE)


def current() -> Progress:
    """The sink of the work running now (NONE unless a caller set one)."""
    return _current.get()


@contextmanager
def reporting(sink: Progress) -> Iterator[Progress]:
    """Report the work done inside the block to ``sink``."""
    token = _current.set(sink)
    try:
        yield sink
    finally:
        _current.reset(token)
