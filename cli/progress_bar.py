"""The progress bar of `extract` and `poll`: documents done of total, words/s, time left.

On a terminal it is drawn on stderr and removed when the work ends (the summary line
stays); on a pipe, under `--quiet` or `--json`, nothing is drawn.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class _WordsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        words = int(task.fields.get("words", 0))
        rate = f"{words / elapsed:,.0f} words/s" if elapsed > 0.5 and words else "… words/s"
        return Text(rate, style="progress.data.speed")


class ProgressBar:
    """A claims.progress.Progress sink drawn with rich, only where a person watches."""

    def __init__(self, console: Console, label: str, enabled: bool = True) -> None:
        self.enabled = enabled and console.is_terminal
        self._words = 0
        self._bar = Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("documents"),
            _WordsPerSecond(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not self.enabled,
        )
        self._task = self._bar.add_task(label, total=0, words=0)

    def __enter__(self) -> ProgressBar:
        self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._bar.stop()

    def found(self, documents: int) -> None:
        total = self._bar.tasks[0].total or 0
        self._bar.update(self._task, total=total + documents)

    def done(self, documents: int, words: int) -> None:
        self._words += words
        self._bar.update(self._task, advance=documents, words=self._words)
