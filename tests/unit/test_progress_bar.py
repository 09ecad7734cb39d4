"""The progress bar: drawn on a terminal, gone on a pipe; the pipeline reports to it."""

from __future__ import annotations

import io

from rich.console import Console

from claims.progress import NONE, current, reporting
from cli.progress_bar import ProgressBar


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    sink = io.StringIO()
    return Console(file=sink, force_terminal=terminal, width=120), sink


def test_on_a_terminal_it_shows_documents_done_of_total_and_words_per_second() -> None:
    console, sink = _console(terminal=True)
    bar = ProgressBar(console, "extracting")
    with bar, reporting(bar):
        current().found(5)
        current().done(3, 2_000)
        bar._bar.tasks[0].start_time = bar._bar.tasks[0].start_time - 2  # type: ignore[operator]
        bar._bar.refresh()
        drawn = sink.getvalue()
    assert "3/5" in drawn and "documents" in drawn and "words/s" in drawn
    assert bar._bar.tasks[0].completed == 3 and bar._bar.tasks[0].total == 5
    assert current() is NONE  # only inside the block


def test_on_a_pipe_or_when_quiet_nothing_is_drawn() -> None:
    for terminal, enabled in ((False, True), (True, False)):
        console, sink = _console(terminal)
        bar = ProgressBar(console, "extracting", enabled=enabled)
        with bar, reporting(bar):
            current().found(2)
            current().done(2, 100)
        assert sink.getvalue() == ""
        assert not bar.enabled
