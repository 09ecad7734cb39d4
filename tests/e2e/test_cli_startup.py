"""`claimdesk --help`, `queue`, `next` and `review` start without the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PROJECT

HEAVY = (
    "spacy",
    "prefect",
    "alembic",
    "httpx",
    "trafilatura",
    "feedparser",
    "sqlalchemy.orm",
    "pydantic",  # Typer's parameter coercion: only for commands with parameters (cli/base.py)
    "claims.model",  # the domain's dataclasses
)
PROBE = """
import json, sys
import cli.app
args, heavy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.argv = ["claimdesk", *args]
try:
    cli.app.main()
except SystemExit:
    pass
print(json.dumps([name for name in heavy if name in sys.modules]))
"""


def loaded(args: list[str], database: Path) -> list[str]:
    """The heavy modules a fresh interpreter imported to run ``claimdesk ARGS``."""
    env = {"CLAIMDESK_DATABASE_URL": f"sqlite:///{database}", "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    heavy: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return heavy


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "claimdesk.db"
    from db.migrate import upgrade

    upgrade(f"sqlite:///{path}")
    return path


@pytest.mark.parametrize("args", [["--help"], ["queue"], ["queue", "--limit", "5"]])
def test_help_and_queue_import_neither_spacy_prefect_alembic_pydantic_nor_the_orm(
    args: list[str], database: Path
) -> None:
    assert loaded(args, database) == []


@pytest.mark.parametrize(
    "args",
    [["next", "--reviewer", "alice"], ["review", "1", "--verdict", "true", "--reviewer", "a"]],
)
def test_the_reviewer_commands_import_neither_spacy_prefect_nor_alembic(
    args: list[str], database: Path
) -> None:
    # They read and write through the ORM and the read model; their options skip pydantic.
    assert loaded(args, database) == ["sqlalchemy.orm", "claims.model"]


def test_the_probe_sees_a_heavy_import(database: Path) -> None:
    assert "alembic" in loaded(["init"], database)


ONE_OFF = """
import json, sys
import cli.app
heavy = json.loads(sys.argv[2])
sys.argv = ["claimdesk", "extract", "--quiet", sys.argv[1]]
try:
    cli.app.main()
except SystemExit:
    pass
from claims.nlp import _load
from claims.parse_process import _started
print(json.dumps({
    "modules": [m for m in heavy if m in sys.modules],
    "pipelines_here": _load.cache_info().currsize,
    "parse_processes": len(_started),
}))
"""


def test_a_one_off_extract_parses_in_its_spacy_process_and_imports_no_orchestration(
    database: Path, tmp_path: Path
) -> None:
    article = tmp_path / "one.txt"
    article.write_text("Officials said 12 bridges closed on Monday.\n", encoding="utf-8")
    env = {
        "CLAIMDESK_DATABASE_URL": f"sqlite:///{database}",
        "PATH": "",
        "CLAIMDESK_PARSE_PROCESS": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", ONE_OFF, str(article), json.dumps([*HEAVY, "prefect_dask"])],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    # spaCy is imported here for its Doc (and brings httpx and pydantic), never its pipeline.
    assert [m for m in found["modules"] if m in ("prefect", "prefect_dask", "alembic")] == []
    assert {"spacy", "sqlalchemy.orm"} <= set(found["modules"])
    assert found["pipelines_here"] == 0 and found["parse_processes"] == 1
