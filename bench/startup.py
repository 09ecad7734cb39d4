"""Start-up of `claimdesk --help` and `claimdesk queue` against `import sqlalchemy, typer`.

Each command runs in a fresh interpreter, several times; the medians of wall and CPU time
are compared (CPU time is steadier on a busy machine). The target is at most 1.5×.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7
BASELINE = [sys.executable, "-c", "import sqlalchemy, typer"]


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Median wall and CPU seconds of the command over ``RUNS`` fresh processes."""
    walls, cpus = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        if status:
            raise SystemExit(f"{' '.join(command)} failed")
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    claimdesk = [sys.executable, "-m", "cli"]
    with tempfile.TemporaryDirectory() as folder:
        env = os.environ | {"CLAIMDESK_DATABASE_URL": f"sqlite:///{Path(folder) / 's.db'}"}
        subprocess.run([*claimdesk, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
        base_wall, base_cpu = measure(BASELINE, env)
        print(f"start-up, median of {RUNS} (wall, CPU), vs `import sqlalchemy, typer`:")
        print(f"import sqlalchemy, typer:   {base_wall:7.2f} s   {base_cpu:6.2f} s CPU")
        for name in ("--help", "queue"):
            wall, cpu = measure([*claimdesk, name], env)
            print(
                f"claimdesk {name:<17}{wall:7.2f} s   {cpu:6.2f} s CPU   "
                f"{wall / base_wall:.2f}x  {cpu / base_cpu:.2f}x CPU"
            )


if __name__ == "__main__":
    main()
