"""What a user waits for at the command line: one article, and a command's start-up.

Each measurement is a fresh process, timed from outside; ours and the reference
alternate, and each figure is the median of the repeats.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bench.measure import BIN, median, run_child

CLAIMDESK = str(BIN / "claimdesk")
PYTHON = sys.executable


def _database(folder: Path, name: str) -> dict[str, str]:
    env = {"CLAIMDESK_DATABASE_URL": f"sqlite:///{folder / name}.db"}
    run_child([CLAIMDESK, "init"], env)
    return env


def one_article(folder: Path, article: Path, model: str, repeats: int) -> dict[str, Any]:
    """`claimdesk extract one.txt` on a fresh database against `spacy.load` + parse."""
    reference = (
        "import sys, spacy\n"
        f"nlp = spacy.load({model!r})\n"
        "nlp(open(sys.argv[1], encoding='utf-8').read())\n"
    )
    ours: list[float] = []
    bare: list[float] = []
    for n in range(repeats):
        env = _database(folder, f"oneoff-{n}")
        bare.append(run_child([PYTHON, "-c", reference, str(article)]).wall)
        ours.append(run_child([CLAIMDESK, "extract", str(article)], env).wall)
    return {
        "oneoff_s": median(ours),
        "oneoff_spacy_s": median(bare),
        "oneoff_ratio": median([a / b for a, b in zip(ours, bare, strict=True)]),
    }


def startup(folder: Path, repeats: int) -> dict[str, Any]:
    """`claimdesk queue` on an empty database against `import sqlalchemy, typer`."""
    env = _database(folder, "startup")
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(repeats):
        bare.append(run_child([PYTHON, "-c", "import sqlalchemy, typer"]).wall)
        ours.append(run_child([CLAIMDESK, "queue"], env).wall)
    return {
        "cli_startup_s": median(ours),
        "cli_import_reference_s": median(bare),
        "cli_startup_ratio": median([a / b for a, b in zip(ours, bare, strict=True)]),
    }
