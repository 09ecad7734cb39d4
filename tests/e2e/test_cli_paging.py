"""`claimdesk queue` and `claimdesk claims` page; `claims --json` streams every claim."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cli.app import app
from tests.integration.test_streaming import _seed


@pytest.fixture
def cli(migrated_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CLAIMDESK_DATABASE_URL", migrated_url)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    _seed(migrated_url)
    return CliRunner()


def _ids(table: str) -> list[str]:
    cells = [line.split("│")[1].strip() for line in table.splitlines() if line.startswith("│")]
    return [cell for cell in cells if cell.isdigit()]  # wrapped text leaves the id cell empty


def test_the_queue_shows_a_page_and_says_how_to_see_the_next(cli: CliRunner) -> None:
    first = cli.invoke(app, ["queue", "--limit", "4"], catch_exceptions=False)
    rest = cli.invoke(app, ["queue", "--limit", "4", "--offset", "4"], catch_exceptions=False)
    everything = cli.invoke(app, ["queue", "--limit", "100"], catch_exceptions=False)
    assert first.exit_code == rest.exit_code == everything.exit_code == 0
    assert "9 claims queued" in first.stdout
    assert _ids(first.stdout) + _ids(rest.stdout) == _ids(everything.stdout)[:8]
    assert "next page: --offset 4" in first.stderr
    assert "next page" not in everything.stderr


def test_claims_json_streams_all_and_the_table_pages(cli: CliRunner) -> None:
    streamed = cli.invoke(app, ["claims", "--json", "--all"], catch_exceptions=False)
    rows = [json.loads(line) for line in streamed.stdout.splitlines()]
    assert len(rows) == 12 and [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    page = cli.invoke(app, ["claims", "--limit", "2", "--offset", "1"], catch_exceptions=False)
    assert _ids(page.stdout) == [str(rows[1]["id"]), str(rows[2]["id"])]
    bad = cli.invoke(app, ["queue", "--limit", "0"])
    assert bad.exit_code == 2


@pytest.mark.parametrize("command", ["queue", "claims"])
def test_a_page_past_a_64_bit_integer_is_an_option_error_and_the_largest_is_empty(
    cli: CliRunner, command: str
) -> None:
    largest = str(2**63 - 1)
    for option in ("--limit", "--offset"):
        result = cli.invoke(app, [command, option, str(2**63)], catch_exceptions=False)
        assert result.exit_code == 2, result.output
        assert f"Invalid value for '{option}'" in result.stderr
    result = cli.invoke(
        app, [command, "--limit", largest, "--offset", largest], catch_exceptions=False
    )
    assert result.exit_code == 0 and _ids(result.stdout) == []
