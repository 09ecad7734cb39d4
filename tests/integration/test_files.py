"""Output files are written whole or not at all; a killed export leaves nothing for long."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from flows.files import CannotWrite, atomic_write

WRITER = """
import signal, sys, time
from pathlib import Path
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a shell, whatever pytest set
from flows.files import atomic_write
with atomic_write(Path(sys.argv[1])) as handle:
    handle.write("claim_id,version\\n1,1\\n")
    handle.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


def start_writer(target: Path) -> subprocess.Popen[str]:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert writer.stdout is not None
    with writer.stdout:  # the writer prints once: "writing" is all there is to read
        assert writer.stdout.readline() == "writing\n"
    return writer


def partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_a_write_leaves_no_partial_file_and_no_target(
    tmp_path: Path, number: signal.Signals
) -> None:
    target = tmp_path / "checklist.csv"
    writer = start_writer(target)
    assert len(partials(tmp_path)) == 1

    writer.send_signal(number)
    code = writer.wait(timeout=30)

    assert code != 0
    assert partials(tmp_path) == [] and not target.exists()


def test_a_partial_file_left_by_a_killed_writer_is_removed_by_the_next_write(
    tmp_path: Path,
) -> None:
    target = tmp_path / "checklist.csv"
    writer = start_writer(target)
    writer.kill()  # SIGKILL: no cleanup can run
    writer.wait(timeout=30)
    [leftover] = partials(tmp_path)
    assert leftover.startswith(f".checklist.csv.{writer.pid}.")

    with atomic_write(target) as handle:
        handle.write("claim_id,version\n")

    assert partials(tmp_path) == []
    assert target.read_text() == "claim_id,version\n"


def test_a_write_in_progress_elsewhere_keeps_its_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "checklist.csv"
    writer = start_writer(target)
    try:
        with atomic_write(target) as handle:
            handle.write("mine\n")
        assert len(partials(tmp_path)) == 1  # the other writer's, still running
    finally:
        writer.terminate()
        writer.wait(timeout=30)
    assert partials(tmp_path) == [] and target.read_text() == "mine\n"


def test_a_device_or_a_named_pipe_at_the_target_is_refused_and_left_in_place(
    tmp_path: Path,
) -> None:
    null = tmp_path / "claimreview.json"
    null.symlink_to(os.devnull)  # as /dev/stdout or /dev/null would be given
    pipe = tmp_path / "checklist.csv"
    os.mkfifo(pipe)
    for target, kind in ((null, "a device"), (pipe, "a named pipe")):
        with pytest.raises(CannotWrite) as refused, atomic_write(target) as handle:
            handle.write("[]")
        assert str(refused.value) == f"{target}: cannot write here: {kind}, not a regular file"
    assert null.is_symlink() and stat.S_ISFIFO(pipe.stat().st_mode)
    assert partials(tmp_path) == []
