"""Typed SQLAlchemy 2 models. Alembic migrations in alembic/ create these tables."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp with time zone that always comes back aware.

    SQLite keeps no offset and gives back naive datetimes; claimdesk stores UTC, so a
    naive value read back is UTC. PostgreSQL's values are aware already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class DocumentRow(Base):
    """One text at one location; the same text at a second location is a second row."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("location", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    location: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    date_source: Mapped[str] = mapped_column(String(16))
    published_source: Mapped[str] = mapped_column(String(300), default="")
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    sentences: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    appearances: Mapped[list[AppearanceRow]] = relationship(back_populates="document")


class ClaimRow(Base):
    """A claim: one sentence's content, however many documents it appears in."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    # claims.dedup.number_key: near-duplicates are looked for among equal keys only
    number_key: Mapped[str | None] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float, index=True)
    checkworthy: Mapped[bool] = mapped_column(Boolean, index=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    reasons: Mapped[list[Any]] = mapped_column(JSON)
    quantities: Mapped[list[Any]] = mapped_column(JSON)
    times: Mapped[list[Any]] = mapped_column(JSON)
    speaker: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    entities: Mapped[list[Any]] = mapped_column(JSON)
    in_quote: Mapped[bool] = mapped_column(Boolean, default=False)
    flags: Mapped[list[Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)

    appearances: Mapped[list[AppearanceRow]] = relationship(
        back_populates="claim", order_by="AppearanceRow.id"
    )
    review: Mapped[ReviewItemRow | None] = relationship(back_populates="claim")


class AppearanceRow(Base):
    """Where a claim appears: a sentence of a document, with character offsets."""

    __tablename__ = "appearances"
    __table_args__ = (UniqueConstraint("claim_id", "document_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    sentence_index: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    claim: Mapped[ClaimRow] = relationship(back_populates="appearances")
    document: Mapped[DocumentRow] = relationship(back_populates="appearances")


class ReviewItemRow(Base):
    """A queued claim: its place in the queue, its lease and its verdict."""

    __tablename__ = "review_items"
    __table_args__ = (
        # The lease order: the highest priority first, the oldest claim among equals.
        Index("ix_review_items_queue_order", "status", text("priority DESC"), "id"),
        Index("ix_review_items_status_lease_expires_at", "status", "lease_expires_at"),
        # The desk's queue page over every status, and its overview (migration 0004).
        Index("ix_review_items_priority_order", text("priority DESC"), "id"),
        Index("ix_review_items_reviewed_at", "reviewed_at"),
        # Migration 0007: the lease and the queue listing walk only the items they list.
        Index(
            "ix_review_items_queued_order",
            text("priority DESC"),
            "id",
            postgresql_where=text("status = 'queued'"),
            sqlite_where=text("status = 'queued'"),
        ),
        Index(
            "ix_review_items_open_order",
            text("priority DESC"),
            "id",
            postgresql_where=text("status IN ('queued', 'leased')"),
            sqlite_where=text("status IN ('queued', 'leased')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(String(16))  # queued, leased, reviewed (db.queue)
    priority: Mapped[float] = mapped_column(Float)
    leased_by: Mapped[str | None] = mapped_column(String(200), index=True)
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verdict: Mapped[str | None] = mapped_column(String(16))
    evidence: Mapped[list[Any]] = mapped_column(JSON)
    notes: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(200), index=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime())

    claim: Mapped[ClaimRow] = relationship(back_populates="review")


class ReviewEventRow(Base):
    """An append-only audit record: who changed what, when, from what to what."""

    __tablename__ = "review_events"
    # A claim's chain in order, its last event in one probe (migration 0008).
    __table_args__ = (Index("ix_review_events_claim_chain", "claim_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    kind: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    before: Mapped[dict[str, Any]] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)
    # db.audit.event_hash: chained to the claim's previous event
    hash: Mapped[str] = mapped_column(String(64))


class SourceRow(Base):
    """A feed, page or folder that `poll` reads on a schedule, with what its last poll did."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    location: Mapped[str] = mapped_column(Text, unique=True)  # a URL or an absolute folder path
    kind: Mapped[str] = mapped_column(String(8))  # feed, page, folder
    every_seconds: Mapped[int] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(String(64))
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    documents_found: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    entries: Mapped[list[SourceEntryRow]] = relationship(
        back_populates="source", cascade="all, delete-orphan", passive_deletes=True
    )


class SourceEntryRow(Base):
    """An article a feed listed: ``done`` once stored, ``pending`` until its page is read,
    ``failed`` when it never will be. A done or failed entry is not fetched again."""

    __tablename__ = "source_entries"
    __table_args__ = (UniqueConstraint("source_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # pending, done, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    source: Mapped[SourceRow] = relationship(back_populates="entries")


class UserRow(Base):
    """A user of the desk: a name, a role (db.users.ROLES) and an Argon2 password hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Wrong passwords since first_failure_at; five within a minute set locked_until.
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
