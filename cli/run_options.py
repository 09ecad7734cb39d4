"""The options `extract` and `poll` share: where to extract (--dask), and the progress bar."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console

from flows.settings import Settings

Dask = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="tcp://HOST:8786",
        help="Extract on this Dask cluster's workers.",
        show_default="in this process; or CLAIMDESK_DASK_ADDRESS",
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


def with_dask(config: Settings, address: str | None) -> Settings:
    from dataclasses import replace

    return replace(config, dask_address=address) if address else config


@contextmanager
def progress_bar(label: str, hidden: bool) -> Iterator[None]:
    """A progress bar on stderr while the block runs, when stderr is a terminal."""
    from claims.progress import reporting
    from cli.progress_bar import ProgressBar

    err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)
    with ProgressBar(err, label, enabled=not hidden) as bar, reporting(bar):
        yield
