"""The CLI under failure and attack: one line each, the database unchanged, the log checked."""

from __future__ import annotations

import csv
import io
import logging
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from typer.testing import CliRunner, Result

from cli.app import app
from db import audit, repository
from db.failures import safe_url, sqlite_path
from db.models import ReviewEventRow
from db.session import get_engine, unit_of_work
from tests.integration.test_database_failures import hold_sqlite
from tests.integration.test_queue import a_claim, store

EXPORTS = "Exports rose 12 percent in 2018."
HOSTILE = "Imports fell 3 percent\x1b[2J\x1b]0;owned\x07 in 2019</script><!--."


@pytest.fixture
def cli(database_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CLAIMDESK_DATABASE_URL", database_url)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    runner = CliRunner()
    assert runner.invoke(app, ["init"]).exit_code == 0
    return runner


@pytest.fixture
def seeded(cli: CliRunner, database_url: str) -> str:
    """Two queued claims stored past the reader, one of them hostile text."""
    store(database_url, "/news/a.txt", a_claim(EXPORTS, 0.95, 0), a_claim(HOSTILE, 0.9, 1))
    return database_url


def run(cli: CliRunner, *args: str) -> Result:
    return cli.invoke(app, list(args), catch_exceptions=False)


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def state(url: str) -> tuple[dict[str, int], int, list[tuple[object, ...]]]:
    with unit_of_work(url) as session:
        events = session.scalar(select(func.count()).select_from(ReviewEventRow)) or 0
        items = session.execute(text("SELECT claim_id, status, verdict FROM review_items"))
        return repository.counts(session), events, sorted(tuple(row) for row in items)


def ids(url: str) -> dict[str, int]:
    with unit_of_work(url) as session:
        return {row.text: row.id for row in repository.iter_claims(session)}


def test_audit_verify_passes_a_clean_log(cli: CliRunner, seeded: str) -> None:
    run(cli, "next", "--reviewer", "alice")
    result = run(cli, "audit", "verify")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "audit log verified: 3 events of 2 queue items, every chain intact and every item in step\n"
    )


def test_audit_verify_finds_a_forged_and_a_deleted_event(cli: CliRunner, seeded: str) -> None:
    url = seeded
    run(cli, "next", "--reviewer", "alice")
    claim = ids(url)[EXPORTS]
    with unit_of_work(url) as session:
        session.execute(
            audit.EVENTS.insert().values(
                claim_id=claim,
                kind="reviewed",
                actor="mallory",
                at=datetime(2019, 1, 1, tzinfo=UTC),
                before={},
                after={"status": "leased"},
                hash="f" * 64,
            )
        )
        if url.startswith("sqlite"):
            session.execute(text("DROP TRIGGER review_events_no_delete"))
        else:
            session.execute(text("SET session_replication_role = replica"))
        first = session.scalar(select(func.min(ReviewEventRow.id)))
        session.execute(text("DELETE FROM review_events WHERE id = :e"), {"e": first})
        session.commit()
    before = state(url)

    result = run(cli, "audit", "verify")

    assert result.exit_code == 1
    lines = errors(result)
    assert lines[-1] == (
        "error: the audit log does not match: 3 discrepancies in 3 events of 2 queue items"
    )
    found = lines[:-1]
    assert all(line.startswith(f"error: claim {claim} event ") for line in found)
    assert sum("hash does not follow" in line for line in found) == 2  # after the deleted; forged
    assert sum("backdated" in line for line in found) == 1
    assert state(url) == before


