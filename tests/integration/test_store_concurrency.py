"""Two workers storing the same document: the second finds the first's copy."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from claims.model import Assessment, Claim, Document, Sentence
from db import repository
from db.models import ClaimRow, DocumentRow
from db.session import unit_of_work
from flows.store import store_document


def test_a_document_stored_meanwhile_by_another_worker_is_skipped_not_a_crash(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "The assembly charged 10 lawmakers with treason on April 30."
    document = Document(text, "/news/a.txt", "A", date(2019, 5, 22), "date-line", "h1")
    claims = [Claim(Sentence(text, 0, len(text), 0, 0), Assessment(0.9, True, "event", ()))]
    assert store_document(migrated_url, document, claims).documents == 1

    # The other worker's insert lands between our "is it stored?" check and our insert.
    real_find = repository.find_document
    calls: list[int] = []

    def stale_check(*args: object) -> DocumentRow | None:
        calls.append(1)
        return None if len(calls) == 1 else real_find(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(repository, "find_document", stale_check)
    summary = store_document(migrated_url, document, claims)
    assert (summary.documents, summary.skipped) == (0, 1)
    assert len(calls) == 2
    with unit_of_work(migrated_url) as session:
        assert session.scalar(select(func.count()).select_from(DocumentRow)) == 1
        assert session.scalar(select(func.count()).select_from(ClaimRow)) == 1
