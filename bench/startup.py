"""Start-up of `claimdesk --help`, `queue`, `next` and `review` against
`python -c "import sqlalchemy, typer"`, on the embedded SQLite database.

The database holds the seed article after `claimdesk init` and `claimdesk extract seeds/`
(38 queued claims); `next` and `review` start from a fresh copy of it, so every run does
the same work. The commands run in fresh interpreters, interleaved
(one of each per round, so a busy machine slows them alike), ``RUNS`` rounds; the medians
of wall and CPU time (user + system) are compared. CPU time is steadier on a busy
machine. The target (issue 11) is at most 1.5x for `--help` and `queue`.
"""

from __future__ import annotations

import compileall
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 11
BASELINE = [sys.executable, "-c", "import sqlalchemy, typer"]
PROJECT = Path(__file__).resolve().parent.parent
PACKAGES = ("claims", "cli", "db", "flows")


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, cwd=PROJECT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status:
        raise SystemExit(f"{' '.join(command)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def commands(first_claim: int) -> dict[str, list[str]]:
    claimdesk = [sys.executable, "-m", "cli"]
    review = ["review", str(first_claim), "--verdict", "false", "--reviewer", "bench"]
    return {
        "import sqlalchemy, typer": BASELINE,
        "claimdesk --help": [*claimdesk, "--help"],
        "claimdesk queue": [*claimdesk, "queue"],
        "claimdesk next": [*claimdesk, "next", "--reviewer", "bench"],
        "claimdesk review": [*claimdesk, *review],
    }


def seed(database: Path) -> int:
    """Initialise ``database``, extract the seed article into it; a queued claim's id."""
    env = os.environ | {"CLAIMDESK_DATABASE_URL": f"sqlite:///{database}"}
    for args in (["init"], ["extract", "seeds/"]):
        subprocess.run(
            [sys.executable, "-m", "cli", *args],
            env=env,
            cwd=PROJECT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    with sqlite3.connect(database) as connection:
        (claim_id,) = connection.execute("SELECT min(claim_id) FROM review_items").fetchone()
    connection.close()
    return int(claim_id)


def main() -> None:
    # As installed: the project's modules byte-compiled (PYTHONDONTWRITEBYTECODE may be set).
    for package in PACKAGES:
        compileall.compile_dir(PROJECT / package, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        seeded, database = Path(folder) / "seeded.db", Path(folder) / "s.db"
        first_claim = seed(seeded)
        env = os.environ | {"CLAIMDESK_DATABASE_URL": f"sqlite:///{database}"}
        times: dict[str, tuple[list[float], list[float]]] = {}
        for _ in range(RUNS):
            for name, command in commands(first_claim).items():
                shutil.copyfile(seeded, database)  # the same queue for every run
                wall, cpu = run_once(command, env)
                walls, cpus = times.setdefault(name, ([], []))
                walls.append(wall)
                cpus.append(cpu)
    medians = {name: (statistics.median(w), statistics.median(c)) for name, (w, c) in times.items()}
    base_wall, base_cpu = medians["import sqlalchemy, typer"]
    print(f"start-up, median of {RUNS} interleaved runs (wall, CPU = user + system):")
    for name, (wall, cpu) in medians.items():
        print(
            f"{name:<26}{wall:7.2f} s   {cpu:6.2f} s CPU   "
            f"{wall / base_wall:.2f}x  {cpu / base_cpu:.2f}x CPU"
        )


if __name__ == "__main__":
    main()
