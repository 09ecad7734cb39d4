"""`extract` with spaCy in its own process stores exactly the claims of an in-process parse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.migrate import downgrade, upgrade
from db.session import get_engine, unit_of_work
from db.streaming import claims_page
from flows import pipeline
from flows.settings import Settings
from tests.helpers import SEED_FILE

STORIES = (
    "Officials said 12 bridges in {city} closed on Monday after the storm.",
    "“We will hire 300 new teachers next year,” the mayor of {city} said.",
    "Turnout in {city} rose to 61 percent, up five points from 2015.",
)


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED_FILE.read_text("utf-8"), "utf-8")
    for n, city in enumerate(("Lyon", "Porto", "Gdansk")):
        body = "\n\n".join(line.format(city=city) for line in STORIES)
        (folder / f"story-{n}.txt").write_text(f"date 2019-06-0{n + 1}\n\n{body}\n", "utf-8")
    return folder


def _stored(url: str) -> list[tuple[Any, ...]]:
    """Every claim with what it says and where it appears, in storing order (ids included)."""
    with unit_of_work(url) as session:
        claims = list(claims_page(session, checkworthy_only=False))
    return [
        (
            c.id,
            c.text,
            c.score,
            c.checkworthy,
            c.type,
            c.reasons,
            str(c.quantities),
            str(c.times),
            c.speaker,
            c.source,
            c.status,
            c.priority,
            tuple((a.document.location, a.start, a.end) for a in c.appearances),
        )
        for c in claims
    ]


def test_a_parse_process_stores_the_claims_of_an_in_process_parse(
    migrated_url: str, tmp_path: Path
) -> None:
    folder = _corpus(tmp_path / "news")
    here = pipeline.extract_inputs([str(folder)], Settings(migrated_url, parse_process=False))
    expected = _stored(migrated_url)
    assert here.documents == 4 and len(expected) > 30

    get_engine(migrated_url).dispose()
    downgrade(migrated_url, "base")
    upgrade(migrated_url)
    there = pipeline.extract_inputs([str(folder)], Settings(migrated_url, parse_process=True))
    assert there == here
    assert _stored(migrated_url) == expected
