"""`claimdesk sources add|list|remove`, `poll` and `serve`, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings
from typer.testing import CliRunner

from tests.helpers import SEEDS, run
from tests.integration.webserver import WebServer


@pytest.fixture(autouse=True)
def initialised(request: pytest.FixtureRequest) -> None:
    """The tests of this module that use the CLI start on an initialised database."""
    if "cli" in request.fixturenames:
        assert run(request.getfixturevalue("cli"), "init").exit_code == 0


@pytest.fixture
def site() -> Iterator[WebServer]:
    with WebServer() as running:
        yield running


def listed(cli: CliRunner) -> list[dict[str, Any]]:
    result = run(cli, "sources", "list", "--json")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


@pytest.mark.parametrize(
    "spelling",
    ["https://example.org/news/rss.xml?", "https://example.org/news/rss.xml#latest"],
)
def test_the_same_feed_spelt_with_an_empty_query_or_a_fragment_is_one_source(
    cli: CliRunner, spelling: str
) -> None:
    assert run(cli, "sources", "add", "https://example.org/news/rss.xml").exit_code == 0
    again = run(cli, "sources", "add", spelling)
    assert "already a source" in again.stdout
    assert [r["location"] for r in listed(cli)] == ["https://example.org/news/rss.xml"]


@pytest.mark.parametrize("location", ["", "  "])
def test_an_empty_location_is_refused_not_taken_for_the_working_folder(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, location: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(cli, "sources", "add", location)

    assert result.exit_code == 2
    assert result.stderr == "error: no location given: give a feed or page URL, or a folder\n"
    assert listed(cli) == []


def test_sources_are_added_once_listed_and_removed(cli: CliRunner, tmp_path: Path) -> None:
    assert (
        run(cli, "sources", "add", "https://example.org/news/rss.xml", "--every", "15m").exit_code
        == 0
    )
    again = run(cli, "sources", "add", "https://example.org/news/rss.xml", "--every", "15m")
    assert "already a source" in again.stdout
    assert run(cli, "sources", "add", "https://example.org/2019/story.html").exit_code == 0
    assert run(cli, "sources", "add", str(tmp_path), "--every", "1d").exit_code == 0

    rows = listed(cli)
    assert [(r["kind"], r["every"]) for r in rows] == [
        ("feed", "15m"),
        ("page", "1h"),
        ("folder", "1d"),
    ]
    assert rows[2]["location"] == str(tmp_path.resolve())
    assert all(r["last_polled_at"] is None and r["documents_found"] == 0 for r in rows)

    changed = run(cli, "sources", "add", "https://example.org/news/rss.xml", "--every", "1h")
    assert changed.stdout.startswith("updated feed")
    removed = run(cli, "sources", "remove", "https://example.org/2019/story.html")
    assert removed.exit_code == 0 and "removed page" in removed.stdout
    assert [(r["kind"], r["every"]) for r in listed(cli)] == [("feed", "1h"), ("folder", "1d")]
    gone = run(cli, "sources", "remove", "https://example.org/2019/story.html")
    assert gone.exit_code == 1 and "no source" in gone.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["https://example.org/rss.xml", "--every", "0"], "--every: '0' is not a duration"),
        (["https://example.org/rss.xml", "--every", "soon"], "--every: 'soon' is not a duration"),
        (["https://example.org/rss.xml", "--every", "30s"], "poll at most once a minute"),
        (["https://example.org/rss.xml", "--kind", "blog"], "--kind 'blog': use one of"),
        (["http://exa mple.org/rss"], "http://exa mple.org/rss: malformed URL"),
        (["http://"], "cannot fetch http://: the URL has no host"),
        (["https://example.org:99999/rss"], "port 99999 is not a port (1 to 65535)"),
        (["https://example.org:0/rss"], "port 0 is not a port (1 to 65535)"),
        (["ftp://example.org/rss.xml"], "only http and https URLs can be fetched"),
        (["no/such/folder"], "no/such/folder: no such folder"),
        (["https://example.org/", "--kind", "folder"], "a folder source is a path, not a URL"),
        (["http://127.0.0.1:8080/feed.xml"], "127.0.0.1 is a loopback address"),
        (["http://localhost./feed.xml"], "localhost resolves to 127.0.0.1, a loopback address"),
        (["http://[::127.0.0.1]/feed.xml"], "::127.0.0.1 is a loopback address"),
        (["http://[64:ff9b::7f00:1]/feed.xml"], "64:ff9b::7f00:1 is a loopback address"),
        (["http://[2002:7f00:1::]/feed.xml"], "2002:7f00:1:: is a loopback address"),
    ],
)
def test_a_bad_source_is_refused_in_one_line_and_nothing_is_stored(
    cli: CliRunner, args: list[str], message: str
) -> None:
    result = run(cli, "sources", "add", *args)

    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert listed(cli) == []


def test_poll_fetches_every_source_and_records_the_one_that_fails(
    cli: CliRunner, site: WebServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CLAIMDESK_ALLOW_PRIVATE_HOSTS", "1")
    monkeypatch.setenv("CLAIMDESK_FETCH_BACKOFF", "0.01")
    folder = tmp_path / "seeds"
    folder.mkdir()
    for seed in SEEDS.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    for location in (site.url("/feed.rss"), site.url("/broken"), str(folder)):
        assert run(cli, "sources", "add", location).exit_code == 0

    result = run(cli, "poll", "--json")

    assert result.exit_code == 1
    reports = {r["location"]: r for r in json.loads(result.stdout)}
    assert (reports[site.url("/feed.rss")]["new"], reports[str(folder)]["new"]) == (3, 1)
    assert (
        result.stderr
        == f"error: cannot fetch {site.url('/broken')}: HTTP 500 Internal Server Error\n"
    )
    assert site.count("/broken") == 3  # CLAIMDESK_FETCH_ATTEMPTS defaults to 3
    rows = {r["location"]: r for r in listed(cli)}
    assert "HTTP 500" in rows[site.url("/broken")]["last_error"]
    assert rows[site.url("/feed.rss")]["documents_found"] == 3
    assert all(r["last_polled_at"] for r in rows.values())

    again = run(cli, "poll", site.url("/feed.rss"))
    assert again.exit_code == 0, again.output
    assert "polled 1 sources (0 failed): 0 new documents" in again.stdout
    assert all(site.count(f"/articles/{a.slug}.html") == 1 for a in site.articles)


def test_poll_without_sources_says_how_to_add_one(cli: CliRunner) -> None:
    result = run(cli, "poll")

    assert result.exit_code == 0
    assert "claimdesk sources add" in result.stdout


def test_serve_without_a_prefect_server_fails_in_one_line_saying_how_to_start_one(
    cli: CliRunner,
) -> None:
    # The session's Prefect test server may be configured in-process: forget it here.
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        result = run(cli, "serve")

    assert result.exit_code == 1
    assert result.stderr.startswith("error: serve needs a Prefect server")
    assert "`prefect server start`" in result.stderr and result.stderr.count("\n") == 1


def test_a_source_added_with_a_fragment_is_polled_and_removed_by_that_spelling(
    cli: CliRunner, site: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMDESK_ALLOW_PRIVATE_HOSTS", "1")
    spelt = site.url("/feed.rss") + "#top"
    assert run(cli, "sources", "add", spelt).exit_code == 0
    assert [r["location"] for r in listed(cli)] == [site.url("/feed.rss")]

    polled = run(cli, "poll", spelt)
    assert polled.exit_code == 0, polled.output
    assert "polled 1 sources (0 failed): 3 new documents" in polled.stdout

    removed = run(cli, "sources", "remove", spelt)
    assert removed.exit_code == 0, removed.output
    assert f"removed feed {site.url('/feed.rss')}" in removed.stdout
    assert listed(cli) == []


def test_a_folder_named_like_an_id_is_stored_as_its_absolute_path(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "2024").mkdir()
    assert run(cli, "sources", "add", "2024").exit_code == 0
    assert [r["location"] for r in listed(cli)] == [str((tmp_path / "2024").resolve())]
