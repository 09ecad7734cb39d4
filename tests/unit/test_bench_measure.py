"""bench.measure: a child's figures are its own, not those of the process that started it."""

from __future__ import annotations

import sys

import pytest

from bench.measure import run_child

ALLOCATE = "import sys; b = bytearray({mb} * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"


def test_a_small_child_of_a_large_process_reports_its_own_small_peak_memory() -> None:
    ballast = bytearray(400 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched, so resident
    timing = run_child([sys.executable, "-c", "pass"])
    del ballast
    assert timing.peak_rss_mb < 100


def test_a_child_that_grows_reports_what_it_grew_to() -> None:
    timing = run_child([sys.executable, "-c", ALLOCATE.format(mb=250)])
    assert 250 <= timing.peak_rss_mb < 350
    assert timing.wall > 0 and timing.cpu > 0


def test_a_child_that_fails_raises_with_its_exit_code_and_error() -> None:
    failing = "import sys; sys.stderr.write('boom'); sys.exit(3)"
    with pytest.raises(RuntimeError, match="exited 3: boom"):
        run_child([sys.executable, "-c", failing])


def test_a_command_that_does_not_exist_raises() -> None:
    with pytest.raises(RuntimeError, match="could not start"):
        run_child(["/nonexistent/claimdesk-bench-command"])


def test_output_is_the_childs_standard_output() -> None:
    assert run_child([sys.executable, "-c", "print('{\"a\": 1}')"]).output == '{"a": 1}\n'
