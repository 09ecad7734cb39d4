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


# Peak RSS through a small launcher. Linux keeps a process's peak RSS across exec (the
# memory of the process it was forked from counts), so a command started straight from
# this process would report at least this process's own size: 1,545 MB for a 77 MB
# export once the bench had grown. The launcher is a few MB; what it starts reports its
# own peak. It prints wall, CPU and peak RSS as JSON on the file descriptor it is given.
_LAUNCHER = """
import json, os, sys, time
report, command = int(sys.argv[1]), sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawnp(command[0], command, os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
os.write(report, json.dumps([os.waitstatus_to_exitcode(status), wall,
    usage.ru_utime + usage.ru_stime, usage.ru_maxrss]).encode())
"""


def run_child(
    command: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> Timing:
    """Run a command to its end: wall time, its CPU time and its own peak RSS."""
    read, write = os.pipe()
    try:
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as error:
            launcher = [sys.executable, "-S", "-c", _LAUNCHER, str(write), *command]
            process = subprocess.Popen(
                launcher,
                stdout=out,
                stderr=error,
                env={**os.environ, **(env or {})},
                cwd=cwd or PROJECT,
                pass_fds=(write,),
            )
            os.close(write)
            write = -1
            with os.fdopen(read, "rb") as reading:
                read = -1
                report = reading.read()
            launched = process.wait()
            out.seek(0)
            error.seek(0)
            output, problems = out.read(), error.read()
    finally:
        for fd in (read, write):
            if fd >= 0:
                os.close(fd)
    if launched != 0 or not report:
        raise RuntimeError(f"could not start {command[0]}: {problems.strip()[-800:]}")
    code, wall, cpu, max_rss_kb = json.loads(report)
    if code != 0:
        raise RuntimeError(f"{' '.join(command[:4])} exited {code}: {problems.strip()[-800:]}")
    return Timing(wall, cpu, max_rss_kb / 1024, output)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def child_result(timing: Timing) -> dict[str, Any]:
    """The JSON object a bench child prints on its last line of output."""
    lines = [line for line in timing.output.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {}