def test_claim_text_reaches_the_terminal_without_escape_sequences(
    cli: CliRunner, seeded: str
) -> None:
    for args in (["claims"], ["queue"], ["next", "--reviewer", "alice"]):
        result = run(cli, *args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output
        assert "Imports fell 3 percent" in result.output


def test_claimreview_output_cannot_close_the_script_it_is_embedded_in(
    cli: CliRunner, seeded: str, tmp_path: Path
) -> None:
    url = seeded
    run(cli, "review", str(ids(url)[HOSTILE]), "--verdict", "false", "--reviewer", "alice")
    before = state(url)
    out = tmp_path / "claimreview.jsonld"

    result = run(cli, "export-claimreview", str(out))

    assert result.exit_code == 0 and "wrote 1 ClaimReviews" in result.stdout
    published = out.read_text()
    assert "</script" not in published and "<!--" not in published
    assert "/news/a.txt" not in published  # a local path is never published
    assert state(url) == before


def test_read_only_commands_never_create_a_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMDESK_DATABASE_URL", raising=False)
    runner = CliRunner()
    for args in (["claims"], ["queue"], ["export", "out.csv"], ["audit", "verify"]):
        result = runner.invoke(app, args, catch_exceptions=False)
        assert result.exit_code == 1
        assert result.stderr == (
            f"error: the database {tmp_path / 'claimdesk.db'} does not exist: "
            "run `claimdesk init` first\n"
        )
    assert list(tmp_path.iterdir()) == []


def test_a_locked_database_is_one_line_for_next_import_and_extract(
    cli: CliRunner, seeded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = seeded
    checklist = tmp_path / "checklist.csv"
    run(cli, "export", str(checklist))
    with checklist.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["verdict"] = "true"
    with checklist.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    article = tmp_path / "story.txt"
    article.write_text("date 2019-05-22\nThe ministry counted 39 deaths on Monday.\n")
    before = state(url)
    monkeypatch.setenv("CLAIMDESK_BUSY_TIMEOUT", "0.3")
    path = sqlite_path(url)
    holder = hold_sqlite(path) if path is not None else None
    engine = connection = None
    if path is None:
        engine = create_engine(url)
        connection = engine.connect()
        connection.execute(text("LOCK TABLE review_items IN ACCESS EXCLUSIVE MODE"))
    try:
        results = [
            run(cli, "next", "--reviewer", "bob"),
            run(cli, "import", str(checklist), "--reviewer", "bob"),
            run(cli, "extract", str(article)),
        ]
    finally:
        if holder is not None:
            holder.kill()
            holder.wait()
        if connection is not None and engine is not None:
            connection.close()
            engine.dispose()

    where = str(path) if path is not None else safe_url(url)
    for result in results:
        assert result.exit_code == 1, result.output
        [line] = errors(result)
        assert "Traceback" not in result.output
        assert "the database " in line and "is locked by another writer" in line, line
        assert line.endswith("try again when it has finished (CLAIMDESK_BUSY_TIMEOUT waits longer)")
        assert where in line
        if holder is not None:
            assert f"(pid {holder.pid})" in line
    assert state(url) == before


def test_a_read_only_database_is_one_line_and_init_does_not_call_it_ready(
    cli: CliRunner, seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = seeded
    path = sqlite_path(url)
    if path is not None:
        # Root ignores file modes: open the file read-only, as a read-only mount would.
        read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    else:
        read_only = url + "?options=-c%20default_transaction_read_only%3Don"
    before = state(url)
    monkeypatch.setenv("CLAIMDESK_DATABASE_URL", read_only)

    try:
        results = [run(cli, *args) for args in (["init"], ["next", "--reviewer", "bob"])]
    finally:
        get_engine(read_only).dispose()

    for result in results:
        assert result.exit_code == 1, result.output
        [line] = errors(result)
        assert line.endswith(
            "is read-only: give this user write access to the file and its folder, "
            "or use another CLAIMDESK_DATABASE_URL"
        ), line
        assert "database ready" not in result.output
    assert state(url) == before


def test_an_import_of_many_bad_rows_prints_20_and_the_count_of_the_rest(
    cli: CliRunner, seeded: str, tmp_path: Path
) -> None:
    url = seeded
    checklist = tmp_path / "bad.csv"
    handle = io.StringIO()
    writer = csv.writer(handle)
    writer.writerow(["claim_id", "version", "verdict", "evidence", "notes", "reviewer"])
    for number in range(75):
        writer.writerow([ids(url)[EXPORTS], "1", f"nope{number}", "", "", ""])
    checklist.write_text(handle.getvalue())
    before = state(url)

    result = run(cli, "import", str(checklist), "--reviewer", "alice")

    assert result.exit_code == 1
    lines = errors(result)
    assert len(lines) == 22
    assert lines[0] == f"error: {checklist}: row 2, column verdict: 'nope0' is not a verdict; " + (
        "use one of true, mostly_true, half_true, misleading, false, unverifiable, not_checkable"
    )
    assert lines[20] == "error: and 55 more"
    assert lines[21] == f"error: {checklist}: 75 bad rows; nothing was imported"
    assert state(url) == before


def test_library_log_lines_stay_out_of_the_output_unless_verbose(
    cli: CliRunner, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div>" * 5000 + "Text." + "</div>" * 5000 + "</body></html>")

    quiet = run(cli, "extract", str(page))
    assert quiet.exit_code == 1
    assert errors(quiet) == [f"error: {page}: no article text found in the page"]
    assert not [r for r in caplog.records if r.name.startswith("trafilatura")]

    caplog.clear()
    with caplog.at_level(logging.WARNING):
        loud = run(cli, "--verbose", "extract", str(page))
    assert loud.exit_code == 1
    assert [r for r in caplog.records if r.name.startswith("trafilatura")]
    run(cli, "claims")  # back to quiet for the other tests


def test_the_console_script_prints_no_library_log_lines(tmp_path: Path, database_url: str) -> None:
    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div>" * 5000 + "Text." + "</div>" * 5000 + "</body></html>")
    claimdesk = Path(sys.executable).parent / "claimdesk"
    env = {"CLAIMDESK_DATABASE_URL": database_url, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run([claimdesk, "init"], env=env, check=True, capture_output=True)

    result = subprocess.run(
        [claimdesk, "extract", str(page)], env=env, capture_output=True, text=True
    )

    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if "Prefect" not in line] == [
        f"error: {page}: no article text found in the page"
    ]
