"""Without a flow run, `extract`'s batches are one stream through the models (flows.store).

The stream must store exactly what batch-by-batch extraction (a flow run's tasks) stores,
skip what is stored already, and never store a document twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claims.extract import Extractor
from db.migrate import downgrade, upgrade
from db.session import get_engine
from flows import dispatch, store
from flows.pipeline import extract_inputs
from flows.settings import Settings
from tests.helpers import stored_claims

LINES = (
    "Officials in {city} said 12 bridges closed on Monday after the storm.",
    "The council of {city} approved a budget of 4.5 million dollars for 2020.",
    "He said turnout rose to 61 percent, up five points from 2015.",
)


def _corpus(folder: Path, cities: tuple[str, ...]) -> Path:
    folder.mkdir(exist_ok=True)
    for n, city in enumerate(cities):
        body = "\n\n".join(line.format(city=city) for line in LINES)
        (folder / f"{city.lower()}.txt").write_text(f"date 2019-06-0{n + 1}\n\n{body}\n")
    return folder


@pytest.fixture
def counted_streams(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many documents each call of Extractor.extract was given, in order."""
    calls: list[int] = []
    original = Extractor.extract

    def counting(self: Extractor, documents: Any) -> Any:
        calls.append(0)
        for document in documents:
            calls[-1] += 1
            yield document

    def extract(self: Extractor, documents: Any) -> Any:
        return original(self, counting(self, documents))

    monkeypatch.setattr(Extractor, "extract", extract)
    monkeypatch.setattr(store, "DOCUMENTS_PER_TASK", 2)
    return calls


def test_the_batches_are_one_stream_and_store_what_batches_store(
    migrated_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted_streams: list[int]
) -> None:
    folder = _corpus(tmp_path / "news", ("Lyon", "Porto", "Gdansk", "Turku", "Ghent"))
    settings = Settings(migrated_url, parse_process=False)
    streamed = extract_inputs([str(folder)], settings)
    assert counted_streams == [5]  # 3 batches of at most 2, one stream
    assert (streamed.documents, streamed.skipped, streamed.sentences) == (5, 0, 15)
    expected = stored_claims(migrated_url)

    get_engine(migrated_url).dispose()
    downgrade(migrated_url, "base")
    upgrade(migrated_url)
    counted_streams.clear()
    monkeypatch.setattr(dispatch, "in_this_process", lambda settings: False)  # as tasks run
    batched = extract_inputs([str(folder)], settings)
    assert counted_streams == [2, 2, 1]
    assert (batched.documents, batched.new_claims) == (5, streamed.new_claims)
    assert stored_claims(migrated_url) == expected


def test_the_stream_skips_what_is_stored_and_stores_nothing_twice(
    migrated_url: str, tmp_path: Path, counted_streams: list[int]
) -> None:
    folder = _corpus(tmp_path / "news", ("Lyon", "Porto"))
    settings = Settings(migrated_url, parse_process=False)
    first = extract_inputs([str(folder)], settings)
    _corpus(folder, ("Lyon", "Porto", "Gdansk", "Turku", "Ghent"))  # three more files
    second = extract_inputs([str(folder)], settings)
    again = extract_inputs([str(folder)], settings)
    assert (first.documents, second.documents, second.skipped) == (2, 3, 2)
    assert (again.documents, again.skipped, again.new_claims) == (0, 5, 0)
    assert len(counted_streams) == 2  # the third run never reached the models
    stored = stored_claims(migrated_url)
    assert len(stored) == len({claim[0] for claim in stored})  # each sentence once
