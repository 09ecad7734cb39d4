"""Timing helpers: wall and CPU time, medians, and child processes' peak memory."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Timing:
    """Wall seconds, CPU seconds (all threads) and, for a child process, peak RSS."""

    wall: float
    cpu: float
    peak_rss_mb: float = 0.0
    output: str = ""


def timed(work: Callable[[], object]) -> Timing:
    """Run ``work`` in this process: its wall and CPU time (every thread)."""
    cpu, start = time.process_time(), time.perf_counter()
    work()
    return Timing(time.perf_counter() - start, time.process_time() - cpu)


def run_child(
    command: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> Timing:
    """Run a command to its end: wall time, its CPU time and its own peak RSS (wait4)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as error:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            stdout=out,
            stderr=error,
            env={**os.environ, **(env or {})},
            cwd=cwd or PROJECT,
        )
        _, status, usage = os.wait4(process.pid, 0)  # Popen has not reaped it: its own usage
        wall = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        error.seek(0)
        output, problems = out.read(), error.read()
    if code != 0:
        raise RuntimeError(f"{' '.join(command[:4])} exited {code}: {problems.strip()[-800:]}")
    return Timing(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def child_result(timing: Timing) -> dict[str, Any]:
    """The JSON object a bench child prints on its last line of output."""
    lines = [line for line in timing.output.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {}
