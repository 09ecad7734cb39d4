"""The CLI over seeds/: init, extract, claims, queue, export — on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claims.checklist import COLUMNS
from cli.app import app
from tests.helpers import SEEDS, Gold, false_flags, gold_failures, run


def claims_json(cli: CliRunner, *extra: str) -> list[dict[str, Any]]:
    result = run(cli, "claims", "--json", *extra)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_seed_pipeline_end_to_end_meets_the_gold(cli: CliRunner, gold: Gold) -> None:
    assert run(cli, "init").exit_code == 0
    assert run(cli, "extract", str(SEEDS)).exit_code == 0

    every = claims_json(cli, "--all")
    assert gold_failures(every, gold) == []
    assert len(false_flags(every, gold)) <= 1


def test_seed_pipeline_end_to_end(cli: CliRunner, tmp_path: Path) -> None:
    assert run(cli, "init").exit_code == 0
    assert run(cli, "init").exit_code == 0  # idempotent
    result = run(cli, "extract", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert "documents: 1 new" in result.stdout

    flagged = claims_json(cli)
    assert flagged and all(c["checkworthy"] for c in flagged)
    first = flagged[0]
    for name in (
        "id",
        "text",
        "score",
        "checkworthy",
        "type",
        "reasons",
        "quantities",
        "times",
        "speaker",
        "source",
        "document",
        "status",
    ):
        assert name in first
    assert first["document"]["published"] == "2019-05-22"
    assert first["document"]["path"].endswith(".txt")

    checklist = tmp_path / "out" / "checklist.csv"
    result = run(cli, "export", str(checklist))
    assert result.exit_code == 0, result.output
    with checklist.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(flagged)
    assert f"wrote {len(rows)} claims" in result.stdout
    slipped = next(r for r in rows if "slipped five percentage points" in r["claim"])
    assert "change of -5 percentage points" in slipped["checks"]
    assert "2019-02-01 and 2019-04-30" in slipped["checks"]
    assert "León’s polling firm" in slipped["checks"]
    assert all(r["verdict"] == r["evidence"] == r["notes"] == r["reviewer"] == "" for r in rows)
    assert [float(r["priority"]) for r in rows] == sorted(
        (float(r["priority"]) for r in rows), reverse=True
    )


def test_extracting_the_same_folder_twice_adds_nothing(cli: CliRunner) -> None:
    run(cli, "init")
    run(cli, "extract", str(SEEDS))
    before = claims_json(cli, "--all")
    result = run(cli, "extract", str(SEEDS))
    assert result.exit_code == 0
    assert "documents: 0 new, 1 already stored" in result.stdout
    assert "new claims: 0; queued: 0" in result.stdout
    assert claims_json(cli, "--all") == before


def test_the_same_article_at_two_paths_is_one_claim_with_two_appearances(
    cli: CliRunner, tmp_path: Path
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(next(SEEDS.glob("*.txt")), tmp_path / folder / "article.txt")
    run(cli, "init")
    assert run(cli, "extract", str(tmp_path / "a"), str(tmp_path / "b")).exit_code == 0
    rows = claims_json(cli)
    assert len(rows) == len({r["text"] for r in rows})
    queue = run(cli, "queue")
    assert f"{len(rows)} claims queued" in queue.stdout


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"  \n\n", "empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "latin1.txt": ("date 2019-05-22\nCaf\xe9 prices rose 5 percent.".encode("latin-1"), "utf-8"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_gets_one_clear_line_and_changes_nothing(
    cli: CliRunner, tmp_path: Path, name: str
) -> None:
    content, problem = BAD_FILES[name]
    bad = tmp_path / name
    bad.write_bytes(content)
    run(cli, "init")
    result = run(cli, "extract", str(bad))
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if "error" in line]
    assert name in line and problem in line.lower()
    assert claims_json(cli, "--all") == []


def test_a_missing_path_is_named_and_fails(cli: CliRunner, tmp_path: Path) -> None:
    run(cli, "init")
    result = run(cli, "extract", str(tmp_path / "nowhere.txt"))
    assert result.exit_code == 1
    assert "nowhere.txt: no such file or folder" in result.stderr


@pytest.mark.parametrize("url", ["ftp://example.org/story.txt", "FILE:///etc/passwd"])
def test_a_url_of_another_scheme_is_refused_by_name(cli: CliRunner, url: str) -> None:
    run(cli, "init")
    result = run(cli, "extract", url)
    assert result.exit_code == 1
    assert f"{url}: {url.split(':')[0]}:// is not fetched: only http:// and https:// are" in (
        result.stderr
    )
    assert claims_json(cli, "--all") == []


@pytest.mark.parametrize(
    "item", ["javascript:alert(document.cookie)", "mailto:desk@example.org", "data:text/html,x"]
)
def test_a_url_without_slashes_is_refused_by_its_scheme(cli: CliRunner, item: str) -> None:
    run(cli, "init")
    scheme = item.split(":")[0]
    result = run(cli, "extract", item)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {item}: {scheme}: URLs are not fetched: only http:// and https:// are\n"
    )
    assert claims_json(cli, "--all") == []


def test_an_upper_case_http_url_is_fetched_as_a_url(cli: CliRunner) -> None:
    run(cli, "init")
    result = run(cli, "extract", "HTTP://127.0.0.1:9/story.html")  # private hosts refused
    assert result.exit_code == 1
    assert "refusing to fetch http://127.0.0.1:9/story.html: 127.0.0.1 is a loopback" in (
        result.stderr
    )
    assert "no such file" not in result.stderr
    assert claims_json(cli, "--all") == []


def test_an_undated_file_is_processed_with_its_relative_dates_flagged(
    cli: CliRunner, tmp_path: Path
) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text(
        "The ministry said on Tuesday that 39 people died in the collapse in Magnitogorsk.\n",
        encoding="utf-8",
    )
    run(cli, "init")
    result = run(cli, "extract", str(undated))
    assert result.exit_code == 0
    assert "undated.txt: no publication date found" in result.stderr
    [claim] = claims_json(cli)
    assert claim["document"]["published"] is None
    assert claim["times"] == [{"text": "on Tuesday", "start": None, "end": None}]
    assert any("unresolved" in flag for flag in claim["flags"])


def test_commands_before_init_say_to_run_init(cli: CliRunner) -> None:
    result = run(cli, "claims", "--json")
    assert result.exit_code == 1
    assert "claimdesk init" in result.stderr


def test_extract_reads_an_article_url_and_refuses_feeds_and_private_hosts(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.integration.webserver import WebServer

    run(cli, "init")
    with WebServer() as site:
        article = site.articles[0]
        page = site.article_url(article)
        refused = run(cli, "extract", page)
        assert refused.exit_code == 1
        assert "CLAIMDESK_ALLOW_PRIVATE_HOSTS" in refused.stderr
        assert claims_json(cli, "--all") == []

        monkeypatch.setenv("CLAIMDESK_ALLOW_PRIVATE_HOSTS", "1")
        result = run(cli, "extract", page, site.url("/feed.rss"))
        assert result.exit_code == 1
        [error] = [line for line in result.stderr.splitlines() if "error" in line]
        assert "/feed.rss" in error and "sources add" in error
        assert "documents: 1 new" in result.stdout
        stored = claims_json(cli, "--all")
        assert stored and {c["document"]["url"] for c in stored} == {page}
        assert stored[0]["document"]["title"] == article.title
        assert run(cli, "extract", page).stdout.startswith("documents: 0 new, 1 already stored")


def test_an_unreachable_prefect_server_is_one_clear_line(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(cli, "init")
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    result = run(cli, "extract", str(SEEDS))
    assert result.exit_code == 1
    assert "no Prefect server answers at PREFECT_API_URL=http://127.0.0.1:9/api" in result.stderr
    assert claims_json(cli, "--all") == []


def test_a_corpus_csv_is_read_row_by_row_and_a_bad_one_stores_nothing(
    cli: CliRunner, tmp_path: Path
) -> None:
    corpus = tmp_path / "news.csv"
    corpus.write_text(
        "url,date,title,text\n"
        "https://n.example/a,2020-01-20,Estimate,"
        '"On Friday, researchers estimated that more than 1,700 people were infected."\n'
        "https://n.example/b,2020-03-02,Limits,"
        '"Tesco limited sales to five packs per customer on Sunday."\n',
        encoding="utf-8",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("url,date,text\nhttps://n.example/c,yesterday,Text.\n", encoding="utf-8")
    run(cli, "init")
    result = run(cli, "extract", str(bad))
    assert result.exit_code == 1
    assert "bad.csv:2: column 'date'" in result.stderr
    assert claims_json(cli, "--all") == []

    assert run(cli, "extract", str(corpus)).exit_code == 0
    rows = claims_json(cli, "--all")
    estimate = next(c for c in rows if "researchers" in c["text"])
    assert estimate["document"] == {
        "url": "https://n.example/a",
        "title": "Estimate",
        "published": "2020-01-20",
        "published_source": "corpus CSV column 'date'",
    }
    assert estimate["times"] == [{"text": "On Friday", "start": "2020-01-17", "end": "2020-01-17"}]
    assert run(cli, "extract", str(corpus)).stdout.startswith("documents: 0 new, 2 already")


def test_square_brackets_in_articles_and_paths_are_printed_as_they_are(
    cli: CliRunner, tmp_path: Path
) -> None:
    article = tmp_path / "wiki[1].txt"
    article.write_text(
        "date 2019-05-22\n\nExports [citation needed] rose 5 percent in 2018 [/ref].\n",
        encoding="utf-8",
    )
    run(cli, "init")
    assert run(cli, "extract", str(article)).exit_code == 0
    for command in (("claims",), ("queue",)):
        result = run(cli, *command)
        assert result.exit_code == 0
        assert "[citation needed]" in result.stdout and "[/ref]" in result.stdout
    missing = run(cli, "extract", str(tmp_path / "[/x]"))
    assert missing.exit_code == 1 and "[/x]: no such file or folder" in missing.stderr


def test_an_unknown_encoding_is_refused_before_any_work(cli: CliRunner) -> None:
    run(cli, "init")
    for command in (("extract", str(SEEDS)), ("score", "-")):
        result = cli.invoke(app, [*command, "--encoding", "nope"], input="A line.\n")
        assert result.exit_code == 2
        assert "--encoding 'nope': unknown encoding" in result.stderr
        result = cli.invoke(app, [*command, "--encoding", "rot13"], input="A line.\n")
        assert result.exit_code == 2
        assert result.stderr == "error: --encoding 'rot13': not a text encoding\n"
    assert claims_json(cli, "--all") == []


def test_score_names_the_line_that_does_not_decode_however_far_in(tmp_path: Path) -> None:
    data = b"\n" * 10_000 + "Caf\u00e9 prices rose 12 percent.\n".encode("latin-1")
    lines = tmp_path / "lines.txt"
    lines.write_bytes(data)
    for where, args in (("-", ["score"]), (str(lines), ["score", str(lines)])):
        result = CliRunner().invoke(app, args, input=data)

        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            f"error: {where}: line 10001: not valid utf-8; try --encoding"
        ]
        assert len(result.stdout.splitlines()) <= 10_000
    latin = CliRunner().invoke(app, ["score", str(lines), "--encoding", "latin-1"])
    assert latin.exit_code == 0 and "Café prices" in latin.stdout.splitlines()[-1]


def test_score_and_import_of_a_folder_say_it_is_a_folder(cli: CliRunner, tmp_path: Path) -> None:
    run(cli, "init")
    for args in (["score", str(tmp_path)], ["import", str(tmp_path), "--reviewer", "alice"]):
        result = cli.invoke(app, args)
        assert result.exit_code == 2
        assert result.stderr == f"error: {tmp_path}: a folder, not a file\n"


def test_the_console_entry_point_prints_a_usage_error_as_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cli.app import main

    monkeypatch.setattr(sys, "argv", ["claimdesk", "review", "0", "--verdict", "true"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [
        "error: claimdesk review: Invalid value for 'ID': 0 is not a claim id "
        "(see claimdesk review --help)"
    ]
