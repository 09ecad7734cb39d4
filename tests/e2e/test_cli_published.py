"""`extract` says where each document's publication date comes from; --published wins."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tests.helpers import run

ARTICLE = (
    "Talks resume in Oslo\n\nPublished 22 May 2019\n\n"
    "The talks resumed on Tuesday, officials said.\n"
)


def claims_json(cli: CliRunner) -> list[dict[str, Any]]:
    result = run(cli, "claims", "--json", "--all")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_claims_json_and_the_checklist_show_where_the_date_came_from(
    cli: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    run(cli, "init")
    assert run(cli, "extract", str(tmp_path / "talks.txt")).exit_code == 0
    [claim] = claims_json(cli)
    assert claim["document"]["published"] == "2019-05-22"
    assert claim["document"]["published_source"] == "text line 3: “Published 22 May 2019”"
    assert claim["times"] == [{"text": "on Tuesday", "start": "2019-05-21", "end": "2019-05-21"}]
    out = tmp_path / "checklist.csv"
    assert run(cli, "export", str(out)).exit_code == 0
    [row] = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert row["published_source"] == "text line 3: “Published 22 May 2019”"


def test_the_published_option_overrides_what_the_document_says(
    cli: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    run(cli, "init")
    result = run(cli, "extract", str(tmp_path / "talks.txt"), "--published", "2019-06-05")
    assert result.exit_code == 0, result.output
    [claim] = claims_json(cli)
    assert claim["document"]["published"] == "2019-06-05"
    assert claim["document"]["published_source"] == "--published option"
    assert claim["times"][0]["start"] == "2019-06-04"


def test_a_bad_published_date_is_refused_before_any_work(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    run(cli, "init")
    result = run(cli, "extract", str(tmp_path / "talks.txt"), "--published", "2019-02-30")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --published '2019-02-30': not a date; write YYYY-MM-DD"
    assert claims_json(cli) == []


def test_an_undated_document_is_flagged_for_the_reviewer(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "arrests.txt"
    path.write_text(
        "Arrests in Oslo\n\nPolice said 40 protesters were arrested in Oslo.\n", encoding="utf-8"
    )
    run(cli, "init")
    result = run(cli, "extract", str(path))
    assert result.exit_code == 0
    assert f"{path}: no publication date found" in result.stderr
    [claim] = claims_json(cli)
    assert claim["document"]["published_source"].startswith("no date found")
    assert any(flag.startswith("no publication date") for flag in claim["flags"])
    out = tmp_path / "checklist.csv"
    assert run(cli, "export", str(out)).exit_code == 0
    [row] = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert "[ ] Find when the article was published" in row["checks"]


def test_re_extracting_with_another_published_date_says_the_stored_date_stays(
    cli: CliRunner, tmp_path: Path
) -> None:
    article = tmp_path / "talks.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    run(cli, "init")
    assert run(cli, "extract", str(article)).exit_code == 0
    again = run(cli, "extract", str(article), "--published", "2019-06-05")
    assert again.exit_code == 0, again.output
    assert (
        f"{article}: stored already as published 2019-05-22; the date 2019-06-05 "
        "(--published option) is not applied to what is stored"
    ) in " ".join(again.output.split())
    assert "0 new, 1 already stored" in again.output
    [claim] = claims_json(cli)  # nothing duplicated, nothing changed
    assert claim["document"]["published"] == "2019-05-22"
    same = run(cli, "extract", str(article), "--published", "2019-05-22")
    assert "not applied" not in same.output  # the same date: nothing to say


def test_many_re_dated_documents_are_named_five_and_counted(cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    for n in range(7):
        (folder / f"talks-{n}.txt").write_text(ARTICLE + f"Round {n} ended.\n", encoding="utf-8")
    run(cli, "init")
    assert run(cli, "extract", str(folder)).exit_code == 0
    again = run(cli, "extract", str(folder), "--published", "2019-06-05")
    assert again.exit_code == 0, again.output
    text = " ".join(again.output.split())
    assert text.count("is not applied to what is stored") == 5
    assert "2 more stored documents were read with another publication date" in text
