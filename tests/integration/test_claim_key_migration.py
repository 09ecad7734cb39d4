"""Migration 0009 on SQLite and PostgreSQL: claim keys hold the days a claim is about."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from claims.dedup import claim_key
from claims.model import Assessment, Claim, Document, Sentence, TimeSpan
from db import repository
from db.migrate import current_revision, downgrade, upgrade
from db.models import ClaimRow
from db.session import unit_of_work

SENTENCE = "On Tuesday, the council approved a budget of 12 million dollars."


def store(url: str, location: str, day: date | None) -> None:
    claim = Claim(Sentence(SENTENCE, 0, len(SENTENCE), 0, 0), Assessment(0.9, True, "event", ()))
    claim = replace(claim, times=(TimeSpan("On Tuesday", day, day),))
    document = Document(SENTENCE, location, "T", day, "date-line", f"h-{location}")
    with unit_of_work(url) as session:
        row = repository.add_document(session, document, 1)
        repository.store_claims(session, row, [claim])
        session.commit()


def keys(url: str) -> list[str]:
    with unit_of_work(url) as session:
        return list(session.scalars(select(ClaimRow.key).order_by(ClaimRow.id)))


def test_dated_claims_are_rekeyed_both_ways(migrated_url: str) -> None:
    store(migrated_url, "/july.txt", date(2019, 7, 2))
    store(migrated_url, "/undated.txt", None)
    dated = claim_key(SENTENCE, ("2019-07-02/2019-07-02",))
    assert keys(migrated_url) == [dated, claim_key(SENTENCE)]
    head = current_revision(migrated_url)
    # The undated claim would collide with the dated one under text-only keys.
    with pytest.raises(RuntimeError, match="cannot downgrade below 0009"):
        downgrade(migrated_url, "-1")
    assert current_revision(migrated_url) == head


def test_a_downgrade_gives_text_keys_and_the_upgrade_the_days_again(migrated_url: str) -> None:
    store(migrated_url, "/july.txt", date(2019, 7, 2))
    downgrade(migrated_url, "-1")
    assert keys(migrated_url) == [claim_key(SENTENCE)]
    upgrade(migrated_url)
    assert keys(migrated_url) == [claim_key(SENTENCE, ("2019-07-02/2019-07-02",))]
    store(migrated_url, "/july-again.txt", date(2019, 7, 2))  # the same claim: one row
    assert len(keys(migrated_url)) == 1
