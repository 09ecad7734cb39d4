"""Storing documents and claims, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from claims.model import Assessment, Claim, Document, Sentence
from db import repository
from db.models import ClaimRow, DocumentRow, ReviewEventRow, ReviewItemRow
from db.session import unit_of_work


def a_document(location: str = "/news/a.txt", text: str = "Some text.") -> Document:
    return Document(text, location, "A", date(2019, 5, 22), "date-line", f"hash-{text}")


def a_claim(text: str, checkworthy: bool = True, index: int = 0) -> Claim:
    sentence = Sentence(text, 0, len(text), 0, index)
    return Claim(sentence, Assessment(0.9 if checkworthy else 0.1, checkworthy, "event", ("r",)))


def test_unit_of_work_rolls_back_what_was_not_committed(migrated_url: str) -> None:
    with unit_of_work(migrated_url) as session:
        repository.add_document(session, a_document(), 1)
    with unit_of_work(migrated_url) as session:
        assert session.scalar(select(func.count()).select_from(DocumentRow)) == 0


def test_identical_sentences_in_two_documents_are_one_claim_queued_once(
    migrated_url: str,
) -> None:
    text = "The assembly charged 10 lawmakers with treason on April 30."
    with unit_of_work(migrated_url) as session:
        for location in ("/news/a.txt", "/mirror/a.txt"):
            row = repository.add_document(session, a_document(location), 1)
            repository.store_claims(session, row, [a_claim(text)])
        session.commit()
    with unit_of_work(migrated_url) as session:
        [claim] = session.scalars(select(ClaimRow)).all()
        assert len(claim.appearances) == 2
        assert session.scalar(select(func.count()).select_from(ReviewItemRow)) == 1
        events = session.scalars(select(ReviewEventRow)).all()
        assert [e.kind for e in events] == ["queued"]


def test_claims_below_the_threshold_are_stored_but_not_queued(migrated_url: str) -> None:
    with unit_of_work(migrated_url) as session:
        row = repository.add_document(session, a_document(), 2)
        result = repository.store_claims(
            session, row, [a_claim("Truly free elections.", checkworthy=False)]
        )
        session.commit()
    assert (result.new_claims, result.queued) == (1, 0)
    with unit_of_work(migrated_url) as session:
        assert repository.queued_items(session) == []
        assert len(list(repository.iter_claims(session, checkworthy_only=False))) == 1


def test_a_document_is_stored_once_per_location_and_content(migrated_url: str) -> None:
    from sqlalchemy.exc import IntegrityError

    with unit_of_work(migrated_url) as session:
        repository.add_document(session, a_document(), 1)
        session.commit()
    with unit_of_work(migrated_url) as session, pytest.raises(IntegrityError):
        repository.add_document(session, a_document(), 1)
