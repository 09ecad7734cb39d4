"""Extraction on a local Dask cluster of two workers stores exactly the claims of a local run."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.migrate import downgrade, upgrade
from db.session import get_engine
from flows import extract, store
from flows.settings import Settings
from tests.helpers import SEEDS, stored_claims

distributed = pytest.importorskip("distributed")

STORIES = (
    "Officials said 12 bridges in {city} closed on Monday after the storm.",
    "The council of {city} approved a budget of 4.5 million dollars for 2020.",
    "Turnout in {city} rose to 61 percent, up five points from 2015.",
    "The mayor of {city} said the city would hire 300 new teachers next year.",
)


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "seed.txt").write_text(next(SEEDS.glob("*.txt")).read_text("utf-8"), "utf-8")
    for n, city in enumerate(("Lyon", "Porto", "Gdansk", "Turku", "Ghent")):
        body = "\n\n".join(line.format(city=city) for line in STORIES)
        shared = "The national statistics office counted 2.1 million visitors in May."
        (folder / f"story-{n}.txt").write_text(f"date 2019-06-0{n + 1}\n\n{body}\n\n{shared}\n")
    return folder


def test_a_dask_cluster_of_two_workers_stores_the_claims_of_a_local_run(
    migrated_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path / "news")
    monkeypatch.setattr(store, "DOCUMENTS_PER_TASK", 2)  # 6 documents: 3 batches
    # Locally spaCy parses in this process; on the workers, in a process of their own each.
    here = Settings(migrated_url, parse_process=False)
    local = extract.extract_claims.fn(inputs=[str(folder)], settings=here)
    expected = stored_claims(migrated_url)
    assert local.documents == 6 and len(expected) > 30

    get_engine(migrated_url).dispose()
    downgrade(migrated_url, "base")
    upgrade(migrated_url)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        settings = Settings(
            migrated_url, dask_address=cluster.scheduler_address, parse_process=True
        )
        on_dask = extract.extract_claims.fn(inputs=[str(folder)], settings=settings)
        with distributed.Client(cluster) as client:
            workers = client.run(lambda: bool(store._loading))
    assert (on_dask.documents, on_dask.new_claims, on_dask.queued) == (
        local.documents,
        local.new_claims,
        local.queued,
    )
    assert stored_claims(migrated_url) == expected
    assert sorted(workers.values()) == [True, True]  # both workers loaded models and worked
