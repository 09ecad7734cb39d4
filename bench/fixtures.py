"""Large queues for the benchmark, made by set-based SQL on PostgreSQL, not the pipeline.

``INSERT … SELECT … FROM generate_series`` writes the rows; the rows look like what the
pipeline stores (a document per 100 claims, one appearance each, a queue item with a
priority spread over the range the pipeline gives, its ``queued`` audit event with the
hash ``db.audit.event_hash`` gives it). The indexes and the unique and foreign-key
constraints are dropped for the load and made again from their own definitions after
it, in the same transaction: building an index once is several times faster than
growing it a row at a time (the trigram indexes most of all).
"""

from __future__ import annotations

from datetime import UTC, datetime

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
    SELECT g, g, 'queued', 0.5 + (((g::bigint * 7919) % 100000) + 0.5) / 100000.0, NULL, NULL,
           NULL, '[]', NULL, NULL, NULL, CAST(:at AS timestamptz)
    FROM generate_series(1, :claims) AS g
    """,
    # The canonical JSON of db.audit.event_hash, keys sorted; a priority is never a whole
    # number, so PostgreSQL writes it as Python does (0.500005, not 1 for 1.0).
    """
    INSERT INTO review_events (id, claim_id, kind, actor, at, before, after, hash)
    SELECT item.claim_id, item.claim_id, 'queued', 'claimdesk', CAST(:at AS timestamptz),
           CAST('{}' AS json),
           CAST('{"status": "queued", "priority": ' || item.priority::text || '}' AS json),
           encode(sha256(convert_to(
               '{"actor":"claimdesk","after":{"priority":' || item.priority::text
               || ',"status":"queued"},"at":"' || :at_text || '","before":{},"claim_id":'
               || item.claim_id::text || ',"kind":"queued","previous":""}', 'UTF8')), 'hex')
    FROM review_items AS item
    """,
)
_TABLES = ["documents", "claims", "appearances", "review_items", "review_events"]
# Foreign keys first (they lean on the unique indexes), unique constraints, then the rest.
_CONSTRAINTS = """
    SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
    FROM pg_constraint
    WHERE contype IN ('f', 'u') AND conrelid::regclass::text = ANY(:tables)
    ORDER BY contype = 'f' DESC, conname
"""
_INDEXES = """
    SELECT indexname, indexdef FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = ANY(:tables)
      AND indexname NOT IN (SELECT conname FROM pg_constraint)
"""


def queue_of(url: str, claims: int) -> None:
    """Fill a migrated, empty PostgreSQL database with ``claims`` queued claims."""
    engine = get_engine(url)
    if engine.dialect.name != "postgresql":
        raise ValueError("the large-queue fixture is PostgreSQL SQL (generate_series)")
    at = datetime.now(UTC).replace(microsecond=0)
    values = {
        "claims": claims,
        "documents": max(1, -(-claims // CLAIMS_PER_DOCUMENT)),
        "per_document": CLAIMS_PER_DOCUMENT,
        "document_text": DOCUMENT_TEXT,
        "paragraph_length": len(_PARAGRAPH),
        "at": at,
        "at_text": at.isoformat(timespec="microseconds"),
    }
    with engine.begin() as connection:
        run = connection.exec_driver_sql
        run("SET LOCAL maintenance_work_mem = '256MB'")
        run("SET LOCAL synchronous_commit = off")  # a scratch database, rebuilt if lost
        constraints = connection.execute(text(_CONSTRAINTS), {"tables": _TABLES}).all()
        indexes = connection.execute(text(_INDEXES), {"tables": _TABLES}).all()
        for table, name, _ in constraints:
            run(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            run(f'DROP INDEX "{name}"')
        for statement in _STATEMENTS:
            connection.execute(text(statement), values)
        for _, definition in indexes:
            run(definition)
        for table, name, definition in reversed(constraints):
            run(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for table in _TABLES:
            run(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
        # Write the load out now rather than in a checkpoint during the measurement.
        if connection.execute(
            text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        ).scalar():
            connection.execute(text("CHECKPOINT"))
