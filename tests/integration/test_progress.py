"""`extract` tells the progress sink what it found and each document it finished."""

from __future__ import annotations

from pathlib import Path

from claims.progress import reporting
from claims.reading import read_file
from flows import extract
from flows.settings import Settings
from tests.helpers import SEEDS


def test_the_sink_hears_the_total_then_each_document(migrated_url: str, tmp_path: Path) -> None:
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "b.txt").write_text(seed + "\n\nOne more line, 5 words.", encoding="utf-8")
    heard: list[tuple[str, int, int]] = []

    class Sink:
        def found(self, documents: int) -> None:
            heard.append(("found", documents, 0))

        def done(self, documents: int, words: int) -> None:
            heard.append(("done", documents, words))

    with reporting(Sink()):
        summary = extract.extract_claims.fn(inputs=[str(tmp_path)], settings=Settings(migrated_url))
        again = extract.extract_claims.fn(inputs=[str(tmp_path)], settings=Settings(migrated_url))
    words = len(read_file(tmp_path / "a.txt").text.split())  # the dateline is not text
    assert summary.documents == 2 and again.skipped == 2
    assert heard == [
        ("found", 2, 0),
        ("done", 1, words),
        ("done", 1, words + 5),
        ("found", 2, 0),
        ("done", 2, 0),  # both already stored: done at once, no words parsed
    ]
