"""Large queues for the benchmark, made by set-based SQL on PostgreSQL, not the pipeline.

``INSERT … SELECT … FROM generate_series`` writes a million queued claims in seconds;
the rows look like what the pipeline stores (a document per 100 claims, one appearance
each, a queue item with a priority spread over the range the pipeline gives).
"""

from __future__ import annotations

from sqlalchemy import text

from db.session import get_engine

CLAIMS_PER_DOCUMENT = 100
_PARAGRAPH = (
    "The ministry reported new cases in the district on Tuesday, a rise of 12 percent "
    "from the week before, officials said. "
)
DOCUMENT_TEXT = _PARAGRAPH * 20

_STATEMENTS = (
    """
    INSERT INTO documents (id, location, title, published, date_source, content_hash, text,
                           sentences, created_at)
    SELECT d, 'https://bench.example.org/story/' || d, 'Bench story ' || d, DATE '2019-05-22',
           'metadata', md5('document ' || d) || md5('copy ' || d), :document_text,
           :per_document, now()
    FROM generate_series(1, :documents) AS d
    """,
    """
    INSERT INTO claims (id, key, number_key, text, score, checkworthy, type, reasons,
                        quantities, times, speaker, source, entities, in_quote, flags,
                        version, created_at)
    SELECT g, md5('claim ' || g) || md5('key ' || g), NULL,
           'Claim ' || g || ': the ministry reported ' || g || ' new cases in district '
               || (g % 97) || '.',
           0.5 + ((g * 37) % 50) / 100.0, true,
           (ARRAY['quantity', 'statistic', 'event'])[1 + g % 3],
           '["+ number", "+ reported"]', '[]', '[]', NULL, 'the ministry', '[]', false, '[]', 1,
           now() - (g % 10000) * interval '1 minute'
    FROM generate_series(1, :claims) AS g
    """,
    """
    INSERT INTO appearances (id, claim_id, document_id, sentence_index, paragraph, start, "end")
    SELECT g, g, 1 + (g - 1) / :per_document, (g - 1) % :per_document, 0,
           ((g - 1) % 20) * :paragraph_length, ((g - 1) % 20) * :paragraph_length + 60
    FROM generate_series(1, :claims) AS g
    """,
    """
    INSERT INTO review_items (id, claim_id, status, priority, leased_by, lease_expires_at,
                              verdict, evidence, notes, reviewer, reviewed_at, queued_at)
    SELECT g, g, 'queued', 0.5 + ((g::bigint * 7919) % 100000) / 100000.0, NULL, NULL, NULL, '[]',
           NULL, NULL, NULL, now()
    FROM generate_series(1, :claims) AS g
    """,
)


def queue_of(url: str, claims: int) -> None:
    """Fill a migrated, empty PostgreSQL database with ``claims`` queued claims."""
    engine = get_engine(url)
    if engine.dialect.name != "postgresql":
        raise ValueError("the large-queue fixture is PostgreSQL SQL (generate_series)")
    values = {
        "claims": claims,
        "documents": max(1, -(-claims // CLAIMS_PER_DOCUMENT)),
        "per_document": CLAIMS_PER_DOCUMENT,
        "document_text": DOCUMENT_TEXT,
        "paragraph_length": len(_PARAGRAPH),
    }
    with engine.begin() as connection:
        for statement in _STATEMENTS:
            connection.execute(text(statement), values)
        for table in ("documents", "claims", "appearances", "review_items"):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
