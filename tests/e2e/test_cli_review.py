"""The reviewer's commands through the CLI, on SQLite and PostgreSQL: next, release, review,
reopen, export with filters, import, export-claimreview and `claims --json`."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from claims.checklist import COLUMNS
from claims.model import Assessment, Claim, Document, Quantity, Sentence, TimeSpan
from cli.app import app
from db import repository
from db.session import unit_of_work
from tests.helpers import PROJECT, SEEDS, assert_valid_claim_review, run

FIGURE = "Approval slipped five percentage points from February to April, León said."
DEATHS = "=The ministry counted 39 deaths in Magnitogorsk."
COURT = "The court charged 10 lawmakers with treason on April 30."


@pytest.fixture(autouse=True)
def initialised(request: pytest.FixtureRequest) -> None:
    """The tests of this module that use the CLI start on an initialised database."""
    if "cli" in request.fixturenames:
        assert run(request.getfixturevalue("cli"), "init").exit_code == 0


def a_claim(text: str, score: float, index: int) -> Claim:
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeSpan, ...] = ()
    if "slipped" in text:
        quantities = (
            Quantity("slipped five percentage points", -5, "percentage points", "change"),
        )
        times = (TimeSpan("from February to April", date(2019, 2, 1), date(2019, 4, 30)),)
    return Claim(
        Sentence(text, 0, len(text), 0, index),
        Assessment(score, True, "quantity", ("number",)),
        quantities=quantities,
        times=times,
        speaker="León" if "León" in text else None,
    )


@pytest.fixture
def seeded(cli: CliRunner, database_url: str) -> dict[str, int]:
    """Three queued claims, FIGURE first; COURT appears in two articles."""
    articles = {
        "https://news.example/a": [a_claim(FIGURE, 0.95, 0), a_claim(COURT, 0.4, 1)],
        "https://wire.example/b": [a_claim(COURT, 0.4, 0), a_claim(DEATHS, 0.8, 1)],
    }
    with unit_of_work(database_url) as session:
        for url, claims in articles.items():
            text = " ".join(c.text for c in claims)
            document = Document(text, url, f"Story {url[-1]}", date(2019, 5, 22), "metadata", url)
            row = repository.add_document(session, document, len(claims))
            repository.store_claims(session, row, claims)
        session.commit()
    return {c["text"]: c["id"] for c in claims_json(cli)}


def claims_json(cli: CliRunner) -> list[dict[str, Any]]:
    result = run(cli, "claims", "--json")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def by_id(cli: CliRunner) -> dict[int, dict[str, Any]]:
    return {c["id"]: c for c in claims_json(cli)}


def error_line(result: Result) -> str:
    [line] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    return line


def test_next_leases_the_top_claim_and_shows_what_to_check(
    cli: CliRunner, seeded: dict[str, int]
) -> None:
    result = run(cli, "next", "--reviewer", "alice")
    assert result.exit_code == 0, result.output
    assert f"claim {seeded[FIGURE]} leased to alice until" in result.stdout
    assert FIGURE in result.stdout
    assert "[ ] Verify the figure change of -5 percentage points" in result.stdout
    assert "[ ] Verify it happened between 2019-02-01 and 2019-04-30" in result.stdout
    assert by_id(cli)[seeded[FIGURE]]["status"] == "leased"


def test_next_json_gives_each_reviewer_another_claim_then_exit_code_3(
    cli: CliRunner, seeded: dict[str, int]
) -> None:
    taken = []
    for reviewer in ("alice", "bob", "carol"):
        result = run(cli, "next", "--reviewer", reviewer, "--json", "--minutes", "5")
        assert result.exit_code == 0, result.output
        claim = json.loads(result.stdout)
        assert claim["leased_by"] == reviewer and claim["checks"]
        taken.append(claim["id"])
    assert taken == [seeded[FIGURE], seeded[DEATHS], seeded[COURT]]
    empty = run(cli, "next", "--reviewer", "dave", "--json")
    assert (empty.exit_code, empty.stdout) == (3, "")
    assert run(cli, "next", "--reviewer", "dave").exit_code == 3
    assert run(cli, "next", "--reviewer", "dave", "--minutes", "0").exit_code == 2


def test_release_gives_the_claim_back_and_only_its_holder_may(
    cli: CliRunner, seeded: dict[str, int]
) -> None:
    claim_id = json.loads(run(cli, "next", "--reviewer", "alice", "--json").stdout)["id"]
    refused = run(cli, "release", str(claim_id), "--reviewer", "bob")
    assert refused.exit_code == 1
    assert f"claim {claim_id} is leased by alice" in error_line(refused)
    assert run(cli, "release", str(claim_id), "--reviewer", "alice").exit_code == 0
    assert by_id(cli)[claim_id]["status"] == "queued"
    again = run(cli, "release", str(claim_id), "--reviewer", "alice")
    assert again.exit_code == 1 and "is not leased" in error_line(again)


def test_review_records_a_verdict_and_refuses_one_on_a_claim_leased_by_another(
    cli: CliRunner, seeded: dict[str, int]
) -> None:
    claim_id = json.loads(run(cli, "next", "--reviewer", "alice", "--json").stdout)["id"]
    args = ("review", str(claim_id), "--verdict", "false", "--evidence", "https://data.example/x")
    refused = run(cli, *args, "--reviewer", "bob")
    assert refused.exit_code == 1
    assert f"claim {claim_id} is leased by alice until" in error_line(refused)
    result = run(
        cli, *args, "--evidence", "https://data.example/y", "--note", "=2+2", "--reviewer", "alice"
    )
    assert result.exit_code == 0, result.output
    claim = by_id(cli)[claim_id]
    assert (claim["status"], claim["verdict"], claim["notes"], claim["reviewer"]) == (
        "reviewed",
        "false",
        "=2+2",
        "alice",
    )
    assert claim["evidence"] == ["https://data.example/x", "https://data.example/y"]
    assert claim["version"] == 2
    assert (
        "recorded already"
        in run(
            cli,
            *args,
            "--evidence",
            "https://data.example/y",
            "--note",
            "=2+2",
            "--reviewer",
            "alice",
        ).stdout
    )
    reopened = run(cli, "reopen", str(claim_id), "--reviewer", "bob", "--note", "New data.")
    assert reopened.exit_code == 0
    assert (by_id(cli)[claim_id]["status"], by_id(cli)[claim_id]["verdict"]) == ("queued", None)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--verdict", "maybe"), 2, "'maybe' is not a verdict; use one of true, mostly_true"),
        (("--verdict", "false", "--evidence", "ftp://x.example"), 2, "not an http(s) URL"),
    ],
)
def test_bad_review_options_are_refused_before_any_work(
    cli: CliRunner, seeded: dict[str, int], args: tuple[str, ...], code: int, message: str
) -> None:
    result = run(cli, "review", str(seeded[FIGURE]), *args, "--reviewer", "alice")
    assert result.exit_code == code and message in error_line(result)
    assert by_id(cli)[seeded[FIGURE]]["verdict"] is None


def test_a_verdict_on_an_unknown_claim_names_it(cli: CliRunner, seeded: dict[str, int]) -> None:
    result = run(cli, "review", "999", "--verdict", "true", "--reviewer", "alice")
    assert result.exit_code == 1 and "claim 999: no claim has this id" in error_line(result)
    assert run(cli, "reopen", "999", "--reviewer", "alice").exit_code == 1


def test_claims_json_carries_the_review_and_every_appearance(
    cli: CliRunner, seeded: dict[str, int]
) -> None:
    court = by_id(cli)[seeded[COURT]]
    assert (court["verdict"], court["evidence"], court["notes"], court["reviewer"]) == (
        None,
        [],
        None,
        None,
    )
    assert court["version"] == 1
    assert court["appearances"] == [
        {
            "url": "https://news.example/a",
            "title": "Story a",
            "published": "2019-05-22",
            "start": 0,
            "end": len(COURT),
        },
        {
            "url": "https://wire.example/b",
            "title": "Story b",
            "published": "2019-05-22",
            "start": 0,
            "end": len(COURT),
        },
    ]


def read_checklist(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def write_checklist(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8") -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def test_export_filters_and_writes_a_bom_for_excel(
    cli: CliRunner, seeded: dict[str, int], tmp_path: Path
) -> None:
    run(cli, "review", str(seeded[DEATHS]), "--verdict", "true", "--reviewer", "bob")
    out = tmp_path / "excel.csv"
    assert run(cli, "export", str(out), "--excel").exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_checklist(out, "utf-8-sig")
    assert [r["claim"] for r in rows] == [FIGURE, "'" + DEATHS, COURT]
    plain = tmp_path / "reviewed.csv"
    result = run(
        cli,
        "export",
        str(plain),
        "--status",
        "reviewed",
        "--reviewer",
        "bob",
        "--min-score",
        "0.5",
        "--type",
        "quantity",
        "--since",
        "2019-01-01",
    )
    assert result.exit_code == 0 and "wrote 1 claims" in result.stdout
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [r["claim_id"] for r in read_checklist(plain)] == [str(seeded[DEATHS])]
    for bad in (("--status", "done"), ("--type", "joke"), ("--since", "May"), ("--min-score", "2")):
        refused = run(cli, "export", str(tmp_path / "x.csv"), *bad)
        assert refused.exit_code == 2 and bad[0] in error_line(refused)
    assert run(cli, "export", str(tmp_path / "x.txt")).exit_code == 2


def test_export_edit_import_records_exactly_those_verdicts_and_reimport_changes_nothing(
    cli: CliRunner, seeded: dict[str, int], tmp_path: Path
) -> None:
    checklist = tmp_path / "checklist.csv"
    assert run(cli, "export", str(checklist)).exit_code == 0
    rows = read_checklist(checklist)
    rows[0] |= {
        "verdict": "misleading",
        "notes": "=SUM(A1:A3)",
        "evidence": "https://stats.example/a https://stats.example/b",
    }
    rows[1] |= {"verdict": "false", "notes": "-5"}
    write_checklist(checklist, rows)
    dry = run(cli, "import", str(checklist), "--reviewer", "alice", "--dry-run")
    assert dry.exit_code == 0 and "would record 2 verdicts" in dry.stdout
    assert by_id(cli)[seeded[FIGURE]]["verdict"] is None
    result = run(cli, "import", str(checklist), "--reviewer", "alice")
    assert result.exit_code == 0, result.output
    assert "recorded 2 verdicts; 0 unchanged; 1 rows without a verdict" in result.stdout
    claims = by_id(cli)
    figure, deaths, court = claims[seeded[FIGURE]], claims[seeded[DEATHS]], claims[seeded[COURT]]
    assert (figure["verdict"], figure["notes"], figure["reviewer"]) == (
        "misleading",
        "=SUM(A1:A3)",
        "alice",
    )
    assert figure["evidence"] == ["https://stats.example/a", "https://stats.example/b"]
    assert (deaths["verdict"], deaths["notes"]) == ("false", "-5")
    assert court["verdict"] is None
    again = run(cli, "import", str(checklist), "--reviewer", "alice")
    assert "recorded 0 verdicts; 2 unchanged" in again.stdout
    assert by_id(cli) == claims


def test_a_checklist_with_one_bad_row_changes_nothing_and_names_it(
    cli: CliRunner, seeded: dict[str, int], tmp_path: Path
) -> None:
    checklist = tmp_path / "checklist.csv"
    run(cli, "export", str(checklist))
    rows = read_checklist(checklist)
    rows[0]["verdict"] = "true"
    rows[2]["verdict"] = "probably"
    write_checklist(checklist, rows)
    before = claims_json(cli)
    result = run(cli, "import", str(checklist), "--reviewer", "alice")
    assert result.exit_code == 1
    assert "row 4, column verdict: 'probably' is not a verdict" in result.stderr
    assert "nothing was imported" in result.stderr
    assert claims_json(cli) == before


def test_import_reports_a_wrong_header_a_wrong_encoding_and_a_stale_row(
    cli: CliRunner, seeded: dict[str, int], tmp_path: Path
) -> None:
    header = tmp_path / "header.csv"
    header.write_text("id,verdict\n1,true\n", encoding="utf-8")
    result = run(cli, "import", str(header), "--reviewer", "alice")
    assert result.exit_code == 1 and "row 1, column claim_id: missing column" in result.stderr
    checklist = tmp_path / "latin.csv"
    run(cli, "export", str(checklist))
    rows = read_checklist(checklist)
    rows[0] |= {"verdict": "true", "notes": "Vérifié à León"}
    write_checklist(checklist, rows, encoding="cp1252")
    result = run(cli, "import", str(checklist), "--reviewer", "alice")
    assert result.exit_code == 1 and "--encoding" in result.stderr
    assert (
        run(cli, "import", str(checklist), "--reviewer", "alice", "--encoding", "cp1252").exit_code
        == 0
    )
    run(cli, "review", str(seeded[FIGURE]), "--verdict", "false", "--reviewer", "bob")
    stale = run(cli, "import", str(checklist), "--reviewer", "alice", "--encoding", "cp1252")
    assert stale.exit_code == 1 and "column version: claim" in stale.stderr
    assert "export it again" in stale.stderr
    missing = run(cli, "import", str(tmp_path / "none.csv"), "--reviewer", "alice")
    assert missing.exit_code == 2


def test_export_claimreview_publishes_valid_json_ld_for_rated_verdicts(
    cli: CliRunner, seeded: dict[str, int], tmp_path: Path
) -> None:
    run(
        cli,
        "review",
        str(seeded[FIGURE]),
        "--verdict",
        "half_true",
        "--reviewer",
        "alice",
        "--evidence",
        "https://stats.example/a",
    )
    run(cli, "review", str(seeded[COURT]), "--verdict", "unverifiable", "--reviewer", "alice")
    out = tmp_path / "out" / "claimreview.jsonld"
    result = run(cli, "export-claimreview", str(out))
    assert result.exit_code == 0
    assert "wrote 1 ClaimReviews" in result.stdout and "1 rated unverifiable" in result.stdout
    [review] = json.loads(out.read_text(encoding="utf-8"))
    assert_valid_claim_review(review)
    assert review["claimReviewed"] == FIGURE
    assert review["reviewRating"]["ratingValue"] == 3
    assert review["author"] == {
        "@type": "Organization",
        "name": "Desk",
        "url": "https://desk.example/checks",
    }
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "León"}
    assert review["itemReviewed"]["appearance"][0]["url"] == "https://news.example/a"


def test_review_commands_before_init_say_to_run_init(
    database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CLAIMDESK_DATABASE_URL", database_url)
    result = CliRunner().invoke(app, ["next", "--reviewer", "alice"])
    assert result.exit_code == 1 and "claimdesk init" in result.stderr


MODEL = PROJECT / "claims" / "models" / "checkworthiness-v1.json"


@pytest.mark.skipif(not MODEL.exists(), reason="the check-worthiness model is not trained yet")
def test_the_same_article_at_two_paths_is_one_queue_item_with_two_appearances(
    cli: CliRunner, tmp_path: Path
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(next(SEEDS.glob("*.txt")), tmp_path / folder / "article.txt")
    assert run(cli, "extract", str(tmp_path / "a"), str(tmp_path / "b")).exit_code == 0
    queued = [c for c in claims_json(cli) if c["status"] == "queued"]
    assert queued
    for claim in queued:
        paths = [a["path"] for a in claim["appearances"]]
        assert len(paths) == 2 and paths[0] != paths[1]


def test_export_since_compares_instants_whatever_the_utc_offset(
    cli: CliRunner, seeded: dict[str, int], tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta, timezone

    now = datetime.now(UTC)
    before = (now - timedelta(minutes=10)).astimezone(timezone(timedelta(hours=5)))
    after = (now + timedelta(minutes=10)).astimezone(timezone(timedelta(hours=-5)))
    out = tmp_path / "since.csv"
    assert run(cli, "export", str(out), "--since", before.isoformat()).exit_code == 0
    assert len(read_checklist(out)) == len(seeded)
    assert run(cli, "export", str(out), "--since", after.isoformat()).exit_code == 0
    assert read_checklist(out) == []


@pytest.mark.parametrize("since", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00+05:00"])
def test_an_export_since_a_moment_outside_the_utc_calendar_is_an_option_error(
    cli: CliRunner, seeded: dict[str, int], tmp_path: Path, since: str
) -> None:
    out = tmp_path / "since.csv"
    result = run(cli, "export", str(out), "--since", since)

    assert result.exit_code == 2 and not out.exists()
    assert error_line(result) == f"error: --since {since!r}: outside the years 1 to 9999 in UTC"


def test_an_export_that_cannot_be_written_is_one_line_and_leaves_nothing(
    cli: CliRunner, seeded: dict[str, int], tmp_path: Path
) -> None:
    folder = tmp_path / "taken.csv"
    folder.mkdir()
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    for target in (folder, blocker / "under.csv"):
        result = run(cli, "export", str(target))
        assert result.exit_code == 1
        assert f"{target}: cannot write here" in error_line(result)
    assert run(cli, "export-claimreview", str(folder)).exit_code == 1
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name or "under" in p.name]
    assert list(folder.iterdir()) == []


def test_import_names_the_row_a_wrong_encoding_is_on_deep_in_a_long_file(
    cli: CliRunner, seeded: dict[str, int], tmp_path: Path
) -> None:
    checklist = tmp_path / "long.csv"
    run(cli, "export", str(checklist))
    rows = read_checklist(checklist)
    rows[0]["context"] += " And more." * 3000  # 30 KB: a text file decodes 8 KB ahead
    rows[2] |= {"verdict": "true", "notes": "Vérifié à León"}
    write_checklist(checklist, rows[:1])
    with checklist.open("a", encoding="cp1252", newline="") as handle:  # rows 3 and 4
        csv.DictWriter(handle, fieldnames=COLUMNS).writerows(rows[1:])
    before = claims_json(cli)
    result = run(cli, "import", str(checklist), "--reviewer", "alice")

    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {checklist}: row 4: not valid utf-8 (invalid continuation byte); "
        "give the file's --encoding"
    )
    assert claims_json(cli) == before
