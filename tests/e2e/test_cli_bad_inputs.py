"""`extract` on hostile inputs: each is one line naming it, and the others are stored."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cli.app import app
from db import repository
from db.session import unit_of_work

MB = 1024 * 1024
CLAIMDESK = Path(sys.executable).parent / "claimdesk"
PLACES = ("Lisbon", "Oslo", "Quito", "Hanoi", "Accra", "Lima", "Riga", "Doha", "Suva", "Baku")


def article(number: int) -> str:
    place = PLACES[number]
    return (
        f"date 2019-05-{number + 10}\n# News from {place}\n\n"
        f"Exports from {place} rose {number + 11} percent in 2018, the ministry said. "
        f"The city counted {number * 1000 + 4321} new residents last year.\n"
    )


@pytest.fixture
def cli(database_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CLAIMDESK_DATABASE_URL", database_url)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    runner = CliRunner()
    assert runner.invoke(app, ["init"]).exit_code == 0
    return runner


def run(cli: CliRunner, *args: str) -> Result:
    return cli.invoke(app, list(args), catch_exceptions=False)


def counts(url: str) -> dict[str, int]:
    with unit_of_work(url) as session:
        return repository.counts(session)


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


PEAK = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print('peak-kb:', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(code)"
)
EMPTY = {"documents": 0, "claims": 0, "appearances": 0, "queued": 0}


def test_a_named_pipe_is_one_line_and_changes_nothing(
    cli: CliRunner, database_url: str, tmp_path: Path
) -> None:
    pipe = tmp_path / "inbox.txt"
    os.mkfifo(pipe)
    started = time.monotonic()
    result = run(cli, "extract", str(pipe))

    assert result.exit_code == 1 and time.monotonic() - started < 30
    assert errors(result) == [f"error: {pipe}: not a regular file (a named pipe); give a text file"]
    assert counts(database_url) == EMPTY


@pytest.mark.parametrize("target", ["/dev/zero", "sparse"])
def test_dev_zero_and_a_sparse_50_mb_file_are_refused_at_once(
    cli: CliRunner, database_url: str, tmp_path: Path, target: str
) -> None:
    if target == "sparse":
        target = str(tmp_path / "big.txt")
        with open(target, "wb") as handle:
            handle.truncate(50 * MB)
        problem = (
            "52,428,800 bytes is over the 10 MB limit for one document (CLAIMDESK_MAX_DOCUMENT_MB)"
        )
    else:
        problem = "not a regular file (a character device); give a text file"
    started = time.monotonic()
    result = run(cli, "extract", target)

    assert result.exit_code == 1 and time.monotonic() - started < 30
    assert errors(result) == [f"error: {target}: {problem}"]
    assert counts(database_url) == EMPTY


def test_the_size_limit_is_a_setting(
    cli: CliRunner, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(article(0) + "The harbour was busy all year. " * 40)
    monkeypatch.setenv("CLAIMDESK_MAX_DOCUMENT_MB", "0.001")  # 1,048 bytes
    result = run(cli, "extract", str(story))

    assert result.exit_code == 1
    assert errors(result) == [
        f"error: {story}: {story.stat().st_size:,} bytes is over the 1,048-byte limit for one "
        "document (CLAIMDESK_MAX_DOCUMENT_MB)"
    ]
    assert counts(database_url) == EMPTY


def test_a_pdf_holding_text_is_refused_by_its_name(
    cli: CliRunner, database_url: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_text(article(1))
    result = run(cli, "extract", str(pdf))

    assert result.exit_code == 1
    assert errors(result) == [
        f"error: {pdf}: a PDF file, not text: convert it to .txt or .html first"
    ]
    assert counts(database_url) == EMPTY


def test_a_nul_after_the_first_8_kb_is_stored_without_it_on_both_databases(
    cli: CliRunner, database_url: str, tmp_path: Path
) -> None:
    padding = "The weather was mild and nothing else happened that day. " * 150
    late = tmp_path / "late-nul.txt"
    late.write_bytes(article(2).encode() + padding.encode() + b"\x00\x1b[31m Imports fell.\n")
    after = tmp_path / "after.txt"
    after.write_text(article(3))
    result = run(cli, "extract", str(late), str(after))

    assert result.exit_code == 0, result.output
    assert errors(result) == []
    assert counts(database_url)["documents"] == 2
    with unit_of_work(database_url) as session:
        texts = [row.text for row in repository.iter_claims(session, checkworthy_only=False)]
    assert texts and not any("\x00" in t or "\x1b" in t for t in texts)


def test_utf_16_is_read_with_its_byte_order_mark_or_its_encoding(
    cli: CliRunner, database_url: str, tmp_path: Path
) -> None:
    marked = tmp_path / "marked.txt"
    marked.write_bytes(article(4).encode("utf-16"))
    unmarked = tmp_path / "unmarked.txt"
    unmarked.write_bytes(article(5).encode("utf-16-le"))

    assert run(cli, "extract", str(marked)).exit_code == 0
    result = run(cli, "extract", str(unmarked), "--encoding", "utf-16-le")

    assert result.exit_code == 0, result.output
    assert counts(database_url)["documents"] == 2


def test_a_folder_of_bad_files_and_ten_articles_stores_the_ten_in_bounded_memory(
    database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for number in range(10):
        (folder / f"story-{number}.txt").write_text(article(number))
    (folder / "nul.txt").write_bytes(b"Exports rose\x00\x00\x00 12 percent.\n")
    os.mkfifo(folder / "pipe.txt")
    with (folder / "huge.txt").open("w") as handle:  # a real 50 MB, not a sparse file
        line = "exports rose twelve percent while imports fell " * 20 + "\n"
        for _ in range(50 * MB // len(line) + 1):
            handle.write(line)
    env = os.environ | {"CLAIMDESK_DATABASE_URL": database_url}
    env.pop("PREFECT_API_URL", None)
    subprocess.run([CLAIMDESK, "init"], env=env, check=True, capture_output=True)

    started = time.monotonic()
    # A wrapper whose only child is claimdesk reports that child's peak memory.
    process = subprocess.run(
        [sys.executable, "-c", PEAK, CLAIMDESK, "extract", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    elapsed = time.monotonic() - started
    stdout, stderr = process.stdout, process.stderr
    peak_mb = int(stderr.rsplit("peak-kb:", 1)[1]) // 1024

    assert process.returncode == 1, stderr
    assert sorted(line for line in stderr.splitlines() if line.startswith("error:")) == [
        f"error: {folder / 'huge.txt'}: {(folder / 'huge.txt').stat().st_size:,} bytes is over "
        "the 10 MB limit for one document (CLAIMDESK_MAX_DOCUMENT_MB)",
        f"error: {folder / 'nul.txt'}: binary file, not text",
        f"error: {folder / 'pipe.txt'}: not a regular file (a named pipe); give a text file",
    ]
    assert "documents: 10 new" in stdout
    assert counts(database_url)["documents"] == 10
    assert peak_mb <= 1536, f"peak {peak_mb} MB"
    print(f"folder extract: {elapsed:.1f} s, peak {peak_mb} MB")  # for the report


@pytest.mark.parametrize("given", ["", " "])
def test_an_empty_argument_is_refused_not_read_as_the_working_folder(
    cli: CliRunner,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    given: str,
) -> None:
    (tmp_path / "story.txt").write_text(article(6))
    monkeypatch.chdir(tmp_path)  # what extract "" read before: the working folder
    result = run(cli, "extract", str(tmp_path / "story.txt"), given)

    assert result.exit_code == 2
    assert errors(result) == [
        "error: an empty PATH|URL (an unset variable?): give a file, folder or URL"
    ]
    assert counts(database_url) == EMPTY
