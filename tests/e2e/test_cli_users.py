"""`claimdesk users add|list|disable|enable` and `claimdesk web`, in-process."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from cli.app import app
from db import users
from db.session import unit_of_work
from tests.desk_support import PASSWORD, fast_hashing  # noqa: F401 (an autouse fixture)


@pytest.fixture
def cli(database_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CLAIMDESK_DATABASE_URL", database_url)
    runner = CliRunner()
    assert runner.invoke(app, ["init"]).exit_code == 0
    return runner


def run(cli: CliRunner, *args: str, stdin: str | None = None) -> Result:
    return cli.invoke(app, list(args), input=stdin, catch_exceptions=False)


def listed(cli: CliRunner) -> list[dict[str, Any]]:
    result = run(cli, "users", "list", "--json")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def test_users_add_reads_the_password_from_stdin_and_the_user_can_sign_in(
    cli: CliRunner, database_url: str
) -> None:
    result = run(
        cli, "users", "add", "alice", "--role", "admin", "--password-stdin", stdin=PASSWORD
    )
    assert (result.exit_code, result.stdout) == (0, "added admin alice\n")
    assert listed(cli) == [{"name": "alice", "role": "admin", "disabled": False}]
    with unit_of_work(database_url) as session:
        assert users.authenticate(session, "alice", PASSWORD).role == "admin"


def test_users_add_asks_for_the_password_twice(cli: CliRunner) -> None:
    result = run(cli, "users", "add", "bob", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0 and "added reviewer bob" in result.stdout
    assert "Password" in result.output


@pytest.mark.parametrize(
    ("args", "stdin", "problem"),
    [
        (("--role", "boss"), PASSWORD, "unknown role 'boss'"),
        (("--role", "editor"), "short", "a password is 8 to"),
    ],
)
def test_a_bad_user_is_one_error_line_and_nothing_is_added(
    cli: CliRunner, args: tuple[str, ...], stdin: str, problem: str
) -> None:
    result = run(cli, "users", "add", "carol", *args, "--password-stdin", stdin=stdin)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and problem in line
    assert listed(cli) == []


def test_users_disable_and_enable(cli: CliRunner) -> None:
    run(cli, "users", "add", "dave", "--password-stdin", stdin=PASSWORD)
    assert run(cli, "users", "disable", "dave").stdout == "disabled dave\n"
    assert listed(cli)[0]["disabled"] is True
    assert run(cli, "users", "enable", "dave").exit_code == 0
    assert listed(cli)[0]["disabled"] is False
    unknown = run(cli, "users", "disable", "nobody")
    assert unknown.exit_code == 1 and "no user 'nobody'" in unknown.stderr


def test_web_serves_the_desk_on_the_host_and_port_given(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    served: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.update(options, app=app))
    result = run(cli, "web", "--host", "127.0.0.1", "--port", "8123")
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == ("127.0.0.1", 8123)
    assert "http://127.0.0.1:8123/" in result.stdout
    assert "no users yet" in result.stderr and "CLAIMDESK_SECRET_KEY" in result.stderr
