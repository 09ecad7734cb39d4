"""Listings of many claims, streamed and paged, on SQLite and PostgreSQL (db.streaming)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from claims.model import Assessment, Claim, Document, Sentence
from db import queue, repository
from db.models import ClaimRow
from db.session import unit_of_work
from db.streaming import Page, claims_page, count_in_queue, queue_page


def _claims(count: int) -> list[Claim]:
    found = []
    for i in range(count):
        text = f"District {i} reported {i} new cases on day {i}."
        checkworthy = i % 4 != 3
        score = (0.5 + (i * 7 % 10) / 20) if checkworthy else 0.1
        found.append(
            Claim(
                Sentence(text, 0, len(text), 0, i),
                Assessment(score, checkworthy, "quantity", ("r",)),
            )
        )
    return found


def _seed(url: str, count: int = 12) -> None:
    for n, location in enumerate(("/news/a.txt", "https://example.org/b")):
        document = Document(f"Body {n}.", location, "Title", date(2019, 5, 22), "metadata", f"h{n}")
        with unit_of_work(url) as session:
            row = repository.add_document(session, document, count)
            repository.store_claims(session, row, _claims(count))  # the second: appearances
            session.commit()


def test_streamed_claims_have_the_shape_of_claim_as_dict(migrated_url: str) -> None:
    _seed(migrated_url)
    with unit_of_work(migrated_url) as session:
        queue.lease_next(session, "alice", 30)
        session.commit()
        expected = list(repository.iter_claims(session, False))
        streamed = list(claims_page(session, checkworthy_only=False))
    assert streamed == expected
    assert len(streamed) == 12 and len(streamed[0].appearances) == 2
    assert {c.status for c in streamed} == {"queued", "leased", "not_queued"}


def test_the_queue_pages_in_the_lease_order(migrated_url: str) -> None:
    _seed(migrated_url)
    with unit_of_work(migrated_url) as session:
        everything = [c.id for c in queue_page(session)]
        pages = [[c.id for c in queue_page(session, Page(4, offset))] for offset in (0, 4, 8)]
        total = count_in_queue(session)
        lease = queue.lease_next(session, "alice", 30)
    assert total == len(everything) == 9  # the checkworthy ones
    assert pages == [everything[:4], everything[4:8], everything[8:]]
    assert lease is not None and lease.claim_id == everything[0]
    with unit_of_work(migrated_url) as session:
        rows = {
            r.id: r for r in session.scalars(select(ClaimRow).where(ClaimRow.id.in_(everything)))
        }
        priorities = [rows[i].review.priority for i in everything if rows[i].review]  # type: ignore[union-attr]
    assert priorities == sorted(priorities, reverse=True)


def test_claims_page_a_slice_of_the_checkworthy_in_order(migrated_url: str) -> None:
    _seed(migrated_url)
    with unit_of_work(migrated_url) as session:
        ids = [c.id for c in claims_page(session)]
        second = [c.id for c in claims_page(session, Page(3, 3))]
    assert ids == sorted(ids) and len(ids) == 9
    assert second == ids[3:6]


def test_a_batch_smaller_than_the_listing_changes_nothing(migrated_url: str) -> None:
    from db.streaming import claim_order, claims_query, stream_with_context

    _seed(migrated_url)
    with unit_of_work(migrated_url) as session:
        query = claim_order(claims_query(queued_only=False))
        small = list(stream_with_context(session, query, batch=5))
        large = list(stream_with_context(session, query, batch=1000))
        first = repository.claim_context(session, small[0].claim.id)
    assert small == large and len(small) == 12
    assert small[0].context == first == "Body 0."


def test_a_listing_left_half_read_closes_its_cursor(migrated_url: str) -> None:
    _seed(migrated_url)
    with unit_of_work(migrated_url) as session:
        listing = claims_page(session, checkworthy_only=False)
        next(listing)
        listing.close()  # what a caller that stops early does (or the garbage collector)
        assert len(list(claims_page(session, Page(2)))) == 2


def test_the_context_cut_by_the_database_is_the_context_of_the_whole_text(
    migrated_url: str,
) -> None:
    """Claims at the start, middle and end of a long text beyond ASCII: the window the
    database cuts out (characters, not bytes) gives what context_around gives."""
    from db.repository import context_around
    from db.streaming import claim_order, claims_query, stream_with_context

    filler = "Le café coûta 3 € de plus à Zürich 🙂 selon l’office. " * 12
    sentences = [
        "Exports rose 12 percent in 2018.",
        "The ministry counted 39 deaths in Malmö.",
        "Prices fell 4 percent in May.",
    ]
    body = sentences[0] + " " + filler + sentences[1] + " " + filler + sentences[2]
    claims = []
    for index, sentence in enumerate(sentences):
        start = body.index(sentence)
        claims.append(
            Claim(
                Sentence(sentence, start, start + len(sentence), 0, index),
                Assessment(0.9, True, "quantity", ("r",)),
            )
        )
    document = Document(body, "/long.txt", "Long", date(2019, 5, 22), "metadata", "long")
    with unit_of_work(migrated_url) as session:
        row = repository.add_document(session, document, len(claims))
        repository.store_claims(session, row, claims)
        session.commit()
    with unit_of_work(migrated_url) as session:
        query = claim_order(claims_query(queued_only=False))
        found = {f.claim.text: f.context for f in stream_with_context(session, query, batch=2)}
    for claim in claims:
        expected = context_around(body, claim.sentence.start, claim.sentence.end)
        assert found[claim.text] == expected
    assert found[sentences[0]].startswith("Exports") and found[sentences[0]].endswith("…")
    assert found[sentences[1]].startswith("…") and found[sentences[1]].endswith("…")
    assert found[sentences[2]].startswith("…") and found[sentences[2]].endswith("May.")


def test_json_columns_orjson_refuses_are_still_read() -> None:
    import math

    from db.session import json_loads

    assert json_loads(b'{"value": 1.5, "unit": "km"}') == {"value": 1.5, "unit": "km"}
    [value] = json_loads("[NaN]")  # what json.dumps writes for a NaN, which orjson refuses
    assert math.isnan(value)
